/* test-overview.c — the SPU overview, its rows and its track chips, driven as a user would
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No server: the rows are the JSON items of GET /api/v1/episodes, written here with
 * fictional names and valid but invented identity numbers.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "sp-app-test.h"
#include "sp-application.h"
#include "sp-calendar.h"
#include "sp-deadline-monitor.h"
#include "sp-episode-summary.h"
#include "sp-json.h"
#include "sp-overview-model.h"
#include "sp-overview-page.h"
#include "sp-track-chip.h"

static gboolean swedish;

/* One row of the overview as the test writes it; what is left out gets a plain default. */
typedef struct
{
  const char *given_name;
  const char *family_name;
  const char *ward;
  const char *state;       /* nick */
  const char *track;       /* nick, or NULL for null */
  const char *clock;       /* the next deadline's clock, or NULL for none */
  gboolean    overdue;
  int         unread;
} Row;

/* A valid personnummer born in 1945, the serial from @n: the check digit is Luhn's. */
static char *
make_identity (guint n)
{
  g_autofree char *ten = g_strdup_printf ("45%02u%02u%03u", n % 12 + 1, n % 28 + 1, n % 1000);
  int sum = 0;

  for (int i = 0; i < 9; i++)
    {
      int digit = (ten[i] - '0') * (i % 2 == 0 ? 2 : 1);

      sum += digit / 10 + digit % 10;
    }

  return g_strdup_printf ("19%s%d", ten, (10 - sum % 10) % 10);
}

static char *
row_to_json (const Row *row,
             guint      n,
             const char *ready_at)
{
  g_autofree char *identity = make_identity (n);
  GString *json = g_string_new (NULL);

  g_string_append_printf (json,
                          "{\"id\":\"e-%04u\",\"revision\":1,\"state\":\"%s\","
                          "\"ward_unit_id\":\"%s\",\"admitted_at\":\"2026-03-%02uT07:30:00Z\","
                          "\"ready_at\":%s%s%s,\"day0\":null,\"days_after_ready\":null,",
                          n, row->state != NULL ? row->state : "planning",
                          row->ward != NULL ? row->ward : "Avd 12", n % 28 + 1,
                          ready_at != NULL ? "\"" : "", ready_at != NULL ? ready_at : "null",
                          ready_at != NULL ? "\"" : "");
  g_string_append_printf (json,
                          "\"patient\":{\"id\":\"p-%u\",\"revision\":1,\"given_name\":\"%s\","
                          "\"family_name\":\"%s\",\"identity\":{\"kind\":\"personnummer\","
                          "\"value\":\"%s\",\"region\":null}},",
                          n, row->given_name, row->family_name, identity);
  g_string_append_printf (json, "\"estimated_discharge\":\"2026-04-%02u\",", n % 30 + 1);
  if (row->track != NULL)
    g_string_append_printf (json, "\"track\":\"%s\",", row->track);
  else
    g_string_append (json, "\"track\":null,");
  if (row->clock != NULL)
    g_string_append_printf (json,
                            "\"next_deadline\":{\"clock\":\"%s\",\"unit_id\":\"vc-norr\","
                            "\"due\":\"2026-04-%02uT%02u:30:00Z\",\"overdue\":%s},",
                            row->clock, n % 28 + 1, n % 10 + 6,
                            row->overdue ? "true" : "false");
  else
    g_string_append (json, "\"next_deadline\":null,");
  g_string_append_printf (json,
                          "\"overdue\":%s,"
                          "\"care_contact\":{\"unit_id\":\"vc-norr\",\"name\":\"Sara Kontakt\","
                          "\"work_phone\":\"08-123 456\",\"lead\":true},"
                          "\"unacknowledged\":{\"notices\":0,\"messages\":%d},"
                          "\"restricted\":false}",
                          row->overdue ? "true" : "false", row->unread);

  return g_string_free (json, FALSE);
}

static SpEpisodeSummary *
summary_from_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_json_parse (text, -1, &error);
  SpEpisodeSummary *summary;

  g_assert_no_error (error);
  summary = sp_episode_summary_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);

  return summary;
}

static SpEpisodeSummary *
summary_from_row (const Row *row,
                  guint      n)
{
  g_autofree char *text = row_to_json (row, n, NULL);

  return summary_from_text (text);
}

static char *
stockholm_days_ago (int days,
                    int hour)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (sp_calendar_get_timezone ());
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);
  g_autoptr(GDateTime) at = g_date_time_new (sp_calendar_get_timezone (),
                                             g_date_time_get_year (then),
                                             g_date_time_get_month (then),
                                             g_date_time_get_day_of_month (then), hour, 0, 0);

  return sp_json_format_datetime (at);
}

static GListStore *
store_from_rows (const Row *rows,
                 guint      n_rows)
{
  GListStore *store = g_list_store_new (SP_TYPE_EPISODE_SUMMARY);

  for (guint i = 0; i < n_rows; i++)
    {
      /* Ready patients were declared ready a few mornings ago. */
      g_autofree char *ready = g_strcmp0 (rows[i].state, "ready") == 0
                               ? stockholm_days_ago ((i / 4) % 4, 9) : NULL;
      g_autofree char *json = row_to_json (&rows[i], i, ready);
      g_autoptr(SpEpisodeSummary) summary = summary_from_text (json);

      g_list_store_append (store, summary);
    }

  return store;
}

/* Widget helpers */

static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 GType       type,
                 const char *tooltip)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, type, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A shown label whose text, or first line of a two-line cell, is @text. */
static gboolean
has_mapped_label (GtkWidget  *root,
                  const char *text)
{
  const char *shown = NULL;

  /* Cells are inscriptions (sp-overview-page.c), the rest labels. */
  if (GTK_IS_LABEL (root))
    shown = gtk_label_get_text (GTK_LABEL (root));
  else if (GTK_IS_INSCRIPTION (root))
    shown = gtk_inscription_get_text (GTK_INSCRIPTION (root));

  if (shown != NULL && gtk_widget_get_mapped (root))
    {
      gsize length = strlen (text);

      if (strncmp (shown, text, length) == 0 && (shown[length] == '\0' || shown[length] == '\n'))
        return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_mapped_label (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
has_mapped_chip (GtkWidget *root,
                 SpTrack    track)
{
  if (SP_IS_TRACK_CHIP (root) && gtk_widget_get_mapped (root) &&
      sp_track_chip_get_track (SP_TRACK_CHIP (root)) == track)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_mapped_chip (child, track))
      return TRUE;

  return FALSE;
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
invalidate_contents_cb (GdkPaintable *paintable,
                        gpointer      user_data)
{
  gboolean *updated = user_data;

  *updated = TRUE;
}

/* Ask for a frame and spin until it is drawn, instead of sleeping. */
static void
wait_for_frame (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  gboolean updated = FALSE;

  g_signal_connect (paintable, "invalidate-contents", G_CALLBACK (invalidate_contents_cb),
                    &updated);
  gtk_widget_queue_draw (widget);
  while (!updated)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  GtkWindow          *window;
  SpOverviewPage     *page;
  GListStore         *store;
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
  SpOverviewModel    *shown;
} Overview;

static void
open_overview (Overview   *overview,
               GListStore *store,
               int         width,
               int         height)
{
  overview->store = store;
  overview->window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
  gtk_window_set_default_size (overview->window, width, height);
  overview->page = SP_OVERVIEW_PAGE (sp_overview_page_new ());
  sp_overview_page_set_model (overview->page, G_LIST_MODEL (store));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (overview->window),
                                      GTK_WIDGET (overview->page));
  gtk_window_present (overview->window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (overview->page)))
    g_main_context_iteration (NULL, TRUE);

  overview->column_view = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (overview->page),
                                                            GTK_TYPE_COLUMN_VIEW, FALSE));
  g_assert_nonnull (overview->column_view);
  overview->selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (overview->column_view));
  overview->shown = SP_OVERVIEW_MODEL (gtk_single_selection_get_model (overview->selection));
}

/* The model filters at once; until what is pending has run and one more frame is drawn. */
static void
wait_for_filter (Overview *overview)
{
  spin ();
  wait_for_frame (GTK_WIDGET (overview->page));
}

