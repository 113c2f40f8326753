/* sp-episode-summary.c — one row of the SPU overview, as GET /api/v1/episodes lists it
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The overview keeps 100,000 of these, so a row is kept small: about 220 bytes, a third of
 * the 670 that a string per text and a GDateTime per time took (tests/bench/overview.c).
 * - the texts that are the row's own (id, name, identity number, its digits, the folded
 *   name the search reads) lie one after another in one block;
 * - the texts rows share (ward, care contact and phone, state text, restricted reason) are
 *   kept once for all rows, counted (sp-shared-text.c), with the ward's and care contact's
 *   Swedish sort key made once per text;
 * - times are kept as microseconds; the GDateTime a getter returns, and the patient's sort
 *   key, are made on first use (most rows are never shown, nor sorted by name).
 */

#define G_LOG_DOMAIN "sp-episode-summary"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-calendar.h"
#include "sp-enum-types.h"
#include "sp-episode-summary.h"
#include "sp-identity.h"
#include "sp-json.h"
#include "sp-shared-text.h"

/* Names and unit ids are short; anything longer is not a row of ours. */
#define MAX_NAME 256

/* The row's own texts, in this order in its block. */
typedef enum
{
  OWN_ID,
  OWN_PATIENT_NAME,    /* nullable: withheld without consent */
  OWN_IDENTITY,        /* "YYYYMMDD-NNNN"; nullable */
  OWN_IDENTITY_DIGITS, /* what a typed number is matched against */
  OWN_FOLDED_NAME,     /* what a typed name is matched against */
  N_OWN
} Own;

/* The offset of a missing text. */
#define NO_OFFSET G_MAXUINT16

/* What only a shown or sorted row needs, made on first use (in the UI thread). */
typedef struct
{
  GDateTime *admitted;
  GDateTime *ready;
  GDateTime *next_deadline;
  char      *patient_key;
} Made;

struct _SpEpisodeSummary
{
  GObject         parent_instance;

  char           *own;                /* the own texts, each with its NUL (GSlice) */
  guint16         own_size;
  guint16         offsets[N_OWN];     /* where each starts in own; NO_OFFSET: none */
  gint8           state;              /* SpEpisodeState */
  gint8           track;              /* SpTrack */
  gint8           clock;              /* the next deadline's SpClock; -1: none */
  guint           has_track : 1;
  guint           next_deadline_overdue : 1;
  guint           overdue : 1;
  guint           notice_open : 1;    /* an admission notice of ours still unacknowledged */
  guint           restricted : 1;
  int             days_after_ready;   /* -1 before ready */
  guint           unacknowledged;
  GDate           estimated_discharge; /* invalid when unknown or withheld */
  gint64          revision;
  gint64          admitted_usec;      /* microseconds since 1970, UTC */
  gint64          ready_usec;         /* NO_TIME: none */
  gint64          next_deadline_usec; /* G_MAXINT64: none, so that it sorts last */

  /* Shared (sp-shared-text.c); nullable except the ward's. */
  char           *ward_id;
  char           *ward_name;
  char           *state_text;
  char           *care_contact;
  char           *care_contact_phone;
  char           *restricted_reason;
  const char     *sip_text;           /* static */

  Made           *made;               /* nullable */
};

