/* sp-api-episodes-overview.c — the overview: GET /episodes, filtered, searched and paged
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The filters ask sp-access and sp-episode like the full rendering does, and read each fact
 * (patient, track, SIP invitation) only when a filter or a row on the page needs it.
 */

#define G_LOG_DOMAIN "sp-api-episodes"

#include "config.h"

#include <string.h>

#include "sp-api-episodes-private.h"
#include "sp-audit.h"
#include "sp-calendar.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-server-private.h"

/* The overview reads the unit's episodes from the store this many at a time. */
#define SCAN_BATCH 500

typedef struct
{
  guint       states;     /* bit per SpEpisodeState; 0: any */
  guint       tracks;     /* bit per SpTrack; 0: any */
  gboolean    overdue_given;
  gboolean    overdue;
  char       *q;          /* case-folded; NULL: none */
  char       *q_digits;   /* q without separators, if it is a number; else NULL */
  gboolean    by_identity; /* q is a whole identity number: only its patient's episodes */
  char       *patient_id;  /* that patient, if registered */
  guint       offset;
  guint       limit;
} Query;

static void
query_clear (Query *query)
{
  g_clear_pointer (&query->q, g_free);
  g_clear_pointer (&query->q_digits, g_free);
  g_clear_pointer (&query->patient_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

/* "planning,ready" → a bit per nick. */
static gboolean
parse_nicks (SpRequest   *request,
             const char  *name,
             GType        enum_type,
             guint       *out_bits,
             GError     **error)
{
  const char *text = sp_request_get_query (request, name);
  g_auto(GStrv) nicks = NULL;

  if (text == NULL)
    return TRUE;

  nicks = g_strsplit (text, ",", -1);
  for (guint i = 0; nicks[i] != NULL; i++)
    {
      int value = 0;

      if (!sp_enum_from_nick (enum_type, nicks[i], &value))
        {
          g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s: unknown value", name);
          return FALSE;
        }
      *out_bits |= 1u << value;
    }

  return TRUE;
}

static gboolean
parse_overdue (SpRequest  *request,
               Query      *query,
               GError    **error)
{
  const char *text = sp_request_get_query (request, "overdue");

  if (text == NULL)
    return TRUE;

  query->overdue_given = TRUE;
  query->overdue = g_strcmp0 (text, "true") == 0;
  if (query->overdue || g_strcmp0 (text, "false") == 0)
    return TRUE;

  g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                       "overdue: true or false");
  return FALSE;
}

/* The digits of a number as typed ("19121212-1212"); NULL if @text is not a number. */
static char *
strip_separators (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != '-' && *p != '+' && *p != ' ')
        return NULL;
    }

  return digits->len > 0 ? g_string_free (g_steal_pointer (&digits), FALSE) : NULL;
}

/* A whole identity number needs no scan: the registry's index finds the one patient. */
static void
find_q_patient (SpServer  *server,
                Query     *query,
                GDateTime *now)
{
  g_autoptr(SpIdentity) identity = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *term = NULL;
  GDate today;

  sp_calendar_get_local_date (now, &today);
  if (query->q_digits == NULL ||
      (identity = sp_identity_parse (query->q, &today, NULL)) == NULL)
    return;

  query->by_identity = TRUE;
  term = g_strconcat ("identity:", sp_identity_get_normalised (identity), NULL);
  records = sp_store_list (sp_server_get_store (server), "patient", term, 0, 1, NULL);
  if (records != NULL && records->len > 0)
    query->patient_id = g_strdup (sp_record_get_id (g_ptr_array_index (records, 0)));
}

/* Unacknowledged messages of one episode for the caller's unit: a count over the episode's
 * messages, never the unit's whole inbox. */
static guint
count_unacked_messages (SpServer   *server,
                        const char *unit_id,
                        const char *episode_id)
{
  g_autofree char *term = g_strconcat ("unacked:", unit_id, NULL);
  guint n = 0;

  if (!sp_store_count_children (sp_server_get_store (server), "message", episode_id, term, &n,
                                NULL))
    return 0;

  return n;
}

