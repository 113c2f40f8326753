/* fuzz-common.h — what every fuzz target shares: strict GLib, JSON input, round trips
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each target defines LLVMFuzzerTestOneInput(). Built with clang and -fsanitize=fuzzer it is
 * a libFuzzer binary; built with any compiler and fuzz-replay.c it replays a corpus in CI.
 */

#pragma once

#include <json-glib/json-glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

typedef JsonNode *(*FuzzToJson)   (gpointer   object);
typedef gpointer  (*FuzzFromJson) (JsonNode  *node,
                                   GError   **error);

int       LLVMFuzzerTestOneInput   (const uint8_t *data,
                                    size_t         size);

void      fuzz_init                (void);
JsonNode *fuzz_parse_json          (const uint8_t *data,
                                    size_t         size);
void      fuzz_check_error         (const GError  *error);
void      fuzz_check_round_trip    (gpointer       object,
                                    FuzzToJson     to_json,
                                    FuzzFromJson   from_json,
                                    GEqualFunc     equal,
                                    GDestroyNotify free_func);

G_END_DECLS