G_DEFINE_FINAL_TYPE (SpEpisodeSummary, sp_episode_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REVISION,
  PROP_PATIENT_NAME,
  PROP_IDENTITY,
  PROP_WARD_ID,
  PROP_WARD_NAME,
  PROP_ADMITTED,
  PROP_READY,
  PROP_ESTIMATED_DISCHARGE,
  PROP_STATE,
  PROP_STATE_TEXT,
  PROP_DAYS_AFTER_READY,
  PROP_HAS_TRACK,
  PROP_TRACK,
  PROP_CARE_CONTACT,
  PROP_CARE_CONTACT_PHONE,
  PROP_SIP_TEXT,
  PROP_NEXT_DEADLINE,
  PROP_NEXT_DEADLINE_LABEL,
  PROP_NEXT_DEADLINE_OVERDUE,
  PROP_OVERDUE,
  PROP_UNACKNOWLEDGED,
  PROP_RESTRICTED,
  PROP_RESTRICTED_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define NO_TIME G_MININT64

static const char *
get_own (SpEpisodeSummary *self,
         Own               own)
{
  return self->offsets[own] != NO_OFFSET ? self->own + self->offsets[own] : NULL;
}

/* From GSlice, not malloc: made in the local copy's thread as the records read are freed,
 * 100,000 small blocks would stay scattered through their memory and keep it resident. */
static void
clear_own (SpEpisodeSummary *self)
{
  if (self->own != NULL)
    g_slice_free1 (self->own_size, self->own);
  self->own = NULL;
}

/* Puts @texts (of @lengths, no NUL needed; %NULL: none) in one new block.
 * Returns: %FALSE when they do not fit the offsets (not a row of ours) */
static gboolean
set_own (SpEpisodeSummary *self,
         const char       *texts[N_OWN],
         const gsize       lengths[N_OWN])
{
  gsize size = 0;
  char *block;

  for (Own own = 0; own < N_OWN; own++)
    if (texts[own] != NULL)
      size += lengths[own] + 1;
  if (size >= NO_OFFSET)
    return FALSE;

  block = g_slice_alloc (MAX (size, 1));
  clear_own (self);
  self->own = block;
  self->own_size = MAX (size, 1);
  size = 0;
  for (Own own = 0; own < N_OWN; own++)
    {
      if (texts[own] == NULL)
        {
          self->offsets[own] = NO_OFFSET;
          continue;
        }
      self->offsets[own] = size;
      memcpy (block + size, texts[own], lengths[own]);
      block[size + lengths[own]] = '\0';
      size += lengths[own] + 1;
    }

  return TRUE;
}

static Made *
get_made (SpEpisodeSummary *self)
{
  if (self->made == NULL)
    self->made = g_new0 (Made, 1);

  return self->made;
}

static void
clear_made (Made *made)
{
  g_clear_pointer (&made->admitted, g_date_time_unref);
  g_clear_pointer (&made->ready, g_date_time_unref);
  g_clear_pointer (&made->next_deadline, g_date_time_unref);
  g_clear_pointer (&made->patient_key, g_free);
  g_free (made);
}

/* Microseconds since 1970, or @if_none. */
static gint64
unix_usec (GDateTime *time,
           gint64     if_none)
{
  if (time == NULL)
    return if_none;

  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

/* Times are kept as microseconds since 1970 (UTC); shown through sp_calendar_to_local (). */
static GDateTime *
from_unix_usec (gint64 usec)
{
  g_autoptr(GDateTime) seconds = NULL;

  if (usec == NO_TIME || usec == G_MAXINT64)
    return NULL;

  seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  if (seconds == NULL || usec % G_USEC_PER_SEC == 0)
    return g_steal_pointer (&seconds);
  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

/* The GDateTime of @usec, made once and kept in @field. */
static GDateTime *
get_time (GDateTime **field,
          gint64      usec)
{
  if (*field == NULL)
    *field = from_unix_usec (usec);

  return *field;
}

/* The clock tells how far the SIP has come; the list carries no SIP of its own. */
static const char *
get_sip_text (gboolean has_deadline,
              SpClock  clock,
              gboolean overdue)
{
  if (!has_deadline)
    return "";

  switch (clock)
    {
    case SP_CLOCK_SIP_INVITATION_SENT:
    case SP_CLOCK_SIP_INVITATION_LEGAL:
      return overdue ? _("Invitation overdue") : _("Invitation to send");
    case SP_CLOCK_SIP_MEETING_HELD:
      return _("Meeting to hold");
    case SP_CLOCK_FOLLOW_UP_COMMENTS:
      return _("Follow-up");
    case SP_CLOCK_ADMISSION_NOTICE_SENT:
    case SP_CLOCK_ADMISSION_NOTICE_ACKNOWLEDGED:
    case SP_CLOCK_CARE_CONTACT_NAMED:
    case SP_CLOCK_READY_ACKNOWLEDGED:
    case SP_CLOCK_HOME_AFTER_READY:
    default:
      return "";
    }
}

static const char *
get_clock_label (int clock)
{
  return clock >= 0 ? sp_clock_get_label (clock) : NULL;
}

/* Days after ready by the core's 12:00 rule, counted to today in Stockholm. */
static int
count_days_after_ready (gint64 ready_usec)
{
  g_autoptr(GDateTime) ready = from_unix_usec (ready_usec);
  g_autoptr(GDateTime) now = g_date_time_new_now (sp_calendar_get_timezone ());
  GDate day0;
  GDate today;

  sp_deadline_get_day0 (ready, &day0);
  sp_calendar_get_local_date (now, &today);

  return sp_deadline_days_after_ready (&day0, &today);
}

/* The state texts that do not count days. */
enum {
  STATE_TEXT_NOTICE_OPEN,
  STATE_TEXT_PLANNING,
  STATE_TEXT_READY,
  STATE_TEXT_DISCHARGED,
  STATE_TEXT_DECEASED,
  STATE_TEXT_CANCELLED,
  N_STATE_TEXTS
};

/* Translated and shared once for the process, and kept: 100,000 rows take one each as they
 * load, and a gettext () and a table lookup a row cost more than the rest of the row. */
static char *
ref_state_text (guint which)
{
  static gsize initialized = 0;
  static char *texts[N_STATE_TEXTS];

  if (g_once_init_enter (&initialized))
    {
      texts[STATE_TEXT_NOTICE_OPEN] =
        sp_shared_text_new (_("Admission notice not acknowledged"));
      texts[STATE_TEXT_PLANNING] = sp_shared_text_new (_("Planning in progress"));
      texts[STATE_TEXT_READY] = sp_shared_text_new (_("Ready for discharge"));
      texts[STATE_TEXT_DISCHARGED] = sp_shared_text_new (_("Discharged"));
      texts[STATE_TEXT_DECEASED] = sp_shared_text_new (_("Deceased"));
      texts[STATE_TEXT_CANCELLED] = sp_shared_text_new (_("Cancelled"));
      g_once_init_leave (&initialized, 1);
    }

  return sp_shared_text_ref (texts[which]);
}

/* Returns: (transfer full): the state text, shared */
static char *
build_state_text (SpEpisodeState  state,
                  int             days_after_ready,
                  gboolean        notice_open)
{
  g_autofree char *day = NULL;

  switch (state)
    {
    case SP_EPISODE_STATE_PLANNING:
      return ref_state_text (notice_open ? STATE_TEXT_NOTICE_OPEN : STATE_TEXT_PLANNING);
    case SP_EPISODE_STATE_READY:
      if (days_after_ready < 0)
        return ref_state_text (STATE_TEXT_READY);
      /* Translators: "Utskrivningsklar dag %d"; day 0 follows the 12:00 rule. */
      day = g_strdup_printf (_("Ready for discharge, day %d"), days_after_ready);
      return sp_shared_text_new (day);
    case SP_EPISODE_STATE_DISCHARGED:
      return ref_state_text (STATE_TEXT_DISCHARGED);
    case SP_EPISODE_STATE_DECEASED:
      return ref_state_text (STATE_TEXT_DECEASED);
    case SP_EPISODE_STATE_CANCELLED:
      return ref_state_text (STATE_TEXT_CANCELLED);
    default:
      g_assert_not_reached ();
    }
}

static char *
join_name (const char *given_name,
           const char *family_name)
{
  if (given_name == NULL || family_name == NULL)
    return g_strdup (given_name != NULL ? given_name : family_name);

  return g_strjoin (" ", given_name, family_name, NULL);
}

/* What a typed name is matched against: composed and casefolded, as the query is. */
static char *
fold_name (const char *name)
{
  g_autofree char *normalised = NULL;

  if (name == NULL)
    return NULL;

  normalised = g_utf8_normalize (name, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  return g_utf8_casefold (normalised, -1);
}

/* The own texts while a row is read from JSON. */
typedef struct
{
  char *texts[N_OWN];
} OwnTexts;

static void
own_texts_clear (OwnTexts *own)
{
  for (Own i = 0; i < N_OWN; i++)
    g_clear_pointer (&own->texts[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OwnTexts, own_texts_clear)

static gboolean
read_patient (OwnTexts    *own,
              JsonObject  *object,
              GError     **error)
{
  g_autofree char *given_name = NULL;
  g_autofree char *family_name = NULL;
  g_autoptr(SpIdentity) identity = NULL;
  JsonObject *patient = sp_json_get_object (object, "patient", TRUE, error);
  JsonNode *identity_node;

  if (patient == NULL)
    return FALSE;

  if (!sp_json_get_string (patient, "given_name", FALSE, MAX_NAME, &given_name, error) ||
      !sp_json_get_string (patient, "family_name", FALSE, MAX_NAME, &family_name, error))
    {
      g_prefix_error (error, "patient.");
      return FALSE;
    }
  own->texts[OWN_PATIENT_NAME] = join_name (given_name, family_name);

  /* Left out, not null, when withheld; null when the patient has none on file. */
  identity_node = json_object_get_member (patient, "identity");
  if (identity_node != NULL && !JSON_NODE_HOLDS_NULL (identity_node))
    {
      identity = sp_identity_new_from_json (identity_node, error);
      if (identity == NULL)
        {
          g_prefix_error (error, "patient.identity.");
          return FALSE;
        }
      own->texts[OWN_IDENTITY] = sp_identity_format (identity);
      own->texts[OWN_IDENTITY_DIGITS] = g_strdup (sp_identity_get_normalised (identity));
    }

  return TRUE;
}

static gboolean
read_track (SpEpisodeSummary  *self,
            JsonObject        *object,
            GError           **error)
{
  int track = -1;

  /* Left out when withheld, null before any planning answer: no chip either way. */
  if (!sp_json_get_enum (object, "track", FALSE, SP_TYPE_TRACK, &track, error))
    return FALSE;

  self->has_track = track >= 0;
  self->track = self->has_track ? (SpTrack) track : SP_TRACK_GRA;
  return TRUE;
}

static gboolean
read_time (JsonObject  *object,
           const char  *member,
           gboolean     required,
           gint64       if_none,
           gint64      *out_usec,
           GError     **error)
{
  g_autoptr(GDateTime) time = NULL;

  if (!sp_json_get_datetime (object, member, required, &time, error))
    return FALSE;

  *out_usec = unix_usec (time, if_none);
  return TRUE;
}

static gboolean
read_next_deadline (SpEpisodeSummary  *self,
                    JsonObject        *object,
                    GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *deadline = sp_json_get_object (object, "next_deadline", FALSE, &local_error);
  gboolean overdue = FALSE;
  int clock = -1;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (deadline == NULL)
    return TRUE;

  if (!sp_json_get_enum (deadline, "clock", TRUE, SP_TYPE_CLOCK, &clock, error) ||
      !read_time (deadline, "due", TRUE, G_MAXINT64, &self->next_deadline_usec, error) ||
      !sp_json_get_bool (deadline, "overdue", TRUE, &overdue, error))
    {
      g_prefix_error (error, "next_deadline.");
      return FALSE;
    }

  self->clock = clock;
  self->next_deadline_overdue = overdue;
  return TRUE;
}

static gboolean
read_care_contact (SpEpisodeSummary  *self,
                   JsonObject        *object,
                   GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *contact = sp_json_get_object (object, "care_contact", FALSE, &local_error);
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (contact == NULL)
    return TRUE;

  if (!sp_json_get_string (contact, "name", TRUE, MAX_NAME, &name, error) ||
      !sp_json_get_string (contact, "work_phone", FALSE, MAX_NAME, &phone, error))
    {
      g_prefix_error (error, "care_contact.");
      return FALSE;
    }

  self->care_contact = sp_shared_text_new (name);
  self->care_contact_phone = sp_shared_text_new (phone);
  return TRUE;
}

static gboolean
read_unacknowledged (SpEpisodeSummary  *self,
                     JsonObject        *object,
                     gint64            *out_notices,
                     GError           **error)
{
  JsonObject *unacknowledged = sp_json_get_object (object, "unacknowledged", TRUE, error);
  gint64 messages = 0;

  if (unacknowledged == NULL)
    return FALSE;

  if (!sp_json_get_int (unacknowledged, "notices", TRUE, 0, G_MAXINT32, out_notices, error) ||
      !sp_json_get_int (unacknowledged, "messages", TRUE, 0, G_MAXINT32, &messages, error))
    {
      g_prefix_error (error, "unacknowledged.");
      return FALSE;
    }

  self->unacknowledged = (guint) (*out_notices + messages);
  return TRUE;
}

static void
sp_episode_summary_finalize (GObject *object)
{
  SpEpisodeSummary *self = SP_EPISODE_SUMMARY (object);

  clear_own (self);
  g_clear_pointer (&self->ward_id, sp_shared_text_unref);
  g_clear_pointer (&self->ward_name, sp_shared_text_unref);
  g_clear_pointer (&self->state_text, sp_shared_text_unref);
  g_clear_pointer (&self->care_contact, sp_shared_text_unref);
  g_clear_pointer (&self->care_contact_phone, sp_shared_text_unref);
  g_clear_pointer (&self->restricted_reason, sp_shared_text_unref);
  g_clear_pointer (&self->made, clear_made);

  G_OBJECT_CLASS (sp_episode_summary_parent_class)->finalize (object);
}

static void
sp_episode_summary_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SpEpisodeSummary *self = SP_EPISODE_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, get_own (self, OWN_ID));
      break;
    case PROP_REVISION:
      g_value_set_int64 (value, self->revision);
      break;
    case PROP_PATIENT_NAME:
      g_value_set_string (value, get_own (self, OWN_PATIENT_NAME));
      break;
    case PROP_IDENTITY:
      g_value_set_string (value, get_own (self, OWN_IDENTITY));
      break;
    case PROP_WARD_ID:
      g_value_set_string (value, self->ward_id);
      break;
    case PROP_WARD_NAME:
      g_value_set_string (value, self->ward_name);
      break;
    case PROP_ADMITTED:
      g_value_set_boxed (value, sp_episode_summary_get_admitted (self));
      break;
    case PROP_READY:
      g_value_set_boxed (value, sp_episode_summary_get_ready (self));
      break;
    case PROP_ESTIMATED_DISCHARGE:
      g_value_set_boxed (value, g_date_valid (&self->estimated_discharge)
                                ? &self->estimated_discharge : NULL);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STATE_TEXT:
      g_value_set_string (value, self->state_text);
      break;
    case PROP_DAYS_AFTER_READY:
      g_value_set_int (value, self->days_after_ready);
      break;
    case PROP_HAS_TRACK:
      g_value_set_boolean (value, self->has_track);
      break;
    case PROP_TRACK:
      g_value_set_enum (value, self->track);
      break;
    case PROP_CARE_CONTACT:
      g_value_set_string (value, self->care_contact);
      break;
    case PROP_CARE_CONTACT_PHONE:
      g_value_set_string (value, self->care_contact_phone);
      break;
    case PROP_SIP_TEXT:
      g_value_set_string (value, self->sip_text);
      break;
    case PROP_NEXT_DEADLINE:
      g_value_set_boxed (value, sp_episode_summary_get_next_deadline (self));
      break;
    case PROP_NEXT_DEADLINE_LABEL:
      g_value_set_string (value, get_clock_label (self->clock));
      break;
    case PROP_NEXT_DEADLINE_OVERDUE:
      g_value_set_boolean (value, self->next_deadline_overdue);
      break;
    case PROP_OVERDUE:
      g_value_set_boolean (value, self->overdue);
      break;
    case PROP_UNACKNOWLEDGED:
      g_value_set_uint (value, self->unacknowledged);
      break;
    case PROP_RESTRICTED:
      g_value_set_boolean (value, self->restricted);
      break;
    case PROP_RESTRICTED_REASON:
      g_value_set_string (value, self->restricted_reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                              G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
boolean_property (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
boxed_property (const char *name,
                GType       type)
{
  return g_param_spec_boxed (name, NULL, NULL, type,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                             G_PARAM_STATIC_STRINGS);
}

static void
sp_episode_summary_class_init (SpEpisodeSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                            G_PARAM_STATIC_STRINGS;

  object_class->finalize = sp_episode_summary_finalize;
  object_class->get_property = sp_episode_summary_get_property;

  properties[PROP_ID] = string_property ("id");
  properties[PROP_REVISION] = g_param_spec_int64 ("revision", NULL, NULL,
                                                  0, G_MAXINT64, 0, flags);
  properties[PROP_PATIENT_NAME] = string_property ("patient-name");
  properties[PROP_IDENTITY] = string_property ("identity");
  properties[PROP_WARD_ID] = string_property ("ward-id");
  properties[PROP_WARD_NAME] = string_property ("ward-name");
  properties[PROP_ADMITTED] = boxed_property ("admitted", G_TYPE_DATE_TIME);
  properties[PROP_READY] = boxed_property ("ready", G_TYPE_DATE_TIME);
  properties[PROP_ESTIMATED_DISCHARGE] = boxed_property ("estimated-discharge", G_TYPE_DATE);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, SP_TYPE_EPISODE_STATE,
                                              SP_EPISODE_STATE_PLANNING, flags);
  properties[PROP_STATE_TEXT] = string_property ("state-text");
  properties[PROP_DAYS_AFTER_READY] = g_param_spec_int ("days-after-ready", NULL, NULL,
                                                        -1, G_MAXINT, -1, flags);
  properties[PROP_HAS_TRACK] = boolean_property ("has-track");
  properties[PROP_TRACK] = g_param_spec_enum ("track", NULL, NULL, SP_TYPE_TRACK,
                                              SP_TRACK_GRA, flags);
  properties[PROP_CARE_CONTACT] = string_property ("care-contact");
  properties[PROP_CARE_CONTACT_PHONE] = string_property ("care-contact-phone");
  properties[PROP_SIP_TEXT] = string_property ("sip-text");
  properties[PROP_NEXT_DEADLINE] = boxed_property ("next-deadline", G_TYPE_DATE_TIME);
  properties[PROP_NEXT_DEADLINE_LABEL] = string_property ("next-deadline-label");
  properties[PROP_NEXT_DEADLINE_OVERDUE] = boolean_property ("next-deadline-overdue");
  properties[PROP_OVERDUE] = boolean_property ("overdue");
  properties[PROP_UNACKNOWLEDGED] = g_param_spec_uint ("unacknowledged", NULL, NULL,
                                                       0, G_MAXUINT, 0, flags);
  properties[PROP_RESTRICTED] = boolean_property ("restricted");
  properties[PROP_RESTRICTED_REASON] = string_property ("restricted-reason");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sp_episode_summary_init (SpEpisodeSummary *self)
{
  for (Own own = 0; own < N_OWN; own++)
    self->offsets[own] = NO_OFFSET;
  self->clock = -1;
  self->days_after_ready = -1;
  self->admitted_usec = NO_TIME;
  self->ready_usec = NO_TIME;
  self->next_deadline_usec = G_MAXINT64;
  self->sip_text = "";
}

/* What follows from the values read: the shown texts (worked out where rows are made, off
 * the UI thread when loading, not when they are drawn). */
static void
complete (SpEpisodeSummary *self)
{
  self->ward_name = sp_shared_text_ref (self->ward_id);
  if (self->state == SP_EPISODE_STATE_READY && self->ready_usec != NO_TIME)
    self->days_after_ready = count_days_after_ready (self->ready_usec);
  /* Ours to acknowledge, or (for the ward) the others' acknowledgement is the next clock. */
  self->state_text = build_state_text (self->state, self->days_after_ready,
                                       self->notice_open ||
                                       self->clock == SP_CLOCK_ADMISSION_NOTICE_ACKNOWLEDGED);
  self->sip_text = get_sip_text (self->clock >= 0, self->clock, self->next_deadline_overdue);
}

/* Takes the own texts read, with the folded name the search needs. */
static gboolean
take_own (SpEpisodeSummary  *self,
          OwnTexts          *own,
          GError           **error)
{
  gsize lengths[N_OWN] = { 0, };

  if (own->texts[OWN_FOLDED_NAME] == NULL)
    own->texts[OWN_FOLDED_NAME] = fold_name (own->texts[OWN_PATIENT_NAME]);
  for (Own i = 0; i < N_OWN; i++)
    if (own->texts[i] != NULL)
      lengths[i] = strlen (own->texts[i]);

  if (!set_own (self, (const char **) own->texts, lengths))
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "patient: too long");
      return FALSE;
    }

  return TRUE;
}

/**
 * sp_episode_summary_new_from_json:
 * @node: one item of the `items` of GET /api/v1/episodes (docs/api/episodes.md)
 * @error: return location for an #SP_JSON_ERROR naming the member
 *
 * Reads one overview row; strict (see sp-json.h). Members the caller may not see are left
 * out by the server and stay empty here. The state text counts days after ready to today.
 *
 * Returns: (transfer full) (nullable): the summary, or %NULL with @error set
 */
SpEpisodeSummary *
sp_episode_summary_new_from_json (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr(SpEpisodeSummary) self = g_object_new (SP_TYPE_EPISODE_SUMMARY, NULL);
  g_auto(OwnTexts) own = { { NULL, } };
  g_autofree char *ward_id = NULL;
  g_autofree char *restricted_reason = NULL;
  JsonObject *object = sp_json_node_get_object (node, NULL, error);
  int state = SP_EPISODE_STATE_PLANNING;
  gint64 notices = 0;
  gboolean overdue = FALSE;
  gboolean restricted = FALSE;

  if (object == NULL)
    return NULL;

  if (!sp_json_get_string (object, "id", TRUE, MAX_NAME, &own.texts[OWN_ID], error) ||
      !sp_json_get_int (object, "revision", TRUE, 0, G_MAXINT64, &self->revision, error) ||
      !sp_json_get_enum (object, "state", TRUE, SP_TYPE_EPISODE_STATE, &state, error) ||
      !sp_json_get_string (object, "ward_unit_id", TRUE, MAX_NAME, &ward_id, error) ||
      !read_time (object, "admitted_at", TRUE, NO_TIME, &self->admitted_usec, error) ||
      !read_time (object, "ready_at", FALSE, NO_TIME, &self->ready_usec, error) ||
      !read_patient (&own, object, error) ||
      !sp_json_get_date (object, "estimated_discharge", FALSE, &self->estimated_discharge,
                         error) ||
      !read_track (self, object, error) ||
      !read_next_deadline (self, object, error) ||
      !sp_json_get_bool (object, "overdue", TRUE, &overdue, error) ||
      !read_care_contact (self, object, error) ||
      !read_unacknowledged (self, object, &notices, error) ||
      !sp_json_get_bool (object, "restricted", TRUE, &restricted, error) ||
      !sp_json_get_string (object, "restricted_reason", FALSE, SP_JSON_MAX_TEXT,
                           &restricted_reason, error))
    return NULL;

  if (*own.texts[OWN_ID] == '\0')
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "id: empty");
      return NULL;
    }

  if (!take_own (self, &own, error))
    return NULL;
  self->ward_id = sp_shared_text_new (ward_id);
  self->restricted_reason = sp_shared_text_new (restricted_reason);
  self->state = state;
  self->overdue = overdue;
  self->restricted = restricted;
  self->notice_open = notices > 0;
  complete (self);

  return g_steal_pointer (&self);
}

/* The local copy's form of a row (sp_episode_summary_to_bytes ()): the format's tag, the
 * numbers, then the texts. Read back by offset, with no parser: 100,000 rows must load in a
 * fraction of a second (GVariant's g_variant_get () took 12 µs a row here, most of it). */
#define FORMAT_TAG "sps1"
#define NO_TEXT G_MAXUINT32

enum {
  FLAG_NEXT_DEADLINE_OVERDUE = 1 << 0,
  FLAG_OVERDUE               = 1 << 1,
  FLAG_NOTICE_OPEN           = 1 << 2,
  FLAG_RESTRICTED            = 1 << 3,
  FLAG_HAS_TRACK             = 1 << 4,
};

/* Everything of fixed size, little-endian, in one block. */
typedef struct
{
  char    tag[4];
  guint32 julian;          /* estimated discharge; 0: none */
  gint64  revision;
  gint64  admitted;        /* microseconds since 1970, UTC */
  gint64  ready;           /* NO_TIME: none */
  gint64  next_deadline;   /* NO_TIME: none */
  gint32  state;
  gint32  track;
  gint32  clock;
  guint32 unacknowledged;
  guint32 flags;
  guint32 reserved;
} Numbers;

G_STATIC_ASSERT (sizeof (Numbers) == 64);

/* The texts in this order, each as a little-endian length (NO_TEXT: none) and the bytes. */
enum {
  TEXT_ID,
  TEXT_PATIENT_NAME,
  TEXT_IDENTITY,
  TEXT_IDENTITY_DIGITS,
  TEXT_WARD_ID,
  TEXT_CARE_CONTACT,
  TEXT_CARE_CONTACT_PHONE,
  TEXT_RESTRICTED_REASON,
  TEXT_FOLDED_NAME,
  N_TEXTS
};

/* Which of them are the row's own. */
static const int own_texts[N_TEXTS] = {
  [TEXT_ID] = OWN_ID,
  [TEXT_PATIENT_NAME] = OWN_PATIENT_NAME,
  [TEXT_IDENTITY] = OWN_IDENTITY,
  [TEXT_IDENTITY_DIGITS] = OWN_IDENTITY_DIGITS,
  [TEXT_WARD_ID] = -1,
  [TEXT_CARE_CONTACT] = -1,
  [TEXT_CARE_CONTACT_PHONE] = -1,
  [TEXT_RESTRICTED_REASON] = -1,
  [TEXT_FOLDED_NAME] = OWN_FOLDED_NAME,
};

static void
append_text (GByteArray *out,
             const char *text)
{
  guint32 length = GUINT32_TO_LE (text != NULL ? (guint32) strlen (text) : NO_TEXT);

  g_byte_array_append (out, (const guint8 *) &length, sizeof length);
  if (text != NULL)
    g_byte_array_append (out, (const guint8 *) text, strlen (text));
}

/**
 * sp_episode_summary_to_bytes:
 *
 * What the row was read from, for the local copy: read back with
 * sp_episode_summary_new_from_bytes() without parsing JSON. The texts that follow from the
 * values (state text, days after ready) are not in it: they are worked out again when
 * read, to the day they are read.
 *
 * Returns: (transfer full): the row's bytes
 */
GBytes *
sp_episode_summary_to_bytes (SpEpisodeSummary *self)
{
  GByteArray *out;
  Numbers numbers;
  const char *texts[N_TEXTS];

  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);

  numbers = (Numbers) {
    .tag = FORMAT_TAG,
    .julian = GUINT32_TO_LE (g_date_valid (&self->estimated_discharge)
                             ? g_date_get_julian (&self->estimated_discharge) : 0),
    .revision = GINT64_TO_LE (self->revision),
    .admitted = GINT64_TO_LE (self->admitted_usec),
    .ready = GINT64_TO_LE (self->ready_usec),
    .next_deadline = GINT64_TO_LE (self->next_deadline_usec != G_MAXINT64
                                   ? self->next_deadline_usec : NO_TIME),
    .state = GINT32_TO_LE (self->state),
    .track = GINT32_TO_LE (self->track),
    .clock = GINT32_TO_LE (self->clock),
    .unacknowledged = GUINT32_TO_LE (self->unacknowledged),
    .flags = GUINT32_TO_LE ((self->next_deadline_overdue ? FLAG_NEXT_DEADLINE_OVERDUE : 0) |
                            (self->overdue ? FLAG_OVERDUE : 0) |
                            (self->notice_open ? FLAG_NOTICE_OPEN : 0) |
                            (self->restricted ? FLAG_RESTRICTED : 0) |
                            (self->has_track ? FLAG_HAS_TRACK : 0)),
  };

  for (guint i = 0; i < N_TEXTS; i++)
    if (own_texts[i] >= 0)
      texts[i] = get_own (self, own_texts[i]);
  texts[TEXT_WARD_ID] = self->ward_id;
  texts[TEXT_CARE_CONTACT] = self->care_contact;
  texts[TEXT_CARE_CONTACT_PHONE] = self->care_contact_phone;
  texts[TEXT_RESTRICTED_REASON] = self->restricted_reason;

  out = g_byte_array_sized_new (sizeof numbers + 160);
  g_byte_array_append (out, (const guint8 *) &numbers, sizeof numbers);
  for (guint i = 0; i < N_TEXTS; i++)
    append_text (out, texts[i]);

  return g_byte_array_free_to_bytes (out);
}

static gboolean
valid_enum (GType type,
            int   value)
{
  GEnumClass *enum_class = g_type_class_peek (type);

  /* Referenced once and kept, as the type is: three checks a row, 100,000 rows. */
  if (enum_class == NULL)
    enum_class = g_type_class_ref (type);

  return g_enum_get_value (enum_class, value) != NULL;
}

/* Whether @usec is a time a GDateTime can hold (years 1 to 9999). */
static gboolean
valid_time (gint64 usec)
{
  return usec >= G_GINT64_CONSTANT (-62135596800) * G_USEC_PER_SEC &&
         usec < G_GINT64_CONSTANT (253402300800) * G_USEC_PER_SEC;
}

/**
 * sp_episode_summary_new_from_bytes:
 * @data: (array length=size): what sp_episode_summary_to_bytes() made
 * @size: the size of @data
 * @error: return location for an #SP_JSON_ERROR
 *
 * Reads a row back from the local copy. Safe in any thread: no widget is touched.
 *
 * Returns: (transfer full) (nullable): the summary, or %NULL when @data is of another
 *   format (an older copy) or holds values out of range
 */
SpEpisodeSummary *
sp_episode_summary_new_from_bytes (const guint8  *data,
                                   gsize          size,
                                   GError       **error)
{
  g_autoptr(SpEpisodeSummary) self = NULL;
  g_autofree char *folded = NULL;
  const guint8 *end = data + size;
  const char *texts[N_TEXTS];
  gsize lengths[N_TEXTS];
  const char *own[N_OWN];
  gsize own_lengths[N_OWN];
  Numbers numbers;
  guint32 julian;
  guint32 flags;
  gint64 next_deadline;
  int state;
  int track;
  int clock;

  g_return_val_if_fail (data != NULL || size == 0, NULL);

  if (size < sizeof numbers || memcmp (data, FORMAT_TAG, 4) != 0)
    goto invalid;
  memcpy (&numbers, data, sizeof numbers);
  data += sizeof numbers;

  for (guint i = 0; i < N_TEXTS; i++)
    {
      guint32 length;

      if ((gsize) (end - data) < sizeof length)
        goto invalid;
      memcpy (&length, data, sizeof length);
      length = GUINT32_FROM_LE (length);
      data += sizeof length;
      texts[i] = NULL;
      lengths[i] = 0;
      if (length == NO_TEXT)
        continue;
      if ((gsize) (end - data) < length)
        goto invalid;
      texts[i] = (const char *) data;
      lengths[i] = length;
      data += length;
    }

  julian = GUINT32_FROM_LE (numbers.julian);
  flags = GUINT32_FROM_LE (numbers.flags);
  state = GINT32_FROM_LE (numbers.state);
  track = GINT32_FROM_LE (numbers.track);
  clock = GINT32_FROM_LE (numbers.clock);
  next_deadline = GINT64_FROM_LE (numbers.next_deadline);

  if (data != end || texts[TEXT_ID] == NULL || lengths[TEXT_ID] == 0 ||
      texts[TEXT_WARD_ID] == NULL || !valid_time (GINT64_FROM_LE (numbers.admitted)) ||
      (GINT64_FROM_LE (numbers.ready) != NO_TIME &&
       !valid_time (GINT64_FROM_LE (numbers.ready))) ||
      (next_deadline != NO_TIME && !valid_time (next_deadline)) ||
      !valid_enum (SP_TYPE_EPISODE_STATE, state) || !valid_enum (SP_TYPE_TRACK, track) ||
      (clock != -1 && !valid_enum (SP_TYPE_CLOCK, clock)) ||
      (julian != 0 && !g_date_valid_julian (julian)))
    goto invalid;

  for (guint i = 0; i < N_TEXTS; i++)
    if (own_texts[i] >= 0)
      {
        own[own_texts[i]] = texts[i];
        own_lengths[own_texts[i]] = lengths[i];
      }
  /* Written by every version that wrote this format; made here should one be missing. */
  if (own[OWN_FOLDED_NAME] == NULL && own[OWN_PATIENT_NAME] != NULL)
    {
      g_autofree char *name = g_strndup (own[OWN_PATIENT_NAME], own_lengths[OWN_PATIENT_NAME]);

      own[OWN_FOLDED_NAME] = folded = fold_name (name);
      own_lengths[OWN_FOLDED_NAME] = strlen (folded);
    }

  self = g_object_new (SP_TYPE_EPISODE_SUMMARY, NULL);
  if (!set_own (self, own, own_lengths))
    goto invalid;
  self->ward_id = sp_shared_text_new_len (texts[TEXT_WARD_ID], lengths[TEXT_WARD_ID]);
  self->care_contact = sp_shared_text_new_len (texts[TEXT_CARE_CONTACT],
                                               lengths[TEXT_CARE_CONTACT]);
  self->care_contact_phone = sp_shared_text_new_len (texts[TEXT_CARE_CONTACT_PHONE],
                                                     lengths[TEXT_CARE_CONTACT_PHONE]);
  self->restricted_reason = sp_shared_text_new_len (texts[TEXT_RESTRICTED_REASON],
                                                    lengths[TEXT_RESTRICTED_REASON]);
  self->revision = GINT64_FROM_LE (numbers.revision);
  self->admitted_usec = GINT64_FROM_LE (numbers.admitted);
  self->ready_usec = GINT64_FROM_LE (numbers.ready);
  self->next_deadline_usec = next_deadline != NO_TIME ? next_deadline : G_MAXINT64;
  self->state = state;
  self->track = track;
  self->clock = clock;
  self->unacknowledged = GUINT32_FROM_LE (numbers.unacknowledged);
  self->next_deadline_overdue = (flags & FLAG_NEXT_DEADLINE_OVERDUE) != 0;
  self->overdue = (flags & FLAG_OVERDUE) != 0;
  self->notice_open = (flags & FLAG_NOTICE_OPEN) != 0;
  self->restricted = (flags & FLAG_RESTRICTED) != 0;
  self->has_track = (flags & FLAG_HAS_TRACK) != 0;
  if (julian != 0)
    g_date_set_julian (&self->estimated_discharge, julian);
  complete (self);

  return g_steal_pointer (&self);

invalid:
  g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                       "an overview row of another format");
  return NULL;
}

static void
notify (SpEpisodeSummary *self,
        guint             prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* For the shared texts: @field takes @other_field's text. */
static void
update_shared (SpEpisodeSummary *self,
               char            **field,
               char             *other_field,
               guint             prop_id)
{
  char *old = *field;

  if (g_strcmp0 (old, other_field) == 0)
    return;

  *field = sp_shared_text_ref (other_field);
  sp_shared_text_unref (old);
  notify (self, prop_id);
}

/* @made_offset: where in Made the time's GDateTime is kept, dropped when it changes */
static void
update_time (SpEpisodeSummary *self,
             gint64           *field,
             gint64            value,
             gsize             made_offset,
             guint             prop_id)
{
  if (*field == value)
    return;

  *field = value;
  if (self->made != NULL)
    g_clear_pointer ((GDateTime **) G_STRUCT_MEMBER_P (self->made, made_offset),
                     g_date_time_unref);
  notify (self, prop_id);
}

static void
update_int (SpEpisodeSummary *self,
            int               old,
            int               value,
            guint             prop_id)
{
  if (old != value)
    notify (self, prop_id);
}

/**
 * sp_episode_summary_update_from:
 * @self: a summary shown in the overview
 * @other: a newer summary of the same episode
 *
 * Takes over every value of @other, notifying only the properties that changed, so that
 * bound widgets redraw only what is new. The ward name set with
 * sp_episode_summary_set_ward_name() is kept unless @other has another ward.
 */
void
sp_episode_summary_update_from (SpEpisodeSummary *self,
                                SpEpisodeSummary *other)
{
  gboolean name_changed;
  gboolean identity_changed;
  const char *old_label;

  g_return_if_fail (SP_IS_EPISODE_SUMMARY (self));
  g_return_if_fail (SP_IS_EPISODE_SUMMARY (other));
  g_return_if_fail (g_str_equal (get_own (self, OWN_ID), get_own (other, OWN_ID)));

  g_object_freeze_notify (G_OBJECT (self));

  if (self->revision != other->revision)
    {
      self->revision = other->revision;
      notify (self, PROP_REVISION);
    }

  /* The own texts go together: a copy of the other's block. */
  name_changed = g_strcmp0 (get_own (self, OWN_PATIENT_NAME),
                            get_own (other, OWN_PATIENT_NAME)) != 0;
  identity_changed = g_strcmp0 (get_own (self, OWN_IDENTITY),
                                get_own (other, OWN_IDENTITY)) != 0;
  if (name_changed || identity_changed ||
      g_strcmp0 (get_own (self, OWN_IDENTITY_DIGITS),
                 get_own (other, OWN_IDENTITY_DIGITS)) != 0 ||
      g_strcmp0 (get_own (self, OWN_FOLDED_NAME), get_own (other, OWN_FOLDED_NAME)) != 0)
    {
      clear_own (self);
      self->own = g_slice_copy (other->own_size, other->own);
      self->own_size = other->own_size;
      memcpy (self->offsets, other->offsets, sizeof self->offsets);
    }
  if (name_changed)
    {
      if (self->made != NULL)
        g_clear_pointer (&self->made->patient_key, g_free);
      notify (self, PROP_PATIENT_NAME);
    }
  if (identity_changed)
    notify (self, PROP_IDENTITY);

  if (g_strcmp0 (self->ward_id, other->ward_id) != 0)
    {
      update_shared (self, &self->ward_id, other->ward_id, PROP_WARD_ID);
      sp_episode_summary_set_ward_name (self, other->ward_name);
    }
  update_time (self, &self->admitted_usec, other->admitted_usec,
               G_STRUCT_OFFSET (Made, admitted), PROP_ADMITTED);
  update_time (self, &self->ready_usec, other->ready_usec,
               G_STRUCT_OFFSET (Made, ready), PROP_READY);
  if (g_date_valid (&self->estimated_discharge) != g_date_valid (&other->estimated_discharge) ||
      (g_date_valid (&self->estimated_discharge) &&
       g_date_compare (&self->estimated_discharge, &other->estimated_discharge) != 0))
    {
      self->estimated_discharge = other->estimated_discharge;
      notify (self, PROP_ESTIMATED_DISCHARGE);
    }
  update_int (self, self->state, other->state, PROP_STATE);
  self->state = other->state;
  update_shared (self, &self->state_text, other->state_text, PROP_STATE_TEXT);
  update_int (self, self->days_after_ready, other->days_after_ready, PROP_DAYS_AFTER_READY);
  self->days_after_ready = other->days_after_ready;
  update_int (self, self->has_track, other->has_track, PROP_HAS_TRACK);
  self->has_track = other->has_track;
  update_int (self, self->track, other->track, PROP_TRACK);
  self->track = other->track;
  update_shared (self, &self->care_contact, other->care_contact, PROP_CARE_CONTACT);
  update_shared (self, &self->care_contact_phone, other->care_contact_phone,
                 PROP_CARE_CONTACT_PHONE);
  if (g_strcmp0 (self->sip_text, other->sip_text) != 0)
    {
      self->sip_text = other->sip_text;
      notify (self, PROP_SIP_TEXT);
    }
  update_time (self, &self->next_deadline_usec, other->next_deadline_usec,
               G_STRUCT_OFFSET (Made, next_deadline), PROP_NEXT_DEADLINE);
  old_label = get_clock_label (self->clock);
  self->clock = other->clock;
  if (g_strcmp0 (old_label, get_clock_label (self->clock)) != 0)
    notify (self, PROP_NEXT_DEADLINE_LABEL);
  update_int (self, self->next_deadline_overdue, other->next_deadline_overdue,
              PROP_NEXT_DEADLINE_OVERDUE);
  self->next_deadline_overdue = other->next_deadline_overdue;
  update_int (self, self->overdue, other->overdue, PROP_OVERDUE);
  self->overdue = other->overdue;
  update_int (self, self->unacknowledged, other->unacknowledged, PROP_UNACKNOWLEDGED);
  self->unacknowledged = other->unacknowledged;
  self->notice_open = other->notice_open;
  update_int (self, self->restricted, other->restricted, PROP_RESTRICTED);
  self->restricted = other->restricted;
  update_shared (self, &self->restricted_reason, other->restricted_reason,
                 PROP_RESTRICTED_REASON);

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
sp_episode_summary_get_id (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);

  return get_own (self, OWN_ID);
}

gint64
sp_episode_summary_get_revision (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), 0);

  return self->revision;
}

