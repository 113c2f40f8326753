/* sp-episode-page.c — one episode: patient card, units, timeline, actions
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows GET /episodes/:id and its thread (GET /episodes/:id/messages) and embeds the planning
 * basis and the patientinformation editors. Offline, both come from the local copy, as the
 * changes feed last gave them. The actions (sp-episode-page-actions.c) are
 * enabled by the core's sp_episode_can () on the episode read back from the rendering, and
 * every write goes through the outbox; the answer replaces what the page shows.
 */

#define G_LOG_DOMAIN "sp-episode-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-calendar.h"
#include "sp-deadline.h"
#include "sp-account-read.h"
#include "sp-episode-local.h"
#include "sp-episode-page-private.h"
#include "sp-episode-rendering.h"
#include "sp-json.h"
#include "sp-patient-info-editor.h"
#include "sp-pending-mark.h"
#include "sp-planning-editor.h"

G_DEFINE_FINAL_TYPE (SpEpisodePage, sp_episode_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Small helpers shared with the other files ---- */

/* Day 0 by the core's 12:00 rule, and why (DOMAIN §5 step 5). */
char *
sp_episode_page_describe_day0 (GDateTime *ready_sent)
{
  g_autoptr(GDateTime) local = sp_calendar_to_local (ready_sent);
  g_autoptr(GDateTime) day0_start = NULL;
  g_autofree char *day0_text = NULL;
  GDate sent_date;
  GDate day0;

  sp_deadline_get_day0 (ready_sent, &day0);
  sp_calendar_get_local_date (ready_sent, &sent_date);
  day0_start = sp_calendar_start_of_day (&day0);
  day0_text = g_date_time_format (day0_start, "%A %-d %B %Y");

  if (g_date_compare (&day0, &sent_date) == 0)
    /* Translators: %s is a date, "tisdag 10 mars 2026". */
    return g_strdup_printf (_("Sent before 12:00: day 0 is %s"), day0_text);

  /* Translators: %s is a date, "onsdag 11 mars 2026". */
  return g_strdup_printf (_("Sent at or after 12:00: day 0 is the next day, %s"), day0_text);
}

/* "Vårdcentralen Norr (test)", or the id while the unit directory is not known yet. */
char *
sp_episode_page_unit_label (SpEpisodePage *self,
                            const char    *unit_id)
{
  const char *name = sp_account_get_unit_name (self->account, unit_id);

  return g_strdup (name != NULL ? name : unit_id);
}

JsonObject *
sp_episode_page_get_rendering (SpEpisodePage *self)
{
  return self->rendering != NULL ? json_node_get_object (self->rendering) : NULL;
}

/* The one check the server makes too; nothing is allowed before the episode is read or
 * while a write is under way. */
gboolean
sp_episode_page_can (SpEpisodePage   *self,
                     SpEpisodeAction  action)
{
  if (self->episode == NULL || self->busy)
    return FALSE;

  return sp_episode_can (self->episode, action, sp_account_get_unit_id (self->account),
                         sp_account_get_unit_kind (self->account), NULL);
}

void
sp_episode_page_toast (SpEpisodePage *self,
                       const char    *text)
{
  AdwToast *toast = adw_toast_new (text);

  /* The latest outcome is the one that matters: it replaces, not queues behind, the last. */
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  adw_toast_set_timeout (toast, 6);
  g_set_weak_pointer (&self->toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A command on the episode states the revision it was based on. */
JsonObject *
sp_episode_page_new_command (SpEpisodePage *self)
{
  JsonObject *body = json_object_new ();

  json_object_set_int_member (body, "base_revision", sp_episode_get_revision (self->episode));
  return body;
}

/* The patient's name, for the window's title. */
void
sp_episode_page_set_title (SpEpisodePage *self,
                           const char    *title)
{
  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* ---- Loading ---- */

static void
show_error (SpEpisodePage *self,
            const char    *message)
{
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->load_stack, "error");
}

static void
embed_editors (SpEpisodePage *self)
{
  /* Made once: they load and save on their own, and keep what the user is typing. */
  if (adw_bin_get_child (self->planning_slot) == NULL)
    adw_bin_set_child (self->planning_slot,
                       sp_planning_editor_new (self->account, self->episode_id));
  if (adw_bin_get_child (self->info_slot) == NULL)
    adw_bin_set_child (self->info_slot,
                       sp_patient_info_editor_new (self->account, self->episode_id));
}

static void
show_rendering (SpEpisodePage *self,
                JsonNode      *node)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpEpisode) episode = NULL;
  JsonObject *rendering = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

  if (rendering != NULL)
    episode = sp_episode_new_from_rendering (rendering, &error);
  if (episode == NULL)
    {
      g_message ("Unreadable episode: %s", error != NULL ? error->message : "not an object");
      show_error (self, _("The server's answer could not be read."));
      return;
    }

  g_clear_pointer (&self->rendering, json_node_unref);
  self->rendering = json_node_copy (node);
  g_set_object (&self->episode, episode);

  sp_episode_card_show (self, rendering);
  sp_episode_page_actions_update (self);
  embed_editors (self);
  gtk_stack_set_visible_child_name (self->load_stack, "episode");
}

/* ---- Offline: the same from the local copy (sp-episode-local.c) ---- */

static void
local_messages_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = sp_cache_load_records_finish (SP_CACHE (object), result,
                                                                 &error);
  SpEpisodePage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SP_EPISODE_PAGE (user_data);
  if (messages == NULL || self->rendering == NULL)
    {
      g_message ("Offline thread: %s", error != NULL ? error->message : "no episode");
      sp_episode_page_toast (self, _("The messages could not be read from the copy on this "
                                     "computer."));
      return;
    }

  g_clear_pointer (&self->thread, json_node_unref);
  self->thread = sp_episode_local_thread (sp_episode_page_get_rendering (self), messages);
  sp_episode_timeline_fill (self);
  sp_episode_page_actions_update (self);
}

