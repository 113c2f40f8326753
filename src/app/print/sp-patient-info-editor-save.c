/* sp-patient-info-editor-save.c — this unit's section saves by itself: no button to forget
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the SIP editor: every change is kept at once as a draft in the sealed local copy (a
 * moment after the typing pauses), and a second after the typing stops the section goes to
 * the server through the outbox (PUT, stating the revision it was written on), one request
 * at a time. Once the outbox has it (applied or queued) the draft is removed. Closing the
 * editor sends what is not sent yet; a draft left behind (the app ended first, or the server
 * refused) is shown again the next time.
 */

#define G_LOG_DOMAIN "sp-patient-info-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-cache-draft.h"
#include "sp-json.h"
#include "sp-patient-info-editor-private.h"
#include "sp-print-private.h"

#define DRAFT_KIND "patient_info"
#define DRAFT_DELAY_MS 300
#define SAVE_DELAY_MS 1000

static char *
dup_record_id (SpPatientInfoEditor *self)
{
  return g_strconcat (self->episode_id, ".", sp_account_get_unit_id (self->account), NULL);
}

static gboolean
sections_equal (JsonObject *a,
                JsonObject *b)
{
  g_autoptr(JsonNode) node_a = sp_json_node_new_object (json_object_ref (a));
  g_autoptr(JsonNode) node_b = sp_json_node_new_object (json_object_ref (b));

  return json_node_equal (node_a, node_b);
}

/* ---- The draft ---- */

static void
write_draft (SpPatientInfoEditor *self)
{
  SpCache *cache = sp_account_get_cache (self->account);
  g_autofree char *record_id = NULL;
  g_autoptr(JsonNode) draft = NULL;
  JsonObject *object;

  g_clear_handle_id (&self->draft_id, g_source_remove);
  if (cache == NULL || self->document == NULL)
    return;

  object = json_object_new ();
  json_object_set_object_member (object, "section",
                                 sp_patient_info_editor_section_of_form (self));
  json_object_set_int_member (object, "base_revision", self->revision);
  draft = sp_json_node_new_object (object);
  record_id = dup_record_id (self);
  sp_cache_keep_draft (cache, DRAFT_KIND, record_id, draft);
  self->has_draft = TRUE;
}

static void
remove_draft (SpPatientInfoEditor *self)
{
  SpCache *cache = sp_account_get_cache (self->account);
  g_autofree char *record_id = dup_record_id (self);

  g_clear_handle_id (&self->draft_id, g_source_remove);
  if (cache != NULL)
    sp_cache_keep_draft (cache, DRAFT_KIND, record_id, NULL);
  self->has_draft = FALSE;
}

static gboolean
draft_timeout_cb (gpointer user_data)
{
  SpPatientInfoEditor *self = user_data;

  self->draft_id = 0;
  write_draft (self);
  return G_SOURCE_REMOVE;
}

/* ---- Saving ---- */

static gboolean
save_timeout_cb (gpointer user_data)
{
  SpPatientInfoEditor *self = user_data;

  self->save_id = 0;
  sp_patient_info_editor_save_now (self);
  return G_SOURCE_REMOVE;
}

