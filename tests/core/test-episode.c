/* test-episode.c — the episode state machine, who may do what, JSON; and sp-unit
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sp-enum-types.h"
#include "sp-episode.h"
#include "sp-json.h"
#include "sp-unit.h"

#define WARD "ward-1"

static GDateTime *
at (const char *iso)
{
  GDateTime *value = NULL;

  g_assert_true (sp_json_parse_datetime (iso, &value));
  return value;
}

static void
set_date (GDate *date,
          int    day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, G_DATE_MARCH, 2026);
}

static char *
episode_text (SpEpisode *episode)
{
  g_autoptr(JsonNode) node = sp_episode_to_json (episode);

  return sp_json_to_string (node, FALSE);
}

/* The parties of the test episode. */
typedef struct
{
  const char *id;
  SpUnitKind  kind;
} Actor;

enum { W, O, O2, M, S, X, N_ACTORS };

static const Actor actors[N_ACTORS] = {
  [W]  = { WARD,       SP_UNIT_KIND_INPATIENT },        /* the admitting ward */
  [O]  = { "vc-1",     SP_UNIT_KIND_OUTPATIENT },       /* addressed; names a care contact */
  [O2] = { "psyk-1",   SP_UNIT_KIND_OUTPATIENT },       /* addressed for information only */
  [M]  = { "hsl-1",    SP_UNIT_KIND_MUNICIPAL_HEALTH }, /* addressed; has acknowledged */
  [S]  = { "sol-1",    SP_UNIT_KIND_SOCIAL_SERVICES },  /* addressed */
  [X]  = { "vc-other", SP_UNIT_KIND_OUTPATIENT },       /* not addressed */
};

typedef enum
{
  UNSENT,
  PLANNING,
  READY,
  DISCHARGED,
  DECEASED,
  CANCELLED,
  N_SETUPS,
} Setup;

static void
act (gboolean ok,
     GError  *error)
{
  g_assert_no_error (error);
  g_assert_true (ok);
}

/* Builds the episode through its own actions, so the fixture obeys the rules it tests. */
static SpEpisode *
make_episode (Setup setup)
{
  const SpRegionProfile *stockholm = sp_region_profile_get (SP_REGION_STOCKHOLM);
  g_autoptr(GDateTime) admitted = at ("2026-03-02T08:00:00Z");
  g_autoptr(GDateTime) sent = at ("2026-03-02T09:00:00Z");
  g_autoptr(GDateTime) named = at ("2026-03-02T10:00:00Z");
  g_autoptr(GDateTime) acked = at ("2026-03-02T11:00:00Z");
  g_autoptr(GDateTime) ended = at ("2026-03-04T10:00:00Z");
  g_autoptr(GDateTime) ready = at ("2026-03-05T10:00:00Z");
  g_autoptr(GDateTime) ready_acked = at ("2026-03-05T11:00:00Z");
  g_autoptr(GDateTime) left = at ("2026-03-06T10:00:00Z");
  SpEpisode *episode = sp_episode_new ("ep-1", "pat-1", WARD, admitted);
  GError *error = NULL;
  GDate estimate;

  set_date (&estimate, 9);
  act (sp_episode_address_unit (episode, "vc-1", SP_UNIT_KIND_OUTPATIENT,
                                SP_ADDRESSING_ROLE_RECIPIENT, admitted, &error), error);
  act (sp_episode_address_unit (episode, "psyk-1", SP_UNIT_KIND_OUTPATIENT,
                                SP_ADDRESSING_ROLE_FOR_INFORMATION, admitted, &error), error);
  act (sp_episode_address_unit (episode, "hsl-1", SP_UNIT_KIND_MUNICIPAL_HEALTH,
                                SP_ADDRESSING_ROLE_RECIPIENT, admitted, &error), error);
  act (sp_episode_address_unit (episode, "sol-1", SP_UNIT_KIND_SOCIAL_SERVICES,
                                SP_ADDRESSING_ROLE_RECIPIENT, admitted, &error), error);
  if (setup == UNSENT)
    return episode;

  act (sp_episode_send_admission_notice (episode, WARD, SP_UNIT_KIND_INPATIENT, &estimate, sent,
                                         "Anna Ek", &error), error);
  act (sp_episode_name_care_contact (episode, stockholm, "vc-1", SP_UNIT_KIND_OUTPATIENT,
                                     "Karin Holm", "08-123 45 67", named, "Karin Holm", &error),
       error);
  act (sp_episode_acknowledge_admission_notice (episode, "hsl-1", SP_UNIT_KIND_MUNICIPAL_HEALTH,
                                                acked, "Olle Ny", &error), error);

  switch (setup)
    {
    case DECEASED:
      act (sp_episode_register_death (episode, WARD, SP_UNIT_KIND_INPATIENT, ended, ended,
                                      "Anna Ek", &error), error);
      return episode;
    case CANCELLED:
      act (sp_episode_cancel (episode, WARD, SP_UNIT_KIND_INPATIENT, "Felregistrerad", ended,
                              "Anna Ek", &error), error);
      return episode;
    case PLANNING:
      return episode;
    default:
      break;
    }

  act (sp_episode_mark_ready (episode, WARD, SP_UNIT_KIND_INPATIENT, ready, "Anna Ek", &error),
       error);
  act (sp_episode_acknowledge_ready (episode, "hsl-1", SP_UNIT_KIND_MUNICIPAL_HEALTH,
                                     ready_acked, "Olle Ny", &error), error);
  if (setup == READY)
    return episode;

  act (sp_episode_discharge (episode, WARD, SP_UNIT_KIND_INPATIENT, left, left, "Anna Ek",
                             &error), error);
  return episode;
}

