/* sp-identity.h — personnummer, samordningsnummer and reservnummer
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Nicks are the wire and storage names; never rename one. */
typedef enum /*< prefix=SP_IDENTITY_KIND >*/
{
  SP_IDENTITY_KIND_PERSONNUMMER,      /*< nick=personnummer >*/
  SP_IDENTITY_KIND_SAMORDNINGSNUMMER, /*< nick=samordningsnummer >*/
  SP_IDENTITY_KIND_RESERVNUMMER,      /*< nick=reservnummer >*/
} SpIdentityKind;

#define SP_IDENTITY_ERROR (sp_identity_error_quark ())

/* One code per way an input can be wrong; the nicks are the "code" of CLI and API errors. */
typedef enum /*< prefix=SP_IDENTITY_ERROR >*/
{
  SP_IDENTITY_ERROR_EMPTY,      /*< nick=empty >*/
  SP_IDENTITY_ERROR_CHARACTERS, /*< nick=characters >*/
  SP_IDENTITY_ERROR_LENGTH,     /*< nick=length >*/
  SP_IDENTITY_ERROR_SEPARATOR,  /*< nick=separator >*/
  SP_IDENTITY_ERROR_DATE,       /*< nick=date >*/
  SP_IDENTITY_ERROR_FUTURE,     /*< nick=future >*/
  SP_IDENTITY_ERROR_CHECKSUM,   /*< nick=checksum >*/
  SP_IDENTITY_ERROR_RESERVE,    /*< nick=reserve >*/
} SpIdentityError;

/* A reservnummer's value and region tag are at most this many characters. */
#define SP_IDENTITY_RESERVE_MAX_LENGTH 32

#define SP_TYPE_IDENTITY (sp_identity_get_type ())

typedef struct _SpIdentity SpIdentity;

GType           sp_identity_get_type       (void) G_GNUC_CONST;
GQuark          sp_identity_error_quark    (void);

SpIdentity     *sp_identity_parse          (const char    *input,
                                            const GDate   *today,
                                            GError       **error);
SpIdentity     *sp_identity_new_reserve    (const char    *region_tag,
                                            const char    *value,
                                            GError       **error);
SpIdentity     *sp_identity_ref            (SpIdentity    *self);
void            sp_identity_unref          (SpIdentity    *self);

SpIdentityKind  sp_identity_get_kind       (SpIdentity    *self);
const char     *sp_identity_get_normalised (SpIdentity    *self);
const char     *sp_identity_get_region     (SpIdentity    *self);
gboolean        sp_identity_get_birth_date (SpIdentity    *self,
                                            GDate         *out_date);
int             sp_identity_get_age        (SpIdentity    *self,
                                            const GDate   *today);
gboolean        sp_identity_is_child       (SpIdentity    *self,
                                            const GDate   *today);
char           *sp_identity_format         (SpIdentity    *self);

gboolean        sp_identity_equal          (SpIdentity    *a,
                                            SpIdentity    *b);
guint           sp_identity_hash           (SpIdentity    *self);

JsonNode       *sp_identity_to_json        (SpIdentity    *self);
SpIdentity     *sp_identity_new_from_json  (JsonNode      *node,
                                            GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpIdentity, sp_identity_unref)

G_END_DECLS
