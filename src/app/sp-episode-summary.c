/* sp-episode-summary.c — one row of the SPU overview, as GET /api/v1/episodes lists it
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-episode-summary"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "sp-calendar.h"
#include "sp-enum-types.h"
#include "sp-episode-summary.h"
#include "sp-identity.h"
#include "sp-json.h"

/* Names and unit ids are short; anything longer is not a row of ours. */
#define MAX_NAME 256

struct _SpEpisodeSummary
{
  GObject         parent_instance;

  char           *id;
  gint64          revision;
  char           *patient_name;       /* nullable: withheld without consent */
  char           *identity;           /* "YYYYMMDD-NNNN"; nullable */
  char           *identity_digits;    /* what a typed number is matched against */
  char           *ward_id;
  char           *ward_name;
  GDateTime      *admitted;
  GDateTime      *ready;              /* nullable */
  GDate           estimated_discharge; /* invalid when unknown or withheld */
  SpEpisodeState  state;
  char           *state_text;
  int             days_after_ready;   /* -1 before ready */
  gboolean        has_track;
  SpTrack         track;
  char           *care_contact;
  char           *care_contact_phone;
  const char     *sip_text;           /* static */
  int             clock;              /* the next deadline's SpClock; -1: none */
  GDateTime      *next_deadline;      /* nullable */
  gint64          next_deadline_usec; /* the same for sorting; G_MAXINT64: none */
  const char     *next_deadline_label; /* static, the core's; nullable */
  gboolean        next_deadline_overdue;
  gboolean        overdue;
  guint           unacknowledged;
  gboolean        notice_open;        /* an admission notice of ours still unacknowledged */
  gboolean        restricted;
  char           *restricted_reason;

