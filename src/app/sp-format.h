/* sp-format.h — times as the app shows them: Stockholm wall-clock time
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *sp_format_time (GDateTime *time);

G_END_DECLS