static void
close_overview (Overview *overview)
{
  gtk_window_destroy (overview->window);
  spin ();
  g_clear_object (&overview->store);
}

static guint
count_shown (Overview *overview)
{
  return g_list_model_get_n_items (G_LIST_MODEL (overview->selection));
}

/* (transfer none): the store keeps every row alive. */
static SpEpisodeSummary *
get_shown (Overview *overview,
           guint     position)
{
  g_autoptr(SpOverviewRow) row = g_list_model_get_item (G_LIST_MODEL (overview->selection),
                                                        position);

  g_assert_nonnull (row);
  return sp_overview_row_get_summary (row);
}

static GtkColumnViewColumn *
get_column (Overview *overview,
            guint     position)
{
  g_autoptr(GtkColumnViewColumn) column =
    g_list_model_get_item (gtk_column_view_get_columns (overview->column_view), position);

  return column;
}

static GtkDropDown *
find_dropdown (Overview   *overview,
               const char *tooltip)
{
  GtkWidget *dropdown = find_by_tooltip (GTK_WIDGET (overview->page), GTK_TYPE_DROP_DOWN,
                                         g_dgettext (GETTEXT_PACKAGE, tooltip));

  g_assert_nonnull (dropdown);
  return GTK_DROP_DOWN (dropdown);
}

static GtkToggleButton *
find_overdue_button (Overview *overview)
{
  GtkWidget *button = find_by_tooltip (GTK_WIDGET (overview->page), GTK_TYPE_TOGGLE_BUTTON,
                                       g_dgettext (GETTEXT_PACKAGE,
                                                   "Only episodes where a deadline of your unit "
                                                   "has passed"));

  g_assert_nonnull (button);
  return GTK_TOGGLE_BUTTON (button);
}

static GtkEditable *
find_search_entry (Overview *overview)
{
  GtkWidget *entry = find_descendant (GTK_WIDGET (overview->page), GTK_TYPE_SEARCH_ENTRY,
                                      FALSE);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

/* The rows */

static const Row ward_rows[] = {
  { "Zlatan", "Testsson", "Avd 12", "planning", "gul", "admission_notice_acknowledged", TRUE, 1 },
  { "Östen", "Provsson", "Avd 14", "ready", "rod", "sip_invitation_sent", FALSE, 0 },
  { "Anna", "Exempel", "Avd 12", "planning", "gul", "care_contact_named", FALSE, 2 },
  { "Åsa", "Fiktiv", "Avd 14", "ready", "gron", "ready_acknowledged", TRUE, 0 },
  { "Bertil", "Påhittad", "Avd 12", "discharged", "bla", NULL, FALSE, 0 },
  { "Ärla", "Låtsas", "Avd 12", "planning", NULL, "admission_notice_acknowledged", FALSE, 0 },
};

/* Tests of the summary */

static void
test_summary_json (void)
{
  g_autoptr(SpEpisodeSummary) summary = summary_from_row (&ward_rows[0], 7);
  g_autoptr(SpEpisodeSummary) without_track = summary_from_row (&ward_rows[5], 8);
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *identity = make_identity (7);
  GDate date;
  SpTrack track;

  g_assert_cmpstr (sp_episode_summary_get_id (summary), ==, "e-0007");
  g_assert_cmpstr (sp_episode_summary_get_patient_name (summary), ==, "Zlatan Testsson");
  /* Shown as "YYYYMMDD-NNNN". */
  g_assert_cmpint (strlen (sp_episode_summary_get_identity (summary)), ==, 13);
  g_assert_true (g_str_has_prefix (sp_episode_summary_get_identity (summary), "19450808-"));
  g_assert_cmpstr (sp_episode_summary_get_identity (summary) + 9, ==, identity + 8);
  g_assert_cmpstr (sp_episode_summary_get_ward_id (summary), ==, "Avd 12");
  g_assert_cmpstr (sp_episode_summary_get_ward_name (summary), ==, "Avd 12");
  g_assert_true (sp_episode_summary_get_estimated_discharge (summary, &date));
  g_assert_cmpint (g_date_get_day (&date), ==, 8);
  g_assert_true (sp_episode_summary_get_track (summary, &track));
  g_assert_cmpint (track, ==, SP_TRACK_GUL);
  g_assert_false (sp_episode_summary_get_track (without_track, NULL));
  g_assert_cmpstr (sp_episode_summary_get_care_contact (summary), ==, "Sara Kontakt");
  g_assert_cmpstr (sp_episode_summary_get_care_contact_phone (summary), ==, "08-123 456");
  g_assert_cmpstr (sp_episode_summary_get_next_deadline_label (summary), ==,
                   sp_clock_get_label (SP_CLOCK_ADMISSION_NOTICE_ACKNOWLEDGED));
  due = g_date_time_new_utc (2026, 4, 8, 13, 30, 0);
  g_assert_true (g_date_time_equal (sp_episode_summary_get_next_deadline (summary), due));
  g_assert_true (sp_episode_summary_get_next_deadline_overdue (summary));
  g_assert_true (sp_episode_summary_get_overdue (summary));
  g_assert_cmpuint (sp_episode_summary_get_unacknowledged (summary), ==, 1);
  g_assert_false (sp_episode_summary_get_restricted (summary));
}

/* Without consent the server leaves the name and number out: nothing to show or search. */
/* Every value a summary shows, on one line, to compare two summaries by. */
static char *
describe_summary (SpEpisodeSummary *summary)
{
  GDateTime *ready = sp_episode_summary_get_ready (summary);
  GDateTime *deadline = sp_episode_summary_get_next_deadline (summary);
  g_autofree char *admitted = sp_json_format_datetime (sp_episode_summary_get_admitted (summary));
  g_autofree char *ready_text = ready != NULL ? sp_json_format_datetime (ready) : NULL;
  g_autofree char *deadline_text = deadline != NULL ? sp_json_format_datetime (deadline) : NULL;
  GDate discharge;
  SpTrack track = SP_TRACK_GRA;
  gboolean has_discharge = sp_episode_summary_get_estimated_discharge (summary, &discharge);
  gboolean has_track = sp_episode_summary_get_track (summary, &track);

  return g_strdup_printf ("%s r%" G_GINT64_FORMAT " %s %s %s %s %s %s %u %d %s %d %d/%d %s %s %s "
                          "%s %s %d %d %u %d %s %" G_GINT64_FORMAT,
                          sp_episode_summary_get_id (summary),
                          sp_episode_summary_get_revision (summary),
                          sp_episode_summary_get_patient_name (summary),
                          sp_episode_summary_get_identity (summary),
                          sp_episode_summary_get_ward_id (summary),
                          sp_episode_summary_get_ward_name (summary), admitted, ready_text,
                          has_discharge ? g_date_get_julian (&discharge) : 0,
                          sp_episode_summary_get_state (summary),
                          sp_episode_summary_get_state_text (summary),
                          sp_episode_summary_get_days_after_ready (summary), has_track, track,
                          sp_episode_summary_get_care_contact (summary),
                          sp_episode_summary_get_care_contact_phone (summary),
                          sp_episode_summary_get_sip_text (summary), deadline_text,
                          sp_episode_summary_get_next_deadline_label (summary),
                          sp_episode_summary_get_next_deadline_overdue (summary),
                          sp_episode_summary_get_overdue (summary),
                          sp_episode_summary_get_unacknowledged (summary),
                          sp_episode_summary_get_restricted (summary),
                          sp_episode_summary_get_restricted_reason (summary),
                          sp_episode_summary_get_next_deadline_usec (summary));
}

/* The local copy's form: read back, a row shows the same; another format is refused. */
static void
test_summary_bytes (void)
{
  g_autoptr(GListStore) store = store_from_rows (ward_rows, G_N_ELEMENTS (ward_rows));
  g_autoptr(SpEpisodeSummary) restricted = summary_from_text (
    "{\"id\":\"e-1\",\"revision\":3,\"state\":\"planning\",\"ward_unit_id\":\"avd-12\","
    "\"admitted_at\":\"2026-03-09T18:00:00.250Z\",\"ready_at\":null,\"patient\":{\"id\":\"p-1\"},"
    "\"next_deadline\":null,\"overdue\":false,\"care_contact\":null,"
    "\"unacknowledged\":{\"notices\":1,\"messages\":2},\"restricted\":true,"
    "\"restricted_reason\":\"Patientens samtycke saknas.\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *changed = NULL;
  gsize size;

  g_list_store_append (store, restricted);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(SpEpisodeSummary) summary = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autoptr(GBytes) row = sp_episode_summary_to_bytes (summary);
      g_autoptr(SpEpisodeSummary) copy = NULL;
      g_autofree char *expected = describe_summary (summary);
      g_autofree char *read = NULL;

      copy = sp_episode_summary_new_from_bytes (g_bytes_get_data (row, NULL),
                                                g_bytes_get_size (row), &error);
      g_assert_no_error (error);
      read = describe_summary (copy);
      g_assert_cmpstr (read, ==, expected);
      /* The search needs no work of its own either. */
      g_assert_cmpint (sp_episode_summary_matches (copy, "e", FALSE), ==,
                       sp_episode_summary_matches (summary, "e", FALSE));
    }

  /* Another format (an older copy), cut short, or an unknown state: refused. */
  bytes = sp_episode_summary_to_bytes (restricted);
  size = g_bytes_get_size (bytes);
  changed = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  changed[3] = '0';
  g_assert_null (sp_episode_summary_new_from_bytes (changed, size, &error));
  g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID);
  g_clear_error (&error);
  changed[3] = ((const guint8 *) g_bytes_get_data (bytes, NULL))[3];
  g_assert_null (sp_episode_summary_new_from_bytes (changed, size - 1, &error));
  g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sp_episode_summary_new_from_bytes ((const guint8 *) "{\"id\":\"e-1\"}", 12,
                                                    &error));
  g_assert_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID);
}

