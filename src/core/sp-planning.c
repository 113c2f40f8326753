/* sp-planning.c — the planning basis: append-only answers and track overrides
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-planning"

#include "config.h"

#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-types.h"
#include "sp-planning-private.h"

struct _SpTrackOverride
{
  GObject    parent_instance;

  gboolean   clear;  /* back to the computed track; @track is then meaningless */
  SpTrack    track;
  char      *reason;
  char      *by_name;
  char      *by_title;
  char      *by_unit_id;
  GDateTime *at;
};

struct _SpPlanningBasis
{
  GObject    parent_instance;

  char      *episode_id;
  GPtrArray *answers;    /* SpPlanningAnswer, in the order added */
  GPtrArray *overrides;  /* SpTrackOverride, in the order recorded; the last one counts */
};

G_DEFINE_FINAL_TYPE (SpTrackOverride, sp_track_override, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (SpPlanningBasis, sp_planning_basis, G_TYPE_OBJECT)

static gpointer
ref_object (gconstpointer object,
            gpointer      user_data)
{
  return g_object_ref ((gpointer) object);
}

/* Copies @array with a reference to each element, for callers to keep. */
static GPtrArray *
copy_objects (GPtrArray *array)
{
  return g_ptr_array_copy (array, ref_object, NULL);
}

/* SpTrackOverride */

static void
sp_track_override_finalize (GObject *object)
{
  SpTrackOverride *self = SP_TRACK_OVERRIDE (object);

  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->by_name, g_free);
  g_clear_pointer (&self->by_title, g_free);
  g_clear_pointer (&self->by_unit_id, g_free);
  g_clear_pointer (&self->at, g_date_time_unref);

  G_OBJECT_CLASS (sp_track_override_parent_class)->finalize (object);
}

static void
sp_track_override_class_init (SpTrackOverrideClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_track_override_finalize;
}

static void
sp_track_override_init (SpTrackOverride *self)
{
}

/* An override says why (DOMAIN §6: "with a reason (recorded)"); going back to the computed
 * track need not. Both are signed like every entry of the basis. */
static gboolean
track_override_validate (SpTrackOverride  *self,
                         GError          **error)
{
  return sp_planning_check_text (self->reason, "reason",
                                 self->clear ? -1 : SP_PLANNING_ERROR_NO_REASON,
                                 SP_JSON_MAX_TEXT, error) &&
         sp_planning_check_text (self->by_name, "by.name", SP_PLANNING_ERROR_UNSIGNED,
                                 SP_PLANNING_MAX_NAME, error) &&
         sp_planning_check_text (self->by_title, "by.title", SP_PLANNING_ERROR_UNSIGNED,
                                 SP_PLANNING_MAX_NAME, error) &&
         sp_planning_check_text (self->by_unit_id, "by.unit_id", SP_PLANNING_ERROR_UNSIGNED,
                                 SP_PLANNING_MAX_NAME, error);
}

