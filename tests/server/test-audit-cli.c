/* test-audit-cli.c — `samplan-server audit verify | list`, and that tampering shows
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The log is written in-process with sp_audit_log(), then changed behind the store's back
 * with plain SQL, as someone with the database file (or a PostgreSQL role that owns the
 * tables) could, and the real binary must name the first entry that no longer holds. The
 * tamperings are written in each backend's SQL; everything else goes through the store.
 *
 * Benchmark (not run here; sp_audit_log on a file store, one transaction per entry, as every
 * GET does; release build, on a machine shared with other builds): 10 000 entries took
 * 1.3–1.7 s (133–173 µs each), 50 000 took 9–19 s (183–384 µs each), about 520 bytes per
 * entry; sp_audit_verify read 10 000 in 0.5 s and 50 000 in 3.3 s. See
 * docs/api/changes-audit.md.
 */

#include "config.h"

#include "sp-json.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "sp-audit.h"
#include "sp-session.h"
#include "sp-store.h"
#include "sp-test-server.h"

#define N_ENTRIES 6

typedef struct
{
  SpTestDatabase *database;
  const char     *db;
} Fixture;

typedef struct
{
  int       status;
  char     *out;
  char     *err;
  JsonNode *json;  /* stdout parsed, when it is one JSON value */
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  g_clear_pointer (&run->json, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs samplan-server with the NULL-terminated arguments after "samplan-server". */
static void
run_server (Run        *run,
            const char *stdin_text,
            const char *first,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SAMPLAN_SERVER"));
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, stdin_text, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  /* sp_json_parse, not json_from_string: `audit list` prints JSON lines, and json-glib leaks
   * every document after the first. */
  run->json = sp_json_parse (run->out, -1, NULL);
}

/* A database with N_ENTRIES entries: 1, 3, 5 by the user "vc" about p-1, the others by the
 * system about p-2. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 2, 9, 30, 0);
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(SpUser) user = NULL;
  g_autoptr(SpSession) session = NULL;
  g_autofree char *token = NULL;
  g_autofree char *authorization = NULL;
  g_auto(Run) init = { 0 };
  g_auto(Run) unit = { 0 };
  g_auto(Run) add_user = { 0 };
  SpRequest request = { 0 };

  fixture->database = sp_test_database_new ();
  fixture->db = sp_test_database_get_uri (fixture->database);

  run_server (&init, NULL, "init", "--db", fixture->db, NULL);
  run_server (&unit, NULL, "add-unit", "--db", fixture->db, "--id", "vc-norr", "--name",
              "Vårdcentralen Norr (test)", "--kind", "outpatient", NULL);
  run_server (&add_user, "testlösenord-123\n", "add-user", "--db", fixture->db, "--username",
              "vc", "--name", "Bertil Provsson", "--title", "Distriktssköterska", "--units",
              "vc-norr", "--roles", "staff", NULL);
  g_assert_cmpint (init.status + unit.status + add_user.status, ==, 0);

  store = sp_store_open_for_uri (fixture->db, &error);
  g_assert_no_error (error);
  user = sp_session_load_user (store, "vc", &error);
  g_assert_no_error (error);
  token = sp_session_create (store, user, now, &expires, &error);
  g_assert_no_error (error);
  authorization = g_strconcat ("Bearer ", token, NULL);
  session = sp_session_authenticate (store, authorization, NULL, now, &error);
  g_assert_no_error (error);
  request.session = session;

  for (guint i = 1; i <= N_ENTRIES; i++)
    {
      gboolean by_user = i % 2 == 1;

      g_assert_true (sp_audit_log (store, by_user ? &request : NULL, now, "read",
                                   by_user ? "p-1" : "p-2", "episode", "e-1", &error));
      g_assert_no_error (error);
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sp_test_database_free (fixture->database);
}

/* Changes the database as someone with plain SQL could. */
static void
tamper (Fixture    *fixture,
        const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 changes;

  /* The store refuses to change the log; whoever holds the database can drop that guard. */
  sp_test_database_exec (fixture->database,
                         sp_test_database_is_pg ()
                           ? "DROP TRIGGER audit_log_append_only ON audit_log"
                           : "DROP TRIGGER audit_log_append_only_update;"
                             "DROP TRIGGER audit_log_append_only_delete", &error);
  g_assert_no_error (error);
  changes = sp_test_database_exec (fixture->database, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (changes, >=, 1);
}

static void
assert_verify (Fixture *fixture,
               int      status,
               gint64   entries,
               gint64   first_broken)
{
  g_auto(Run) run = { 0 };
  JsonObject *result;

  run_server (&run, NULL, "audit", "verify", "--db", fixture->db, NULL);
  g_test_message ("verify: %s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, status);
  g_assert_nonnull (run.json);
  result = json_node_get_object (run.json);
  g_assert_cmpint (json_object_get_int_member (result, "entries"), ==, entries);
  g_assert_cmpint (json_object_get_boolean_member (result, "ok"), ==, first_broken == 0);
  if (first_broken == 0)
    g_assert_true (json_object_get_null_member (result, "first_broken"));
  else
    g_assert_cmpint (json_object_get_int_member (result, "first_broken"), ==, first_broken);
}

static void
test_intact (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  assert_verify (fixture, 0, N_ENTRIES, 0);

  /* The head to keep elsewhere: the last entry's number and a SHA-256. */
  run_server (&run, NULL, "audit", "verify", "--db", fixture->db, NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (run.json), "head_number"),
                   ==, N_ENTRIES);
  g_assert_cmpuint (strlen (json_object_get_string_member (json_node_get_object (run.json),
                                                           "head_hash")), ==, 64);
}

/* The store itself refuses to change or remove an entry, and the log takes no place in the
 * changes feed. */
static void
test_append_only (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open_for_uri (fixture->db, &error);
  g_autoptr(GPtrArray) changes = NULL;
  const char *changing[] = { "UPDATE audit_log SET username = 'x' WHERE number = 1",
                             "DELETE FROM audit_log WHERE number = 2" };

  g_assert_no_error (error);
  changes = sp_store_changes_since (store, 0, 1000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    g_assert_cmpstr (sp_record_get_kind (g_ptr_array_index (changes, i)), !=, "audit");

  /* Not even plain SQL, while the guard is there. */
  for (guint i = 0; i < G_N_ELEMENTS (changing); i++)
    {
      g_autoptr(GError) refused = NULL;

      g_assert_cmpint (sp_test_database_exec (fixture->database, changing[i], &refused), ==, -1);
      g_assert_nonnull (refused);
      g_assert_nonnull (strstr (refused->message, "the audit log is append-only"));
    }
  assert_verify (fixture, 0, N_ENTRIES, 0);
}

/* Each way of tampering, in sqlite's and PostgreSQL's SQL, and the entry verify must name. */
static const struct
{
  const char *name;
  const char *sqlite;
  const char *pg;
  gint64      entries;       /* checked, up to and including the broken one */
  gint64      first_broken;
} tamperings[] = {
  /* Entry 3 says "update" instead of "read": its own hash no longer matches. */
  { "changed-body",
    "UPDATE audit_log SET body = CAST(replace(CAST(body AS TEXT), '\"read\"', '\"update\"')"
    " AS BLOB) WHERE number = 3",
    "UPDATE audit_log SET body = convert_to(replace(convert_from(body, 'UTF8'), '\"read\"',"
    " '\"update\"'), 'UTF8') WHERE number = 3", 3, 3 },
  /* Entry 2 removed: the number 2 is missing although the head says there are 6. */
  { "deleted-middle", "DELETE FROM audit_log WHERE number = 2",
    "DELETE FROM audit_log WHERE number = 2", 2, 2 },
  /* The last entry cut off: only the head remembers it. */
  { "truncated-end", "DELETE FROM audit_log WHERE number = 6",
    "DELETE FROM audit_log WHERE number = 6", 6, 6 },
  /* The last entry's text cut short: it no longer parses. */
  { "truncated-body", "UPDATE audit_log SET body = substr(body, 1, 40) WHERE number = 6",
    "UPDATE audit_log SET body = substring(body FROM 1 FOR 40) WHERE number = 6", 6, 6 },
  /* Entries 4 and 5 swapped: numbers and links are out of order at 4. */
  { "swapped",
    "UPDATE audit_log SET number = -4 WHERE number = 4;"
    "UPDATE audit_log SET number = 4 WHERE number = 5;"
    "UPDATE audit_log SET number = 5 WHERE number = -4",
    "UPDATE audit_log SET number = -4 WHERE number = 4;"
    "UPDATE audit_log SET number = 4 WHERE number = 5;"
    "UPDATE audit_log SET number = 5 WHERE number = -4", 4, 4 },
  /* An entry slipped in after the last: no link of the chain, and past the head. */
  { "forged-extra",
    "INSERT INTO audit_log (number, patient_id, username, body)"
    " VALUES (7, NULL, NULL, CAST('{}' AS BLOB))",
    "INSERT INTO audit_log (number, patient_id, username, body)"
    " VALUES (7, NULL, NULL, convert_to('{}', 'UTF8'))", 7, 7 },
  /* The head moved back to entry 5, as if 6 were never written: 6 is past the head. */
  { "head-rewound",
    "UPDATE meta SET value = '5 ' || (SELECT json_extract(CAST(body AS TEXT), '$.hash')"
    " FROM audit_log WHERE number = 5) WHERE key = 'audit_head'",
    "UPDATE meta SET value = '5 ' || (SELECT convert_from(body, 'UTF8')::json ->> 'hash'"
    " FROM audit_log WHERE number = 5) WHERE key = 'audit_head'",
    6, 6 },
};

static void
test_tampered (Fixture       *fixture,
               gconstpointer  data)
{
  guint i = GPOINTER_TO_UINT (data);

  assert_verify (fixture, 0, N_ENTRIES, 0);
  tamper (fixture, sp_test_database_is_pg () ? tamperings[i].pg : tamperings[i].sqlite);
  assert_verify (fixture, 1, tamperings[i].entries, tamperings[i].first_broken);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  struct { const char *args[5]; guint lines; gint64 first; } cases[] = {
    { { NULL }, N_ENTRIES, 1 },
    { { "--patient", "p-1", NULL }, 3, 1 },
    { { "--user", "vc", NULL }, 3, 1 },
    /* Both: entries of vc about p-2 — there are none (the system wrote those). */
    { { "--patient", "p-2", "--user", "vc", NULL }, 0, 0 },
    { { "--patient", "p-2", "--limit", "2", NULL }, 2, 2 },
    { { "--patient", "p-2", "--offset", "1", NULL }, 2, 4 },
    { { "--patient", "p-nobody", NULL }, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_auto(GStrv) lines = NULL;
      guint n = 0;

      run_server (&run, NULL, "audit", "list", "--db", fixture->db, cases[i].args[0],
                  cases[i].args[1], cases[i].args[2], cases[i].args[3], NULL);
      g_test_message ("case %u: %s%s", i, run.out, run.err);
      g_assert_cmpint (run.status, ==, 0);

      lines = g_strsplit (run.out, "\n", -1);
      for (guint l = 0; lines[l] != NULL && *lines[l] != '\0'; l++, n++)
        {
          g_autoptr(JsonNode) entry = json_from_string (lines[l], NULL);
          JsonObject *object = json_node_get_object (entry);

          if (l == 0)
            g_assert_cmpint (json_object_get_int_member (object, "number"), ==, cases[i].first);
          g_assert_cmpuint (strlen (json_object_get_string_member (object, "hash")), ==, 64);
        }
      g_assert_cmpuint (n, ==, cases[i].lines);
    }
}

/* Entries are written by hand, not by the JSON writer verify uses to recompute each hash:
 * every character JSON escapes, and some it does not, must come out of both alike. */
static void
test_escaped (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = sp_store_open_for_uri (fixture->db, &error);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 2, 9, 31, 0);
  g_autoptr(GPtrArray) entries = NULL;
  const SpAuditSubject subjects[] = {
    { "p-\"quoted\"", "episode", "back\\slash" },
    { "p-line\nbreak\r\t", "kind\x01\x1f", "Åsa Öberg–Ärlig ✓" },
    { NULL, NULL, NULL },
    { "p-1", "episode", "/}{,:[]" },
  };

  g_assert_no_error (error);
  g_assert_true (sp_audit_log_many (store, NULL, now, "list \"x\"", subjects,
                                    G_N_ELEMENTS (subjects), &error));
  g_assert_no_error (error);
  assert_verify (fixture, 0, N_ENTRIES + G_N_ELEMENTS (subjects), 0);

  /* What was logged reads back as given. */
  entries = sp_audit_list (store, NULL, NULL, N_ENTRIES, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (subjects));
  for (guint i = 0; i < entries->len; i++)
    {
      JsonObject *entry = json_node_get_object (g_ptr_array_index (entries, i));
      JsonNode *patient = json_object_get_member (entry, "patient");

      g_assert_cmpstr (json_object_get_string_member (entry, "action"), ==, "list \"x\"");
      g_assert_cmpstr (json_object_get_string_member (entry, "at"), ==, "2026-03-02T09:31:00Z");
      g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (entry, "user")));
      if (subjects[i].patient_id == NULL)
        g_assert_true (JSON_NODE_HOLDS_NULL (patient));
      else
        g_assert_cmpstr (json_node_get_string (patient), ==, subjects[i].patient_id);
      g_assert_cmpstr (json_object_get_string_member_with_default (entry, "record", NULL), ==,
                       subjects[i].id);
      g_assert_cmpstr (json_object_get_string_member_with_default (entry, "kind", NULL), ==,
                       subjects[i].kind);
    }
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (sp_test_database_get_dir (fixture->database),
                                               "no-such.db", NULL);
  struct { const char *args[5]; } cases[] = {
    { { NULL } },
    { { "check", NULL } },
    { { "verify", NULL } },                              /* --db is required */
    { { "verify", "--db", missing, NULL } },             /* would create an empty database */
    { { "verify", "--db", fixture->db, "extra", NULL } },
    { { "verify", "--no-such-option", NULL } },
    { { "list", "--db", fixture->db, "--limit", "0" } },
    { { "list", "--db", fixture->db, "--offset", "-1" } },
    { { "list", "--db", fixture->db, "--patient", "" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_server (&run, NULL, "audit", cases[i].args[0], cases[i].args[1], cases[i].args[2],
                  cases[i].args[3], cases[i].args[4], NULL);
      g_test_message ("case %u: %s", i, run.err);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpuint (strlen (run.err), >, 0);
    }

  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/server/audit-cli/intact", Fixture, NULL, fixture_setup, test_intact,
              fixture_teardown);
  g_test_add ("/server/audit-cli/append-only", Fixture, NULL, fixture_setup, test_append_only,
              fixture_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (tamperings); i++)
    {
      g_autofree char *path = g_strconcat ("/server/audit-cli/tampered/", tamperings[i].name,
                                           NULL);

      g_test_add (path, Fixture, GUINT_TO_POINTER (i), fixture_setup, test_tampered,
                  fixture_teardown);
    }
  g_test_add ("/server/audit-cli/list", Fixture, NULL, fixture_setup, test_list,
              fixture_teardown);
  g_test_add ("/server/audit-cli/escaped", Fixture, NULL, fixture_setup, test_escaped,
              fixture_teardown);
  g_test_add ("/server/audit-cli/usage", Fixture, NULL, fixture_setup, test_usage,
              fixture_teardown);

  return g_test_run ();
}