static void
test_summary_restricted (void)
{
  g_autoptr(SpEpisodeSummary) summary = summary_from_text (
    "{\"id\":\"e-1\",\"revision\":3,\"state\":\"planning\",\"ward_unit_id\":\"avd-12\","
    "\"admitted_at\":\"2026-03-09T18:00:00Z\",\"ready_at\":null,\"patient\":{\"id\":\"p-1\"},"
    "\"next_deadline\":null,\"overdue\":false,\"care_contact\":null,"
    "\"unacknowledged\":{\"notices\":1,\"messages\":2},\"restricted\":true,"
    "\"restricted_reason\":\"Patientens samtycke saknas.\"}");
  GDate date;

  g_assert_null (sp_episode_summary_get_patient_name (summary));
  g_assert_null (sp_episode_summary_get_identity (summary));
  g_assert_false (sp_episode_summary_get_estimated_discharge (summary, &date));
  g_assert_false (sp_episode_summary_get_track (summary, NULL));
  g_assert_null (sp_episode_summary_get_care_contact (summary));
  g_assert_null (sp_episode_summary_get_next_deadline (summary));
  g_assert_true (sp_episode_summary_get_restricted (summary));
  g_assert_cmpstr (sp_episode_summary_get_restricted_reason (summary), ==,
                   "Patientens samtycke saknas.");
  g_assert_cmpuint (sp_episode_summary_get_unacknowledged (summary), ==, 3);
  g_assert_false (sp_episode_summary_matches (summary, "a", FALSE));
  g_assert_false (sp_episode_summary_matches (summary, "1945", TRUE));
  g_assert_null (sp_episode_summary_get_sort_key (summary, SP_EPISODE_SUMMARY_KEY_PATIENT));
  /* Our unit has a notice to acknowledge. */
  g_assert_cmpstr (sp_episode_summary_get_state_text (summary), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Admission notice not acknowledged"));
}

/* Strict: a missing or mistyped member is an error that names it. */
static void
test_summary_strict (void)
{
  static const struct
  {
    const char *json;
    int         code;
    const char *field;
  } cases[] = {
    /* No id at all. */
    { "{\"revision\":1}", SP_JSON_ERROR_MISSING, "id" },
    /* Flags are booleans, never strings. */
    { "{\"id\":\"e\",\"revision\":1,\"state\":\"planning\",\"ward_unit_id\":\"w\","
      "\"admitted_at\":\"2026-03-09T18:00:00Z\",\"patient\":{},\"overdue\":\"yes\"}",
      SP_JSON_ERROR_TYPE, "overdue" },
    /* An unknown state nick. */
    { "{\"id\":\"e\",\"revision\":1,\"state\":\"asleep\"}", SP_JSON_ERROR_INVALID, "state" },
    /* The deadline's members are read too, and named with their parent. */
    { "{\"id\":\"e\",\"revision\":1,\"state\":\"planning\",\"ward_unit_id\":\"w\","
      "\"admitted_at\":\"2026-03-09T18:00:00Z\",\"patient\":{},"
      "\"next_deadline\":{\"clock\":\"tea_time\"}}",
      SP_JSON_ERROR_INVALID, "next_deadline.clock" },
    /* A bad check digit in the identity number. */
    { "{\"id\":\"e\",\"revision\":1,\"state\":\"planning\",\"ward_unit_id\":\"w\","
      "\"admitted_at\":\"2026-03-09T18:00:00Z\",\"patient\":{\"identity\":"
      "{\"kind\":\"personnummer\",\"value\":\"194508080002\",\"region\":null}}}",
      -1, "patient.identity.value" },
    /* Counts are required and never negative. */
    { "{\"id\":\"e\",\"revision\":1,\"state\":\"planning\",\"ward_unit_id\":\"w\","
      "\"admitted_at\":\"2026-03-09T18:00:00Z\",\"patient\":{},\"overdue\":false,"
      "\"restricted\":false,\"unacknowledged\":{\"notices\":-1,\"messages\":0}}",
      SP_JSON_ERROR_INVALID, "unacknowledged.notices" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = sp_json_parse (cases[i].json, -1, &error);
      g_autoptr(SpEpisodeSummary) summary = NULL;
      g_autofree char *field = NULL;

      g_assert_no_error (error);
      summary = sp_episode_summary_new_from_json (node, &error);
      g_assert_null (summary);
      g_assert_nonnull (error);
      if (cases[i].code >= 0)
        g_assert_error (error, SP_JSON_ERROR, cases[i].code);
      field = sp_json_error_get_field (error);
      g_assert_cmpstr (field, ==, cases[i].field);
    }
}

/* The state texts, with days after ready by the core's 12:00 rule. */
static void
test_summary_state_text (void)
{
  static const struct
  {
    const char *state;
    const char *clock;
    int         ready_days_ago;  /* -1: not ready */
    int         ready_hour;      /* Stockholm */
    const char *msgid;
    int         day;
  } cases[] = {
    /* The others' acknowledgement is the next clock. */
    { "planning", "admission_notice_acknowledged", -1, 0, "Admission notice not acknowledged", 0 },
    { "planning", "care_contact_named", -1, 0, "Planning in progress", 0 },
    { "planning", NULL, -1, 0, "Planning in progress", 0 },
    /* Sent before 12:00 two days ago: that day is day 0, today is day 2. */
    { "ready", "ready_acknowledged", 2, 8, "Ready for discharge, day %d", 2 },
    /* Sent at 12:00 or later: day 0 is the next day, so today is day 1. */
    { "ready", NULL, 2, 12, "Ready for discharge, day %d", 1 },
    /* Sent this morning: day 0. */
    { "ready", NULL, 0, 7, "Ready for discharge, day %d", 0 },
    /* Sent this afternoon: day 0 is tomorrow; never below 0. */
    { "ready", NULL, 0, 13, "Ready for discharge, day %d", 0 },
    { "discharged", NULL, 3, 9, "Discharged", 0 },
    { "deceased", NULL, -1, 0, "Deceased", 0 },
    { "cancelled", NULL, -1, 0, "Cancelled", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Row row = { "Greta", "Testsson", NULL, cases[i].state, NULL, cases[i].clock, FALSE, 0 };
      g_autofree char *ready = cases[i].ready_days_ago >= 0
                               ? stockholm_days_ago (cases[i].ready_days_ago,
                                                     cases[i].ready_hour)
                               : NULL;
      g_autofree char *json = row_to_json (&row, i, ready);
      g_autoptr(SpEpisodeSummary) summary = summary_from_text (json);
      g_autofree char *expected = NULL;

      if (g_str_equal (cases[i].state, "ready"))
        expected = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Ready for discharge, day %d"),
                                    cases[i].day);
      else
        expected = g_strdup (g_dgettext (GETTEXT_PACKAGE, cases[i].msgid));

      g_test_message ("case %u: %s", i, expected);
      g_assert_cmpstr (sp_episode_summary_get_state_text (summary), ==, expected);
    }
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 GString    *names)
{
  g_string_append_printf (names, "%s ", pspec->name);
}

/* Updated in place, a row says exactly what changed. */
static void
test_summary_update_from (void)
{
  Row row = ward_rows[0];
  g_autoptr(SpEpisodeSummary) summary = summary_from_row (&row, 1);
  g_autoptr(SpEpisodeSummary) same = summary_from_row (&row, 1);
  g_autoptr(SpEpisodeSummary) newer = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  sp_episode_summary_set_ward_name (summary, "Avdelning 12");
  g_signal_connect (summary, "notify", G_CALLBACK (count_notify_cb), names);

  sp_episode_summary_update_from (summary, same);
  g_assert_cmpstr (names->str, ==, "");
  /* The unit's name stays when the ward does. */
  g_assert_cmpstr (sp_episode_summary_get_ward_name (summary), ==, "Avdelning 12");

  row.track = "rod";
  row.unread = 4;
  newer = summary_from_row (&row, 1);
  sp_episode_summary_update_from (summary, newer);
  /* Notified once each when thawed, in no promised order. */
  g_assert_true (g_str_equal (names->str, "track unacknowledged ") ||
                 g_str_equal (names->str, "unacknowledged track "));
  g_assert_cmpuint (sp_episode_summary_get_unacknowledged (summary), ==, 4);
}

/* A row's own texts (name, number) and its shared ones (ward, care contact) are taken
 * over together: shown, searched and sorted by anew, and kept when the newer row goes. */
static void
test_summary_update_texts (void)
{
  Row row = { "Greta", "Testsson", "Avd 12", "planning", NULL, NULL, FALSE, 0 };
  Row moved = { "Åke", "Provsson", "Avd 14", "planning", NULL, NULL, FALSE, 0 };
  g_autoptr(SpEpisodeSummary) summary = summary_from_row (&row, 1);
  g_autoptr(SpEpisodeSummary) other = summary_from_row (&row, 3);
  g_autoptr(SpEpisodeSummary) newer = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *old_key = NULL;
  g_autofree char *newer_key = NULL;
  g_autofree char *newer_identity = NULL;
  g_autofree char *old_identity = NULL;
  g_autofree char *json = row_to_json (&moved, 2, NULL);
  char *id = strstr (json, "\"e-0002\"");

  /* The same episode (e-0001), another patient, number and ward. */
  g_assert_nonnull (id);
  memcpy (id, "\"e-0001\"", 8);
  newer = summary_from_text (json);
  newer_key = g_strdup (sp_episode_summary_get_sort_key (newer, SP_EPISODE_SUMMARY_KEY_PATIENT));
  newer_identity = g_strdup (sp_episode_summary_get_identity (newer));
  old_key = g_strdup (sp_episode_summary_get_sort_key (summary, SP_EPISODE_SUMMARY_KEY_PATIENT));
  old_identity = g_strdup (sp_episode_summary_get_identity (summary));
  g_assert_cmpstr (old_key, !=, newer_key);
  g_assert_cmpstr (old_identity + 9, !=, newer_identity + 9);
  /* Rows of one ward and care contact keep those texts, and their sort keys, once. */
  g_assert_true (sp_episode_summary_get_care_contact (summary) ==
                 sp_episode_summary_get_care_contact (other));
  g_assert_true (sp_episode_summary_get_sort_key (summary, SP_EPISODE_SUMMARY_KEY_WARD) ==
                 sp_episode_summary_get_sort_key (other, SP_EPISODE_SUMMARY_KEY_WARD));

  g_signal_connect (summary, "notify", G_CALLBACK (count_notify_cb), names);
  sp_episode_summary_update_from (summary, newer);
  g_clear_object (&newer);

  g_assert_cmpstr (sp_episode_summary_get_id (summary), ==, "e-0001");
  g_assert_cmpstr (sp_episode_summary_get_patient_name (summary), ==, "Åke Provsson");
  g_assert_cmpstr (sp_episode_summary_get_identity (summary), ==, newer_identity);
  g_assert_cmpstr (sp_episode_summary_get_ward_id (summary), ==, "Avd 14");
  g_assert_cmpstr (sp_episode_summary_get_ward_name (summary), ==, "Avd 14");
  g_assert_cmpstr (sp_episode_summary_get_sort_key (summary, SP_EPISODE_SUMMARY_KEY_PATIENT),
                   ==, newer_key);
  g_assert_true (sp_episode_summary_matches (summary, "åke", FALSE));
  g_assert_false (sp_episode_summary_matches (summary, "greta", FALSE));
  /* "YYYYMMDD-NNNN": the serial and check digit are searched as typed. */
  g_assert_true (sp_episode_summary_matches (summary, newer_identity + 9, TRUE));
  g_assert_false (sp_episode_summary_matches (summary, old_identity + 9, TRUE));
  g_assert_nonnull (strstr (names->str, "patient-name "));
  g_assert_nonnull (strstr (names->str, "identity "));
  g_assert_nonnull (strstr (names->str, "ward-id "));
  g_assert_nonnull (strstr (names->str, "ward-name "));
  g_assert_nonnull (strstr (names->str, "admitted "));
  g_assert_null (strstr (names->str, "care-contact"));
  /* The other row of the old ward keeps it. */
  g_assert_cmpstr (sp_episode_summary_get_ward_name (other), ==, "Avd 12");
}

/* Tests of the page */

static void
test_lists_rows (void)
{
  Overview overview;

  open_overview (&overview, store_from_rows (ward_rows, G_N_ELEMENTS (ward_rows)), 1400, 600);
  wait_for_filter (&overview);

  g_assert_cmpuint (count_shown (&overview), ==, G_N_ELEMENTS (ward_rows));
  g_assert_true (has_mapped_label (GTK_WIDGET (overview.page), "Zlatan Testsson"));
  g_assert_true (has_mapped_label (GTK_WIDGET (overview.page), "Sara Kontakt"));
  g_assert_true (has_mapped_chip (GTK_WIDGET (overview.page), SP_TRACK_GUL));
  /* Most urgent first: the earliest next deadline on top, none at the bottom. */
  g_assert_cmpstr (sp_episode_summary_get_patient_name (get_shown (&overview, 0)), ==,
                   "Zlatan Testsson");
  g_assert_null (sp_episode_summary_get_next_deadline (get_shown (&overview, 5)));

  close_overview (&overview);
}

static void
assert_order (Overview          *overview,
              const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_cmpstr (sp_episode_summary_get_patient_name (get_shown (overview, i)), ==, names[i]);
}

static void
test_sort_swedish (void)
{
  locale_t swedish_locale = newlocale (LC_COLLATE_MASK, "sv_SE.UTF-8", (locale_t) 0);
  Overview overview;
  GtkColumnViewColumn *patient;

  if (swedish_locale == (locale_t) 0)
    {
      g_test_skip ("the sv_SE.UTF-8 locale is not installed (locale-gen sv_SE.UTF-8)");
      return;
    }
  freelocale (swedish_locale);

  open_overview (&overview, store_from_rows (ward_rows, G_N_ELEMENTS (ward_rows)), 1400, 600);
  patient = get_column (&overview, 0);
  g_assert_cmpstr (gtk_column_view_column_get_title (patient), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Patient"));

  /* Å, Ä, Ö after Z, in that order, whatever the locale the app runs in. */
  gtk_column_view_sort_by_column (overview.column_view, patient, GTK_SORT_ASCENDING);
  spin ();
  assert_order (&overview, (const char * const[]) {
    "Anna Exempel", "Bertil Påhittad", "Zlatan Testsson", "Åsa Fiktiv", "Ärla Låtsas",
    "Östen Provsson", NULL });

  gtk_column_view_sort_by_column (overview.column_view, patient, GTK_SORT_DESCENDING);
  spin ();
  assert_order (&overview, (const char * const[]) {
    "Östen Provsson", "Ärla Låtsas", "Åsa Fiktiv", "Zlatan Testsson", NULL });

  /* Every column sorts. */
  for (guint i = 0; i < g_list_model_get_n_items (gtk_column_view_get_columns (
                                                    overview.column_view)); i++)
    g_assert_nonnull (gtk_column_view_column_get_sorter (get_column (&overview, i)));

  /* The track column: no track, then grå < blå < grön < gul < röd. */
  gtk_column_view_sort_by_column (overview.column_view, get_column (&overview, 4),
                                  GTK_SORT_DESCENDING);
  spin ();
  assert_order (&overview, (const char * const[]) { "Östen Provsson", "Zlatan Testsson", NULL });
  g_assert_cmpstr (sp_episode_summary_get_patient_name (get_shown (&overview, 5)), ==,
                   "Ärla Låtsas");

  close_overview (&overview);
}

static void
test_filters (void)
{
  Overview overview;
  GtkDropDown *track;
  GtkDropDown *state;
  GtkDropDown *ward;
  GtkToggleButton *overdue;

  open_overview (&overview, store_from_rows (ward_rows, G_N_ELEMENTS (ward_rows)), 1400, 600);
  wait_for_filter (&overview);
  track = find_dropdown (&overview, "Track");
  state = find_dropdown (&overview, "Status");
  ward = find_dropdown (&overview, "Ward");
  overdue = find_overdue_button (&overview);

  /* All, grå, blå, grön, gul, röd, no track. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (track)), ==, 7);
  gtk_drop_down_set_selected (track, 1 + SP_TRACK_GUL);
  wait_for_filter (&overview);
  g_assert_cmpuint (count_shown (&overview), ==, 2);

  /* Gul and still planning: both; gul and ready: none. */
  gtk_drop_down_set_selected (state, 2);
  wait_for_filter (&overview);
  g_assert_cmpuint (count_shown (&overview), ==, 2);
  gtk_drop_down_set_selected (state, 3);
  wait_for_filter (&overview);
  g_assert_cmpuint (count_shown (&overview), ==, 0);

  /* "In hospital": planning and ready, not the discharged one. */
  gtk_drop_down_set_selected (track, 0);
  gtk_drop_down_set_selected (state, 1);
  wait_for_filter (&overview);
  g_assert_cmpuint (count_shown (&overview), ==, 5);

  /* No track yet. */
  gtk_drop_down_set_selected (state, 0);
  gtk_drop_down_set_selected (track, 6);
  wait_for_filter (&overview);
  g_assert_cmpuint (count_shown (&overview), ==, 1);
  g_assert_cmpstr (sp_episode_summary_get_patient_name (get_shown (&overview, 0)), ==,
                   "Ärla Låtsas");
  gtk_drop_down_set_selected (track, 0);

  /* The wards of the model, by name. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (ward)), ==, 3);
  gtk_drop_down_set_selected (ward, 2);
  wait_for_filter (&overview);
  g_assert_cmpuint (count_shown (&overview), ==, 2);
  gtk_drop_down_set_selected (ward, 0);

  /* Mina försenade: only the overdue ones. */
  gtk_toggle_button_set_active (overdue, TRUE);
  wait_for_filter (&overview);
  g_assert_cmpuint (count_shown (&overview), ==, 2);
  for (guint i = 0; i < count_shown (&overview); i++)
    g_assert_true (sp_episode_summary_get_overdue (get_shown (&overview, i)));
  gtk_toggle_button_set_active (overdue, FALSE);
  wait_for_filter (&overview);
  g_assert_cmpuint (count_shown (&overview), ==, G_N_ELEMENTS (ward_rows));

  /* The deadline monitor above the filters: a count clicked shows those rows, clicked again
   * every row. */
  {
    GtkWidget *monitor = find_descendant (GTK_WIDGET (overview.page), SP_TYPE_DEADLINE_MONITOR,
                                          FALSE);
    const char *kind = NULL;
    guint expected;

    g_assert_nonnull (monitor);
    for (guint i = 0; kind == NULL && i < count_shown (&overview); i++)
      if (sp_episode_summary_get_next_deadline_overdue (get_shown (&overview, i)))
        kind = sp_episode_summary_get_next_deadline_label (get_shown (&overview, i));
    g_assert_nonnull (kind);
    expected = sp_deadline_monitor_get_count (SP_DEADLINE_MONITOR (monitor), kind);
    g_assert_cmpuint (expected, >, 0);
    g_assert_cmpuint (expected, <, G_N_ELEMENTS (ward_rows));

    g_signal_emit_by_name (monitor, "filter-requested", kind);
    wait_for_filter (&overview);
    g_assert_cmpuint (count_shown (&overview), ==, expected);
    for (guint i = 0; i < count_shown (&overview); i++)
      g_assert_true (sp_deadline_monitor_matches (get_shown (&overview, i), kind));

    g_signal_emit_by_name (monitor, "filter-requested", kind);
    wait_for_filter (&overview);
    g_assert_cmpuint (count_shown (&overview), ==, G_N_ELEMENTS (ward_rows));
  }

  close_overview (&overview);
}

static void
filter_changed_cb (GtkFilter       *filter,
                   GtkFilterChange  change,
                   GtkFilterChange *out_change)
{
  *out_change = change;
}

/* As the user types: characters added at the end, or erased from it. */
static void
type_text (Overview        *overview,
           GtkEditable     *entry,
           const char      *text,
           GtkFilterChange *change)
{
  g_autofree char *old = g_strdup (gtk_editable_get_text (entry));

  if (g_str_has_prefix (text, old))
    {
      int position = g_utf8_strlen (old, -1);

      gtk_editable_insert_text (entry, text + strlen (old), -1, &position);
    }
  else
    {
      g_assert_true (g_str_has_prefix (old, text));
      gtk_editable_delete_text (entry, g_utf8_strlen (text, -1), -1);
    }
  wait_for_filter (overview);
  g_test_message ("\"%s\": %u shown, change %d", text, count_shown (overview), *change);
}

static void
test_search (void)
{
  static const struct
  {
    const char      *text;
    guint            shown;
    GtkFilterChange  change;
  } typing[] = {
    /* Names, casefolded: every name but "Anna Exempel" has a "t". */
    { "t", 5, GTK_FILTER_CHANGE_MORE_STRICT },
    /* "Testsson" and "Östen". */
    { "te", 2, GTK_FILTER_CHANGE_MORE_STRICT },
    { "tes", 1, GTK_FILTER_CHANGE_MORE_STRICT },
    /* Backspace: less strict, only the hidden rows are looked at again. */
    { "te", 2, GTK_FILTER_CHANGE_LESS_STRICT },
    { "", 6, GTK_FILTER_CHANGE_LESS_STRICT },
    /* "Åsa", typed in capitals; not "Låtsas". */
    { "ÅS", 1, GTK_FILTER_CHANGE_MORE_STRICT },
    { "", 6, GTK_FILTER_CHANGE_LESS_STRICT },
    /* Digits search identity numbers, with or without the dash. */
    { "1945", 6, GTK_FILTER_CHANGE_MORE_STRICT },
    { "19450202-", 1, GTK_FILTER_CHANGE_MORE_STRICT },
    /* A letter makes it a name again: a different search. */
    { "19450202-x", 0, GTK_FILTER_CHANGE_DIFFERENT },
    { "", 6, GTK_FILTER_CHANGE_LESS_STRICT },
  };
  Overview overview;
  GtkEditable *entry;
  GtkFilterChange change = -1;

  open_overview (&overview, store_from_rows (ward_rows, G_N_ELEMENTS (ward_rows)), 1400, 600);
  wait_for_filter (&overview);
  entry = find_search_entry (&overview);
  g_signal_connect (sp_overview_model_get_filter (overview.shown), "changed",
                    G_CALLBACK (filter_changed_cb), &change);

  for (guint i = 0; i < G_N_ELEMENTS (typing); i++)
    {
      type_text (&overview, entry, typing[i].text, &change);
      g_assert_cmpuint (count_shown (&overview), ==, typing[i].shown);
      g_assert_cmpint (change, ==, typing[i].change);
    }

  close_overview (&overview);
}

static void
activate_episode_cb (SpOverviewPage *page,
                     const char     *id,
                     char          **out_id)
{
  g_free (*out_id);
  *out_id = g_strdup (id);
}

/* Enter and double-click activate the row: the list's "list.activate-item" action. */
static void
test_activate (void)
{
  Overview overview;
  g_autofree char *id = NULL;
  GtkWidget *list_view;

  open_overview (&overview, store_from_rows (ward_rows, G_N_ELEMENTS (ward_rows)), 1400, 600);
  wait_for_filter (&overview);
  g_signal_connect (overview.page, "activate-episode", G_CALLBACK (activate_episode_cb), &id);

  list_view = find_descendant (GTK_WIDGET (overview.column_view), GTK_TYPE_LIST_VIEW, FALSE);
  g_assert_nonnull (list_view);
  g_assert_true (gtk_widget_activate_action (list_view, "list.activate-item", "u", 2));
  g_assert_cmpstr (id, ==, sp_episode_summary_get_id (get_shown (&overview, 2)));

  close_overview (&overview);
}

static Row *
make_many_rows (guint n)
{
  static const char * const given[] = {
    "Greta", "Åke", "Zlatan", "Östen", "Ärla", "Märta", "Sven", "Ingrid", "Björn", "Linnea",
  };
  static const char * const family[] = {
    "Testsson", "Provsson", "Exempel", "Påhittad", "Låtsas", "Fiktiv",
  };
  static const char * const states[] = { "planning", "planning", "ready", "discharged" };
  static const char * const tracks[] = { NULL, "gra", "bla", "gron", "gul", "rod" };
  static const char * const clocks[] = {
    "admission_notice_acknowledged", "care_contact_named", "ready_acknowledged",
    "sip_invitation_sent", NULL,
  };
  static const char * const wards[] = { "Avd 12", "Avd 14", "Geriatrik 3" };
  Row *rows = g_new0 (Row, n);

  for (guint i = 0; i < n; i++)
    rows[i] = (Row) {
      given[i % G_N_ELEMENTS (given)], family[(i / 3) % G_N_ELEMENTS (family)],
      wards[i % G_N_ELEMENTS (wards)], states[i % G_N_ELEMENTS (states)],
      tracks[i % G_N_ELEMENTS (tracks)], clocks[i % G_N_ELEMENTS (clocks)],
      i % 7 == 0 && clocks[i % G_N_ELEMENTS (clocks)] != NULL, (int) (i % 4 == 1 ? i % 5 : 0),
    };

  return rows;
}

/* The app replaces a changed episode's row by id: the same episode stays selected, and the
 * view stays where the user scrolled to. */
static void
test_update_keeps_selection (void)
{
  g_autofree Row *rows = make_many_rows (60);
  Overview overview;
  GtkAdjustment *vadjustment;
  SpEpisodeSummary *selected;
  g_autoptr(SpEpisodeSummary) newer = NULL;
  g_autofree char *selected_id = NULL;
  Row changed;
  guint store_position;
  double scrolled;

  open_overview (&overview, store_from_rows (rows, 60), 1400, 500);
  wait_for_filter (&overview);
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (overview.column_view));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment) / 3);
  wait_for_frame (GTK_WIDGET (overview.page));
  scrolled = gtk_adjustment_get_value (vadjustment);
  g_assert_cmpfloat (scrolled, >, 0);

  gtk_single_selection_set_selected (overview.selection, 20);
  selected = sp_overview_row_get_summary (gtk_single_selection_get_selected_item (
    overview.selection));
  selected_id = g_strdup (sp_episode_summary_get_id (selected));
  g_assert_true (g_list_store_find (overview.store, selected, &store_position));

  /* A newer copy with another unread count (a column the list is not sorted by). */
  changed = rows[store_position];
  changed.unread = 9;
  newer = summary_from_row (&changed, store_position);
  g_assert_cmpstr (sp_episode_summary_get_id (newer), ==, selected_id);
  g_list_store_splice (overview.store, store_position, 1, (gpointer *) &newer, 1);
  wait_for_filter (&overview);

  g_assert_true (sp_overview_row_get_summary (gtk_single_selection_get_selected_item (
    overview.selection)) == newer);
  g_assert_cmpuint (gtk_single_selection_get_selected (overview.selection), ==, 20);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, scrolled);

  close_overview (&overview);
}

