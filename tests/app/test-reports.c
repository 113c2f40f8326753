/* test-reports.c — the Uppföljning page, the deadline monitor and the deviation report
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under with-keyring.sh and Xvfb against the real server. The stays are made through
 * the API before the app signs in; the server's clock is moved by restarting it.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sp-app-test.h"
#include "sp-deadline-monitor.h"
#include "sp-deviation-dialog.h"
#include "sp-episode-page.h"
#include "sp-report-chart.h"
#include "sp-report-format.h"
#include "sp-reports-page.h"
#include "sp-window-private.h"

/* Monday mornings: the ready notices; the app reads the report at FINAL. */
#define R_JAN "2026-01-12T09:00:00+01:00"
#define R_MAR "2026-03-02T09:00:00+01:00"
#define FINAL "2026-03-20T10:00:00+01:00"

#define REPORT_QUERY "profile=vgr&rate=2026:10000"

typedef struct
{
  const char *given;
  const char *ready;
  const char *discharged;  /* NULL: still in hospital */
  char       *id;
  gint64      revision;
} Stay;

/* Fictional people. Days after ready (12:00 rule) in the comments; "late" was admitted 30
 * hours before its notice (due 03:00, sent 09:00: 6 hours late) and stays in hospital. */
static Stay stays[] = {
  { "Anna",  R_JAN, "2026-01-16T11:00:00+01:00" }, /* 4 */
  { "Berit", R_JAN, "2026-01-17T11:00:00+01:00" }, /* 5 */
  { "Carl",  R_MAR, "2026-03-04T11:00:00+01:00" }, /* 2 */
  { "Dora",  R_MAR, "2026-03-11T11:00:00+01:00" }, /* 9 */
  { "Erik",  R_JAN, NULL },                        /* late */
};

#define LATE 4

/* The ward's window, signed in once for every test. */
static SpWindow *window;

static void
set_now (const char *iso)
{
  g_setenv ("SAMPLAN_TEST_NOW", iso, TRUE);
  sp_test_server_kill (server);
  sp_test_server_restart (server);
}

static void
act (Stay       *stay,
     const char *what,
     const char *members)
{
  g_auto(SpTestResponse) r = { 0 };
  g_autofree char *path = g_strdup_printf ("/api/v1/episodes/%s/%s", stay->id, what);
  g_autofree char *body = g_strdup_printf ("{\"base_revision\":%" G_GINT64_FORMAT "%s%s}",
                                           stay->revision, *members != '\0' ? "," : "",
                                           members);
  JsonObject *object = request_ok ("POST", path, body, 200, &r);

  stay->revision = json_object_get_int_member (object, "revision");
}

static void
admit_stay (Stay *stay)
{
  g_auto(SpTestResponse) patient = { 0 };
  g_auto(SpTestResponse) episode = { 0 };
  g_autoptr(GDateTime) ready = g_date_time_new_from_iso8601 (stay->ready, NULL);
  g_autoptr(GDateTime) admitted = g_date_time_add_hours (ready, stay == &stays[LATE] ? -30 : -2);
  g_autofree char *admitted_text = g_date_time_format_iso8601 (admitted);
  g_autofree char *identity = sp_test_new_personnummer ();
  g_autofree char *patient_body = g_strdup_printf (
    "{\"identity\":\"%s\",\"given_name\":\"%s\",\"family_name\":\"Uppföljningsson\","
    "\"municipality\":{\"code\":\"9991\",\"name\":\"Testkommun\"}}", identity, stay->given);
  g_autofree char *episode_body = NULL;
  JsonObject *object = request_ok ("POST", "/api/v1/patients", patient_body, 201, &patient);

  episode_body = g_strdup_printf (
    "{\"patient_id\":\"%s\",\"addressing\":[{\"unit\":\"vc-norr\"},{\"unit\":\"hsl-test\"}],"
    "\"admitted_at\":\"%s\",\"consents\":[{\"kind\":\"svu_exchange\",\"form\":\"oral\","
    "\"given_by\":\"patient\"}]}", json_object_get_string_member (object, "id"), admitted_text);
  object = request_ok ("POST", "/api/v1/episodes", episode_body, 201, &episode);
  stay->id = g_strdup (json_object_get_string_member (object, "id"));
  stay->revision = json_object_get_int_member (object, "revision");
}

