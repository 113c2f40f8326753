/* test-feed-pages.c — the changes feed, byte for byte against the way it was first written
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The feed writes its pages as text and keeps what it looked up for the whole request
 * (src/server/sp-feed-page.c). This test keeps the first implementation, which built one
 * JSON tree per page and asked the store again for every item, as the reference: on a
 * seeded demo region, changed afterwards so that children, patients and deletions move
 * (episodes saved again, units addressed late, records deleted), every page the server
 * answers, for several units and page sizes, must equal the reference's text exactly.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sp-access.h"
#include "sp-api-common.h"
#include "sp-enum-types.h"
#include "sp-episode.h"
#include "sp-json.h"
#include "sp-server.h"
#include "sp-server-private.h"
#include "sp-session.h"
#include "sp-store.h"
#include "sp-test-server.h"
#include "sp-types.h"

/* A clock both the server and the reference read: rendered episodes carry clocks. */
#define NOW "2026-11-20T10:00:00+01:00"

static SpTestServer *test_server;
static SpStore *test_store;   /* the test's own connection to the server's database */
static SpServer *local;       /* an unstarted server on it, for the reference */
static guint n_text_pages;    /* pages that held the unit "demo-test-text" */
static guint n_named_elsewhere;

/* ---- The reference: the changes feed as first written (sp-api-changes.c, Nov 2026) ---- */

/* Records read from the store per step, and at most per request: audit entries, sessions
 * and other units' records are most of the changes, so a page reads far more than it sends,
 * but a request still ends in bounded time. */
#define SCAN_STEP   500
#define SCAN_BUDGET 5000
/* Children and episodes read from the store per step. */
#define LIST_STEP   500
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
  const char      *kind;
  SpApiRenderFunc  render;
  KindRole         role;
} KindInfo;

/* The kinds a client receives; any other kind is server-private. */
static const KindInfo kinds[] = {
  { "unit",         render_unit,                KIND_PLAIN },
  { "patient",      sp_api_render_patient_in_feed, KIND_PATIENT },
  { "episode",      sp_api_render_episode,      KIND_EPISODE },
  { "sip",          sp_api_render_sip,          KIND_SIP },
  { "message",      sp_api_render_message,      KIND_CHILD },
  { "planning",     sp_api_render_planning,     KIND_CHILD },
  { "patient_info", sp_api_render_patient_info, KIND_CHILD },
};

/* The kinds whose records carry the term "patient:<id>" and a "patient_id" member. */
static const char * const patient_kinds[] = { "episode", "sip" };

static const KindInfo *
lookup_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].kind, kind))
      return &kinds[i];

  return NULL;
}

typedef struct
{
  SpServer   *server;
  SpRequest  *request;
  SpStore    *store;
  JsonArray  *items;
  GHashTable *patients;  /* ids of the patients whose data the page returns: audited */
} Page;

static JsonObject *
new_item (SpRecord *record)
{
  JsonObject *item = json_object_new ();

  json_object_set_string_member (item, "kind", sp_record_get_kind (record));
  json_object_set_string_member (item, "id", sp_record_get_id (record));
  json_object_set_int_member (item, "revision", sp_record_get_revision (record));
  json_object_set_int_member (item, "seq", sp_record_get_seq (record));
  sp_json_set_string (item, "parent", sp_record_get_parent_id (record));

  return item;
}

static void
emit (Page       *page,
      SpRecord   *record,
      const char *patient_id)
{
  const KindInfo *info = lookup_kind (sp_record_get_kind (record));
  JsonNode *rendered = info->render (page->server, page->request, record);
  JsonObject *item;

  if (rendered == NULL)
    return;

  item = new_item (record);
  json_object_set_member (item, "record", rendered);
  json_array_add_object_element (page->items, item);
  if (patient_id != NULL)
    g_hash_table_add (page->patients, g_strdup (patient_id));
}

/* A deletion reaches those who could see the record when it last existed. The tombstone
 * carries no data, so it is not audited. */
static gboolean
emit_tombstone (Page      *page,
                SpRecord  *record,
                GError   **error)
{
  const KindInfo *info = lookup_kind (sp_record_get_kind (record));
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(JsonNode) rendered = NULL;
  SpRecord *last = NULL;
  JsonObject *item;

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

  item = new_item (record);
  json_object_set_boolean_member (item, "deleted", TRUE);
  json_array_add_object_element (page->items, item);
  return TRUE;
}

