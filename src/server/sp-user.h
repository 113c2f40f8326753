/* sp-user.h — a person who signs in: name, title, units, roles, password hash
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What a user may do beyond working in their units' episodes. */
typedef enum /*< flags,prefix=SP_ROLE >*/
{
  SP_ROLE_STAFF         = 1 << 0, /*< nick=staff >*/
  SP_ROLE_LOG_REVIEWER  = 1 << 1, /*< nick=log_reviewer >*/
  SP_ROLE_REPORT_VIEWER = 1 << 2, /*< nick=report_viewer >*/
  SP_ROLE_ADMIN         = 1 << 3, /*< nick=admin >*/
} SpRole;

#define SP_TYPE_USER (sp_user_get_type ())

G_DECLARE_FINAL_TYPE (SpUser, sp_user, SP, USER, GObject)

SpUser             *sp_user_new               (const char          *username,
                                               const char          *name,
                                               const char          *title);
const char         *sp_user_get_username      (SpUser              *self);
const char         *sp_user_get_name          (SpUser              *self);
const char         *sp_user_get_title         (SpUser              *self);
const char         *sp_user_get_phone         (SpUser              *self);
void                sp_user_set_phone         (SpUser              *self,
                                               const char          *phone);
const char * const *sp_user_get_units         (SpUser              *self);
void                sp_user_set_units         (SpUser              *self,
                                               const char * const  *unit_ids);
gboolean            sp_user_has_unit          (SpUser              *self,
                                               const char          *unit_id);
SpRole              sp_user_get_roles         (SpUser              *self);
void                sp_user_set_roles         (SpUser              *self,
                                               SpRole               roles);
const char         *sp_user_get_password_hash (SpUser              *self);
void                sp_user_set_password_hash (SpUser              *self,
                                               const char          *hash);

JsonNode           *sp_user_to_json           (SpUser              *self,
                                               gboolean             with_secret);
SpUser             *sp_user_new_from_json     (JsonNode            *node,
                                               GError             **error);

G_END_DECLS