/* The rows show other episodes as the user types: the selection goes with the episode, and
 * comes back to it when a search that hid it is cleared. */
static void
test_search_keeps_selection (void)
{
  g_autofree Row *rows = make_many_rows (60);
  Overview overview;
  SpOverviewRow *row;
  g_autofree char *selected_id = NULL;
  g_autofree char *name = NULL;

  open_overview (&overview, store_from_rows (rows, 60), 1400, 500);
  wait_for_filter (&overview);
  gtk_single_selection_set_selected (overview.selection, 20);
  row = gtk_single_selection_get_selected_item (overview.selection);
  selected_id = g_strdup (sp_episode_summary_get_id (sp_overview_row_get_summary (row)));
  name = g_strdup (sp_episode_summary_get_patient_name (sp_overview_row_get_summary (row)));

  gtk_editable_set_text (find_search_entry (&overview), name);
  wait_for_filter (&overview);
  g_assert_cmpuint (count_shown (&overview), <, 20);
  row = gtk_single_selection_get_selected_item (overview.selection);
  g_assert_nonnull (row);
  g_assert_cmpstr (sp_episode_summary_get_id (sp_overview_row_get_summary (row)), ==,
                   selected_id);

  gtk_editable_set_text (find_search_entry (&overview), "xyzzy");
  wait_for_filter (&overview);
  g_assert_cmpuint (gtk_single_selection_get_selected (overview.selection), ==,
                    GTK_INVALID_LIST_POSITION);

  gtk_editable_set_text (find_search_entry (&overview), "");
  wait_for_filter (&overview);
  g_assert_cmpuint (gtk_single_selection_get_selected (overview.selection), ==, 20);

  close_overview (&overview);
}

