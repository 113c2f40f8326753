/* test-api-session.c — sign-in, sign-out, who am I, and how every failure looks
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#include <libsoup/soup.h>

#include "sp-test-server.h"

static SpTestServer *server;

static void
test_health (void)
{
  g_auto(SpTestResponse) r = { 0 };

  sp_test_server_request (server, "GET", "/api/v1/health", NULL, NULL, NULL, &r);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sp_test_response_object (&r), "status"), ==,
                   "ok");
}

static void
test_sign_in_and_me (void)
{
  g_autofree char *token = sp_test_server_sign_in (server, "ward");
  g_auto(SpTestResponse) me = { 0 };
  JsonObject *user;

  g_assert_true (g_str_has_prefix (token, "spt_"));

  sp_test_server_request (server, "GET", "/api/v1/me", token, NULL, NULL, &me);
  g_assert_cmpuint (me.status, ==, 200);
  user = json_object_get_object_member (sp_test_response_object (&me), "user");
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, "ward");
  g_assert_cmpstr (json_object_get_string_member (user, "title"), ==, "Sjuksköterska");
  /* The app previews tracks and deadlines by the server's region (the fixture's). */
  g_assert_cmpstr (json_object_get_string_member (sp_test_response_object (&me),
                                                  "region_profile"), ==, "stockholm");
  /* The password hash never leaves the server. */
  g_assert_false (json_object_has_member (user, "password_hash"));
  g_assert_null (strstr (me.body, "argon2"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (sp_test_response_object (&me), "unit"),
                     "id"), ==, "avd-12");
}

static void
test_units_directory (void)
{
  g_autofree char *token = sp_test_server_sign_in (server, "vc");
  g_auto(SpTestResponse) r = { 0 };

  sp_test_server_request (server, "GET", "/api/v1/units", token, NULL, NULL, &r);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_cmpuint (json_array_get_length (
                      json_object_get_array_member (sp_test_response_object (&r), "units")),
                    ==, 5);
}

static void
test_bad_credentials (void)
{
  struct { const char *body; guint status; const char *code; } cases[] = {
    { "{\"username\":\"ward\",\"password\":\"fel lösenord!\"}", 401, "bad_credentials" },
    /* An unknown user looks exactly like a wrong password. */
    { "{\"username\":\"nobody\",\"password\":\"fel lösenord!\"}", 401, "bad_credentials" },
    { "{\"username\":\"ward\"}", 422, "missing" },
    { "{\"username\":7,\"password\":\"x\"}", 422, "type" },
    { "{\"username\":", 400, "syntax" },
    { "[]", 422, "type" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SpTestResponse) r = { 0 };

      sp_test_server_request (server, "POST", "/api/v1/session", NULL, NULL, cases[i].body, &r);
      g_test_message ("case %u: %s", i, r.body);
      g_assert_cmpuint (r.status, ==, cases[i].status);
      g_assert_cmpstr (sp_test_response_error_code (&r), ==, cases[i].code);
      /* Every error carries a Swedish sentence for the user. */
      g_assert_cmpuint (strlen (json_object_get_string_member (
                          json_object_get_object_member (sp_test_response_object (&r),
                                                         "error"), "message")), >, 10);
    }
}

static void
test_rate_limit (void)
{
  const char *wrong = "{\"username\":\"sol\",\"password\":\"fel lösenord!\"}";
  g_auto(SpTestResponse) limited = { 0 };
  g_auto(SpTestResponse) right = { 0 };
  g_autofree char *good = g_strdup_printf ("{\"username\":\"sol\",\"password\":\"%s\"}",
                                           SP_TEST_PASSWORD);

  /* Five failures per user per fifteen minutes; the sixth attempt is refused even with the
   * right password. */
  for (guint i = 0; i < 5; i++)
    {
      g_auto(SpTestResponse) r = { 0 };

      sp_test_server_request (server, "POST", "/api/v1/session", NULL, NULL, wrong, &r);
      g_assert_cmpuint (r.status, ==, 401);
    }

  sp_test_server_request (server, "POST", "/api/v1/session", NULL, NULL, good, &right);
  g_assert_cmpuint (right.status, ==, 429);
  g_assert_cmpstr (sp_test_response_error_code (&right), ==, "rate_limited");

  /* Other users are not affected. */
  {
    g_autofree char *token = sp_test_server_sign_in (server, "hsl");
    g_assert_nonnull (token);
  }
  (void) limited;
}

