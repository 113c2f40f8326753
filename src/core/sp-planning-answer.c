/* sp-planning-answer.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-planning"

#include "config.h"

#include <string.h>

#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-types.h"
#include "sp-planning-private.h"

#define KIND(k) (1u << SP_UNIT_KIND_##k)
#define KOMMUN (KIND (MUNICIPAL_HEALTH) | KIND (SOCIAL_SERVICES))

/* DOMAIN §6, "our formalisation": key, question as shown, who answers it (kommun = municipal
 * health care or social services, slutenvård = inpatient, öppenvård = outpatient). */
static const SpPlanningQuestion questions[] = {
  { "sol_before",
    "Har patienten insatser från socialtjänsten (SoL/LSS) sedan tidigare?",
    KOMMUN },
  { "hsl_before",
    "Har patienten insatser från kommunal hälso- och sjukvård eller rehabilitering sedan "
    "tidigare?",
    KOMMUN },
  { "region_before",
    "Har patienten insatser från regionens öppenvård sedan tidigare (t.ex. hemsjukvård, "
    "psykiatri)?",
    KIND (OUTPATIENT) },
  { "sol_new",
    "Finns behov av nya eller förändrade insatser från socialtjänsten?",
    KOMMUN | KIND (INPATIENT) },
  { "hsl_new",
    "Finns behov av nya eller förändrade insatser från kommunal hälso- och sjukvård eller "
    "rehabilitering?",
    KOMMUN | KIND (INPATIENT) },
  { "region_new",
    "Finns behov av nya eller förändrade insatser från regionens öppenvård?",
    KIND (OUTPATIENT) | KIND (INPATIENT) },
  { "short_term_stay",
    "Är korttidsvistelse aktuell?",
    KOMMUN },
  { "special_housing",
    "Bor patienten i, eller flyttar till, särskilt boende / boende med särskild service "
    "(SoL/LSS)?",
    KOMMUN },
  { "extensive",
    "Behövs omfattande eller avancerade vård- och rehabiliteringsinsatser i hemmet "
    "(övervakning, medicinteknisk utrustning, utbildning av personal)?",
    KIND (INPATIENT) | KIND (OUTPATIENT) },
  { "simple_only",
    "Behövs endast enstaka enklare vårdbesök (t.ex. suturtagning)?",
    KIND (INPATIENT) },
};

#define N_QUESTIONS G_N_ELEMENTS (questions)

struct _SpPlanningAnswer
{
  GObject          parent_instance;

  char            *episode_id;
  char            *unit_id;
  SpUnitKind       unit_kind;
  guint            version;  /* 0 until a basis adds it; then the answer is frozen */
  SpPlanningValue  values[N_QUESTIONS];  /* indexed like questions[] */
  char            *ongoing_interventions;
  char            *new_needs;
  char            *author_name;
  char            *author_title;
  GDateTime       *answered_at;
};

G_DEFINE_QUARK (sp-planning-error-quark, sp_planning_error)

G_DEFINE_FINAL_TYPE (SpPlanningAnswer, sp_planning_answer, G_TYPE_OBJECT)

static gboolean
is_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* Reads {"<key>": true|false|null, …}; null leaves a question unanswered, like absence. */
static gboolean
values_from_json (JsonObject       *object,
                  SpPlanningValue  *values,
                  GError          **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const SpPlanningQuestion *question = sp_planning_question_lookup (key);
      gboolean yes = FALSE;

      if (question == NULL)
        {
          g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "%s: unknown question", key);
          return FALSE;
        }

      if (JSON_NODE_HOLDS_NULL (json_object_get_member (object, key)))
        continue;

      if (!sp_json_get_bool (object, key, TRUE, &yes, error))
        return FALSE;

      values[question - questions] = yes ? SP_PLANNING_VALUE_YES : SP_PLANNING_VALUE_NO;
    }

  return TRUE;
}

static void
sp_planning_answer_finalize (GObject *object)
{
  SpPlanningAnswer *self = SP_PLANNING_ANSWER (object);

  g_clear_pointer (&self->episode_id, g_free);
  g_clear_pointer (&self->unit_id, g_free);
  g_clear_pointer (&self->ongoing_interventions, g_free);
  g_clear_pointer (&self->new_needs, g_free);
  g_clear_pointer (&self->author_name, g_free);
  g_clear_pointer (&self->author_title, g_free);
  g_clear_pointer (&self->answered_at, g_date_time_unref);

  G_OBJECT_CLASS (sp_planning_answer_parent_class)->finalize (object);
}

static void
sp_planning_answer_class_init (SpPlanningAnswerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_planning_answer_finalize;
}

