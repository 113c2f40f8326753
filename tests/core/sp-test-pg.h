/* sp-test-pg.h — a throwaway schema in the PostgreSQL test cluster (SAMPLAN_TEST_PG)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *sp_test_pg_conninfo      (void);
char       *sp_test_pg_create_schema (char       **out_conninfo);
void        sp_test_pg_drop_schema   (const char  *schema);
void        sp_test_pg_exec          (const char  *conninfo,
                                      const char  *sql);
char       *sp_test_pg_query         (const char  *conninfo,
                                      const char  *sql);

G_END_DECLS
