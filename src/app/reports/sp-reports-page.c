/* sp-reports-page.c — Uppföljning: lead times, liability and deadlines per municipality and month
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asks GET /api/v1/reports/months for the chosen municipality, months and regional model and
 * shows the answer three ways: a chart, a table of every figure, and, for the month the user
 * activates, the episodes behind it (only those the user's unit may open: the server lists
 * no others).
 */

#define G_LOG_DOMAIN "sp-reports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-client.h"
#include "sp-report-chart.h"
#include "sp-report-format.h"
#include "sp-reports-page.h"
#include "sp-ui-util.h"

/* The table's columns, in order. */
enum
{
  COLUMN_MUNICIPALITY,
  COLUMN_MONTH,
  COLUMN_DISCHARGED,
  COLUMN_AVERAGE,
  COLUMN_OVER_7,
  COLUMN_NOTICES,
  COLUMN_ACKS,
  COLUMN_CONTACTS,
  COLUMN_SIPS,
  COLUMN_LIABILITY_DAYS,
  COLUMN_LIABILITY_SEK,
  N_COLUMNS,
};

/* The model row's items after "the server's region", by profile id. */
static const char *const profile_ids[] = { NULL, "vgr", "stockholm", "vasterbotten" };

struct _SpReportsPage
{
  AdwBin        parent_instance;

  SpAccount    *account;
  GCancellable *cancellable;
  JsonNode     *report;

  AdwToastOverlay *toast_overlay;
  AdwEntryRow     *municipality_row;
  AdwComboRow     *model_row;
  AdwEntryRow     *from_row;
  AdwEntryRow     *to_row;
  AdwEntryRow     *rate_row;
  GtkLabel        *status_label;
  GtkWidget       *chart_heading;
  SpReportChart   *chart;
  GtkListBox      *months_list;
  AdwPreferencesGroup *episodes_group;
  GtkListBox      *episodes_list;
};

G_DEFINE_FINAL_TYPE (SpReportsPage, sp_reports_page, ADW_TYPE_BIN)

/* ---- the table ---- */

/* Each column's width in pixels, the same in the header and every month, so they line up
 * without sharing a layout; the texts wrap (header) or ellipsize (figures) inside it. */
static const int column_widths[N_COLUMNS] = { 104, 64, 72, 64, 64, 72, 72, 64, 64, 64, 88 };

static GtkWidget *
make_table_row (const char * const *cells,
                gboolean            header)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkWidget *label = gtk_label_new (cells[c]);

      gtk_label_set_xalign (GTK_LABEL (label), c <= COLUMN_MONTH ? 0 : 1);
      gtk_widget_set_size_request (label, column_widths[c], -1);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
      if (header)
        {
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_justify (GTK_LABEL (label),
                                 c <= COLUMN_MONTH ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_RIGHT);
        }
      else
        {
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
        }
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
add_header (SpReportsPage *self)
{
  /* Short: eleven columns share the page's width. */
  const char *cells[N_COLUMNS] = {
    C_("report column", "Municipality"), C_("report column", "Month"),
    C_("report column", "Discharged"), C_("report column", "Average days"),
    C_("report column", "Over 7 days"), C_("report column", "Notices in time"),
    C_("report column", "Acknowledged in time"), C_("report column", "Care contact in time"),
    C_("report column", "SIP in time"), C_("report column", "Liability, days"),
    C_("report column", "Liability, kronor"),
  };
  GtkWidget *row = make_table_row (cells, TRUE);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "header");
  gtk_list_box_append (self->months_list, row);
}

