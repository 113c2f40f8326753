/* sp-app-test.h — what every widget test of the app does: wait, find, sign in, screenshot
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under with-keyring.sh and Xvfb; the server is the real samplan-server with the
 * Stockholm fixture of tests/server/sp-test-server.c (units avd-12, vc-norr, hsl-test,
 * sol-test, vc-syd; users ward, vc, hsl, sol, vcsyd, granskare).
 */

#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "sp-application.h"
#include "sp-episode-page.h"
#include "sp-sync.h"
#include "sp-test-server.h"
#include "sp-window.h"

G_BEGIN_DECLS

extern SpApplication *app;
extern SpTestServer *server;

gboolean   timeout_cb          (gpointer        user_data);
void       result_cb           (GObject        *object,
                                GAsyncResult   *result,
                                gpointer        user_data);

/* Spins the main loop until @cond holds; fails the test after @seconds. */
#define WAIT_UNTIL(cond, seconds) \
  G_STMT_START { \
    gboolean timed_out_ = FALSE; \
    guint id_ = g_timeout_add_seconds ((seconds), timeout_cb, &timed_out_); \
    while (!(cond) && !timed_out_) \
      g_main_context_iteration (NULL, TRUE); \
    if (!timed_out_) \
      g_source_remove (id_); \
    if (!(cond)) \
      g_error ("Timed out after %u s waiting for: %s", (guint) (seconds), #cond); \
  } G_STMT_END

gboolean   app_test_init_gtk   (int            *argc,
                                char         ***argv);
void       app_test_start_application (void);
gboolean   app_test_init       (int            *argc,
                                char         ***argv);
void       app_test_finish     (void);

/* Finding widgets (depth first; @mapped: only shown ones). */
GtkWidget *find_descendant     (GtkWidget      *root,
                                GType           type,
                                gboolean        mapped);
GtkWidget *find_row            (GtkWidget      *root,
                                const char     *title);
GtkWidget *find_styled         (GtkWidget      *root,
                                GType           type,
                                const char     *css_class);
void       type_into           (GtkWidget      *root,
                                const char     *title,
                                const char     *text);
const char *row_text_of        (GtkWidget      *root,
                                const char     *title);
GtkWindow *find_toplevel       (GType           type);
gboolean   has_ancestor_of_type (GtkWidget    *widget,
                                GType           type);
void       report_widest       (GtkWidget      *widget,
                                int             width);
const char *tr                 (const char     *msgid);

/* Windows and the session. */
gboolean   on_sign_in_page     (SpWindow       *window);
gboolean   in_session          (SpWindow       *window);
void       wait_until_mapped   (GtkWidget      *widget);
SpWindow  *open_main_window    (void);
void       destroy_all_windows (void);
void       fill_sign_in        (SpWindow       *window,
                                const char     *server_url,
                                const char     *username,
                                const char     *password);
void       wait_for_round      (SpWindow       *window);
void       submit_sign_in      (SpWindow       *window,
                                const char     *server_url,
                                const char     *username);
SpWindow  *sign_in_at          (const char     *server_url,
                                const char     *username);
SpWindow  *sign_in_as          (const char     *username);
void       sign_out            (SpWindow       *window);
void       clear_tokens        (void);
void       forget_session      (void);
void       show_list_page      (SpWindow       *window,
                                const char     *name);
void       save_screenshot     (GtkWidget      *widget,
                                const char     *name);
void       write_screenshot    (GskRenderer    *renderer,
                                GdkPaintable   *paintable,
                                int             width,
                                int             height,
                                const char     *name);

/* The pages. */
SpEpisodePage *open_episode_page (SpWindow     *window,
                                const char     *episode_id);
GtkWidget *inbox_page          (SpWindow       *window);
GtkWidget *acknowledge_button  (GtkWidget      *root,
                                const char     *key);

/* The server's data, read and written as another user would (fails the test on another
 * status); in sp-app-test-server.c. */
JsonObject *request_as         (const char     *username,
                                const char     *method,
                                const char     *path,
                                const char     *body,
                                guint           status,
                                SpTestResponse *response);
JsonObject *request_ok         (const char     *method,
                                const char     *path,
                                const char     *body,
                                guint           status,
                                SpTestResponse *response);
char       *admit              (const char     *identity,
                                const char     *given_name,
                                const char     *family_name);
gboolean    ward_acknowledged  (const char     *message_id);
void        answer_planning    (const char     *episode_id);

G_END_DECLS