/* The server's answer to a save: this unit's section, now stored. */
static void
take_section (SpPatientInfoEditor *self,
              JsonObject          *section)
{
  JsonArray *sections = sp_print_get_array (self->document, "sections");
  const char *unit_id = sp_account_get_unit_id (self->account);
  JsonArray *kept = json_array_new ();

  for (guint i = 0; sections != NULL && i < json_array_get_length (sections); i++)
    {
      JsonObject *other = json_array_get_object_element (sections, i);

      if (g_strcmp0 (sp_print_get_string (other, "unit_id"), unit_id) != 0)
        json_array_add_object_element (kept, json_object_ref (other));
    }
  json_array_add_object_element (kept, json_object_ref (section));
  json_object_set_array_member (self->document, "sections", kept);
  self->revision = json_object_get_int_member_with_default (section, "revision", 0);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SpPatientInfoEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) sent = NULL;
  g_autoptr(JsonObject) shown = NULL;
  SpOutboxOutcome outcome = SP_OUTBOX_OUTCOME_APPLIED;
  g_autoptr(JsonNode) answer = sp_outbox_submit_finish (SP_OUTBOX (object), result, &outcome,
                                                        &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* the editor is gone; what it sent is the outbox's now */

  self->saving = FALSE;
  sent = g_steal_pointer (&self->sending);
  if (error != NULL)
    {
      JsonNode *current = sp_client_error_get_current (error);

      /* A newer version was saved meanwhile: the user's next change replaces it, as the
       * user decides; what is typed here stays, and so does its draft. */
      if (current != NULL && JSON_NODE_HOLDS_OBJECT (current))
        self->revision = json_object_get_int_member_with_default (json_node_get_object (current),
                                                                  "revision", self->revision);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      gtk_label_set_text (self->status_label, _("Not saved"));
      return;
    }

  if (outcome == SP_OUTBOX_OUTCOME_APPLIED && answer != NULL && JSON_NODE_HOLDS_OBJECT (answer))
    take_section (self, json_node_get_object (answer));

  /* The outbox has it now: the draft has done its job, unless there is more since. */
  shown = sp_patient_info_editor_section_of_form (self);
  if (sent != NULL && sections_equal (sent, shown))
    remove_draft (self);

  if (self->dirty)
    {
      sp_patient_info_editor_save_now (self);
      return;
    }
  gtk_label_set_text (self->status_label,
                      outcome == SP_OUTBOX_OUTCOME_QUEUED
                      ? _("Saved; it is sent when the connection is back")
                      : _("Saved"));
}

static JsonNode *
build_body (SpPatientInfoEditor  *self,
            JsonObject          **out_section)
{
  JsonObject *body = sp_patient_info_editor_section_of_form (self);

  *out_section = sp_patient_info_editor_section_of_form (self);
  if (self->revision > 0)
    json_object_set_int_member (body, "base_revision", self->revision);
  return sp_json_node_new_object (body);
}

static char *
dup_path (SpPatientInfoEditor *self)
{
  return g_strdup_printf ("/api/v1/episodes/%s/patient-information/%s", self->episode_id,
                          sp_account_get_unit_id (self->account));
}

/* Sends the section unless a save is on its way (its answer sends the next). */
void
sp_patient_info_editor_save_now (SpPatientInfoEditor *self)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *record_id = NULL;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->document == NULL || self->saving || !self->dirty)
    return;

  self->dirty = FALSE;
  self->saving = TRUE;
  g_clear_pointer (&self->sending, json_object_unref);
  body = build_body (self, &self->sending);
  path = dup_path (self);
  record_id = dup_record_id (self);
  gtk_label_set_text (self->status_label, _("Saving…"));
  sp_outbox_submit_async (sp_account_get_outbox (self->account), "PUT", path, body, record_id,
                          self->cancellable, saved_cb, g_object_ref (self));
}

