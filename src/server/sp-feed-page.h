/* sp-feed-page.h — one response of the changes feed: its text, and what it has looked up
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sp-request.h"
#include "sp-server.h"
#include "sp-store.h"

G_BEGIN_DECLS

typedef struct _SpFeedPage SpFeedPage;

/* An episode as the feed needs it: its current row and whether it names the caller's unit. */
typedef struct
{
  SpRecord  *record;      /* NULL: no live episode of that id */
  gboolean   named;       /* sp_api_record_names_unit() */
  char      *patient_id;  /* read when first asked */
  gboolean   patient_read;
  SpEpisode *parsed;      /* sp_feed_page_episode_parsed() */
  gboolean   parsed_read;
} SpFeedEpisode;

struct _SpFeedPage
{
  SpServer   *server;
  SpRequest  *request;
  SpStore    *store;
  const char *unit_id;
  GString    *text;       /* {"items":[ and the items so far */
  guint       n_items;
  GHashTable *patients;   /* ids of the patients whose data the page returns: audited */
  GHashTable *positions;  /* patient id → Position (sp-feed-page.c) */
  GHashTable *episodes;   /* episode id → SpFeedEpisode */
};

void           sp_feed_page_init           (SpFeedPage   *self,
                                            SpServer     *server,
                                            SpRequest    *request);
void           sp_feed_page_clear          (SpFeedPage   *self);
void           sp_feed_page_add_item       (SpFeedPage   *self,
                                            SpRecord     *record,
                                            JsonNode     *rendered);
void           sp_feed_page_add_tombstone  (SpFeedPage   *self,
                                            SpRecord     *record);
char          *sp_feed_page_finish         (SpFeedPage   *self,
                                            gint64        next,
                                            gboolean      more);
void           sp_feed_page_forget         (SpFeedPage   *self);
gboolean       sp_feed_page_get_patient    (SpFeedPage   *self,
                                            const char   *patient_id,
                                            gint64       *out_position,
                                            SpRecord    **out_record,
                                            GError      **error);
gboolean       sp_feed_page_takes_part     (SpFeedPage   *self,
                                            const char   *patient_id);
SpEpisode     *sp_feed_page_parse_episode  (SpFeedPage   *self,
                                            SpRecord     *record);
SpFeedEpisode *sp_feed_page_note_episode   (SpFeedPage   *self,
                                            SpRecord     *record);
SpEpisode     *sp_feed_page_episode_parsed (SpFeedPage    *self,
                                            SpFeedEpisode *episode);
SpFeedEpisode *sp_feed_page_get_episode    (SpFeedPage   *self,
                                            const char   *episode_id,
                                            GError      **error);

G_END_DECLS
