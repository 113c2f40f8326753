/* sp-types.h — enums shared by every part of Samplan
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Nicks are the wire and storage names (see sp-json.h); never rename one. */

typedef enum /*< prefix=SP_PRINCIPAL >*/
{
  SP_PRINCIPAL_REGION,       /*< nick=region >*/
  SP_PRINCIPAL_MUNICIPALITY, /*< nick=municipality >*/
  SP_PRINCIPAL_OTHER,        /*< nick=other >*/
} SpPrincipal;

typedef enum /*< prefix=SP_UNIT_KIND >*/
{
  SP_UNIT_KIND_INPATIENT,        /*< nick=inpatient >*/
  SP_UNIT_KIND_OUTPATIENT,       /*< nick=outpatient >*/
  SP_UNIT_KIND_MUNICIPAL_HEALTH, /*< nick=municipal_health >*/
  SP_UNIT_KIND_SOCIAL_SERVICES,  /*< nick=social_services >*/
  SP_UNIT_KIND_OTHER,            /*< nick=other >*/
} SpUnitKind;

/* Ordered: a higher value is a "higher" colour (DOMAIN §6). */
typedef enum /*< prefix=SP_TRACK >*/
{
  SP_TRACK_GRA,  /*< nick=gra >*/
  SP_TRACK_BLA,  /*< nick=bla >*/
  SP_TRACK_GRON, /*< nick=gron >*/
  SP_TRACK_GUL,  /*< nick=gul >*/
  SP_TRACK_ROD,  /*< nick=rod >*/
} SpTrack;

typedef enum /*< prefix=SP_REGION >*/
{
  SP_REGION_VGR,          /*< nick=vgr >*/
  SP_REGION_STOCKHOLM,    /*< nick=stockholm >*/
  SP_REGION_VASTERBOTTEN, /*< nick=vasterbotten >*/
} SpRegion;

SpPrincipal  sp_unit_kind_get_principal (SpUnitKind  kind);
gboolean     sp_unit_kind_is_health_care (SpUnitKind  kind);
const char  *sp_track_get_label          (SpTrack     track);

gboolean     sp_set_str                  (char      **str_pointer,
                                          const char *new_str);
gboolean     sp_date_time_equal0         (GDateTime  *a,
                                          GDateTime  *b);
gboolean     sp_ptr_array_equal          (GPtrArray  *a,
                                          GPtrArray  *b,
                                          GEqualFunc  equal);

const char  *sp_enum_to_nick             (GType       enum_type,
                                          int         value);
gboolean     sp_enum_from_nick           (GType       enum_type,
                                          const char *nick,
                                          int        *value);

G_END_DECLS
