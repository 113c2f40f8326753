/* sp-request.h — one API request: path parameters, JSON body, caller, reply
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Bodies above this are refused with 413 before they are parsed. */
#define SP_REQUEST_MAX_BODY (1024 * 1024)

typedef struct _SpRequest SpRequest;
typedef struct _SpSession SpSession;

struct _SpRequest
{
  SoupServerMessage *msg;
  const char        *method;
  const char        *path;
  GHashTable        *params;   /* path parameters, e.g. "id" */
  GHashTable        *query;    /* nullable */
  JsonNode          *body;     /* parsed JSON body, or NULL */
  const char        *idempotency_key;
  SpSession         *session;  /* the signed-in caller; NULL on public routes */

  /* What the handler decided: a response, or an error (which rolls a write back). */
  guint              status;
  char              *response;
  GError            *error;
  JsonNode          *current;  /* with a conflict: the record as it is now */
};

SpRequest  *sp_request_new          (SoupServerMessage *msg,
                                     const char        *path,
                                     GHashTable        *query);
void        sp_request_free         (SpRequest         *self);
gboolean    sp_request_parse_body   (SpRequest         *self,
                                     GError           **error);
JsonObject *sp_request_get_object   (SpRequest         *self,
                                     GError           **error);
const char *sp_request_get_param    (SpRequest         *self,
                                     const char        *name);
const char *sp_request_get_query    (SpRequest         *self,
                                     const char        *name);
const char *sp_request_get_header   (SpRequest         *self,
                                     const char        *name);
void        sp_request_respond      (SpRequest         *self,
                                     guint              status,
                                     JsonNode          *node);
void        sp_request_respond_json_text (SpRequest     *self,
                                          guint          status,
                                          char          *text);
void        sp_request_respond_object (SpRequest       *self,
                                     guint              status,
                                     JsonObject        *object);
void        sp_request_fail         (SpRequest         *self,
                                     GError            *error);
void        sp_request_send         (SpRequest         *self);
void        sp_request_reply_text   (SpRequest         *self,
                                     guint              status,
                                     const char        *json);
void        sp_request_reply_error  (SpRequest         *self,
                                     const GError      *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpRequest, sp_request_free)

G_END_DECLS
