/* sp-demo.c — `samplan-server seed-demo`: a fictional region to work and measure with
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is made the way the API makes it: core objects taken through their own actions
 * with explicit times (sp_episode_*, sp_planning_basis_add, sp_sip_*), stored with the same
 * helpers and index terms as the endpoints (sp_api_save_episode, sp_api_put_json). So the
 * demo behaves like data that nurses typed in, only nobody did: no audit entries are
 * written, since no user read or wrote anything.
 *
 * Every name is fictional. Identity numbers use the födelsenummer 980–999, the range
 * Skatteverket keeps for test personnummer, so no real person is ever shown.
 */

#define G_LOG_DOMAIN "sp-demo"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sp-api-common.h"
#include "sp-auth.h"
#include "sp-calendar.h"
#include "sp-demo.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-message.h"
#include "sp-patient.h"
#include "sp-planning.h"
#include "sp-planning-answer.h"
#include "sp-sip.h"
#include "sp-sqlite-store.h"
#include "sp-unit.h"
#include "sp-user.h"

#define DEFAULT_EPISODES 40
/* Distinct test personnummer run out after 20 × 27375 (see make_identity). */
#define MAX_EPISODES     500000
/* Episodes per store transaction: big enough that fsync is rare, small enough to stay cheap
 * in memory. */
#define BATCH_SIZE       500
/* After the first six, one SIP for every this many episodes that are ready or discharged. */
#define SIP_SHARE        3

/* ── The region ──────────────────────────────────────────────────────────────────────── */

typedef struct
{
  const char *id;
  const char *name;
  SpUnitKind  kind;
  const char *municipality; /* "CODE:NAME", or NULL for the region's units */
  const char *username;     /* the unit's demo user */
  const char *user_name;
  const char *title;
} DemoUnit;

/* Indexes into units[], by role in an episode. */
enum { WARD_0 = 0, VC_0 = 3, KOMMUN_0 = 6 };
enum { SOL, HSL, REHAB, N_PER_KOMMUN };

static const DemoUnit units[] = {
  { "demo-avd-3", "Avdelning 3 (kirurgi), Testsjukhuset", SP_UNIT_KIND_INPATIENT, NULL,
    "demo-avd3", "Alva Avdelningsson", "Sjuksköterska" },
  { "demo-avd-7", "Avdelning 7 (medicin), Testsjukhuset", SP_UNIT_KIND_INPATIENT, NULL,
    "demo-avd7", "Björn Medicinsson", "Sjuksköterska" },
  { "demo-avd-12", "Avdelning 12 (geriatrik), Testsjukhuset", SP_UNIT_KIND_INPATIENT, NULL,
    "demo-avd12", "Cilla Geriatriksson", "Sjuksköterska" },
  { "demo-vc-exempelby", "Vårdcentralen Exempelby", SP_UNIT_KIND_OUTPATIENT, NULL,
    "demo-vc1", "Dag Distriktsson", "Distriktssköterska" },
  { "demo-vc-pahittsta", "Vårdcentralen Påhittsta", SP_UNIT_KIND_OUTPATIENT, NULL,
    "demo-vc2", "Ebba Exempeldotter", "Distriktssköterska" },
  { "demo-vc-latsasvik", "Vårdcentralen Låtsasvik", SP_UNIT_KIND_OUTPATIENT, NULL,
    "demo-vc3", "Filip Fiktivsson", "Distriktssköterska" },
  { "demo-sol-exempelby", "Biståndsenheten, Exempelby kommun", SP_UNIT_KIND_SOCIAL_SERVICES,
    "9901:Exempelby", "demo-sol1", "Greta Handläggarsson", "Biståndshandläggare" },
  { "demo-hsl-exempelby", "Hemsjukvården, Exempelby kommun", SP_UNIT_KIND_MUNICIPAL_HEALTH,
    "9901:Exempelby", "demo-hsl1", "Hugo Hemsjuksson", "Sjuksköterska" },
  { "demo-rehab-exempelby", "Rehabenheten, Exempelby kommun", SP_UNIT_KIND_MUNICIPAL_HEALTH,
    "9901:Exempelby", "demo-rehab1", "Ida Rehabsson", "Arbetsterapeut" },
  { "demo-sol-pahittsta", "Biståndsenheten, Påhittsta kommun", SP_UNIT_KIND_SOCIAL_SERVICES,
    "9902:Påhittsta", "demo-sol2", "Johan Biståndsson", "Biståndshandläggare" },
  { "demo-hsl-pahittsta", "Hemsjukvården, Påhittsta kommun", SP_UNIT_KIND_MUNICIPAL_HEALTH,
    "9902:Påhittsta", "demo-hsl2", "Karin Kommunsköterska", "Sjuksköterska" },
  { "demo-rehab-pahittsta", "Rehabenheten, Påhittsta kommun", SP_UNIT_KIND_MUNICIPAL_HEALTH,
    "9902:Påhittsta", "demo-rehab2", "Lars Fysiosson", "Fysioterapeut" },
};

/* The log reviewer, who reads the audit log for the hospital. */
#define REVIEWER_USERNAME "demo-granskare"

static const char *given_names[] = {
  "Astrid", "Bengt", "Carina", "Dan", "Elsa", "Folke", "Gun", "Harald", "Inga", "Jan",
  "Kerstin", "Lennart", "Maj", "Nils", "Olga", "Per", "Rut", "Sven", "Tora", "Ulf",
};

static const char *family_names[] = {
  "Testsson", "Exempelsson", "Demosson", "Provsson", "Påhittsson", "Låtsasson", "Fiktivsson",
  "Övningsson", "Mallsson", "Modellsson",
};

