/* sp-feed-page.c — one response of the changes feed: its text, and what it has looked up
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is written as text item by item, exactly as sp_json_to_string() would write the
 * whole answer as one tree: building and freeing a tree of tens of thousands of nodes per
 * page cost as much as rendering the records.
 *
 * A patient is asked for by its own change, its episodes' and its SIPs', a parent episode by
 * each child; the page keeps what it read for one batch of changes (sp_feed_page_forget()).
 * That is exact even where a read does not see one snapshot (PostgreSQL's read transactions
 * see each commit as it happens): everything read after the batch sees at least what the
 * batch saw, and a write committed later takes a sequence number after the whole batch. For
 * a change of the batch, such a write can only move a patient or a parent episode past it,
 * where the feed sends them again anyway. (Deleting a patient's latest episode moves the
 * patient back: that is a race with or without the page keeping anything.)
 */

#define G_LOG_DOMAIN "sp-api-changes"

#include "config.h"

#include "sp-api-common.h"
#include "sp-feed-page.h"
#include "sp-json.h"

/* Episodes read from the store per step. */
#define LIST_STEP 500

/* The kinds whose records carry the term "patient:<id>" and a "patient_id" member. */
static const char * const patient_kinds[] = { "episode", "sip" };

typedef struct
{
  gint64    position;  /* 0 when there is no live patient record */
  SpRecord *record;    /* the live patient, when a live episode names the caller's unit */
} Position;

static void
position_free (Position *position)
{
  g_clear_pointer (&position->record, sp_record_unref);
  g_free (position);
}

static void
episode_free (SpFeedEpisode *episode)
{
  g_clear_pointer (&episode->record, sp_record_unref);
  g_free (episode->patient_id);
  g_free (episode);
}

void
sp_feed_page_init (SpFeedPage *self,
                   SpServer   *server,
                   SpRequest  *request)
{
  self->server = server;
  self->request = request;
  self->store = sp_server_get_store (server);
  self->unit_id = sp_api_unit_id (request);
  self->text = g_string_new ("{\"items\":[");
  self->n_items = 0;
  self->patients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) position_free);
  self->episodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) episode_free);
}

void
sp_feed_page_clear (SpFeedPage *self)
{
  if (self->text != NULL)
    g_string_free (self->text, TRUE);
  self->text = NULL;
  g_clear_pointer (&self->patients, g_hash_table_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->episodes, g_hash_table_unref);
}

/* As sp-json.c writes strings: UTF-8 as it is, only what JSON requires escaped. */
static void
append_string (GString    *out,
               const char *text)
{
  const char *run = text;

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:   g_string_append_printf (out, "\\u%04x", c); break;
        }
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

/* An item's members before its body: {"kind":…,"id":…,"revision":…,"seq":…,"parent":… */
static void
begin_item (SpFeedPage *self,
            SpRecord   *record)
{
  GString *out = self->text;
  const char *parent_id = sp_record_get_parent_id (record);

  if (self->n_items++ > 0)
    g_string_append_c (out, ',');
  g_string_append (out, "{\"kind\":");
  append_string (out, sp_record_get_kind (record));
  g_string_append (out, ",\"id\":");
  append_string (out, sp_record_get_id (record));
  g_string_append_printf (out, ",\"revision\":%" G_GINT64_FORMAT ",\"seq\":%" G_GINT64_FORMAT
                          ",\"parent\":", sp_record_get_revision (record),
                          sp_record_get_seq (record));
  if (parent_id == NULL)
    g_string_append (out, "null");
  else
    append_string (out, parent_id);
}

/**
 * sp_feed_page_add_item:
 * @rendered: the record as the caller may see it
 */
void
sp_feed_page_add_item (SpFeedPage *self,
                       SpRecord   *record,
                       JsonNode   *rendered)
{
  g_autofree char *text = sp_json_to_string (rendered, FALSE);

  begin_item (self, record);
  g_string_append (self->text, ",\"record\":");
  g_string_append (self->text, text);
  g_string_append_c (self->text, '}');
}

void
sp_feed_page_add_tombstone (SpFeedPage *self,
                            SpRecord   *record)
{
  begin_item (self, record);
  g_string_append (self->text, ",\"deleted\":true}");
}

/**
 * sp_feed_page_finish:
 *
 * Returns: (transfer full): the whole answer; the page holds no text afterwards
 */
char *
sp_feed_page_finish (SpFeedPage *self,
                     gint64      next,
                     gboolean    more)
{
  GString *out = g_steal_pointer (&self->text);

  g_string_append_printf (out, "],\"next\":%" G_GINT64_FORMAT ",\"more\":%s}", next,
                          more ? "true" : "false");
  return g_string_free (out, FALSE);
}