/**
 * sp_episode_summary_get_patient_name:
 *
 * Returns: (nullable): "Given Family", or %NULL when withheld
 */
const char *
sp_episode_summary_get_patient_name (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);

  return get_own (self, OWN_PATIENT_NAME);
}

/**
 * sp_episode_summary_get_identity:
 *
 * Returns: (nullable): the identity number as "YYYYMMDD-NNNN" (a reservnummer as issued),
 *   or %NULL when withheld
 */
const char *
sp_episode_summary_get_identity (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);

  return get_own (self, OWN_IDENTITY);
}

const char *
sp_episode_summary_get_ward_id (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);

  return self->ward_id;
}

/**
 * sp_episode_summary_get_ward_name:
 *
 * Returns: the ward's name, or its unit id until sp_episode_summary_set_ward_name()
 */
const char *
sp_episode_summary_get_ward_name (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);

  return self->ward_name;
}

/**
 * sp_episode_summary_set_ward_name:
 * @self: a summary
 * @ward_name: the ward's display name, from GET /api/v1/units
 *
 * The list names the ward by unit id only; the caller that knows the units names it.
 */
void
sp_episode_summary_set_ward_name (SpEpisodeSummary *self,
                                  const char       *ward_name)
{
  g_return_if_fail (SP_IS_EPISODE_SUMMARY (self));
  g_return_if_fail (ward_name != NULL);

  if (sp_shared_text_set (&self->ward_name, ward_name))
    notify (self, PROP_WARD_NAME);
}