/* Model: the rows stay and show what changed; only a change in their number is an
 * items-changed, at the end; "rows-changed" follows every change. */

typedef struct
{
  guint n_signals;
  guint position;
  guint removed;
  guint added;
  guint n_rows_changed;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->n_signals++;
  change->position = position;
  change->removed = removed;
  change->added = added;
}

static void
rows_changed_cb (SpOverviewModel *model,
                 Change          *change)
{
  change->n_rows_changed++;
}

static int
compare_unread_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  guint unread_a = sp_episode_summary_get_unacknowledged ((SpEpisodeSummary *) a);
  guint unread_b = sp_episode_summary_get_unacknowledged ((SpEpisodeSummary *) b);

  return (unread_a > unread_b) - (unread_a < unread_b);
}

static gboolean
is_even_cb (gpointer item,
            gpointer user_data)
{
  return sp_episode_summary_get_unacknowledged (item) % 2 == 0;
}

/* @n_signals: 0 (the number of rows stayed) or 1, with the span. */
static void
assert_change (Change *change,
               guint   n_signals,
               guint   position,
               guint   removed,
               guint   added)
{
  g_assert_cmpuint (change->n_rows_changed, ==, 1);
  g_assert_cmpuint (change->n_signals, ==, n_signals);
  if (n_signals > 0)
    {
      g_assert_cmpuint (change->position, ==, position);
      g_assert_cmpuint (change->removed, ==, removed);
      g_assert_cmpuint (change->added, ==, added);
    }
  *change = (Change) { 0 };
}

