/* sp-planning-answer.h — the planning questions and one unit's answer to them, DOMAIN §6
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sp-types.h"

G_BEGIN_DECLS

/* One fixed yes/no question of the planning basis. The table is static: compare by pointer. */
typedef struct
{
  const char *key;          /* wire and storage name, e.g. "hsl_new"; never renamed */
  const char *text;         /* the question in Swedish, shown verbatim */
  guint       answered_by;  /* (1 << SpUnitKind) for each kind that answers it */
} SpPlanningQuestion;

typedef enum /*< prefix=SP_PLANNING_VALUE >*/
{
  SP_PLANNING_VALUE_UNANSWERED, /*< nick=unanswered >*/
  SP_PLANNING_VALUE_YES,        /*< nick=yes >*/
  SP_PLANNING_VALUE_NO,         /*< nick=no >*/
} SpPlanningValue;

#define SP_PLANNING_ERROR (sp_planning_error_quark ())

/* Messages start with the path of the offending member, like sp-json's readers. */
typedef enum /*< prefix=SP_PLANNING_ERROR >*/
{
  SP_PLANNING_ERROR_NOT_ANSWERABLE,    /*< nick=not_answerable >*/    /* wrong kind of unit */
  SP_PLANNING_ERROR_UNSIGNED,          /*< nick=unsigned >*/          /* no name, title or time */
  SP_PLANNING_ERROR_TOO_LONG,          /*< nick=too_long >*/
  SP_PLANNING_ERROR_WRONG_EPISODE,     /*< nick=wrong_episode >*/
  SP_PLANNING_ERROR_UNIT_KIND_CHANGED, /*< nick=unit_kind_changed >*/
  SP_PLANNING_ERROR_NO_REASON,         /*< nick=no_reason >*/         /* override without why */
} SpPlanningError;

GQuark                    sp_planning_error_quark          (void);

const SpPlanningQuestion *sp_planning_get_questions        (guint                     *n);
const SpPlanningQuestion *sp_planning_question_lookup      (const char                *key);
gboolean                  sp_planning_question_may_answer  (const SpPlanningQuestion  *question,
                                                            SpUnitKind                 kind);

/* SpPlanningAnswer: one version of one unit's answers. Filled in, then frozen for good when
 * sp_planning_basis_add() gives it a version. */

#define SP_TYPE_PLANNING_ANSWER (sp_planning_answer_get_type ())

G_DECLARE_FINAL_TYPE (SpPlanningAnswer, sp_planning_answer, SP, PLANNING_ANSWER, GObject)

SpPlanningAnswer *sp_planning_answer_new                       (const char        *episode_id,
                                                                const char        *unit_id,
                                                                SpUnitKind         unit_kind);
const char       *sp_planning_answer_get_episode_id            (SpPlanningAnswer  *self);
const char       *sp_planning_answer_get_unit_id               (SpPlanningAnswer  *self);
SpUnitKind        sp_planning_answer_get_unit_kind             (SpPlanningAnswer  *self);
guint             sp_planning_answer_get_version               (SpPlanningAnswer  *self);
SpPlanningValue   sp_planning_answer_get_value                 (SpPlanningAnswer  *self,
                                                                const char        *key);
void              sp_planning_answer_set_value                 (SpPlanningAnswer  *self,
                                                                const char        *key,
                                                                SpPlanningValue    value);
const char       *sp_planning_answer_get_ongoing_interventions (SpPlanningAnswer  *self);
void              sp_planning_answer_set_ongoing_interventions (SpPlanningAnswer  *self,
                                                                const char        *text);
const char       *sp_planning_answer_get_new_needs             (SpPlanningAnswer  *self);
void              sp_planning_answer_set_new_needs             (SpPlanningAnswer  *self,
                                                                const char        *text);
const char       *sp_planning_answer_get_author_name           (SpPlanningAnswer  *self);
const char       *sp_planning_answer_get_author_title          (SpPlanningAnswer  *self);
GDateTime        *sp_planning_answer_get_answered_at           (SpPlanningAnswer  *self);
void              sp_planning_answer_sign                      (SpPlanningAnswer  *self,
                                                                const char        *author_name,
                                                                const char        *author_title,
                                                                GDateTime         *answered_at);
gboolean          sp_planning_answer_validate                  (SpPlanningAnswer  *self,
                                                                GError           **error);

JsonNode         *sp_planning_answer_to_json                   (SpPlanningAnswer  *self);
SpPlanningAnswer *sp_planning_answer_new_from_json             (JsonNode          *node,
                                                                GError           **error);
gboolean          sp_planning_answer_equal                     (SpPlanningAnswer  *a,
                                                                SpPlanningAnswer  *b);

GPtrArray        *sp_planning_answers_from_simple_json         (JsonNode          *node,
                                                                GError           **error);

G_END_DECLS
