/* sp-patient.h — the registry's person record (DOMAIN §3)
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-identity.h"

G_BEGIN_DECLS

/* Names, address parts, phone, e-mail, language: longer is refused when reading JSON. */
#define SP_PATIENT_MAX_NAME 200

/* At most this many närstående per patient. */
#define SP_PATIENT_MAX_NEXT_OF_KIN 20

/* Boendeform; nicks are the wire and storage names: never rename one. */
typedef enum /*< prefix=SP_HOUSING >*/
{
  SP_HOUSING_ORDINARY,        /*< nick=ordinary >*/
  SP_HOUSING_SPECIAL_HOUSING, /*< nick=special_housing >*/
  SP_HOUSING_SHORT_TERM,      /*< nick=short_term >*/
  SP_HOUSING_OTHER,           /*< nick=other >*/
} SpHousing;

#define SP_PATIENT_ERROR (sp_patient_error_quark ())

/* Why a person may not be registered; the nicks are the "code" of API errors. */
typedef enum /*< prefix=SP_PATIENT_ERROR >*/
{
  SP_PATIENT_ERROR_PROTECTED_IDENTITY, /*< nick=protected_identity >*/
  SP_PATIENT_ERROR_ASYLUM_SEEKER,      /*< nick=asylum_seeker >*/
  SP_PATIENT_ERROR_MISSING_IDENTITY,   /*< nick=missing_identity >*/
  SP_PATIENT_ERROR_MISSING_NAME,       /*< nick=missing_name >*/
} SpPatientError;

/* A närstående; owned by its patient, read-only to callers. */
typedef struct
{
  char *name;
  char *relation; /* nullable: "dotter", "make" … as typed */
  char *phone;    /* nullable */
} SpNextOfKin;

#define SP_TYPE_PATIENT (sp_patient_get_type ())

G_DECLARE_FINAL_TYPE (SpPatient, sp_patient, SP, PATIENT, GObject)

GQuark             sp_patient_error_quark               (void);
const char        *sp_patient_error_get_user_message    (int           code);

SpPatient         *sp_patient_new                       (const char   *id);
const char        *sp_patient_get_id                    (SpPatient    *self);

SpIdentity        *sp_patient_get_identity              (SpPatient    *self);
void               sp_patient_set_identity              (SpPatient    *self,
                                                         SpIdentity   *identity);
const char        *sp_patient_get_given_name            (SpPatient    *self);
const char        *sp_patient_get_family_name           (SpPatient    *self);
void               sp_patient_set_name                  (SpPatient    *self,
                                                         const char   *given_name,
                                                         const char   *family_name);

const char        *sp_patient_get_street                (SpPatient    *self);
const char        *sp_patient_get_postal_code           (SpPatient    *self);
const char        *sp_patient_get_city                  (SpPatient    *self);
void               sp_patient_set_address               (SpPatient    *self,
                                                         const char   *street,
                                                         const char   *postal_code,
                                                         const char   *city);
const char        *sp_patient_get_municipality_code     (SpPatient    *self);
const char        *sp_patient_get_municipality_name     (SpPatient    *self);
void               sp_patient_set_municipality          (SpPatient    *self,
                                                         const char   *code,
                                                         const char   *name);
const char        *sp_patient_get_listed_unit_id        (SpPatient    *self);
void               sp_patient_set_listed_unit_id        (SpPatient    *self,
                                                         const char   *unit_id);

const char        *sp_patient_get_phone                 (SpPatient    *self);
void               sp_patient_set_phone                 (SpPatient    *self,
                                                         const char   *phone);
const char        *sp_patient_get_email                 (SpPatient    *self);
void               sp_patient_set_email                 (SpPatient    *self,
                                                         const char   *email);
SpHousing          sp_patient_get_housing               (SpPatient    *self);
void               sp_patient_set_housing               (SpPatient    *self,
                                                         SpHousing     housing);
const char        *sp_patient_get_temporary_address     (SpPatient    *self);
void               sp_patient_set_temporary_address     (SpPatient    *self,
                                                         const char   *address);

guint              sp_patient_get_n_next_of_kin         (SpPatient    *self);
const SpNextOfKin *sp_patient_get_next_of_kin           (SpPatient    *self,
                                                         guint         index);
void               sp_patient_add_next_of_kin           (SpPatient    *self,
                                                         const char   *name,
                                                         const char   *relation,
                                                         const char   *phone);
void               sp_patient_remove_next_of_kin        (SpPatient    *self,
                                                         guint         index);

gboolean           sp_patient_get_outpatient_psychiatry (SpPatient    *self);
void               sp_patient_set_outpatient_psychiatry (SpPatient    *self,
                                                         gboolean      value);
gboolean           sp_patient_get_home_care             (SpPatient    *self);
void               sp_patient_set_home_care             (SpPatient    *self,
                                                         gboolean      value);
gboolean           sp_patient_get_interpreter_needed    (SpPatient    *self);
const char        *sp_patient_get_interpreter_language  (SpPatient    *self);
void               sp_patient_set_interpreter           (SpPatient    *self,
                                                         gboolean      needed,
                                                         const char   *language);
gboolean           sp_patient_get_protected_identity    (SpPatient    *self);
void               sp_patient_set_protected_identity    (SpPatient    *self,
                                                         gboolean      value);
gboolean           sp_patient_get_asylum_seeker         (SpPatient    *self);
void               sp_patient_set_asylum_seeker         (SpPatient    *self,
                                                         gboolean      value);

gboolean           sp_patient_check_registrable         (SpPatient    *self,
                                                         GError      **error);
gboolean           sp_patient_needs_guardian_consent    (SpPatient    *self,
                                                         const GDate  *today);

JsonNode          *sp_patient_to_json                   (SpPatient    *self);
SpPatient         *sp_patient_new_from_json             (JsonNode     *node,
                                                         GError      **error);
gboolean           sp_patient_equal                     (SpPatient    *a,
                                                         SpPatient    *b);

G_END_DECLS