/* The server under test believes X-Forwarded-For from 127.0.0.2 only (see main). Linux
 * answers on all of 127.0.0.0/8, so a client can pose as a proxy or as a plain client by the
 * address it binds. */
#define TRUSTED_PROXY "127.0.0.2"
#define UNTRUSTED_PEER "127.0.0.3"

/* A sign-in from @local as @username, or as a new unknown user with a wrong password when
 * @username is NULL (then only the address limit can refuse); the status and any
 * Retry-After. */
static guint
sign_in_as_from (const char *local,
                 const char *forwarded_for,
                 const char *username,
                 gint64     *out_retry_after)
{
  static guint n = 0;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string (local, 0);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("local-address", address,
                                                                  NULL);
  g_autofree char *url = g_strconcat (sp_test_server_get_uri (server), "/api/v1/session", NULL);
  g_autofree char *unknown = g_strdup_printf ("okand-%u", n++);
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                                           username != NULL ? username : unknown,
                                           username != NULL ? SP_TEST_PASSWORD
                                                            : "fel lösenord!");
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  const char *retry_after;

  if (forwarded_for != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Forwarded-For",
                                  forwarded_for);
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);

  retry_after = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                              "Retry-After");
  if (out_retry_after != NULL)
    *out_retry_after = retry_after != NULL ? g_ascii_strtoll (retry_after, NULL, 10) : 0;
  return soup_message_get_status (msg);
}

static guint
sign_in_from (const char *local,
              const char *forwarded_for,
              gint64     *out_retry_after)
{
  return sign_in_as_from (local, forwarded_for, NULL, out_retry_after);
}

/* Every attempt is counted before its password is checked; a right one is taken back again,
 * so signing in many times from one address never locks it. */
static void
test_right_password_not_counted (void)
{
  for (guint i = 0; i < 19; i++)
    g_assert_cmpuint (sign_in_from ("127.0.0.4", NULL, NULL), ==, 401);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (sign_in_as_from ("127.0.0.4", NULL, "ward", NULL), ==, 201);

  /* The twentieth failure, and then the limit. */
  g_assert_cmpuint (sign_in_from ("127.0.0.4", NULL, NULL), ==, 401);
  g_assert_cmpuint (sign_in_as_from ("127.0.0.4", NULL, "ward", NULL), ==, 429);
}

/* From a peer that is no trusted proxy the header is not read: a client that writes a new
 * address into it for every attempt still has its twenty. */
static void
test_forwarded_for_untrusted (void)
{
  gint64 retry_after = 0;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *spoofed = g_strdup_printf ("198.51.100.%u", i + 1);

      g_assert_cmpuint (sign_in_from (UNTRUSTED_PEER, spoofed, NULL), ==, 401);
    }

  g_assert_cmpuint (sign_in_from (UNTRUSTED_PEER, "198.51.100.99", &retry_after), ==, 429);
  g_assert_cmpint (retry_after, >, 0);
  g_assert_cmpuint (sign_in_from (UNTRUSTED_PEER, NULL, NULL), ==, 429);
}

/* Behind the trusted proxy each client has twenty of its own, by the address the proxy
 * appended; what the client wrote in front of that does not count. */