/* Takes @action with valid arguments, the way the server would. */
static gboolean
perform (SpEpisode       *episode,
         SpEpisodeAction  action,
         const Actor     *actor,
         GDateTime       *now,
         GError         **error)
{
  const SpRegionProfile *stockholm = sp_region_profile_get (SP_REGION_STOCKHOLM);
  const char *id = actor->id;
  SpUnitKind kind = actor->kind;
  const char *user = "Test Testsson";
  GDate date;

  set_date (&date, 20);

  switch (action)
    {
    case SP_EPISODE_ACTION_SEND_ADMISSION_NOTICE:
      return sp_episode_send_admission_notice (episode, id, kind, &date, now, user, error);
    case SP_EPISODE_ACTION_CHANGE_ESTIMATED_DISCHARGE:
      return sp_episode_change_estimated_discharge (episode, id, kind, &date, now, user, error);
    case SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE:
      return sp_episode_acknowledge_admission_notice (episode, id, kind, now, user, error);
    case SP_EPISODE_ACTION_ACKNOWLEDGE_READY:
      return sp_episode_acknowledge_ready (episode, id, kind, now, user, error);
    case SP_EPISODE_ACTION_NAME_CARE_CONTACT:
      return sp_episode_name_care_contact (episode, stockholm, id, kind, "Nils Dahl", "08-1",
                                           now, user, error);
    case SP_EPISODE_ACTION_SET_LEAD_CARE_CONTACT:
      return sp_episode_set_lead_care_contact (episode, id, kind, "vc-1", now, user, error);
    case SP_EPISODE_ACTION_ANSWER_PLANNING:
      return sp_episode_answer_planning (episode, id, kind, now, user, error);
    case SP_EPISODE_ACTION_MARK_READY:
      return sp_episode_mark_ready (episode, id, kind, now, user, error);
    case SP_EPISODE_ACTION_RETRACT_READY:
      return sp_episode_retract_ready (episode, id, kind, now, user, NULL, error);
    case SP_EPISODE_ACTION_DISCHARGE:
      return sp_episode_discharge (episode, id, kind, now, now, user, error);
    case SP_EPISODE_ACTION_RETRACT_DISCHARGE:
      return sp_episode_retract_discharge (episode, id, kind, now, user, NULL, error);
    case SP_EPISODE_ACTION_REGISTER_DEATH:
      return sp_episode_register_death (episode, id, kind, now, now, user, error);
    case SP_EPISODE_ACTION_CANCEL:
      return sp_episode_cancel (episode, id, kind, "Felregistrerad", now, user, error);
    case SP_EPISODE_ACTION_ADD_UNIT_VIA_SIP_INVITATION:
      return sp_episode_add_unit_via_sip_invitation (episode, id, kind, "rehab-1",
                                                     SP_UNIT_KIND_MUNICIPAL_HEALTH, now, user,
                                                     error);
    default:
      g_assert_not_reached ();
    }
}

/* Every state × action × actor. One character per actor, in the order W O O2 M S X:
 *   '.' allowed   A not_addressed   P not_permitted   S wrong_state   D already_done
 * Reasons: X is never part of the episode; ward actions are W's alone; the ward does not
 * acknowledge its own notices; care contacts are named by outpatient units (O, O2); only O has
 * a care contact and so may invite to the SIP; M has acknowledged both notices already; nothing
 * but sending happens before the notice is sent; see sp_episode_can() for the state rules. */
static const char * const expected[N_SETUPS][SP_EPISODE_ACTION_ADD_UNIT_VIA_SIP_INVITATION + 1] = {
  [UNSENT] = {
    ".PPPPA", /* send_admission_notice */
    "SPPPPA", /* change_estimated_discharge */
    "PSSSSA", /* acknowledge_admission_notice */
    "PSSSSA", /* acknowledge_ready */
    "PSSPPA", /* name_care_contact */
    "PSSPPA", /* set_lead_care_contact */
    "SSSSSA", /* answer_planning */
    "SPPPPA", /* mark_ready */
    "SPPPPA", /* retract_ready */
    "SPPPPA", /* discharge */
    "SPPPPA", /* retract_discharge */
    "SPPPPA", /* register_death */
    "SPPPPA", /* cancel */
    "PPPPPA", /* add_unit_via_sip_invitation: no care contact can exist yet */
  },
  [PLANNING] = {
    "DPPPPA", /* send_admission_notice: re-sending is change_estimated_discharge */
    ".PPPPA", /* change_estimated_discharge */
    "P..D.A", /* acknowledge_admission_notice */
    "PSSSSA", /* acknowledge_ready: no ready notice yet */
    "P..PPA", /* name_care_contact */
    "P..PPA", /* set_lead_care_contact */
    ".....A", /* answer_planning: the ward answers too */
    ".PPPPA", /* mark_ready */
    "SPPPPA", /* retract_ready */
    "SPPPPA", /* discharge: ready always comes first */
    "SPPPPA", /* retract_discharge */
    ".PPPPA", /* register_death */
    ".PPPPA", /* cancel */
    "P.PPPA", /* add_unit_via_sip_invitation */
  },
  [READY] = {
    "DPPPPA", /* send_admission_notice */
    ".PPPPA", /* change_estimated_discharge */
    "P..D.A", /* acknowledge_admission_notice: ready does not clear it */
    "P..D.A", /* acknowledge_ready */
    "P..PPA", /* name_care_contact */
    "P..PPA", /* set_lead_care_contact */
    ".....A", /* answer_planning */
    "SPPPPA", /* mark_ready */
    ".PPPPA", /* retract_ready */
    ".PPPPA", /* discharge */
    "SPPPPA", /* retract_discharge */
    ".PPPPA", /* register_death */
    ".PPPPA", /* cancel */
    "P.PPPA", /* add_unit_via_sip_invitation */
  },
  [DISCHARGED] = {
    "DPPPPA", /* send_admission_notice */
    "SPPPPA", /* change_estimated_discharge */
    "PSSSSA", /* acknowledge_admission_notice */
    "P..D.A", /* acknowledge_ready: late acknowledgement still counts */
    "PSSPPA", /* name_care_contact */
    "PSSPPA", /* set_lead_care_contact */
    "SSSSSA", /* answer_planning */
    "SPPPPA", /* mark_ready */
    "SPPPPA", /* retract_ready */
    "SPPPPA", /* discharge */
    ".PPPPA", /* retract_discharge */
    "SPPPPA", /* register_death */
    "SPPPPA", /* cancel */
    "P.PPPA", /* add_unit_via_sip_invitation: the SIP usually comes after discharge */
  },
  [DECEASED] = {
    "DPPPPA", /* send_admission_notice */
    "SPPPPA", /* change_estimated_discharge */
    "PSSSSA", /* acknowledge_admission_notice */
    "PSSSSA", /* acknowledge_ready */
    "PSSPPA", /* name_care_contact */
    "PSSPPA", /* set_lead_care_contact */
    "SSSSSA", /* answer_planning */
    "SPPPPA", /* mark_ready */
    "SPPPPA", /* retract_ready */
    "SPPPPA", /* discharge */
    "SPPPPA", /* retract_discharge */
    "SPPPPA", /* register_death */
    "SPPPPA", /* cancel */
    "PSPPPA", /* add_unit_via_sip_invitation */
  },
  [CANCELLED] = {
    "DPPPPA", /* send_admission_notice */
    "SPPPPA", /* change_estimated_discharge */
    "PSSSSA", /* acknowledge_admission_notice */
    "PSSSSA", /* acknowledge_ready */
    "PSSPPA", /* name_care_contact */
    "PSSPPA", /* set_lead_care_contact */
    "SSSSSA", /* answer_planning */
    "SPPPPA", /* mark_ready */
    "SPPPPA", /* retract_ready */
    "SPPPPA", /* discharge */
    "SPPPPA", /* retract_discharge */
    "SPPPPA", /* register_death */
    "SPPPPA", /* cancel */
    "PSPPPA", /* add_unit_via_sip_invitation */
  },
};