static void
sp_planning_answer_init (SpPlanningAnswer *self)
{
  self->unit_kind = SP_UNIT_KIND_OTHER;
}

/**
 * sp_planning_get_questions:
 * @n: (out): the number of questions
 *
 * Returns: (transfer none) (array length=n): the fixed questions of DOMAIN §6, in its order.
 */
const SpPlanningQuestion *
sp_planning_get_questions (guint *n)
{
  g_return_val_if_fail (n != NULL, NULL);

  *n = N_QUESTIONS;
  return questions;
}

/**
 * sp_planning_question_lookup:
 *
 * Returns: (transfer none) (nullable): the question whose key is @key.
 */
const SpPlanningQuestion *
sp_planning_question_lookup (const char *key)
{
  for (guint i = 0; key != NULL && i < N_QUESTIONS; i++)
    if (g_str_equal (questions[i].key, key))
      return &questions[i];

  return NULL;
}

/**
 * sp_planning_question_may_answer:
 *
 * Each unit answers only for its own part (DOMAIN §6).
 *
 * Returns: whether a unit of @kind may answer @question.
 */
gboolean
sp_planning_question_may_answer (const SpPlanningQuestion *question,
                                 SpUnitKind                kind)
{
  g_return_val_if_fail (question != NULL, FALSE);

  return kind <= SP_UNIT_KIND_OTHER && (question->answered_by & (1u << kind)) != 0;
}

/**
 * sp_planning_answer_new:
 * @episode_id: (nullable): the episode; a basis accepts only its own episode's answers
 * @unit_id: the answering unit
 * @unit_kind: its kind, which decides the questions it may answer
 *
 * Returns: (transfer full): an unanswered, unsigned answer.
 */
SpPlanningAnswer *
sp_planning_answer_new (const char *episode_id,
                        const char *unit_id,
                        SpUnitKind  unit_kind)
{
  SpPlanningAnswer *self;

  g_return_val_if_fail (is_text (unit_id), NULL);
  g_return_val_if_fail (unit_kind <= SP_UNIT_KIND_OTHER, NULL);

  self = g_object_new (SP_TYPE_PLANNING_ANSWER, NULL);
  self->episode_id = g_strdup (episode_id);
  self->unit_id = g_strdup (unit_id);
  self->unit_kind = unit_kind;

  return self;
}

/**
 * sp_planning_answer_get_episode_id:
 *
 * Returns: (transfer none) (nullable): the episode.
 */
const char *
sp_planning_answer_get_episode_id (SpPlanningAnswer *self)
{
  g_return_val_if_fail (SP_IS_PLANNING_ANSWER (self), NULL);

  return self->episode_id;
}

const char *
sp_planning_answer_get_unit_id (SpPlanningAnswer *self)
{
  g_return_val_if_fail (SP_IS_PLANNING_ANSWER (self), NULL);

  return self->unit_id;
}

SpUnitKind
sp_planning_answer_get_unit_kind (SpPlanningAnswer *self)
{
  g_return_val_if_fail (SP_IS_PLANNING_ANSWER (self), SP_UNIT_KIND_OTHER);

  return self->unit_kind;
}

/**
 * sp_planning_answer_get_version:
 *
 * Returns: 1, 2, … per unit once added to a basis; 0 before.
 */
guint
sp_planning_answer_get_version (SpPlanningAnswer *self)
{
  g_return_val_if_fail (SP_IS_PLANNING_ANSWER (self), 0);

  return self->version;
}

/**
 * sp_planning_answer_get_value:
 * @key: a question key (see sp_planning_get_questions())
 */
SpPlanningValue
sp_planning_answer_get_value (SpPlanningAnswer *self,
                              const char       *key)
{
  const SpPlanningQuestion *question = sp_planning_question_lookup (key);

  g_return_val_if_fail (SP_IS_PLANNING_ANSWER (self), SP_PLANNING_VALUE_UNANSWERED);
  g_return_val_if_fail (question != NULL, SP_PLANNING_VALUE_UNANSWERED);

  return self->values[question - questions];
}

/**
 * sp_planning_answer_set_value:
 * @key: a question key
 *
 * Any question can be set here; sp_planning_answer_validate() refuses the ones the unit's
 * kind does not answer.
 */
void
sp_planning_answer_set_value (SpPlanningAnswer *self,
                              const char       *key,
                              SpPlanningValue   value)
{
  const SpPlanningQuestion *question = sp_planning_question_lookup (key);

  g_return_if_fail (SP_IS_PLANNING_ANSWER (self));
  g_return_if_fail (self->version == 0);
  g_return_if_fail (question != NULL);
  g_return_if_fail (value <= SP_PLANNING_VALUE_NO);

  self->values[question - questions] = value;
}

