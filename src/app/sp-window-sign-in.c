/* sp-window-sign-in.c — the main window's sign-in page, saved sessions and signing out
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On opening, the window signs in with the token the keyring holds for the last server and
 * user; if the server cannot be reached it opens the local copy instead, so the last known
 * picture is there during an outage. Otherwise it asks for the password. The token goes to
 * the keyring only (sp-token-store.c); the password is never stored.
 */

#define G_LOG_DOMAIN "sp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-application.h"
#include "sp-json.h"
#include "sp-token-store.h"
#include "sp-window-private.h"

typedef struct
{
  SpWindow *window;
  char     *username;
  gboolean  remember;  /* save the token in the keyring */
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_clear_object (&sign_in->window);
  g_free (sign_in->username);
  g_free (sign_in);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignIn, sign_in_free)

static SignIn *
sign_in_new (SpWindow   *window,
             const char *username,
             gboolean    remember)
{
  SignIn *sign_in = g_new0 (SignIn, 1);

  sign_in->window = g_object_ref (window);
  sign_in->username = g_strdup (username);
  sign_in->remember = remember;

  return sign_in;
}

static void
set_busy (SpWindow *self,
          gboolean  busy)
{
  self->signing_in = busy;
  /* Not insensitive: a focused entry made insensitive loses its focus-out (GTK 4.8). */
  gtk_editable_set_editable (GTK_EDITABLE (self->server_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->username_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_button_set_label (self->sign_in_button, busy ? _("Signing In…") : _("_Sign In"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-in", !busy);
}

static void
show_error (SpWindow   *self,
            const char *message,
            GtkWidget  *focus)
{
  gtk_label_set_label (self->sign_in_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_error), message != NULL);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

/* The first empty field, else the password: where typing goes on. */
static GtkWidget *
field_to_focus (SpWindow *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->server_row))[0] == '\0')
    return GTK_WIDGET (self->server_row);
  if (gtk_editable_get_text (GTK_EDITABLE (self->username_row))[0] == '\0')
    return GTK_WIDGET (self->username_row);
  return GTK_WIDGET (self->password_row);
}

/**
 * sp_window_show_sign_in:
 * @message: (nullable): why, shown above the button ("Din inloggning har gått ut …")
 *
 * Shows the sign-in page, the fields as they were but the password.
 */
void
sp_window_show_sign_in (SpWindow   *self,
                        const char *message)
{
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  set_busy (self, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "sign-in");
  show_error (self, message, field_to_focus (self));
}

/**
 * sp_window_profile_new:
 * @answer: the sign-in or /me answer (for the server's region profile)
 * @user: (nullable): the session's user as the API renders it
 * @unit: (nullable): the unit acted for
 *
 * Returns: (transfer full): what the sidebar shows of the session, to be remembered in the
 *   local copy: `{"user_name", "user_title", "unit_name", "region_profile", "user", "unit"}`
 */
JsonNode *
sp_window_profile_new (JsonObject *answer,
                       JsonObject *user,
                       JsonObject *unit)
{
  JsonObject *profile = json_object_new ();

  sp_json_set_string (profile, "user_name",
                      user != NULL ? json_object_get_string_member_with_default (user, "name",
                                                                                  NULL)
                                   : NULL);
  sp_json_set_string (profile, "user_title",
                      user != NULL ? json_object_get_string_member_with_default (user, "title",
                                                                                  NULL)
                                   : NULL);
  sp_json_set_string (profile, "unit_name",
                      unit != NULL ? json_object_get_string_member_with_default (unit, "name",
                                                                                  NULL)
                                   : NULL);
  sp_json_set_string (profile, "region_profile",
                      json_object_get_string_member_with_default (answer, "region_profile",
                                                                  NULL));
  /* The whole of both for the pages: unit id and kind, roles. */
  if (user != NULL)
    json_object_set_object_member (profile, "user", json_object_ref (user));
  if (unit != NULL)
    json_object_set_object_member (profile, "unit", json_object_ref (unit));

  return sp_json_node_new_object (profile);
}

/* "samplan.example.org" means https://samplan.example.org: the address as people say it. */
static char *
normalize_server (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (trimmed[0] == '\0')
    return NULL;

  url = strstr (trimmed, "://") != NULL ? g_strdup (trimmed)
                                        : g_strconcat ("https://", trimmed, NULL);
  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return NULL;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return NULL;

  return g_steal_pointer (&url);
}

static void
save_token_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SpWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (sp_token_store_save_finish (result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Signed in all the same; only the next start asks for the password again. */
  g_message ("The sign-in could not be saved in the keyring: %s", error->message);
  sp_window_show_toast (self, _("The sign-in could not be saved in the keyring. "
                                "You will be asked for your password next time."));
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SpClient *client = SP_CLIENT (object);
  g_autoptr(SignIn) sign_in = user_data;
  SpWindow *self = sign_in->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = sp_client_sign_in_finish (client, result, &error);
  g_autoptr(JsonNode) profile = NULL;
  JsonObject *object_node;
  JsonArray *units;

  if (answer == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      show_error (self, error->message, GTK_WIDGET (self->password_row));
      return;
    }

  object_node = json_node_get_object (answer);
  units = sp_json_get_array (object_node, "units", FALSE, NULL);
  profile = sp_window_profile_new (object_node,
                                   sp_json_get_object (object_node, "user", FALSE, NULL),
                                   units != NULL && json_array_get_length (units) > 0
                                     ? json_array_get_object_element (units, 0) : NULL);

  g_settings_set_string (self->settings, "server-url", sp_client_get_base_url (client));
  g_settings_set_string (self->settings, "username", sign_in->username);
  if (sign_in->remember)
    sp_token_store_save_async (sp_client_get_base_url (client), sign_in->username,
                               sp_client_get_token (client), self->cancellable, save_token_cb,
                               g_object_ref (self));

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_error (self, NULL, NULL);
  set_busy (self, FALSE);
  sp_window_enter_session (self, client, sign_in->username, profile);
}

/* Signs in with what the fields hold; @remember: keep the token in the keyring. */
static void
submit (SpWindow *self,
        gboolean  remember)
{
  g_autofree char *server = NULL;
  g_autofree char *username = NULL;
  g_autoptr(SpClient) client = NULL;
  const char *password;

  if (self->signing_in)
    return;

  server = normalize_server (gtk_editable_get_text (GTK_EDITABLE (self->server_row)));
  username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_row))));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (server == NULL)
    {
      show_error (self, _("Enter the server’s address, for example https://samplan.example.org."),
                  GTK_WIDGET (self->server_row));
      return;
    }
  if (username[0] == '\0')
    {
      show_error (self, _("Enter your user name."), GTK_WIDGET (self->username_row));
      return;
    }
  if (password[0] == '\0')
    {
      show_error (self, _("Enter your password."), GTK_WIDGET (self->password_row));
      return;
    }

  show_error (self, NULL, NULL);
  set_busy (self, TRUE);
  client = sp_client_new (server);
  sp_client_sign_in_async (client, username, password, self->cancellable, sign_in_cb,
                           sign_in_new (self, username, remember));
}

