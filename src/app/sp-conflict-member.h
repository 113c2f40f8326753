/* sp-conflict-member.h — one member both sides changed: mine, theirs, or both combined
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SP_TYPE_CONFLICT_MEMBER (sp_conflict_member_get_type ())

G_DECLARE_FINAL_TYPE (SpConflictMember, sp_conflict_member, SP, CONFLICT_MEMBER, GtkBox)

GtkWidget  *sp_conflict_member_new        (const char       *part,
                                           const char       *member,
                                           JsonNode         *mine,
                                           JsonNode         *theirs);
const char *sp_conflict_member_get_member (SpConflictMember *self);
gboolean    sp_conflict_member_get_decided (SpConflictMember *self);
gboolean    sp_conflict_member_keeps_mine (SpConflictMember *self);
JsonNode   *sp_conflict_member_dup_value  (SpConflictMember *self);

G_END_DECLS