/* The top-level "patient_id" of an episode body as sp_episode_to_json() writes it: right
 * after "format" and "id", before any nested value. NULL when the body is not so (then the
 * caller parses it). */
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
 * (sp_server_lookup_parsed()). */
static char *
read_patient_id (Page     *page,
                 SpRecord *record)
{
  g_autoptr(JsonNode) node = NULL;

  if (g_str_equal (sp_record_get_kind (record), "episode"))
    {
      g_autoptr(SpEpisode) episode = sp_server_lookup_parsed (page->server, record);

      if (episode == NULL &&
          (node = sp_api_record_to_json (record, NULL)) != NULL &&
          (episode = sp_episode_new_from_json (node, NULL)) != NULL)
        {
          sp_episode_set_revision (episode, sp_record_get_revision (record));
          sp_server_remember_parsed (page->server, record, episode);
        }

      return episode != NULL ? g_strdup (sp_episode_get_patient_id (episode)) : NULL;
    }

  node = sp_api_record_to_json (record, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (node),
                                                               "patient_id", NULL));
}

/* The position of a patient: the highest sequence number among the patient record and the
 * live episodes and SIPs that name it. 0 when there is no live patient record. */
static gboolean
get_patient_position (SpStore     *store,
                      const char  *patient_id,
                      gint64      *out_position,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpRecord) patient = sp_store_get (store, "patient", patient_id, &local_error);
  g_autofree char *term = g_strconcat ("patient:", patient_id, NULL);

  *out_position = 0;
  if (patient == NULL)
    {
      if (g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (sp_record_is_deleted (patient))
    return TRUE;

  *out_position = sp_record_get_seq (patient);
  for (guint k = 0; k < G_N_ELEMENTS (patient_kinds); k++)
    for (guint offset = 0;; offset += LIST_STEP)
      {
        g_autoptr(GPtrArray) records = sp_store_list (store, patient_kinds[k], term, offset,
                                                      LIST_STEP, error);

        if (records == NULL)
          return FALSE;
        for (guint i = 0; i < records->len; i++)
          *out_position = MAX (*out_position,
                               sp_record_get_seq (g_ptr_array_index (records, i)));
        if (records->len < LIST_STEP)
          break;
      }

  return TRUE;
}

/* Sends the patient if @position is where it belongs. */
static gboolean
emit_patient_at (Page        *page,
                 const char  *patient_id,
                 gint64       position,
                 GError     **error)
{
  g_autoptr(SpRecord) patient = NULL;
  gint64 patient_position;

  if (!get_patient_position (page->store, patient_id, &patient_position, error))
    return FALSE;
  if (patient_position != position)
    return TRUE;

  patient = sp_store_get (page->store, "patient", patient_id, error);
  if (patient == NULL)
    return FALSE;

  emit (page, patient, patient_id);
  return TRUE;
}

/* The children of an episode at @position that are older than it: they are sent with it. */
static gboolean
emit_children (Page        *page,
               SpRecord    *episode,
               const char  *patient_id,
               GError     **error)
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
                emit (page, child, patient_id);
            }

          if (children->len < LIST_STEP)
            break;
        }
    }

  return TRUE;
}

/* The live episode a child belongs to, or NULL in *@out_episode: a message outside an
 * episode, or one whose episode was deleted (a child waits only for a live episode). */
