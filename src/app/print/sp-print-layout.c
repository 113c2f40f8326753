/* sp-print-layout.c — a small document layout engine for A4 paper, on Pango and cairo
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document is a list of blocks (headings, paragraphs, label/value fields, table rows, ruled
 * lines for hand-writing). Each block is a row of cells laid out once with Pango in points;
 * every cell knows the top and bottom of each of its lines. Pagination cuts a block that does
 * not fit between two lines — the same cut for every cell of a table row — so text is never
 * clipped, and a paragraph longer than a page simply continues. Every page gets the furniture:
 * the patient's name and identity number, the title, "Sida x av y" and the printing time.
 *
 * Measuring uses a Pango context of its own at 72 dpi without hinting, so a PDF, a printer
 * and the on-screen preview all get exactly the same pages.
 */

#define G_LOG_DOMAIN "sp-print-layout"

#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>

#include "sp-calendar.h"
#include "sp-print-layout-private.h"

G_DEFINE_FINAL_TYPE (SpPrintLayout, sp_print_layout, G_TYPE_OBJECT)

/* ---- Drawing ---- */

/* One line of furniture; @max_width > 0 ellipsizes it to that width. Returns its width. */
static double
show_text (SpPrintLayout *self,
           cairo_t       *cr,
           const char    *text,
           double         x,
           double         baseline,
           gboolean       bold,
           gboolean       align_right,
           double         max_width)
{
  g_autoptr(PangoLayout) layout = sp_print_layout_make_text (self, text, FURNITURE_SIZE,
                                               bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                               PANGO_STYLE_NORMAL, -1);
  int width;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &width, NULL);
  if (align_right)
    x -= width;
  if (cr != NULL)
    {
      cairo_move_to (cr, x, baseline - (double) pango_layout_get_baseline (layout) / PANGO_SCALE);
      pango_cairo_show_layout (cr, layout);
    }

  return width;
}

static void
hairline (cairo_t *cr,
          double   x0,
          double   y0,
          double   x1,
          double   y1,
          double   width)
{
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
}

static void
draw_furniture (SpPrintLayout *self,
                cairo_t       *cr,
                guint          page)
{
  g_autofree char *patient = NULL;
  g_autofree char *page_text = NULL;
  g_autofree char *printed = NULL;
  double patient_width;

  if (self->patient_name != NULL || self->patient_identity != NULL)
    patient = g_strdup_printf ("%s   %s",
                               self->patient_name != NULL ? self->patient_name : "",
                               self->patient_identity != NULL ? self->patient_identity : "");
  else
    /* Room to write them by hand on a blank form. */
    patient = g_strdup_printf (_("Name: %s   Identity number: %s"),
                               "______________________________", "________________");

  /* The patient always shows in full; the title gets what room is left. */
  patient_width = show_text (self, cr, patient, MARGIN_X, HEADER_BASELINE, TRUE, FALSE, -1);
  show_text (self, cr, self->title, SP_PRINT_PAGE_WIDTH - MARGIN_X, HEADER_BASELINE, FALSE,
             TRUE, MAX (CONTENT_WIDTH - patient_width - 18, 40));
  hairline (cr, MARGIN_X, HEADER_RULE, SP_PRINT_PAGE_WIDTH - MARGIN_X, HEADER_RULE, 0.6);

  hairline (cr, MARGIN_X, FOOTER_RULE, SP_PRINT_PAGE_WIDTH - MARGIN_X, FOOTER_RULE, 0.6);
  if (self->printed_at != NULL)
    {
      g_autoptr(GDateTime) local = sp_calendar_to_local (self->printed_at);
      /* Translators: the date and time a document was printed, in g_date_time_format () */
      g_autofree char *when = g_date_time_format (local, _("%Y-%m-%d at %H:%M"));

      printed = g_strdup_printf (_("Printed %s"), when);
      show_text (self, cr, printed, MARGIN_X, FOOTER_BASELINE, FALSE, FALSE, -1);
    }
  page_text = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  show_text (self, cr, page_text, SP_PRINT_PAGE_WIDTH - MARGIN_X, FOOTER_BASELINE, TRUE, TRUE,
             -1);

  if (self->banner != NULL)
    {
      g_autoptr(PangoLayout) banner = sp_print_layout_make_text (self, self->banner, self->font_size,
                                                   PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
                                                   CONTENT_WIDTH - 2 * CELL_PAD);
      int height;

      pango_layout_set_alignment (banner, PANGO_ALIGN_CENTER);
      pango_layout_get_size (banner, NULL, &height);
      cairo_rectangle (cr, MARGIN_X, CONTENT_TOP,
                       CONTENT_WIDTH, (double) height / PANGO_SCALE + 2 * CELL_PAD);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
      cairo_move_to (cr, MARGIN_X + CELL_PAD, CONTENT_TOP + CELL_PAD);
      pango_cairo_show_layout (cr, banner);
    }
}