/**
 * sp_planning_answer_get_ongoing_interventions:
 *
 * Returns: (transfer none) (nullable): the free text on ongoing interventions.
 */
const char *
sp_planning_answer_get_ongoing_interventions (SpPlanningAnswer *self)
{
  g_return_val_if_fail (SP_IS_PLANNING_ANSWER (self), NULL);

  return self->ongoing_interventions;
}

/**
 * sp_planning_answer_set_ongoing_interventions:
 * @text: (nullable): at most %SP_JSON_MAX_TEXT characters (checked by validation)
 */
void
sp_planning_answer_set_ongoing_interventions (SpPlanningAnswer *self,
                                              const char       *text)
{
  g_return_if_fail (SP_IS_PLANNING_ANSWER (self));
  g_return_if_fail (self->version == 0);

  g_free (self->ongoing_interventions);
  self->ongoing_interventions = g_strdup (text);
}

/**
 * sp_planning_answer_get_new_needs:
 *
 * Returns: (transfer none) (nullable): the free text on new or changed needs.
 */
const char *
sp_planning_answer_get_new_needs (SpPlanningAnswer *self)
{
  g_return_val_if_fail (SP_IS_PLANNING_ANSWER (self), NULL);

  return self->new_needs;
}

/**
 * sp_planning_answer_set_new_needs:
 * @text: (nullable): at most %SP_JSON_MAX_TEXT characters (checked by validation)
 */
void
sp_planning_answer_set_new_needs (SpPlanningAnswer *self,
                                  const char       *text)
{
  g_return_if_fail (SP_IS_PLANNING_ANSWER (self));
  g_return_if_fail (self->version == 0);

  g_free (self->new_needs);
  self->new_needs = g_strdup (text);
}

/**
 * sp_planning_answer_get_author_name:
 *
 * Returns: (transfer none) (nullable): who answered.
 */
const char *
sp_planning_answer_get_author_name (SpPlanningAnswer *self)
{
  g_return_val_if_fail (SP_IS_PLANNING_ANSWER (self), NULL);

  return self->author_name;
}

/**
 * sp_planning_answer_get_author_title:
 *
 * Returns: (transfer none) (nullable): their professional title.
 */
const char *
sp_planning_answer_get_author_title (SpPlanningAnswer *self)
{
  g_return_val_if_fail (SP_IS_PLANNING_ANSWER (self), NULL);

  return self->author_title;
}

/**
 * sp_planning_answer_get_answered_at:
 *
 * Returns: (transfer none) (nullable): when the answer was signed.
 */
GDateTime *
sp_planning_answer_get_answered_at (SpPlanningAnswer *self)
{
  g_return_val_if_fail (SP_IS_PLANNING_ANSWER (self), NULL);

  return self->answered_at;
}

/**
 * sp_planning_answer_sign:
 * @author_name: (nullable): who answered
 * @author_title: (nullable): their professional title
 * @answered_at: (nullable): when; whole seconds
 *
 * Every entry records date, name and professional title (DOMAIN §6); validation requires all
 * three, so a draft may be signed later.
 */
void
sp_planning_answer_sign (SpPlanningAnswer *self,
                         const char       *author_name,
                         const char       *author_title,
                         GDateTime        *answered_at)
{
  g_return_if_fail (SP_IS_PLANNING_ANSWER (self));
  g_return_if_fail (self->version == 0);

  g_free (self->author_name);
  self->author_name = g_strdup (author_name);
  g_free (self->author_title);
  self->author_title = g_strdup (author_title);
  g_clear_pointer (&self->answered_at, g_date_time_unref);
  self->answered_at = answered_at != NULL ? g_date_time_ref (answered_at) : NULL;
}

/**
 * sp_planning_answer_validate:
 *
 * Checks that the unit answered only questions its kind may answer (the error names the
 * key: "answers.<key>: …"), that it is signed with name, title and time, and the lengths.
 *
 * Returns: %TRUE, or %FALSE with @error set in %SP_PLANNING_ERROR.
 */