/* The position of a patient: the highest sequence number among the patient record and the
 * live episodes and SIPs that name it; 0 when there is no live patient record. */
static Position *
read_position (SpFeedPage  *self,
               const char  *patient_id,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpRecord) patient = sp_store_get (self->store, "patient", patient_id,
                                              &local_error);
  g_autofree char *term = g_strconcat ("patient:", patient_id, NULL);
  Position *position;
  gboolean named = FALSE;

  if (patient == NULL &&
      !g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  position = g_new0 (Position, 1);
  if (patient == NULL || sp_record_is_deleted (patient))
    return position;

  position->position = sp_record_get_seq (patient);
  for (guint k = 0; k < G_N_ELEMENTS (patient_kinds); k++)
    for (guint offset = 0;; offset += LIST_STEP)
      {
        g_autoptr(GPtrArray) records = sp_store_list (self->store, patient_kinds[k], term,
                                                      offset, LIST_STEP, error);

        if (records == NULL)
          {
            position_free (position);
            return NULL;
          }
        for (guint i = 0; i < records->len; i++)
          {
            SpRecord *record = g_ptr_array_index (records, i);

            position->position = MAX (position->position, sp_record_get_seq (record));
            /* sp_api_render_patient_in_feed() sends a patient only through an episode the
             * unit takes part in, and none it is not named in. */
            if (k == 0 && !named)
              named = sp_api_record_names_unit (record, self->unit_id);
          }
        if (records->len < LIST_STEP)
          break;
      }

  if (named)
    position->record = g_steal_pointer (&patient);
  return position;
}

/**
 * sp_feed_page_forget:
 *
 * Drops what the page has looked up: call it after each read of changes.
 */
void
sp_feed_page_forget (SpFeedPage *self)
{
  g_hash_table_remove_all (self->positions);
  g_hash_table_remove_all (self->episodes);
}

/**
 * sp_feed_page_get_patient:
 * @out_position: (out): where the patient belongs in the feed (0: nowhere)
 * @out_record: (out) (transfer none) (nullable): the live patient record, or %NULL when none of
 *   the patient's live episodes names the caller's unit (then the caller sees nothing of it)
 */
gboolean
sp_feed_page_get_patient (SpFeedPage  *self,
                          const char  *patient_id,
                          gint64      *out_position,
                          SpRecord   **out_record,
                          GError     **error)
{
  Position *position = g_hash_table_lookup (self->positions, patient_id);

  if (position == NULL)
    {
      if ((position = read_position (self, patient_id, error)) == NULL)
        return FALSE;
      g_hash_table_insert (self->positions, g_strdup (patient_id), position);
    }

  *out_position = position->position;
  *out_record = position->record;
  return TRUE;
}

static SpFeedEpisode *
remember_episode (SpFeedPage *self,
                  const char *episode_id,
                  SpRecord   *record)
{
  SpFeedEpisode *episode = g_new0 (SpFeedEpisode, 1);

  if (record != NULL && !sp_record_is_deleted (record))
    {
      episode->record = sp_record_ref (record);
      episode->named = sp_api_record_names_unit (record, self->unit_id);
    }
  g_hash_table_replace (self->episodes, g_strdup (episode_id), episode);
  return episode;
}

/**
 * sp_feed_page_note_episode:
 * @record: an episode of the changes just read
 *
 * Keeps @record for its children, unless the page has read the episode already since the
 * changes were read (then that is at least as new).
 *
 * Returns: (transfer none): the episode as kept
 */
SpFeedEpisode *
sp_feed_page_note_episode (SpFeedPage *self,
                           SpRecord   *record)
{
  SpFeedEpisode *episode = g_hash_table_lookup (self->episodes, sp_record_get_id (record));

  if (episode != NULL)
    return episode;

  return remember_episode (self, sp_record_get_id (record), record);
}

/**
 * sp_feed_page_get_episode:
 *
 * Returns: (transfer none): the episode of that id (its record %NULL when there is no live
 *   one), or %NULL with @error set
 */
SpFeedEpisode *
sp_feed_page_get_episode (SpFeedPage  *self,
                          const char  *episode_id,
                          GError     **error)
{
  SpFeedEpisode *episode = g_hash_table_lookup (self->episodes, episode_id);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpRecord) record = NULL;

  if (episode != NULL)
    return episode;

  record = sp_store_get (self->store, "episode", episode_id, &local_error);
  if (record == NULL &&
      !g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return remember_episode (self, episode_id, record);
}
