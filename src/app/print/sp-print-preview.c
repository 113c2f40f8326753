/* sp-print-preview.c — the pages of a document on screen, exactly as they will be printed
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws every page of an SpPrintLayout with the same code that prints it, scaled to the
 * widget's width, one under the other (put it in a GtkScrolledWindow).
 */

#define G_LOG_DOMAIN "sp-print-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-print-preview.h"

#define GAP 12

struct _SpPrintPreview
{
  GtkWidget      parent_instance;

  SpPrintLayout *layout;
};

G_DEFINE_FINAL_TYPE (SpPrintPreview, sp_print_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LAYOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
n_pages (SpPrintPreview *self)
{
  return self->layout != NULL ? sp_print_layout_get_n_pages (self->layout) : 0;
}

static void
sp_print_preview_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  SpPrintPreview *self = SP_PRINT_PREVIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 620;
    }
  else
    {
      double width = for_size > 0 ? for_size : 620;
      double page = (width - 2 * GAP) * SP_PRINT_PAGE_HEIGHT / SP_PRINT_PAGE_WIDTH;

      *minimum = *natural = (int) (n_pages (self) * (page + GAP) + GAP);
    }
}

static void
sp_print_preview_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SpPrintPreview *self = SP_PRINT_PREVIEW (widget);
  double width = gtk_widget_get_width (widget) - 2 * GAP;
  double scale = width / SP_PRINT_PAGE_WIDTH;
  double height = SP_PRINT_PAGE_HEIGHT * scale;
  guint n = n_pages (self);

  for (guint i = 0; i < n; i++)
    {
      graphene_rect_t bounds = GRAPHENE_RECT_INIT (GAP, GAP + i * (height + GAP), width, height);
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);

      cairo_translate (cr, bounds.origin.x, bounds.origin.y);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.7, 0.7, 0.7);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      cairo_scale (cr, scale, scale);
      sp_print_layout_draw_page (self->layout, cr, i);
      cairo_destroy (cr);
    }
}

static void
sp_print_preview_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SpPrintPreview *self = SP_PRINT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_LAYOUT:
      g_value_set_object (value, self->layout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_print_preview_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SpPrintPreview *self = SP_PRINT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_LAYOUT:
      sp_print_preview_set_layout (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_print_preview_dispose (GObject *object)
{
  SpPrintPreview *self = SP_PRINT_PREVIEW (object);

  g_clear_object (&self->layout);

  G_OBJECT_CLASS (sp_print_preview_parent_class)->dispose (object);
}

static void
sp_print_preview_class_init (SpPrintPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_print_preview_dispose;
  object_class->get_property = sp_print_preview_get_property;
  object_class->set_property = sp_print_preview_set_property;
  widget_class->measure = sp_print_preview_measure;
  widget_class->snapshot = sp_print_preview_snapshot;

  properties[PROP_LAYOUT] =
    g_param_spec_object ("layout", NULL, NULL, SP_TYPE_PRINT_LAYOUT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "printpreview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sp_print_preview_init (SpPrintPreview *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Print preview"),
                                  -1);
}

GtkWidget *
sp_print_preview_new (void)
{
  return g_object_new (SP_TYPE_PRINT_PREVIEW, NULL);
}

/**
 * sp_print_preview_get_layout:
 *
 * Returns: (transfer none) (nullable): the document shown
 */
SpPrintLayout *
sp_print_preview_get_layout (SpPrintPreview *self)
{
  g_return_val_if_fail (SP_IS_PRINT_PREVIEW (self), NULL);

  return self->layout;
}

/**
 * sp_print_preview_set_layout:
 * @layout: (nullable): the document to show
 */
void
sp_print_preview_set_layout (SpPrintPreview *self,
                             SpPrintLayout  *layout)
{
  g_return_if_fail (SP_IS_PRINT_PREVIEW (self));

  if (!g_set_object (&self->layout, layout))
    return;

  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT]);
}
