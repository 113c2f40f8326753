/* sp-api-changes.c — the changes feed: everything the caller may see, since a cursor
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /api/v1/changes?since=N&limit=M walks the store's changes in sequence order and renders
 * each record with its kind's render function, the same one the resource endpoints use. The
 * answer is written as text item by item, and patients' positions and parent episodes are
 * read once per batch of changes (sp-feed-page.c; tests/server/test-feed-pages.c holds the
 * page to the first implementation byte for byte).
 * docs/api/changes-audit.md gives the protocol; the essentials:
 *
 * - A record is delivered at its *position*, normally its own sequence number. A child of an
 *   episode (message, planning, patientinformation) whose episode changed after it is
 *   delivered with the episode instead, and a patient with the last-changed of its episodes
 *   and SIPs. What a unit may see of a child or a patient follows from the episode (its
 *   addressing, its consents), so when the episode changes they are rendered and sent again:
 *   a unit added to an episode late thus receives its earlier messages, and a consent given
 *   or withdrawn reaches the copies already on clients. Each position is computed from the
 *   store alone, so one pass from any cursor sends each record exactly once.
 * - "next" is the position of the last record looked at, seen by the caller or not, so a
 *   client never loops on changes it may not see.
 * - Server-private kinds (user, and any kind not listed here) are never sent; sessions,
 *   idempotency records and the audit log are not records at all (sp_store_set_private,
 *   sp_store_append_log), so the feed never reads past them. Units are a directory every
 *   signed-in user reads.
 */

#define G_LOG_DOMAIN "sp-api-changes"

#include "config.h"

#include <string.h>

#include "sp-api.h"
#include "sp-api-common.h"
#include "sp-audit.h"
#include "sp-feed-page.h"
#include "sp-json.h"
#include "sp-server-private.h"

#define DEFAULT_LIMIT 100
/* Records read from the store per step, and at most per request: audit entries, sessions
 * and other units' records are most of the changes, so a page reads far more than it sends,
 * but a request still ends in bounded time. */
#define SCAN_STEP   500
#define SCAN_BUDGET 5000
/* Children read from the store per step. */
#define LIST_STEP   500

static void list_changes (gpointer server, SpRequest *request);

static const SpRoute routes[] = {
  { "GET", "/api/v1/changes", list_changes, 0 },
};

const SpRoute *
sp_api_changes_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}

/* Every signed-in user may read the unit directory, as GET /api/v1/units shows it. */
static JsonNode *
render_unit (SpServer  *server,
             SpRequest *request,
             SpRecord  *record)
{
  return sp_api_record_to_json (record, NULL);
}

typedef enum
{
  KIND_PLAIN,      /* delivered at its own position */
  KIND_EPISODE,    /* brings its children and its patient */
  KIND_SIP,        /* brings its patient */
  KIND_CHILD,      /* waits for its episode when that changed later */
  KIND_PATIENT,    /* waits for the last change of its episodes and SIPs */
} KindRole;

typedef struct
{
  const char           *kind;
  SpApiRenderFunc       render;
  KindRole              role;
  SpApiRenderChildFunc  render_child;  /* KIND_CHILD: with the episode the page read */
} KindInfo;

/* The kinds a client receives; any other kind is server-private. */
static const KindInfo kinds[] = {
  { "unit",         render_unit,                KIND_PLAIN },
  { "patient",      sp_api_render_patient_in_feed, KIND_PATIENT },
  { "episode",      sp_api_render_episode,      KIND_EPISODE },
  { "sip",          sp_api_render_sip,          KIND_SIP },
  { "message",      sp_api_render_message,      KIND_CHILD, sp_api_render_message_of },
  { "planning",     sp_api_render_planning,     KIND_CHILD, sp_api_render_planning_of },
  { "patient_info", sp_api_render_patient_info, KIND_CHILD, sp_api_render_patient_info_of },
};

static const KindInfo *
lookup_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].kind, kind))
      return &kinds[i];

  return NULL;
}