static int
code_of (char c)
{
  switch (c)
    {
    case '.': return -1;
    case 'A': return SP_EPISODE_ERROR_NOT_ADDRESSED;
    case 'P': return SP_EPISODE_ERROR_NOT_PERMITTED;
    case 'S': return SP_EPISODE_ERROR_WRONG_STATE;
    case 'D': return SP_EPISODE_ERROR_ALREADY_DONE;
    default: g_assert_not_reached ();
    }
}

/* sp_episode_can() answers the table, and each action agrees with it: a refused action leaves
 * the episode exactly as it was, an allowed one logs exactly one event. */
static void
test_transitions (void)
{
  g_autoptr(GDateTime) now = at ("2026-03-07T10:00:00Z");

  for (Setup setup = 0; setup < N_SETUPS; setup++)
    for (SpEpisodeAction action = 0; action <= SP_EPISODE_ACTION_ADD_UNIT_VIA_SIP_INVITATION;
         action++)
      for (guint a = 0; a < N_ACTORS; a++)
        {
          g_autoptr(SpEpisode) episode = make_episode (setup);
          g_autofree char *before = episode_text (episode);
          g_autofree char *after = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(GError) action_error = NULL;
          guint n_events = sp_episode_get_events (episode)->len;
          int code = code_of (expected[setup][action][a]);
          gboolean can;

          g_test_message ("setup %d, %s, actor %s", setup,
                          sp_enum_to_nick (SP_TYPE_EPISODE_ACTION, action), actors[a].id);
          can = sp_episode_can (episode, action, actors[a].id, actors[a].kind, &error);
          if (code < 0)
            {
              g_assert_no_error (error);
              g_assert_true (can);
              g_assert_true (perform (episode, action, &actors[a], now, &action_error));
              g_assert_no_error (action_error);
              g_assert_cmpuint (sp_episode_get_events (episode)->len, ==, n_events + 1);
              continue;
            }

          g_assert_false (can);
          g_assert_error (error, SP_EPISODE_ERROR, code);
          g_assert_false (perform (episode, action, &actors[a], now, &action_error));
          g_assert_error (action_error, SP_EPISODE_ERROR, code);
          after = episode_text (episode);
          g_assert_cmpstr (before, ==, after);
        }
}

/* The ward's own id with another kind is not the ward: ids and kinds come from one registry. */
static void
test_ward_kind_checked (void)
{
  g_autoptr(SpEpisode) episode = make_episode (PLANNING);
  g_autoptr(GError) error = NULL;

  g_assert_false (sp_episode_can (episode, SP_EPISODE_ACTION_MARK_READY, WARD,
                                  SP_UNIT_KIND_OUTPATIENT, &error));
  g_assert_error (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_NOT_PERMITTED);
}

