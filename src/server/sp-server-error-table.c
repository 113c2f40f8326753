/* sp-server-error-table.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per way a request can fail. The messages are what a nurse reads in the app: say
 * what happened and what to do, in Swedish, without internals.
 */

#define G_LOG_DOMAIN "sp-server-error"

#include "config.h"

#include "sp-auth.h"
#include "sp-consent.h"
#include "sp-episode.h"
#include "sp-identity.h"
#include "sp-json.h"
#include "sp-message.h"
#include "sp-patient.h"
#include "sp-planning.h"
#include "sp-sip-error.h"
#include "sp-server-error.h"
#include "sp-server-error-table.h"
#include "sp-store.h"

static const SpErrorMapping mappings[] = {
  /* HTTP and sign-in */
  { sp_server_error_quark, SP_SERVER_ERROR_UNAUTHORIZED, 401, "unauthorized",
    "Du är inte inloggad. Logga in igen." },
  { sp_server_error_quark, SP_SERVER_ERROR_TOKEN_EXPIRED, 401, "token_expired",
    "Din inloggning har gått ut. Logga in igen." },
  { sp_server_error_quark, SP_SERVER_ERROR_BAD_CREDENTIALS, 401, "bad_credentials",
    "Fel användarnamn eller lösenord." },
  { sp_server_error_quark, SP_SERVER_ERROR_RATE_LIMITED, 429, "rate_limited",
    "För många misslyckade inloggningar. Vänta en stund och försök igen." },
  { sp_server_error_quark, SP_SERVER_ERROR_FORBIDDEN, 403, "forbidden",
    "Du har inte behörighet att göra detta." },
  { sp_server_error_quark, SP_SERVER_ERROR_NOT_FOUND, 404, "not_found",
    "Det du söker finns inte, eller så har du inte behörighet att se det." },
  { sp_server_error_quark, SP_SERVER_ERROR_METHOD_NOT_ALLOWED, 405, "method_not_allowed",
    "Åtgärden stöds inte här." },
  { sp_server_error_quark, SP_SERVER_ERROR_PAYLOAD_TOO_LARGE, 413, "payload_too_large",
    "Uppgifterna är för stora för att skickas." },
  { sp_server_error_quark, SP_SERVER_ERROR_UNSUPPORTED_MEDIA, 415, "unsupported_media_type",
    "Servern förstår bara JSON." },
  { sp_server_error_quark, SP_SERVER_ERROR_IDEMPOTENCY_REQUIRED, 400, "idempotency_key_required",
    "Ändringen saknar en unik nyckel och sparades inte." },
  { sp_server_error_quark, SP_SERVER_ERROR_IDEMPOTENCY_REUSED, 422, "idempotency_key_reused",
    "Ändringens nyckel har redan använts för en annan ändring." },
  { sp_server_error_quark, SP_SERVER_ERROR_BAD_REQUEST, 400, "bad_request",
    "Förfrågan är felaktig." },
  { sp_server_error_quark, SP_SERVER_ERROR_INTERNAL, 500, "internal",
    "Ett oväntat fel inträffade på servern. Försök igen om en stund." },

  /* Input */
  { sp_json_error_quark, SP_JSON_ERROR_SYNTAX, 400, "syntax",
    "Uppgifterna kunde inte läsas (ogiltig JSON)." },
  { sp_json_error_quark, SP_JSON_ERROR_MISSING, 422, "missing",
    "En obligatorisk uppgift saknas." },
  { sp_json_error_quark, SP_JSON_ERROR_TYPE, 422, "type",
    "En uppgift har fel format." },
  { sp_json_error_quark, SP_JSON_ERROR_INVALID, 422, "invalid",
    "En uppgift har ett ogiltigt värde." },
  { sp_json_error_quark, SP_JSON_ERROR_TOO_LONG, 422, "too_long",
    "En text är för lång." },
  { sp_json_error_quark, SP_JSON_ERROR_VERSION, 422, "version",
    "Uppgifterna kommer från en nyare version av Samplan. Uppdatera appen." },

  /* Identity numbers */
  { sp_identity_error_quark, SP_IDENTITY_ERROR_EMPTY, 422, "identity_empty",
    "Ange personnummer eller samordningsnummer." },
  { sp_identity_error_quark, SP_IDENTITY_ERROR_CHARACTERS, 422, "identity_characters",
    "Personnumret får bara innehålla siffror och bindestreck eller plustecken." },
  { sp_identity_error_quark, SP_IDENTITY_ERROR_LENGTH, 422, "identity_length",
    "Personnumret ska ha 10 eller 12 siffror." },
  { sp_identity_error_quark, SP_IDENTITY_ERROR_SEPARATOR, 422, "identity_separator",
    "Bindestreck eller plustecken står på fel plats i personnumret." },
  { sp_identity_error_quark, SP_IDENTITY_ERROR_DATE, 422, "identity_date",
    "Personnumret innehåller ett datum som inte finns." },
  { sp_identity_error_quark, SP_IDENTITY_ERROR_FUTURE, 422, "identity_future",
    "Personnumret anger ett födelsedatum i framtiden." },
  { sp_identity_error_quark, SP_IDENTITY_ERROR_CHECKSUM, 422, "identity_checksum",
    "Kontrollsiffran stämmer inte. Kontrollera personnumret." },
  { sp_identity_error_quark, SP_IDENTITY_ERROR_RESERVE, 422, "identity_reserve",
    "Reservnumret har fel format." },

  /* Patients */
  { sp_patient_error_quark, SP_PATIENT_ERROR_PROTECTED_IDENTITY, 422, "protected_identity",
    "Personen har skyddad identitet och kan inte registreras i Samplan. Samordna per telefon." },
  { sp_patient_error_quark, SP_PATIENT_ERROR_ASYLUM_SEEKER, 422, "asylum_seeker",
    "Asylsökande med R-nummer kan inte registreras i Samplan. Samordna per telefon." },
  { sp_patient_error_quark, SP_PATIENT_ERROR_MISSING_IDENTITY, 422, "missing_identity",
    "Ange personnummer, samordningsnummer eller reservnummer." },
  { sp_patient_error_quark, SP_PATIENT_ERROR_MISSING_NAME, 422, "missing_name",
    "Ange förnamn och efternamn." },

  /* Episodes. NOT_ADDRESSED is a 404: a unit outside the episode must not learn it exists. */
  { sp_episode_error_quark, SP_EPISODE_ERROR_NOT_ADDRESSED, 404, "not_found",
    "Det du söker finns inte, eller så har du inte behörighet att se det." },
  { sp_episode_error_quark, SP_EPISODE_ERROR_NOT_PERMITTED, 403, "not_permitted",
    "Din enhet kan inte göra detta i vårdtillfället." },
  { sp_episode_error_quark, SP_EPISODE_ERROR_WRONG_STATE, 409, "wrong_state",
    "Vårdtillfället är inte i ett läge där detta går. Uppdatera och försök igen." },
  { sp_episode_error_quark, SP_EPISODE_ERROR_ALREADY_DONE, 409, "already_done",
    "Det är redan gjort." },
  { sp_episode_error_quark, SP_EPISODE_ERROR_INVALID, 422, "invalid",
    "En uppgift har ett ogiltigt värde." },

  /* Consent */
  { sp_consent_error_quark, SP_CONSENT_ERROR_INVALID, 422, "invalid_consent",
    "Samtycket saknar uppgifter: vem som gav det, hur och vem som dokumenterade." },
  { sp_consent_error_quark, SP_CONSENT_ERROR_ALREADY_WITHDRAWN, 409, "already_withdrawn",
    "Samtycket är redan återkallat." },

  /* Planning basis */
  { sp_planning_error_quark, SP_PLANNING_ERROR_NOT_ANSWERABLE, 403, "not_answerable",
    "Din enhet besvarar inte den frågan i planeringsunderlaget." },
  { sp_planning_error_quark, SP_PLANNING_ERROR_UNSIGNED, 422, "unsigned",
    "Ange namn och yrkestitel för den som dokumenterar." },
  { sp_planning_error_quark, SP_PLANNING_ERROR_TOO_LONG, 422, "too_long",
    "En text är för lång." },
  { sp_planning_error_quark, SP_PLANNING_ERROR_WRONG_EPISODE, 422, "wrong_episode",
    "Svaret hör till ett annat vårdtillfälle." },
  { sp_planning_error_quark, SP_PLANNING_ERROR_UNIT_KIND_CHANGED, 409, "unit_kind_changed",
    "Enhetens typ har ändrats sedan förra svaret." },
  { sp_planning_error_quark, SP_PLANNING_ERROR_NO_REASON, 422, "no_reason",
    "Ange skälet till att spårfärgen ändras manuellt." },

  /* SIP */
  { sp_sip_error_quark, SP_SIP_ERROR_MISSING_FIELD, 422, "missing_field",
    "En obligatorisk uppgift i SIP:en saknas." },
  { sp_sip_error_quark, SP_SIP_ERROR_CONSENT_REQUIRED, 422, "consent_required",
    "Patientens samtycke till SIP behövs innan kallelsen skickas." },
  { sp_sip_error_quark, SP_SIP_ERROR_NOT_INVITED_YET, 409, "not_invited_yet",
    "Kartläggningen kan göras först när kallelsen är skickad." },
  { sp_sip_error_quark, SP_SIP_ERROR_LOCKED, 409, "locked",
    "Den här versionen av SIP:en är upprättad och låst. Starta en revidering för att ändra." },
  { sp_sip_error_quark, SP_SIP_ERROR_CLOSED, 409, "closed",
    "SIP:en är avslutad och kan inte ändras." },
  { sp_sip_error_quark, SP_SIP_ERROR_NOT_SIGNED, 409, "not_signed",
    "Alla deltagare har inte skrivit under. SIP:en kan upprättas när alla har gjort det." },
  { sp_sip_error_quark, SP_SIP_ERROR_DANGLING_REFERENCE, 422, "dangling_reference",
    "En insats hänvisar till ett delmål som inte finns." },
  { sp_sip_error_quark, SP_SIP_ERROR_HAS_CHILDREN, 409, "has_children",
    "Delmålet har insatser. Flytta eller ta bort dem först." },
  { sp_sip_error_quark, SP_SIP_ERROR_ONE_ACTIVE, 409, "one_active",
    "Personen har redan en aktiv SIP. Avsluta den eller arbeta vidare i den." },
  { sp_sip_error_quark, SP_SIP_ERROR_INVALID, 422, "invalid",
    "En uppgift i SIP:en har ett ogiltigt värde." },

  /* Storage */
  { sp_store_error_quark, SP_STORE_ERROR_NOT_FOUND, 404, "not_found",
    "Det du söker finns inte, eller så har du inte behörighet att se det." },
  { sp_store_error_quark, SP_STORE_ERROR_CONFLICT, 409, "conflict",
    "Någon annan har ändrat detta under tiden. Se den senaste versionen och försök igen." },
  { sp_store_error_quark, SP_STORE_ERROR_EXISTS, 409, "exists",
    "Det finns redan." },
  { sp_store_error_quark, SP_STORE_ERROR_INVALID, 422, "invalid",
    "En uppgift har ett ogiltigt värde." },

  /* Passwords */
  { sp_auth_error_quark, SP_AUTH_ERROR_WEAK_PASSWORD, 422, "weak_password",
    "Lösenordet måste ha minst 10 tecken." },

  /* Messages (sp-message.h; added by the messages group) */
  { sp_message_error_quark, SP_MESSAGE_ERROR_CONSENT_REQUIRED, 422, "consent_required",
    "Patientens samtycke till informationsutbyte måste vara dokumenterat innan ett "
    "meddelande utanför vårdtillfället kan skickas." },
  { sp_message_error_quark, SP_MESSAGE_ERROR_NOT_IN_REGION, 422, "not_in_region",
    "Vårdbegäran används inte i den här regionen." },
  { sp_message_error_quark, SP_MESSAGE_ERROR_NOT_PERMITTED, 403, "not_permitted",
    "Din enhet kan inte göra detta med meddelandet." },
  { sp_message_error_quark, SP_MESSAGE_ERROR_NOT_SENT, 409, "not_sent",
    "Meddelandet är sparat men inte skickat. Det kan kvitteras när det har skickats." },
  { sp_message_error_quark, SP_MESSAGE_ERROR_ALREADY_DONE, 409, "already_done",
    "Det är redan gjort." },
};

const SpErrorMapping *
sp_server_error_lookup (const GError *error)
{
  for (guint i = 0; i < G_N_ELEMENTS (mappings); i++)
    if (error->domain == mappings[i].domain () && error->code == mappings[i].code)
      return &mappings[i];

  return NULL;
}
