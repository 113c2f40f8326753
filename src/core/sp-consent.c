/* sp-consent.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-consent"

#include "config.h"

#include "sp-consent.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-types.h"

#define MAX_NAME 256

G_DEFINE_QUARK (sp-consent-error-quark, sp_consent_error)

/* Who documented something: a user's name, professional title and unit. */
typedef struct
{
  char *name;
  char *title;
  char *unit_id;
} Signer;

struct _SpConsent
{
  GObject         parent_instance;

  SpConsentKind   kind;
  SpConsentForm   form;
  SpConsentGiver  given_by;
  char           *giver_name;
  /* A child's own view is asked for as well (DOMAIN §3); it is not the consent itself. */
  gboolean        child_asked;
  Signer          recorded_by;
  GDateTime      *recorded_at;

  /* A withdrawal is documented, never a deletion. */
  GDateTime      *withdrawn_at;
  Signer          withdrawn_by;
};

struct _SpHarmAssessment
{
  GObject        parent_instance;

  char          *made_by_name;
  char          *made_by_title;
  char          *unit_id;
  GDateTime     *at;
  SpHarmOutcome  outcome;
  char          *note;
};

struct _SpConsentSet
{
  GObject    parent_instance;

  GPtrArray *consents;          /* SpConsent, in the order recorded */
  GPtrArray *harm_assessments;  /* SpHarmAssessment, in the order recorded */
};

G_DEFINE_FINAL_TYPE (SpConsent, sp_consent, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (SpHarmAssessment, sp_harm_assessment, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (SpConsentSet, sp_consent_set, G_TYPE_OBJECT)

static gboolean
is_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static void
signer_clear (Signer *signer)
{
  g_clear_pointer (&signer->name, g_free);
  g_clear_pointer (&signer->title, g_free);
  g_clear_pointer (&signer->unit_id, g_free);
}

static void
signer_set (Signer     *signer,
            const char *name,
            const char *title,
            const char *unit_id)
{
  signer_clear (signer);
  signer->name = g_strdup (name);
  signer->title = g_strdup (title);
  signer->unit_id = g_strdup (unit_id);
}

static gboolean
signer_equal (const Signer *a,
              const Signer *b)
{
  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->unit_id, b->unit_id) == 0;
}

static JsonNode *
signer_to_json (const Signer *signer)
{
  JsonObject *object = json_object_new ();

  sp_json_set_string (object, "name", signer->name);
  sp_json_set_string (object, "title", signer->title);
  sp_json_set_string (object, "unit_id", signer->unit_id);
  return sp_json_node_new_object (object);
}

/* Reads a member that must be present and not empty; the error names @member. */
static gboolean
get_text (JsonObject  *object,
          const char  *member,
          char       **out,
          GError     **error)
{
  if (!sp_json_get_string (object, member, TRUE, MAX_NAME, out, error))
    return FALSE;

  if (**out == '\0')
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s: empty", member);
      return FALSE;
    }

  return TRUE;
}

static gboolean
signer_from_json (JsonObject  *parent,
                  const char  *member,
                  Signer      *out,
                  GError     **error)
{
  JsonObject *object = sp_json_get_object (parent, member, TRUE, error);

  if (object == NULL)
    return FALSE;

  if (!get_text (object, "name", &out->name, error) ||
      !sp_json_get_string (object, "title", FALSE, MAX_NAME, &out->title, error) ||
      !get_text (object, "unit_id", &out->unit_id, error))
    {
      g_prefix_error (error, "%s.", member);
      return FALSE;
    }

  return TRUE;
}

/* SpConsent */

static void
sp_consent_finalize (GObject *object)
{
  SpConsent *self = SP_CONSENT (object);

  g_clear_pointer (&self->giver_name, g_free);
  signer_clear (&self->recorded_by);
  g_clear_pointer (&self->recorded_at, g_date_time_unref);
  g_clear_pointer (&self->withdrawn_at, g_date_time_unref);
  signer_clear (&self->withdrawn_by);

  G_OBJECT_CLASS (sp_consent_parent_class)->finalize (object);
}

static void
sp_consent_class_init (SpConsentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_consent_finalize;
}