static void
test_forwarded_for_trusted (void)
{
  gint64 retry_after = 0;

  for (guint i = 0; i < 20; i++)
    g_assert_cmpuint (sign_in_from (TRUSTED_PROXY, "203.0.113.7", NULL), ==, 401);

  g_assert_cmpuint (sign_in_from (TRUSTED_PROXY, "203.0.113.7", &retry_after), ==, 429);
  g_assert_cmpint (retry_after, >, 0);
  /* The client claims to be someone else; the proxy appended who it is. */
  g_assert_cmpuint (sign_in_from (TRUSTED_PROXY, "203.0.113.8, 203.0.113.7", NULL), ==, 429);
  /* Through a second trusted hop (the proxy's own address in the list). */
  g_assert_cmpuint (sign_in_from (TRUSTED_PROXY, "203.0.113.7, 127.0.0.2", NULL), ==, 429);

  /* Other clients behind the same proxy, and the proxy itself, are not limited. */
  g_assert_cmpuint (sign_in_from (TRUSTED_PROXY, "203.0.113.8", NULL), ==, 401);
  g_assert_cmpuint (sign_in_from (TRUSTED_PROXY, "2001:db8::8", NULL), ==, 401);
  g_assert_cmpuint (sign_in_from (TRUSTED_PROXY, NULL, NULL), ==, 401);
}

static void
test_sign_out (void)
{
  g_autofree char *token = sp_test_server_sign_in (server, "vc");
  g_auto(SpTestResponse) out = { 0 };
  g_auto(SpTestResponse) after = { 0 };

  sp_test_server_request (server, "DELETE", "/api/v1/session", token, NULL, NULL, &out);
  g_assert_cmpuint (out.status, ==, 200);
  sp_test_server_request (server, "GET", "/api/v1/me", token, NULL, NULL, &after);
  g_assert_cmpuint (after.status, ==, 401);
  g_assert_cmpstr (sp_test_response_error_code (&after), ==, "unauthorized");
}

static void
test_unauthenticated (void)
{
  const char *tokens[] = { NULL, "", "spt_not-a-real-token", "x", "Basic abc" };

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_auto(SpTestResponse) r = { 0 };

      sp_test_server_request (server, "GET", "/api/v1/me", tokens[i], NULL, NULL, &r);
      g_assert_cmpuint (r.status, ==, 401);
      g_assert_cmpstr (sp_test_response_error_code (&r), ==, "unauthorized");
    }
}

static void
test_http_errors (void)
{
  g_autofree char *token = sp_test_server_sign_in (server, "ward");
  g_autofree char *huge = NULL;
  g_autofree char *big_body = NULL;
  g_auto(SpTestResponse) not_found = { 0 };
  g_auto(SpTestResponse) wrong_method = { 0 };
  g_auto(SpTestResponse) too_large = { 0 };

  sp_test_server_request (server, "GET", "/api/v1/nothing-here", token, NULL, NULL, &not_found);
  g_assert_cmpuint (not_found.status, ==, 404);
  g_assert_cmpstr (sp_test_response_error_code (&not_found), ==, "not_found");

  sp_test_server_request (server, "PUT", "/api/v1/me", token, NULL, NULL, &wrong_method);
  g_assert_cmpuint (wrong_method.status, ==, 405);

  /* Over the 1 MiB limit: refused from the headers, before it is parsed. */
  huge = g_strnfill (1024 * 1024 + 10, 'a');
  big_body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"x\"}", huge);
  sp_test_server_request (server, "POST", "/api/v1/session", NULL, NULL, big_body, &too_large);
  g_assert_cmpuint (too_large.status, ==, 413);
  g_assert_cmpstr (sp_test_response_error_code (&too_large), ==, "payload_too_large");

  /* The server is still healthy. */
  test_health ();
}

/* Clients that close their connection must not cost the server a descriptor each: a server
 * with a hundred desktop clients runs for months. */
static void
test_no_descriptor_leak (void)
{
  guint before, after;

  test_health ();
  before = sp_test_server_count_fds (server);
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(SoupSession) session = soup_session_new ();
      g_autofree char *url = g_strconcat (sp_test_server_get_uri (server), "/api/v1/health",
                                          NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, NULL);

      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      soup_session_abort (session);
    }

  /* Let the server notice the closed connections. */
  for (guint i = 0; i < 50 && sp_test_server_count_fds (server) > before; i++)
    g_usleep (20 * G_TIME_SPAN_MILLISECOND);
  after = sp_test_server_count_fds (server);
  g_assert_cmpuint (after, <=, before + 2);
}

