/* sp-episode-timeline.c — the episode page's timeline: every event and message, oldest first
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows come from GET /episodes/:id/messages, the thread that merges the episode's event
 * log (read-only items) with the messages the unit may see. The ready notice also says its
 * day 0 by the core's 12:00 rule. Last come the user's commands on the episode that the
 * outbox still holds ("Inte skickat än"): they leave when the server has applied them and the
 * thread, read again, shows them as they are.
 */

#define G_LOG_DOMAIN "sp-episode-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-enum-types.h"
#include "sp-episode-page-private.h"
#include "sp-format.h"
#include "sp-json.h"
#include "sp-pending-mark.h"

static const char *
describe_event (SpEpisodeAction kind)
{
  switch (kind)
    {
    case SP_EPISODE_ACTION_SEND_ADMISSION_NOTICE:
      return _("Admission notice sent");
    case SP_EPISODE_ACTION_CHANGE_ESTIMATED_DISCHARGE:
      return _("Estimated discharge changed, notice sent again");
    case SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE:
      return _("Admission notice acknowledged");
    case SP_EPISODE_ACTION_ACKNOWLEDGE_READY:
      return _("Ready notice acknowledged");
    case SP_EPISODE_ACTION_NAME_CARE_CONTACT:
      return _("Care contact named");
    case SP_EPISODE_ACTION_SET_LEAD_CARE_CONTACT:
      return _("Lead care contact chosen");
    case SP_EPISODE_ACTION_ANSWER_PLANNING:
      return _("Planning basis answered");
    case SP_EPISODE_ACTION_MARK_READY:
      return _("Ready for discharge");
    case SP_EPISODE_ACTION_RETRACT_READY:
      return _("Ready for discharge retracted");
    case SP_EPISODE_ACTION_DISCHARGE:
      return _("Discharge notice");
    case SP_EPISODE_ACTION_RETRACT_DISCHARGE:
      return _("Discharge retracted");
    case SP_EPISODE_ACTION_REGISTER_DEATH:
      return _("Death registered");
    case SP_EPISODE_ACTION_CANCEL:
      return _("Episode cancelled");
    case SP_EPISODE_ACTION_ADD_UNIT_VIA_SIP_INVITATION:
      return _("Unit added by a SIP invitation");
    default:
      g_assert_not_reached ();
    }
}

static const char *
event_icon (SpEpisodeAction kind)
{
  switch (kind)
    {
    case SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE:
    case SP_EPISODE_ACTION_ACKNOWLEDGE_READY:
      return "object-select-symbolic";
    case SP_EPISODE_ACTION_MARK_READY:
    case SP_EPISODE_ACTION_DISCHARGE:
      return "emblem-ok-symbolic";
    case SP_EPISODE_ACTION_RETRACT_READY:
    case SP_EPISODE_ACTION_RETRACT_DISCHARGE:
    case SP_EPISODE_ACTION_CANCEL:
      return "edit-undo-symbolic";
    default:
      return "document-send-symbolic";
    }
}

static char *
describe_source (SpEpisodePage *self,
                 GDateTime     *at,
                 const char    *person,
                 const char    *unit_id)
{
  g_autofree char *time = sp_format_time (at);
  g_autofree char *unit = sp_episode_page_unit_label (self, unit_id);

  /* Translators: time · person, unit. */
  return g_strdup_printf (_("%s · %s, %s"), time, person != NULL ? person : "", unit);
}