static void
draw_piece (cairo_t *cr,
            Piece   *piece)
{
  Block *block = piece->block;
  double height = piece->y1 - piece->y0;

  for (guint c = 0; c < block->cells->len; c++)
    {
      Cell *cell = g_ptr_array_index (block->cells, c);

      for (guint i = 0; i < cell->lines->len; i++)
        {
          Line *line = &g_array_index (cell->lines, Line, i);
          double dy = piece->y - piece->y0;

          if (line->top < piece->y0 || line->top >= piece->y1)
            continue;

          if (line->index >= 0)
            {
              cairo_move_to (cr, MARGIN_X + cell->x + CELL_PAD, line->baseline + dy);
              pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (cell->layout,
                                                                                line->index));
            }
          else
            {
              /* Light and slightly blue: a line to write on, not part of the text. */
              cairo_set_source_rgb (cr, 0.40, 0.45, 0.62);
              hairline (cr, MARGIN_X + cell->x + CELL_PAD, line->bottom + dy - 3,
                        MARGIN_X + cell->x + cell->width - CELL_PAD, line->bottom + dy - 3,
                        0.5);
              cairo_set_source_rgb (cr, 0, 0, 0);
            }
        }

      if (block->grid)
        {
          cairo_rectangle (cr, MARGIN_X + cell->x, piece->y, cell->width, height);
          cairo_set_line_width (cr, 0.6);
          cairo_stroke (cr);
        }
    }

  if (block->boxed)
    {
      cairo_rectangle (cr, MARGIN_X, piece->y, CONTENT_WIDTH, height);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

/* ---- Object ---- */

static void
sp_print_layout_finalize (GObject *object)
{
  SpPrintLayout *self = SP_PRINT_LAYOUT (object);

  g_free (self->title);
  g_free (self->patient_name);
  g_free (self->patient_identity);
  g_free (self->banner);
  g_clear_pointer (&self->printed_at, g_date_time_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_array_unref);
  g_ptr_array_unref (self->blocks);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sp_print_layout_parent_class)->finalize (object);
}

static void
sp_print_layout_class_init (SpPrintLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_print_layout_finalize;
}

static void
sp_print_layout_init (SpPrintLayout *self)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  self->blocks = g_ptr_array_new_with_free_func (sp_print_layout_block_free);
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 72.0);
  /* Unhinted metrics: the same line breaks on paper, in a PDF and in the preview. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);
}

/**
 * sp_print_layout_new:
 * @title: the document's title, at the top of every page
 * @font_size: the body text size in points (large for what the patient reads)
 *
 * Returns: (transfer full): an empty document
 */
SpPrintLayout *
sp_print_layout_new (const char *title,
                     double      font_size)
{
  SpPrintLayout *self;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (font_size >= 6 && font_size <= 30, NULL);

  self = g_object_new (SP_TYPE_PRINT_LAYOUT, NULL);
  self->title = g_strdup (title);
  self->font_size = font_size;
  return self;
}

