/* sp-planning-private.h — what the planning basis may do to an answer and nobody else may
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-planning.h"

G_BEGIN_DECLS

/* Names, titles and ids; free text is limited by SP_JSON_MAX_TEXT. */
#define SP_PLANNING_MAX_NAME 256

/* Gives @self its version in a basis; from then on it never changes (DOMAIN §6). */
void sp_planning_answer_freeze (SpPlanningAnswer *self,
                                guint             version);

/* Checks that @text has at most @max_length characters and, unless @missing_code is -1, that
 * it is not empty (that error has @missing_code). Errors name @member. */
gboolean sp_planning_check_text (const char  *text,
                                 const char  *member,
                                 int          missing_code,
                                 gsize        max_length,
                                 GError     **error);

G_END_DECLS