gboolean
sp_planning_answer_validate (SpPlanningAnswer  *self,
                             GError           **error)
{
  g_return_val_if_fail (SP_IS_PLANNING_ANSWER (self), FALSE);

  for (guint i = 0; i < N_QUESTIONS; i++)
    if (self->values[i] != SP_PLANNING_VALUE_UNANSWERED &&
        !sp_planning_question_may_answer (&questions[i], self->unit_kind))
      {
        g_set_error (error, SP_PLANNING_ERROR, SP_PLANNING_ERROR_NOT_ANSWERABLE,
                     "answers.%s: not answered by %s units", questions[i].key,
                     sp_enum_to_nick (SP_TYPE_UNIT_KIND, self->unit_kind));
        return FALSE;
      }

  if (!sp_planning_check_text (self->author_name, "author.name", SP_PLANNING_ERROR_UNSIGNED,
                               SP_PLANNING_MAX_NAME, error) ||
      !sp_planning_check_text (self->author_title, "author.title", SP_PLANNING_ERROR_UNSIGNED,
                               SP_PLANNING_MAX_NAME, error))
    return FALSE;

  if (self->answered_at == NULL)
    {
      g_set_error_literal (error, SP_PLANNING_ERROR, SP_PLANNING_ERROR_UNSIGNED,
                           "answered_at: required");
      return FALSE;
    }

  return sp_planning_check_text (self->ongoing_interventions, "ongoing_interventions", -1,
                                 SP_JSON_MAX_TEXT, error) &&
         sp_planning_check_text (self->new_needs, "new_needs", -1, SP_JSON_MAX_TEXT, error);
}

gboolean
sp_planning_check_text (const char  *text,
                        const char  *member,
                        int          missing_code,
                        gsize        max_length,
                        GError     **error)
{
  if (!is_text (text))
    {
      if (missing_code < 0)
        return TRUE;

      g_set_error (error, SP_PLANNING_ERROR, missing_code, "%s: required", member);
      return FALSE;
    }

  if (g_utf8_strlen (text, -1) > (glong) max_length)
    {
      g_set_error (error, SP_PLANNING_ERROR, SP_PLANNING_ERROR_TOO_LONG,
                   "%s: longer than %" G_GSIZE_FORMAT " characters", member, max_length);
      return FALSE;
    }

  return TRUE;
}

void
sp_planning_answer_freeze (SpPlanningAnswer *self,
                           guint             version)
{
  g_return_if_fail (SP_IS_PLANNING_ANSWER (self));
  g_return_if_fail (self->version == 0);
  g_return_if_fail (version > 0);

  self->version = version;
}

/**
 * sp_planning_answer_to_json:
 *
 * Unanswered questions are left out of "answers".
 *
 * Returns: (transfer full): the answer as a JSON object (embedded: no "format").
 */
JsonNode *
sp_planning_answer_to_json (SpPlanningAnswer *self)
{
  JsonObject *object, *values, *author;

  g_return_val_if_fail (SP_IS_PLANNING_ANSWER (self), NULL);

  values = json_object_new ();
  for (guint i = 0; i < N_QUESTIONS; i++)
    if (self->values[i] != SP_PLANNING_VALUE_UNANSWERED)
      json_object_set_boolean_member (values, questions[i].key,
                                      self->values[i] == SP_PLANNING_VALUE_YES);

  author = json_object_new ();
  sp_json_set_string (author, "name", self->author_name);
  sp_json_set_string (author, "title", self->author_title);

  object = json_object_new ();
  sp_json_set_string (object, "episode_id", self->episode_id);
  sp_json_set_string (object, "unit_id", self->unit_id);
  sp_json_set_enum (object, "unit_kind", SP_TYPE_UNIT_KIND, self->unit_kind);
  json_object_set_int_member (object, "version", self->version);
  json_object_set_object_member (object, "answers", values);
  sp_json_set_string (object, "ongoing_interventions", self->ongoing_interventions);
  sp_json_set_string (object, "new_needs", self->new_needs);
  json_object_set_object_member (object, "author", author);
  sp_json_set_datetime (object, "answered_at", self->answered_at);

  return sp_json_node_new_object (object);
}

/**
 * sp_planning_answer_new_from_json:
 *
 * Reads what sp_planning_answer_to_json() wrote; strict (see sp-json.h). An answer with a
 * version was added to a basis, so it must also pass sp_planning_answer_validate().
 *
 * Returns: (transfer full) (nullable): the answer, or %NULL with @error set.
 */