static SpTrackOverride *
track_override_new (gboolean     clear,
                    SpTrack      track,
                    const char  *reason,
                    const char  *by_name,
                    const char  *by_title,
                    const char  *by_unit_id,
                    GDateTime   *at,
                    GError     **error)
{
  g_autoptr(SpTrackOverride) self = g_object_new (SP_TYPE_TRACK_OVERRIDE, NULL);

  self->clear = clear;
  self->track = clear ? SP_TRACK_GRA : track;
  self->reason = g_strdup (reason);
  self->by_name = g_strdup (by_name);
  self->by_title = g_strdup (by_title);
  self->by_unit_id = g_strdup (by_unit_id);
  self->at = g_date_time_ref (at);

  if (!track_override_validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * sp_track_override_is_clear:
 *
 * Returns: %TRUE if this entry withdraws the override before it: the computed track counts.
 */
gboolean
sp_track_override_is_clear (SpTrackOverride *self)
{
  g_return_val_if_fail (SP_IS_TRACK_OVERRIDE (self), FALSE);

  return self->clear;
}

/**
 * sp_track_override_get_track:
 *
 * Returns: the track set by hand; meaningless when sp_track_override_is_clear().
 */
SpTrack
sp_track_override_get_track (SpTrackOverride *self)
{
  g_return_val_if_fail (SP_IS_TRACK_OVERRIDE (self), SP_TRACK_GRA);

  return self->track;
}

/**
 * sp_track_override_get_reason:
 *
 * Returns: (transfer none) (nullable): why; always set unless the entry is a clear.
 */
const char *
sp_track_override_get_reason (SpTrackOverride *self)
{
  g_return_val_if_fail (SP_IS_TRACK_OVERRIDE (self), NULL);

  return self->reason;
}

const char *
sp_track_override_get_by_name (SpTrackOverride *self)
{
  g_return_val_if_fail (SP_IS_TRACK_OVERRIDE (self), NULL);

  return self->by_name;
}

const char *
sp_track_override_get_by_title (SpTrackOverride *self)
{
  g_return_val_if_fail (SP_IS_TRACK_OVERRIDE (self), NULL);

  return self->by_title;
}

const char *
sp_track_override_get_by_unit_id (SpTrackOverride *self)
{
  g_return_val_if_fail (SP_IS_TRACK_OVERRIDE (self), NULL);

  return self->by_unit_id;
}

/**
 * sp_track_override_get_at:
 *
 * Returns: (transfer none): when it was recorded.
 */
GDateTime *
sp_track_override_get_at (SpTrackOverride *self)
{
  g_return_val_if_fail (SP_IS_TRACK_OVERRIDE (self), NULL);

  return self->at;
}

/**
 * sp_track_override_to_json:
 *
 * A clear is written with "track": null.
 *
 * Returns: (transfer full): the entry as a JSON object (embedded: no "format").
 */
JsonNode *
sp_track_override_to_json (SpTrackOverride *self)
{
  JsonObject *object, *by;

  g_return_val_if_fail (SP_IS_TRACK_OVERRIDE (self), NULL);

  by = json_object_new ();
  sp_json_set_string (by, "name", self->by_name);
  sp_json_set_string (by, "title", self->by_title);
  sp_json_set_string (by, "unit_id", self->by_unit_id);

  object = json_object_new ();
  if (self->clear)
    json_object_set_null_member (object, "track");
  else
    sp_json_set_enum (object, "track", SP_TYPE_TRACK, self->track);
  sp_json_set_string (object, "reason", self->reason);
  json_object_set_object_member (object, "by", by);
  sp_json_set_datetime (object, "at", self->at);

  return sp_json_node_new_object (object);
}

/**
 * sp_track_override_new_from_json:
 *
 * Reads what sp_track_override_to_json() wrote; strict (see sp-json.h), and the entry must be
 * as complete as sp_planning_basis_override_track() requires.
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL with @error set.
 */
SpTrackOverride *
sp_track_override_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(SpTrackOverride) self = g_object_new (SP_TYPE_TRACK_OVERRIDE, NULL);
  JsonObject *object, *by;
  int track = -1;

  if ((object = sp_json_node_get_object (node, NULL, error)) == NULL)
    return NULL;

  if (!sp_json_get_enum (object, "track", FALSE, SP_TYPE_TRACK, &track, error) ||
      !sp_json_get_string (object, "reason", FALSE, SP_JSON_MAX_TEXT, &self->reason, error))
    return NULL;

  self->clear = track < 0;
  self->track = self->clear ? SP_TRACK_GRA : (SpTrack) track;

  if ((by = sp_json_get_object (object, "by", TRUE, error)) == NULL)
    return NULL;
  if (!sp_json_get_string (by, "name", FALSE, SP_PLANNING_MAX_NAME, &self->by_name, error) ||
      !sp_json_get_string (by, "title", FALSE, SP_PLANNING_MAX_NAME, &self->by_title, error) ||
      !sp_json_get_string (by, "unit_id", FALSE, SP_PLANNING_MAX_NAME, &self->by_unit_id, error))
    {
      g_prefix_error (error, "by.");
      return NULL;
    }

  if (!sp_json_get_datetime (object, "at", TRUE, &self->at, error) ||
      !track_override_validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
sp_track_override_equal (SpTrackOverride *a,
                         SpTrackOverride *b)
{
  g_return_val_if_fail (SP_IS_TRACK_OVERRIDE (a), FALSE);
  g_return_val_if_fail (SP_IS_TRACK_OVERRIDE (b), FALSE);

  return a->clear == b->clear &&
         a->track == b->track &&
         g_strcmp0 (a->reason, b->reason) == 0 &&
         g_strcmp0 (a->by_name, b->by_name) == 0 &&
         g_strcmp0 (a->by_title, b->by_title) == 0 &&
         g_strcmp0 (a->by_unit_id, b->by_unit_id) == 0 &&
         g_date_time_equal (a->at, b->at);
}

/* SpPlanningBasis */

static void
sp_planning_basis_finalize (GObject *object)
{
  SpPlanningBasis *self = SP_PLANNING_BASIS (object);

  g_clear_pointer (&self->episode_id, g_free);
  g_clear_pointer (&self->answers, g_ptr_array_unref);
  g_clear_pointer (&self->overrides, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_planning_basis_parent_class)->finalize (object);
}

static void
sp_planning_basis_class_init (SpPlanningBasisClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_planning_basis_finalize;
}

static void
sp_planning_basis_init (SpPlanningBasis *self)
{
  self->answers = g_ptr_array_new_with_free_func (g_object_unref);
  self->overrides = g_ptr_array_new_with_free_func (g_object_unref);
}

/* The unit's latest answer in the basis, if it answered before. */
static SpPlanningAnswer *
find_latest (SpPlanningBasis *self,
             const char      *unit_id)
{
  for (guint i = self->answers->len; i > 0; i--)
    {
      SpPlanningAnswer *answer = g_ptr_array_index (self->answers, i - 1);

      if (g_str_equal (sp_planning_answer_get_unit_id (answer), unit_id))
        return answer;
    }

  return NULL;
}

/* Checks @answer before it joins the basis; on success returns its version there. */
static guint
check_answer (SpPlanningBasis   *self,
              SpPlanningAnswer  *answer,
              GError           **error)
{
  SpPlanningAnswer *previous;

  if (!sp_planning_answer_validate (answer, error))
    return 0;

  if (g_strcmp0 (sp_planning_answer_get_episode_id (answer), self->episode_id) != 0)
    {
      g_set_error_literal (error, SP_PLANNING_ERROR, SP_PLANNING_ERROR_WRONG_EPISODE,
                           "episode_id: not the episode of this planning basis");
      return 0;
    }

  previous = find_latest (self, sp_planning_answer_get_unit_id (answer));
  if (previous == NULL)
    return 1;

  if (sp_planning_answer_get_unit_kind (previous) != sp_planning_answer_get_unit_kind (answer))
    {
      g_set_error_literal (error, SP_PLANNING_ERROR, SP_PLANNING_ERROR_UNIT_KIND_CHANGED,
                           "unit_kind: differs from the unit's earlier answers");
      return 0;
    }

  return sp_planning_answer_get_version (previous) + 1;
}

/**
 * sp_planning_basis_new:
 * @episode_id: the episode whose basis this is
 *
 * Returns: (transfer full): an empty planning basis.
 */
SpPlanningBasis *
sp_planning_basis_new (const char *episode_id)
{
  SpPlanningBasis *self;

  g_return_val_if_fail (episode_id != NULL && *episode_id != '\0', NULL);

  self = g_object_new (SP_TYPE_PLANNING_BASIS, NULL);
  self->episode_id = g_strdup (episode_id);

  return self;
}

const char *
sp_planning_basis_get_episode_id (SpPlanningBasis *self)
{
  g_return_val_if_fail (SP_IS_PLANNING_BASIS (self), NULL);

  return self->episode_id;
}

/**
 * sp_planning_basis_add:
 * @answer: a new answer of this episode (version 0); the basis keeps a reference
 *
 * Validates @answer (sp_planning_answer_validate(), same episode, the unit's kind unchanged)
 * and appends it as the unit's next version: 1, 2, … From then on @answer cannot change.
 * There is no way to remove or replace a version (DOMAIN §6: never deleted).
 *
 * Returns: %TRUE, or %FALSE with @error set in %SP_PLANNING_ERROR.
 */
gboolean
sp_planning_basis_add (SpPlanningBasis   *self,
                       SpPlanningAnswer  *answer,
                       GError           **error)
{
  guint version;

  g_return_val_if_fail (SP_IS_PLANNING_BASIS (self), FALSE);
  g_return_val_if_fail (SP_IS_PLANNING_ANSWER (answer), FALSE);
  g_return_val_if_fail (sp_planning_answer_get_version (answer) == 0, FALSE);

  if ((version = check_answer (self, answer, error)) == 0)
    return FALSE;

  sp_planning_answer_freeze (answer, version);
  g_ptr_array_add (self->answers, g_object_ref (answer));
  return TRUE;
}

/**
 * sp_planning_basis_get_latest:
 *
 * Returns: (transfer full) (element-type SpPlanningAnswer): the latest version of each
 *   unit's answer, units in the order they first answered.
 */
GPtrArray *
sp_planning_basis_get_latest (SpPlanningBasis *self)
{
  GPtrArray *latest;

  g_return_val_if_fail (SP_IS_PLANNING_BASIS (self), NULL);

  latest = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->answers->len; i++)
    {
      SpPlanningAnswer *answer = g_ptr_array_index (self->answers, i);

      /* Version 1 is where a unit first answered. */
      if (sp_planning_answer_get_version (answer) == 1)
        g_ptr_array_add (latest,
                         g_object_ref (find_latest (self,
                                                    sp_planning_answer_get_unit_id (answer))));
    }

  return latest;
}

/**
 * sp_planning_basis_get_history:
 * @unit_id: (nullable): one unit, or %NULL for all
 *
 * Returns: (transfer full) (element-type SpPlanningAnswer): every version, in the order added.
 */
GPtrArray *
sp_planning_basis_get_history (SpPlanningBasis *self,
                               const char      *unit_id)
{
  GPtrArray *history;

  g_return_val_if_fail (SP_IS_PLANNING_BASIS (self), NULL);

  if (unit_id == NULL)
    return copy_objects (self->answers);

  history = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->answers->len; i++)
    {
      SpPlanningAnswer *answer = g_ptr_array_index (self->answers, i);

      if (g_str_equal (sp_planning_answer_get_unit_id (answer), unit_id))
        g_ptr_array_add (history, g_object_ref (answer));
    }

  return history;
}

/**
 * sp_planning_basis_override_track:
 * @track: the track to use instead of the computed one
 * @reason: why; required
 * @by_name: who decided; required
 * @by_title: their professional title; required
 * @by_unit_id: their unit; required
 * @at: when; whole seconds
 *
 * Records an override (our choice, DOMAIN §6). The latest entry wins; earlier ones are kept.
 *
 * Returns: %TRUE, or %FALSE with @error set in %SP_PLANNING_ERROR.
 */
gboolean
sp_planning_basis_override_track (SpPlanningBasis  *self,
                                  SpTrack           track,
                                  const char       *reason,
                                  const char       *by_name,
                                  const char       *by_title,
                                  const char       *by_unit_id,
                                  GDateTime        *at,
                                  GError          **error)
{
  SpTrackOverride *entry;

  g_return_val_if_fail (SP_IS_PLANNING_BASIS (self), FALSE);
  g_return_val_if_fail (track <= SP_TRACK_ROD, FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  entry = track_override_new (FALSE, track, reason, by_name, by_title, by_unit_id, at, error);
  if (entry == NULL)
    return FALSE;

  g_ptr_array_add (self->overrides, entry);
  return TRUE;
}

/**
 * sp_planning_basis_clear_track_override:
 * @reason: (nullable): why, if given
 * @by_name: who decided; required
 * @by_title: their professional title; required
 * @by_unit_id: their unit; required
 * @at: when; whole seconds
 *
 * Records that the computed track counts again. The override stays in the history.
 *
 * Returns: %TRUE, or %FALSE with @error set in %SP_PLANNING_ERROR.
 */
gboolean
sp_planning_basis_clear_track_override (SpPlanningBasis  *self,
                                        const char       *reason,
                                        const char       *by_name,
                                        const char       *by_title,
                                        const char       *by_unit_id,
                                        GDateTime        *at,
                                        GError          **error)
{
  SpTrackOverride *entry;

  g_return_val_if_fail (SP_IS_PLANNING_BASIS (self), FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  entry = track_override_new (TRUE, SP_TRACK_GRA, reason, by_name, by_title, by_unit_id, at,
                              error);
  if (entry == NULL)
    return FALSE;

  g_ptr_array_add (self->overrides, entry);
  return TRUE;
}

/**
 * sp_planning_basis_get_track_override:
 *
 * Returns: (transfer none) (nullable): the override in force, or %NULL if there is none or
 *   the latest entry cleared it.
 */
SpTrackOverride *
sp_planning_basis_get_track_override (SpPlanningBasis *self)
{
  SpTrackOverride *latest;

  g_return_val_if_fail (SP_IS_PLANNING_BASIS (self), NULL);

  if (self->overrides->len == 0)
    return NULL;

  latest = g_ptr_array_index (self->overrides, self->overrides->len - 1);
  return latest->clear ? NULL : latest;
}

/**
 * sp_planning_basis_get_track_overrides:
 *
 * Returns: (transfer full) (element-type SpTrackOverride): every override and clear, in the
 *   order recorded.
 */
GPtrArray *
sp_planning_basis_get_track_overrides (SpPlanningBasis *self)
{
  g_return_val_if_fail (SP_IS_PLANNING_BASIS (self), NULL);

  return copy_objects (self->overrides);
}

/**
 * sp_planning_basis_get_effective_track:
 * @profile: the region's rules
 * @out_reason: (out) (optional) (transfer full): why, in Swedish, for display
 *
 * Returns: the override in force, else sp_planning_compute_track() over the latest answers.
 */
SpTrack
sp_planning_basis_get_effective_track (SpPlanningBasis        *self,
                                       const SpRegionProfile  *profile,
                                       char                  **out_reason)
{
  g_autoptr(GPtrArray) latest = NULL;
  SpTrackOverride *override;

  g_return_val_if_fail (SP_IS_PLANNING_BASIS (self), SP_TRACK_GRA);
  g_return_val_if_fail (profile != NULL, SP_TRACK_GRA);

  override = sp_planning_basis_get_track_override (self);
  if (override != NULL)
    {
      if (out_reason != NULL)
        *out_reason = g_strdup_printf ("%s (manuellt satt): %s",
                                       sp_track_get_heading (override->track),
                                       override->reason);
      return override->track;
    }

  latest = sp_planning_basis_get_latest (self);
  return sp_planning_compute_track (profile, latest, NULL, out_reason);
}

/**
 * sp_planning_basis_to_json:
 *
 * Returns: (transfer full): the whole basis, every version, as a top-level record.
 */
JsonNode *
sp_planning_basis_to_json (SpPlanningBasis *self)
{
  JsonObject *object;
  JsonArray *answers, *overrides;

  g_return_val_if_fail (SP_IS_PLANNING_BASIS (self), NULL);

  answers = json_array_sized_new (self->answers->len);
  for (guint i = 0; i < self->answers->len; i++)
    json_array_add_element (answers,
                            sp_planning_answer_to_json (g_ptr_array_index (self->answers, i)));

  overrides = json_array_sized_new (self->overrides->len);
  for (guint i = 0; i < self->overrides->len; i++)
    json_array_add_element (overrides,
                            sp_track_override_to_json (g_ptr_array_index (self->overrides, i)));

  object = sp_json_object_new_versioned ();
  sp_json_set_string (object, "episode_id", self->episode_id);
  json_object_set_array_member (object, "answers", answers);
  json_object_set_array_member (object, "track_overrides", overrides);

  return sp_json_node_new_object (object);
}

static gboolean
answers_from_json (SpPlanningBasis  *self,
                   JsonArray        *array,
                   GError          **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(SpPlanningAnswer) answer = NULL;
      guint expected;

      answer = sp_planning_answer_new_from_json (json_array_get_element (array, i), error);
      if (answer == NULL || (expected = check_answer (self, answer, error)) == 0)
        {
          g_prefix_error (error, "answers[%u].", i);
          return FALSE;
        }

      /* The history must be complete: no version of a unit missing or out of order. */
      if (sp_planning_answer_get_version (answer) != expected)
        {
          g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                       "answers[%u].version: expected %u", i, expected);
          return FALSE;
        }

      g_ptr_array_add (self->answers, g_steal_pointer (&answer));
    }

  return TRUE;
}

static gboolean
overrides_from_json (SpPlanningBasis  *self,
                     JsonArray        *array,
                     GError          **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      SpTrackOverride *entry;

      entry = sp_track_override_new_from_json (json_array_get_element (array, i), error);
      if (entry == NULL)
        {
          g_prefix_error (error, "track_overrides[%u].", i);
          return FALSE;
        }

      g_ptr_array_add (self->overrides, entry);
    }

  return TRUE;
}