static void
add_item (SpFeedPage *page,
          SpRecord   *record,
          JsonNode   *rendered,
          const char *patient_id)
{
  if (rendered == NULL)
    return;

  sp_feed_page_add_item (page, record, rendered);
  if (patient_id != NULL)
    g_hash_table_add (page->patients, g_strdup (patient_id));
}

static void
emit (SpFeedPage *page,
      SpRecord   *record,
      const char *patient_id)
{
  const KindInfo *info = lookup_kind (sp_record_get_kind (record));
  g_autoptr(JsonNode) rendered = info->render (page->server, page->request, record);

  add_item (page, record, rendered, patient_id);
}

/* A child of a live episode, rendered with the episode as the page read it. */
static void
emit_child (SpFeedPage    *page,
            SpRecord      *record,
            const char    *patient_id,
            SpFeedEpisode *episode)
{
  const KindInfo *info = lookup_kind (sp_record_get_kind (record));
  g_autoptr(JsonNode) rendered = NULL;

  rendered = info->render_child (page->server, page->request, record,
                                 sp_feed_page_episode_parsed (page, episode));
  add_item (page, record, rendered, patient_id);
}

/* A deletion reaches those who could see the record when it last existed. The tombstone
 * carries no data, so it is not audited. */
static gboolean
emit_tombstone (SpFeedPage  *page,
                SpRecord    *record,
                GError     **error)
{
  const KindInfo *info = lookup_kind (sp_record_get_kind (record));
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(JsonNode) rendered = NULL;
  SpRecord *last = NULL;

  history = sp_store_get_history (page->store, sp_record_get_kind (record),
                                  sp_record_get_id (record), error);
  if (history == NULL)
    return FALSE;

  for (guint i = 0; i < history->len; i++)
    if (!sp_record_is_deleted (g_ptr_array_index (history, i)))
      last = g_ptr_array_index (history, i);

  if (last == NULL ||
      (rendered = info->render (page->server, page->request, last)) == NULL)
    return TRUE;

  sp_feed_page_add_tombstone (page, record);
  return TRUE;
}

/* The top-level "patient_id" of a body as sp_episode_to_json() writes it: before any nested
 * value. NULL when the body is not so (then the caller parses it). */
static char *
scan_patient_id (SpRecord *record)
{
  static const char member[] = ",\"patient_id\":\"";
  gsize size = 0;
  const char *data = g_bytes_get_data (sp_record_get_body (record), &size);
  const char *start, *end;

  if (data == NULL || size < 2 || data[0] != '{' ||
      (start = memmem (data, size, member, strlen (member))) == NULL)
    return NULL;

  /* Nothing nested before it, and a plain id after it. */
  for (const char *p = data + 1; p < start; p++)
    if (*p == '{' || *p == '[')
      return NULL;
  start += strlen (member);
  for (end = start; end < data + size && *end != '"'; end++)
    if (*end == '\\')
      return NULL;

  return end < data + size && end > start ? g_strndup (start, end - start) : NULL;
}

/* The "patient_id" member of an episode or SIP body; NULL if it has none. An episode is
 * parsed once for the whole page: its rendering and its children's find it again
 * (sp_server_lookup_parsed()). A SIP's is read off its text where it can be: its rendering
 * parses it anyway. */
static char *
read_patient_id (SpFeedPage *page,
                 SpRecord   *record)
{
  g_autoptr(JsonNode) node = NULL;
  char *patient_id;

  if (g_str_equal (sp_record_get_kind (record), "episode"))
    {
      g_autoptr(SpEpisode) episode = sp_feed_page_parse_episode (page, record);

      return episode != NULL ? g_strdup (sp_episode_get_patient_id (episode)) : NULL;
    }

  if ((patient_id = scan_patient_id (record)) != NULL)
    return patient_id;

  node = sp_api_record_to_json (record, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (node),
                                                               "patient_id", NULL));
}

/* The patient of a live episode, read once per page. */
static const char *
episode_patient_id (SpFeedPage    *page,
                    SpFeedEpisode *episode)
{
  if (!episode->patient_read)
    {
      episode->patient_id = read_patient_id (page, episode->record);
      episode->patient_read = TRUE;
    }

  return episode->patient_id;
}