static const char *reasons[] = {
  "Fall i hemmet, höftfraktur", "Lunginflammation", "Hjärtsvikt, försämring", "Stroke",
  "Urinvägsinfektion med förvirring", "KOL-exacerbation", "Nedsatt allmäntillstånd",
};

/* The password of the user at @index (units[] order, then the reviewer). */
static char *
demo_password (guint index)
{
  return g_strdup_printf ("demo-lösenord-%u", index + 1);
}

static const DemoUnit *
kommun_unit (guint municipality,
             guint which)
{
  return &units[KOMMUN_0 + municipality * N_PER_KOMMUN + which];
}

/* ── What one seeding run shares ─────────────────────────────────────────────────────── */

typedef struct
{
  SpServer  *server;
  SpStore   *store;
  GRand     *rand;
  GDateTime *now;
  GDate      today;
  guint      n_episodes;
  guint      next;        /* the next episode to make */
  guint      batch_end;
  guint      n_sips;
  guint      n_messages;
  guint      per_state[SP_EPISODE_STATE_CANCELLED + 1];
  guint      per_track[SP_TRACK_ROD + 1];
  guint      per_sip_status[SP_SIP_STATUS_CLOSED + 1];
} Seeder;

static gboolean
put (Seeder             *seeder,
     const char         *kind,
     const char         *id,
     const char         *parent_id,
     JsonNode           *node,
     const char * const *terms,
     GError            **error)
{
  g_autoptr(SpRecord) record = sp_api_put_json (seeder->store, kind, id, parent_id, node, 0,
                                                terms, error);

  return record != NULL;
}

