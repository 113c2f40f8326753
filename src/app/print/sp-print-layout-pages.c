/* sp-print-layout-pages.c — cutting a document's blocks into A4 pages
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A block that does not fit is cut between two lines — the earliest line that does not fit,
 * over every cell of a table row — so no line is ever clipped or split. Headings stay with
 * what follows them, short fields and table rows move whole to the next page, and a table
 * that continues gets its header row again.
 */

#define G_LOG_DOMAIN "sp-print-layout"

#include "config.h"

#include "sp-print-layout-private.h"

/* The first line of @block that does not fit in [y0, limit], as the place to cut: the
 * earliest such line over all cells, so that no cell's line straddles the cut. */
static double
find_cut (Block  *block,
          double  y0,
          double  limit)
{
  double cut = G_MAXDOUBLE;

  for (guint c = 0; c < block->cells->len; c++)
    {
      Cell *cell = g_ptr_array_index (block->cells, c);

      for (guint i = 0; i < cell->lines->len; i++)
        {
          Line *line = &g_array_index (cell->lines, Line, i);

          if (line->top >= y0 && line->bottom > limit)
            {
              cut = MIN (cut, line->top);
              break;
            }
        }
    }

  return cut;
}

/* Height of @block's first line, for keeping a heading with what follows it. */
static double
first_line_height (Block *block)
{
  double height = 0;

  for (guint c = 0; c < block->cells->len; c++)
    {
      Cell *cell = g_ptr_array_index (block->cells, c);

      if (cell->lines->len > 0)
        height = MAX (height, g_array_index (cell->lines, Line, 0).bottom);
    }

  return height > 0 ? height + CELL_PAD : block->height;
}

typedef struct
{
  SpPrintLayout *self;
  GArray        *page;
  double         y;
  double         top;
  gboolean       fresh;  /* nothing but a repeated table header on the page yet */
} Paginator;

static void
place (Paginator *p,
       Block     *block,
       double     y0,
       double     y1)
{
  Piece piece = { block, y0, y1, p->y };

  g_array_append_val (p->page, piece);
  p->y += y1 - y0;
  p->fresh = FALSE;
}

/* A new page; a table row that continues its table there gets the header again. */
static void
new_page (Paginator *p,
          Block     *continuing)
{
  p->page = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_ptr_array_add (p->self->pages, p->page);
  p->y = p->top;

  if (continuing != NULL && continuing->table_header != NULL &&
      continuing->table_header != continuing)
    place (p, continuing->table_header, 0, continuing->table_header->height);
  p->fresh = TRUE;
}

static gboolean
has_lines (Block *block)
{
  for (guint c = 0; c < block->cells->len; c++)
    if (((Cell *) g_ptr_array_index (block->cells, c))->lines->len > 0)
      return TRUE;

  return FALSE;
}

/* Places @block from the current position on, over as many pages as it needs. */
static void
flow_block (Paginator *p,
            Block     *block)
{
  double y0 = 0;

  for (;;)
    {
      double avail = CONTENT_BOTTOM - p->y;
      double cut;

      if (block->height - y0 <= avail)
        break;

      if (block->keep_together && !p->fresh && block->height <= CONTENT_BOTTOM - p->top)
        {
          new_page (p, block);
          continue;
        }

      cut = block->boxed ? y0 : find_cut (block, y0, y0 + avail);
      if (cut == G_MAXDOUBLE && has_lines (block))
        break;  /* every line fits; only the cell padding runs into the margin */

      if (cut <= y0 || cut == G_MAXDOUBLE)
        {
          if (p->fresh)
            break;  /* taller than a page with nothing to cut at: never lose it */
          new_page (p, block);
          continue;
        }

      place (p, block, y0, cut);
      new_page (p, block);
      y0 = cut;
    }

  place (p, block, y0, block->height);
}

/* Fills self->pages, once per content. */
void
sp_print_layout_paginate (SpPrintLayout *self)
{
  Paginator p = { self, NULL, 0, CONTENT_TOP, TRUE };

  if (self->pages != NULL)
    return;

  if (self->banner != NULL)
    {
      g_autoptr(PangoLayout) banner = sp_print_layout_make_text (self, self->banner, self->font_size,
                                                   PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
                                                   CONTENT_WIDTH - 2 * CELL_PAD);
      int height;

      pango_layout_get_size (banner, NULL, &height);
      p.top += (double) height / PANGO_SCALE + 2 * CELL_PAD + 10;
    }

  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  new_page (&p, NULL);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      Block *next = i + 1 < self->blocks->len ? g_ptr_array_index (self->blocks, i + 1) : NULL;

      if (block->kind == BLOCK_PAGE_BREAK)
        {
          if (!p.fresh)
            new_page (&p, NULL);
          continue;
        }

      if (!p.fresh)
        p.y += block->space_before;

      /* A heading (or a table's header) is never the last thing on a page. */
      if (block->keep_with_next && next != NULL && next->kind == BLOCK_CELLS && !p.fresh &&
          p.y + block->height + next->space_before + first_line_height (next) > CONTENT_BOTTOM)
        new_page (&p, block->table_header == block ? NULL : block);

      flow_block (&p, block);
    }
}