/* Sends the patient if @position is where it belongs. */
static gboolean
emit_patient_at (SpFeedPage  *page,
                 const char  *patient_id,
                 gint64       position,
                 GError     **error)
{
  SpRecord *patient = NULL;
  gint64 patient_position;

  if (!sp_feed_page_get_patient (page, patient_id, &patient_position, &patient, error))
    return FALSE;

  /* No record: the caller's unit takes part in none of the patient's episodes. An inpatient
   * unit gets only its own patients (sp_api_render_patient_in_feed()): the page has read
   * their episodes already. */
  if (patient_position == position && patient != NULL &&
      (sp_api_unit_kind (page->request) != SP_UNIT_KIND_INPATIENT ||
       sp_feed_page_takes_part (page, patient_id)))
    {
      g_autoptr(JsonNode) rendered = sp_api_render_patient (page->server, page->request,
                                                            patient);

      add_item (page, patient, rendered, patient_id);
    }
  return TRUE;
}

/* The children of an episode at @position that are older than it: they are sent with it. */
static gboolean
emit_children (SpFeedPage    *page,
               SpRecord      *episode,
               SpFeedEpisode *known,
               const char    *patient_id,
               GError       **error)
{
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      if (kinds[k].role != KIND_CHILD)
        continue;

      for (guint offset = 0;; offset += LIST_STEP)
        {
          g_autoptr(GPtrArray) children = NULL;

          children = sp_store_list_children (page->store, kinds[k].kind,
                                             sp_record_get_id (episode), offset, LIST_STEP,
                                             error);
          if (children == NULL)
            return FALSE;

          for (guint i = 0; i < children->len; i++)
            {
              SpRecord *child = g_ptr_array_index (children, i);

              if (sp_record_get_seq (child) < sp_record_get_seq (episode))
                emit_child (page, child, patient_id, known);
            }

          if (children->len < LIST_STEP)
            break;
        }
    }

  return TRUE;
}

/* Sends whatever belongs at the position of @record. */
static gboolean
process (SpFeedPage  *page,
         SpRecord    *record,
         GError     **error)
{
  const KindInfo *info = lookup_kind (sp_record_get_kind (record));
  gint64 position = sp_record_get_seq (record);
  g_autofree char *patient_id = NULL;
  SpFeedEpisode *episode;
  const char *parent_id;

  if (info == NULL)
    return TRUE;

  /* Deletions are sent where they happened; they never wait for anything. */
  if (sp_record_is_deleted (record))
    return emit_tombstone (page, record, error);

  switch (info->role)
    {
    case KIND_PLAIN:
      emit (page, record, NULL);
      return TRUE;

    case KIND_PATIENT:
      return emit_patient_at (page, sp_record_get_id (record), position, error);

    case KIND_EPISODE:
      episode = sp_feed_page_note_episode (page, record);
      if (!sp_api_record_names_unit (record, page->unit_id))
        {
          /* Not the caller's, nor are its children; its patient may be, through another
           * episode, and it may belong here. */
          patient_id = scan_patient_id (record);
          if (patient_id == NULL)
            patient_id = read_patient_id (page, record);
          return patient_id == NULL || emit_patient_at (page, patient_id, position, error);
        }
      /* The patient first, so a client has it before the records that point to it. */
      patient_id = episode->record == record ? g_strdup (episode_patient_id (page, episode))
                                             : read_patient_id (page, record);
      if (patient_id != NULL && !emit_patient_at (page, patient_id, position, error))
        return FALSE;
      emit (page, record, patient_id);
      return emit_children (page, record, episode, patient_id, error);

    case KIND_SIP:
      patient_id = read_patient_id (page, record);
      if (patient_id != NULL && !emit_patient_at (page, patient_id, position, error))
        return FALSE;
      emit (page, record, patient_id);
      return TRUE;

    case KIND_CHILD:
    default:
      /* A child waits only for a live episode. */
      parent_id = sp_record_get_parent_id (record);
      episode = parent_id != NULL ? sp_feed_page_get_episode (page, parent_id, error) : NULL;
      if (parent_id != NULL && episode == NULL)
        return FALSE;
      if (episode == NULL || episode->record == NULL)
        {
          /* Outside an episode: the message itself may name the patient. */
          patient_id = read_patient_id (page, record);
          emit (page, record, patient_id);
          return TRUE;
        }
      if (sp_record_get_seq (episode->record) > position || !episode->named)
        return TRUE;
      emit_child (page, record, episode_patient_id (page, episode), episode);
      return TRUE;
    }
}