/**
 * sp_episode_summary_get_admitted:
 *
 * Returns: (transfer none): when the patient was admitted to the ward
 */
GDateTime *
sp_episode_summary_get_admitted (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);

  return get_time (&get_made (self)->admitted, self->admitted_usec);
}

/**
 * sp_episode_summary_get_admitted_usec:
 *
 * The admission time as a number, for sorting 100,000 rows without a #GDateTime each.
 *
 * Returns: when the patient was admitted, in microseconds since 1970
 */
gint64
sp_episode_summary_get_admitted_usec (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), 0);

  return self->admitted_usec;
}

/**
 * sp_episode_summary_get_ready:
 *
 * Returns: (transfer none) (nullable): when the ready notice was sent
 */
GDateTime *
sp_episode_summary_get_ready (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);

  if (self->ready_usec == NO_TIME)
    return NULL;
  return get_time (&get_made (self)->ready, self->ready_usec);
}

/**
 * sp_episode_summary_get_estimated_discharge:
 * @out_date: (out caller-allocates): the estimated discharge date
 *
 * Returns: %FALSE when there is none or it is withheld
 */
gboolean
sp_episode_summary_get_estimated_discharge (SpEpisodeSummary *self,
                                            GDate            *out_date)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), FALSE);
  g_return_val_if_fail (out_date != NULL, FALSE);

  *out_date = self->estimated_discharge;
  return g_date_valid (out_date);
}

