/* sp-consent.h — consent (samtycke) and harm assessment (menprövning), DOMAIN §4
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What the consent is for: each is given and withdrawn separately (DOMAIN §4). */
typedef enum /*< prefix=SP_CONSENT_KIND >*/
{
  SP_CONSENT_KIND_SVU_EXCHANGE, /*< nick=svu_exchange >*/
  SP_CONSENT_KIND_NPO,          /*< nick=npo >*/
  SP_CONSENT_KIND_SIP,          /*< nick=sip >*/
  SP_CONSENT_KIND_NEXT_OF_KIN,  /*< nick=next_of_kin >*/
} SpConsentKind;

typedef enum /*< prefix=SP_CONSENT_FORM >*/
{
  SP_CONSENT_FORM_ORAL,    /*< nick=oral >*/
  SP_CONSENT_FORM_WRITTEN, /*< nick=written >*/
} SpConsentForm;

typedef enum /*< prefix=SP_CONSENT_GIVER >*/
{
  SP_CONSENT_GIVER_PATIENT,              /*< nick=patient >*/
  SP_CONSENT_GIVER_GUARDIAN,             /*< nick=guardian >*/
  SP_CONSENT_GIVER_LEGAL_REPRESENTATIVE, /*< nick=legal_representative >*/
} SpConsentGiver;

typedef enum /*< prefix=SP_HARM_OUTCOME >*/
{
  SP_HARM_OUTCOME_MAY_SHARE,     /*< nick=may_share >*/
  SP_HARM_OUTCOME_MAY_NOT_SHARE, /*< nick=may_not_share >*/
} SpHarmOutcome;

#define SP_CONSENT_ERROR (sp_consent_error_quark ())

typedef enum
{
  SP_CONSENT_ERROR_INVALID,
  SP_CONSENT_ERROR_ALREADY_WITHDRAWN,
} SpConsentError;

GQuark sp_consent_error_quark (void);

/* SpConsent: one documented consent. Only its withdrawal can change after it is recorded. */

#define SP_TYPE_CONSENT (sp_consent_get_type ())

G_DECLARE_FINAL_TYPE (SpConsent, sp_consent, SP, CONSENT, GObject)

SpConsent      *sp_consent_new                     (SpConsentKind    kind,
                                                    SpConsentForm    form,
                                                    SpConsentGiver   given_by,
                                                    const char      *giver_name,
                                                    const char      *recorded_by_name,
                                                    const char      *recorded_by_title,
                                                    const char      *recorded_by_unit_id,
                                                    GDateTime       *recorded_at);
SpConsentKind   sp_consent_get_kind                (SpConsent       *self);
SpConsentForm   sp_consent_get_form                (SpConsent       *self);
SpConsentGiver  sp_consent_get_given_by            (SpConsent       *self);
const char     *sp_consent_get_giver_name          (SpConsent       *self);
gboolean        sp_consent_get_child_asked         (SpConsent       *self);
void            sp_consent_set_child_asked         (SpConsent       *self,
                                                    gboolean         child_asked);
const char     *sp_consent_get_recorded_by_name    (SpConsent       *self);
const char     *sp_consent_get_recorded_by_title   (SpConsent       *self);
const char     *sp_consent_get_recorded_by_unit_id (SpConsent       *self);
GDateTime      *sp_consent_get_recorded_at         (SpConsent       *self);
gboolean        sp_consent_withdraw                (SpConsent       *self,
                                                    GDateTime       *at,
                                                    const char      *by_name,
                                                    const char      *by_title,
                                                    const char      *by_unit_id,
                                                    GError         **error);
GDateTime      *sp_consent_get_withdrawn_at        (SpConsent       *self);
const char     *sp_consent_get_withdrawn_by_name   (SpConsent       *self);
const char     *sp_consent_get_withdrawn_by_title  (SpConsent       *self);
const char     *sp_consent_get_withdrawn_by_unit_id (SpConsent      *self);
gboolean        sp_consent_is_in_force             (SpConsent       *self,
                                                    GDateTime       *at);

JsonNode       *sp_consent_to_json                 (SpConsent       *self);
SpConsent      *sp_consent_new_from_json           (JsonNode        *node,
                                                    GError         **error);
gboolean        sp_consent_equal                   (SpConsent       *a,
                                                    SpConsent       *b);

/* SpHarmAssessment: one menprövning; immutable. */

#define SP_TYPE_HARM_ASSESSMENT (sp_harm_assessment_get_type ())

G_DECLARE_FINAL_TYPE (SpHarmAssessment, sp_harm_assessment, SP, HARM_ASSESSMENT, GObject)

SpHarmAssessment *sp_harm_assessment_new               (const char        *made_by_name,
                                                        const char        *made_by_title,
                                                        const char        *unit_id,
                                                        GDateTime         *at,
                                                        SpHarmOutcome      outcome,
                                                        const char        *note);
const char       *sp_harm_assessment_get_made_by_name  (SpHarmAssessment  *self);
const char       *sp_harm_assessment_get_made_by_title (SpHarmAssessment  *self);
const char       *sp_harm_assessment_get_unit_id       (SpHarmAssessment  *self);
GDateTime        *sp_harm_assessment_get_at            (SpHarmAssessment  *self);
SpHarmOutcome     sp_harm_assessment_get_outcome       (SpHarmAssessment  *self);
const char       *sp_harm_assessment_get_note          (SpHarmAssessment  *self);

JsonNode         *sp_harm_assessment_to_json           (SpHarmAssessment  *self);
SpHarmAssessment *sp_harm_assessment_new_from_json     (JsonNode          *node,
                                                        GError           **error);
gboolean          sp_harm_assessment_equal             (SpHarmAssessment  *a,
                                                        SpHarmAssessment  *b);

/* SpConsentSet: the append-only consents and harm assessments of one patient's episode. */

#define SP_TYPE_CONSENT_SET (sp_consent_set_get_type ())

G_DECLARE_FINAL_TYPE (SpConsentSet, sp_consent_set, SP, CONSENT_SET, GObject)

SpConsentSet     *sp_consent_set_new                   (void);
void              sp_consent_set_add                   (SpConsentSet      *self,
                                                        SpConsent         *consent);
GPtrArray        *sp_consent_set_get_consents          (SpConsentSet      *self);
SpConsent        *sp_consent_set_get_latest            (SpConsentSet      *self,
                                                        SpConsentKind      kind,
                                                        GDateTime         *at);
gboolean          sp_consent_set_is_given              (SpConsentSet      *self,
                                                        SpConsentKind      kind,
                                                        GDateTime         *at,
                                                        gboolean           is_child);
void              sp_consent_set_add_harm_assessment   (SpConsentSet      *self,
                                                        SpHarmAssessment  *assessment);
GPtrArray        *sp_consent_set_get_harm_assessments  (SpConsentSet      *self);
SpHarmAssessment *sp_consent_set_get_harm_assessment   (SpConsentSet      *self,
                                                        GDateTime         *at);
gboolean          sp_consent_set_harm_assessment_allows (SpConsentSet     *self,
                                                        GDateTime         *at);

JsonNode         *sp_consent_set_to_json               (SpConsentSet      *self);
SpConsentSet     *sp_consent_set_new_from_json         (JsonNode          *node,
                                                        GError           **error);
gboolean          sp_consent_set_equal                 (SpConsentSet      *a,
                                                        SpConsentSet      *b);

G_END_DECLS