  /* Built on first use, dropped when their text changes. */
  char           *sort_keys[SP_EPISODE_SUMMARY_N_KEYS];
  char           *folded_name;
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

/* Swedish collation whatever the user's own locale (Å, Ä, Ö after Z); the user's locale
 * only where sv_SE.UTF-8 is not installed. */
static locale_t
get_swedish_locale (void)
{
  static gsize initialized = 0;
  static locale_t swedish = (locale_t) 0;

  if (g_once_init_enter (&initialized))
    {
      swedish = newlocale (LC_COLLATE_MASK | LC_CTYPE_MASK, "sv_SE.UTF-8", (locale_t) 0);
      g_once_init_leave (&initialized, 1);
    }

  return swedish;
}

static char *
swedish_collate_key (const char *text)
{
  locale_t swedish = get_swedish_locale ();
  locale_t previous;
  char *key;

  if (swedish == (locale_t) 0)
    return g_utf8_collate_key (text, -1);

  /* g_utf8_collate_key () follows the thread's locale: switch it for this one call. */
  previous = uselocale (swedish);
  key = g_utf8_collate_key (text, -1);
  uselocale (previous);

  return key;
}

static const char *
get_key_text (SpEpisodeSummary    *self,
              SpEpisodeSummaryKey  key)
{
  switch (key)
    {
    case SP_EPISODE_SUMMARY_KEY_PATIENT:
      return self->patient_name;
    case SP_EPISODE_SUMMARY_KEY_WARD:
      return self->ward_name;
    case SP_EPISODE_SUMMARY_KEY_CARE_CONTACT:
      return self->care_contact;
    case SP_EPISODE_SUMMARY_N_KEYS:
    default:
      g_assert_not_reached ();
    }
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

/* Days after ready by the core's 12:00 rule, counted to today in Stockholm. */
static int
count_days_after_ready (GDateTime *ready)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (sp_calendar_get_timezone ());
  GDate day0;
  GDate today;

  sp_deadline_get_day0 (ready, &day0);
  sp_calendar_get_local_date (now, &today);

  return sp_deadline_days_after_ready (&day0, &today);
}

static char *
build_state_text (SpEpisodeState  state,
                  int             days_after_ready,
                  gboolean        notice_open)
{
  switch (state)
    {
    case SP_EPISODE_STATE_PLANNING:
      return g_strdup (notice_open ? _("Admission notice not acknowledged")
                                   : _("Planning in progress"));
    case SP_EPISODE_STATE_READY:
      if (days_after_ready < 0)
        return g_strdup (_("Ready for discharge"));
      /* Translators: "Utskrivningsklar dag %d"; day 0 follows the 12:00 rule. */
      return g_strdup_printf (_("Ready for discharge, day %d"), days_after_ready);
    case SP_EPISODE_STATE_DISCHARGED:
      return g_strdup (_("Discharged"));
    case SP_EPISODE_STATE_DECEASED:
      return g_strdup (_("Deceased"));
    case SP_EPISODE_STATE_CANCELLED:
      return g_strdup (_("Cancelled"));
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
static void
fold_name (SpEpisodeSummary *self)
{
  g_autofree char *normalised = g_utf8_normalize (self->patient_name, -1,
                                                  G_NORMALIZE_DEFAULT_COMPOSE);

  self->folded_name = g_utf8_casefold (normalised, -1);
}

static gboolean
read_patient (SpEpisodeSummary  *self,
              JsonObject        *object,
              GError           **error)
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
  self->patient_name = join_name (given_name, family_name);

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
      self->identity = sp_identity_format (identity);
      self->identity_digits = g_strdup (sp_identity_get_normalised (identity));
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
read_next_deadline (SpEpisodeSummary  *self,
                    JsonObject        *object,
                    int               *out_clock,
                    GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *deadline = sp_json_get_object (object, "next_deadline", FALSE, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (deadline == NULL)
    return TRUE;

  if (!sp_json_get_enum (deadline, "clock", TRUE, SP_TYPE_CLOCK, out_clock, error) ||
      !sp_json_get_datetime (deadline, "due", TRUE, &self->next_deadline, error) ||
      !sp_json_get_bool (deadline, "overdue", TRUE, &self->next_deadline_overdue, error))
    {
      g_prefix_error (error, "next_deadline.");
      return FALSE;
    }

  self->next_deadline_label = sp_clock_get_label (*out_clock);
  return TRUE;
}

static gboolean
read_care_contact (SpEpisodeSummary  *self,
                   JsonObject        *object,
                   GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *contact = sp_json_get_object (object, "care_contact", FALSE, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (contact == NULL)
    return TRUE;

  if (!sp_json_get_string (contact, "name", TRUE, MAX_NAME, &self->care_contact, error) ||
      !sp_json_get_string (contact, "work_phone", FALSE, MAX_NAME, &self->care_contact_phone,
                           error))
    {
      g_prefix_error (error, "care_contact.");
      return FALSE;
    }

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

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->patient_name, g_free);
  g_clear_pointer (&self->identity, g_free);
  g_clear_pointer (&self->identity_digits, g_free);
  g_clear_pointer (&self->ward_id, g_free);
  g_clear_pointer (&self->ward_name, g_free);
  g_clear_pointer (&self->admitted, g_date_time_unref);
  g_clear_pointer (&self->ready, g_date_time_unref);
  g_clear_pointer (&self->state_text, g_free);
  g_clear_pointer (&self->care_contact, g_free);
  g_clear_pointer (&self->care_contact_phone, g_free);
  g_clear_pointer (&self->next_deadline, g_date_time_unref);
  g_clear_pointer (&self->restricted_reason, g_free);
  for (guint i = 0; i < SP_EPISODE_SUMMARY_N_KEYS; i++)
    g_clear_pointer (&self->sort_keys[i], g_free);
  g_clear_pointer (&self->folded_name, g_free);

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
      g_value_set_string (value, self->id);
      break;
    case PROP_REVISION:
      g_value_set_int64 (value, self->revision);
      break;
    case PROP_PATIENT_NAME:
      g_value_set_string (value, self->patient_name);
      break;
    case PROP_IDENTITY:
      g_value_set_string (value, self->identity);
      break;
    case PROP_WARD_ID:
      g_value_set_string (value, self->ward_id);
      break;
    case PROP_WARD_NAME:
      g_value_set_string (value, self->ward_name);
      break;
    case PROP_ADMITTED:
      g_value_set_boxed (value, self->admitted);
      break;
    case PROP_READY:
      g_value_set_boxed (value, self->ready);
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
      g_value_set_boxed (value, self->next_deadline);
      break;
    case PROP_NEXT_DEADLINE_LABEL:
      g_value_set_string (value, self->next_deadline_label);
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
  self->days_after_ready = -1;
  self->clock = -1;
  self->sip_text = "";
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

/* What follows from the values read: shown texts, and the folded name the search needs
 * (worked out where rows are made, off the UI thread when loading, not at a keystroke). */
static void
complete (SpEpisodeSummary *self)
{
  self->ward_name = g_strdup (self->ward_id);
  if (self->state == SP_EPISODE_STATE_READY && self->ready != NULL)
    self->days_after_ready = count_days_after_ready (self->ready);
  /* Ours to acknowledge, or (for the ward) the others' acknowledgement is the next clock. */
  self->state_text = build_state_text (self->state, self->days_after_ready,
                                       self->notice_open ||
                                       self->clock == SP_CLOCK_ADMISSION_NOTICE_ACKNOWLEDGED);
  self->sip_text = get_sip_text (self->clock >= 0, self->clock, self->next_deadline_overdue);
  self->next_deadline_usec = unix_usec (self->next_deadline, G_MAXINT64);
  if (self->patient_name != NULL && self->folded_name == NULL)
    fold_name (self);
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
  JsonObject *object = sp_json_node_get_object (node, NULL, error);
  int state = SP_EPISODE_STATE_PLANNING;
  gint64 notices = 0;

  if (object == NULL)
    return NULL;

  if (!sp_json_get_string (object, "id", TRUE, MAX_NAME, &self->id, error) ||
      !sp_json_get_int (object, "revision", TRUE, 0, G_MAXINT64, &self->revision, error) ||
      !sp_json_get_enum (object, "state", TRUE, SP_TYPE_EPISODE_STATE, &state, error) ||
      !sp_json_get_string (object, "ward_unit_id", TRUE, MAX_NAME, &self->ward_id, error) ||
      !sp_json_get_datetime (object, "admitted_at", TRUE, &self->admitted, error) ||
      !sp_json_get_datetime (object, "ready_at", FALSE, &self->ready, error) ||
      !read_patient (self, object, error) ||
      !sp_json_get_date (object, "estimated_discharge", FALSE, &self->estimated_discharge,
                         error) ||
      !read_track (self, object, error) ||
      !read_next_deadline (self, object, &self->clock, error) ||
      !sp_json_get_bool (object, "overdue", TRUE, &self->overdue, error) ||
      !read_care_contact (self, object, error) ||
      !read_unacknowledged (self, object, &notices, error) ||
      !sp_json_get_bool (object, "restricted", TRUE, &self->restricted, error) ||
      !sp_json_get_string (object, "restricted_reason", FALSE, SP_JSON_MAX_TEXT,
                           &self->restricted_reason, error))
    return NULL;

  if (*self->id == '\0')
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "id: empty");
      return NULL;
    }

  self->state = state;
  self->notice_open = notices > 0;
  complete (self);

  return g_steal_pointer (&self);
}

/* The local copy's form of a row (sp_episode_summary_to_bytes ()): the format's tag, the
 * numbers, then the texts. Read back by offset, with no parser: 100,000 rows must load in a
 * fraction of a second (GVariant's g_variant_get () took 12 µs a row here, most of it). */
#define FORMAT_TAG "sps1"
#define NO_TEXT G_MAXUINT32
#define NO_TIME G_MININT64

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

/* Times are kept as microseconds since 1970 (UTC); shown through sp_calendar_to_local (). */
static GDateTime *
from_unix_usec (gint64 usec)
{
  g_autoptr(GDateTime) seconds = NULL;

  if (usec == NO_TIME)
    return NULL;

  seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  if (seconds == NULL || usec % G_USEC_PER_SEC == 0)
    return g_steal_pointer (&seconds);
  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

static void
append_text (GByteArray *out,
             const char *text)
{
  guint32 length = GUINT32_TO_LE (text != NULL ? (guint32) strlen (text) : NO_TEXT);

  g_byte_array_append (out, (const guint8 *) &length, sizeof length);
  if (text != NULL)
    g_byte_array_append (out, (const guint8 *) text, strlen (text));
}

#define N_TEXTS 9

/* The texts in this order, each as a little-endian length (NO_TEXT: none) and the bytes. */
static void
get_texts (SpEpisodeSummary *self,
           char            **fields[N_TEXTS])
{
  static const gsize offsets[N_TEXTS] = {
    G_STRUCT_OFFSET (SpEpisodeSummary, id),
    G_STRUCT_OFFSET (SpEpisodeSummary, patient_name),
    G_STRUCT_OFFSET (SpEpisodeSummary, identity),
    G_STRUCT_OFFSET (SpEpisodeSummary, identity_digits),
    G_STRUCT_OFFSET (SpEpisodeSummary, ward_id),
    G_STRUCT_OFFSET (SpEpisodeSummary, care_contact),
    G_STRUCT_OFFSET (SpEpisodeSummary, care_contact_phone),
    G_STRUCT_OFFSET (SpEpisodeSummary, restricted_reason),
    G_STRUCT_OFFSET (SpEpisodeSummary, folded_name),
  };

  for (guint i = 0; i < N_TEXTS; i++)
    fields[i] = G_STRUCT_MEMBER_P (self, offsets[i]);
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
  char **texts[N_TEXTS];

  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);

  numbers = (Numbers) {
    .tag = FORMAT_TAG,
    .julian = GUINT32_TO_LE (g_date_valid (&self->estimated_discharge)
                             ? g_date_get_julian (&self->estimated_discharge) : 0),
    .revision = GINT64_TO_LE (self->revision),
    .admitted = GINT64_TO_LE (unix_usec (self->admitted, NO_TIME)),
    .ready = GINT64_TO_LE (unix_usec (self->ready, NO_TIME)),
    .next_deadline = GINT64_TO_LE (unix_usec (self->next_deadline, NO_TIME)),
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
  out = g_byte_array_sized_new (sizeof numbers + 160);
  g_byte_array_append (out, (const guint8 *) &numbers, sizeof numbers);
  get_texts (self, texts);
  for (guint i = 0; i < N_TEXTS; i++)
    append_text (out, *texts[i]);

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

/**
 * sp_episode_summary_new_from_bytes:
 * @data: (array length=size): what sp_episode_summary_to_bytes() made
 * @size: the size of @data
 * @error: return location for an #SP_JSON_ERROR
 *
 * Reads a row back from the local copy. Safe in any thread: no widget is touched.
 *
 * Returns: (transfer full) (nullable): the summary, or %NULL with @error set when @data is
 *   of another format (an older copy) or holds values out of range
 */
SpEpisodeSummary *
sp_episode_summary_new_from_bytes (const guint8  *data,
                                   gsize          size,
                                   GError       **error)
{
  g_autoptr(SpEpisodeSummary) self = NULL;
  const guint8 *end = data + size;
  Numbers numbers;
  guint32 julian;
  guint32 flags;
  char **texts[N_TEXTS];

  g_return_val_if_fail (data != NULL || size == 0, NULL);

  if (size < sizeof numbers || memcmp (data, FORMAT_TAG, 4) != 0)
    goto invalid;
  memcpy (&numbers, data, sizeof numbers);
  data += sizeof numbers;

  self = g_object_new (SP_TYPE_EPISODE_SUMMARY, NULL);
  get_texts (self, texts);
  for (guint i = 0; i < N_TEXTS; i++)
    {
      guint32 length;

      if ((gsize) (end - data) < sizeof length)
        goto invalid;
      memcpy (&length, data, sizeof length);
      length = GUINT32_FROM_LE (length);
      data += sizeof length;
      if (length == NO_TEXT)
        continue;
      if ((gsize) (end - data) < length)
        goto invalid;
      *texts[i] = g_strndup ((const char *) data, length);
      data += length;
    }

  julian = GUINT32_FROM_LE (numbers.julian);
  flags = GUINT32_FROM_LE (numbers.flags);
  self->revision = GINT64_FROM_LE (numbers.revision);
  self->state = GINT32_FROM_LE (numbers.state);
  self->track = GINT32_FROM_LE (numbers.track);
  self->clock = GINT32_FROM_LE (numbers.clock);
  self->unacknowledged = GUINT32_FROM_LE (numbers.unacknowledged);
  self->next_deadline_overdue = (flags & FLAG_NEXT_DEADLINE_OVERDUE) != 0;
  self->overdue = (flags & FLAG_OVERDUE) != 0;
  self->notice_open = (flags & FLAG_NOTICE_OPEN) != 0;
  self->restricted = (flags & FLAG_RESTRICTED) != 0;
  self->has_track = (flags & FLAG_HAS_TRACK) != 0;
  self->admitted = from_unix_usec (GINT64_FROM_LE (numbers.admitted));
  self->ready = from_unix_usec (GINT64_FROM_LE (numbers.ready));
  self->next_deadline = from_unix_usec (GINT64_FROM_LE (numbers.next_deadline));

  if (data != end || self->id == NULL || *self->id == '\0' || self->ward_id == NULL ||
      self->admitted == NULL || !valid_enum (SP_TYPE_EPISODE_STATE, self->state) ||
      !valid_enum (SP_TYPE_TRACK, self->track) ||
      (self->clock != -1 && !valid_enum (SP_TYPE_CLOCK, self->clock)) ||
      (julian != 0 && !g_date_valid_julian (julian)))
    goto invalid;

  if (julian != 0)
    g_date_set_julian (&self->estimated_discharge, julian);
  if (self->clock >= 0)
    self->next_deadline_label = sp_clock_get_label (self->clock);
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

static void
update_string (SpEpisodeSummary *self,
               char            **field,
               const char       *value,
               guint             prop_id)
{
  if (sp_set_str (field, value))
    notify (self, prop_id);
}

static void
update_date_time (SpEpisodeSummary *self,
                  GDateTime       **field,
                  GDateTime        *value,
                  guint             prop_id)
{
  if (sp_date_time_equal0 (*field, value))
    return;

  g_clear_pointer (field, g_date_time_unref);
  *field = value != NULL ? g_date_time_ref (value) : NULL;
  notify (self, prop_id);
}

static void
update_int (SpEpisodeSummary *self,
            int              *field,
            int               value,
            guint             prop_id)
{
  if (*field == value)
    return;

  *field = value;
  notify (self, prop_id);
}

static void
update_static_string (SpEpisodeSummary  *self,
                      const char       **field,
                      const char        *value,
                      guint              prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  *field = value;
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
  gboolean ward_changed;

  g_return_if_fail (SP_IS_EPISODE_SUMMARY (self));
  g_return_if_fail (SP_IS_EPISODE_SUMMARY (other));
  g_return_if_fail (g_str_equal (self->id, other->id));

  g_object_freeze_notify (G_OBJECT (self));

  if (self->revision != other->revision)
    {
      self->revision = other->revision;
      notify (self, PROP_REVISION);
    }
  if (g_strcmp0 (self->patient_name, other->patient_name) != 0)
    {
      g_clear_pointer (&self->sort_keys[SP_EPISODE_SUMMARY_KEY_PATIENT], g_free);
      g_clear_pointer (&self->folded_name, g_free);
      update_string (self, &self->patient_name, other->patient_name, PROP_PATIENT_NAME);
    }
  update_string (self, &self->identity, other->identity, PROP_IDENTITY);
  sp_set_str (&self->identity_digits, other->identity_digits);
  ward_changed = g_strcmp0 (self->ward_id, other->ward_id) != 0;
  update_string (self, &self->ward_id, other->ward_id, PROP_WARD_ID);
  if (ward_changed)
    sp_episode_summary_set_ward_name (self, other->ward_name);
  update_date_time (self, &self->admitted, other->admitted, PROP_ADMITTED);
  update_date_time (self, &self->ready, other->ready, PROP_READY);
  if (g_date_valid (&self->estimated_discharge) != g_date_valid (&other->estimated_discharge) ||
      (g_date_valid (&self->estimated_discharge) &&
       g_date_compare (&self->estimated_discharge, &other->estimated_discharge) != 0))
    {
      self->estimated_discharge = other->estimated_discharge;
      notify (self, PROP_ESTIMATED_DISCHARGE);
    }
  update_int (self, (int *) &self->state, other->state, PROP_STATE);
  update_string (self, &self->state_text, other->state_text, PROP_STATE_TEXT);
  update_int (self, &self->days_after_ready, other->days_after_ready, PROP_DAYS_AFTER_READY);
  update_int (self, &self->has_track, other->has_track, PROP_HAS_TRACK);
  update_int (self, (int *) &self->track, other->track, PROP_TRACK);
  if (g_strcmp0 (self->care_contact, other->care_contact) != 0)
    {
      g_clear_pointer (&self->sort_keys[SP_EPISODE_SUMMARY_KEY_CARE_CONTACT], g_free);
      update_string (self, &self->care_contact, other->care_contact, PROP_CARE_CONTACT);
    }
  update_string (self, &self->care_contact_phone, other->care_contact_phone,
                 PROP_CARE_CONTACT_PHONE);
  update_static_string (self, &self->sip_text, other->sip_text, PROP_SIP_TEXT);
  update_date_time (self, &self->next_deadline, other->next_deadline, PROP_NEXT_DEADLINE);
  self->next_deadline_usec = other->next_deadline_usec;
  update_static_string (self, &self->next_deadline_label, other->next_deadline_label,
                        PROP_NEXT_DEADLINE_LABEL);
  update_int (self, &self->next_deadline_overdue, other->next_deadline_overdue,
              PROP_NEXT_DEADLINE_OVERDUE);
  update_int (self, &self->overdue, other->overdue, PROP_OVERDUE);
  update_int (self, (int *) &self->unacknowledged, other->unacknowledged, PROP_UNACKNOWLEDGED);
  self->clock = other->clock;
  self->notice_open = other->notice_open;
  update_int (self, &self->restricted, other->restricted, PROP_RESTRICTED);
  update_string (self, &self->restricted_reason, other->restricted_reason,
                 PROP_RESTRICTED_REASON);

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
sp_episode_summary_get_id (SpEpisodeSummary *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);

  return self->id;
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

  return self->patient_name;
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

  return self->identity;
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

  if (sp_set_str (&self->ward_name, ward_name))
    {
      g_clear_pointer (&self->sort_keys[SP_EPISODE_SUMMARY_KEY_WARD], g_free);
      notify (self, PROP_WARD_NAME);
    }
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

  return self->admitted;
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

  return self->ready;
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

  return self->next_deadline;
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

  return self->next_deadline_label;
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
 * text changes: sorting compares keys with strcmp() instead of collating every time.
 *
 * Returns: (nullable): the key, or %NULL when the text is empty or withheld
 */
const char *
sp_episode_summary_get_sort_key (SpEpisodeSummary    *self,
                                 SpEpisodeSummaryKey  key)
{
  const char *text;

  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), NULL);
  g_return_val_if_fail (key < SP_EPISODE_SUMMARY_N_KEYS, NULL);

  text = get_key_text (self, key);
  if (self->sort_keys[key] == NULL && text != NULL && *text != '\0')
    self->sort_keys[key] = swedish_collate_key (text);

  return self->sort_keys[key];
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
  g_return_val_if_fail (SP_IS_EPISODE_SUMMARY (self), FALSE);
  g_return_val_if_fail (needle != NULL, FALSE);

  if (identity)
    return self->identity_digits != NULL && strstr (self->identity_digits, needle) != NULL;

  if (self->patient_name == NULL)
    return FALSE;

  if (self->folded_name == NULL)
    fold_name (self);

  return strstr (self->folded_name, needle) != NULL;
}
