/* sp-migrate-cli.h — `samplan-server migrate`: a sqlite store into PostgreSQL
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int sp_migrate_cli_run (int argc, char **argv);

G_END_DECLS