static gboolean
load_parent_episode (Page       *page,
                     SpRecord   *child,
                     SpRecord  **out_episode,
                     GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SpRecord) episode = NULL;
  const char *parent_id = sp_record_get_parent_id (child);

  *out_episode = NULL;
  if (parent_id == NULL)
    return TRUE;

  episode = sp_store_get (page->store, "episode", parent_id, &local_error);
  if (episode == NULL)
    {
      if (g_error_matches (local_error, SP_STORE_ERROR, SP_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!sp_record_is_deleted (episode))
    *out_episode = g_steal_pointer (&episode);
  return TRUE;
}

/* Sends whatever belongs at the position of @record. */
static gboolean
process (Page      *page,
         SpRecord  *record,
         GError   **error)
{
  const KindInfo *info = lookup_kind (sp_record_get_kind (record));
  gint64 position = sp_record_get_seq (record);
  g_autoptr(SpRecord) episode = NULL;
  g_autofree char *patient_id = NULL;

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
      if (!sp_api_record_names_unit (record, sp_api_unit_id (page->request)))
        {
          /* Not the caller's, nor are its children; its patient may be, through another
           * episode, and it may belong here. */
          patient_id = scan_patient_id (record);
          if (patient_id == NULL)
            patient_id = read_patient_id (page, record);
          return patient_id == NULL || emit_patient_at (page, patient_id, position, error);
        }
      G_GNUC_FALLTHROUGH;
    case KIND_SIP:
      /* The patient first, so a client has it before the records that point to it. */
      patient_id = read_patient_id (page, record);
      if (patient_id != NULL && !emit_patient_at (page, patient_id, position, error))
        return FALSE;
      emit (page, record, patient_id);
      return info->role == KIND_SIP || emit_children (page, record, patient_id, error);

    case KIND_CHILD:
    default:
      if (!load_parent_episode (page, record, &episode, error))
        return FALSE;
      if (episode == NULL)
        {
          /* Outside an episode: the message itself may name the patient. */
          patient_id = read_patient_id (page, record);
          emit (page, record, patient_id);
          return TRUE;
        }
      if (sp_record_get_seq (episode) > position ||
          !sp_api_record_names_unit (episode, sp_api_unit_id (page->request)))
        return TRUE;
      patient_id = read_patient_id (page, episode);
      emit (page, record, patient_id);
      return TRUE;
    }
}


/* Reads changes after @position until the page holds @limit items, the scan budget is
 * spent, or the store has no more; *@position becomes the last sequence number read. */
static gboolean
fill_page (Page      *page,
           gint64    *position,
           guint      limit,
           gboolean  *out_more,
           GError   **error)
{
  guint scanned = 0;

  *out_more = TRUE;
  while (json_array_get_length (page->items) < limit && scanned < SCAN_BUDGET)
    {
      guint want = MIN (SCAN_STEP, SCAN_BUDGET - scanned);
      g_autoptr(GPtrArray) records = sp_store_changes_since (page->store, *position, want,
                                                             error);
      guint i;

      if (records == NULL)
        return FALSE;

      for (i = 0; i < records->len && json_array_get_length (page->items) < limit; i++)
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


/* The reference's answer to GET /changes?since=@since&limit=@limit for @token's session. */
static char *
reference_page (const char *token,
                gint64      since,
                guint       limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sp_server_get_now (local);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SpSession) session = sp_session_authenticate (test_store, authorization, NULL, now,
                                                          &error);
  g_autoptr(GHashTable) patients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonArray) items = json_array_new ();
  g_autoptr(JsonObject) result = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  SpRequest request = { 0 };
  Page page = { local, &request, test_store, items, patients };
  gint64 position = since;
  gboolean more;

  g_assert_no_error (error);
  request.session = session;
  g_assert_true (fill_page (&page, &position, limit, &more, &error));
  g_assert_no_error (error);

  json_object_set_array_member (result, "items", g_steal_pointer (&items));
  json_object_set_int_member (result, "next", position);
  json_object_set_boolean_member (result, "more", more);
  node = json_node_init_object (json_node_alloc (), result);
  return sp_json_to_string (node, FALSE);
}

/* ---- Seeding ---- */

/* `samplan-server seed-demo` into the server's database: every third episode is demo-avd3's;
 * each has its patient, a message and most a planning basis, some a SIP. */
static void
seed_demo (guint n_episodes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *episodes = g_strdup_printf ("%u", n_episodes);
  g_autofree char *err = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, g_getenv ("SAMPLAN_SERVER"), "seed-demo", "--db",
                              sp_test_server_get_db (test_server), "--episodes", episodes, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    g_error ("samplan-server seed-demo failed: %s", err);
}

static SpEpisode *
read_episode (SpRecord *record)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_api_record_to_json (record, &error);
  SpEpisode *episode;

  g_assert_no_error (error);
  episode = sp_episode_new_from_json (node, &error);
  g_assert_no_error (error);
  sp_episode_set_revision (episode, sp_record_get_revision (record));
  return episode;
}

static void
add_term (GStrvBuilder *builder,
          const char   *prefix,
          const char   *value)
{
  g_autofree char *term = g_strconcat (prefix, value, NULL);

  g_strv_builder_add (builder, term);
}

/* Stores @record again with a member naming demo-avd-3 (an inpatient unit) that is neither
 * its ward nor an addressee: the unit does not take part in the episode, though its body
 * names it. Its patient must not reach the unit through it. */