static gboolean
seed_region (Seeder  *seeder,
             GError **error)
{
  g_autoptr(GString) passwords = g_string_new (NULL);

  for (guint i = 0; i <= G_N_ELEMENTS (units); i++)
    {
      const DemoUnit *unit = &units[MIN (i, G_N_ELEMENTS (units) - 1)];
      gboolean reviewer = i == G_N_ELEMENTS (units);
      const char *unit_ids[] = { reviewer ? units[WARD_0].id : unit->id, NULL };
      g_autofree char *password = demo_password (i);
      g_autofree char *hash = NULL;
      g_autoptr(SpUser) user = NULL;
      g_autoptr(JsonNode) user_node = NULL;

      if (!reviewer)
        {
          g_autoptr(SpUnit) record = sp_unit_new (unit->id, unit->name, unit->kind);
          g_autoptr(JsonNode) unit_node = NULL;

          if (unit->municipality != NULL)
            {
              g_auto(GStrv) parts = g_strsplit (unit->municipality, ":", 2);

              sp_unit_set_municipality (record, parts[0], parts[1]);
            }
          sp_unit_set_phone (record, "010-000 00 00");
          unit_node = sp_unit_to_json (record);
          if (!put (seeder, "unit", unit->id, NULL, unit_node, NULL, error))
            return FALSE;
        }

      if ((hash = sp_auth_hash_password (password, error)) == NULL)
        return FALSE;

      user = reviewer ? sp_user_new (REVIEWER_USERNAME, "Maja Granskarsson",
                                     "Informationssäkerhetssamordnare")
                      : sp_user_new (unit->username, unit->user_name, unit->title);
      sp_user_set_units (user, unit_ids);
      sp_user_set_roles (user, reviewer ? SP_ROLE_LOG_REVIEWER : SP_ROLE_STAFF);
      sp_user_set_password_hash (user, hash);
      user_node = sp_user_to_json (user, TRUE);
      if (!put (seeder, "user", reviewer ? REVIEWER_USERNAME : unit->username, NULL, user_node,
                NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* ── People ──────────────────────────────────────────────────────────────────────────── */

static int
luhn_check_digit (const char *nine_digits)
{
  int sum = 0;

  for (int i = 0; i < 9; i++)
    {
      int digit = (nine_digits[i] - '0') * (i % 2 == 0 ? 2 : 1);

      sum += digit > 9 ? digit - 9 : digit;
    }

  return (10 - sum % 10) % 10;
}

/* The @index-th test personnummer: twenty födelsenummer (980–999) per birth date, the birth
 * dates spread over 75 years from 1925 (7 and 27375 are coprime, so no date repeats). */
static SpIdentity *
make_identity (Seeder  *seeder,
               guint    index,
               GError **error)
{
  GDate born;
  g_autofree char *nine = NULL;
  g_autofree char *text = NULL;

  g_date_clear (&born, 1);
  g_date_set_dmy (&born, 1, G_DATE_JANUARY, 1925);
  g_date_add_days (&born, (index / 20) * 7 % 27375);
  nine = g_strdup_printf ("%02d%02d%02d%03u", g_date_get_year (&born) % 100,
                          g_date_get_month (&born), g_date_get_day (&born), 980 + index % 20);
  text = g_strdup_printf ("%d%s%d", g_date_get_year (&born) / 100, nine,
                          luhn_check_digit (nine));

  return sp_identity_parse (text, &seeder->today, error);
}

static SpPatient *
seed_patient (Seeder      *seeder,
              guint        index,
              guint        municipality,
              const char  *listed_unit_id,
              GError     **error)
{
  g_autofree char *id = sp_api_new_id ("p");
  g_autoptr(SpIdentity) identity = make_identity (seeder, index, error);
  g_autoptr(SpPatient) patient = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *term = NULL;
  g_autofree char *street = NULL;
  g_autofree char *postal_code = NULL;
  g_auto(GStrv) kommun = g_strsplit (kommun_unit (municipality, SOL)->municipality, ":", 2);
  const char *terms[] = { NULL, NULL };

  if (identity == NULL)
    return NULL;

  patient = sp_patient_new (id);
  sp_patient_set_identity (patient, identity);
  sp_patient_set_name (patient, given_names[index % G_N_ELEMENTS (given_names)],
                       family_names[(index / G_N_ELEMENTS (given_names)) %
                                    G_N_ELEMENTS (family_names)]);
  street = g_strdup_printf ("Exempelvägen %u", index % 150 + 1);
  postal_code = g_strdup_printf ("999 %02u", index % 100);
  sp_patient_set_address (patient, street, postal_code, kommun[1]);
  sp_patient_set_municipality (patient, kommun[0], kommun[1]);
  sp_patient_set_listed_unit_id (patient, listed_unit_id);
  sp_patient_set_phone (patient, "070-000 00 00");
  sp_patient_set_housing (patient, index % 6 == 5 ? SP_HOUSING_SPECIAL_HOUSING
                                                  : SP_HOUSING_ORDINARY);
  sp_patient_set_home_care (patient, index % 3 == 0);
  if (index % 4 == 0)
    sp_patient_add_next_of_kin (patient, "Närstående Testsson", "dotter", "070-111 11 11");
  if (index % 25 == 7)
    sp_patient_set_interpreter (patient, TRUE, "finska");

  /* As sp-api-patients.c: the registry finds a person by the normalised number. */
  term = g_strconcat ("identity:", sp_identity_get_normalised (identity), NULL);
  terms[0] = term;
  node = sp_patient_to_json (patient);
  if (!put (seeder, "patient", id, NULL, node, terms, error))
    return NULL;

  return g_steal_pointer (&patient);
}

/* ── Episodes ────────────────────────────────────────────────────────────────────────── */

/* How far an episode has come; with the track, every combination appears in the first 35
 * episodes. */
typedef enum
{
  STAGE_NEW,             /* admission notice sent, nobody has answered */
  STAGE_PLANNING,        /* acknowledged, care contact named, planning answered */
  STAGE_READY,           /* ready for discharge, not acknowledged yet */
  STAGE_READY_ACKED,     /* ready, every unit acknowledged */
  STAGE_DISCHARGED,
  STAGE_DECEASED,
  STAGE_CANCELLED,
  N_STAGES,
} Stage;

static const SpTrack tracks[] = {
  SP_TRACK_GRA, SP_TRACK_BLA, SP_TRACK_GRON, SP_TRACK_GUL, SP_TRACK_ROD,
};

/* The parties of episode @index. */
typedef struct
{
  const DemoUnit *ward;
  const DemoUnit *vc;
  const DemoUnit *sol;
  const DemoUnit *hsl;
  const DemoUnit *rehab;
  guint           municipality;
} Parties;

static void
get_parties (guint    index,
             Parties *out)
{
  out->ward = &units[WARD_0 + index % 3];
  out->vc = &units[VC_0 + (index / 3) % 3];
  out->municipality = index % 2;
  out->sol = kommun_unit (out->municipality, SOL);
  out->hsl = kommun_unit (out->municipality, HSL);
  out->rehab = kommun_unit (out->municipality, REHAB);
}

/* The episode's clock: @hours after admission. Admission is more than 70 hours ago, and
 * nothing happens later than 70 hours after it, so no stamp lies in the future. */
static GDateTime *
at (GDateTime *admitted,
    int        hours)
{
  return g_date_time_add_hours (admitted, hours);
}

/* One answer to the planning questions that makes the basis come out as @track
 * (DOMAIN §6, the shared rule in sp-track.c), from the unit that would give it. */
static SpPlanningAnswer *
answer_for_track (SpEpisode      *episode,
                  const Parties  *parties,
                  SpTrack         track,
                  const DemoUnit **out_unit)
{
  const DemoUnit *unit = parties->ward;
  SpPlanningAnswer *answer;
  const char *key = "simple_only";

  switch (track)
    {
    case SP_TRACK_ROD:
      key = "extensive";
      break;
    case SP_TRACK_GUL:
      key = "hsl_new";
      break;
    case SP_TRACK_GRON:
      unit = parties->hsl;
      key = "hsl_before";
      break;
    case SP_TRACK_BLA:
      unit = parties->sol;
      key = "sol_before";
      break;
    case SP_TRACK_GRA:
    default:
      break;
    }

  answer = sp_planning_answer_new (sp_episode_get_id (episode), unit->id, unit->kind);
  sp_planning_answer_set_value (answer, key, SP_PLANNING_VALUE_YES);
  if (track == SP_TRACK_GRA)
    {
      sp_planning_answer_set_value (answer, "sol_new", SP_PLANNING_VALUE_NO);
      sp_planning_answer_set_value (answer, "hsl_new", SP_PLANNING_VALUE_NO);
      sp_planning_answer_set_value (answer, "extensive", SP_PLANNING_VALUE_NO);
    }
  sp_planning_answer_set_new_needs (answer, track >= SP_TRACK_GUL
                                            ? "Behöver hjälp med personlig omvårdnad."
                                            : NULL);
  *out_unit = unit;
  return answer;
}

/* The planning basis, stored as sp-api-planning.c stores it, and the answer in the episode's
 * log. */
static gboolean
seed_planning (Seeder         *seeder,
               SpEpisode      *episode,
               const Parties  *parties,
               SpTrack         track,
               GDateTime      *answered_at,
               GError        **error)
{
  const char *episode_id = sp_episode_get_id (episode);
  const DemoUnit *unit = NULL;
  g_autoptr(SpPlanningBasis) basis = sp_planning_basis_new (episode_id);
  g_autoptr(SpPlanningAnswer) answer = answer_for_track (episode, parties, track, &unit);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *episode_term = g_strconcat ("episode:", episode_id, NULL);
  g_autofree char *track_term = NULL;
  SpTrack computed;

  sp_planning_answer_sign (answer, unit->user_name, unit->title, answered_at);
  if (!sp_planning_basis_add (basis, answer, error) ||
      !sp_episode_answer_planning (episode, unit->id, unit->kind, answered_at,
                                   unit->user_name, error))
    return FALSE;

  computed = sp_planning_basis_get_effective_track (basis,
                                                    sp_server_get_profile (seeder->server),
                                                    NULL);
  seeder->per_track[computed]++;
  track_term = g_strconcat ("track:", sp_enum_to_nick (SP_TYPE_TRACK, computed), NULL);
  node = sp_planning_basis_to_json (basis);

  {
    const char * const terms[] = { episode_term, track_term, NULL };

    return put (seeder, "planning", episode_id, episode_id, node, terms, error);
  }
}

/* The ward's general message to every party, as POST /episodes/:id/messages makes it. */
static gboolean
seed_message (Seeder         *seeder,
              SpEpisode      *episode,
              const Parties  *parties,
              Stage           stage,
              GDateTime      *admitted,
              GError        **error)
{
  g_autofree char *id = sp_api_new_id ("m");
  g_autoptr(GDateTime) sent_at = at (admitted, 2);
  g_autoptr(GDateTime) acked_at = at (admitted, 6);
  g_autoptr(SpMessage) message = sp_message_new (id, SP_MESSAGE_KIND_GENERAL, parties->ward->id,
                                                 sent_at);
  g_autoptr(GPtrArray) recipients = g_ptr_array_new ();
  GPtrArray *addressing = sp_episode_get_addressing (episode);
  g_autoptr(JsonNode) node = NULL;
  g_auto(GStrv) terms = NULL;

  message->episode_id = g_strdup (sp_episode_get_id (episode));
  message->patient_id = g_strdup (sp_episode_get_patient_id (episode));
  message->author_name = g_strdup (parties->ward->user_name);
  message->author_title = g_strdup (parties->ward->title);
  message->to = g_strdup (SP_MESSAGE_TO_ALL);
  message->text = g_strdup ("Patienten har fått en förstärkt madrass. Ring gärna "
                            "avdelningen vid frågor om hemgången.");
  for (guint i = 0; i < addressing->len; i++)
    g_ptr_array_add (recipients, ((SpAddressee *) g_ptr_array_index (addressing, i))->unit_id);
  sp_message_set_recipients (message, recipients);

  if (!sp_message_send (message, parties->ward->id, sent_at, error) ||
      (stage != STAGE_NEW &&
       !sp_message_acknowledge (message, parties->vc->id, parties->vc->user_name, acked_at,
                                error)))
    return FALSE;

  terms = sp_message_get_terms (message);
  node = sp_message_to_json (message);
  seeder->n_messages++;
  return put (seeder, "message", id, message->episode_id, node, (const char * const *) terms,
              error);
}

/* Admission notice, acknowledgements, care contact and consent: what every episode past
 * STAGE_NEW has. */
static gboolean
take_through_planning (Seeder         *seeder,
                       SpEpisode      *episode,
                       const Parties  *parties,
                       GDateTime      *admitted,
                       GError        **error)
{
  const SpRegionProfile *profile = sp_server_get_profile (seeder->server);
  const DemoUnit *acknowledging[] = { parties->vc, parties->sol, parties->hsl };
  g_autoptr(GDateTime) acked_at = at (admitted, 4);
  g_autoptr(GDateTime) named_at = at (admitted, 5);

  for (guint i = 0; i < G_N_ELEMENTS (acknowledging); i++)
    if (!sp_episode_acknowledge_admission_notice (episode, acknowledging[i]->id,
                                                  acknowledging[i]->kind, acked_at,
                                                  acknowledging[i]->user_name, error))
      return FALSE;

  return sp_episode_name_care_contact (episode, profile, parties->vc->id, parties->vc->kind,
                                       parties->vc->user_name, "010-000 00 01", named_at,
                                       parties->vc->user_name, error);
}

static gboolean
acknowledge_ready (SpEpisode      *episode,
                   const Parties  *parties,
                   GDateTime      *admitted,
                   GError        **error)
{
  const DemoUnit *acknowledging[] = { parties->vc, parties->sol, parties->hsl };
  g_autoptr(GDateTime) acked_at = at (admitted, 52);

  for (guint i = 0; i < G_N_ELEMENTS (acknowledging); i++)
    if (!sp_episode_acknowledge_ready (episode, acknowledging[i]->id, acknowledging[i]->kind,
                                       acked_at, acknowledging[i]->user_name, error))
      return FALSE;

  return TRUE;
}

/* Takes @episode from its admission notice to @stage, each step by its own action. */
static gboolean
run_stage (Seeder         *seeder,
           SpEpisode      *episode,
           const Parties  *parties,
           Stage           stage,
           SpTrack         track,
           GDateTime      *admitted,
           GError        **error)
{
  const DemoUnit *ward = parties->ward;
  g_autoptr(GDateTime) planned_at = at (admitted, 26);
  g_autoptr(GDateTime) cancelled_at = at (admitted, 30);
  g_autoptr(GDateTime) ready_at = at (admitted, 50);
  g_autoptr(GDateTime) died_at = at (admitted, 60);
  g_autoptr(GDateTime) discharged_at = at (admitted, 70);

  if (stage == STAGE_NEW)
    return TRUE;

  if (!take_through_planning (seeder, episode, parties, admitted, error) ||
      !seed_planning (seeder, episode, parties, track, planned_at, error))
    return FALSE;

  switch (stage)
    {
    case STAGE_PLANNING:
      return TRUE;
    case STAGE_CANCELLED:
      return sp_episode_cancel (episode, ward->id, ward->kind, "Registrerad på fel patient",
                                cancelled_at, ward->user_name, error);
    case STAGE_DECEASED:
      return sp_episode_register_death (episode, ward->id, ward->kind, died_at, died_at,
                                        ward->user_name, error);
    default:
      break;
    }

  if (!sp_episode_mark_ready (episode, ward->id, ward->kind, ready_at, ward->user_name, error))
    return FALSE;
  if (stage == STAGE_READY)
    return TRUE;

  if (!acknowledge_ready (episode, parties, admitted, error))
    return FALSE;
  if (stage == STAGE_READY_ACKED)
    return TRUE;

  return sp_episode_discharge (episode, ward->id, ward->kind, discharged_at, discharged_at,
                               ward->user_name, error);
}

static void
add_consent (SpEpisode      *episode,
             SpConsentKind   kind,
             const Parties  *parties,
             const char     *giver_name,
             GDateTime      *recorded_at)
{
  g_autoptr(SpConsent) consent = sp_consent_new (kind, SP_CONSENT_FORM_ORAL,
                                                 SP_CONSENT_GIVER_PATIENT, giver_name,
                                                 parties->ward->user_name, parties->ward->title,
                                                 parties->ward->id, recorded_at);

  sp_consent_set_add (sp_episode_get_consents (episode), consent);
}

/* ── SIPs ────────────────────────────────────────────────────────────────────────────── */

/* The SIP statuses in the order the demo hands them out; "revision" is an established
 * SIP being revised (in progress, with one established version). */
typedef enum
{
  SIP_DRAFT,
  SIP_INVITED,
  SIP_IN_PROGRESS,
  SIP_ESTABLISHED,
  SIP_REVISION,
  SIP_CLOSED,
  N_SIP_STAGES,
} SipStage;

/* Index terms as sp-api-sip.c writes them: whose SIP, whether active, its episode, and the
 * units taking part (the convener, the pre-selected units, the units invited since). */
static GStrv
sip_terms (SpSip *sip)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const SpSipInvitation *invitation = sp_sip_get_invitation (sip);
  GPtrArray *invited = sp_sip_get_invited_unit_ids (sip);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (owned, g_strconcat ("patient:", sp_sip_get_patient_id (sip), NULL));
  if (sp_sip_is_active (sip))
    g_ptr_array_add (owned, g_strconcat ("active:", sp_sip_get_patient_id (sip), NULL));
  g_ptr_array_add (owned, g_strconcat ("episode:", sp_sip_get_episode_id (sip), NULL));
  if (invitation != NULL && invitation->convener_unit_id != NULL)
    g_ptr_array_add (owned, g_strconcat ("unit:", invitation->convener_unit_id, NULL));
  for (guint i = 0; invitation != NULL && i < invitation->units->len; i++)
    {
      SpSipInvitedUnit *unit = g_ptr_array_index (invitation->units, i);

      if (unit->pre_selected && g_strcmp0 (unit->unit_id, invitation->convener_unit_id) != 0)
        g_ptr_array_add (owned, g_strconcat ("unit:", unit->unit_id, NULL));
    }
  for (guint i = 0; i < invited->len; i++)
    g_ptr_array_add (owned, g_strconcat ("unit:", (char *) g_ptr_array_index (invited, i),
                                         NULL));

  for (guint i = 0; i < owned->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (owned, i));
  return g_strv_builder_end (builder);
}

static SpSipInvitation *
make_invitation (SpPatient      *patient,
                 const Parties  *parties,
                 GDateTime      *meeting_at)
{
  SpSipInvitation *invitation = sp_sip_invitation_new (sp_patient_get_id (patient));
  const char *agenda[] = { "Hur ska vardagen fungera hemma?", "Vem gör vad, och när?", NULL };

  invitation->patient_name = g_strdup_printf ("%s %s", sp_patient_get_given_name (patient),
                                              sp_patient_get_family_name (patient));
  invitation->purpose = g_strdup ("Samordna insatserna efter utskrivningen");
  invitation->agenda = g_strdupv ((char **) agenda);
  invitation->convener_name = g_strdup (parties->vc->user_name);
  invitation->convener_unit_id = g_strdup (parties->vc->id);
  invitation->convener_phone = g_strdup ("010-000 00 01");
  g_ptr_array_add (invitation->units,
                   sp_sip_invited_unit_new (parties->vc->id, parties->vc->kind,
                                            parties->vc->name, TRUE));
  g_ptr_array_add (invitation->units,
                   sp_sip_invited_unit_new (parties->sol->id, parties->sol->kind,
                                            parties->sol->name, TRUE));
  /* Rehab is not addressed in the episode: the invitation brings it in. */
  g_ptr_array_add (invitation->units,
                   sp_sip_invited_unit_new (parties->rehab->id, parties->rehab->kind,
                                            parties->rehab->name, FALSE));
  g_ptr_array_add (invitation->invitees, sp_sip_invitee_new ("Närstående Testsson", "dotter"));
  invitation->meeting_at = g_date_time_ref (meeting_at);
  invitation->form = SP_SIP_MEETING_FORM_HOME;
  invitation->place = g_strdup ("Hemma hos patienten");
  return invitation;
}

/* Main goal, one sub-goal with one intervention, chair, lead, follow-up, two participants
 * who have signed: everything establishing needs. */
static gboolean
fill_plan (SpSip          *sip,
           const Parties  *parties,
           GDateTime      *signed_at,
           GDateTime      *follow_up_at,
           GError        **error)
{
  SpSipPlan *plan = sp_sip_get_plan (sip);
  g_autoptr(SpSipSubGoal) goal = sp_sip_sub_goal_new ("Klara hygienen på egen hand");
  g_autoptr(SpSipIntervention) intervention = NULL;
  g_autoptr(SpSipParticipant) convener = NULL;
  g_autoptr(SpSipParticipant) officer = NULL;
  const char *goal_id;
  const char *participant_ids[2];

  convener = sp_sip_participant_new (parties->vc->user_name, parties->vc->id,
                                     parties->vc->title, SP_SIP_PRESENCE_IN_PERSON);
  officer = sp_sip_participant_new (parties->sol->user_name, parties->sol->id,
                                    parties->sol->title, SP_SIP_PRESENCE_VIDEO);

  if (!sp_sip_plan_set_main_goal (plan, "Jag vill bo kvar hemma", error) ||
      (goal_id = sp_sip_plan_add_sub_goal (plan, goal, error)) == NULL)
    return FALSE;

  intervention = sp_sip_intervention_new ("Hjälp med dusch två gånger i veckan", goal_id);
  intervention->unit_id = g_strdup (parties->sol->id);
  intervention->principal = SP_PRINCIPAL_MUNICIPALITY;
  if (sp_sip_plan_add_intervention (plan, intervention, error) == NULL ||
      !sp_sip_plan_set_chair (plan, parties->vc->user_name, parties->vc->user_name, error) ||
      !sp_sip_plan_set_lead (plan, parties->vc->user_name, parties->vc->id, error) ||
      !sp_sip_plan_set_follow_up (plan, follow_up_at, "Hemma hos patienten", NULL, error) ||
      (participant_ids[0] = sp_sip_plan_add_participant (plan, convener, error)) == NULL ||
      (participant_ids[1] = sp_sip_plan_add_participant (plan, officer, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (participant_ids); i++)
    if (!sp_sip_plan_sign (plan, participant_ids[i], signed_at, error))
      return FALSE;

  return TRUE;
}

/* The invitation brings in units the episode did not address, as sp-api-sip.c does: an
 * episode that has gone past the point where units can be added keeps its addressing. */
static gboolean
add_invited_units (SpEpisode      *episode,
                   const Parties  *parties,
                   GPtrArray      *unit_ids,
                   GDateTime      *sent_at,
                   GError        **error)
{
  for (guint i = 0; i < unit_ids->len; i++)
    {
      const char *unit_id = g_ptr_array_index (unit_ids, i);
      g_autoptr(GError) local_error = NULL;
      SpUnitKind kind = strcmp (unit_id, parties->rehab->id) == 0 ? parties->rehab->kind
                        : strcmp (unit_id, parties->sol->id) == 0 ? parties->sol->kind
                        : parties->vc->kind;

      if (!sp_episode_add_unit_via_sip_invitation (episode, parties->vc->id, parties->vc->kind,
                                                   unit_id, kind, sent_at,
                                                   parties->vc->user_name, &local_error) &&
          !g_error_matches (local_error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_WRONG_STATE) &&
          !g_error_matches (local_error, SP_EPISODE_ERROR, SP_EPISODE_ERROR_ALREADY_DONE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

/* A SIP convened by the vårdcentral after the ready notice, taken to @stage. */
static gboolean
seed_sip (Seeder         *seeder,
          SpEpisode      *episode,
          SpPatient      *patient,
          const Parties  *parties,
          SipStage        stage,
          GDateTime      *admitted,
          GError        **error)
{
  g_autofree char *id = sp_api_new_id ("s");
  g_autoptr(GDateTime) created_at = at (admitted, 53);
  g_autoptr(GDateTime) sent_at = at (admitted, 54);
  g_autoptr(GDateTime) meeting_at = at (admitted, 60);
  g_autoptr(GDateTime) established_at = at (admitted, 62);
  g_autoptr(GDateTime) closed_at = at (admitted, 69);
  g_autoptr(GDateTime) follow_up_at = g_date_time_add_weeks (meeting_at, 4);
  g_autoptr(SpSip) sip = sp_sip_new (id, sp_patient_get_id (patient),
                                     sp_episode_get_id (episode), SP_SIP_VARIANT_SIP,
                                     created_at, parties->vc->user_name);
  g_autoptr(SpSipInvitation) invitation = make_invitation (patient, parties, meeting_at);
  g_autoptr(SpSipMapping) mapping = NULL;
  g_autoptr(GPtrArray) invited = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_auto(GStrv) terms = NULL;

  add_consent (episode, SP_CONSENT_KIND_SIP, parties, sp_patient_get_given_name (patient),
               created_at);
  if (!sp_sip_set_invitation (sip, invitation, error))
    return FALSE;

  if (stage >= SIP_INVITED)
    {
      if ((invited = sp_sip_send_invitation (sip, TRUE, sent_at, error)) == NULL ||
          !add_invited_units (episode, parties, invited, sent_at, error))
        return FALSE;
    }

  if (stage >= SIP_IN_PROGRESS)
    {
      mapping = sp_sip_mapping_new ("Utskriven efter höftfraktur, bor ensam.",
                                    "Hemtjänst två gånger i veckan sedan tidigare.",
                                    "Går med rollator, behöver hjälp vid dusch.",
                                    "Utöka hemtjänsten och följ upp om fyra veckor.");
      if (!sp_sip_set_mapping (sip, mapping, error) ||
          !fill_plan (sip, parties, meeting_at, follow_up_at, error))
        return FALSE;
    }

  if (stage >= SIP_ESTABLISHED &&
      sp_sip_establish (sip, TRUE, established_at, parties->vc->user_name, error) == NULL)
    return FALSE;

  if (stage == SIP_REVISION && !sp_sip_start_revision (sip, error))
    return FALSE;

  if (stage == SIP_CLOSED &&
      !sp_sip_close (sip, SP_SIP_CLOSE_REASON_GOALS_MET, NULL, parties->vc->user_name,
                     closed_at, error))
    return FALSE;

  seeder->per_sip_status[sp_sip_get_status (sip)]++;
  seeder->n_sips++;
  terms = sip_terms (sip);
  node = sp_sip_to_json (sip);
  return put (seeder, "sip", id, NULL, node, (const char * const *) terms, error);
}

/* ── One episode, with its patient, planning, message and perhaps a SIP ───────────────── */

static gboolean
seed_episode (Seeder  *seeder,
              guint    index,
              GError **error)
{
  Stage stage = index % N_STAGES;
  SpTrack track = tracks[(index / N_STAGES) % G_N_ELEMENTS (tracks)];
  Parties parties;
  g_autoptr(SpPatient) patient = NULL;
  g_autoptr(SpEpisode) episode = NULL;
  g_autoptr(SpRecord) record = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) admitted = NULL;
  g_autoptr(GDateTime) sent_at = NULL;
  g_autofree char *id = sp_api_new_id ("e");
  const DemoUnit *ward;
  GDate estimate;

  get_parties (index, &parties);
  ward = parties.ward;
  if ((patient = seed_patient (seeder, index, parties.municipality, parties.vc->id,
                               error)) == NULL)
    return FALSE;

  /* Admitted 4 to 14 days ago, in the morning: more than 70 hours ago in any case. */
  day = g_date_time_add_days (seeder->now, -(int) g_rand_int_range (seeder->rand, 4, 15));
  admitted = g_date_time_add_full (day, 0, 0, 0, -g_date_time_get_hour (day) +
                                   g_rand_int_range (seeder->rand, 7, 11),
                                   -g_date_time_get_minute (day), -g_date_time_get_seconds (day));
  sent_at = at (admitted, 1);
  sp_calendar_get_local_date (admitted, &estimate);
  g_date_add_days (&estimate, 5);

  episode = sp_episode_new (id, sp_patient_get_id (patient), ward->id, admitted);
  sp_episode_set_reason_for_contact (episode, reasons[index % G_N_ELEMENTS (reasons)]);
  sp_episode_set_responsible_doctor (episode, "Dr Exempel Läkarsson");
  /* Most patients consent to the exchange; every tenth has not, to show what is hidden. */
  if (index % 10 != 9)
    add_consent (episode, SP_CONSENT_KIND_SVU_EXCHANGE, &parties,
                 sp_patient_get_given_name (patient), admitted);

  if (!sp_episode_address_unit (episode, parties.vc->id, parties.vc->kind,
                                SP_ADDRESSING_ROLE_RECIPIENT, admitted, error) ||
      !sp_episode_address_unit (episode, parties.sol->id, parties.sol->kind,
                                SP_ADDRESSING_ROLE_RECIPIENT, admitted, error) ||
      !sp_episode_address_unit (episode, parties.hsl->id, parties.hsl->kind,
                                SP_ADDRESSING_ROLE_RECIPIENT, admitted, error) ||
      !sp_episode_send_admission_notice (episode, ward->id, ward->kind, &estimate, sent_at,
                                         ward->user_name, error) ||
      !run_stage (seeder, episode, &parties, stage, track, admitted, error) ||
      !seed_message (seeder, episode, &parties, stage, admitted, error))
    return FALSE;

  /* Every SIP stage appears among the first six SIPs, whatever N is. */
  if ((stage == STAGE_READY_ACKED || stage == STAGE_DISCHARGED) &&
      (seeder->n_sips < N_SIP_STAGES || index % SIP_SHARE == 0) &&
      !seed_sip (seeder, episode, patient, &parties, seeder->n_sips % N_SIP_STAGES, admitted,
                 error))
    return FALSE;

  if ((record = sp_api_save_episode (seeder->server, episode, 0, error)) == NULL)
    return FALSE;

  seeder->per_state[sp_episode_get_state (episode)]++;
  return TRUE;
}

static gboolean
seed_batch_cb (SpStore   *store,
               gpointer   user_data,
               GError   **error)
{
  Seeder *seeder = user_data;

  for (; seeder->next < seeder->batch_end; seeder->next++)
    if (!seed_episode (seeder, seeder->next, error))
      {
        g_prefix_error (error, "episode %u: ", seeder->next);
        return FALSE;
      }

  return TRUE;
}

static gboolean
seed_region_cb (SpStore   *store,
                gpointer   user_data,
                GError   **error)
{
  return seed_region (user_data, error) &&
         sp_store_set_meta (store, "demo", "true", error);
}

/* ── The command ─────────────────────────────────────────────────────────────────────── */

static void
print_summary (Seeder *seeder,
               double  seconds)
{
  g_print ("Seeded a fictional region (marked demo=true): %" G_GSIZE_FORMAT " units, "
           "%" G_GSIZE_FORMAT " users, %u patients and episodes, %u messages, %u SIPs "
           "in %.1f s\n", G_N_ELEMENTS (units), G_N_ELEMENTS (units) + 1, seeder->n_episodes,
           seeder->n_messages, seeder->n_sips, seconds);

  g_print ("Episodes by state:");
  for (guint i = 0; i < G_N_ELEMENTS (seeder->per_state); i++)
    g_print (" %s %u", sp_enum_to_nick (SP_TYPE_EPISODE_STATE, i), seeder->per_state[i]);
  g_print ("\nPlanning by track:");
  for (guint i = 0; i < G_N_ELEMENTS (seeder->per_track); i++)
    g_print (" %s %u", sp_enum_to_nick (SP_TYPE_TRACK, i), seeder->per_track[i]);
  g_print ("\nSIPs by status:");
  for (guint i = 0; i < G_N_ELEMENTS (seeder->per_sip_status); i++)
    g_print (" %s %u", sp_enum_to_nick (SP_TYPE_SIP_STATUS, i), seeder->per_sip_status[i]);

  g_print ("\n\nDemo users (all passwords are fictional and for this demo only):\n");
  for (guint i = 0; i <= G_N_ELEMENTS (units); i++)
    {
      g_autofree char *password = demo_password (i);
      gboolean reviewer = i == G_N_ELEMENTS (units);

      g_print ("  %-16s %-18s %s\n", reviewer ? REVIEWER_USERNAME : units[i].username, password,
               reviewer ? "granskare av loggar, Testsjukhuset" : units[i].name);
    }
}

static SpStore *
open_or_init (const char  *db,
              const char  *profile_id,
              GError     **error)
{
  gboolean exists = g_file_test (db, G_FILE_TEST_EXISTS);
  g_autoptr(SpStore) store = sp_sqlite_store_new (db, error);
  g_autofree char *demo = NULL;
  g_autofree char *profile = NULL;

  if (store == NULL ||
      !sp_store_get_meta (store, "demo", &demo, error) ||
      !sp_store_get_meta (store, "profile", &profile, error))
    return NULL;

  if (g_strcmp0 (demo, "true") == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   "%s already holds the demo region; seed a new database", db);
      return NULL;
    }

  /* Like `init`: a new database gets its region profile. */
  if (!exists || profile == NULL)
    {
      if (!sp_store_set_meta (store, "profile", profile_id, error))
        return NULL;
    }

  return g_steal_pointer (&store);
}

/* seed-demo --db PATH [--episodes N] [--seed S] [--profile P] */
int
sp_demo_cli_run (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("— fill a database with a fictional region (created if missing)");
  g_autofree char *db = NULL;
  g_autofree char *profile_id = NULL;
  g_autofree char *stored_profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SpStore) store = NULL;
  g_autoptr(SpServer) server = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  int n_episodes = DEFAULT_EPISODES;
  int seed = 1;
  const SpRegionProfile *profile;
  Seeder seeder = { 0 };
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database file (created if missing)", "PATH" },
    { "episodes", 0, 0, G_OPTION_ARG_INT, &n_episodes, "Number of episodes (default 40)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Random seed (default 1)", "S" },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_id,
      "Region profile of a new database (default stockholm)", "vgr|stockholm|vasterbotten" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || db == NULL ||
      n_episodes < 1 || n_episodes > MAX_EPISODES)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("samplan-server seed-demo: %s\n%s",
                  error != NULL ? error->message
                                : "--db is required; --episodes is 1 to 500000", help);
      return 2;
    }

  if (profile_id == NULL)
    profile_id = g_strdup ("stockholm");
  if (sp_region_profile_lookup (profile_id) == NULL)
    {
      g_printerr ("samplan-server seed-demo: --profile must be vgr, stockholm or vasterbotten\n");
      return 2;
    }

  if (!sp_auth_init (&error) ||
      (store = open_or_init (db, profile_id, &error)) == NULL ||
      !sp_store_get_meta (store, "profile", &stored_profile, &error))
    {
      g_printerr ("samplan-server seed-demo: %s\n", error->message);
      return 1;
    }

  profile = sp_region_profile_lookup (stored_profile);
  if (profile == NULL)
    {
      g_printerr ("samplan-server seed-demo: unknown region profile in the database\n");
      return 1;
    }

  /* Not listening: the server object is what the endpoints' helpers take. */
  server = sp_server_new (store, profile);
  seeder.server = server;
  seeder.store = store;
  seeder.rand = g_rand_new_with_seed (seed);
  seeder.now = sp_server_get_now (server);
  sp_calendar_get_local_date (seeder.now, &seeder.today);
  seeder.n_episodes = n_episodes;

  if (sp_store_transaction (store, seed_region_cb, &seeder, &error))
    {
      while (seeder.next < seeder.n_episodes)
        {
          seeder.batch_end = MIN (seeder.next + BATCH_SIZE, seeder.n_episodes);
          if (!sp_store_transaction (store, seed_batch_cb, &seeder, &error))
            break;
        }
    }

  g_rand_free (seeder.rand);
  g_date_time_unref (seeder.now);
  if (error != NULL)
    {
      g_printerr ("samplan-server seed-demo: %s\n", error->message);
      return 1;
    }

  print_summary (&seeder, g_timer_elapsed (timer, NULL));
  return 0;
}