SpEpisodeState
sp_episode_summary_get_state (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), SP_EPISODE_STATE_PLANNING);

  return self->state;
}

/**
 * sp_episode_summary_get_state_text:
 *
 * Returns: the state as the overview says it: "Planering pågår", "Utskrivningsklar dag 2"…
 */
const char *
sp_episode_summary_get_state_text (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);

  return self->state_text;
}

/**
 * sp_episode_summary_get_days_after_ready:
 *
 * Returns: calendar days from day 0 to today while ready, else -1
 */
int
sp_episode_summary_get_days_after_ready (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), -1);

  return self->days_after_ready;
}

/**
 * sp_episode_summary_get_track:
 * @out_track: (out) (optional): the colour track
 *
 * Returns: %FALSE before any planning answer or when the caller may not see it
 */
gboolean
sp_episode_summary_get_track (SpEpisodeSummary *self,
                              SpTrack          *out_track)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), FALSE);

  if (out_track != NULL)
    *out_track = self->track;
  return self->has_track;
}

/**
 * sp_episode_summary_get_care_contact:
 *
 * Returns: (nullable): the name of the lead (else the first visible) fast vårdkontakt
 */
const char *
sp_episode_summary_get_care_contact (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);

  return self->care_contact;
}

/**
 * sp_episode_summary_get_care_contact_phone:
 *
 * Returns: (nullable): the care contact's work phone
 */
