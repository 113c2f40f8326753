/* sp-test-server.h — a real samplan-server on a free loopback port, and an HTTP client
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The fixture's region: a ward, a vårdcentral, municipal health care and social services of
 * one municipality, a vårdcentral that is never addressed, and one user per unit (password
 * SP_TEST_PASSWORD) plus a log reviewer. All fictional. */
#define SP_TEST_PASSWORD "testlösenord-123"

typedef struct _SpTestServer SpTestServer;
typedef struct _SpTestDatabase SpTestDatabase;

typedef struct
{
  guint     status;
  JsonNode *json;    /* NULL when the body was not JSON */
  char     *body;
} SpTestResponse;

gboolean        sp_test_database_is_pg   (void);
SpTestDatabase *sp_test_database_new     (void);
const char     *sp_test_database_get_uri (SpTestDatabase  *self);
const char     *sp_test_database_get_dir (SpTestDatabase  *self);
gint64          sp_test_database_exec    (SpTestDatabase  *self,
                                          const char      *sql,
                                          GError         **error);
void            sp_test_database_free    (SpTestDatabase  *self);

SpTestServer *sp_test_server_start       (const char      *profile);
SpTestServer *sp_test_server_start_with_args (const char         *profile,
                                              const char * const *serve_args);
void          sp_test_server_stop        (SpTestServer    *self);
void          sp_test_server_kill        (SpTestServer    *self);
void          sp_test_server_restart     (SpTestServer    *self);
const char   *sp_test_server_get_db      (SpTestServer    *self);
guint         sp_test_server_count_fds   (SpTestServer    *self);
const char   *sp_test_server_get_uri     (SpTestServer    *self);
char         *sp_test_server_sign_in     (SpTestServer    *self,
                                          const char      *username);
void          sp_test_server_request     (SpTestServer    *self,
                                          const char      *method,
                                          const char      *path,
                                          const char      *token,
                                          const char      *idempotency_key,
                                          const char      *body,
                                          SpTestResponse  *out);
void          sp_test_response_clear     (SpTestResponse  *response);
JsonObject   *sp_test_response_object    (SpTestResponse  *response);
const char   *sp_test_response_error_code (SpTestResponse *response);
void          sp_test_response_assert_error (SpTestResponse *response,
                                             guint           status,
                                             const char     *code,
                                             const char     *field);
char         *sp_test_new_personnummer   (void);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SpTestResponse, sp_test_response_clear)

G_END_DECLS