static void
entry_activated_cb (SpWindow *self)
{
  submit (self, TRUE);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  submit (SP_WINDOW (widget), TRUE);
}

/* ---- A saved session ---- */

static void
clear_token_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!sp_token_store_clear_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The token could not be removed from the keyring: %s", error->message);
}

static void
me_cb (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  SpClient *client = SP_CLIENT (object);
  g_autoptr(SignIn) sign_in = user_data;
  SpWindow *self = sign_in->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) me = sp_client_get_me_finish (client, result, &error);
  g_autoptr(JsonNode) profile = NULL;

  if (me != NULL)
    {
      JsonObject *object_node = json_node_get_object (me);

      profile = sp_window_profile_new (object_node,
                                       sp_json_get_object (object_node, "user", FALSE, NULL),
                                       sp_json_get_object (object_node, "unit", FALSE, NULL));
      sp_window_enter_session (self, client, sign_in->username, profile);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      return;
    }
  else if (g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_OFFLINE))
    {
      /* An outage: work from the local copy; the token is tried again on every poll. */
      sp_window_enter_session (self, client, sign_in->username, NULL);
    }
  else
    {
      if (g_error_matches (error, SP_CLIENT_ERROR, SP_CLIENT_ERROR_UNAUTHORIZED))
        sp_token_store_clear_async (sp_client_get_base_url (client), NULL, clear_token_cb,
                                    NULL);
      sp_window_show_sign_in (self, error->message);
    }
}

