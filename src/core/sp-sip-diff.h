/* sp-sip-diff.h — what changed between two SIP versions (shown at the follow-up)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-sip-version.h"

G_BEGIN_DECLS

#define SP_TYPE_SIP_DIFF_ENTRY (sp_sip_diff_entry_get_type ())

typedef enum /*< prefix=SP_SIP_DIFF >*/
{
  SP_SIP_DIFF_MAIN_GOAL_CHANGED,    /*< nick=main_goal_changed >*/
  SP_SIP_DIFF_SUB_GOAL_ADDED,       /*< nick=sub_goal_added >*/
  SP_SIP_DIFF_SUB_GOAL_REMOVED,     /*< nick=sub_goal_removed >*/
  SP_SIP_DIFF_SUB_GOAL_CHANGED,     /*< nick=sub_goal_changed >*/
  SP_SIP_DIFF_INTERVENTION_ADDED,   /*< nick=intervention_added >*/
  SP_SIP_DIFF_INTERVENTION_REMOVED, /*< nick=intervention_removed >*/
  SP_SIP_DIFF_INTERVENTION_CHANGED, /*< nick=intervention_changed >*/
} SpSipDiffKind;

/**
 * SpSipDiffEntry:
 * @kind: what happened
 * @node_id: (nullable): the sub-goal or intervention; %NULL for the main goal
 * @old_text: (nullable): the text before (sub-goal text, intervention "what", main goal)
 * @new_text: (nullable): the text after
 *
 * A "changed" entry means any field of the node changed (responsible, dates, the sub-goal
 * an intervention serves …), so its texts may be equal.
 */
typedef struct
{
  SpSipDiffKind  kind;
  char          *node_id;
  char          *old_text;
  char          *new_text;
} SpSipDiffEntry;

GType           sp_sip_diff_entry_get_type (void) G_GNUC_CONST;
SpSipDiffEntry *sp_sip_diff_entry_copy     (const SpSipDiffEntry *entry);
void            sp_sip_diff_entry_free     (SpSipDiffEntry       *entry);

GPtrArray      *sp_sip_diff_plans          (SpSipPlan            *a,
                                            SpSipPlan            *b);
GPtrArray      *sp_sip_diff_versions       (SpSipVersion         *a,
                                            SpSipVersion         *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSipDiffEntry, sp_sip_diff_entry_free)

G_END_DECLS
