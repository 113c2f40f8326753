/* sp-print-layout-private.h — the layout engine's blocks, shared by its three files
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sp-print-layout.c: the object, drawing and output; sp-print-layout-blocks.c: adding blocks;
 * sp-print-layout-pages.c: cutting them into pages.
 */

#pragma once

#include <pango/pangocairo.h>

#include "sp-print-layout.h"

G_BEGIN_DECLS

#define MARGIN_X        56.7   /* 20 mm */
#define HEADER_BASELINE 40.0
#define HEADER_RULE     50.0
#define CONTENT_TOP     70.0
#define FOOTER_RULE     (SP_PRINT_PAGE_HEIGHT - 50.0)
#define FOOTER_BASELINE (SP_PRINT_PAGE_HEIGHT - 36.0)
#define CONTENT_BOTTOM  (SP_PRINT_PAGE_HEIGHT - 62.0)
#define CONTENT_WIDTH   (SP_PRINT_PAGE_WIDTH - 2 * MARGIN_X)
#define FURNITURE_SIZE  9.5
/* Room for one hand-written line: about 8.5 mm. */
#define RULE_HEIGHT     24.0
#define CELL_PAD        4.0
#define LABEL_SHARE     0.34

typedef enum
{
  BLOCK_CELLS,
  BLOCK_PAGE_BREAK,
} BlockKind;

typedef struct
{
  double top;
  double bottom;
  double baseline;
  int    index;     /* the Pango line, or -1 for a ruled line */
} Line;

typedef struct
{
  PangoLayout *layout;  /* NULL for ruled space */
  double       x;
  double       width;
  GArray      *lines;   /* of Line, in block coordinates */
} Cell;

typedef struct _Block Block;

struct _Block
{
  BlockKind  kind;
  GPtrArray *cells;
  double     height;
  double     space_before;
  gboolean   keep_with_next;
  gboolean   keep_together; /* moves to the next page rather than split, if it fits there */
  gboolean   grid;          /* a table row: framed cells */
  gboolean   boxed;         /* framed, for what must not be missed */
  Block     *table_header;  /* rows: the header repeated when the table continues */
};

typedef struct
{
  Block  *block;
  double  y0;   /* the part of the block on this page, in block coordinates */
  double  y1;
  double  y;    /* where it starts on the page */
} Piece;

struct _SpPrintLayout
{
  GObject       parent_instance;

  char         *title;
  char         *patient_name;
  char         *patient_identity;
  char         *banner;
  GDateTime    *printed_at;
  double        font_size;

  PangoContext *context;
  GPtrArray    *blocks;
  /* The table being added to: its column widths (fractions) and header row. */
  GArray       *columns;
  Block        *header;

  GPtrArray    *pages;  /* of GArray of Piece; NULL until paginated */
};

PangoLayout *sp_print_layout_make_text  (SpPrintLayout *self,
                                         const char    *text,
                                         double         size,
                                         PangoWeight    weight,
                                         PangoStyle     style,
                                         double         width);
void         sp_print_layout_block_free (gpointer       data);
void         sp_print_layout_paginate   (SpPrintLayout *self);

G_END_DECLS