static gboolean
parse_number (SpRequest   *request,
              const char  *name,
              guint64      min,
              guint64      max,
              guint64      fallback,
              guint64     *out,
              GError     **error)
{
  const char *text = sp_request_get_query (request, name);

  *out = fallback;
  if (text == NULL || g_ascii_string_to_unsigned (text, 10, min, max, out, NULL))
    return TRUE;

  g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
               "%s: a whole number from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT,
               name, min, max);
  return FALSE;
}

typedef struct
{
  SpFeedPage *page;
  GDateTime  *now;
} AuditBatch;

/* One "list" entry per patient whose data the page returns, in one transaction. */
static gboolean
audit_page_cb (SpStore   *store,
               gpointer   user_data,
               GError   **error)
{
  AuditBatch *batch = user_data;
  GHashTableIter iter;
  gpointer patient_id;

  g_hash_table_iter_init (&iter, batch->page->patients);
  while (g_hash_table_iter_next (&iter, &patient_id, NULL))
    if (!sp_audit_log (store, batch->page->request, batch->now, "list", patient_id, "changes",
                       NULL, error))
      return FALSE;

  return TRUE;
}

/* Reads changes after @position until the page holds @limit items, the scan budget is
 * spent, or the store has no more; *@position becomes the last sequence number read. */
static gboolean
fill_page (SpFeedPage  *page,
           gint64      *position,
           guint        limit,
           gboolean    *out_more,
           GError     **error)
{
  guint scanned = 0;

  *out_more = TRUE;
  while (page->n_items < limit && scanned < SCAN_BUDGET)
    {
      guint want = MIN (SCAN_STEP, SCAN_BUDGET - scanned);
      g_autoptr(GPtrArray) records = sp_store_changes_since (page->store, *position, want,
                                                             error);
      guint i;

      if (records == NULL)
        return FALSE;

      /* What the page looked up holds for these changes, not for the next ones. */
      sp_feed_page_forget (page);
      for (i = 0; i < records->len && page->n_items < limit; i++)
        {
          SpRecord *record = g_ptr_array_index (records, i);

          if (!process (page, record, error))
            return FALSE;
          *position = sp_record_get_seq (record);
          scanned++;
        }

      if (i == records->len && records->len < want)
        {
          *out_more = FALSE;
          break;
        }
    }

  return TRUE;
}

/* GET /api/v1/changes?since=N&limit=M */
static void
list_changes (gpointer   server,
              SpRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (server);
  SpFeedPage page;
  AuditBatch batch = { &page, now };
  guint64 since, limit;
  gint64 position;
  gboolean more;

  if (!parse_number (request, "since", 0, G_MAXINT64, 0, &since, &error) ||
      !parse_number (request, "limit", 1, SP_API_MAX_PAGE, DEFAULT_LIMIT, &limit, &error))
    {
      sp_request_fail (request, g_steal_pointer (&error));
      return;
    }

  sp_feed_page_init (&page, server, request);
  position = since;
  if (!fill_page (&page, &position, limit, &more, &error) ||
      (g_hash_table_size (page.patients) > 0 &&
       !sp_store_transaction (page.store, audit_page_cb, &batch, &error)))
    sp_request_fail (request, g_steal_pointer (&error));
  else
    sp_request_respond_json_text (request, 200, sp_feed_page_finish (&page, position, more));

  sp_feed_page_clear (&page);
}
