/* sp-demo.h — `samplan-server seed-demo`: a fictional region to work and measure with
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int sp_demo_cli_run (int argc, char **argv);

G_END_DECLS