const char *
sp_episode_summary_get_care_contact_phone (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);

  return self->care_contact_phone;
}

/**
 * sp_episode_summary_get_sip_text:
 *
 * Returns: what the SIP waits for ("Kallelse ska skickas"), or "" when nothing
 */
const char *
sp_episode_summary_get_sip_text (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);

  return self->sip_text;
}

/**
 * sp_episode_summary_get_next_deadline:
 *
 * Returns: (transfer none) (nullable): the earliest open clock's due time that concerns
 *   the caller's unit
 */
GDateTime *
sp_episode_summary_get_next_deadline (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);

  if (self->next_deadline_usec == G_MAXINT64)
    return NULL;
  return get_time (&get_made (self)->next_deadline, self->next_deadline_usec);
}

/**
 * sp_episode_summary_get_next_deadline_usec:
 *
 * The next deadline as a number, for sorting 100,000 rows without reading a #GDateTime
 * each time.
 *
 * Returns: its due time in microseconds since 1970, or %G_MAXINT64 when there is none
 */
gint64
sp_episode_summary_get_next_deadline_usec (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), G_MAXINT64);

  return self->next_deadline_usec;
}

/**
 * sp_episode_summary_get_next_deadline_label:
 *
 * Returns: (nullable): the core's Swedish label of that clock (sp_clock_get_label())
 */
