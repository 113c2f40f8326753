/* sp-print.h — printing and PDF: the documents that replace the paper templates
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sp-account.h"

G_BEGIN_DECLS

void sp_print_show_templates (GtkWindow *parent,
                              SpAccount *account);

G_END_DECLS