/* "3,2,…": the unread counts the rows show. */
static char *
shown_unread (SpOverviewModel *model)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(SpOverviewRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_string_append_printf (out, "%s%u", i > 0 ? "," : "",
                              sp_episode_summary_get_unacknowledged (
                                sp_overview_row_get_summary (row)));
    }

  return g_string_free (out, FALSE);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *n_notified)
{
  (*n_notified)++;
}

static void
test_model (void)
{
  g_autofree Row *rows = make_many_rows (10);
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (compare_unread_cb, NULL, NULL);
  g_autoptr(GtkCustomFilter) filter = gtk_custom_filter_new (NULL, NULL, NULL);
  g_autoptr(SpOverviewModel) model = sp_overview_model_new (GTK_SORTER (sorter),
                                                            GTK_FILTER (filter));
  g_autoptr(SpEpisodeSummary) newer = NULL;
  g_autoptr(SpOverviewRow) first = NULL;
  g_autoptr(SpOverviewRow) second = NULL;
  g_autofree char *unread = NULL;
  Change change = { 0 };
  guint n_notified = 0;

  /* Unread 0…9 in reverse: the sorter turns the list round. */
  for (guint i = 0; i < 10; i++)
    rows[i].unread = 9 - i;
  store = store_from_rows (rows, 10);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &change);
  g_signal_connect (model, "rows-changed", G_CALLBACK (rows_changed_cb), &change);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == SP_TYPE_OVERVIEW_ROW);

  sp_overview_model_set_model (model, G_LIST_MODEL (store));
  assert_change (&change, 1, 0, 0, 10);
  unread = shown_unread (model);
  g_assert_cmpstr (unread, ==, "0,1,2,3,4,5,6,7,8,9");
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  second = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_signal_connect (second, "notify::summary", G_CALLBACK (notify_cb), &n_notified);

  /* Only even counts: the first five rows show them, the last five go. */
  gtk_custom_filter_set_filter_func (filter, is_even_cb, NULL, NULL);
  assert_change (&change, 1, 5, 5, 0);
  g_free (unread);
  unread = shown_unread (model);
  g_assert_cmpstr (unread, ==, "0,2,4,6,8");
  g_assert_cmpuint (sp_overview_model_get_n_total (model), ==, 10);
  /* The same row objects, the second told that it shows another episode. */
  g_assert_true (g_list_model_get_item (G_LIST_MODEL (model), 0) == (gpointer) first);
  g_object_unref (first);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_cmpuint (sp_overview_model_find (model, sp_episode_summary_get_id (
    sp_overview_row_get_summary (second))), ==, 1);
  g_assert_cmpuint (sp_overview_model_find (model, "e-none"), ==, GTK_INVALID_LIST_POSITION);

  /* A newer copy (unread 8 → 6): as many rows as before, no items-changed. */
  rows[1].unread = 6;
  newer = summary_from_row (&rows[1], 1);
  g_list_store_splice (store, 1, 1, (gpointer *) &newer, 1);
  assert_change (&change, 0, 0, 0, 0);
  g_free (unread);
  unread = shown_unread (model);
  g_assert_cmpstr (unread, ==, "0,2,4,6,6");

  /* Unsorted: the store's order. */
  gtk_custom_sorter_set_sort_func (sorter, NULL, NULL, NULL);
  assert_change (&change, 0, 0, 0, 0);
  g_free (unread);
  unread = shown_unread (model);
  g_assert_cmpstr (unread, ==, "6,6,4,2,0");

  sp_overview_model_set_model (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (change.n_signals, ==, 1);
}