const char *
sp_episode_summary_get_next_deadline_label (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);

  return get_clock_label (self->clock);
}

gboolean
sp_episode_summary_get_next_deadline_overdue (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), FALSE);

  return self->next_deadline_overdue;
}

/**
 * sp_episode_summary_get_overdue:
 *
 * Returns: whether any clock that concerns the caller's unit is overdue
 */
gboolean
sp_episode_summary_get_overdue (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), FALSE);

  return self->overdue;
}

/**
 * sp_episode_summary_get_unacknowledged:
 *
 * Returns: notices and messages the caller's unit has still to acknowledge
 */
guint
sp_episode_summary_get_unacknowledged (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), 0);

  return self->unacknowledged;
}

gboolean
sp_episode_summary_get_restricted (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), FALSE);

  return self->restricted;
}

/**
 * sp_episode_summary_get_restricted_reason:
 *
 * Returns: (nullable): the server's Swedish reason why fields are withheld
 */
const char *
sp_episode_summary_get_restricted_reason (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);

  return self->restricted_reason;
}

/**
 * sp_episode_summary_get_sort_key:
 * @key: which text
 *
 * A collation key in Swedish order (Å, Ä, Ö after Z), made on first use and kept until the
 * text changes: sorting compares keys with strcmp() instead of collating every time. The
 * keys of ward and care contact names are made once for all rows with that name.
 *
 * Returns: (nullable): the key, or %NULL when the text is empty or withheld
 */