static void
sp_consent_init (SpConsent *self)
{
}

/**
 * sp_consent_new:
 * @kind: what the consent is for
 * @form: oral or written
 * @given_by: who gave it
 * @giver_name: (nullable): the guardian's or representative's name; may be %NULL when the
 *   patient gave it
 * @recorded_by_name: the user who documented it
 * @recorded_by_title: (nullable): their professional title
 * @recorded_by_unit_id: their unit
 * @recorded_at: when it was documented; whole seconds
 *
 * Returns: (transfer full): a consent in force from @recorded_at.
 */
SpConsent *
sp_consent_new (SpConsentKind   kind,
                SpConsentForm   form,
                SpConsentGiver  given_by,
                const char     *giver_name,
                const char     *recorded_by_name,
                const char     *recorded_by_title,
                const char     *recorded_by_unit_id,
                GDateTime      *recorded_at)
{
  SpConsent *self;

  g_return_val_if_fail (kind <= SP_CONSENT_KIND_NEXT_OF_KIN, NULL);
  g_return_val_if_fail (form <= SP_CONSENT_FORM_WRITTEN, NULL);
  g_return_val_if_fail (given_by <= SP_CONSENT_GIVER_LEGAL_REPRESENTATIVE, NULL);
  g_return_val_if_fail (given_by == SP_CONSENT_GIVER_PATIENT || is_text (giver_name), NULL);
  g_return_val_if_fail (is_text (recorded_by_name), NULL);
  g_return_val_if_fail (is_text (recorded_by_unit_id), NULL);
  g_return_val_if_fail (recorded_at != NULL, NULL);

  self = g_object_new (SP_TYPE_CONSENT, NULL);
  self->kind = kind;
  self->form = form;
  self->given_by = given_by;
  self->giver_name = g_strdup (giver_name);
  signer_set (&self->recorded_by, recorded_by_name, recorded_by_title, recorded_by_unit_id);
  self->recorded_at = g_date_time_ref (recorded_at);

  return self;
}

SpConsentKind
sp_consent_get_kind (SpConsent *self)
{
  g_return_val_if_fail (SP_IS_CONSENT (self), SP_CONSENT_KIND_SVU_EXCHANGE);

  return self->kind;
}

SpConsentForm
sp_consent_get_form (SpConsent *self)
{
  g_return_val_if_fail (SP_IS_CONSENT (self), SP_CONSENT_FORM_ORAL);

  return self->form;
}

SpConsentGiver
sp_consent_get_given_by (SpConsent *self)
{
  g_return_val_if_fail (SP_IS_CONSENT (self), SP_CONSENT_GIVER_PATIENT);

  return self->given_by;
}

/**
 * sp_consent_get_giver_name:
 *
 * Returns: (transfer none) (nullable): the name of who gave the consent.
 */
const char *
sp_consent_get_giver_name (SpConsent *self)
{
  g_return_val_if_fail (SP_IS_CONSENT (self), NULL);

  return self->giver_name;
}

/**
 * sp_consent_get_child_asked:
 *
 * Returns: whether a child patient was also asked (DOMAIN §3). It does not make a child's
 *   own consent count: a guardian or legal representative must give it.
 */
gboolean
sp_consent_get_child_asked (SpConsent *self)
{
  g_return_val_if_fail (SP_IS_CONSENT (self), FALSE);

  return self->child_asked;
}

void
sp_consent_set_child_asked (SpConsent *self,
                            gboolean   child_asked)
{
  g_return_if_fail (SP_IS_CONSENT (self));

  self->child_asked = !!child_asked;
}

const char *
sp_consent_get_recorded_by_name (SpConsent *self)
{
  g_return_val_if_fail (SP_IS_CONSENT (self), NULL);

  return self->recorded_by.name;
}

/**
 * sp_consent_get_recorded_by_title:
 *
 * Returns: (transfer none) (nullable): the recorder's professional title.
 */
const char *
sp_consent_get_recorded_by_title (SpConsent *self)
{
  g_return_val_if_fail (SP_IS_CONSENT (self), NULL);

  return self->recorded_by.title;
}

