/* sp-inbox-item.c — one entry of Inkorgen: a message or a notice to acknowledge
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /api/v1/inbox lists two shapes: a message as the messages endpoints render it
 * ("type":"message", its "kind"), and an admission or ready notice of an episode (whose id
 * is the episode's). Both carry the patient as the caller may see them, the sending unit and
 * when it was sent. The item keeps what the list shows and what acknowledging needs.
 */

#define G_LOG_DOMAIN "sp-inbox-item"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-identity.h"
#include "sp-inbox-item.h"
#include "sp-json.h"
#include "sp-patient.h"

#define MAX_ID 128

struct _SpInboxItem
{
  GObject    parent_instance;

  char      *key;           /* "<type>:<id>": a notice's id is its episode's */
  char      *id;
  char      *episode_id;    /* nullable: a message outside an episode */
  const char *notice;       /* "admission", "ready" or NULL for a message */
  const char *kind_label;
  char      *text;          /* nullable: a notice, or withheld */
  char      *patient_name;  /* nullable: withheld, or no patient */
  char      *identity;      /* nullable */
  char      *from_unit_id;
  GDateTime *sent_at;
};

G_DEFINE_FINAL_TYPE (SpInboxItem, sp_inbox_item, G_TYPE_OBJECT)

static void
sp_inbox_item_finalize (GObject *object)
{
  SpInboxItem *self = SP_INBOX_ITEM (object);

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->episode_id, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->patient_name, g_free);
  g_clear_pointer (&self->identity, g_free);
  g_clear_pointer (&self->from_unit_id, g_free);
  g_clear_pointer (&self->sent_at, g_date_time_unref);

  G_OBJECT_CLASS (sp_inbox_item_parent_class)->finalize (object);
}

static void
sp_inbox_item_class_init (SpInboxItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sp_inbox_item_finalize;
}

static void
sp_inbox_item_init (SpInboxItem *self)
{
}

/* DOMAIN §2's names of what arrives in the inbox. */
static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "admission_notice") == 0)
    return _("Admission Notice");
  if (g_strcmp0 (kind, "ready_notice") == 0)
    return _("Ready for Discharge");
  if (g_strcmp0 (kind, "general_message") == 0)
    return _("General Message");
  if (g_strcmp0 (kind, "admin_message") == 0)
    return _("Administrative Message");
  if (g_strcmp0 (kind, "outside_message") == 0)
    return _("Message Outside the Episode");
  if (g_strcmp0 (kind, "care_request") == 0)
    return _("Care Request");

  return _("Message");
}

/* The patient as the caller may see them: members withheld without consent are left out. */
static gboolean
read_patient (SpInboxItem  *self,
              JsonObject   *object,
              GError      **error)
{
  g_autofree char *given_name = NULL;
  g_autofree char *family_name = NULL;
  JsonObject *patient = sp_json_get_object (object, "patient", FALSE, error);
  JsonNode *identity_node;

  if (patient == NULL)
    return error == NULL || *error == NULL;

  if (!sp_json_get_string (patient, "given_name", FALSE, SP_PATIENT_MAX_NAME, &given_name,
                           error) ||
      !sp_json_get_string (patient, "family_name", FALSE, SP_PATIENT_MAX_NAME, &family_name,
                           error))
    {
      g_prefix_error (error, "patient.");
      return FALSE;
    }
  if (given_name != NULL || family_name != NULL)
    self->patient_name = g_strjoin (" ", given_name != NULL ? given_name : family_name,
                                    given_name != NULL ? family_name : NULL, NULL);

  identity_node = json_object_get_member (patient, "identity");
  if (identity_node != NULL && !JSON_NODE_HOLDS_NULL (identity_node))
    {
      g_autoptr(SpIdentity) identity = sp_identity_new_from_json (identity_node, error);

      if (identity == NULL)
        {
          g_prefix_error (error, "patient.identity.");
          return FALSE;
        }
      self->identity = sp_identity_format (identity);
    }

  return TRUE;
}

/**
 * sp_inbox_item_new_from_json:
 * @node: one item of GET /api/v1/inbox
 *
 * Returns: (transfer full) (nullable): the item, or %NULL with @error naming the member
 */
