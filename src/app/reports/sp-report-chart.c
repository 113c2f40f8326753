/* sp-report-chart.c — bars of the monthly average days after ready, the threshold, the liability
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One bar per month of the report (GET /reports/months): its height the average the payment
 * model compares, filled in the accent colour, or the error colour above the threshold; a
 * dashed line at the threshold; the month's liability in kronor above the bar and the month
 * below it. The same figures are in the accessible description, for screen readers.
 */

#define G_LOG_DOMAIN "sp-report-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-report-chart.h"
#include "sp-report-format.h"

#define MARGIN_TOP    28.0
#define MARGIN_BOTTOM 24.0
#define MARGIN_SIDE   36.0
#define MIN_BAR_SLOT  56.0
#define MAX_BAR_WIDTH 72.0

typedef struct
{
  char   *label;    /* "2026-03", or "2026-03 Kommun" with several municipalities */
  double  average;
  gint64  liability_sek;
  gboolean over;
} Bar;

struct _SpReportChart
{
  GtkWidget  parent_instance;

  GArray    *bars;       /* Bar */
  double     threshold;
  char      *description;
};

G_DEFINE_FINAL_TYPE (SpReportChart, sp_report_chart, GTK_TYPE_WIDGET)

static void
bar_clear (Bar *bar)
{
  g_free (bar->label);
}

static void
get_color (GtkWidget  *widget,
           const char *name,
           GdkRGBA    *out,
           const char *fallback)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (context, name, out))
    gdk_rgba_parse (out, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static PangoLayout *
make_layout (GtkWidget  *widget,
             const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static void
draw_text (GtkSnapshot *snapshot,
           GtkWidget   *widget,
           const char  *text,
           double       center_x,
           double       top,
           GdkRGBA     *color)
{
  g_autoptr(PangoLayout) layout = make_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (center_x - width / 2.0, top));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static double
get_scale_max (SpReportChart *self)
{
  double max = self->threshold + 1;

  for (guint i = 0; i < self->bars->len; i++)
    max = MAX (max, g_array_index (self->bars, Bar, i).average);

  return max * 1.1;
}

static void
sp_report_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SpReportChart *self = SP_REPORT_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double plot_height = height - MARGIN_TOP - MARGIN_BOTTOM;
  double slot, max, line_y;
  GdkRGBA fg, accent, error_color;
  g_autofree char *threshold_text = NULL;
  cairo_t *cr;

  if (self->bars->len == 0 || plot_height <= 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  get_color (widget, "accent_bg_color", &accent, "#3584e4");
  get_color (widget, "error_bg_color", &error_color, "#c01c28");
  max = get_scale_max (self);
  slot = (width - 2 * MARGIN_SIDE) / self->bars->len;

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      double bar_height = plot_height * bar->average / max;
      double bar_width = MIN (slot * 0.6, MAX_BAR_WIDTH);
      double center = MARGIN_SIDE + slot * (i + 0.5);
      double top = MARGIN_TOP + plot_height - bar_height;
      g_autofree char *kronor = sp_report_format_kronor (bar->liability_sek);

      gtk_snapshot_append_color (snapshot, bar->over ? &error_color : &accent,
                                 &GRAPHENE_RECT_INIT (center - bar_width / 2, top, bar_width,
                                                      bar_height));
      draw_text (snapshot, widget, kronor, center, top - 18, &fg);
      draw_text (snapshot, widget, bar->label, center, MARGIN_TOP + plot_height + 4, &fg);
    }

  /* The threshold: a dashed line across, with its value at the left. */
  line_y = MARGIN_TOP + plot_height * (1 - self->threshold / max);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_cairo_set_source_rgba (cr, &fg);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
  cairo_move_to (cr, MARGIN_SIDE - 4, line_y);
  cairo_line_to (cr, width - MARGIN_SIDE + 4, line_y);
  cairo_stroke (cr);
  cairo_destroy (cr);

  threshold_text = g_strdup_printf ("%.1f", self->threshold);
  draw_text (snapshot, widget, threshold_text, MARGIN_SIDE / 2, line_y - 8, &fg);
}

static void
sp_report_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  SpReportChart *self = SP_REPORT_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 2 * MARGIN_SIDE + MIN_BAR_SLOT * MAX (self->bars->len, 1);
      *natural = MAX (*minimum, 480);
    }
  else
    {
      *minimum = 160;
      *natural = 240;
    }
}

