/* sp-application.h — the Samplan application: app actions and the main window
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SP_TYPE_APPLICATION (sp_application_get_type ())

G_DECLARE_FINAL_TYPE (SpApplication, sp_application, SP, APPLICATION, AdwApplication)

SpApplication *sp_application_new                   (void);
const char    *sp_application_get_server_override  (SpApplication  *self);
gboolean       sp_application_take_dev_credentials (SpApplication  *self,
                                                    char          **out_username,
                                                    char          **out_password);

G_END_DECLS