const char *
sp_episode_summary_get_sort_key (SpEpisodeSummary    *self,
                                 SpEpisodeSummaryKey  key)
{
  const char *name;
  Made *made;

  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);
  g_return_val_if_fail (key < SP_EPISODE_SUMMARY_N_KEYS, NULL);

  switch (key)
    {
    case SP_EPISODE_SUMMARY_KEY_PATIENT:
      name = get_own (self, OWN_PATIENT_NAME);
      if (name == NULL || *name == '\0')
        return NULL;
      made = get_made (self);
      if (made->patient_key == NULL)
        made->patient_key = sp_swedish_collate_key (name);
      return made->patient_key;
    case SP_EPISODE_SUMMARY_KEY_WARD:
      return sp_shared_text_get_sort_key (self->ward_name);
    case SP_EPISODE_SUMMARY_KEY_CARE_CONTACT:
      return sp_shared_text_get_sort_key (self->care_contact);
    case SP_EPISODE_SUMMARY_N_KEYS:
    default:
      g_assert_not_reached ();
    }
}

/**
 * sp_episode_summary_matches:
 * @needle: casefolded, NFC-normalised text; with @identity, the digits of a number
 * @identity: whether @needle is part of an identity number rather than of a name
 *
 * Only what the caller may see is searched: a withheld name or number never matches.
 *
 * Returns: whether the patient's name (or identity number) contains @needle
 */
gboolean
sp_episode_summary_matches (SpEpisodeSummary *self,
                            const char       *needle,
                            gboolean          identity)
{
  const char *text;

  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), FALSE);
  g_return_val_if_fail (needle != NULL, FALSE);

  /* The folded name is there whenever the name is (made with the row). */
  text = get_own (self, identity ? OWN_IDENTITY_DIGITS : OWN_FOLDED_NAME);

  return text != NULL && strstr (text, needle) != NULL;
}