static void
load_local_thread (SpEpisodePage *self)
{
  SpCache *cache = sp_account_get_cache (self->account);

  if (cache == NULL)
    return;
  sp_cache_load_records_async (cache, "message", self->episode_id, self->cancellable,
                                local_messages_cb, self);
}

/* ---- From the server ---- */

static void
thread_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_client_send_finish (SP_CLIENT (object), result, &error);
  SpEpisodePage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SP_EPISODE_PAGE (user_data);
  if (g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE))
    {
      load_local_thread (self);
      return;
    }
  if (node == NULL)
    {
      sp_episode_page_toast (self, error->message);
      return;
    }

  g_clear_pointer (&self->thread, json_node_unref);
  self->thread = g_steal_pointer (&node);
  sp_episode_timeline_fill (self);
  sp_episode_page_actions_update (self);
}

static void
load_thread (SpEpisodePage *self)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/messages", self->episode_id);
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);

  /* Until it is here, the thread read before is out of date. */
  g_clear_pointer (&self->thread, json_node_unref);
  g_hash_table_insert (query, "limit", "500");
  sp_client_send_async (sp_account_get_client (self->account), "GET", path, query, NULL, NULL,
                        self->cancellable, thread_loaded_cb, self);
}

static void
sips_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_client_send_finish (SP_CLIENT (object), result, &error);
  SpEpisodePage *self;
  JsonArray *items;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SP_EPISODE_PAGE (user_data);
  /* Without the list the button offers a new SIP; the SIP editor says if one exists. */
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      (items = json_object_get_array_member (json_node_get_object (node), "items")) == NULL)
    return;

  g_clear_pointer (&self->sip_id, g_free);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *sip = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (sip, "episode_id", NULL),
                     self->episode_id) == 0)
        {
          self->sip_id = g_strdup (json_object_get_string_member_with_default (sip, "id", NULL));
          break;
        }
    }
  sp_episode_page_actions_update (self);
}

static void
load_sips (SpEpisodePage *self)
{
  JsonObject *rendering = sp_episode_page_get_rendering (self);
  JsonObject *patient = json_object_get_object_member (rendering, "patient");
  const char *patient_id = patient != NULL
                           ? json_object_get_string_member_with_default (patient, "id", NULL)
                           : NULL;
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);

  if (patient_id == NULL)
    return;

  g_hash_table_insert (query, "patient", (gpointer) patient_id);
  sp_client_send_async (sp_account_get_client (self->account), "GET", "/api/v1/sips", query,
                        NULL, NULL, self->cancellable, sips_loaded_cb, self);
}

static void
episode_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean from_copy = FALSE;
  g_autoptr(JsonNode) node = sp_account_read_finish (SP_ACCOUNT (object), result, &from_copy,
                                                     &error);
  SpEpisodePage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SP_EPISODE_PAGE (user_data);
  if (node == NULL)
    {
      const char *message = error->message;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        message = _("The server cannot be reached, and the copy on this computer does not "
                    "hold this episode.");
      if (self->rendering != NULL)
        sp_episode_page_toast (self, message);
      else
        show_error (self, message);
      return;
    }

  show_rendering (self, node);
  /* Offline the SIP button waits for the server; the SIP editor reads its own copy. */
  if (from_copy)
    load_local_thread (self);
  else
    {
      load_thread (self);
      load_sips (self);
    }
}

