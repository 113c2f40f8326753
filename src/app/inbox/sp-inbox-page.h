/* sp-inbox-page.h — Inkorgen: unacknowledged messages for my units
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-account.h"

G_BEGIN_DECLS

#define SP_TYPE_INBOX_PAGE (sp_inbox_page_get_type ())

G_DECLARE_FINAL_TYPE (SpInboxPage, sp_inbox_page, SP, INBOX_PAGE, AdwBin)

GtkWidget *sp_inbox_page_new (SpAccount *account);

G_END_DECLS
