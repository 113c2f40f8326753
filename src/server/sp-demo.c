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
 * The parts: the region and its people (sp-demo-region.c), episodes taken through their
 * stages (sp-demo-episodes.c), SIPs (sp-demo-sip.c); here, one episode with everything around
 * it, the batches and the command.
 *
 * Every name is fictional. Identity numbers use the födelsenummer 980–999, the range
 * Skatteverket keeps for test personnummer, so no real person is ever shown.
 */

#define G_LOG_DOMAIN "sp-demo"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sp-demo.h"
#include "sp-demo-private.h"
#include "sp-sqlite-store.h"

#define DEFAULT_EPISODES 40
/* Distinct test personnummer run out after 20 × 27375 (see make_identity). */
#define MAX_EPISODES     500000
/* Episodes per store transaction: big enough that fsync is rare, small enough to stay cheap
 * in memory. */
#define BATCH_SIZE       500
/* After the first six, one SIP for every this many episodes that are ready or discharged. */
#define SIP_SHARE        3


gboolean
sp_demo_put (Seeder             *seeder,
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

/* ── One episode, with its patient, planning, message and perhaps a SIP ───────────────── */

static gboolean
seed_episode (Seeder  *seeder,
              guint    index,
              GError **error)
{
  Stage stage = index % N_STAGES;
  SpTrack track = sp_demo_tracks[(index / N_STAGES) % G_N_ELEMENTS (sp_demo_tracks)];
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

  sp_demo_get_parties (index, &parties);
  ward = parties.ward;
  if ((patient = sp_demo_seed_patient (seeder, index, parties.municipality, parties.vc->id,
                                       error)) == NULL)
    return FALSE;

  /* Admitted 4 to 14 days ago, in the morning: more than 70 hours ago in any case. */
  day = g_date_time_add_days (seeder->now, -(int) g_rand_int_range (seeder->rand, 4, 15));
  admitted = g_date_time_add_full (day, 0, 0, 0, -g_date_time_get_hour (day) +
                                   g_rand_int_range (seeder->rand, 7, 11),
                                   -g_date_time_get_minute (day), -g_date_time_get_seconds (day));
  sent_at = sp_demo_at (admitted, 1);
  sp_calendar_get_local_date (admitted, &estimate);
  g_date_add_days (&estimate, 5);

  episode = sp_episode_new (id, sp_patient_get_id (patient), ward->id, admitted);
  sp_episode_set_reason_for_contact (episode,
                                     sp_demo_reasons[index % G_N_ELEMENTS (sp_demo_reasons)]);
  sp_episode_set_responsible_doctor (episode, "Dr Exempel Läkarsson");
  /* Most patients consent to the exchange; every tenth has not, to show what is hidden. */
  if (index % 10 != 9)
    sp_demo_add_consent (episode, SP_CONSENT_KIND_SVU_EXCHANGE, &parties,
                         sp_patient_get_given_name (patient), admitted);

  if (!sp_episode_address_unit (episode, parties.vc->id, parties.vc->kind,
                                SP_ADDRESSING_ROLE_RECIPIENT, admitted, error) ||
      !sp_episode_address_unit (episode, parties.sol->id, parties.sol->kind,
                                SP_ADDRESSING_ROLE_RECIPIENT, admitted, error) ||
      !sp_episode_address_unit (episode, parties.hsl->id, parties.hsl->kind,
                                SP_ADDRESSING_ROLE_RECIPIENT, admitted, error) ||
      !sp_episode_send_admission_notice (episode, ward->id, ward->kind, &estimate, sent_at,
                                         ward->user_name, error) ||
      !sp_demo_run_stage (seeder, episode, &parties, stage, track, admitted, error) ||
      !sp_demo_seed_message (seeder, episode, &parties, stage, admitted, error))
    return FALSE;

  /* Every SIP stage appears among the first six SIPs, whatever N is. */
  if ((stage == STAGE_READY_ACKED || stage == STAGE_DISCHARGED) &&
      (seeder->n_sips < N_SIP_STAGES || index % SIP_SHARE == 0) &&
      !sp_demo_seed_sip (seeder, episode, patient, &parties, seeder->n_sips % N_SIP_STAGES,
                         admitted, error))
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
  return sp_demo_seed_region (user_data, error) &&
         sp_store_set_meta (store, "demo", "true", error);
}

/* ── The command ─────────────────────────────────────────────────────────────────────── */

static void
print_summary (Seeder *seeder,
               double  seconds)
{
  g_print ("Seeded a fictional region (marked demo=true): %" G_GSIZE_FORMAT " units, "
           "%" G_GSIZE_FORMAT " users, %u patients and episodes, %u messages, %u SIPs "
           "in %.1f s\n", G_N_ELEMENTS (sp_demo_units), G_N_ELEMENTS (sp_demo_units) + 1,
           seeder->n_episodes, seeder->n_messages, seeder->n_sips, seconds);

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
  for (guint i = 0; i <= G_N_ELEMENTS (sp_demo_units); i++)
    {
      g_autofree char *password = sp_demo_password (i);
      gboolean reviewer = i == G_N_ELEMENTS (sp_demo_units);

      g_print ("  %-16s %-18s %s\n", reviewer ? REVIEWER_USERNAME : sp_demo_units[i].username,
               password, reviewer ? "granskare av loggar, Testsjukhuset" : sp_demo_units[i].name);
    }
}

static SpStore *
open_or_init (const char  *db,
              const char  *profile_id,
              GError     **error)
{
  gboolean exists = g_file_test (db, G_FILE_TEST_EXISTS);
  g_autoptr(SpStore) store = sp_store_open_for_uri (db, error);
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
