/* sp-inbox-item.h — one entry of Inkorgen: a message or a notice to acknowledge
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SP_TYPE_INBOX_ITEM (sp_inbox_item_get_type ())

G_DECLARE_FINAL_TYPE (SpInboxItem, sp_inbox_item, SP, INBOX_ITEM, GObject)

SpInboxItem *sp_inbox_item_new_from_json   (JsonNode     *node,
                                            GError      **error);

const char  *sp_inbox_item_get_key         (SpInboxItem  *self);
const char  *sp_inbox_item_get_id          (SpInboxItem  *self);
const char  *sp_inbox_item_get_episode_id  (SpInboxItem  *self);
const char  *sp_inbox_item_get_notice      (SpInboxItem  *self);
const char  *sp_inbox_item_get_kind_label  (SpInboxItem  *self);
const char  *sp_inbox_item_get_text        (SpInboxItem  *self);
const char  *sp_inbox_item_get_patient_name (SpInboxItem *self);
const char  *sp_inbox_item_get_identity    (SpInboxItem  *self);
const char  *sp_inbox_item_get_from_unit_id (SpInboxItem *self);
GDateTime   *sp_inbox_item_get_sent_at     (SpInboxItem  *self);

char        *sp_inbox_format_age           (GDateTime    *sent_at,
                                            GDateTime    *now);

G_END_DECLS