static gboolean
parse_query (SpServer   *server,
             SpRequest  *request,
             GDateTime  *now,
             Query      *query,
             GError    **error)
{
  const char *q = sp_request_get_query (request, "q");

  if (!sp_api_get_paging (request, &query->offset, &query->limit, error) ||
      !parse_nicks (request, "state", SP_TYPE_EPISODE_STATE, &query->states, error) ||
      !parse_nicks (request, "track", SP_TYPE_TRACK, &query->tracks, error) ||
      !parse_overdue (request, query, error))
    return FALSE;

  if (q != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (q));

      if (*trimmed == '\0')
        return TRUE;
      query->q = g_utf8_casefold (trimmed, -1);
      query->q_digits = strip_separators (trimmed);
      find_q_patient (server, query, now);
    }

  return TRUE;
}

static gboolean
matches_text (View        *view,
              const Facts *facts,
              const Query *query)
{
  SpPatient *patient = facts->patient;

  if (query->q == NULL)
    return TRUE;
  if (patient == NULL)
    return FALSE;

  /* Only on what the caller may see of the patient. */
  if (query->q_digits != NULL && sp_patient_get_identity (patient) != NULL &&
      sp_api_episodes_view_may_see (view, SP_EPISODE_FIELD_IDENTITY, NULL) &&
      strstr (sp_identity_get_normalised (sp_patient_get_identity (patient)),
              query->q_digits) != NULL)
    return TRUE;

  if (sp_api_episodes_view_may_see (view, SP_EPISODE_FIELD_NAME, NULL))
    {
      g_autofree char *name = g_strjoin (" ", sp_patient_get_given_name (patient),
                                         sp_patient_get_family_name (patient), NULL);
      g_autofree char *folded = g_utf8_casefold (name, -1);

      return strstr (folded, query->q) != NULL;
    }

  return FALSE;
}

static gboolean
any_overdue (GPtrArray *clocks,
             View      *view)
{
  for (guint i = 0; i < clocks->len; i++)
    {
      const Clock *clock = g_ptr_array_index (clocks, i);

      if (sp_api_episodes_clock_concerns (clock, view) &&
          sp_api_episodes_clock_is_overdue (clock, view->now))
        return TRUE;
    }

  return FALSE;
}

/* The earliest open clock that concerns the caller; NULL if none. */
static const Clock *
next_deadline (GPtrArray *clocks,
               View      *view)
{
  const Clock *next = NULL;

  for (guint i = 0; i < clocks->len; i++)
    {
      const Clock *clock = g_ptr_array_index (clocks, i);

      if (clock->done_at != NULL || !sp_api_episodes_clock_concerns (clock, view))
        continue;
      if (next == NULL || g_date_time_compare (clock->due, next->due) < 0)
        next = clock;
    }

  return next;
}

/* The care contact the overview shows: the lead, else the first the caller may see. */
static JsonNode *
main_contact_to_json (View *view)
{
  const SpCareContact *lead = sp_episode_get_lead_care_contact (view->episode);
  GPtrArray *contacts = sp_episode_get_care_contacts (view->episode);

  if (lead != NULL &&
      sp_api_episodes_view_may_see (view, SP_EPISODE_FIELD_CARE_CONTACTS, lead->unit_id))
    return sp_api_episodes_contact_to_json (lead);

  for (guint i = 0; i < contacts->len; i++)
    {
      const SpCareContact *contact = g_ptr_array_index (contacts, i);

      if (sp_api_episodes_view_may_see (view, SP_EPISODE_FIELD_CARE_CONTACTS, contact->unit_id))
        return sp_api_episodes_contact_to_json (contact);
    }

  return json_node_init_null (json_node_alloc ());
}

/* The notices the caller's unit must still acknowledge. */
static guint
count_unacked_notices (View *view)
{
  guint n = 0;

  if (sp_episode_can (view->episode, SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE,
                      view->unit_id, view->unit_kind, NULL))
    n++;
  if (sp_episode_can (view->episode, SP_EPISODE_ACTION_ACKNOWLEDGE_READY, view->unit_id,
                      view->unit_kind, NULL))
    n++;

  return n;
}

