/* sp-sip-error.h — the one error domain of the SIP module and its Swedish user messages
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SP_SIP_ERROR (sp_sip_error_quark ())

/* One code per way a SIP operation can be refused (DOMAIN §8). Messages start with the
 * offending field's path and ": ", like the sp-json readers, so sp_json_error_get_field()
 * works on them too. */
typedef enum /*< prefix=SP_SIP_ERROR >*/
{
  SP_SIP_ERROR_MISSING_FIELD,      /*< nick=missing_field >*/
  SP_SIP_ERROR_CONSENT_REQUIRED,   /*< nick=consent_required >*/
  SP_SIP_ERROR_NOT_INVITED_YET,    /*< nick=not_invited_yet >*/
  SP_SIP_ERROR_LOCKED,             /*< nick=locked >*/
  SP_SIP_ERROR_CLOSED,             /*< nick=closed >*/
  SP_SIP_ERROR_NOT_SIGNED,         /*< nick=not_signed >*/
  SP_SIP_ERROR_DANGLING_REFERENCE, /*< nick=dangling_reference >*/
  SP_SIP_ERROR_HAS_CHILDREN,       /*< nick=has_children >*/
  SP_SIP_ERROR_ONE_ACTIVE,         /*< nick=one_active >*/
  SP_SIP_ERROR_INVALID,            /*< nick=invalid >*/
} SpSipError;

GQuark       sp_sip_error_quark            (void);
const char  *sp_sip_error_get_user_message (SpSipError code);

G_END_DECLS