static void
test_send_requires_addressing (void)
{
  g_autoptr(GDateTime) admitted = at ("2026-03-02T08:00:00Z");
  g_autoptr(SpEpisode) episode = sp_episode_new ("ep-2", "pat-2", WARD, admitted);
  g_autoptr(GError) error = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_assert_false (sp_episode_send_admission_notice (episode, WARD, SP_UNIT_KIND_INPATIENT, NULL,
                                                    admitted, "Anna Ek", &error));
  g_assert_error (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (sp_episode_address_unit (episode, WARD, SP_UNIT_KIND_INPATIENT,
                                           SP_ADDRESSING_ROLE_RECIPIENT, admitted, &error));
  g_assert_error (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_INVALID);
  g_clear_error (&error);

  act (sp_episode_address_unit (episode, "vc-1", SP_UNIT_KIND_OUTPATIENT,
                                SP_ADDRESSING_ROLE_RECIPIENT, admitted, &error), error);
  g_assert_false (sp_episode_address_unit (episode, "vc-1", SP_UNIT_KIND_OUTPATIENT,
                                           SP_ADDRESSING_ROLE_RECIPIENT, admitted, &error));
  g_assert_error (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_ALREADY_DONE);
  g_clear_error (&error);

  /* A cleared (invalid) date is a bad argument, not "no estimate". */
  g_assert_false (sp_episode_send_admission_notice (episode, WARD, SP_UNIT_KIND_INPATIENT, &date,
                                                    admitted, "Anna Ek", &error));
  g_assert_error (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_INVALID);
  g_clear_error (&error);

  /* Without an estimate the notice can still go; there is then no estimate. */
  act (sp_episode_send_admission_notice (episode, WARD, SP_UNIT_KIND_INPATIENT, NULL, admitted,
                                         "Anna Ek", &error), error);
  g_assert_false (sp_episode_get_estimated_discharge (episode, &date));
  g_assert_true (g_date_time_equal (sp_episode_get_admission_notice_sent_at (episode), admitted));

  /* After sending, units join only through a SIP invitation. */
  g_assert_false (sp_episode_address_unit (episode, "hsl-1", SP_UNIT_KIND_MUNICIPAL_HEALTH,
                                           SP_ADDRESSING_ROLE_RECIPIENT, admitted, &error));
  g_assert_error (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_WRONG_STATE);
}

/* A new estimated date re-sends the notice: everyone acknowledges again; answers stay. */
static void
test_resend_clears_acks (void)
{
  g_autoptr(SpEpisode) episode = make_episode (PLANNING);
  g_autoptr(GDateTime) t1 = at ("2026-03-03T08:00:00Z");
  g_autoptr(GDateTime) t2 = at ("2026-03-03T09:00:00Z");
  const char *acking[] = { "vc-1", "psyk-1", "sol-1" };
  GError *error = NULL;
  GPtrArray *history;
  GDate date, current;

  act (sp_episode_answer_planning (episode, "sol-1", SP_UNIT_KIND_SOCIAL_SERVICES, t1, "Siv",
                                   &error), error);
  g_assert_false (sp_episode_all_acknowledged (episode, SP_EPISODE_NOTICE_ADMISSION));
  for (guint i = 0; i < G_N_ELEMENTS (acking); i++)
    act (sp_episode_acknowledge_admission_notice (episode, acking[i], actors[O].kind, t1, "U",
                                                  &error), error);
  /* Every addressed unit, the one for information too, has now acknowledged. */
  g_assert_true (sp_episode_all_acknowledged (episode, SP_EPISODE_NOTICE_ADMISSION));

  set_date (&date, 12);
  act (sp_episode_change_estimated_discharge (episode, WARD, SP_UNIT_KIND_INPATIENT, &date, t2,
                                              "Anna Ek", &error), error);

  g_assert_cmpuint (sp_episode_get_acknowledgements (episode,
                                                     SP_EPISODE_NOTICE_ADMISSION)->len, ==, 0);
  g_assert_false (sp_episode_all_acknowledged (episode, SP_EPISODE_NOTICE_ADMISSION));
  g_assert_true (sp_episode_get_estimated_discharge (episode, &current));
  g_assert_cmpint (g_date_compare (&current, &date), ==, 0);

  /* The history keeps both estimates, with who and when. */
  history = sp_episode_get_estimate_history (episode);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpint (g_date_get_day (&((SpDischargeEstimate *) history->pdata[0])->date), ==, 9);
  g_assert_true (g_date_time_equal (((SpDischargeEstimate *) history->pdata[1])->changed_at, t2));
  g_assert_cmpstr (((SpDischargeEstimate *) history->pdata[1])->changed_by, ==, "Anna Ek");

  /* The planning answer is not asked for again: its event stays and answering is still open. */
  g_assert_true (sp_episode_can (episode, SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE,
                                 "hsl-1", SP_UNIT_KIND_MUNICIPAL_HEALTH, NULL));
  g_assert_cmpint (((SpEpisodeEvent *) sp_episode_get_events (episode)->pdata[3])->kind, ==,
                   SP_EPISODE_ACTION_ANSWER_PLANNING);

  /* An invalid date is refused and changes nothing. */
  g_date_clear (&date, 1);
  g_assert_false (sp_episode_change_estimated_discharge (episode, WARD, SP_UNIT_KIND_INPATIENT,
                                                         &date, t2, "Anna Ek", &error));
  g_assert_error (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (history->len, ==, 2);
}

/* Ready takes the server's clock, whatever time it is where the client sits. */
static void
test_ready_stamped_by_server (void)
{
  g_autoptr(SpEpisode) episode = make_episode (PLANNING);
  g_autoptr(GTimeZone) sao_paulo = g_time_zone_new_identifier ("America/Sao_Paulo");
  g_autoptr(GDateTime) server_now = g_date_time_new (sao_paulo, 2026, 3, 3, 7, 59, 0);
  g_autoptr(GDateTime) with_micro = g_date_time_new (sao_paulo, 2026, 3, 3, 7, 59, 0.5);
  g_autoptr(GDateTime) expected_utc = at ("2026-03-03T10:59:00Z");
  g_autoptr(GError) error = NULL;

  /* Instants are whole seconds: a precondition, not a runtime error. */
  g_test_expect_message ("sp-episode", G_LOG_LEVEL_CRITICAL, "*microsecond*");
  g_assert_false (sp_episode_mark_ready (episode, WARD, SP_UNIT_KIND_INPATIENT, with_micro,
                                         "Anna Ek", &error));
  g_test_assert_expected_messages ();
  g_assert_null (sp_episode_get_ready_at (episode));

  g_assert_true (sp_episode_mark_ready (episode, WARD, SP_UNIT_KIND_INPATIENT, server_now,
                                        "Anna Ek", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sp_episode_get_state (episode), ==, SP_EPISODE_STATE_READY);
  g_assert_true (g_date_time_equal (sp_episode_get_ready_at (episode), expected_utc));
}

static void
test_retract_ready_and_redo (void)
{
  g_autoptr(SpEpisode) episode = make_episode (READY);
  g_autoptr(GDateTime) t1 = at ("2026-03-05T12:00:00Z");
  g_autoptr(GDateTime) t2 = at ("2026-03-06T09:00:00Z");
  GError *error = NULL;

  g_assert_cmpuint (sp_episode_get_acknowledgements (episode, SP_EPISODE_NOTICE_READY)->len, ==, 1);
  GPtrArray *events = sp_episode_get_events (episode);
  SpEpisodeEvent *last;

  act (sp_episode_retract_ready (episode, WARD, SP_UNIT_KIND_INPATIENT, t1, "Anna Ek", "Feber",
                                 &error), error);
  g_assert_cmpint (sp_episode_get_state (episode), ==, SP_EPISODE_STATE_PLANNING);
  g_assert_null (sp_episode_get_ready_at (episode));
  /* The reason is kept as the event's detail. */
  last = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpint (last->kind, ==, SP_EPISODE_ACTION_RETRACT_READY);
  g_assert_cmpstr (last->detail, ==, "Feber");
  g_assert_cmpuint (sp_episode_get_acknowledgements (episode, SP_EPISODE_NOTICE_READY)->len, ==, 0);
  g_assert_false (sp_episode_all_acknowledged (episode, SP_EPISODE_NOTICE_READY));
  /* The admission acknowledgements are untouched by ready. */
  g_assert_cmpuint (sp_episode_get_acknowledgements (episode,
                                                     SP_EPISODE_NOTICE_ADMISSION)->len, ==, 1);

  act (sp_episode_mark_ready (episode, WARD, SP_UNIT_KIND_INPATIENT, t2, "Anna Ek", &error),
       error);
  g_assert_true (g_date_time_equal (sp_episode_get_ready_at (episode), t2));
  /* hsl-1 acknowledged the retracted notice; the new one needs a new acknowledgement. */
  act (sp_episode_acknowledge_ready (episode, "hsl-1", SP_UNIT_KIND_MUNICIPAL_HEALTH, t2, "Olle",
                                     &error), error);
}

static void
test_retract_discharge_and_redo (void)
{
  g_autoptr(SpEpisode) episode = make_episode (DISCHARGED);
  g_autoptr(GDateTime) ready_at = g_date_time_ref (sp_episode_get_ready_at (episode));
  g_autoptr(GDateTime) t1 = at ("2026-03-06T12:00:00Z");
  g_autoptr(GDateTime) t2 = at ("2026-03-07T10:00:00Z");
  GPtrArray *events = sp_episode_get_events (episode);
  SpEpisodeEvent *last;
  GError *error = NULL;

  act (sp_episode_retract_discharge (episode, WARD, SP_UNIT_KIND_INPATIENT, t1, "Anna Ek",
                                     "Transporten uteblev", &error), error);
  g_assert_cmpint (sp_episode_get_state (episode), ==, SP_EPISODE_STATE_READY);
  last = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpint (last->kind, ==, SP_EPISODE_ACTION_RETRACT_DISCHARGE);
  g_assert_cmpstr (last->detail, ==, "Transporten uteblev");
  g_assert_null (sp_episode_get_discharged_at (episode));
  /* Back to ready, with the same ready time: the payment clock was not reset. */
  g_assert_true (g_date_time_equal (sp_episode_get_ready_at (episode), ready_at));

  act (sp_episode_discharge (episode, WARD, SP_UNIT_KIND_INPATIENT, t2, t2, "Anna Ek", &error),
       error);
  g_assert_true (g_date_time_equal (sp_episode_get_discharged_at (episode), t2));
}

/* Recorded times must lie within the stay: not before admission, not in the future. */
static void
test_recorded_times (void)
{
  static const struct
  {
    const char *when;
    gboolean    ok;
  } cases[] = {
    { "2026-03-02T07:59:59Z", FALSE }, /* a second before admission */
    { "2026-03-02T08:00:00Z", TRUE },  /* at admission */
    { "2026-03-07T10:00:00Z", TRUE },  /* exactly now */
    { "2026-03-07T10:00:01Z", FALSE }, /* a second in the future */
  };
  g_autoptr(GDateTime) now = at ("2026-03-07T10:00:00Z");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpEpisode) ready = make_episode (READY);
      g_autoptr(SpEpisode) planning = make_episode (PLANNING);
      g_autoptr(GDateTime) when = at (cases[i].when);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      ok = sp_episode_discharge (ready, WARD, SP_UNIT_KIND_INPATIENT, when, now, "A", &error);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        g_assert_error (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_INVALID);
      g_clear_error (&error);

      ok = sp_episode_register_death (planning, WARD, SP_UNIT_KIND_INPATIENT, when, now, "A",
                                      &error);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        g_assert_error (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_INVALID);
    }
}

static void
test_end_states (void)
{
  g_autoptr(SpEpisode) dead = make_episode (DECEASED);
  g_autoptr(SpEpisode) cancelled = make_episode (CANCELLED);
  g_autoptr(SpEpisode) planning = make_episode (PLANNING);
  g_autoptr(GDateTime) ended = at ("2026-03-04T10:00:00Z");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sp_episode_get_state (dead), ==, SP_EPISODE_STATE_DECEASED);
  g_assert_true (g_date_time_equal (sp_episode_get_death_at (dead), ended));
  g_assert_cmpint (sp_episode_get_state (cancelled), ==, SP_EPISODE_STATE_CANCELLED);
  g_assert_true (g_date_time_equal (sp_episode_get_cancelled_at (cancelled), ended));
  g_assert_cmpstr (sp_episode_get_cancel_reason (cancelled), ==, "Felregistrerad");

  /* Nothing at all is possible afterwards, for anyone (the table checks every action). */
  for (SpEpisodeAction action = 0; action <= SP_EPISODE_ACTION_ADD_UNIT_VIA_SIP_INVITATION;
       action++)
    for (guint a = 0; a < N_ACTORS; a++)
      {
        g_assert_false (sp_episode_can (dead, action, actors[a].id, actors[a].kind, NULL));
        g_assert_false (sp_episode_can (cancelled, action, actors[a].id, actors[a].kind, NULL));
      }

  /* A cancellation needs a reason. */
  g_assert_false (sp_episode_cancel (planning, WARD, SP_UNIT_KIND_INPATIENT, "", ended, "A",
                                     &error));
  g_assert_error (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_INVALID);
  g_assert_cmpint (sp_episode_get_state (planning), ==, SP_EPISODE_STATE_PLANNING);
}