/* One row of the overview. */
static JsonNode *
render_summary (View        *view,
                const Facts *facts,
                GPtrArray   *clocks,
                guint        unacked_messages)
{
  JsonObject *object = sp_api_episodes_head (view);
  JsonObject *unacked = json_object_new ();
  const Clock *next = next_deadline (clocks, view);

  json_object_set_member (object, "patient", sp_api_episodes_patient_card (view, facts, TRUE));
  sp_api_episodes_set_estimated_discharge (object, view);
  sp_api_episodes_set_track (object, view, facts);

  if (next != NULL)
    {
      JsonObject *deadline = json_object_new ();

      sp_json_set_enum (deadline, "clock", SP_TYPE_CLOCK, next->clock);
      sp_json_set_string (deadline, "unit_id", next->unit_id);
      sp_json_set_datetime (deadline, "due", next->due);
      json_object_set_boolean_member (deadline, "overdue",
                                      sp_api_episodes_clock_is_overdue (next, view->now));
      json_object_set_object_member (object, "next_deadline", deadline);
    }
  else
    {
      json_object_set_null_member (object, "next_deadline");
    }
  json_object_set_boolean_member (object, "overdue", any_overdue (clocks, view));
  json_object_set_member (object, "care_contact", main_contact_to_json (view));

  json_object_set_int_member (unacked, "notices",
                              count_unacked_notices (view));
  json_object_set_int_member (unacked, "messages", unacked_messages);
  json_object_set_object_member (object, "unacknowledged", unacked);
  sp_api_episodes_set_restricted (object, view);

  return sp_json_node_new_object (object);
}

/* The filters, cheapest first, reading only the facts each needs. */
static gboolean
matches (SpServer    *server,
         SpEpisode   *episode,
         View        *view,
         const Query *query,
         Facts       *facts)
{
  if (!sp_access_may_see_episode (episode, view->unit_id) ||
      (query->states != 0 && !(query->states & (1u << sp_episode_get_state (episode)))))
    return FALSE;

  if (query->overdue_given)
    {
      g_autoptr(GPtrArray) clocks = NULL;

      /* Only the SIP clock depends on the track, and it runs only after ready. */
      if (sp_episode_get_ready_at (episode) != NULL)
        sp_api_episodes_ensure_track (server, episode, facts);
      clocks = sp_api_episodes_get_clocks (view->profile, episode, facts);
      if (any_overdue (clocks, view) != query->overdue)
        return FALSE;
    }

  if (query->tracks != 0)
    {
      sp_api_episodes_ensure_track (server, episode, facts);
      if (!facts->track_known || !(query->tracks & (1u << facts->track)) ||
          !sp_api_episodes_view_may_see (view, SP_EPISODE_FIELD_PLANNING_ANSWERS, NULL))
        return FALSE;
    }

  if (query->q != NULL)
    {
      sp_api_episodes_ensure_patient (server, episode, facts);
      if (!matches_text (view, facts, query))
        return FALSE;
    }

  return TRUE;
}

/* The row of an episode that matched and is on the page, as rendered before if nothing it
 * shows has changed (sp-api-episodes-rows.c). */
static void
append_row (SpServer  *server,
            SpEpisode *episode,
            View      *view,
            Facts     *facts,
            GString   *items)
{
  g_autoptr(GPtrArray) clocks = NULL;
  g_autoptr(JsonNode) row = NULL;
  g_autoptr(GArray) decisions = NULL;
  g_autofree char *text = NULL;
  const char *rendered;
  guint unacked_messages;

  sp_api_episodes_ensure_patient (server, episode, facts);
  sp_api_episodes_ensure_track (server, episode, facts);
  clocks = sp_api_episodes_get_clocks (view->profile, episode, facts);
  unacked_messages = count_unacked_messages (server, view->unit_id, sp_episode_get_id (episode));

  if (items->str[items->len - 1] != '[')
    g_string_append_c (items, ',');
  rendered = sp_api_episodes_rows_lookup (server, view, facts, clocks, unacked_messages);
  if (rendered != NULL)
    {
      g_string_append (items, rendered);
      return;
    }

  /* The filters asked sp-access too; only the row's own questions count. */
  view->restricted = FALSE;
  view->decisions = decisions = g_array_new (FALSE, FALSE, sizeof (Decision));
  row = render_summary (view, facts, clocks, unacked_messages);
  view->decisions = NULL;
  text = sp_json_to_string (row, FALSE);
  g_string_append (items, text);
  sp_api_episodes_rows_remember (server, view, facts, clocks, unacked_messages,
                                 g_steal_pointer (&decisions), g_steal_pointer (&text));
}