static void
lookup_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SignIn) sign_in = user_data;
  SpWindow *self = sign_in->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpClient) client = NULL;
  g_autofree char *server = NULL;
  char *token = sp_token_store_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (token == NULL)
    {
      if (error != NULL)
        g_message ("No keyring to read the saved sign-in from: %s", error->message);
      sp_window_show_sign_in (self, NULL);
      return;
    }

  server = normalize_server (gtk_editable_get_text (GTK_EDITABLE (self->server_row)));
  client = sp_client_new (server);
  sp_client_set_token (client, token);
  secret_password_free (token);
  sp_client_get_me_async (client, self->cancellable, me_cb,
                          sign_in_new (self, sign_in->username, TRUE));
}

/**
 * sp_window_sign_in_start:
 *
 * Signs in as the window opens: with development credentials (`--server` and
 * `SAMPLAN_DEV_USERNAME`/`SAMPLAN_DEV_PASSWORD`), else with the saved token of the last
 * server and user, else through the sign-in page.
 */
void
sp_window_sign_in_start (SpWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  const char *override = SP_IS_APPLICATION (app)
                           ? sp_application_get_server_override (SP_APPLICATION (app)) : NULL;
  g_autofree char *saved_server = g_settings_get_string (self->settings, "server-url");
  g_autofree char *username = g_settings_get_string (self->settings, "username");
  g_autofree char *dev_username = NULL;
  g_autofree char *dev_password = NULL;
  g_autofree char *server = NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->server_row),
                         override != NULL ? override : saved_server);
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);

  if (SP_IS_APPLICATION (app) &&
      sp_application_take_dev_credentials (SP_APPLICATION (app), &dev_username, &dev_password))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->username_row), dev_username);
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), dev_password);
      /* A development server lives as long as the app: its token is worth nothing later. */
      submit (self, FALSE);
      return;
    }

  server = normalize_server (gtk_editable_get_text (GTK_EDITABLE (self->server_row)));
  if (server == NULL || username[0] == '\0')
    {
      sp_window_show_sign_in (self, NULL);
      return;
    }

  set_busy (self, TRUE);
  sp_token_store_lookup_async (server, username, self->cancellable, lookup_token_cb,
                               sign_in_new (self, username, TRUE));
}

/* ---- Signing out ---- */

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Offline, the token stays valid on the server until it expires (12 h); nothing else to
   * do about it here. */
  if (!sp_client_sign_out_finish (SP_CLIENT (object), result, &error))
    g_debug ("The server was not told about the sign-out: %s", error->message);
}

static void
cache_deleted_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SpWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sp_cache_delete_finish (SP_CACHE (object), result, &error))
    g_warning ("The local copy could not be removed: %s", error->message);

  if (!g_cancellable_is_cancelled (self->cancellable))
    set_busy (self, FALSE);
}

typedef struct
{
  SpWindow *window;
  SpCache  *cache;
} SignOut;

static void
cleared_on_sign_out_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autofree SignOut *sign_out = user_data;
  g_autoptr(GError) error = NULL;

  if (!sp_token_store_clear_finish (result, &error))
    g_warning ("The token could not be removed from the keyring: %s", error->message);

  /* Patient data does not stay on a computer nobody is signed in to. */
  sp_cache_delete_async (sign_out->cache, NULL, cache_deleted_cb, sign_out->window);
  g_object_unref (sign_out->cache);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SpWindow *self = SP_WINDOW (widget);
  g_autoptr(SpClient) client = NULL;
  SignOut *sign_out;

  if (self->client == NULL)
    return;

  client = g_object_ref (self->client);
  sign_out = g_new0 (SignOut, 1);
  sign_out->window = g_object_ref (self);
  sign_out->cache = g_object_ref (self->cache);

  sp_window_leave_session (self);
  sp_window_show_sign_in (self, NULL);
  /* Until the copy is gone: a new sign-in would open it again meanwhile. */
  set_busy (self, TRUE);

  /* Not cancelled with the window: these must happen even if it closes now. */
  sp_client_sign_out_async (client, NULL, sign_out_cb, NULL);
  sp_token_store_clear_async (sp_client_get_base_url (client), NULL, cleared_on_sign_out_cb,
                              sign_out);
}

void
sp_window_sign_in_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
}