static void
named_elsewhere (SpRecord *record)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpEpisode) episode = read_episode (record);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) terms = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SpRecord) saved = NULL;
  GPtrArray *addressing = sp_episode_get_addressing (episode);
  gsize size = 0;
  const char *data = g_bytes_get_data (sp_record_get_body (record), &size);
  GString *text = g_string_new_len (data, size);

  /* The terms sp_api_save_episode() gives it. */
  add_term (builder, "unit:", sp_episode_get_ward_unit_id (episode));
  for (guint i = 0; i < addressing->len; i++)
    add_term (builder, "unit:",
              ((const SpAddressee *) g_ptr_array_index (addressing, i))->unit_id);
  add_term (builder, "patient:", sp_episode_get_patient_id (episode));
  add_term (builder, "state:", sp_enum_to_nick (SP_TYPE_EPISODE_STATE,
                                                sp_episode_get_state (episode)));
  terms = g_strv_builder_end (builder);

  g_assert_cmpint (text->len, >, 0);
  g_assert_cmpint (text->str[text->len - 1], ==, '}');
  g_string_insert (text, text->len - 1, ",\"test_note\":\"demo-avd-3\"");
  body = g_string_free_to_bytes (text);
  saved = sp_store_put (test_store, "episode", sp_record_get_id (record), NULL, body,
                        sp_record_get_revision (record), (const char * const *) terms, &error);
  g_assert_no_error (error);
  n_named_elsewhere++;
}

/* Moves records around in the feed the way real work does: an episode saved again comes
 * after its children and its patient (they come again with it); a unit addressed late gets
 * the earlier records; deletions leave tombstones, and the children of a deleted episode
 * stand on their own. */
static void
change_region (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = sp_store_changes_since (test_store, 0, G_MAXINT, &error);
  g_autoptr(GDateTime) now = sp_server_get_now (local);
  guint n_episodes = 0, n_messages = 0, n_addressed = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      SpRecord *record = g_ptr_array_index (records, i);
      const char *kind = sp_record_get_kind (record);

      if (g_str_equal (kind, "episode") && n_episodes++ % 4 == 1)
        {
          g_autoptr(SpEpisode) episode = read_episode (record);
          g_autoptr(SpRecord) saved = NULL;

          /* Every other one with a unit invited to its SIP (by a care contact's unit),
           * where its state allows it. */
          if (n_episodes % 8 == 2 &&
              !sp_access_may_see_episode (episode, "demo-vc-latsasvik"))
            {
              GPtrArray *contacts = sp_episode_get_care_contacts (episode);

              for (guint c = 0; c < contacts->len; c++)
                {
                  const SpCareContact *contact = g_ptr_array_index (contacts, c);
                  const SpAddressee *by = sp_episode_find_addressee (episode, contact->unit_id);

                  if (by != NULL &&
                      sp_episode_add_unit_via_sip_invitation (episode, by->unit_id,
                                                              by->unit_kind,
                                                              "demo-vc-latsasvik",
                                                              SP_UNIT_KIND_OUTPATIENT, now,
                                                              "Test Testsson", &error))
                    {
                      n_addressed++;
                      break;
                    }
                  g_clear_error (&error);
                }
            }
          saved = sp_api_save_episode (local, episode, sp_episode_get_revision (episode),
                                       &error);
          g_assert_no_error (error);
        }
      else if (g_str_equal (kind, "episode") && n_episodes % 9 == 3)
        {
          g_autoptr(SpRecord) deleted = NULL;

          deleted = sp_store_delete (test_store, kind, sp_record_get_id (record),
                                     sp_record_get_revision (record), &error);
          g_assert_no_error (error);
        }
      else if (g_str_equal (kind, "episode") && n_episodes % 10 == 7 &&
               !sp_api_record_names_unit (record, "demo-avd-3"))
        named_elsewhere (record);
      else if (g_str_equal (kind, "message") && n_messages++ % 7 == 5)
        {
          g_autoptr(SpRecord) deleted = NULL;

          deleted = sp_store_delete (test_store, kind, sp_record_get_id (record),
                                     sp_record_get_revision (record), &error);
          g_assert_no_error (error);
        }
    }

  g_assert_cmpuint (n_addressed, >, 0);
  g_assert_cmpuint (n_named_elsewhere, >, 0);

  /* A unit's record is sent as stored: text that needs escaping and numbers of every kind,
   * so the page's own writer is held to sp_json_to_string() for them too. */
  {
    static const char text[] =
      "{\"id\":\"demo-test-text\",\"name\":\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001f/åäö\","
      "\"ratio\":15.8,\"whole\":2.0,\"tiny\":1e-7,\"count\":-3,\"yes\":true,\"no\":false,"
      "\"none\":null,\"list\":[1,{\"a\":[]},{},[\"\"]]}";
    g_autoptr(GBytes) body = g_bytes_new_static (text, strlen (text));
    g_autoptr(SpRecord) unit = sp_store_put (test_store, "unit", "demo-test-text", NULL, body,
                                             0, NULL, &error);

    g_assert_no_error (error);
  }
}