/* The episode of @record, shared with other readers (sp_server_lookup_parsed()): the overview
 * only reads it. NULL if it does not parse. */
static SpEpisode *
parse_shared (SpServer *server,
              SpRecord *record)
{
  g_autoptr(JsonNode) node = NULL;
  SpEpisode *episode = sp_server_lookup_parsed (server, record);

  if (episode != NULL)
    return episode;

  node = sp_api_record_to_json (record, NULL);
  episode = node != NULL ? sp_episode_new_from_json (node, NULL) : NULL;
  if (episode == NULL)
    return NULL;

  sp_episode_set_revision (episode, sp_record_get_revision (record));
  sp_server_remember_parsed (server, record, episode);
  return episode;
}

void
sp_api_episodes_list (gpointer   server,
                      SpRequest *request)
{
  SpStore *store = sp_server_get_store (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  g_autoptr(GHashTable) patients = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (SpAuditSubject));
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *term = NULL;
  g_auto(Query) query = { 0 };
  /* The rows are JSON texts already (append_row()): the answer is written around them. */
  g_autoptr(GString) items = g_string_new ("{\"items\":[");
  guint n_items = 0;
  guint matched = 0;
  guint first, skip, batch;
  gboolean full = FALSE;

  if (!parse_query (server, request, now, &query, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  /* Without filters, every episode under the unit's term is one the caller sees (the term is
   * written for exactly the ward and the addressed units, as sp_access_may_see_episode asks),
   * so the store skips to the page instead of this loop reading every earlier episode. */
  if (query.states == 0 && query.tracks == 0 && !query.overdue_given && query.q == NULL)
    {
      first = query.offset;
      skip = 0;
      batch = MIN (MAX (query.limit, 1), SCAN_BATCH);
    }
  else
    {
      first = 0;
      skip = query.offset;
      batch = SCAN_BATCH;
    }

  term = query.by_identity ? g_strconcat ("patient:", query.patient_id, NULL)
                           : g_strconcat ("unit:", sp_api_unit_id (request), NULL);
  /* An identity number nobody has: nothing to scan. */
  full = query.limit == 0 || (query.by_identity && query.patient_id == NULL);

  /* Store order (by id) is stable, so pages do not overlap; the scan stops once the page is
   * full. */
  for (guint scanned = first; !full; scanned += batch)
    {
      g_autoptr(GPtrArray) records = sp_store_list (store, "episode", term, scanned, batch,
                                                    &error);

      if (records == NULL)
        {
          sp_request_fail (request, g_steal_pointer (&error));
          return;
        }

      for (guint i = 0; i < records->len && !full; i++)
        {
          SpRecord *record = g_ptr_array_index (records, i);
          g_autoptr(SpEpisode) episode = parse_shared (server, record);
          g_auto(Facts) facts = { 0 };
          View view;

          if (episode == NULL)
            continue;
          sp_api_episodes_view_init (&view, server, request, episode, now);
          if (!matches (server, episode, &view, &query, &facts) || matched++ < skip)
            continue;

          append_row (server, episode, &view, &facts, items);
          n_items++;
          /* One "list" entry per patient shown. */
          if (g_hash_table_add (patients, (gpointer) sp_episode_get_patient_id (episode)))
            {
              SpAuditSubject subject = { sp_episode_get_patient_id (episode), "episode",
                                         sp_episode_get_id (episode) };

              g_array_append_val (shown, subject);
            }
          g_ptr_array_add (kept, g_steal_pointer (&episode));
          full = n_items >= query.limit;
        }

      if (records->len < batch)
        break;
    }

  if (!sp_audit_log_many (store, request, now, "list", (SpAuditSubject *) shown->data, shown->len,
                          &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  g_string_append_printf (items, "],\"offset\":%u,\"limit\":%u}", query.offset, query.limit);
  sp_request_respond_json_text (request, 200, g_string_free (g_steal_pointer (&items), FALSE));
}
