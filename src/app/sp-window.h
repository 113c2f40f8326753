/* sp-window.h — the main window
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sp-account.h"
#include "sp-application.h"
#include "sp-client.h"
#include "sp-sync.h"

G_BEGIN_DECLS

#define SP_TYPE_WINDOW (sp_window_get_type ())

G_DECLARE_FINAL_TYPE (SpWindow, sp_window, SP, WINDOW, AdwApplicationWindow)

SpWindow  *sp_window_new         (SpApplication *application);
SpClient  *sp_window_get_client  (SpWindow      *self);
SpSync    *sp_window_get_sync    (SpWindow      *self);
SpAccount *sp_window_get_account (SpWindow      *self);

G_END_DECLS