static GSubprocess *
spawn_serve (const char  *listen,
             const char  *cert,
             const char  *key,
             char       **out_line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  const char *asan = g_getenv ("ASAN_OPTIONS");
  GSubprocess *process;

  /* LeakSanitizer's own tracer crashes at exit beside GnuTLS's threads ("LeakSanitizer has
   * encountered a fatal error"): in the sanitizer run, the TLS server is checked by ASan and
   * UBSan but not for leaks. */
  if (cert != NULL && asan != NULL)
    {
      g_autofree char *options = g_strconcat (asan, ":detect_leaks=0", NULL);
      g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", options, TRUE);
    }

  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("SAMPLAN_SERVER"), "serve",
                                         "--db", sp_test_server_get_db (server),
                                         "--listen", listen,
                                         cert != NULL ? "--tls-cert" : NULL, cert,
                                         "--tls-key", key, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  *out_line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, NULL);
  return process;
}

/* Patient data never crosses a network in the clear: plain HTTP only on loopback. */
static void
test_plain_http_only_on_loopback (void)
{
  g_autofree char *line = NULL;
  g_autoptr(GSubprocess) process = spawn_serve ("0.0.0.0:0", NULL, NULL, &line);

  g_subprocess_wait (process, NULL, NULL);
  g_assert_null (line);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
}

static gboolean
accept_test_certificate_cb (SoupMessage          *msg,
                            GTlsCertificate      *certificate,
                            GTlsCertificateFlags  errors,
                            gpointer              user_data)
{
  /* Self-signed for the test: only "unknown CA" is acceptable. */
  return errors == G_TLS_CERTIFICATE_UNKNOWN_CA;
}

static void
test_tls (void)
{
  g_autofree char *dir = g_dir_make_tmp ("samplan-tls-XXXXXX", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *line = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) openssl = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  openssl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                              G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                              "-keyout", key, "-out", cert, "-days", "1", "-subj",
                              "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (openssl, NULL, &error));

  process = spawn_serve ("127.0.0.1:0", cert, key, &line);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "https://127.0.0.1:"));

  url = g_strconcat (line, "api/v1/health", NULL);
  msg = soup_message_new ("GET", url);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_test_certificate_cb), NULL);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);

  soup_session_abort (session);
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_remove (cert);
  g_remove (key);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/api/health", test_health);
  g_test_add_func ("/server/api/session/sign-in-and-me", test_sign_in_and_me);
  g_test_add_func ("/server/api/session/units", test_units_directory);
  g_test_add_func ("/server/api/session/bad-credentials", test_bad_credentials);
  g_test_add_func ("/server/api/session/rate-limit", test_rate_limit);
  g_test_add_func ("/server/api/session/right-password-not-counted",
                   test_right_password_not_counted);
  g_test_add_func ("/server/api/session/forwarded-for/untrusted", test_forwarded_for_untrusted);
  g_test_add_func ("/server/api/session/forwarded-for/trusted", test_forwarded_for_trusted);
  g_test_add_func ("/server/api/session/sign-out", test_sign_out);
  g_test_add_func ("/server/api/session/unauthenticated", test_unauthenticated);
  g_test_add_func ("/server/api/http-errors", test_http_errors);
  g_test_add_func ("/server/api/no-descriptor-leak", test_no_descriptor_leak);
  g_test_add_func ("/server/serve/plain-http-only-on-loopback",
                   test_plain_http_only_on_loopback);
  g_test_add_func ("/server/serve/tls", test_tls);

  server = sp_test_server_start_with_args ("stockholm",
                                           (const char *[]) { "--trusted-proxy", TRUSTED_PROXY,
                                                              NULL });
  status = g_test_run ();
  sp_test_server_stop (server);

  return status;
}