const char *
sp_consent_get_recorded_by_unit_id (SpConsent *self)
{
  g_return_val_if_fail (SP_IS_CONSENT (self), NULL);

  return self->recorded_by.unit_id;
}

/**
 * sp_consent_get_recorded_at:
 *
 * Returns: (transfer none): when the consent was documented; it is in force from then.
 */
GDateTime *
sp_consent_get_recorded_at (SpConsent *self)
{
  g_return_val_if_fail (SP_IS_CONSENT (self), NULL);

  return self->recorded_at;
}

/**
 * sp_consent_withdraw:
 * @at: when the withdrawal was documented; whole seconds
 * @by_name: the user who documented it
 * @by_title: (nullable): their professional title
 * @by_unit_id: their unit
 *
 * Documents that the consent was withdrawn. The record stays: a withdrawal is never a delete.
 *
 * Returns: %TRUE, or %FALSE with @error set if it was already withdrawn or @at precedes the
 *   consent.
 */
gboolean
sp_consent_withdraw (SpConsent   *self,
                     GDateTime   *at,
                     const char  *by_name,
                     const char  *by_title,
                     const char  *by_unit_id,
                     GError     **error)
{
  g_return_val_if_fail (SP_IS_CONSENT (self), FALSE);
  g_return_val_if_fail (at != NULL, FALSE);
  g_return_val_if_fail (is_text (by_name), FALSE);
  g_return_val_if_fail (is_text (by_unit_id), FALSE);

  if (self->withdrawn_at != NULL)
    {
      g_set_error_literal (error, SP_CONSENT_ERROR, SP_CONSENT_ERROR_ALREADY_WITHDRAWN,
                           "The consent is already withdrawn");
      return FALSE;
    }

  if (g_date_time_compare (at, self->recorded_at) < 0)
    {
      g_set_error_literal (error, SP_CONSENT_ERROR, SP_CONSENT_ERROR_INVALID,
                           "A withdrawal cannot precede the consent");
      return FALSE;
    }

  self->withdrawn_at = g_date_time_ref (at);
  signer_set (&self->withdrawn_by, by_name, by_title, by_unit_id);
  return TRUE;
}

/**
 * sp_consent_get_withdrawn_at:
 *
 * Returns: (transfer none) (nullable): when the withdrawal was documented, if it was.
 */
GDateTime *
sp_consent_get_withdrawn_at (SpConsent *self)
{
  g_return_val_if_fail (SP_IS_CONSENT (self), NULL);

  return self->withdrawn_at;
}

/**
 * sp_consent_get_withdrawn_by_name:
 *
 * Returns: (transfer none) (nullable): who documented the withdrawal.
 */
const char *
sp_consent_get_withdrawn_by_name (SpConsent *self)
{
  g_return_val_if_fail (SP_IS_CONSENT (self), NULL);

  return self->withdrawn_by.name;
}

/**
 * sp_consent_get_withdrawn_by_title:
 *
 * Returns: (transfer none) (nullable): their professional title.
 */
const char *
sp_consent_get_withdrawn_by_title (SpConsent *self)
{
  g_return_val_if_fail (SP_IS_CONSENT (self), NULL);

  return self->withdrawn_by.title;
}

/**
 * sp_consent_get_withdrawn_by_unit_id:
 *
 * Returns: (transfer none) (nullable): their unit.
 */
const char *
sp_consent_get_withdrawn_by_unit_id (SpConsent *self)
{
  g_return_val_if_fail (SP_IS_CONSENT (self), NULL);

  return self->withdrawn_by.unit_id;
}

/**
 * sp_consent_is_in_force:
 *
 * Returns: %TRUE if at @at the consent had been recorded and not yet withdrawn. Who gave it is
 *   not considered here; see sp_consent_set_is_given().
 */