/**
 * sp_planning_basis_new_from_json:
 *
 * Reads what sp_planning_basis_to_json() wrote; strict (see sp-json.h): every answer is
 * checked as sp_planning_basis_add() would, and each unit's versions must run 1, 2, …
 *
 * Returns: (transfer full) (nullable): the basis, or %NULL with @error set.
 */
SpPlanningBasis *
sp_planning_basis_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(SpPlanningBasis) self = g_object_new (SP_TYPE_PLANNING_BASIS, NULL);
  JsonObject *object;
  JsonArray *answers, *overrides;

  if ((object = sp_json_node_get_object (node, NULL, error)) == NULL ||
      !sp_json_check_version (object, error) ||
      !sp_json_get_string (object, "episode_id", TRUE, SP_PLANNING_MAX_NAME, &self->episode_id,
                           error))
    return NULL;

  if (*self->episode_id == '\0')
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "episode_id: empty");
      return NULL;
    }

  if ((answers = sp_json_get_array (object, "answers", TRUE, error)) == NULL ||
      !answers_from_json (self, answers, error) ||
      (overrides = sp_json_get_array (object, "track_overrides", TRUE, error)) == NULL ||
      !overrides_from_json (self, overrides, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * sp_planning_basis_equal:
 *
 * Returns: %TRUE if @a and @b hold the same history, in the same order.
 */
gboolean
sp_planning_basis_equal (SpPlanningBasis *a,
                         SpPlanningBasis *b)
{
  g_return_val_if_fail (SP_IS_PLANNING_BASIS (a), FALSE);
  g_return_val_if_fail (SP_IS_PLANNING_BASIS (b), FALSE);

  return g_strcmp0 (a->episode_id, b->episode_id) == 0 &&
         sp_ptr_array_equal (a->answers, b->answers, (GEqualFunc) sp_planning_answer_equal) &&
         sp_ptr_array_equal (a->overrides, b->overrides, (GEqualFunc) sp_track_override_equal);
}
