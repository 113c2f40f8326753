/* sp-print-layout-blocks.c — what a document is made of: headings, fields, tables, rules
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each block is laid out once, when it is added, at the width it will have on paper.
 */

#define G_LOG_DOMAIN "sp-print-layout"

#include "config.h"

#include "sp-print-layout-private.h"

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  g_clear_object (&cell->layout);
  g_array_unref (cell->lines);
  g_free (cell);
}

void
sp_print_layout_block_free (gpointer data)
{
  Block *block = data;

  g_clear_pointer (&block->cells, g_ptr_array_unref);
  g_free (block);
}

PangoLayout *
sp_print_layout_make_text (SpPrintLayout *self,
                           const char    *text,
                           double         size,
                           PangoWeight    weight,
                           PangoStyle     style,
                           double         width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_style (font, style);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

/* A cell of @block at @x, @width (points, within the text column). */
static Cell *
add_cell (Block       *block,
          PangoLayout *layout,
          guint        n_rules,
          double       x,
          double       width,
          double       pad)
{
  Cell *cell = g_new0 (Cell, 1);
  double bottom = pad;

  cell->layout = layout;
  cell->x = x;
  cell->width = width;
  cell->lines = g_array_new (FALSE, FALSE, sizeof (Line));

  if (layout != NULL)
    {
      PangoLayoutIter *iter = pango_layout_get_iter (layout);
      int index = 0;

      do
        {
          PangoRectangle logical;
          Line line;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          line.top = pad + (double) logical.y / PANGO_SCALE;
          line.bottom = line.top + (double) logical.height / PANGO_SCALE;
          line.baseline = pad + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
          line.index = index++;
          g_array_append_val (cell->lines, line);
          bottom = line.bottom;
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
    }

  for (guint i = 0; i < n_rules; i++)
    {
      Line line = { bottom, bottom + RULE_HEIGHT, 0, -1 };

      g_array_append_val (cell->lines, line);
      bottom = line.bottom;
    }

  block->height = MAX (block->height, bottom + pad);
  g_ptr_array_add (block->cells, cell);
  return cell;
}

static Block *
add_block (SpPrintLayout *self,
           BlockKind      kind,
           double         space_before)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->cells = g_ptr_array_new_with_free_func (cell_free);
  block->space_before = space_before;
  g_ptr_array_add (self->blocks, block);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  return block;
}

/* Any block but a row ends the table being added to. */
static void
end_table (SpPrintLayout *self)
{
  g_clear_pointer (&self->columns, g_array_unref);
  self->header = NULL;
}



/**
 * sp_print_layout_add_heading:
 * @level: 1 for the document's sections, 2 for their parts
 */
void
sp_print_layout_add_heading (SpPrintLayout *self,
                             const char    *text,
                             guint          level)
{
  double size;
  Block *block;

  g_return_if_fail (SP_IS_PRINT_LAYOUT (self));
  g_return_if_fail (text != NULL);

  end_table (self);
  size = self->font_size * (level <= 1 ? 1.45 : 1.15);
  block = add_block (self, BLOCK_CELLS, level <= 1 ? self->font_size * 1.1 : self->font_size * 0.7);
  block->keep_with_next = TRUE;
  add_cell (block, sp_print_layout_make_text (self, text, size, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
                                CONTENT_WIDTH - 2 * CELL_PAD),
            0, 0, CONTENT_WIDTH, 2);
}

/* Running text across the content width, in @size and @style. */
static void
add_text (SpPrintLayout *self,
          const char    *text,
          double         size,
          PangoStyle     style)
{
  Block *block;

  end_table (self);
  block = add_block (self, BLOCK_CELLS, 2);
  add_cell (block, sp_print_layout_make_text (self, text, size, PANGO_WEIGHT_NORMAL, style,
                                              CONTENT_WIDTH - 2 * CELL_PAD),
            0, 0, CONTENT_WIDTH, 1);
}

void
sp_print_layout_add_paragraph (SpPrintLayout *self,
                               const char    *text)
{
  g_return_if_fail (SP_IS_PRINT_LAYOUT (self));
  g_return_if_fail (text != NULL);

  add_text (self, text, self->font_size, PANGO_STYLE_NORMAL);
}

/* A smaller, italic paragraph: how to use a form, where something comes from. */
void
sp_print_layout_add_note (SpPrintLayout *self,
                          const char    *text)
{
  g_return_if_fail (SP_IS_PRINT_LAYOUT (self));
  g_return_if_fail (text != NULL);

  add_text (self, text, self->font_size * 0.85, PANGO_STYLE_ITALIC);
}

/* A framed paragraph, kept on one page: what the reader must not miss. */
void
sp_print_layout_add_box (SpPrintLayout *self,
                         const char    *text)
{
  Block *block;

  g_return_if_fail (SP_IS_PRINT_LAYOUT (self));
  g_return_if_fail (text != NULL);

  end_table (self);
  block = add_block (self, BLOCK_CELLS, self->font_size * 0.6);
  block->boxed = TRUE;
  add_cell (block, sp_print_layout_make_text (self, text, self->font_size, PANGO_WEIGHT_BOLD,
                                PANGO_STYLE_NORMAL, CONTENT_WIDTH - 4 * CELL_PAD),
            0, CELL_PAD, CONTENT_WIDTH - CELL_PAD, CELL_PAD + 2);
}

static Block *
add_label_block (SpPrintLayout *self,
                 const char    *label)
{
  double label_width = CONTENT_WIDTH * LABEL_SHARE;
  Block *block;

  end_table (self);
  block = add_block (self, BLOCK_CELLS, 1);
  block->keep_together = TRUE;
  add_cell (block, sp_print_layout_make_text (self, label, self->font_size, PANGO_WEIGHT_BOLD,
                                PANGO_STYLE_NORMAL, label_width - 2 * CELL_PAD),
            0, 0, label_width, 2);
  return block;
}

/**
 * sp_print_layout_add_field:
 * @label: what the value is
 * @value: (nullable): the value; %NULL or empty leaves a ruled line to write it by hand
 */
void
sp_print_layout_add_field (SpPrintLayout *self,
                           const char    *label,
                           const char    *value)
{
  double label_width = CONTENT_WIDTH * LABEL_SHARE;
  Block *block;

  g_return_if_fail (SP_IS_PRINT_LAYOUT (self));
  g_return_if_fail (label != NULL);

  block = add_label_block (self, label);
  if (value == NULL || *value == '\0')
    add_cell (block, NULL, 1, label_width, CONTENT_WIDTH - label_width, 0);
  else
    add_cell (block, sp_print_layout_make_text (self, value, self->font_size, PANGO_WEIGHT_NORMAL,
                                  PANGO_STYLE_NORMAL, CONTENT_WIDTH - label_width - 2 * CELL_PAD),
              0, label_width, CONTENT_WIDTH - label_width, 2);
}

/* A label with @n_lines ruled lines beside it, to write on. */
void
sp_print_layout_add_ruled_field (SpPrintLayout *self,
                                 const char    *label,
                                 guint          n_lines)
{
  double label_width = CONTENT_WIDTH * LABEL_SHARE;
  Block *block;

  g_return_if_fail (SP_IS_PRINT_LAYOUT (self));
  g_return_if_fail (label != NULL);

  block = add_label_block (self, label);
  add_cell (block, NULL, n_lines, label_width, CONTENT_WIDTH - label_width, 0);
}

/* Ruled lines across the text column, to write on. */
void
sp_print_layout_add_ruled_lines (SpPrintLayout *self,
                                 guint          n_lines)
{
  Block *block;

  g_return_if_fail (SP_IS_PRINT_LAYOUT (self));

  end_table (self);
  block = add_block (self, BLOCK_CELLS, 0);
  add_cell (block, NULL, n_lines, 0, CONTENT_WIDTH, 0);
}

static Block *
add_table_row (SpPrintLayout      *self,
               const char * const *cells,
               gboolean            bold,
               double              min_height)
{
  Block *block = add_block (self, BLOCK_CELLS, 0);
  double x = 0;

  block->grid = TRUE;
  block->keep_together = TRUE;
  block->table_header = self->header;
  for (guint i = 0; i < self->columns->len; i++)
    {
      double width = CONTENT_WIDTH * g_array_index (self->columns, double, i);
      const char *text = cells != NULL ? cells[i] : NULL;

      add_cell (block,
                text != NULL ? sp_print_layout_make_text (self, text, self->font_size * 0.9,
                                            bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                            PANGO_STYLE_NORMAL, width - 2 * CELL_PAD)
                             : NULL,
                0, x, width, CELL_PAD);
      x += width;
    }
  block->height = MAX (block->height, min_height);
  return block;
}

/**
 * sp_print_layout_begin_table:
 * @headers: (array zero-terminated=1): the column headings, repeated on every page the table
 *   continues on
 * @widths: (array): each column's share of the text width (they add up to 1)
 */
void
sp_print_layout_begin_table (SpPrintLayout      *self,
                             const char * const *headers,
                             const double       *widths)
{
  guint n;

  g_return_if_fail (SP_IS_PRINT_LAYOUT (self));
  g_return_if_fail (headers != NULL && widths != NULL);

  end_table (self);
  n = g_strv_length ((char **) headers);
  self->columns = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
  g_array_append_vals (self->columns, widths, n);
  self->header = add_table_row (self, headers, TRUE, 0);
  self->header->table_header = self->header;
  self->header->keep_with_next = TRUE;
  self->header->space_before = self->font_size * 0.5;
}

/**
 * sp_print_layout_add_row:
 * @cells: (array): one text per column (%NULL for an empty cell)
 */
void
sp_print_layout_add_row (SpPrintLayout      *self,
                         const char * const *cells)
{
  g_return_if_fail (SP_IS_PRINT_LAYOUT (self));
  g_return_if_fail (self->columns != NULL);

  add_table_row (self, cells, FALSE, 0);
}

/* Empty rows of the table, each tall enough to write in by hand. */
void
sp_print_layout_add_blank_rows (SpPrintLayout *self,
                                guint          n_rows)
{
  g_return_if_fail (SP_IS_PRINT_LAYOUT (self));
  g_return_if_fail (self->columns != NULL);

  for (guint i = 0; i < n_rows; i++)
    add_table_row (self, NULL, FALSE, RULE_HEIGHT + 4);
}

void
sp_print_layout_add_space (SpPrintLayout *self,
                           double         points)
{
  Block *block;

  g_return_if_fail (SP_IS_PRINT_LAYOUT (self));

  end_table (self);
  block = add_block (self, BLOCK_CELLS, 0);
  block->height = points;
}

void
sp_print_layout_add_page_break (SpPrintLayout *self)
{
  g_return_if_fail (SP_IS_PRINT_LAYOUT (self));

  end_table (self);
  add_block (self, BLOCK_PAGE_BREAK, 0);
}

