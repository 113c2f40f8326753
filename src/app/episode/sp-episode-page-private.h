/* sp-episode-page-private.h — what the episode page's files share
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-episode-page.h"
#include "sp-episode.h"

G_BEGIN_DECLS

struct _SpEpisodePage
{
  AdwBin           parent_instance;

  SpAccount       *account;
  char            *episode_id;
  GCancellable    *cancellable;

  JsonNode        *rendering;     /* GET /episodes/:id as last answered */
  SpEpisode       *episode;       /* the core's reading of it, for sp_episode_can () */
  JsonNode        *thread;        /* GET /episodes/:id/messages: its items */
  char            *title;
  char            *sip_id;        /* the episode's SIP, if it has one */
  guint            n_queued;      /* this page's writes the outbox answered "kept" */
  guint            n_pending;     /* the outbox's commands on the episode, as last shown */
  guint            busy;          /* writes under way: none more on a stale revision */

  AdwToast        *toast;         /* weak: the one shown */

  AdwToastOverlay *toast_overlay;
  GtkStack        *load_stack;
  AdwStatusPage   *error_page;
  GtkLabel        *name_label;
  AdwBin          *track_slot;
  GtkLabel        *subtitle_label;
  GtkLabel        *state_label;
  GtkButton       *sip_button;
  GtkWidget       *pending_mark;
  GtkWidget       *pending_box;
  GtkLabel        *pending_label;
  GtkWidget       *restricted_box;
  GtkLabel        *restricted_label;
  GtkListBox      *patient_list;
  GtkListBox      *units_list;
  GtkListBox      *contacts_list;
  GtkListBox      *timeline_list;
  AdwViewStack    *view_stack;
  AdwBin          *planning_slot;
  AdwBin          *info_slot;
};

/* What to do once a write is applied and shown (e.g. the next write, on the new revision). */
typedef void (*SpEpisodePageThen) (SpEpisodePage *self);

/* sp-episode-page.c */
JsonObject *sp_episode_page_get_rendering   (SpEpisodePage *self);
gboolean    sp_episode_page_can             (SpEpisodePage *self,
                                             SpEpisodeAction action);
void        sp_episode_page_reload          (SpEpisodePage *self);
void        sp_episode_page_set_title       (SpEpisodePage *self,
                                             const char    *title);
void        sp_episode_page_toast           (SpEpisodePage *self,
                                             const char    *text);
void        sp_episode_page_submit          (SpEpisodePage *self,
                                             const char    *method,
                                             const char    *path,
                                             JsonObject    *body,
                                             const char    *done_text,
                                             const char    *follow_up_text,
                                             SpEpisodePageThen then);
JsonObject *sp_episode_page_new_command     (SpEpisodePage *self);
char       *sp_episode_page_unit_label      (SpEpisodePage *self,
                                             const char    *unit_id);
char       *sp_episode_page_describe_day0   (GDateTime     *ready_sent);

/* sp-episode-card.c */
void        sp_episode_card_show            (SpEpisodePage *self,
                                             JsonObject    *rendering);

/* sp-episode-page-actions.c */
void        sp_episode_page_actions_class_init (GtkWidgetClass *widget_class);
void        sp_episode_page_actions_update  (SpEpisodePage *self);

/* sp-episode-timeline.c */
void        sp_episode_timeline_fill        (SpEpisodePage *self);
GPtrArray  *sp_episode_timeline_dup_unacknowledged (SpEpisodePage *self);

G_END_DECLS