static GtkWidget *
new_row (const char *icon_name,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static GtkWidget *
new_event_row (SpEpisodePage *self,
               JsonObject    *item)
{
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *source = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *day0 = NULL;
  g_autofree char *detail_text = NULL;
  const char *detail = NULL;
  int kind;
  GtkWidget *row;

  if (!sp_enum_from_nick (SP_TYPE_EPISODE_ACTION, json_object_get_string_member (item, "kind"),
                          &kind) ||
      !sp_json_get_datetime (item, "at", TRUE, &at, NULL))
    return NULL;

  source = describe_source (self, at, json_object_get_string_member_with_default (item,
                                                                                  "user_name",
                                                                                  NULL),
                            json_object_get_string_member_with_default (item, "unit_id", NULL));
  if (json_object_has_member (item, "detail") &&
      !json_object_get_null_member (item, "detail"))
    detail = json_object_get_string_member (item, "detail");

  if (kind == SP_EPISODE_ACTION_SEND_ADMISSION_NOTICE ||
      kind == SP_EPISODE_ACTION_CHANGE_ESTIMATED_DISCHARGE)
    detail_text = detail != NULL ? g_strdup_printf (_("Estimated discharge %s"), detail) : NULL;
  else
    detail_text = g_strdup (detail);

  if (kind == SP_EPISODE_ACTION_MARK_READY)
    day0 = sp_episode_page_describe_day0 (at);

  subtitle = g_strjoin ("\n", source, day0 != NULL ? day0 : detail_text, NULL);
  row = new_row (event_icon (kind), describe_event (kind), subtitle);
  if (day0 != NULL)
    gtk_widget_add_css_class (row, "sp-episode-day0");

  return row;
}

/* The unit's acknowledgement of a sent message: NULL if it is not a recipient. */
static JsonObject *
find_own_acknowledgement (SpEpisodePage *self,
                          JsonObject    *message)
{
  const char *unit_id = sp_account_get_unit_id (self->account);
  JsonArray *acks;

  if (!json_object_has_member (message, "acknowledgements"))
    return NULL;

  acks = json_object_get_array_member (message, "acknowledgements");
  for (guint i = 0; acks != NULL && i < json_array_get_length (acks); i++)
    {
      JsonObject *ack = json_array_get_object_element (acks, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (ack, "unit_id", NULL),
                     unit_id) == 0)
        return ack;
    }

  return NULL;
}

static GtkWidget *
new_message_row (SpEpisodePage *self,
                 JsonObject    *item)
{
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *source = NULL;
  g_autofree char *to = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  JsonObject *author = json_object_get_object_member (item, "author");
  JsonObject *ack = find_own_acknowledgement (self, item);
  const char *to_unit = json_object_get_string_member_with_default (item, "to", "all");
  const char *text = json_object_get_string_member_with_default (item, "text", NULL);
  gboolean sent = g_strcmp0 (json_object_get_string_member_with_default (item, "status", NULL),
                             "sent") == 0;
  gboolean admin = g_strcmp0 (json_object_get_string_member_with_default (item, "kind", NULL),
                              "admin_message") == 0;
  GtkWidget *row;

  if (!sp_json_get_datetime (item, "created_at", TRUE, &created, NULL))
    return NULL;

  source = describe_source (self, created,
                            author != NULL
                            ? json_object_get_string_member_with_default (author, "name", NULL)
                            : NULL,
                            json_object_get_string_member_with_default (item, "from_unit_id",
                                                                        NULL));
  if (g_strcmp0 (to_unit, "all") == 0)
    to = g_strdup (_("To all units"));
  else
    {
      g_autofree char *unit = sp_episode_page_unit_label (self, to_unit);

      /* Translators: "Till Vårdcentralen Norr". */
      to = g_strdup_printf (_("To %s"), unit);
    }
  /* Translators: "Generellt meddelande (sparat)": Spara without Sänd. */
  title = g_strdup_printf (sent ? "%s" : _("%s (saved, not sent)"),
                           admin ? _("Administrative message") : _("General message"));
  if (text == NULL)
    text = json_object_get_string_member_with_default (item, "restricted_reason", "");
  subtitle = g_strjoin ("\n", source, to, text, NULL);
  row = new_row (sent ? "mail-send-symbolic" : "document-save-symbolic", title, subtitle);

  if (sent && ack != NULL && !json_object_get_boolean_member_with_default (ack, "acknowledged",
                                                                           FALSE))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Acknowledge"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "episode.acknowledge-message");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        json_object_get_string_member (item, "id"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  else if (sent && ack != NULL)
    {
      GtkWidget *label = gtk_label_new (_("Acknowledged"));

      gtk_widget_add_css_class (label, "success");
      gtk_widget_add_css_class (label, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  return row;
}

/* What a kept command does, by the last part of its path (a message: its kind). */
static const char *
describe_command (JsonObject *command)
{
  static const struct { const char *what; const char *title; } titles[] = {
    { "estimated-discharge", N_("Estimated discharge changed, notice sent again") },
    { "care-contacts", N_("Care contact named") },
    { "lead-care-contact", N_("Lead care contact chosen") },
    { "ready", N_("Ready for discharge") },
    { "retract-ready", N_("Ready for discharge retracted") },
    { "discharge", N_("Discharge notice") },
    { "retract-discharge", N_("Discharge retracted") },
    { "acknowledge", N_("Acknowledged") },
    { "acknowledgements", N_("Acknowledged") },
    { "answers", N_("Planning basis answered") },
  };
  const char *path = json_object_get_string_member_with_default (command, "path", "");
  const char *what = strrchr (path, '/');
  JsonObject *body = json_object_get_object_member (command, "body");

  what = what != NULL ? what + 1 : path;
  if (g_str_equal (what, "messages"))
    return body != NULL &&
           g_strcmp0 (json_object_get_string_member_with_default (body, "kind", NULL),
                      "admin_message") == 0
           ? _("Administrative message") : _("General message");

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (what, titles[i].what))
      return _(titles[i].title);

  return _("Change");
}

/* A command the outbox keeps: what it does, that it is not sent yet, and a message's text. */
static GtkWidget *
new_pending_row (SpEpisodePage *self,
                 JsonObject    *command)
{
  JsonObject *body = json_object_get_object_member (command, "body");
  const char *text = body != NULL
                     ? json_object_get_string_member_with_default (body, "text", NULL)
                     : NULL;
  g_autofree char *subtitle = g_strjoin ("\n",
                                         _("Not sent yet – will be sent when the connection "
                                           "is back"),
                                         text, NULL);
  GtkWidget *row = new_row ("user-status-pending-symbolic", describe_command (command),
                            subtitle);
  GtkWidget *mark = sp_pending_mark_new ();

  sp_pending_mark_set_mark (SP_PENDING_MARK (mark), SP_OUTBOX_MARK_PENDING);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), mark);
  gtk_widget_add_css_class (row, "sp-episode-pending");
  return row;
}