/* Whether the rows the model shows are @expected's, in order. */
static gboolean
shows_in_order (SpOverviewModel *model,
                GPtrArray       *expected)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (model)) != expected->len)
    return FALSE;

  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(SpOverviewRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (sp_overview_row_get_summary (row) != g_ptr_array_index (expected, i))
        return FALSE;
    }

  return TRUE;
}

static int
compare_unread_reversed_cb (gconstpointer a,
                            gconstpointer b,
                            gpointer      user_data)
{
  return compare_unread_cb (b, a, NULL);
}

static int
compare_unread_pointers_cb (gconstpointer a,
                            gconstpointer b,
                            gpointer      user_data)
{
  return user_data != NULL ? compare_unread_reversed_cb (*(gpointer *) a, *(gpointer *) b, NULL)
                           : compare_unread_cb (*(gpointer *) a, *(gpointer *) b, NULL);
}

/* The rows of @store sorted by unread count (@reversed: most first), as a stable sort puts
 * them: ties in the store's order. */
static GPtrArray *
sorted_by_unread (GListStore *store,
                  gboolean    reversed)
{
  GPtrArray *sorted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (G_LIST_MODEL (store), i));
  g_ptr_array_sort_with_data (sorted, compare_unread_pointers_cb,
                              reversed ? GINT_TO_POINTER (1) : NULL);

  return sorted;
}

/* Counts what the sorter is asked. */
static int
compare_unread_counted_cb (gconstpointer a,
                           gconstpointer b,
                           gpointer      user_data)
{
  (*(guint *) user_data)++;
  return compare_unread_cb (a, b, NULL);
}

static gint64
get_unread_key (gpointer item)
{
  return sp_episode_summary_get_unacknowledged (item);
}

/* A sort key that orders as the sorter does: the same order, ties in the store's, without
 * asking the sorter; until the sorter changes. */
static void
test_model_sort_key (void)
{
  const guint n = 300;
  g_autofree Row *rows = make_many_rows (n + 1);
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GListStore) more = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GtkCustomSorter) sorter = NULL;
  g_autoptr(GtkCustomFilter) filter = gtk_custom_filter_new (NULL, NULL, NULL);
  g_autoptr(SpOverviewModel) model = NULL;
  g_autoptr(SpEpisodeSummary) added = NULL;
  guint n_compared = 0;

  /* Unread counts 0 to 9 in no order, 30 rows each: ties keep the store's order. */
  for (guint i = 0; i <= n; i++)
    rows[i].unread = (int) ((i * 7u) % 10u);
  store = store_from_rows (rows, n);
  sorter = gtk_custom_sorter_new (compare_unread_counted_cb, &n_compared, NULL);
  model = sp_overview_model_new (GTK_SORTER (sorter), GTK_FILTER (filter));
  sp_overview_model_set_model (model, G_LIST_MODEL (store));
  expected = sorted_by_unread (store, FALSE);
  g_assert_true (shows_in_order (model, expected));
  g_assert_cmpuint (n_compared, >, 0);

  /* One more row: sorted again by the key alone, in the same order. */
  sp_overview_model_set_sort_key (model, get_unread_key);
  n_compared = 0;
  more = store_from_rows (rows, n + 1);
  added = g_list_model_get_item (G_LIST_MODEL (more), n);
  g_list_store_append (store, added);
  g_ptr_array_unref (expected);
  expected = sorted_by_unread (store, FALSE);
  g_assert_true (shows_in_order (model, expected));
  g_assert_cmpuint (n_compared, ==, 0);

  /* Another order: the key is dropped, the sorter says. */
  gtk_custom_sorter_set_sort_func (sorter, compare_unread_reversed_cb, NULL, NULL);
  g_ptr_array_unref (expected);
  expected = sorted_by_unread (store, TRUE);
  g_assert_true (shows_in_order (model, expected));
}

static void
test_empty_state (void)
{
  Overview overview;
  AdwStatusPage *status;
  GtkStack *stack;

  open_overview (&overview, g_list_store_new (SP_TYPE_EPISODE_SUMMARY), 1000, 600);
  status = ADW_STATUS_PAGE (find_descendant (GTK_WIDGET (overview.page), ADW_TYPE_STATUS_PAGE,
                                             FALSE));
  /* The stack that holds the list and the status page (dropdowns hold stacks too). */
  stack = GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (status)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (status), ==,
                   g_dgettext (GETTEXT_PACKAGE, "No Episodes"));

  /* Rows arrive: the list. */
  for (guint i = 0; i < G_N_ELEMENTS (ward_rows); i++)
    {
      g_autoptr(SpEpisodeSummary) summary = summary_from_row (&ward_rows[i], i);

      g_list_store_append (overview.store, summary);
    }
  wait_for_filter (&overview);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  /* A search that hides everything, and the way back. */
  gtk_editable_set_text (find_search_entry (&overview), "xyzzy");
  wait_for_filter (&overview);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (status), ==,
                   g_dgettext (GETTEXT_PACKAGE, "No Matching Episodes"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (overview.page),
                                             "overview.clear-filters", NULL));
  wait_for_filter (&overview);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_cmpuint (count_shown (&overview), ==, G_N_ELEMENTS (ward_rows));

  close_overview (&overview);
}