static void
sp_report_chart_finalize (GObject *object)
{
  SpReportChart *self = SP_REPORT_CHART (object);

  g_array_unref (self->bars);
  g_free (self->description);

  G_OBJECT_CLASS (sp_report_chart_parent_class)->finalize (object);
}

static void
sp_report_chart_class_init (SpReportChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sp_report_chart_finalize;
  widget_class->snapshot = sp_report_chart_snapshot;
  widget_class->measure = sp_report_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "report-chart");
}

static void
sp_report_chart_init (SpReportChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, (GDestroyNotify) bar_clear);
  self->description = g_strdup ("");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Average days after ready per month"), -1);
}

/**
 * sp_report_chart_new:
 *
 * Returns: (transfer floating): an empty chart
 */
GtkWidget *
sp_report_chart_new (void)
{
  return g_object_new (SP_TYPE_REPORT_CHART, NULL);
}

/**
 * sp_report_chart_set_months:
 * @months: the "months" of a report (GET /api/v1/reports/months)
 * @threshold_days: the model's threshold ("threshold_days")
 *
 * Draws one bar per month and describes them for assistive technologies.
 */
void
sp_report_chart_set_months (SpReportChart *self,
                            JsonArray     *months,
                            double         threshold_days)
{
  g_autoptr(GString) description = g_string_new (NULL);
  g_autoptr(GHashTable) municipalities = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = json_array_get_length (months);

  g_return_if_fail (SP_IS_REPORT_CHART (self));

  for (guint i = 0; i < n; i++)
    g_hash_table_add (municipalities,
                      (gpointer) json_object_get_string_member (
                        json_array_get_object_element (months, i), "municipality"));

  g_array_set_size (self->bars, 0);
  self->threshold = threshold_days;
  g_string_append_printf (description, _("Threshold %.1f days."), threshold_days);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *month = json_array_get_object_element (months, i);
      const char *municipality = json_object_get_string_member (month, "municipality");
      g_autofree char *kronor = NULL;
      Bar bar;

      bar.average = json_object_get_double_member (month, "average_days");
      bar.liability_sek = json_object_get_int_member (month, "liability_sek");
      bar.over = json_object_get_boolean_member (month, "over_threshold");
      bar.label = g_hash_table_size (municipalities) > 1
                  ? g_strdup_printf ("%s %s", json_object_get_string_member (month, "month"),
                                     municipality)
                  : g_strdup (json_object_get_string_member (month, "month"));
      g_array_append_val (self->bars, bar);

      kronor = sp_report_format_kronor (bar.liability_sek);
      g_string_append_c (description, ' ');
      g_string_append_printf (description, _("%s, %s: average %.2f days, liability %s."),
                              municipality, json_object_get_string_member (month, "month"),
                              bar.average, kronor);
    }

  g_free (self->description);
  self->description = g_string_free (g_steal_pointer (&description), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
sp_report_chart_get_n_bars (SpReportChart *self)
{
  g_return_val_if_fail (SP_IS_REPORT_CHART (self), 0);

  return self->bars->len;
}

/**
 * sp_report_chart_get_description:
 *
 * Returns: (transfer none): the figures as the accessible description says them
 */
const char *
sp_report_chart_get_description (SpReportChart *self)
{
  g_return_val_if_fail (SP_IS_REPORT_CHART (self), NULL);

  return self->description;
}