static const char *
lead_unit (SpEpisode *episode)
{
  const SpCareContact *lead = sp_episode_get_lead_care_contact (episode);

  return lead != NULL ? lead->unit_id : NULL;
}

static void
name_contact (SpEpisode  *episode,
              SpRegion    region,
              const char *unit_id,
              const char *name)
{
  g_autoptr(GDateTime) now = at ("2026-03-03T08:00:00Z");
  GError *error = NULL;

  act (sp_episode_name_care_contact (episode, sp_region_profile_get (region), unit_id,
                                     SP_UNIT_KIND_OUTPATIENT, name, "010-1", now, "Chef",
                                     &error), error);
}

static void
test_lead_care_contact (void)
{
  g_autoptr(SpEpisode) stockholm = make_episode (UNSENT);
  g_autoptr(SpEpisode) vgr = make_episode (UNSENT);
  g_autoptr(GDateTime) now = at ("2026-03-03T09:00:00Z");
  g_autoptr(GError) error = NULL;
  GDate date;
  guint leads = 0;

  set_date (&date, 9);
  act (sp_episode_send_admission_notice (stockholm, WARD, SP_UNIT_KIND_INPATIENT, &date, now,
                                         "Anna Ek", &error), error);

  /* Stockholm: a sole care contact is not made the lead by itself. */
  name_contact (stockholm, SP_REGION_STOCKHOLM, "vc-1", "Karin Holm");
  g_assert_null (lead_unit (stockholm));

  /* VGR: a sole care contact is also recorded as the lead (DOMAIN §2). */
  act (sp_episode_send_admission_notice (vgr, WARD, SP_UNIT_KIND_INPATIENT, &date, now,
                                         "Anna Ek", &error), error);
  name_contact (vgr, SP_REGION_VGR, "vc-1", "Karin Holm");
  g_assert_cmpstr (lead_unit (vgr), ==, "vc-1");
  /* A second contact is not sole: the lead stays. */
  name_contact (vgr, SP_REGION_VGR, "psyk-1", "Pia Rask");
  g_assert_cmpstr (lead_unit (vgr), ==, "vc-1");

  /* Setting a new lead clears the old one: the lead is unique. */
  act (sp_episode_set_lead_care_contact (vgr, "psyk-1", SP_UNIT_KIND_OUTPATIENT, "psyk-1", now,
                                         "Pia Rask", &error), error);
  g_assert_cmpstr (lead_unit (vgr), ==, "psyk-1");
  for (guint i = 0; i < sp_episode_get_care_contacts (vgr)->len; i++)
    leads += ((SpCareContact *) sp_episode_get_care_contacts (vgr)->pdata[i])->lead;
  g_assert_cmpuint (leads, ==, 1);

  /* Renaming a unit's contact replaces it and keeps the unit's lead role. */
  name_contact (vgr, SP_REGION_VGR, "psyk-1", "Per Rask");
  g_assert_cmpuint (sp_episode_get_care_contacts (vgr)->len, ==, 2);
  g_assert_cmpstr (sp_episode_get_lead_care_contact (vgr)->name, ==, "Per Rask");

  g_assert_false (sp_episode_set_lead_care_contact (vgr, "vc-1", SP_UNIT_KIND_OUTPATIENT,
                                                    "psyk-1", now, "K", &error));
  g_assert_error (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_ALREADY_DONE);
  g_clear_error (&error);
  g_assert_false (sp_episode_set_lead_care_contact (vgr, "vc-1", SP_UNIT_KIND_OUTPATIENT,
                                                    "hsl-1", now, "K", &error));
  g_assert_error (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_INVALID);
  g_clear_error (&error);

  /* A contact needs a name and a work phone. */
  g_assert_false (sp_episode_name_care_contact (vgr, sp_region_profile_get (SP_REGION_VGR),
                                                "vc-1", SP_UNIT_KIND_OUTPATIENT, "Karin", "",
                                                now, "K", &error));
  g_assert_error (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_INVALID);
}