gboolean
sp_consent_is_in_force (SpConsent *self,
                        GDateTime *at)
{
  g_return_val_if_fail (SP_IS_CONSENT (self), FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  return g_date_time_compare (self->recorded_at, at) <= 0 &&
         (self->withdrawn_at == NULL || g_date_time_compare (at, self->withdrawn_at) < 0);
}

/**
 * sp_consent_to_json:
 *
 * Returns: (transfer full): the consent as a JSON object (embedded: no "format").
 */
JsonNode *
sp_consent_to_json (SpConsent *self)
{
  JsonObject *object;

  g_return_val_if_fail (SP_IS_CONSENT (self), NULL);

  object = json_object_new ();
  sp_json_set_enum (object, "kind", SP_TYPE_CONSENT_KIND, self->kind);
  sp_json_set_enum (object, "form", SP_TYPE_CONSENT_FORM, self->form);
  sp_json_set_enum (object, "given_by", SP_TYPE_CONSENT_GIVER, self->given_by);
  sp_json_set_string (object, "giver_name", self->giver_name);
  json_object_set_boolean_member (object, "child_asked", self->child_asked);
  json_object_set_member (object, "recorded_by", signer_to_json (&self->recorded_by));
  sp_json_set_datetime (object, "recorded_at", self->recorded_at);

  if (self->withdrawn_at != NULL)
    {
      JsonObject *withdrawal = json_object_new ();

      sp_json_set_datetime (withdrawal, "at", self->withdrawn_at);
      json_object_set_member (withdrawal, "by", signer_to_json (&self->withdrawn_by));
      json_object_set_object_member (object, "withdrawal", withdrawal);
    }
  else
    {
      json_object_set_null_member (object, "withdrawal");
    }

  return sp_json_node_new_object (object);
}

static gboolean
withdrawal_from_json (SpConsent   *self,
                      JsonObject  *object,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *withdrawal = sp_json_get_object (object, "withdrawal", FALSE, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (withdrawal == NULL)
    return TRUE;

  if (!sp_json_get_datetime (withdrawal, "at", TRUE, &self->withdrawn_at, error) ||
      !signer_from_json (withdrawal, "by", &self->withdrawn_by, error))
    {
      g_prefix_error (error, "withdrawal.");
      return FALSE;
    }

  if (g_date_time_compare (self->withdrawn_at, self->recorded_at) < 0)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "withdrawal.at: before the consent was recorded");
      return FALSE;
    }

  return TRUE;
}

/**
 * sp_consent_new_from_json:
 *
 * Reads what sp_consent_to_json() wrote; strict (see sp-json.h).
 *
 * Returns: (transfer full) (nullable): the consent, or %NULL with @error set.
 */
