/* sp-window-navigation.c — from the lists to an episode or a SIP and back, and the dialogs
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages ask for each other through window actions (win.open-episode, win.open-sip, …) rather
 * than knowing the window: an episode page opens its SIP, a notice in the inbox its episode.
 */

#define G_LOG_DOMAIN "sp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-admission-dialog.h"
#include "sp-episode-page.h"
#include "sp-print.h"
#include "sp-sip-editor.h"
#include "sp-window-private.h"

static gboolean
showing_record (SpWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->content_stack);

  return g_strcmp0 (name, "episode") == 0 || g_strcmp0 (name, "sip") == 0;
}

/**
 * sp_window_navigation_update:
 *
 * Enables what the session allows and shows the back button where there is a way back.
 */
void
sp_window_navigation_update (SpWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean signed_in = self->account != NULL;

  gtk_widget_set_visible (self->back_button,
                          showing_record (self) || adw_leaflet_get_folded (self->leaflet));
  gtk_widget_action_set_enabled (widget, "win.open-episode", signed_in);
  gtk_widget_action_set_enabled (widget, "win.open-sip", signed_in);
  gtk_widget_action_set_enabled (widget, "win.new-sip", signed_in);
  gtk_widget_action_set_enabled (widget, "win.print-templates", signed_in);
  /* Admission notices come from the hospital ward (DOMAIN §5). */
  gtk_widget_action_set_enabled (widget, "win.new-admission",
                                 signed_in && sp_account_get_unit_kind (self->account)
                                                == SP_UNIT_KIND_INPATIENT);
}

static void
show_record (SpWindow   *self,
             AdwBin     *slot,
             const char *name,
             GtkWidget  *page,
             const char *title)
{
  adw_bin_set_child (slot, page);
  adw_window_title_set_title (self->content_title, title);
  sp_window_show_page (self, name);
  /* Folded, the content is a page of its own. */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
open_episode_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SpWindow *self = SP_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  GtkWidget *page;

  g_return_if_fail (self->account != NULL);

  page = sp_episode_page_new (self->account, id);
  show_record (self, self->episode_slot, "episode", page, _("Episode"));
  /* The patient's name once the episode is loaded. */
  g_object_bind_property (page, "title", self->content_title, "title", G_BINDING_DEFAULT);
}

static void
open_sip_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SpWindow *self = SP_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  g_return_if_fail (self->account != NULL);

  show_record (self, self->sip_slot, "sip", sp_sip_editor_new (self->account, id), _("SIP"));
}

/* The parameter is the episode the SIP is for, or "" for a stand-alone SIP. */
static void
new_sip_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SpWindow *self = SP_WINDOW (widget);
  const char *episode_id = g_variant_get_string (parameter, NULL);

  g_return_if_fail (self->account != NULL);

  show_record (self, self->sip_slot, "sip",
               sp_sip_editor_new_for_episode (self->account,
                                              *episode_id != '\0' ? episode_id : NULL),
               _("New SIP"));
}

static void
admitted_cb (SpWindow   *self,
             const char *episode_id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-episode", "s", episode_id);
}

static void
new_admission_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SpWindow *self = SP_WINDOW (widget);
  SpAdmissionDialog *dialog;

  g_return_if_fail (self->account != NULL);

  dialog = sp_admission_dialog_new (GTK_WINDOW (self), self->account);
  g_signal_connect_object (dialog, "admitted", G_CALLBACK (admitted_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_templates_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SpWindow *self = SP_WINDOW (widget);

  g_return_if_fail (self->account != NULL);

  sp_print_show_templates (GTK_WINDOW (self), self->account);
}

/* From an episode or SIP back to the list it was opened from; folded, to the sidebar. */
static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SpWindow *self = SP_WINDOW (widget);

  if (showing_record (self))
    {
      sp_window_show_page (self, self->list_page != NULL ? self->list_page : "overview");
      adw_bin_set_child (self->episode_slot, NULL);
      adw_bin_set_child (self->sip_slot, NULL);
      return;
    }

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

void
sp_window_navigation_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-episode", "s", open_episode_action);
  gtk_widget_class_install_action (widget_class, "win.open-sip", "s", open_sip_action);
  gtk_widget_class_install_action (widget_class, "win.new-sip", "s", new_sip_action);
  gtk_widget_class_install_action (widget_class, "win.new-admission", NULL,
                                   new_admission_action);
  gtk_widget_class_install_action (widget_class, "win.print-templates", NULL,
                                   print_templates_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-admission", NULL);
}
