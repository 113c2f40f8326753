/* sp-client-address.h — the client's address, behind reverse proxies the server trusts
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GInetAddressMask *sp_client_address_parse_proxy (const char    *text,
                                                 GError       **error);
char             *sp_client_address_resolve     (GInetAddress  *peer,
                                                 const char    *forwarded_for,
                                                 GPtrArray     *trusted_proxies);

G_END_DECLS