static GtkWidget *
focused_ancestor (GtkWindow *window,
                  GType      type)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL ? gtk_widget_get_ancestor (focus, type) : NULL;
}

/* Ctrl+F goes to the search; Tab goes on through every filter. */
static void
test_keyboard (void)
{
  Overview overview;
  GtkWidget *entry;

  open_overview (&overview, store_from_rows (ward_rows, G_N_ELEMENTS (ward_rows)), 1400, 600);
  wait_for_filter (&overview);
  entry = GTK_WIDGET (find_search_entry (&overview));
  gtk_widget_grab_focus (GTK_WIDGET (overview.column_view));
  g_assert_null (focused_ancestor (overview.window, GTK_TYPE_SEARCH_ENTRY));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (overview.column_view),
                                             "overview.focus-search", NULL));
  g_assert_true (focused_ancestor (overview.window, GTK_TYPE_SEARCH_ENTRY) == entry);

  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (overview.window), GTK_DIR_TAB_FORWARD));
  g_assert_true (focused_ancestor (overview.window, GTK_TYPE_DROP_DOWN) ==
                 GTK_WIDGET (find_dropdown (&overview, "Ward")));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (overview.window), GTK_DIR_TAB_FORWARD));
  g_assert_true (focused_ancestor (overview.window, GTK_TYPE_DROP_DOWN) ==
                 GTK_WIDGET (find_dropdown (&overview, "Track")));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (overview.window), GTK_DIR_TAB_FORWARD));
  g_assert_true (focused_ancestor (overview.window, GTK_TYPE_DROP_DOWN) ==
                 GTK_WIDGET (find_dropdown (&overview, "Status")));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (overview.window), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (overview.window)) ==
                 GTK_WIDGET (find_overdue_button (&overview)));

  close_overview (&overview);
}

static void
test_track_chip (void)
{
  static const char * const accessible[] = {
    "Track: grey", "Track: blue", "Track: green", "Track: yellow", "Track: red",
  };
  GtkWidget *chip = g_object_ref_sink (sp_track_chip_new (SP_TRACK_GUL));

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_ROLE_IMG);

  for (SpTrack track = SP_TRACK_GRA; track <= SP_TRACK_ROD; track++)
    {
      g_autofree char *class = g_strdup_printf ("sp-track-%s",
                                                track == SP_TRACK_GRA ? "gra"
                                                : track == SP_TRACK_BLA ? "bla"
                                                : track == SP_TRACK_GRON ? "gron"
                                                : track == SP_TRACK_GUL ? "gul" : "rod");
      GtkWidget *label;

      sp_track_chip_set_track (SP_TRACK_CHIP (chip), track);
      g_assert_cmpint (sp_track_chip_get_track (SP_TRACK_CHIP (chip)), ==, track);
      /* The colour's name is written out, after its shape. */
      label = gtk_widget_get_first_child (chip);
      g_assert_true (g_str_has_suffix (gtk_label_get_label (GTK_LABEL (label)),
                                       sp_track_chip_get_name (track)));
      g_assert_cmpuint (g_utf8_strlen (gtk_label_get_label (GTK_LABEL (label)), -1), ==,
                        g_utf8_strlen (sp_track_chip_get_name (track), -1) + 2);
      g_assert_true (gtk_widget_has_css_class (chip, class));
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           g_dgettext (GETTEXT_PACKAGE, accessible[track]));
    }

  g_object_unref (chip);
}

/* Swedish users see Swedish: the words of sv.po, not just "some translation". */
static void
test_swedish (void)
{
  static const char * const accessible[] = {
    "Spår: grått", "Spår: blått", "Spår: grönt", "Spår: gult", "Spår: rött",
  };
  Row row = { "Greta", "Testsson", NULL, "ready", "gul", NULL, FALSE, 0 };
  g_autofree char *ready = NULL;
  g_autofree char *json = NULL;
  g_autoptr(SpEpisodeSummary) summary = NULL;
  GtkWidget *chip;

  if (!swedish)
    {
      g_test_skip ("needs LC_ALL=sv_SE.UTF-8 (the locale is missing) and LANGUAGE=sv");
      return;
    }

  ready = stockholm_days_ago (2, 9);
  json = row_to_json (&row, 1, ready);
  summary = summary_from_text (json);
  g_assert_cmpstr (sp_episode_summary_get_state_text (summary), ==, "Utskrivningsklar dag 2");

  chip = g_object_ref_sink (sp_track_chip_new (SP_TRACK_GRA));
  for (SpTrack track = SP_TRACK_GRA; track <= SP_TRACK_ROD; track++)
    {
      sp_track_chip_set_track (SP_TRACK_CHIP (chip), track);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           accessible[track]);
    }
  g_object_unref (chip);
}

/* The window as its next frame draws it, saved as the PNG @name (save_screenshot () would
 * also wait for transitions). */
static void
save_overview_screenshot (GtkWidget  *widget,
                          const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  wait_for_frame (widget);
  write_screenshot (renderer, paintable, width, height, name);
}

/* Thirty varied rows, for a person to look at. */
static void
test_screenshot (void)
{
  g_autofree Row *rows = make_many_rows (30);
  Overview overview;
  GtkAdjustment *hadjustment;
  int minimum;

  /* The content beside the sidebar of a 1280×720 window: every column shows, no scrolling. */
  open_overview (&overview, store_from_rows (rows, 30), 1040, 660);
  wait_for_filter (&overview);
  g_assert_true (has_mapped_chip (GTK_WIDGET (overview.page), SP_TRACK_ROD));
  g_assert_true (has_mapped_label (GTK_WIDGET (overview.page), "Märta Provsson"));
  hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (overview.column_view));
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=,
                     gtk_adjustment_get_page_size (hadjustment));
  save_overview_screenshot (GTK_WIDGET (overview.window), "samplan-overview.png");

  /* Narrow: the filters wrap instead of widening the page. */
  gtk_widget_measure (GTK_WIDGET (overview.page), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 600);
  gtk_window_set_default_size (overview.window, 600, 660);
  wait_for_filter (&overview);
  save_overview_screenshot (GTK_WIDGET (overview.window), "samplan-overview-narrow.png");

  close_overview (&overview);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  swedish = app_test_init_gtk (&argc, &argv);
  /* The application loads style.css: the chips' colours. */
  app_test_start_application ();

  g_test_add_func ("/app/overview/summary/json", test_summary_json);
  g_test_add_func ("/app/overview/summary/restricted", test_summary_restricted);
  g_test_add_func ("/app/overview/summary/bytes", test_summary_bytes);
  g_test_add_func ("/app/overview/summary/strict", test_summary_strict);
  g_test_add_func ("/app/overview/summary/state-text", test_summary_state_text);
  g_test_add_func ("/app/overview/summary/update-from", test_summary_update_from);
  g_test_add_func ("/app/overview/summary/update-texts", test_summary_update_texts);
  g_test_add_func ("/app/overview/lists-rows", test_lists_rows);
  g_test_add_func ("/app/overview/sort-swedish", test_sort_swedish);
  g_test_add_func ("/app/overview/filters", test_filters);
  g_test_add_func ("/app/overview/search", test_search);
  g_test_add_func ("/app/overview/activate", test_activate);
  g_test_add_func ("/app/overview/update-keeps-selection", test_update_keeps_selection);
  g_test_add_func ("/app/overview/search-keeps-selection", test_search_keeps_selection);
  g_test_add_func ("/app/overview/model", test_model);
  g_test_add_func ("/app/overview/model-sort-key", test_model_sort_key);
  g_test_add_func ("/app/overview/empty-state", test_empty_state);
  g_test_add_func ("/app/overview/keyboard", test_keyboard);
  g_test_add_func ("/app/overview/track-chip", test_track_chip);
  g_test_add_func ("/app/overview/swedish", test_swedish);
  g_test_add_func ("/app/overview/screenshot", test_screenshot);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
