/* sp-server-error-table.h — GError domain + code → HTTP status, code, Swedish message
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  GQuark      (*domain) (void);
  int           code;
  guint         status;
  const char   *name;     /* the "code" member of the JSON error */
  const char   *message;  /* Swedish, for the user */
} SpErrorMapping;

const SpErrorMapping *sp_server_error_lookup (const GError *error);

G_END_DECLS
