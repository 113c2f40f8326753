/* sp-sip-error.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-sip"

#include "config.h"

#include "sp-sip-error.h"
#include "sp-sip-private.h"

G_DEFINE_QUARK (sp-sip-error-quark, sp_sip_error)

/**
 * sp_sip_error_get_user_message:
 * @code: a #SpSipError
 *
 * The Swedish sentence the client shows for a refusal; the English #GError message is for
 * logs only.
 *
 * Returns: (transfer none): a static string
 */
const char *
sp_sip_error_get_user_message (SpSipError code)
{
  switch (code)
    {
    case SP_SIP_ERROR_MISSING_FIELD:
      return "Uppgifter saknas. Fyll i de markerade fälten.";
    case SP_SIP_ERROR_CONSENT_REQUIRED:
      return "Patientens samtycke till SIP krävs. Dokumentera samtycket först.";
    case SP_SIP_ERROR_NOT_INVITED_YET:
      return "Kallelsen till SIP har inte skickats än. Skicka kallelsen först.";
    case SP_SIP_ERROR_LOCKED:
      return "Planen är upprättad och låst. Starta en revidering för att ändra den.";
    case SP_SIP_ERROR_CLOSED:
      return "SIP:en är avslutad och kan inte längre ändras.";
    case SP_SIP_ERROR_NOT_SIGNED:
      return "Alla deltagare har inte signerat planen. Den kan upprättas när alla har signerat.";
    case SP_SIP_ERROR_DANGLING_REFERENCE:
      return "Delmålet, insatsen eller deltagaren finns inte (längre) i planen.";
    case SP_SIP_ERROR_HAS_CHILDREN:
      return "Delmålet har insatser. Flytta eller ta bort insatserna först.";
    case SP_SIP_ERROR_ONE_ACTIVE:
      return "Personen har redan en aktiv SIP. Avsluta den eller arbeta vidare i den.";
    case SP_SIP_ERROR_INVALID:
    default:
      return "Uppgifterna är ogiltiga. Kontrollera och försök igen.";
    }
}

gboolean
sp_sip_has_text (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return TRUE;

  return FALSE;
}

/* Editing refuses what the strict readers would refuse later, so every plan the editor
 * builds can be stored and read back. */
gboolean
sp_sip_check_text (const char  *field,
                   const char  *value,
                   gboolean     required,
                   gsize        max_length,
                   GError     **error)
{
  if (required && !sp_sip_has_text (value))
    return sp_sip_refuse (error, SP_SIP_ERROR_MISSING_FIELD, field, "required");

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    return sp_sip_refuse (error, SP_SIP_ERROR_INVALID, field, "not valid UTF-8");

  if (value != NULL && g_utf8_strlen (value, -1) > (glong) max_length)
    {
      g_set_error (error, SP_SIP_ERROR, SP_SIP_ERROR_INVALID,
                   "%s: longer than %" G_GSIZE_FORMAT " characters", field, max_length);
      return FALSE;
    }

  return TRUE;
}

/* Sets @error to "field: reason" and returns %FALSE, for one-line refusals. */
gboolean
sp_sip_refuse (GError     **error,
               SpSipError   code,
               const char  *field,
               const char  *reason)
{
  g_set_error (error, SP_SIP_ERROR, code, "%s: %s", field, reason);
  return FALSE;
}

JsonObject *
sp_sip_json_array_get_object (JsonArray   *array,
                              const char  *member,
                              guint        index,
                              GError     **error)
{
  g_autofree char *path = g_strdup_printf ("%s[%u]", member, index);

  return sp_json_node_get_object (json_array_get_element (array, index), path, error);
}

gboolean
sp_sip_date_equal (const GDate *a,
                   const GDate *b)
{
  if (!g_date_valid (a) || !g_date_valid (b))
    return g_date_valid (a) == g_date_valid (b);

  return g_date_compare (a, b) == 0;
}

void
sp_sip_replace_datetime (GDateTime **slot,
                         GDateTime  *value)
{
  GDateTime *old = *slot;

  *slot = value != NULL ? g_date_time_ref (value) : NULL;
  g_clear_pointer (&old, g_date_time_unref);
}
