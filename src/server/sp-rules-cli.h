/* sp-rules-cli.h — `samplan-server rules …`: ask the core library from a shell
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int sp_rules_cli_run (int    argc,
                      char **argv);

G_END_DECLS
