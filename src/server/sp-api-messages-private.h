/* sp-api-messages-private.h — what the message route group's files share
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sp-api-messages.c: the route table, visibility and rendering, saving, sending and
 * acknowledging, one message, the thread and the inbox. sp-api-messages-create.c: what each
 * kind of new message reads, and the two create handlers.
 */

#pragma once

#include "sp-api-common.h"
#include "sp-message.h"

G_BEGIN_DECLS

/* Records read for one thread, one inbox or one patient's episodes. */
#define MAX_LISTED 10000

/* In sp-api-messages.c */
GPtrArray *sp_api_messages_other_parties      (SpEpisode  *episode,
                                               const char *unit_id);
void       sp_api_messages_save_and_respond   (SpServer   *server,
                                               SpRequest  *request,
                                               SpMessage  *message,
                                               SpEpisode  *episode,
                                               gint64      base_revision,
                                               const char *action,
                                               GDateTime  *now);

/* In sp-api-messages-create.c */
void       sp_api_messages_create_in_episode  (gpointer    server,
                                               SpRequest  *request);
void       sp_api_messages_create_outside     (gpointer    server,
                                               SpRequest  *request);

G_END_DECLS
