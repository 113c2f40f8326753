/* sp-feed-page.c — one response of the changes feed: its text, and what it has looked up
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is written as text item by item, exactly as sp_json_to_string() would write the
 * whole answer as one tree: building and freeing a tree of tens of thousands of nodes per
 * page cost as much as rendering the records. Each rendered item goes straight into the
 * page's text with sp_json_append_node(), the same writer (the test feed-pages holds them
 * together).
 *
 * A patient is asked for by its own change, its episodes' and its SIPs', a parent episode by
 * each child; the page keeps what it read for one batch of changes (sp_feed_page_forget()).
 * That is exact even where a read does not see one snapshot (PostgreSQL's read transactions
 * see each commit as it happens): everything read after the batch sees at least what the
 * batch saw, and a write committed later takes a sequence number after the whole batch. For
 * a change of the batch, such a write can only move a patient or a parent episode past it,
 * where the feed sends them again anyway. (Deleting a patient's latest episode moves the
 * patient back: that is a race with or without the page keeping anything.) For the same
 * reason a child is rendered with its episode as the page read it (parsed once per batch,
 * sp_feed_page_episode_parsed()), and whether an inpatient unit takes part in a patient's
 * episodes is answered from the episodes its position was read from.
 */

#define G_LOG_DOMAIN "sp-api-changes"

#include "config.h"

#include "sp-access.h"
#include "sp-api-common.h"
#include "sp-feed-page.h"
#include "sp-json.h"
#include "sp-server-private.h"

/* Episodes read from the store per step. */
#define LIST_STEP 500

/* As sp-api-patients.c lists a patient's episodes when it asks whether a unit takes part. */
#define MAX_EPISODES_PER_PATIENT 1000

typedef struct
{
  gint64     position;  /* where the patient belongs; only read when record is set */
  SpRecord  *record;    /* the live patient, when a live episode names the caller's unit */
  GPtrArray *named;     /* SpRecord: those episodes, in the order the store lists them */
  int        takes_part; /* -1 until asked */
} Position;

static void
position_free (Position *position)
{
  g_clear_pointer (&position->record, sp_record_unref);
  g_clear_pointer (&position->named, g_ptr_array_unref);
  g_free (position);
}