/* The user changed the form: a draft at once, the server a second after the typing stops. */
void
sp_patient_info_editor_schedule_save (SpPatientInfoEditor *self)
{
  self->dirty = TRUE;
  gtk_label_set_text (self->status_label, _("Not saved yet…"));
  g_clear_handle_id (&self->draft_id, g_source_remove);
  self->draft_id = g_timeout_add (DRAFT_DELAY_MS, draft_timeout_cb, self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* ---- Leaving ---- */

/**
 * sp_patient_info_editor_save_detached:
 *
 * Closing the editor: the draft now, and what is not sent yet to the outbox, without
 * waiting for the answer. A save still on its way is followed, not replaced: the outbox
 * moves this one onto the revision that one makes.
 */
void
sp_patient_info_editor_save_detached (SpPatientInfoEditor *self)
{
  SpCache *cache = sp_account_get_cache (self->account);
  g_autoptr(JsonObject) section = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *record_id = NULL;
  GAsyncReadyCallback callback = NULL;
  gpointer callback_data = NULL;

  if (self->draft_id != 0)
    write_draft (self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->document == NULL || !self->dirty)
    return;

  self->dirty = FALSE;
  body = build_body (self, &section);
  path = dup_path (self);
  record_id = dup_record_id (self);
  if (cache != NULL)
    callback = sp_cache_forget_draft_when_kept (cache, DRAFT_KIND, record_id, &callback_data);
  sp_outbox_submit_async (sp_account_get_outbox (self->account), "PUT", path, body, record_id,
                          NULL, callback, callback_data);
}

/* ---- Opening ---- */

/**
 * sp_patient_info_editor_dup_kept_section:
 *
 * Returns: (transfer full) (nullable): this unit's section as the newest save the outbox
 *   keeps and has not sent yet (offline), which is what the user last wrote; %NULL if none
 */
JsonObject *
sp_patient_info_editor_dup_kept_section (SpPatientInfoEditor *self)
{
  SpOutbox *outbox = sp_account_get_outbox (self->account);
  g_autofree char *record_id = dup_record_id (self);
  g_autofree char *path = dup_path (self);
  g_autoptr(GPtrArray) pending = outbox != NULL ? sp_outbox_dup_pending (outbox, record_id)
                                                : NULL;

  for (guint i = pending != NULL ? pending->len : 0; i > 0; i--)
    {
      JsonObject *command = json_node_get_object (g_ptr_array_index (pending, i - 1));
      JsonNode *body = json_object_get_member (command, "body");
      JsonObject *section;

      if (g_strcmp0 (json_object_get_string_member_with_default (command, "method", NULL),
                     "PUT") != 0 ||
          g_strcmp0 (json_object_get_string_member_with_default (command, "path", NULL),
                     path) != 0 ||
          body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
        continue;

      section = sp_print_object_copy (json_node_get_object (body));
      json_object_remove_member (section, "base_revision");
      return section;
    }

  return NULL;
}

static void
draft_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SpPatientInfoEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) draft = sp_cache_load_draft_finish (SP_CACHE (object), result, &error);
  JsonObject *object_draft = draft != NULL && JSON_NODE_HOLDS_OBJECT (draft)
                             ? json_node_get_object (draft) : NULL;
  JsonObject *section = sp_print_get_object (object_draft, "section");
  gboolean stale;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return;
  /* The user already typed: what is in the form is newer than the draft. */
  if (self->dirty)
    return;
  if (section == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("The draft saved on this computer could not "
                                                    "be read.")));
      return;
    }

  /* The server has it already (the editor closed while its last save was on the way). */
  {
    g_autoptr(JsonObject) shown = sp_patient_info_editor_section_of_form (self);

    if (sections_equal (section, shown))
      {
        remove_draft (self);
        return;
      }
  }

  stale = json_object_get_int_member_with_default (object_draft, "base_revision", -1) !=
          self->revision;
  sp_patient_info_editor_fill_form (self, section);
  sp_patient_info_editor_refresh_preview (self);
  self->has_draft = TRUE;

  /* Written on what the server still has: saved as any change. Written on an older
   * version: the user decides, so that nobody's change is overwritten. */
  if (stale)
    gtk_label_set_text (self->status_label,
                        _("Draft saved on this computer – not sent. Someone else has changed "
                          "this section since: check it; your next change saves it."));
  else
    {
      sp_patient_info_editor_schedule_save (self);
      g_clear_handle_id (&self->draft_id, g_source_remove);
      gtk_label_set_text (self->status_label, _("Draft saved on this computer – not sent"));
    }
}

/* After the document is shown: this unit's draft, if this computer keeps one. */
void
sp_patient_info_editor_restore_draft (SpPatientInfoEditor *self)
{
  SpCache *cache = sp_account_get_cache (self->account);
  g_autofree char *record_id = dup_record_id (self);

  if (cache != NULL)
    sp_cache_load_draft_async (cache, DRAFT_KIND, record_id, self->cancellable, draft_loaded_cb,
                               g_object_ref (self));
}