static void
seed (void)
{
  const char *ready_times[] = { R_JAN, R_MAR };

  for (guint t = 0; t < G_N_ELEMENTS (ready_times); t++)
    {
      set_now (ready_times[t]);
      for (guint i = 0; i < G_N_ELEMENTS (stays); i++)
        if (g_str_equal (stays[i].ready, ready_times[t]))
          {
            admit_stay (&stays[i]);
            if (stays[i].discharged != NULL)
              act (&stays[i], "ready", "");
          }
    }

  set_now (FINAL);
  for (guint i = 0; i < G_N_ELEMENTS (stays); i++)
    if (stays[i].discharged != NULL)
      {
        g_autofree char *members = g_strdup_printf ("\"at\":\"%s\"", stays[i].discharged);

        act (&stays[i], "discharge", members);
      }
}

/* A preferences row of @type with the (already translated) @title; find_row() finds entry
 * rows only. */
static GtkWidget *
find_titled (GtkWidget  *root,
             GType       type,
             const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_titled (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The text of the cell in @column of a table row. */
static const char *
cell_text (GtkWidget *row,
           guint      column)
{
  GtkWidget *cell = gtk_widget_get_first_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));

  for (guint c = 0; c < column; c++)
    cell = gtk_widget_get_next_sibling (cell);

  return gtk_label_get_label (GTK_LABEL (cell));
}

static SpReportsPage *
open_reports (void)
{
  SpReportsPage *page;

  sp_window_show_page (window, "reports");
  page = SP_REPORTS_PAGE (find_descendant (GTK_WIDGET (window), SP_TYPE_REPORTS_PAGE, TRUE));
  g_assert_nonnull (page);

  return page;
}

/* VGR at 10,000 kr a day, worked by hand: January 4 and 5 days → average 4.5 → (4.5 − 3.0)
 * × 2 = 3.0 days → 30,000 kr. March: Dora's 9 days are charged on their own, (9 − 3) = 6
 * days; Carl's 2 alone make the average, 2.0, under the threshold → 6.0 days → 60,000 kr. */
static void
test_page (void)
{
  SpReportsPage *page = open_reports ();
  SpReportChart *chart = SP_REPORT_CHART (find_descendant (GTK_WIDGET (page),
                                                           SP_TYPE_REPORT_CHART, FALSE));
  GtkWidget *rate = find_row (GTK_WIDGET (page), "Daily rate in kronor (or YEAR:KRONOR,YEAR:KRONOR)");
  GtkWidget *model = find_titled (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW, _("Regional model"));
  GtkListBox *months_list, *episodes_list;
  g_auto(SpTestResponse) r = { 0 };
  JsonArray *months;
  GtkWidget *row, *episode_row;
  g_autofree char *two_days = NULL;
  g_autofree char *nine_days = NULL;
  guint n_rows = 0;

  gtk_editable_set_text (GTK_EDITABLE (rate), "2026:10000");
  adw_combo_row_set_selected (ADW_COMBO_ROW (model), 1); /* Västra Götaland */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reports.show", NULL));
  WAIT_UNTIL (sp_report_chart_get_n_bars (chart) == 2, 20);

  /* The table and the chart say the server's numbers. */
  months = json_object_get_array_member (
    request_ok ("GET", "/api/v1/reports/months?" REPORT_QUERY, NULL, 200, &r), "months");
  g_assert_cmpuint (json_array_get_length (months), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (months, 0),
                                               "liability_sek"), ==, 30000);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (months, 1),
                                               "liability_sek"), ==, 60000);

  months_list = GTK_LIST_BOX (find_styled (GTK_WIDGET (page), GTK_TYPE_LIST_BOX, "report-table"));
  for (row = gtk_widget_get_first_child (GTK_WIDGET (months_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 3); /* the header and two months */

  for (guint i = 0; i < json_array_get_length (months); i++)
    {
      JsonObject *month = json_array_get_object_element (months, i);
      g_autofree char *kronor = sp_report_format_kronor (json_object_get_int_member (month,
                                                                               "liability_sek"));
      g_autofree char *average = sp_report_format_days (json_object_get_double_member (
                                                          month, "average_days"));

      row = GTK_WIDGET (gtk_list_box_get_row_at_index (months_list, i + 1));
      g_assert_cmpstr (cell_text (row, 1), ==, json_object_get_string_member (month, "month"));
      g_assert_cmpstr (cell_text (row, 3), ==, average);
      g_assert_cmpstr (cell_text (row, 10), ==, kronor);
      g_assert_nonnull (strstr (sp_report_chart_get_description (chart), kronor));
    }

  save_screenshot (GTK_WIDGET (window), "samplan-reports.png");

  /* March: the two episodes behind it, Dora's charged on its own; one opens. */
  g_signal_emit_by_name (months_list, "row-activated", gtk_list_box_get_row_at_index (months_list, 2));
  two_days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day after ready",
                                           "%d days after ready", 2), 2);
  nine_days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day after ready",
                                            "%d days after ready", 9), 9);
  g_assert_nonnull (find_titled (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, two_days));
  episode_row = find_titled (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, nine_days);
  g_assert_nonnull (episode_row);
  episodes_list = GTK_LIST_BOX (gtk_widget_get_parent (episode_row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (episode_row)), ==,
                   _("Charged on its own: more than 7 days after ready"));
  g_signal_emit_by_name (episodes_list, "row-activated", episode_row);
  WAIT_UNTIL (find_descendant (GTK_WIDGET (window), SP_TYPE_EPISODE_PAGE, TRUE) != NULL, 20);
}