/**
 * sp_print_layout_set_patient:
 * @name: (nullable): the patient's name
 * @identity: (nullable): the identity number, formatted
 *
 * Whom every page is about; with neither, the header leaves room to write them by hand.
 */
void
sp_print_layout_set_patient (SpPrintLayout *self,
                             const char    *name,
                             const char    *identity)
{
  g_return_if_fail (SP_IS_PRINT_LAYOUT (self));

  g_free (self->patient_name);
  self->patient_name = g_strdup (name);
  g_free (self->patient_identity);
  self->patient_identity = g_strdup (identity);
}

/**
 * sp_print_layout_set_printed_at:
 * @printed_at: (nullable): when it is printed, shown in Stockholm time on every page
 */
void
sp_print_layout_set_printed_at (SpPrintLayout *self,
                                GDateTime     *printed_at)
{
  g_return_if_fail (SP_IS_PRINT_LAYOUT (self));

  g_clear_pointer (&self->printed_at, g_date_time_unref);
  self->printed_at = printed_at != NULL ? g_date_time_ref (printed_at) : NULL;
}

/**
 * sp_print_layout_set_banner:
 * @banner: (nullable): a framed line under the header of every page ("not established")
 */
void
sp_print_layout_set_banner (SpPrintLayout *self,
                            const char    *banner)
{
  g_return_if_fail (SP_IS_PRINT_LAYOUT (self));

  g_free (self->banner);
  self->banner = g_strdup (banner);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
}
guint
sp_print_layout_get_n_pages (SpPrintLayout *self)
{
  g_return_val_if_fail (SP_IS_PRINT_LAYOUT (self), 0);

  sp_print_layout_paginate (self);
  return self->pages->len;
}

/**
 * sp_print_layout_draw_page:
 * @cr: a cairo context whose unit is the point, with the page's top left at the origin
 * @page: the page, from 0
 *
 * Draws one A4 page, furniture included, in black on what is there.
 */
void
sp_print_layout_draw_page (SpPrintLayout *self,
                           cairo_t       *cr,
                           guint          page)
{
  GArray *pieces;

  g_return_if_fail (SP_IS_PRINT_LAYOUT (self));
  g_return_if_fail (page < sp_print_layout_get_n_pages (self));

  pieces = g_ptr_array_index (self->pages, page);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_furniture (self, cr, page);
  for (guint i = 0; i < pieces->len; i++)
    draw_piece (cr, &g_array_index (pieces, Piece, i));
  cairo_restore (cr);
}

/**
 * sp_print_layout_render_page:
 * @scale: pixels per point
 *
 * Returns: (transfer full): the page on white, for a preview
 */
cairo_surface_t *
sp_print_layout_render_page (SpPrintLayout *self,
                             guint          page,
                             double         scale)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (SP_IS_PRINT_LAYOUT (self), NULL);
  g_return_val_if_fail (scale > 0, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        (int) (SP_PRINT_PAGE_WIDTH * scale + 0.5),
                                        (int) (SP_PRINT_PAGE_HEIGHT * scale + 0.5));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  sp_print_layout_draw_page (self, cr, page);
  cairo_destroy (cr);

  return surface;
}

/**
 * sp_print_layout_write_pdf:
 * @path: the file to write (replaced)
 *
 * Returns: whether the whole document was written
 */
gboolean
sp_print_layout_write_pdf (SpPrintLayout  *self,
                           const char     *path,
                           GError        **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (SP_IS_PRINT_LAYOUT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  n_pages = sp_print_layout_get_n_pages (self);
  surface = cairo_pdf_surface_create (path, SP_PRINT_PAGE_WIDTH, SP_PRINT_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Samplan");
  cr = cairo_create (surface);
  for (guint i = 0; i < n_pages; i++)
    {
      sp_print_layout_draw_page (self, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      /* Translators: the file could not be written; %s is cairo's reason (in English) */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not save the PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