static void
add_month (SpReportsPage *self,
           JsonObject    *month,
           guint          index)
{
  g_autofree char *discharged = g_strdup_printf ("%d", (int) json_object_get_int_member (month,
                                                                                 "discharged"));
  g_autofree char *average = sp_report_format_days (json_object_get_double_member (month,
                                                                                   "average_days"));
  g_autofree char *over = g_strdup_printf ("%d", (int) json_object_get_int_member (month,
                                                                           "over_7_days"));
  g_autofree char *notices = sp_report_format_share (
    json_object_get_object_member (month, "admission_notices"));
  g_autofree char *acks = sp_report_format_share (
    json_object_get_object_member (month, "acknowledgements"));
  g_autofree char *contacts = sp_report_format_share (
    json_object_get_object_member (month, "care_contacts"));
  g_autofree char *sips = sp_report_format_share (
    json_object_get_object_member (month, "sip_invitations"));
  g_autofree char *days = sp_report_format_days (json_object_get_double_member (month,
                                                                                "liability_days"));
  g_autofree char *kronor = sp_report_format_kronor (json_object_get_int_member (month,
                                                                                 "liability_sek"));
  const char *cells[N_COLUMNS] = {
    json_object_get_string_member (month, "municipality"),
    json_object_get_string_member (month, "month"),
    discharged, average, over, notices, acks, contacts, sips, days, kronor,
  };
  GtkWidget *row = make_table_row (cells, FALSE);
  g_autofree char *label = g_strdup_printf (_("%s, %s: show the episodes"), cells[0], cells[1]);

  g_object_set_data (G_OBJECT (row), "month-index", GUINT_TO_POINTER (index));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_list_box_append (self->months_list, row);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* ---- the episodes behind a month ---- */

static const char *
describe_episode (JsonObject *episode)
{
  const char *excluded = json_object_get_string_member_with_default (episode, "excluded", NULL);

  if (g_strcmp0 (excluded, "admission_notice_late") == 0)
    return _("Not counted: the admission notice was sent late");
  if (g_strcmp0 (excluded, "sip_not_invited") == 0)
    return _("Not counted: the SIP was needed but nobody was invited");
  if (g_strcmp0 (excluded, "sip_invited_late") == 0)
    return _("Not counted: the SIP invitation came more than 3 days after the ready notice");
  if (g_strcmp0 (excluded, "care_contact_not_named") == 0)
    return _("Not counted: no care contact was named");
  if (g_strcmp0 (excluded, "interventions_refused") == 0)
    return _("Not counted: the patient refused the interventions");
  if (json_object_get_boolean_member (episode, "individual"))
    return _("Charged on its own: more than 7 days after ready");
  if (json_object_get_boolean_member (episode, "charged"))
    return _("Counted and charged");

  return _("Counted");
}

static void
show_episodes (SpReportsPage *self,
               JsonObject    *month)
{
  JsonArray *episodes = json_object_get_array_member (month, "episodes");
  guint n = json_array_get_length (episodes);
  g_autofree char *title = g_strdup_printf (_("Episodes behind %s, %s"),
                                            json_object_get_string_member (month, "municipality"),
                                            json_object_get_string_member (month, "month"));

  clear_list (self->episodes_list);
  adw_preferences_group_set_title (self->episodes_group, title);
  adw_preferences_group_set_description (
    self->episodes_group,
    n < (guint) json_object_get_int_member (month, "discharged")
      ? _("Only the episodes your unit may open are listed; the figures count every one.")
      : NULL);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *episode = json_array_get_object_element (episodes, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *days = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%d day after ready", "%d days after ready",
                     json_object_get_int_member (episode, "days")),
        (int) json_object_get_int_member (episode, "days"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), days);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), describe_episode (episode));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "episode-id",
                              g_strdup (json_object_get_string_member (episode, "id")), g_free);
      gtk_list_box_append (self->episodes_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->episodes_group), TRUE);
}

static JsonArray *
get_months (SpReportsPage *self)
{
  return json_object_get_array_member (json_node_get_object (self->report), "months");
}

static void
month_activated_cb (SpReportsPage *self,
                    GtkListBoxRow *row)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "month-index"));

  if (self->report != NULL && index < json_array_get_length (get_months (self)))
    show_episodes (self, json_array_get_object_element (get_months (self), index));
}

static void
episode_activated_cb (SpReportsPage *self,
                      GtkListBoxRow *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "episode-id");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-episode", "s", id);
}

/* ---- asking the server ---- */

static void
show_report (SpReportsPage *self)
{
  JsonObject *report = json_node_get_object (self->report);
  JsonArray *months = get_months (self);
  guint n = json_array_get_length (months);
  gboolean any = n > 0;

  sp_report_chart_set_months (self->chart, months,
                              json_object_get_double_member (report, "threshold_days"));
  clear_list (self->months_list);
  clear_list (self->episodes_list);
  gtk_widget_set_visible (GTK_WIDGET (self->episodes_group), FALSE);
  if (any)
    add_header (self);
  for (guint i = 0; i < n; i++)
    add_month (self, json_array_get_object_element (months, i), i);

  gtk_widget_set_visible (self->chart_heading, any);
  gtk_widget_set_visible (GTK_WIDGET (self->chart), any);
  gtk_widget_set_visible (GTK_WIDGET (self->months_list), any);
  gtk_label_set_label (self->status_label,
                       any ? _("Activate a month to see the episodes behind it.")
                           : _("No discharged episodes in the selection."));
}

