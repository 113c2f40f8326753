/* sp-message.h — one message between units, inside an episode or outside one (DOMAIN §2, §5)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A server record ("message" in the store), not a core one: only the server creates and
 * changes messages; the app shows what the API renders.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The wire names are sp_message_kind_to_nick()'s; never rename one. */
typedef enum
{
  SP_MESSAGE_KIND_GENERAL,         /* general_message: to all addressed units, or to one */
  SP_MESSAGE_KIND_ADMIN,           /* admin_message: administrative, no medical information */
  SP_MESSAGE_KIND_CARE_REQUEST,    /* care_request: vårdbegäran to a ward (VGR) */
  SP_MESSAGE_KIND_OUTSIDE,         /* outside_message: to any unit, needs consent */
  SP_MESSAGE_KIND_DEVIATION_DRAFT, /* deviation_draft: an avvikelse drafted from an episode */
} SpMessageKind;

#define SP_MESSAGE_ERROR (sp_message_error_quark ())

/* Messages start with the offending member's path, like sp-json's readers. */
typedef enum
{
  SP_MESSAGE_ERROR_CONSENT_REQUIRED, /* outside_message without consent recorded */
  SP_MESSAGE_ERROR_NOT_IN_REGION,    /* care_request outside the VGR profile */
  SP_MESSAGE_ERROR_NOT_PERMITTED,    /* not this unit: not the sender, not a recipient … */
  SP_MESSAGE_ERROR_NOT_SENT,         /* acknowledging a message that is only saved */
  SP_MESSAGE_ERROR_ALREADY_DONE,     /* sending or acknowledging twice */
} SpMessageError;

/* To every party of the episode except the sender. */
#define SP_MESSAGE_TO_ALL "all"

typedef struct
{
  char      *unit_id;
  GDateTime *at;
  char      *by;      /* the user's name */
} SpMessageAck;

/**
 * SpMessage:
 * @to: (nullable): %SP_MESSAGE_TO_ALL or one unit id; %NULL for a deviation draft, which
 *   stays with the unit that drafted it
 * @recipients: (element-type utf8): the units that are notified and acknowledge; for "all",
 *   the episode's parties when it was saved, and again when it was sent
 * @details: (nullable): the kind's own content (care request fields, deviation, consent …)
 * @sent_at: (nullable): %NULL while the message is only saved (Spara)
 * @acks: (element-type SpMessageAck): one per recipient that has acknowledged
 *
 * A plain record with owned fields; sp_message_send() and sp_message_acknowledge() are the
 * only changes after it is stored.
 */
typedef struct
{
  char          *id;
  SpMessageKind  kind;
  char          *episode_id;
  char          *patient_id;
  char          *from_unit_id;
  char          *author_name;
  char          *author_title;
  GDateTime     *created_at;
  char          *to;
  GPtrArray     *recipients;
  char          *text;
  JsonNode      *details;
  GDateTime     *sent_at;
  GPtrArray     *acks;
} SpMessage;

GQuark              sp_message_error_quark   (void);
const char         *sp_message_kind_to_nick  (SpMessageKind   kind);
gboolean            sp_message_kind_from_nick (const char     *nick,
                                              SpMessageKind  *out_kind);

SpMessage          *sp_message_new           (const char     *id,
                                              SpMessageKind   kind,
                                              const char     *from_unit_id,
                                              GDateTime      *created_at);
void                sp_message_free          (SpMessage      *self);
void                sp_message_set_recipients (SpMessage     *self,
                                              GPtrArray      *unit_ids);
gboolean            sp_message_is_recipient  (SpMessage      *self,
                                              const char     *unit_id);
const SpMessageAck *sp_message_find_ack      (SpMessage      *self,
                                              const char     *unit_id);
gboolean            sp_message_send          (SpMessage      *self,
                                              const char     *unit_id,
                                              GDateTime      *at,
                                              GError        **error);
gboolean            sp_message_acknowledge   (SpMessage      *self,
                                              const char     *unit_id,
                                              const char     *by,
                                              GDateTime      *at,
                                              GError        **error);
GStrv               sp_message_get_terms     (SpMessage      *self);

JsonNode           *sp_message_to_json       (SpMessage      *self);
SpMessage          *sp_message_new_from_json (JsonNode       *node,
                                              GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpMessage, sp_message_free)

G_END_DECLS