SpInboxItem *
sp_inbox_item_new_from_json (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(SpInboxItem) self = g_object_new (SP_TYPE_INBOX_ITEM, NULL);
  g_autofree char *type = NULL;
  g_autofree char *kind = NULL;
  JsonObject *object = sp_json_node_get_object (node, "$", error);

  if (object == NULL ||
      !sp_json_get_string (object, "type", TRUE, MAX_ID, &type, error) ||
      !sp_json_get_string (object, "id", TRUE, MAX_ID, &self->id, error) ||
      !sp_json_get_string (object, "episode_id", FALSE, MAX_ID, &self->episode_id, error) ||
      !sp_json_get_string (object, "from_unit_id", TRUE, MAX_ID, &self->from_unit_id, error) ||
      !sp_json_get_datetime (object, "sent_at", TRUE, &self->sent_at, error) ||
      !read_patient (self, object, error))
    return NULL;

  if (g_str_equal (type, "admission_notice"))
    self->notice = "admission";
  else if (g_str_equal (type, "ready_notice"))
    self->notice = "ready";

  if (self->notice == NULL &&
      (!sp_json_get_string (object, "kind", TRUE, MAX_ID, &kind, error) ||
       !sp_json_get_string (object, "text", FALSE, SP_JSON_MAX_TEXT, &self->text, error)))
    return NULL;

  self->kind_label = kind_label (kind != NULL ? kind : type);
  self->key = g_strconcat (type, ":", self->id, NULL);

  return g_steal_pointer (&self);
}

/* Unique in one inbox: a notice shares its id with its episode. */
const char *
sp_inbox_item_get_key (SpInboxItem *self)
{
  g_return_val_if_fail (SP_IS_INBOX_ITEM (self), NULL);

  return self->key;
}

/* The message's id, or a notice's episode id. */
const char *
sp_inbox_item_get_id (SpInboxItem *self)
{
  g_return_val_if_fail (SP_IS_INBOX_ITEM (self), NULL);

  return self->id;
}

/* (nullable): none for a message outside an episode. */
const char *
sp_inbox_item_get_episode_id (SpInboxItem *self)
{
  g_return_val_if_fail (SP_IS_INBOX_ITEM (self), NULL);

  return self->episode_id;
}

/**
 * sp_inbox_item_get_notice:
 *
 * Returns: (nullable): "admission" or "ready" (the "notice" of the acknowledgements
 *   endpoint) for a notice, %NULL for a message
 */
const char *
sp_inbox_item_get_notice (SpInboxItem *self)
{
  g_return_val_if_fail (SP_IS_INBOX_ITEM (self), NULL);

  return self->notice;
}

/* The kind in words ("Inskrivningsmeddelande", "Generellt meddelande"). */
const char *
sp_inbox_item_get_kind_label (SpInboxItem *self)
{
  g_return_val_if_fail (SP_IS_INBOX_ITEM (self), NULL);

  return self->kind_label;
}

/* (nullable): a message's text; none for a notice or when withheld. */
const char *
sp_inbox_item_get_text (SpInboxItem *self)
{
  g_return_val_if_fail (SP_IS_INBOX_ITEM (self), NULL);

  return self->text;
}

const char *
sp_inbox_item_get_patient_name (SpInboxItem *self)
{
  g_return_val_if_fail (SP_IS_INBOX_ITEM (self), NULL);

  return self->patient_name;
}

/* (nullable): "YYYYMMDD-NNNN", or a reservnummer as issued. */
const char *
sp_inbox_item_get_identity (SpInboxItem *self)
{
  g_return_val_if_fail (SP_IS_INBOX_ITEM (self), NULL);

  return self->identity;
}

const char *
sp_inbox_item_get_from_unit_id (SpInboxItem *self)
{
  g_return_val_if_fail (SP_IS_INBOX_ITEM (self), NULL);

  return self->from_unit_id;
}

GDateTime *
sp_inbox_item_get_sent_at (SpInboxItem *self)
{
  g_return_val_if_fail (SP_IS_INBOX_ITEM (self), NULL);

  return self->sent_at;
}

/**
 * sp_inbox_format_age:
 * @sent_at: when it was sent
 * @now: the app's clock (sp_account_dup_now())
 *
 * How long a message has waited, as the inbox says it: "för 2 tim sedan". Whole units,
 * rounded down, so that "1 tim" never means 59 minutes.
 *
 * Returns: (transfer full): the text
 */
char *
sp_inbox_format_age (GDateTime *sent_at,
                     GDateTime *now)
{
  GTimeSpan age;
  gint64 n;

  g_return_val_if_fail (sent_at != NULL && now != NULL, NULL);

  /* A sender's clock a little ahead of ours is still "just now". */
  age = MAX (g_date_time_difference (now, sent_at), 0);
  if (age < G_TIME_SPAN_MINUTE)
    return g_strdup (_("just now"));

  if (age < G_TIME_SPAN_HOUR)
    {
      n = age / G_TIME_SPAN_MINUTE;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min ago", "%d min ago", n),
                              (int) n);
    }

  if (age < G_TIME_SPAN_DAY)
    {
      n = age / G_TIME_SPAN_HOUR;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", n),
                              (int) n);
    }

  n = age / G_TIME_SPAN_DAY;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", n),
                          (int) n);
}