/* Reads the episode, its thread and its SIP again: from the server, or offline as the
 * changes feed last gave them. */
void
sp_episode_page_reload (SpEpisodePage *self)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s", self->episode_id);

  if (self->rendering == NULL)
    gtk_stack_set_visible_child_name (self->load_stack, "loading");
  sp_account_read_async (self->account, path, "episode", self->episode_id, self->cancellable,
                         episode_loaded_cb, self);
}

/* ---- Writing ---- */

typedef struct
{
  SpEpisodePage *self;
  char          *done_text;
  char          *follow_up_text;
  SpEpisodePageThen then;
} Submit;

static void
submit_free (Submit *submit)
{
  g_free (submit->done_text);
  g_free (submit->follow_up_text);
  g_free (submit);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Submit, submit_free)

/* What the outbox holds of the episode: the mark by the status, the note with the count,
 * and the timeline's "not sent yet" rows. */
static void
show_pending (SpEpisodePage *self)
{
  SpOutbox *outbox = sp_account_get_outbox (self->account);
  g_autoptr(GPtrArray) pending = NULL;
  g_autofree char *text = NULL;

  if (outbox == NULL)
    return;

  pending = sp_outbox_dup_pending (outbox, self->episode_id);
  self->n_pending = pending->len;
  sp_pending_mark_set_mark (SP_PENDING_MARK (self->pending_mark),
                            sp_outbox_get_mark (outbox, self->episode_id));
  gtk_widget_set_visible (self->pending_box, pending->len > 0);
  if (pending->len > 0)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u change is saved and will be sent when the "
                                           "connection is back.",
                                           "%u changes are saved and will be sent when the "
                                           "connection is back.", pending->len),
                              pending->len);
      gtk_label_set_text (self->pending_label, text);
    }
  if (self->thread != NULL)
    sp_episode_timeline_fill (self);
}

/* A command on the episode was kept, sent or held. One this page kept that has gone was
 * applied (or held): the server's episode is the one to show now. */
static void
marks_changed_cb (SpEpisodePage *self,
                  const char    *record_id)
{
  guint before = self->n_pending;

  if (record_id != NULL && g_strcmp0 (record_id, self->episode_id) != 0)
    return;

  show_pending (self);
  if (self->n_pending < before && self->n_queued > 0)
    {
      self->n_queued = MIN (self->n_queued, self->n_pending);
      sp_episode_page_reload (self);
    }
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Submit) submit = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  SpOutboxOutcome outcome = SP_OUTBOX_OUTCOME_APPLIED;
  SpEpisodePage *self;
  JsonNode *current;

  answer = sp_outbox_submit_finish (SP_OUTBOX (object), result, &outcome, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = submit->self;
  self->busy--;

  if (error != NULL)
    {
      current = g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_CONFLICT)
                ? sp_client_error_get_current (error) : NULL;
      if (current != NULL && JSON_NODE_HOLDS_OBJECT (current) &&
          json_object_has_member (json_node_get_object (current), "allowed_actions"))
        {
          /* Show the record as it is now, and say why nothing was changed. */
          show_rendering (self, current);
          load_thread (self);
          sp_episode_page_toast (self, _("Someone changed the episode meanwhile. It is shown "
                                         "as it is now: check it and try again."));
          return;
        }
      sp_episode_page_toast (self, error->message);
      sp_episode_page_actions_update (self);
      return;
    }

  if (outcome == SP_OUTBOX_OUTCOME_QUEUED)
    {
      self->n_queued++;
      show_pending (self);
      sp_episode_page_toast (self, _("Saved, will be sent when the connection is back"));
      sp_episode_page_actions_update (self);
      return;
    }

  sp_episode_page_toast (self, submit->done_text);
  /* Transitions answer with the episode; messages and acknowledgements with the message. */
  if (answer != NULL && JSON_NODE_HOLDS_OBJECT (answer) &&
      json_object_has_member (json_node_get_object (answer), "allowed_actions"))
    {
      show_rendering (self, answer);
      load_thread (self);
    }
  else
    sp_episode_page_reload (self);

  /* DOMAIN §5: a retraction is told to every unit in a general message. */
  if (submit->follow_up_text != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/messages",
                                               self->episode_id);
      JsonObject *body = json_object_new ();

      json_object_set_string_member (body, "kind", "general_message");
      json_object_set_string_member (body, "to", "all");
      json_object_set_string_member (body, "text", submit->follow_up_text);
      json_object_set_boolean_member (body, "send", TRUE);
      sp_episode_page_submit (self, "POST", path, body, _("Message sent to all units"), NULL,
                              NULL);
    }
  if (submit->then != NULL)
    submit->then (self);
}

