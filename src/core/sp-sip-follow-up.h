/* sp-sip-follow-up.h — follow-up comments, the evaluation of the main goal, and closing
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SP_TYPE_SIP_FOLLOW_UP  (sp_sip_follow_up_get_type ())
#define SP_TYPE_SIP_EVALUATION (sp_sip_evaluation_get_type ())
#define SP_TYPE_SIP_CLOSING    (sp_sip_closing_get_type ())

typedef enum /*< prefix=SP_SIP_NODE >*/
{
  SP_SIP_NODE_SUB_GOAL,     /*< nick=sub_goal >*/
  SP_SIP_NODE_INTERVENTION, /*< nick=intervention >*/
} SpSipNodeKind;

typedef enum /*< prefix=SP_SIP_FOLLOW_UP_STATUS >*/
{
  SP_SIP_FOLLOW_UP_STATUS_ACHIEVED,     /*< nick=achieved >*/
  SP_SIP_FOLLOW_UP_STATUS_PARTLY,       /*< nick=partly >*/
  SP_SIP_FOLLOW_UP_STATUS_NOT_ACHIEVED, /*< nick=not_achieved >*/
} SpSipFollowUpStatus;

typedef enum /*< prefix=SP_SIP_CLOSE_REASON >*/
{
  SP_SIP_CLOSE_REASON_GOALS_MET,         /*< nick=goals_met >*/
  SP_SIP_CLOSE_REASON_NO_LONGER_NEEDED,  /*< nick=no_longer_needed >*/
  SP_SIP_CLOSE_REASON_CONSENT_WITHDRAWN, /*< nick=consent_withdrawn >*/
  SP_SIP_CLOSE_REASON_PATIENT_DECLINED,  /*< nick=patient_declined >*/ /* regrets the SIP */
  SP_SIP_CLOSE_REASON_OTHER,             /*< nick=other >*/            /* text required */
} SpSipCloseReason;

/**
 * SpSipFollowUp:
 * @version: the established version followed up
 * @node_kind: a sub-goal or an intervention
 * @node_id: the node in that version
 * @status: how far it got
 * @comment: the responsible's follow-up comment
 * @author: who wrote it
 * @written_at: when
 */
typedef struct
{
  guint                version;
  SpSipNodeKind        node_kind;
  char                *node_id;
  SpSipFollowUpStatus  status;
  char                *comment;
  char                *author;
  GDateTime           *written_at;
} SpSipFollowUp;

/**
 * SpSipEvaluation:
 * @text: the evaluation of the main goal, made by the lead with the patient
 * @author: who evaluated
 * @evaluated_at: when
 */
typedef struct
{
  char      *text;
  char      *author;
  GDateTime *evaluated_at;
} SpSipEvaluation;

/**
 * SpSipClosing:
 * @reason: why the SIP was closed
 * @text: (nullable): explanation; required for %SP_SIP_CLOSE_REASON_OTHER
 * @closed_by: who closed it
 * @closed_at: when
 */
typedef struct
{
  SpSipCloseReason  reason;
  char             *text;
  char             *closed_by;
  GDateTime        *closed_at;
} SpSipClosing;

GType            sp_sip_follow_up_get_type       (void) G_GNUC_CONST;
SpSipFollowUp   *sp_sip_follow_up_new            (SpSipNodeKind           node_kind,
                                                  const char             *node_id,
                                                  SpSipFollowUpStatus     status,
                                                  const char             *comment,
                                                  const char             *author,
                                                  GDateTime              *written_at);
SpSipFollowUp   *sp_sip_follow_up_copy           (const SpSipFollowUp    *follow_up);
void             sp_sip_follow_up_free           (SpSipFollowUp          *follow_up);
gboolean         sp_sip_follow_up_equal          (const SpSipFollowUp    *a,
                                                  const SpSipFollowUp    *b);
JsonNode        *sp_sip_follow_up_to_json        (const SpSipFollowUp    *follow_up);
SpSipFollowUp   *sp_sip_follow_up_new_from_json  (JsonNode               *node,
                                                  GError                **error);

GType            sp_sip_evaluation_get_type      (void) G_GNUC_CONST;
SpSipEvaluation *sp_sip_evaluation_new           (const char             *text,
                                                  const char             *author,
                                                  GDateTime              *evaluated_at);
SpSipEvaluation *sp_sip_evaluation_copy          (const SpSipEvaluation  *evaluation);
void             sp_sip_evaluation_free          (SpSipEvaluation        *evaluation);
gboolean         sp_sip_evaluation_equal         (const SpSipEvaluation  *a,
                                                  const SpSipEvaluation  *b);
JsonNode        *sp_sip_evaluation_to_json       (const SpSipEvaluation  *evaluation);
SpSipEvaluation *sp_sip_evaluation_new_from_json (JsonNode               *node,
                                                  GError                **error);

GType            sp_sip_closing_get_type         (void) G_GNUC_CONST;
SpSipClosing    *sp_sip_closing_new              (SpSipCloseReason        reason,
                                                  const char             *text,
                                                  const char             *closed_by,
                                                  GDateTime              *closed_at);
SpSipClosing    *sp_sip_closing_copy             (const SpSipClosing     *closing);
void             sp_sip_closing_free             (SpSipClosing           *closing);
gboolean         sp_sip_closing_equal            (const SpSipClosing     *a,
                                                  const SpSipClosing     *b);
JsonNode        *sp_sip_closing_to_json          (const SpSipClosing     *closing);
SpSipClosing    *sp_sip_closing_new_from_json    (JsonNode               *node,
                                                  GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSipFollowUp, sp_sip_follow_up_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSipEvaluation, sp_sip_evaluation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpSipClosing, sp_sip_closing_free)

G_END_DECLS
