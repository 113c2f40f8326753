/* sp-admin-cli.h — the administrator's commands of samplan-server
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int sp_admin_cli_init     (int argc, char **argv);
int sp_admin_cli_add_unit (int argc, char **argv);
int sp_admin_cli_add_user (int argc, char **argv);
int sp_admin_cli_serve    (int argc, char **argv);

G_END_DECLS