/* The overview's model: every stay has clocks overdue (nobody acknowledged a notice; the
 * ready acknowledgements stay due after discharge). Each kind's count is the number of rows
 * whose earliest clock is of that kind, and the button asks for those rows. */
static void
filter_requested_cb (SpDeadlineMonitor *monitor,
                     const char        *kind,
                     char             **out)
{
  *out = g_strdup (kind);
}

static void
test_monitor (void)
{
  GListModel *model = sp_sync_get_model (sp_window_get_sync (window));
  GtkWidget *monitor = sp_deadline_monitor_new (model);
  g_autofree char *requested = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;
  GtkWidget *button;
  guint n_overdue = 0;

  g_object_ref_sink (monitor);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SpEpisodeSummary) summary = g_list_model_get_item (model, i);
      const char *label = sp_episode_summary_get_next_deadline_label (summary);

      if (!sp_episode_summary_get_overdue (summary))
        continue;
      n_overdue++;
      g_hash_table_insert (expected, g_strdup (label), GUINT_TO_POINTER (
        GPOINTER_TO_UINT (g_hash_table_lookup (expected, label)) + 1));
      g_assert_true (sp_deadline_monitor_matches (summary, label));
    }
  g_assert_cmpuint (n_overdue, ==, G_N_ELEMENTS (stays));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpuint (sp_deadline_monitor_get_count (SP_DEADLINE_MONITOR (monitor), key), ==,
                      GPOINTER_TO_UINT (value));

  /* The buttons are sorted by kind: the first is the first kind in collation order. */
  button = find_descendant (monitor, GTK_TYPE_BUTTON, FALSE);
  g_assert_nonnull (button);
  g_signal_connect (monitor, "filter-requested", G_CALLBACK (filter_requested_cb), &requested);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (g_hash_table_contains (expected, requested));
  g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (button)), requested));

  g_object_unref (monitor);
}

/* Erik's notice was due at 03:00 on 12 January and sent at 09:00: 6 hours late. */
static void
test_deviation (void)
{
  SpAccount *account = ((struct _SpWindow *) window)->account;
  GtkWidget *dialog = sp_deviation_dialog_new (GTK_WINDOW (window), account, stays[LATE].id);
  g_autofree char *text = NULL;
  g_autofree char *pdf = g_build_filename (g_get_user_cache_dir (), "avvikelse.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  WAIT_UNTIL (sp_deviation_dialog_is_loaded (SP_DEVIATION_DIALOG (dialog)), 20);
  text = sp_deviation_dialog_dup_text (SP_DEVIATION_DIALOG (dialog));
  g_assert_nonnull (strstr (text, "2026-01-12 09:00, 6 "));
  g_assert_nonnull (strstr (text, "2026-01-12 03:00"));
  g_assert_nonnull (strstr (text, "Avdelning 12"));
  save_screenshot (dialog, "samplan-deviation.png");

  g_assert_true (sp_deviation_dialog_write_pdf (SP_DEVIATION_DIALOG (dialog), pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_remove (pdf);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_setenv ("SAMPLAN_TEST_NOW", R_JAN, TRUE);
  if (!app_test_init (&argc, &argv))
    g_test_message ("not in Swedish: the Swedish strings are not checked");
  seed ();
  window = sign_in_as ("ward");

  g_test_add_func ("/app/reports/page", test_page);
  g_test_add_func ("/app/reports/monitor", test_monitor);
  g_test_add_func ("/app/reports/deviation", test_deviation);

  status = g_test_run ();
  app_test_finish ();
  for (guint i = 0; i < G_N_ELEMENTS (stays); i++)
    g_free (stays[i].id);

  return status;
}