static void
test_sip_invitation (void)
{
  g_autoptr(SpEpisode) episode = make_episode (PLANNING);
  g_autoptr(GDateTime) now = at ("2026-03-03T09:00:00Z");
  g_autoptr(GError) error = NULL;
  const SpAddressee *added;

  g_assert_false (sp_episode_can (episode, SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE,
                                  "rehab-1", SP_UNIT_KIND_MUNICIPAL_HEALTH, &error));
  g_assert_error (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_NOT_ADDRESSED);
  g_clear_error (&error);

  act (sp_episode_add_unit_via_sip_invitation (episode, "vc-1", SP_UNIT_KIND_OUTPATIENT,
                                               "rehab-1", SP_UNIT_KIND_MUNICIPAL_HEALTH, now,
                                               "Karin Holm", &error), error);
  added = sp_episode_find_addressee (episode, "rehab-1");
  g_assert_nonnull (added);
  g_assert_true (added->via_sip_invitation);
  g_assert_cmpint (added->role, ==, SP_ADDRESSING_ROLE_RECIPIENT);
  g_assert_cmpint (added->unit_kind, ==, SP_UNIT_KIND_MUNICIPAL_HEALTH);
  g_assert_true (g_date_time_equal (added->added_at, now));

  /* From now on it takes part like the others. */
  act (sp_episode_acknowledge_admission_notice (episode, "rehab-1",
                                                SP_UNIT_KIND_MUNICIPAL_HEALTH, now, "Rut",
                                                &error), error);

  g_assert_false (sp_episode_add_unit_via_sip_invitation (episode, "vc-1",
                                                          SP_UNIT_KIND_OUTPATIENT, "rehab-1",
                                                          SP_UNIT_KIND_MUNICIPAL_HEALTH, now,
                                                          "Karin Holm", &error));
  g_assert_error (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_ALREADY_DONE);
  g_clear_error (&error);
  g_assert_false (sp_episode_add_unit_via_sip_invitation (episode, "vc-1",
                                                          SP_UNIT_KIND_OUTPATIENT, WARD,
                                                          SP_UNIT_KIND_INPATIENT, now,
                                                          "Karin Holm", &error));
  g_assert_error (error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_INVALID);
}

/* The log only grows, and what it held stays as it was. */
static void
test_event_log_append_only (void)
{
  g_autoptr(SpEpisode) episode = make_episode (READY);
  g_autoptr(GDateTime) t1 = at ("2026-03-05T12:00:00Z");
  g_autoptr(GDateTime) t2 = at ("2026-03-05T13:00:00Z");
  static const SpEpisodeAction expected_kinds[] = {
    SP_EPISODE_ACTION_SEND_ADMISSION_NOTICE,
    SP_EPISODE_ACTION_NAME_CARE_CONTACT,
    SP_EPISODE_ACTION_ACKNOWLEDGE_ADMISSION_NOTICE,
    SP_EPISODE_ACTION_MARK_READY,
    SP_EPISODE_ACTION_ACKNOWLEDGE_READY,
    SP_EPISODE_ACTION_RETRACT_READY,
    SP_EPISODE_ACTION_MARK_READY,
  };
  GPtrArray *events = sp_episode_get_events (episode);
  g_autoptr(GPtrArray) before = g_ptr_array_copy (events, NULL, NULL);
  g_autoptr(GError) error = NULL;
  SpEpisodeEvent *last;

  /* The copy borrows the elements: it must not free them. */
  g_ptr_array_set_free_func (before, NULL);
  act (sp_episode_retract_ready (episode, WARD, SP_UNIT_KIND_INPATIENT, t1, "Anna Ek", "",
                                 &error), error);
  act (sp_episode_mark_ready (episode, WARD, SP_UNIT_KIND_INPATIENT, t2, "Bo Ek", &error),
       error);

  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (expected_kinds));
  for (guint i = 0; i < events->len; i++)
    g_assert_cmpint (((SpEpisodeEvent *) events->pdata[i])->kind, ==, expected_kinds[i]);
  for (guint i = 0; i < before->len; i++)
    g_assert_true (events->pdata[i] == before->pdata[i]);
  /* An empty reason is no reason. */
  g_assert_null (((SpEpisodeEvent *) events->pdata[events->len - 2])->detail);

  last = events->pdata[events->len - 1];
  g_assert_true (g_date_time_equal (last->at, t2));
  g_assert_cmpstr (last->user_name, ==, "Bo Ek");
  g_assert_cmpstr (last->unit_id, ==, WARD);

  /* A refused action logs nothing. */
  g_assert_false (sp_episode_mark_ready (episode, WARD, SP_UNIT_KIND_INPATIENT, t2, "Bo Ek",
                                         &error));
  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (expected_kinds));
}

static SpEpisode *
roundtrip (SpEpisode *episode)
{
  g_autofree char *text = episode_text (episode);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sp_json_parse (text, -1, &error);
  SpEpisode *copy;
  g_autofree char *text2 = NULL;

  g_assert_no_error (error);
  copy = sp_episode_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_true (sp_episode_equal (episode, copy));
  text2 = episode_text (copy);
  g_assert_cmpstr (text, ==, text2);

  return copy;
}

static void
add_consents (SpEpisode *episode)
{
  g_autoptr(GDateTime) t = at ("2026-03-02T09:30:00Z");
  g_autoptr(SpConsent) consent = NULL;
  g_autoptr(SpHarmAssessment) assessment = NULL;

  consent = sp_consent_new (SP_CONSENT_KIND_SVU_EXCHANGE, SP_CONSENT_FORM_WRITTEN,
                            SP_CONSENT_GIVER_GUARDIAN, "Eva Berg", "Anna Ek", NULL, WARD, t);
  sp_consent_set_add (sp_episode_get_consents (episode), consent);
  assessment = sp_harm_assessment_new ("Lars Lind", "Överläkare", WARD, t,
                                       SP_HARM_OUTCOME_MAY_SHARE, NULL);
  sp_consent_set_add_harm_assessment (sp_episode_get_consents (episode), assessment);
}

static void
test_json_roundtrip (void)
{
  g_autoptr(GDateTime) judged = at ("2026-03-02T20:15:00+01:00");

  for (Setup setup = 0; setup < N_SETUPS; setup++)
    {
      g_autoptr(SpEpisode) episode = make_episode (setup);
      g_autoptr(SpEpisode) copy = NULL;
      g_autoptr(SpEpisode) plain = NULL;

      plain = roundtrip (episode);
      sp_episode_set_patient_is_child (episode, TRUE);
      sp_episode_set_needs_judged_at (episode, judged);
      sp_episode_set_reason_for_contact (episode, "Fall i hemmet, höftfraktur");
      sp_episode_set_responsible_doctor (episode, "Dr Lind");
      sp_episode_set_short_stay (episode, TRUE);
      sp_episode_set_revision (episode, 42);
      add_consents (episode);
      copy = roundtrip (episode);

      /* Equality sees each of those changes. */
      g_assert_false (sp_episode_equal (episode, plain));
      sp_episode_set_revision (copy, 43);
      g_assert_false (sp_episode_equal (episode, copy));
    }
}

