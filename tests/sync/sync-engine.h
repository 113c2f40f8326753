/* sync-engine.h — engines without UI for the sync tests: a client, a sealed copy, an outbox
 * and an SpSync, driven from the test's main loop
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-cache.h"
#include "sp-outbox.h"
#include "sp-sync.h"

/* A port nobody listens on: the client is offline. */
#define DEAD_URL "http://127.0.0.1:9"

typedef struct
{
  SpClient *client;
  SpCache  *cache;
  SpOutbox *outbox;
  SpSync   *sync;
  gboolean  finished;
  GError   *error;
} Engine;

void          engine_set_dir (const char       *dir);
void          result_cb      (GObject          *object,
                              GAsyncResult     *result,
                              gpointer          user_data);
GAsyncResult *wait_for       (GAsyncResult    **result);
GBytes       *test_key       (void);
Engine       *engine_open    (const char       *url,
                              const char       *cache_name,
                              const char       *username,
                              const char       *token);
void          engine_free    (Engine           *engine);
void          engine_round   (Engine           *engine);
JsonNode     *submit         (Engine           *engine,
                              const char       *method,
                              const char       *path,
                              const char       *body,
                              const char       *record_id,
                              SpOutboxOutcome  *outcome,
                              GError          **error);
void          wait_loaded    (Engine           *engine);
