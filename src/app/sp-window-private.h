/* sp-window-private.h — the main window's parts, shared by its source files
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-account.h"
#include "sp-cache.h"
#include "sp-client.h"
#include "sp-status-indicator.h"
#include "sp-sync.h"
#include "sp-window.h"

G_BEGIN_DECLS

struct _SpWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template: the sign-in page */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwEntryRow          *server_row;
  AdwEntryRow          *username_row;
  AdwPasswordEntryRow  *password_row;
  GtkLabel             *sign_in_error;
  GtkButton            *sign_in_button;

  /* Template: the signed-in page */
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  GtkListBoxRow        *overview_row;
  GtkListBoxRow        *inbox_row;
  GtkListBoxRow        *reports_row;
  GtkLabel             *inbox_badge;
  GtkLabel             *user_label;
  GtkLabel             *unit_label;
  AdwWindowTitle       *content_title;
  GtkWidget            *back_button;
  SpStatusIndicator    *status_indicator;
  GtkStack             *content_stack;
  AdwBin               *overview_slot;
  AdwBin               *inbox_slot;
  AdwBin               *reports_slot;
  AdwBin               *episode_slot;
  AdwBin               *sip_slot;
  /* Above the content: what the sync engine has to say (outage). */
  AdwBin               *banner_slot;
  /* The list page an episode or SIP was opened from, for going back. */
  char                 *list_page;

  GSettings            *settings;
  /* Cancelled in dispose, so that no late answer reaches a closed window. */
  GCancellable         *cancellable;

  /* The session: set while signed in (also offline). */
  SpClient             *client;
  SpCache              *cache;
  SpSync               *sync;
  SpOutbox             *outbox;
  /* What the pages get: set once the local copy is open. */
  SpAccount            *account;
  JsonNode             *profile;
  char                 *username;
  char                 *last_error;
  gboolean              signing_in;
  gboolean              disposing;
};

/* sp-window.c */
void     sp_window_enter_session (SpWindow   *self,
                                  SpClient   *client,
                                  const char *username,
                                  JsonNode   *profile);
void     sp_window_leave_session (SpWindow   *self);
void     sp_window_show_toast    (SpWindow   *self,
                                  const char *text);

void     sp_window_show_page      (SpWindow   *self,
                                  const char *name);

/* sp-window-navigation.c: the episode and SIP pages, the dialogs they open */
void     sp_window_navigation_class_init (GtkWidgetClass *widget_class);
void     sp_window_navigation_update     (SpWindow       *self);

/* sp-window-sign-in.c */
void     sp_window_sign_in_class_init (GtkWidgetClass *widget_class);
void     sp_window_sign_in_start      (SpWindow       *self);
void     sp_window_show_sign_in       (SpWindow       *self,
                                       const char     *message);
JsonNode *sp_window_profile_new       (JsonObject     *answer,
                                       JsonObject     *user,
                                       JsonObject     *unit);

G_END_DECLS