SpPlanningAnswer *
sp_planning_answer_new_from_json (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr(SpPlanningAnswer) self = g_object_new (SP_TYPE_PLANNING_ANSWER, NULL);
  JsonObject *object, *values, *author;
  int kind = SP_UNIT_KIND_OTHER;
  gint64 version = 0;

  object = sp_json_node_get_object (node, NULL, error);
  if (object == NULL)
    return NULL;

  if (!sp_json_get_string (object, "episode_id", FALSE, SP_PLANNING_MAX_NAME, &self->episode_id,
                           error) ||
      !sp_json_get_string (object, "unit_id", TRUE, SP_PLANNING_MAX_NAME, &self->unit_id, error) ||
      !sp_json_get_enum (object, "unit_kind", TRUE, SP_TYPE_UNIT_KIND, &kind, error) ||
      !sp_json_get_int (object, "version", TRUE, 0, G_MAXUINT, &version, error))
    return NULL;

  if (*self->unit_id == '\0')
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "unit_id: empty");
      return NULL;
    }

  if ((values = sp_json_get_object (object, "answers", TRUE, error)) == NULL)
    return NULL;
  if (!values_from_json (values, self->values, error))
    {
      g_prefix_error (error, "answers.");
      return NULL;
    }

  if (!sp_json_get_string (object, "ongoing_interventions", FALSE, SP_JSON_MAX_TEXT,
                           &self->ongoing_interventions, error) ||
      !sp_json_get_string (object, "new_needs", FALSE, SP_JSON_MAX_TEXT, &self->new_needs,
                           error))
    return NULL;

  if ((author = sp_json_get_object (object, "author", TRUE, error)) == NULL)
    return NULL;
  if (!sp_json_get_string (author, "name", FALSE, SP_PLANNING_MAX_NAME, &self->author_name,
                           error) ||
      !sp_json_get_string (author, "title", FALSE, SP_PLANNING_MAX_NAME, &self->author_title,
                           error))
    {
      g_prefix_error (error, "author.");
      return NULL;
    }

  if (!sp_json_get_datetime (object, "answered_at", FALSE, &self->answered_at, error))
    return NULL;

  self->unit_kind = kind;
  self->version = version;
  if (self->version > 0 && !sp_planning_answer_validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * sp_planning_answer_equal:
 *
 * Returns: %TRUE if @a and @b hold the same data, version included.
 */
gboolean
sp_planning_answer_equal (SpPlanningAnswer *a,
                          SpPlanningAnswer *b)
{
  g_return_val_if_fail (SP_IS_PLANNING_ANSWER (a), FALSE);
  g_return_val_if_fail (SP_IS_PLANNING_ANSWER (b), FALSE);

  return g_strcmp0 (a->episode_id, b->episode_id) == 0 &&
         g_strcmp0 (a->unit_id, b->unit_id) == 0 &&
         a->unit_kind == b->unit_kind &&
         a->version == b->version &&
         memcmp (a->values, b->values, sizeof a->values) == 0 &&
         g_strcmp0 (a->ongoing_interventions, b->ongoing_interventions) == 0 &&
         g_strcmp0 (a->new_needs, b->new_needs) == 0 &&
         g_strcmp0 (a->author_name, b->author_name) == 0 &&
         g_strcmp0 (a->author_title, b->author_title) == 0 &&
         sp_date_time_equal0 (a->answered_at, b->answered_at);
}

/**
 * sp_planning_answers_from_simple_json:
 * @node: `{"<unit>": {"<question key>": true|false, …}, …}`, the rules CLI's input
 *
 * The unit kinds are not known in this shape, so nothing is checked against who may answer
 * what: every answer has kind %SP_UNIT_KIND_OTHER, no episode and no signature. Unknown
 * question keys and values other than true, false or null are errors naming "<unit>.<key>".
 *
 * Returns: (transfer full) (element-type SpPlanningAnswer) (nullable): one answer per unit,
 *   in the input's order, or %NULL with @error set.
 */
GPtrArray *
sp_planning_answers_from_simple_json (JsonNode  *node,
                                      GError   **error)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GList) units = NULL;
  JsonObject *object = sp_json_node_get_object (node, "$", error);

  if (object == NULL)
    return NULL;

  units = json_object_get_members (object);
  for (GList *l = units; l != NULL; l = l->next)
    {
      const char *unit_id = l->data;
      g_autoptr(SpPlanningAnswer) answer = NULL;
      JsonObject *values;

      if (*unit_id == '\0')
        {
          g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                               "$: a unit name is empty");
          return NULL;
        }

      if ((values = sp_json_get_object (object, unit_id, TRUE, error)) == NULL)
        return NULL;

      answer = sp_planning_answer_new (NULL, unit_id, SP_UNIT_KIND_OTHER);
      if (!values_from_json (values, answer->values, error))
        {
          g_prefix_error (error, "%s.", unit_id);
          return NULL;
        }

      g_ptr_array_add (answers, g_steal_pointer (&answer));
    }

  return g_steal_pointer (&answers);
}
