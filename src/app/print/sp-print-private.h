/* sp-print-private.h — the documents of src/app/print, built on SpPrintLayout
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sp-print.h"
#include "sp-print-layout.h"

G_BEGIN_DECLS

/* One builder per document: @data as sp_print_export_pdf() describes it (nullable for the
 * forms), @names maps unit ids to names (owned strings); builders add the names @data has. */
SpPrintLayout *sp_print_build_patient_info     (JsonObject  *data,
                                                GHashTable  *names,
                                                gboolean     form);
SpPrintLayout *sp_print_build_sip              (JsonObject  *data,
                                                GHashTable  *names);
SpPrintLayout *sp_print_build_sip_meeting_form (JsonObject  *data,
                                                GHashTable  *names);
SpPrintLayout *sp_print_build_planning_form    (JsonObject  *data,
                                                GHashTable  *names);
guint          sp_print_add_interventions      (SpPrintLayout *layout,
                                                JsonArray     *interventions,
                                                const char    *sub_goal_id,
                                                GHashTable    *names,
                                                guint          n_blank);

/* Fetching a document's data from the server (sp-print-fetch.c). */
void           sp_print_fetch_async            (SpAccount           *account,
                                                SpPrintKind          kind,
                                                const char          *record_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
JsonNode      *sp_print_fetch_finish           (SpAccount           *account,
                                                GAsyncResult        *result,
                                                GError             **error);
GHashTable    *sp_print_collect_unit_names     (SpAccount           *account,
                                                JsonNode            *data);

/* Reading what the server rendered, forgiving about absent and null members. */
const char    *sp_print_get_string             (JsonObject  *object,
                                                const char  *member);
JsonObject    *sp_print_get_object             (JsonObject  *object,
                                                const char  *member);
JsonObject    *sp_print_object_copy            (JsonObject  *object);
JsonArray     *sp_print_get_array              (JsonObject  *object,
                                                const char  *member);
const char    *sp_print_unit_name              (GHashTable  *names,
                                                const char  *unit_id);
void           sp_print_add_unit_names         (GHashTable  *names,
                                                JsonArray   *units,
                                                const char  *id_member);

/* For the reader, in Swedish and Stockholm time. */
char          *sp_print_format_time            (const char  *iso);
char          *sp_print_format_date            (const char  *iso);
char          *sp_print_format_patient_name    (JsonObject  *patient);
char          *sp_print_format_identity        (JsonObject  *patient);
const char    *sp_print_meeting_form_label     (const char  *nick);
const char    *sp_print_presence_label         (const char  *nick);
const char    *sp_print_principal_label        (const char  *nick);
void           sp_print_set_patient            (SpPrintLayout *layout,
                                                JsonObject    *patient);

G_END_DECLS