/**
 * sp_episode_timeline_fill:
 *
 * Fills the timeline from the thread the page last read.
 */
void
sp_episode_timeline_fill (SpEpisodePage *self)
{
  SpOutbox *outbox = sp_account_get_outbox (self->account);
  g_autoptr(GPtrArray) pending = NULL;
  GtkWidget *child;
  JsonArray *items = NULL;
  guint n_rows = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->timeline_list))) != NULL)
    gtk_list_box_remove (self->timeline_list, child);

  if (self->thread != NULL && JSON_NODE_HOLDS_OBJECT (self->thread))
    items = json_object_get_array_member (json_node_get_object (self->thread), "items");

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *type = item != NULL
                         ? json_object_get_string_member_with_default (item, "type", NULL)
                         : NULL;
      GtkWidget *row = NULL;

      if (g_strcmp0 (type, "event") == 0)
        row = new_event_row (self, item);
      else if (g_strcmp0 (type, "message") == 0)
        row = new_message_row (self, item);

      if (row != NULL)
        {
          gtk_list_box_append (self->timeline_list, row);
          n_rows++;
        }
    }

  pending = outbox != NULL ? sp_outbox_dup_pending (outbox, self->episode_id) : NULL;
  for (guint i = 0; pending != NULL && i < pending->len; i++)
    {
      JsonNode *command = g_ptr_array_index (pending, i);

      gtk_list_box_append (self->timeline_list,
                           new_pending_row (self, json_node_get_object (command)));
      n_rows++;
    }

  if (n_rows == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing has happened yet"));
      gtk_list_box_append (self->timeline_list, row);
    }
}

/**
 * sp_episode_timeline_dup_unacknowledged:
 *
 * Returns: (transfer full): the ids of the sent messages the unit has still to acknowledge
 */
GPtrArray *
sp_episode_timeline_dup_unacknowledged (SpEpisodePage *self)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *items = NULL;

  if (self->thread != NULL && JSON_NODE_HOLDS_OBJECT (self->thread))
    items = json_object_get_array_member (json_node_get_object (self->thread), "items");

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *ack;

      if (g_strcmp0 (json_object_get_string_member_with_default (item, "type", NULL),
                     "message") != 0 ||
          g_strcmp0 (json_object_get_string_member_with_default (item, "status", NULL),
                     "sent") != 0)
        continue;

      ack = find_own_acknowledgement (self, item);
      if (ack != NULL && !json_object_get_boolean_member_with_default (ack, "acknowledged",
                                                                       FALSE))
        g_ptr_array_add (ids, g_strdup (json_object_get_string_member (item, "id")));
    }

  return ids;
}
