/* sp-test-proxy.h — a TCP relay in front of the test server that can be unplugged
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _SpTestProxy SpTestProxy;

SpTestProxy *sp_test_proxy_new        (const char  *upstream_uri);
const char  *sp_test_proxy_get_uri    (SpTestProxy *self);
void         sp_test_proxy_set_online (SpTestProxy *self,
                                       gboolean     online);
void         sp_test_proxy_free       (SpTestProxy *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpTestProxy, sp_test_proxy_free)

G_END_DECLS