/* ---- Tests ---- */

typedef struct
{
  const char *username;
  const char *password;
} DemoUser;

/* An inpatient ward and one of each other kind, and the unit addressed late. */
static const DemoUser users[] = {
  { "demo-avd3", "demo-lösenord-1" },
  { "demo-avd12", "demo-lösenord-3" },
  { "demo-vc1", "demo-lösenord-4" },
  { "demo-vc3", "demo-lösenord-6" },
  { "demo-sol1", "demo-lösenord-7" },
  { "demo-hsl1", "demo-lösenord-8" },
  { "demo-rehab2", "demo-lösenord-12" },
};

static char *
sign_in (const DemoUser *user)
{
  g_auto(SpTestResponse) r = { 0 };
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                                           user->username, user->password);

  sp_test_server_request (test_server, "POST", "/api/v1/session", NULL, NULL, body, &r);
  g_assert_cmpuint (r.status, ==, 201);
  return g_strdup (json_object_get_string_member (sp_test_response_object (&r), "token"));
}

/* The whole feed in pages of @limit; returns how many items it held. */
static guint
compare_feed (const char *token,
              guint       limit)
{
  gint64 since = 0;
  guint n_items = 0;

  for (guint pages = 0;; pages++)
    {
      g_auto(SpTestResponse) r = { 0 };
      g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT
                                               "&limit=%u", since, limit);
      g_autofree char *expected = reference_page (token, since, limit);
      JsonObject *object;

      g_assert_cmpuint (pages, <, 10000);
      sp_test_server_request (test_server, "GET", path, token, NULL, NULL, &r);
      g_assert_cmpuint (r.status, ==, 200);
      g_assert_cmpstr (r.body, ==, expected);
      if (strstr (r.body, "\"id\":\"demo-test-text\"") != NULL)
        n_text_pages++;

      object = sp_test_response_object (&r);
      n_items += json_array_get_length (json_object_get_array_member (object, "items"));
      since = json_object_get_int_member (object, "next");
      if (!json_object_get_boolean_member (object, "more"))
        return n_items;
    }
}

static void
test_same_pages (void)
{
  const guint limits[] = { 1, 3, 50, 500 };
  /* Under AddressSanitizer (the asan setup) every allocation is slow: the short pages, the
   * longest walks, are left to the other runs; the code is the same. */
  gboolean sanitized = g_getenv ("ASAN_OPTIONS") != NULL;
  guint n_items = 0;
  guint n_feeds = 0;

  for (guint u = 0; u < G_N_ELEMENTS (users); u++)
    {
      g_autofree char *token = sign_in (&users[u]);

      for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
        {
          guint n;

          if (sanitized && limits[l] < 50)
            continue;
          n = compare_feed (token, limits[l]);
          n_feeds++;

          g_test_message ("%s, limit %u: %u items", users[u].username, limits[l], n);
          n_items += n;
        }
    }

  /* The comparison is only worth something if the feeds held patient data, and every feed
   * the text that needs escaping. */
  g_assert_cmpuint (n_items, >, 1000);
  g_assert_cmpuint (n_feeds, >=, G_N_ELEMENTS (users) * 2);
  g_assert_cmpuint (n_text_pages, ==, n_feeds);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_setenv ("SAMPLAN_TEST_NOW", NOW, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/feed/same-pages", test_same_pages);

  test_server = sp_test_server_start ("stockholm");
  seed_demo (90);
  test_store = sp_store_open_for_uri (sp_test_server_get_db (test_server), &error);
  g_assert_no_error (error);
  local = sp_server_new (test_store, sp_region_profile_lookup ("stockholm"));
  change_region ();

  status = g_test_run ();

  g_clear_object (&local);
  g_clear_object (&test_store);
  sp_test_server_stop (test_server);
  return status;
}