SpConsent *
sp_consent_new_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(SpConsent) self = g_object_new (SP_TYPE_CONSENT, NULL);
  JsonObject *object;
  int kind = 0, form = 0, given_by = 0;

  object = sp_json_node_get_object (node, NULL, error);
  if (object == NULL)
    return NULL;

  if (!sp_json_get_enum (object, "kind", TRUE, SP_TYPE_CONSENT_KIND, &kind, error) ||
      !sp_json_get_enum (object, "form", TRUE, SP_TYPE_CONSENT_FORM, &form, error) ||
      !sp_json_get_enum (object, "given_by", TRUE, SP_TYPE_CONSENT_GIVER, &given_by, error))
    return NULL;

  self->kind = kind;
  self->form = form;
  self->given_by = given_by;

  /* A guardian or representative must be named; the patient is named by the episode. */
  if (given_by == SP_CONSENT_GIVER_PATIENT)
    {
      if (!sp_json_get_string (object, "giver_name", FALSE, MAX_NAME, &self->giver_name, error))
        return NULL;
    }
  else if (!get_text (object, "giver_name", &self->giver_name, error))
    {
      return NULL;
    }

  if (!sp_json_get_bool (object, "child_asked", TRUE, &self->child_asked, error) ||
      !signer_from_json (object, "recorded_by", &self->recorded_by, error) ||
      !sp_json_get_datetime (object, "recorded_at", TRUE, &self->recorded_at, error) ||
      !withdrawal_from_json (self, object, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * sp_consent_equal:
 *
 * Returns: %TRUE if @a and @b hold the same data, withdrawal included.
 */
gboolean
sp_consent_equal (SpConsent *a,
                  SpConsent *b)
{
  g_return_val_if_fail (SP_IS_CONSENT (a), FALSE);
  g_return_val_if_fail (SP_IS_CONSENT (b), FALSE);

  return a->kind == b->kind &&
         a->form == b->form &&
         a->given_by == b->given_by &&
         g_strcmp0 (a->giver_name, b->giver_name) == 0 &&
         a->child_asked == b->child_asked &&
         signer_equal (&a->recorded_by, &b->recorded_by) &&
         g_date_time_equal (a->recorded_at, b->recorded_at) &&
         sp_date_time_equal0 (a->withdrawn_at, b->withdrawn_at) &&
         signer_equal (&a->withdrawn_by, &b->withdrawn_by);
}

/* SpHarmAssessment */

static void
sp_harm_assessment_finalize (GObject *object)
{
  SpHarmAssessment *self = SP_HARM_ASSESSMENT (object);

  g_clear_pointer (&self->made_by_name, g_free);
  g_clear_pointer (&self->made_by_title, g_free);
  g_clear_pointer (&self->unit_id, g_free);
  g_clear_pointer (&self->at, g_date_time_unref);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (sp_harm_assessment_parent_class)->finalize (object);
}

static void
sp_harm_assessment_class_init (SpHarmAssessmentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_harm_assessment_finalize;
}

static void
sp_harm_assessment_init (SpHarmAssessment *self)
{
}

/**
 * sp_harm_assessment_new:
 * @made_by_name: who made the assessment; required (DOMAIN §4)
 * @made_by_title: their professional title; required (DOMAIN §4)
 * @unit_id: their unit
 * @at: when it was made; whole seconds
 * @outcome: whether information may be shared
 * @note: (nullable): free text
 *
 * Returns: (transfer full): a new harm assessment.
 */
SpHarmAssessment *
sp_harm_assessment_new (const char    *made_by_name,
                        const char    *made_by_title,
                        const char    *unit_id,
                        GDateTime     *at,
                        SpHarmOutcome  outcome,
                        const char    *note)
{
  SpHarmAssessment *self;

  g_return_val_if_fail (is_text (made_by_name), NULL);
  g_return_val_if_fail (is_text (made_by_title), NULL);
  g_return_val_if_fail (is_text (unit_id), NULL);
  g_return_val_if_fail (at != NULL, NULL);
  g_return_val_if_fail (outcome <= SP_HARM_OUTCOME_MAY_NOT_SHARE, NULL);

  self = g_object_new (SP_TYPE_HARM_ASSESSMENT, NULL);
  self->made_by_name = g_strdup (made_by_name);
  self->made_by_title = g_strdup (made_by_title);
  self->unit_id = g_strdup (unit_id);
  self->at = g_date_time_ref (at);
  self->outcome = outcome;
  self->note = g_strdup (note);

  return self;
}

const char *
sp_harm_assessment_get_made_by_name (SpHarmAssessment *self)
{
  g_return_val_if_fail (SP_IS_HARM_ASSESSMENT (self), NULL);

  return self->made_by_name;
}

const char *
sp_harm_assessment_get_made_by_title (SpHarmAssessment *self)
{
  g_return_val_if_fail (SP_IS_HARM_ASSESSMENT (self), NULL);

  return self->made_by_title;
}

const char *
sp_harm_assessment_get_unit_id (SpHarmAssessment *self)
{
  g_return_val_if_fail (SP_IS_HARM_ASSESSMENT (self), NULL);

  return self->unit_id;
}

/**
 * sp_harm_assessment_get_at:
 *
 * Returns: (transfer none): when the assessment was made.
 */
GDateTime *
sp_harm_assessment_get_at (SpHarmAssessment *self)
{
  g_return_val_if_fail (SP_IS_HARM_ASSESSMENT (self), NULL);

  return self->at;
}

SpHarmOutcome
sp_harm_assessment_get_outcome (SpHarmAssessment *self)
{
  g_return_val_if_fail (SP_IS_HARM_ASSESSMENT (self), SP_HARM_OUTCOME_MAY_NOT_SHARE);

  return self->outcome;
}

/**
 * sp_harm_assessment_get_note:
 *
 * Returns: (transfer none) (nullable): the free-text note.
 */
const char *
sp_harm_assessment_get_note (SpHarmAssessment *self)
{
  g_return_val_if_fail (SP_IS_HARM_ASSESSMENT (self), NULL);

  return self->note;
}

/**
 * sp_harm_assessment_to_json:
 *
 * Returns: (transfer full): the assessment as a JSON object (embedded: no "format").
 */
JsonNode *
sp_harm_assessment_to_json (SpHarmAssessment *self)
{
  JsonObject *object;

  g_return_val_if_fail (SP_IS_HARM_ASSESSMENT (self), NULL);

  object = json_object_new ();
  sp_json_set_string (object, "made_by_name", self->made_by_name);
  sp_json_set_string (object, "made_by_title", self->made_by_title);
  sp_json_set_string (object, "unit_id", self->unit_id);
  sp_json_set_datetime (object, "at", self->at);
  sp_json_set_enum (object, "outcome", SP_TYPE_HARM_OUTCOME, self->outcome);
  sp_json_set_string (object, "note", self->note);

  return sp_json_node_new_object (object);
}

/**
 * sp_harm_assessment_new_from_json:
 *
 * Reads what sp_harm_assessment_to_json() wrote. A missing or empty name or title is an error
 * naming the member: an assessment without them is not valid (DOMAIN §4).
 *
 * Returns: (transfer full) (nullable): the assessment, or %NULL with @error set.
 */
SpHarmAssessment *
sp_harm_assessment_new_from_json (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr(SpHarmAssessment) self = g_object_new (SP_TYPE_HARM_ASSESSMENT, NULL);
  JsonObject *object;
  int outcome = 0;

  object = sp_json_node_get_object (node, NULL, error);
  if (object == NULL)
    return NULL;

  if (!get_text (object, "made_by_name", &self->made_by_name, error) ||
      !get_text (object, "made_by_title", &self->made_by_title, error) ||
      !get_text (object, "unit_id", &self->unit_id, error) ||
      !sp_json_get_datetime (object, "at", TRUE, &self->at, error) ||
      !sp_json_get_enum (object, "outcome", TRUE, SP_TYPE_HARM_OUTCOME, &outcome, error) ||
      !sp_json_get_string (object, "note", FALSE, SP_JSON_MAX_TEXT, &self->note, error))
    return NULL;

  self->outcome = outcome;
  return g_steal_pointer (&self);
}

gboolean
sp_harm_assessment_equal (SpHarmAssessment *a,
                          SpHarmAssessment *b)
{
  g_return_val_if_fail (SP_IS_HARM_ASSESSMENT (a), FALSE);
  g_return_val_if_fail (SP_IS_HARM_ASSESSMENT (b), FALSE);

  return g_strcmp0 (a->made_by_name, b->made_by_name) == 0 &&
         g_strcmp0 (a->made_by_title, b->made_by_title) == 0 &&
         g_strcmp0 (a->unit_id, b->unit_id) == 0 &&
         g_date_time_equal (a->at, b->at) &&
         a->outcome == b->outcome &&
         g_strcmp0 (a->note, b->note) == 0;
}

/* SpConsentSet */

static void
sp_consent_set_finalize (GObject *object)
{
  SpConsentSet *self = SP_CONSENT_SET (object);

  g_clear_pointer (&self->consents, g_ptr_array_unref);
  g_clear_pointer (&self->harm_assessments, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_consent_set_parent_class)->finalize (object);
}

static void
sp_consent_set_class_init (SpConsentSetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_consent_set_finalize;
}

static void
sp_consent_set_init (SpConsentSet *self)
{
  self->consents = g_ptr_array_new_with_free_func (g_object_unref);
  self->harm_assessments = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * sp_consent_set_new:
 *
 * Returns: (transfer full): an empty set: no consent, no harm assessment.
 */
SpConsentSet *
sp_consent_set_new (void)
{
  return g_object_new (SP_TYPE_CONSENT_SET, NULL);
}

/**
 * sp_consent_set_add:
 * @consent: (transfer none): the consent to append
 *
 * Appends @consent. Records are never removed; a withdrawal is made on the record itself
 * (sp_consent_withdraw()).
 */
void
sp_consent_set_add (SpConsentSet *self,
                    SpConsent    *consent)
{
  g_return_if_fail (SP_IS_CONSENT_SET (self));
  g_return_if_fail (SP_IS_CONSENT (consent));

  g_ptr_array_add (self->consents, g_object_ref (consent));
}

/**
 * sp_consent_set_get_consents:
 *
 * Returns: (transfer none) (element-type SpConsent): every consent in the order added.
 */
GPtrArray *
sp_consent_set_get_consents (SpConsentSet *self)
{
  g_return_val_if_fail (SP_IS_CONSENT_SET (self), NULL);

  return self->consents;
}

/**
 * sp_consent_set_get_latest:
 *
 * The latest record of @kind wins: of the consents recorded at or before @at, the one with the
 * latest recording time (of equal times, the one added last).
 *
 * Returns: (transfer none) (nullable): that consent, withdrawn or not.
 */
SpConsent *
sp_consent_set_get_latest (SpConsentSet  *self,
                           SpConsentKind  kind,
                           GDateTime     *at)
{
  SpConsent *latest = NULL;

  g_return_val_if_fail (SP_IS_CONSENT_SET (self), NULL);
  g_return_val_if_fail (at != NULL, NULL);

  for (guint i = 0; i < self->consents->len; i++)
    {
      SpConsent *consent = g_ptr_array_index (self->consents, i);

      if (consent->kind != kind || g_date_time_compare (consent->recorded_at, at) > 0)
        continue;

      if (latest == NULL || g_date_time_compare (consent->recorded_at, latest->recorded_at) >= 0)
        latest = consent;
    }

  return latest;
}

/**
 * sp_consent_set_is_given:
 * @is_child: whether the patient is under 18 at @at (the caller derives it from the identity
 *   number)
 *
 * Returns: %TRUE if the latest consent of @kind recorded at or before @at is in force at @at,
 *   and, for a child, was given by a guardian or legal representative: a child's own consent
 *   does not count (DOMAIN §3).
 */
gboolean
sp_consent_set_is_given (SpConsentSet  *self,
                         SpConsentKind  kind,
                         GDateTime     *at,
                         gboolean       is_child)
{
  SpConsent *latest;

  g_return_val_if_fail (SP_IS_CONSENT_SET (self), FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  latest = sp_consent_set_get_latest (self, kind, at);
  if (latest == NULL || !sp_consent_is_in_force (latest, at))
    return FALSE;

  return !is_child || latest->given_by != SP_CONSENT_GIVER_PATIENT;
}

/**
 * sp_consent_set_add_harm_assessment:
 * @assessment: (transfer none): the assessment to append
 */
void
sp_consent_set_add_harm_assessment (SpConsentSet     *self,
                                    SpHarmAssessment *assessment)
{
  g_return_if_fail (SP_IS_CONSENT_SET (self));
  g_return_if_fail (SP_IS_HARM_ASSESSMENT (assessment));

  g_ptr_array_add (self->harm_assessments, g_object_ref (assessment));
}

/**
 * sp_consent_set_get_harm_assessments:
 *
 * Returns: (transfer none) (element-type SpHarmAssessment): every assessment in the order added.
 */
GPtrArray *
sp_consent_set_get_harm_assessments (SpConsentSet *self)
{
  g_return_val_if_fail (SP_IS_CONSENT_SET (self), NULL);

  return self->harm_assessments;
}

/**
 * sp_consent_set_get_harm_assessment:
 *
 * Returns: (transfer none) (nullable): the latest assessment made at or before @at (of equal
 *   times, the one added last): a new assessment replaces the earlier one.
 */
SpHarmAssessment *
sp_consent_set_get_harm_assessment (SpConsentSet *self,
                                    GDateTime    *at)
{
  SpHarmAssessment *latest = NULL;

  g_return_val_if_fail (SP_IS_CONSENT_SET (self), NULL);
  g_return_val_if_fail (at != NULL, NULL);

  for (guint i = 0; i < self->harm_assessments->len; i++)
    {
      SpHarmAssessment *assessment = g_ptr_array_index (self->harm_assessments, i);

      if (g_date_time_compare (assessment->at, at) > 0)
        continue;

      if (latest == NULL || g_date_time_compare (assessment->at, latest->at) >= 0)
        latest = assessment;
    }

  return latest;
}

/**
 * sp_consent_set_harm_assessment_allows:
 *
 * Returns: %TRUE if the assessment in force at @at says information may be shared. Who may
 *   then see what (health care only) is sp-access's rule.
 */
gboolean
sp_consent_set_harm_assessment_allows (SpConsentSet *self,
                                       GDateTime    *at)
{
  SpHarmAssessment *assessment = sp_consent_set_get_harm_assessment (self, at);

  return assessment != NULL && assessment->outcome == SP_HARM_OUTCOME_MAY_SHARE;
}

/**
 * sp_consent_set_to_json:
 *
 * Returns: (transfer full): {"consents": […], "harm_assessments": […]} (embedded: no "format").
 */
JsonNode *
sp_consent_set_to_json (SpConsentSet *self)
{
  JsonObject *object;
  JsonArray *consents;
  JsonArray *assessments;

  g_return_val_if_fail (SP_IS_CONSENT_SET (self), NULL);

  consents = json_array_new ();
  for (guint i = 0; i < self->consents->len; i++)
    json_array_add_element (consents, sp_consent_to_json (g_ptr_array_index (self->consents, i)));

  assessments = json_array_new ();
  for (guint i = 0; i < self->harm_assessments->len; i++)
    json_array_add_element (assessments,
                            sp_harm_assessment_to_json (g_ptr_array_index (self->harm_assessments,
                                                                           i)));

  object = json_object_new ();
  json_object_set_array_member (object, "consents", consents);
  json_object_set_array_member (object, "harm_assessments", assessments);
  return sp_json_node_new_object (object);
}

/**
 * sp_consent_set_new_from_json:
 *
 * Reads what sp_consent_set_to_json() wrote; errors name the element ("consents[2].kind: …").
 *
 * Returns: (transfer full) (nullable): the set, or %NULL with @error set.
 */
SpConsentSet *
sp_consent_set_new_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(SpConsentSet) self = sp_consent_set_new ();
  JsonObject *object;
  JsonArray *consents;
  JsonArray *assessments;

  object = sp_json_node_get_object (node, NULL, error);
  if (object == NULL)
    return NULL;

  consents = sp_json_get_array (object, "consents", TRUE, error);
  if (consents == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (consents); i++)
    {
      SpConsent *consent = sp_consent_new_from_json (json_array_get_element (consents, i), error);

      if (consent == NULL)
        {
          g_prefix_error (error, "consents[%u].", i);
          return NULL;
        }
      g_ptr_array_add (self->consents, consent);
    }

  assessments = sp_json_get_array (object, "harm_assessments", TRUE, error);
  if (assessments == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (assessments); i++)
    {
      SpHarmAssessment *assessment;

      assessment = sp_harm_assessment_new_from_json (json_array_get_element (assessments, i),
                                                     error);
      if (assessment == NULL)
        {
          g_prefix_error (error, "harm_assessments[%u].", i);
          return NULL;
        }
      g_ptr_array_add (self->harm_assessments, assessment);
    }

  return g_steal_pointer (&self);
}

gboolean
sp_consent_set_equal (SpConsentSet *a,
                      SpConsentSet *b)
{
  g_return_val_if_fail (SP_IS_CONSENT_SET (a), FALSE);
  g_return_val_if_fail (SP_IS_CONSENT_SET (b), FALSE);

  if (a->consents->len != b->consents->len ||
      a->harm_assessments->len != b->harm_assessments->len)
    return FALSE;

  for (guint i = 0; i < a->consents->len; i++)
    if (!sp_consent_equal (g_ptr_array_index (a->consents, i),
                           g_ptr_array_index (b->consents, i)))
      return FALSE;

  for (guint i = 0; i < a->harm_assessments->len; i++)
    if (!sp_harm_assessment_equal (g_ptr_array_index (a->harm_assessments, i),
                                   g_ptr_array_index (b->harm_assessments, i)))
      return FALSE;

  return TRUE;
}