/* Equality must see every field: each change below makes two equal episodes differ. */
static void
test_equal_sees_each_field (void)
{
  enum { CHILD, JUDGED, REASON, DOCTOR, SHORT_STAY, REVISION, CONSENTS, EVENT, N_CHANGES };
  g_autoptr(GDateTime) judged = at ("2026-03-02T20:15:00Z");

  for (guint change = 0; change < N_CHANGES; change++)
    {
      g_autoptr(SpEpisode) a = make_episode (PLANNING);
      g_autoptr(SpEpisode) b = make_episode (PLANNING);

      g_assert_true (sp_episode_equal (a, b));
      switch (change)
        {
        case CHILD: sp_episode_set_patient_is_child (b, TRUE); break;
        case JUDGED: sp_episode_set_needs_judged_at (b, judged); break;
        case REASON: sp_episode_set_reason_for_contact (b, "Stroke"); break;
        case DOCTOR: sp_episode_set_responsible_doctor (b, "Dr Lind"); break;
        case SHORT_STAY: sp_episode_set_short_stay (b, TRUE); break;
        case REVISION: sp_episode_set_revision (b, 7); break;
        case CONSENTS: add_consents (b); break;
        case EVENT:
          act (sp_episode_answer_planning (b, WARD, SP_UNIT_KIND_INPATIENT, judged, "Anna Ek",
                                           NULL), NULL);
          break;
        default: g_assert_not_reached ();
        }
      g_test_message ("change %u", change);
      g_assert_false (sp_episode_equal (a, b));
    }
}

/* Edits a valid episode's JSON to break one thing; the reader names the member. */
typedef void (*Breaker) (JsonObject *object);

static void
break_format (JsonObject *o) { json_object_set_int_member (o, "format", 2); }
static void
break_state_without_ready_at (JsonObject *o) { json_object_set_null_member (o, "ready_at"); }
static void
break_state_nick (JsonObject *o) { json_object_set_string_member (o, "state", "klar"); }
static void
break_no_events (JsonObject *o) { json_object_remove_member (o, "events"); }
static void
break_revision (JsonObject *o) { json_object_set_int_member (o, "revision", -1); }
static void
break_empty_id (JsonObject *o) { json_object_set_string_member (o, "id", ""); }

static void
break_two_leads (JsonObject *o)
{
  JsonArray *contacts = json_object_get_array_member (o, "care_contacts");
  JsonObject *first = json_array_get_object_element (contacts, 0);
  JsonObject *second = json_object_new ();

  json_object_set_boolean_member (first, "lead", TRUE);
  json_object_set_string_member (second, "name", "Pia Rask");
  json_object_set_string_member (second, "work_phone", "010-2");
  json_object_set_string_member (second, "unit_id", "psyk-1");
  json_object_set_boolean_member (second, "lead", TRUE);
  json_object_set_string_member (second, "named_at", "2026-03-02T10:00:00Z");
  json_object_set_string_member (second, "named_by", "Chef");
  json_array_add_object_element (contacts, second);
}

static void
break_ack_not_addressed (JsonObject *o)
{
  JsonArray *acks = json_object_get_array_member (o, "ready_acknowledgements");

  json_object_set_string_member (json_array_get_object_element (acks, 0), "unit_id", "vc-other");
}

static void
break_event_kind (JsonObject *o)
{
  JsonArray *events = json_object_get_array_member (o, "events");

  json_object_set_string_member (json_array_get_object_element (events, 2), "kind", "delete");
}

static void
break_consent (JsonObject *o)
{
  JsonObject *consents = json_object_get_object_member (o, "consents");
  JsonArray *assessments = json_object_get_array_member (consents, "harm_assessments");

  json_object_remove_member (json_array_get_object_element (assessments, 0), "made_by_title");
}

static void
break_addressee_kind (JsonObject *o)
{
  JsonArray *addressing = json_object_get_array_member (o, "addressing");

  json_object_set_string_member (json_array_get_object_element (addressing, 1), "unit_kind",
                                 "hospital");
}

static void
test_json_strict (void)
{
  static const struct
  {
    Breaker     breaker;
    int         code;
    const char *field;
  } cases[] = {
    { break_format, SP_JSON_ERROR_VERSION, "format" },
    { break_state_without_ready_at, SP_JSON_ERROR_INVALID, "ready_at" },
    { break_state_nick, SP_JSON_ERROR_INVALID, "state" },
    { break_no_events, SP_JSON_ERROR_MISSING, "events" },
    { break_revision, SP_JSON_ERROR_INVALID, "revision" },
    { break_empty_id, SP_JSON_ERROR_INVALID, "id" },
    { break_two_leads, SP_JSON_ERROR_INVALID, "care_contacts" },
    { break_ack_not_addressed, SP_JSON_ERROR_INVALID, "ready_acknowledgements" },
    { break_event_kind, SP_JSON_ERROR_INVALID, "events[2].kind" },
    { break_consent, SP_JSON_ERROR_MISSING, "consents.harm_assessments[0].made_by_title" },
    { break_addressee_kind, SP_JSON_ERROR_INVALID, "addressing[1].unit_kind" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpEpisode) episode = make_episode (READY);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(SpEpisode) copy = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *field = NULL;

      add_consents (episode);
      node = sp_episode_to_json (episode);
      cases[i].breaker (json_node_get_object (node));
      copy = sp_episode_new_from_json (node, &error);
      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(accepted)");
      g_assert_null (copy);
      g_assert_error (error, SP_JSON_ERROR, cases[i].code);
      field = sp_json_error_get_field (error);
      g_assert_cmpstr (field, ==, cases[i].field);
    }
}

/* sp-unit */

static void
test_unit_principal (void)
{
  static const struct
  {
    SpUnitKind  kind;
    SpPrincipal principal;
  } cases[] = {
    { SP_UNIT_KIND_INPATIENT,        SP_PRINCIPAL_REGION },       /* slutenvård */
    { SP_UNIT_KIND_OUTPATIENT,       SP_PRINCIPAL_REGION },       /* vårdcentral */
    { SP_UNIT_KIND_MUNICIPAL_HEALTH, SP_PRINCIPAL_MUNICIPALITY }, /* hemsjukvård */
    { SP_UNIT_KIND_SOCIAL_SERVICES,  SP_PRINCIPAL_MUNICIPALITY }, /* biståndshandläggare */
    { SP_UNIT_KIND_OTHER,            SP_PRINCIPAL_OTHER },        /* Försäkringskassan */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SpUnit) unit = sp_unit_new ("u-1", "Enhet", cases[i].kind);

      g_assert_cmpint (sp_unit_get_principal (unit), ==, cases[i].principal);
    }
}