static void
episode_free (SpFeedEpisode *episode)
{
  g_clear_pointer (&episode->record, sp_record_unref);
  g_clear_object (&episode->parsed);
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
  sp_json_append_string (out, sp_record_get_kind (record));
  g_string_append (out, ",\"id\":");
  sp_json_append_string (out, sp_record_get_id (record));
  g_string_append_printf (out, ",\"revision\":%" G_GINT64_FORMAT ",\"seq\":%" G_GINT64_FORMAT
                          ",\"parent\":", sp_record_get_revision (record),
                          sp_record_get_seq (record));
  if (parent_id == NULL)
    g_string_append (out, "null");
  else
    sp_json_append_string (out, parent_id);
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
  begin_item (self, record);
  g_string_append (self->text, ",\"record\":");
  sp_json_append_node (self->text, rendered);
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

/* Raises @position to the highest sequence number among the patient's live records of @kind
 * (the term "patient:<id>"); with @named, keeps the episodes that name the caller's unit. */
static gboolean
read_kind (SpFeedPage  *self,
           const char  *kind,
           const char  *term,
           gint64      *position,
           GPtrArray   *named,
           gboolean    *out_named,
           GError     **error)
{
  for (guint offset = 0;; offset += LIST_STEP)
    {
      g_autoptr(GPtrArray) records = sp_store_list (self->store, kind, term, offset, LIST_STEP,
                                                    error);

      if (records == NULL)
        return FALSE;
      for (guint i = 0; i < records->len; i++)
        {
          SpRecord *record = g_ptr_array_index (records, i);

          *position = MAX (*position, sp_record_get_seq (record));
          /* sp_api_render_patient_in_feed() sends a patient only through an episode the
           * unit takes part in, and none it is not named in. */
          if (named != NULL && sp_api_record_names_unit (record, self->unit_id))
            {
              *out_named = TRUE;
              if (offset + i < MAX_EPISODES_PER_PATIENT)
                g_ptr_array_add (named, sp_record_ref (record));
            }
        }
      if (records->len < LIST_STEP)
        return TRUE;
    }
}

/* The position of a patient: the highest sequence number among the patient record and the
 * live episodes and SIPs that name it. Only a patient one of whose episodes names the
 * caller's unit is ever sent, so for any other the episodes are all that is read. */
static Position *
read_position (SpFeedPage  *self,
               const char  *patient_id,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpRecord) patient = NULL;
  g_autofree char *term = g_strconcat ("patient:", patient_id, NULL);
  Position *position = g_new0 (Position, 1);
  gboolean named = FALSE;

  position->takes_part = -1;
  position->named = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_record_unref);
  if (!read_kind (self, "episode", term, &position->position, position->named, &named, error))
    goto fail;
  if (!named)
    return position;

  patient = sp_store_get (self->store, "patient", patient_id, &local_error);
  if (patient == NULL &&
      !g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  if (patient == NULL || sp_record_is_deleted (patient))
    {
      position->position = 0;
      return position;
    }

  position->position = MAX (position->position, sp_record_get_seq (patient));
  if (!read_kind (self, "sip", term, &position->position, NULL, NULL, error))
    goto fail;

  position->record = g_steal_pointer (&patient);
  return position;

fail:
  position_free (position);
  return NULL;
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
 * @out_position: (out): where the patient belongs in the feed; only meaningful with a record
 * @out_record: (out) (transfer none) (nullable): the live patient record, or %NULL when there
 *   is none or none of the patient's live episodes names the caller's unit (then the caller
 *   sees nothing of it)
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

/**
 * sp_feed_page_parse_episode:
 * @record: a live episode
 *
 * Returns: (transfer full) (nullable): the episode, parsed once for every reader
 *   (sp_server_lookup_parsed()): only read it
 */
SpEpisode *
sp_feed_page_parse_episode (SpFeedPage *self,
                            SpRecord   *record)
{
  g_autoptr(JsonNode) node = NULL;
  SpEpisode *episode = sp_server_lookup_parsed (self->server, record);

  if (episode != NULL)
    return episode;

  if ((node = sp_api_record_to_json (record, NULL)) == NULL ||
      (episode = sp_episode_new_from_json (node, NULL)) == NULL)
    return NULL;

  sp_episode_set_revision (episode, sp_record_get_revision (record));
  sp_server_remember_parsed (self->server, record, episode);
  return episode;
}

/**
 * sp_feed_page_takes_part:
 *
 * Whether the caller's unit takes part in one of the patient's live episodes, as
 * sp_api_render_patient_in_feed() asks it, from the episodes sp_feed_page_get_patient() read.
 */
gboolean
sp_feed_page_takes_part (SpFeedPage *self,
                         const char *patient_id)
{
  Position *position = g_hash_table_lookup (self->positions, patient_id);

  g_return_val_if_fail (position != NULL, FALSE);

  if (position->takes_part < 0)
    {
      position->takes_part = FALSE;
      for (guint i = 0; position->named != NULL && i < position->named->len; i++)
        {
          g_autoptr(SpEpisode) episode = NULL;

          episode = sp_feed_page_parse_episode (self, g_ptr_array_index (position->named, i));
          if (episode != NULL && sp_access_may_see_episode (episode, self->unit_id))
            {
              position->takes_part = TRUE;
              break;
            }
        }
    }

  return position->takes_part;
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

/**
 * sp_feed_page_episode_parsed:
 *
 * The episode parsed, for its children's renderers (sp_api_render_message_of() …): each
 * episode is read once per batch of changes, and its children are rendered with what the
 * page decided by.
 *
 * Returns: (transfer none) (nullable): the live episode, or %NULL when there is none or it
 *   does not parse
 */
SpEpisode *
sp_feed_page_episode_parsed (SpFeedPage    *self,
                             SpFeedEpisode *episode)
{
  if (!episode->parsed_read && episode->record != NULL)
    episode->parsed = sp_feed_page_parse_episode (self, episode->record);
  episode->parsed_read = TRUE;

  return episode->parsed;
}
