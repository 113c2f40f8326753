/* sp-sip-private.h — helpers shared by the files of the SIP module; not installed API
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-json.h"
#include "sp-sip-error.h"
#include "sp-sip-follow-up.h"
#include "sp-sip.h"

G_BEGIN_DECLS

struct _SpSip
{
  GObject           parent_instance;

  char             *id;
  char             *patient_id;
  char             *episode_id;        /* NULL: stand-alone SIP (fristående SIP) */
  SpSipVariant      variant;
  SpSipStatus       status;
  gint64            revision;
  GDateTime        *created_at;
  char             *created_by;

  SpSipInvitation  *invitation;
  GDateTime        *invitation_sent_at; /* the first sending: the legal clock runs from it */
  GPtrArray        *invited_unit_ids;   /* char*: units the invitations gave access to */
  SpSipMapping     *mapping;

  SpSipPlan        *plan;               /* the working version */
  GPtrArray        *versions;           /* SpSipVersion; number i + 1 at index i */
  GPtrArray        *follow_ups;         /* SpSipFollowUp */
  SpSipEvaluation  *evaluation;
  SpSipClosing     *closing;
};

struct _SpSipPlan
{
  GObject     parent_instance;

  char       *main_goal;
  GPtrArray  *sub_goals;      /* SpSipSubGoal, in the order the patient sees them */
  GPtrArray  *interventions;  /* SpSipIntervention; per sub-goal in this order */
  char       *chair;
  char       *documenter;
  GPtrArray  *participants;   /* SpSipParticipant */
  char       *lead_name;
  char       *lead_unit_id;
  GDateTime  *follow_up_at;
  char       *follow_up_place;
  GDate       evaluation_date;

  /* Not serialised: the owning SIP derives it from its status. */
  gboolean    locked;
  SpSipError  refusal;
};

/* Lengths in characters. Ids are UUIDs here but may come from other systems. */
#define SP_SIP_MAX_ID   128
#define SP_SIP_MAX_NAME 256
#define SP_SIP_MAX_TEXT SP_JSON_MAX_TEXT

gboolean     sp_sip_has_text               (const char   *text);
gboolean     sp_sip_check_text             (const char   *field,
                                            const char   *value,
                                            gboolean      required,
                                            gsize         max_length,
                                            GError      **error);
gboolean     sp_sip_refuse                 (GError      **error,
                                            SpSipError    code,
                                            const char   *field,
                                            const char   *reason);
JsonObject  *sp_sip_json_array_get_object  (JsonArray    *array,
                                            const char   *member,
                                            guint         index,
                                            GError      **error);
gboolean     sp_sip_date_equal             (const GDate  *a,
                                            const GDate  *b);
void         sp_sip_replace_datetime       (GDateTime   **slot,
                                            GDateTime    *value);

gboolean     sp_sip_sub_goal_check         (const SpSipSubGoal      *goal,
                                            GError                 **error);
gboolean     sp_sip_intervention_check     (const SpSipIntervention *intervention,
                                            GError                 **error);
gboolean     sp_sip_participant_check      (const SpSipParticipant  *participant,
                                            GError                 **error);
gboolean     sp_sip_follow_up_check        (const SpSipFollowUp     *follow_up,
                                            GError                 **error);
gboolean     sp_sip_evaluation_check       (const SpSipEvaluation   *evaluation,
                                            GError                 **error);
gboolean     sp_sip_closing_check          (const SpSipClosing      *closing,
                                            GError                 **error);

gboolean     sp_sip_version_has_node       (SpSipVersion            *version,
                                            SpSipNodeKind            kind,
                                            const char              *node_id);

int          sp_sip_plan_find_node         (GPtrArray               *nodes,
                                            const char              *id);

/* The plan refuses every edit with @code (LOCKED once established, CLOSED once closed). */
void         sp_sip_plan_lock              (SpSipPlan    *plan,
                                            SpSipError    code);
void         sp_sip_plan_clear_signatures  (SpSipPlan    *plan);

G_END_DECLS
