/* sp-demo-private.h — what the parts of `samplan-server seed-demo` share
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-api-common.h"
#include "sp-auth.h"
#include "sp-calendar.h"
#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-message.h"
#include "sp-patient.h"
#include "sp-planning.h"
#include "sp-planning-answer.h"
#include "sp-sip.h"
#include "sp-unit.h"
#include "sp-user.h"

G_BEGIN_DECLS

/* ── The region (sp-demo-region.c) ───────────────────────────────────────────────────── */

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

/* Indexes into sp_demo_units[], by role in an episode. */
enum { WARD_0 = 0, VC_0 = 3, KOMMUN_0 = 6 };
enum { SOL, HSL, REHAB, N_PER_KOMMUN };

#define SP_DEMO_N_UNITS   12
#define SP_DEMO_N_REASONS 7
#define SP_DEMO_N_TRACKS  5

/* The log reviewer, who reads the audit log for the hospital. */
#define REVIEWER_USERNAME "demo-granskare"

extern const DemoUnit sp_demo_units[SP_DEMO_N_UNITS];
extern const char * const sp_demo_reasons[SP_DEMO_N_REASONS];
extern const SpTrack sp_demo_tracks[SP_DEMO_N_TRACKS];

/* ── What one seeding run shares (sp-demo.c) ─────────────────────────────────────────── */

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

/* ── Episodes (sp-demo-episodes.c) ───────────────────────────────────────────────────── */

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

gboolean         sp_demo_put          (Seeder              *seeder,
                                       const char          *kind,
                                       const char          *id,
                                       const char          *parent_id,
                                       JsonNode            *node,
                                       const char * const  *terms,
                                       GError             **error);
char            *sp_demo_password     (guint                index);
const DemoUnit  *sp_demo_kommun_unit  (guint                municipality,
                                       guint                which);
gboolean         sp_demo_seed_region  (Seeder              *seeder,
                                       GError             **error);
void             sp_demo_get_parties  (guint                index,
                                       Parties             *out);
GDateTime       *sp_demo_at           (GDateTime           *admitted,
                                       int                  hours);
SpPatient       *sp_demo_seed_patient (Seeder              *seeder,
                                       guint                index,
                                       guint                municipality,
                                       const char          *listed_unit_id,
                                       GError             **error);
gboolean         sp_demo_seed_message (Seeder              *seeder,
                                       SpEpisode           *episode,
                                       const Parties       *parties,
                                       Stage                stage,
                                       GDateTime           *admitted,
                                       GError             **error);
gboolean         sp_demo_run_stage    (Seeder              *seeder,
                                       SpEpisode           *episode,
                                       const Parties       *parties,
                                       Stage                stage,
                                       SpTrack              track,
                                       GDateTime           *admitted,
                                       GError             **error);
void             sp_demo_add_consent  (SpEpisode           *episode,
                                       SpConsentKind        kind,
                                       const Parties       *parties,
                                       const char          *giver_name,
                                       GDateTime           *recorded_at);

/* ── SIPs (sp-demo-sip.c) ────────────────────────────────────────────────────────────── */

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

gboolean         sp_demo_seed_sip     (Seeder              *seeder,
                                       SpEpisode           *episode,
                                       SpPatient           *patient,
                                       const Parties       *parties,
                                       SipStage             stage,
                                       GDateTime           *admitted,
                                       GError             **error);

G_END_DECLS