static void
report_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SpReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_client_send_finish (SP_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.show", TRUE);
  if (node == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  g_clear_pointer (&self->report, json_node_unref);
  self->report = g_steal_pointer (&node);
  show_report (self);
}

static void
put_text (GHashTable  *query,
          const char  *name,
          AdwEntryRow *row)
{
  g_autofree char *text = sp_ui_dup_text (GTK_EDITABLE (row));

  if (text != NULL)
    g_hash_table_insert (query, (gpointer) name, g_steal_pointer (&text));
}

static void
show_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SpReportsPage *self = SP_REPORTS_PAGE (widget);
  g_autoptr(GHashTable) query = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint model = adw_combo_row_get_selected (self->model_row);

  put_text (query, "rate", self->rate_row);
  if (!g_hash_table_contains (query, "rate"))
    {
      gtk_label_set_label (self->status_label,
                           _("Enter the daily rate: the liability is counted in kronor."));
      gtk_widget_grab_focus (GTK_WIDGET (self->rate_row));
      return;
    }
  put_text (query, "municipality", self->municipality_row);
  put_text (query, "from", self->from_row);
  put_text (query, "to", self->to_row);
  if (model < G_N_ELEMENTS (profile_ids) && profile_ids[model] != NULL)
    g_hash_table_insert (query, "profile", g_strdup (profile_ids[model]));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (widget, "reports.show", FALSE);
  sp_client_send_async (sp_account_get_client (self->account), "GET", "/api/v1/reports/months",
                        query, NULL, NULL, self->cancellable, report_cb, g_object_ref (self));
}

static void
entry_activated_cb (SpReportsPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "reports.show", NULL);
}

/* ---- the class ---- */

static void
load_css (void)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider,
                                           "/se/samplan/Samplan/ui/reports/sp-reports-page.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&loaded, 1);
    }
}

static void
sp_reports_page_dispose (GObject *object)
{
  SpReportsPage *self = SP_REPORTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->account);
  g_clear_pointer (&self->report, json_node_unref);

  G_OBJECT_CLASS (sp_reports_page_parent_class)->dispose (object);
}

static void
sp_reports_page_class_init (SpReportsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sp_reports_page_dispose;

  g_type_ensure (SP_TYPE_REPORT_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/samplan/Samplan/ui/reports/sp-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SpReportsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SpReportsPage, municipality_row);
  gtk_widget_class_bind_template_child (widget_class, SpReportsPage, model_row);
  gtk_widget_class_bind_template_child (widget_class, SpReportsPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, SpReportsPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, SpReportsPage, rate_row);
  gtk_widget_class_bind_template_child (widget_class, SpReportsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, SpReportsPage, chart_heading);
  gtk_widget_class_bind_template_child (widget_class, SpReportsPage, chart);
  gtk_widget_class_bind_template_child (widget_class, SpReportsPage, months_list);
  gtk_widget_class_bind_template_child (widget_class, SpReportsPage, episodes_group);
  gtk_widget_class_bind_template_child (widget_class, SpReportsPage, episodes_list);
  gtk_widget_class_bind_template_callback (widget_class, month_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, episode_activated_cb);
  gtk_widget_class_install_action (widget_class, "reports.show", NULL, show_action);
}

static void
sp_reports_page_init (SpReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load_css ();

  /* Enter in any field shows the report. */
  g_signal_connect_swapped (self->municipality_row, "entry-activated",
                            G_CALLBACK (entry_activated_cb), self);
  g_signal_connect_swapped (self->from_row, "entry-activated", G_CALLBACK (entry_activated_cb),
                            self);
  g_signal_connect_swapped (self->to_row, "entry-activated", G_CALLBACK (entry_activated_cb),
                            self);
  g_signal_connect_swapped (self->rate_row, "entry-activated", G_CALLBACK (entry_activated_cb),
                            self);
}

/**
 * sp_reports_page_new:
 * @account: the session
 *
 * Returns: (transfer floating): a new #SpReportsPage
 */
GtkWidget *
sp_reports_page_new (SpAccount *account)
{
  SpReportsPage *self;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);

  self = g_object_new (SP_TYPE_REPORTS_PAGE, NULL);
  self->account = g_object_ref (account);

  return GTK_WIDGET (self);
}
