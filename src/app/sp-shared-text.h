/* sp-shared-text.h — texts many rows hold, kept once and counted
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *sp_shared_text_new         (const char  *text);
char       *sp_shared_text_new_len     (const char  *text,
                                        gsize        length);
char       *sp_shared_text_ref         (char        *text);
void        sp_shared_text_unref       (char        *text);
gboolean    sp_shared_text_set         (char       **field,
                                        const char  *text);
const char *sp_shared_text_get_sort_key (const char *text);

char       *sp_swedish_collate_key     (const char  *text);

G_END_DECLS
