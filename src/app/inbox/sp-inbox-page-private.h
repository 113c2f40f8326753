/* sp-inbox-page-private.h — what the inbox page's files share
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-inbox-item.h"
#include "sp-inbox-page.h"
#include "sp-outbox.h"

G_BEGIN_DECLS


struct _SpInboxPage
{
  AdwBin               parent_instance;

  SpAccount           *account;
  GListStore          *store;
  GtkMultiSelection   *selection;
  /* Of the list being read; cancelled by a newer read and in dispose. */
  GCancellable        *load_cancellable;
  GPtrArray           *loading;       /* items read so far */
  GCancellable        *cancellable;   /* of the acknowledgements; cancelled in dispose */
  GHashTable          *acknowledging; /* keys of the items on their way */
  GHashTable          *queued;        /* keys of the items whose acknowledgement the outbox
                                       * keeps: the row stays, marked, until it is applied */
  GHashTable          *action_cells;  /* GtkListItem* of the action column now bound */
  GError              *ack_error;     /* the first refusal of the acknowledgements under way */
  gboolean             loaded;
  GDateTime           *loaded_at;
  gboolean             from_copy;       /* offline: listed from the local copy */

  /* Template */
  AdwToastOverlay     *toast_overlay;
  GtkWidget           *toolbar;
  GtkLabel            *selection_label;
  GtkLabel            *offline_label;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *patient_column;
  GtkColumnViewColumn *from_column;
  GtkColumnViewColumn *age_column;
  GtkColumnViewColumn *action_column;
};

/* sp-inbox-page.c */
void sp_inbox_page_toast       (SpInboxPage *self,
                                const char  *text);
void sp_inbox_page_load        (SpInboxPage *self);
void sp_inbox_page_update_view (SpInboxPage *self);

/* sp-inbox-page-acknowledge.c */
void sp_inbox_page_acknowledge_class_init (GtkWidgetClass *widget_class);
SpOutboxMark sp_inbox_page_get_mark       (SpInboxPage    *self,
                                           SpInboxItem    *item);
SpInboxItem *sp_inbox_page_find_item      (SpInboxPage    *self,
                                           const char     *key,
                                           guint          *out_position);

G_END_DECLS
