/* sp-conflict-fields.h — a SIP part's members as the conflict view shows and settles them
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *sp_conflict_fields_title   (const char *part,
                                        const char *member);
gboolean    sp_conflict_fields_is_text (const char *part,
                                        const char *member);
char       *sp_conflict_fields_format  (const char *member,
                                        JsonNode   *value);
char       *sp_conflict_fields_combine (const char *member,
                                        JsonNode   *mine,
                                        JsonNode   *theirs);
JsonNode   *sp_conflict_fields_parse   (const char *member,
                                        const char *text);

G_END_DECLS