/**
 * sp_episode_page_submit:
 * @body: (transfer full): the command
 * @done_text: what the toast says when the server applied it
 * @follow_up_text: (nullable): a general message to all units to send once it is applied
 * @then: (nullable): called once it is applied and shown
 *
 * Sends a write through the outbox; the answer replaces what the page shows.
 */
void
sp_episode_page_submit (SpEpisodePage *self,
                        const char    *method,
                        const char    *path,
                        JsonObject    *body,
                        const char    *done_text,
                        const char    *follow_up_text,
                        SpEpisodePageThen then)
{
  g_autoptr(JsonNode) node = sp_json_node_new_object (body);
  Submit *submit = g_new0 (Submit, 1);

  submit->self = self;
  submit->done_text = g_strdup (done_text);
  submit->follow_up_text = g_strdup (follow_up_text);
  submit->then = then;
  self->busy++;
  sp_episode_page_actions_update (self);

  sp_outbox_submit_async (sp_account_get_outbox (self->account), method, path, node,
                          self->episode_id, self->cancellable, submitted_cb, submit);
}

/* ---- The class ---- */

static void
sp_episode_page_dispose (GObject *object)
{
  SpEpisodePage *self = SP_EPISODE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->account != NULL && sp_account_get_outbox (self->account) != NULL)
    g_signal_handlers_disconnect_by_data (sp_account_get_outbox (self->account), self);
  g_clear_weak_pointer (&self->toast);
  g_clear_object (&self->account);
  g_clear_object (&self->episode);
  g_clear_pointer (&self->rendering, json_node_unref);
  g_clear_pointer (&self->thread, json_node_unref);

  G_OBJECT_CLASS (sp_episode_page_parent_class)->dispose (object);
}

static void
sp_episode_page_finalize (GObject *object)
{
  SpEpisodePage *self = SP_EPISODE_PAGE (object);

  g_free (self->episode_id);
  g_free (self->title);
  g_free (self->sip_id);

  G_OBJECT_CLASS (sp_episode_page_parent_class)->finalize (object);
}

static void
sp_episode_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SpEpisodePage *self = SP_EPISODE_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_episode_page_class_init (SpEpisodePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_episode_page_dispose;
  object_class->finalize = sp_episode_page_finalize;
  object_class->get_property = sp_episode_page_get_property;

  /**
   * SpEpisodePage:title:
   *
   * The patient's name as the page may show it, for the window's title.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SP_TYPE_PENDING_MARK);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/samplan/Samplan/ui/episode/sp-episode-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, load_stack);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, error_page);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, name_label);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, track_slot);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, state_label);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, sip_button);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, pending_mark);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, pending_box);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, pending_label);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, restricted_box);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, restricted_label);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, patient_list);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, units_list);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, contacts_list);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, planning_slot);
  gtk_widget_class_bind_template_child (widget_class, SpEpisodePage, info_slot);

  sp_episode_page_actions_class_init (widget_class);
}

static void
load_css_once (void)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider,
                                           "/se/samplan/Samplan/ui/episode/sp-episode-page.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&loaded, 1);
    }
}

static void
sp_episode_page_init (SpEpisodePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load_css_once ();
  self->cancellable = g_cancellable_new ();
}

/**
 * sp_episode_page_new:
 * @account: the session
 * @episode_id: the episode to show
 *
 * Returns: (transfer floating): a new #SpEpisodePage, loading the episode
 */
GtkWidget *
sp_episode_page_new (SpAccount  *account,
                     const char *episode_id)
{
  SpEpisodePage *self;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (episode_id != NULL, NULL);

  self = g_object_new (SP_TYPE_EPISODE_PAGE, NULL);
  self->account = g_object_ref (account);
  self->episode_id = g_strdup (episode_id);
  if (sp_account_get_outbox (account) != NULL)
    g_signal_connect_object (sp_account_get_outbox (account), "marks-changed",
                             G_CALLBACK (marks_changed_cb), self, G_CONNECT_SWAPPED);
  show_pending (self);
  sp_episode_page_actions_update (self);
  sp_episode_page_reload (self);

  return GTK_WIDGET (self);
}

const char *
sp_episode_page_get_episode_id (SpEpisodePage *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_PAGE (self), NULL);

  return self->episode_id;
}

/**
 * sp_episode_page_get_title:
 *
 * Returns: (nullable): the patient's name as shown, %NULL until the episode is read
 */
const char *
sp_episode_page_get_title (SpEpisodePage *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_PAGE (self), NULL);

  return self->title;
}
