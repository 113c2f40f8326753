/* sp-print-layout.h — a small document layout engine for A4 paper, on Pango and cairo
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* A4 in points (1/72 inch): what every document is laid out on. */
#define SP_PRINT_PAGE_WIDTH  595.276
#define SP_PRINT_PAGE_HEIGHT 841.89

#define SP_TYPE_PRINT_LAYOUT (sp_print_layout_get_type ())

G_DECLARE_FINAL_TYPE (SpPrintLayout, sp_print_layout, SP, PRINT_LAYOUT, GObject)

SpPrintLayout   *sp_print_layout_new              (const char          *title,
                                                   double               font_size);
void             sp_print_layout_set_patient      (SpPrintLayout       *self,
                                                   const char          *name,
                                                   const char          *identity);
void             sp_print_layout_set_printed_at   (SpPrintLayout       *self,
                                                   GDateTime           *printed_at);
void             sp_print_layout_set_banner       (SpPrintLayout       *self,
                                                   const char          *banner);

void             sp_print_layout_add_heading      (SpPrintLayout       *self,
                                                   const char          *text,
                                                   guint                level);
void             sp_print_layout_add_paragraph    (SpPrintLayout       *self,
                                                   const char          *text);
void             sp_print_layout_add_note         (SpPrintLayout       *self,
                                                   const char          *text);
void             sp_print_layout_add_box          (SpPrintLayout       *self,
                                                   const char          *text);
void             sp_print_layout_add_field        (SpPrintLayout       *self,
                                                   const char          *label,
                                                   const char          *value);
void             sp_print_layout_add_ruled_field  (SpPrintLayout       *self,
                                                   const char          *label,
                                                   guint                n_lines);
void             sp_print_layout_add_ruled_lines  (SpPrintLayout       *self,
                                                   guint                n_lines);
void             sp_print_layout_begin_table      (SpPrintLayout       *self,
                                                   const char * const  *headers,
                                                   const double        *widths);
void             sp_print_layout_add_row          (SpPrintLayout       *self,
                                                   const char * const  *cells);
void             sp_print_layout_add_blank_rows   (SpPrintLayout       *self,
                                                   guint                n_rows);
void             sp_print_layout_add_space        (SpPrintLayout       *self,
                                                   double               points);
void             sp_print_layout_add_page_break   (SpPrintLayout       *self);

guint            sp_print_layout_get_n_pages      (SpPrintLayout       *self);
void             sp_print_layout_draw_page        (SpPrintLayout       *self,
                                                   cairo_t             *cr,
                                                   guint                page);
cairo_surface_t *sp_print_layout_render_page      (SpPrintLayout       *self,
                                                   guint                page,
                                                   double               scale);
gboolean         sp_print_layout_write_pdf        (SpPrintLayout       *self,
                                                   const char          *path,
                                                   GError             **error);

G_END_DECLS