static void
test_unit_json (void)
{
  g_autoptr(SpUnit) unit = sp_unit_new ("hsl-1", "Hemsjukvården Kungsholmen",
                                        SP_UNIT_KIND_MUNICIPAL_HEALTH);
  g_autoptr(SpUnit) bare = sp_unit_new ("vc-1", "Vårdcentralen Ö", SP_UNIT_KIND_OUTPATIENT);
  SpUnit *units[] = { unit, bare };

  sp_unit_set_municipality (unit, "0180", "Stockholm");
  sp_unit_set_phone (unit, "08-508 000 00");

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autoptr(JsonNode) node = sp_unit_to_json (units[i]);
      g_autofree char *text = sp_json_to_string (node, FALSE);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) parsed = sp_json_parse (text, -1, &error);
      g_autoptr(SpUnit) copy = sp_unit_new_from_json (parsed, &error);
      g_autoptr(JsonNode) node2 = NULL;
      g_autofree char *text2 = NULL;

      g_assert_no_error (error);
      g_assert_true (sp_unit_equal (units[i], copy));
      node2 = sp_unit_to_json (copy);
      text2 = sp_json_to_string (node2, FALSE);
      g_assert_cmpstr (text, ==, text2);
    }

  g_assert_false (sp_unit_equal (unit, bare));
}

static void
test_unit_json_strict (void)
{
  static const struct
  {
    const char *json;
    int         code;
    const char *field;
  } cases[] = {
    { "{'format':1,'name':'A','kind':'outpatient'}", SP_JSON_ERROR_MISSING, "id" },
    { "{'format':1,'id':'','name':'A','kind':'outpatient'}", SP_JSON_ERROR_INVALID, "id" },
    { "{'format':1,'id':'u','name':'A','kind':'hospital'}", SP_JSON_ERROR_INVALID, "kind" },
    { "{'format':1,'id':'u','name':'A','kind':'other','municipality':{'code':180}}",
      SP_JSON_ERROR_TYPE, "municipality.code" },
    { "{'format':9,'id':'u','name':'A','kind':'other'}", SP_JSON_ERROR_VERSION, "format" },
    { "{'id':'u','name':'A','kind':'other'}", SP_JSON_ERROR_MISSING, "format" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdelimit (g_strdup (cases[i].json), "'", '"');
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = sp_json_parse (json, -1, &error);
      g_autoptr(SpUnit) unit = NULL;
      g_autofree char *field = NULL;

      g_assert_no_error (error);
      unit = sp_unit_new_from_json (node, &error);
      g_assert_null (unit);
      g_assert_error (error, SP_JSON_ERROR, cases[i].code);
      field = sp_json_error_get_field (error);
      g_assert_cmpstr (field, ==, cases[i].field);
    }
}

/* The acknowledgement clock restarts with every re-sent notice; acknowledgements are per unit. */
static void
test_notice_queries (void)
{
  g_autoptr(GDateTime) admitted = at ("2026-03-02T08:00:00Z");
  g_autoptr(GDateTime) sent = at ("2026-03-02T09:00:00Z");
  g_autoptr(GDateTime) acked = at ("2026-03-02T10:00:00Z");
  g_autoptr(GDateTime) resent = at ("2026-03-03T09:00:00Z");
  g_autoptr(SpEpisode) episode = sp_episode_new ("e-1", "p-1", "ward-1", admitted);
  g_autoptr(GError) error = NULL;
  GDate first, later;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 9, 3, 2026);
  g_date_clear (&later, 1);
  g_date_set_dmy (&later, 12, 3, 2026);

  g_assert_null (sp_episode_get_current_notice_sent_at (episode));
  g_assert_true (sp_episode_address_unit (episode, "vc-1", SP_UNIT_KIND_OUTPATIENT,
                                          SP_ADDRESSING_ROLE_RECIPIENT, admitted, &error));
  g_assert_true (sp_episode_send_admission_notice (episode, "ward-1", SP_UNIT_KIND_INPATIENT,
                                                   &first, sent, "Anna Testsson", &error));
  g_assert_true (g_date_time_equal (sp_episode_get_current_notice_sent_at (episode), sent));
  g_assert_null (sp_episode_get_acknowledged_at (episode, SP_EPISODE_NOTICE_ADMISSION, "vc-1"));

  g_assert_true (sp_episode_acknowledge_admission_notice (episode, "vc-1",
                                                          SP_UNIT_KIND_OUTPATIENT, acked,
                                                          "Bertil Provsson", &error));
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (sp_episode_get_acknowledged_at (episode,
                                                                    SP_EPISODE_NOTICE_ADMISSION,
                                                                    "vc-1"), acked));
  g_assert_null (sp_episode_get_acknowledged_at (episode, SP_EPISODE_NOTICE_READY, "vc-1"));

  g_assert_true (sp_episode_change_estimated_discharge (episode, "ward-1",
                                                        SP_UNIT_KIND_INPATIENT, &later, resent,
                                                        "Anna Testsson", &error));
  g_assert_true (g_date_time_equal (sp_episode_get_current_notice_sent_at (episode), resent));
  g_assert_null (sp_episode_get_acknowledged_at (episode, SP_EPISODE_NOTICE_ADMISSION, "vc-1"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/episode/transitions", test_transitions);
  g_test_add_func ("/core/episode/ward-kind-checked", test_ward_kind_checked);
  g_test_add_func ("/core/episode/send-requires-addressing", test_send_requires_addressing);
  g_test_add_func ("/core/episode/resend-clears-acks", test_resend_clears_acks);
  g_test_add_func ("/core/episode/ready-stamped-by-server", test_ready_stamped_by_server);
  g_test_add_func ("/core/episode/retract-ready-and-redo", test_retract_ready_and_redo);
  g_test_add_func ("/core/episode/retract-discharge-and-redo", test_retract_discharge_and_redo);
  g_test_add_func ("/core/episode/recorded-times", test_recorded_times);
  g_test_add_func ("/core/episode/end-states", test_end_states);
  g_test_add_func ("/core/episode/lead-care-contact", test_lead_care_contact);
  g_test_add_func ("/core/episode/sip-invitation", test_sip_invitation);
  g_test_add_func ("/core/episode/notice-queries", test_notice_queries);
  g_test_add_func ("/core/episode/event-log-append-only", test_event_log_append_only);
  g_test_add_func ("/core/episode/json-roundtrip", test_json_roundtrip);
  g_test_add_func ("/core/episode/equal-sees-each-field", test_equal_sees_each_field);
  g_test_add_func ("/core/episode/json-strict", test_json_strict);
  g_test_add_func ("/core/unit/principal", test_unit_principal);
  g_test_add_func ("/core/unit/json", test_unit_json);
  g_test_add_func ("/core/unit/json-strict", test_unit_json_strict);

  return g_test_run ();
}
