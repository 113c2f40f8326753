/* sp-patient.c
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-patient"

#include "config.h"

#include <string.h>

#include "sp-enum-types.h"
#include "sp-json.h"
#include "sp-patient.h"
#include "sp-types.h"

/* Record ids (the patient's and its listed unit's) are short server-made keys. */
#define MAX_ID 64

#define MUNICIPALITY_CODE_LENGTH 4

struct _SpPatient
{
  GObject     parent_instance;

  char       *id;
  SpIdentity *identity;
  char       *given_name;
  char       *family_name;
  /* Folkbokföringsadress and folkbokföringskommun. */
  char       *street;
  char       *postal_code;
  char       *city;
  char       *municipality_code;
  char       *municipality_name;
  char       *listed_unit_id;
  /* Updated at admission (DOMAIN §3). */
  char       *phone;
  char       *email;
  SpHousing   housing;
  char       *temporary_address;
  GPtrArray  *next_of_kin;
  gboolean    outpatient_psychiatry;
  gboolean    home_care;
  gboolean    interpreter_needed;
  char       *interpreter_language;
  gboolean    protected_identity;
  gboolean    asylum_seeker;
};

G_DEFINE_FINAL_TYPE (SpPatient, sp_patient, G_TYPE_OBJECT)

G_DEFINE_QUARK (sp-patient-error, sp_patient_error)

/* The nullable string members, so that reading, writing, comparing and freeing them cannot
 * drift apart. @object names the nested JSON object the member lives in, if any. */
typedef struct
{
  const char *object;
  const char *member;
  gsize       offset;
  gsize       max_length;
} StringField;

static const StringField string_fields[] = {
  { NULL, "given_name", G_STRUCT_OFFSET (SpPatient, given_name), SP_PATIENT_MAX_NAME },
  { NULL, "family_name", G_STRUCT_OFFSET (SpPatient, family_name), SP_PATIENT_MAX_NAME },
  { "address", "street", G_STRUCT_OFFSET (SpPatient, street), SP_PATIENT_MAX_NAME },
  { "address", "postal_code", G_STRUCT_OFFSET (SpPatient, postal_code), SP_PATIENT_MAX_NAME },
  { "address", "city", G_STRUCT_OFFSET (SpPatient, city), SP_PATIENT_MAX_NAME },
  { "municipality", "code", G_STRUCT_OFFSET (SpPatient, municipality_code),
    SP_PATIENT_MAX_NAME },
  { "municipality", "name", G_STRUCT_OFFSET (SpPatient, municipality_name),
    SP_PATIENT_MAX_NAME },
  { NULL, "listed_unit_id", G_STRUCT_OFFSET (SpPatient, listed_unit_id), MAX_ID },
  { NULL, "phone", G_STRUCT_OFFSET (SpPatient, phone), SP_PATIENT_MAX_NAME },
  { NULL, "email", G_STRUCT_OFFSET (SpPatient, email), SP_PATIENT_MAX_NAME },
  { NULL, "temporary_address", G_STRUCT_OFFSET (SpPatient, temporary_address),
    SP_JSON_MAX_TEXT },
  { NULL, "interpreter_language", G_STRUCT_OFFSET (SpPatient, interpreter_language),
    SP_PATIENT_MAX_NAME },
};

typedef struct
{
  const char *member;
  gsize       offset;
} FlagField;

static const FlagField flag_fields[] = {
  { "outpatient_psychiatry", G_STRUCT_OFFSET (SpPatient, outpatient_psychiatry) },
  { "home_care", G_STRUCT_OFFSET (SpPatient, home_care) },
  { "interpreter_needed", G_STRUCT_OFFSET (SpPatient, interpreter_needed) },
  { "protected_identity", G_STRUCT_OFFSET (SpPatient, protected_identity) },
  { "asylum_seeker", G_STRUCT_OFFSET (SpPatient, asylum_seeker) },
};

static char **
string_slot (SpPatient         *self,
             const StringField *field)
{
  return G_STRUCT_MEMBER_P (self, field->offset);
}

static gboolean *
flag_slot (SpPatient       *self,
           const FlagField *field)
{
  return G_STRUCT_MEMBER_P (self, field->offset);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static gboolean
is_municipality_code (const char *code)
{
  return strlen (code) == MUNICIPALITY_CODE_LENGTH &&
         strspn (code, "0123456789") == MUNICIPALITY_CODE_LENGTH;
}

static SpNextOfKin *
next_of_kin_new (const char *name,
                 const char *relation,
                 const char *phone)
{
  SpNextOfKin *kin = g_new0 (SpNextOfKin, 1);

  kin->name = g_strdup (name);
  kin->relation = g_strdup (relation);
  kin->phone = g_strdup (phone);
  return kin;
}

static void
next_of_kin_free (SpNextOfKin *kin)
{
  g_free (kin->name);
  g_free (kin->relation);
  g_free (kin->phone);
  g_free (kin);
}

static gboolean
next_of_kin_equal (const SpNextOfKin *a,
                   const SpNextOfKin *b)
{
  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->relation, b->relation) == 0 &&
         g_strcmp0 (a->phone, b->phone) == 0;
}

static void
sp_patient_finalize (GObject *object)
{
  SpPatient *self = SP_PATIENT (object);

  for (guint i = 0; i < G_N_ELEMENTS (string_fields); i++)
    g_free (*string_slot (self, &string_fields[i]));

  g_free (self->id);
  g_clear_pointer (&self->identity, sp_identity_unref);
  g_ptr_array_unref (self->next_of_kin);

  G_OBJECT_CLASS (sp_patient_parent_class)->finalize (object);
}

static void
sp_patient_class_init (SpPatientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_patient_finalize;
}

static void
sp_patient_init (SpPatient *self)
{
  self->housing = SP_HOUSING_ORDINARY;
  self->next_of_kin = g_ptr_array_new_with_free_func ((GDestroyNotify) next_of_kin_free);
}

/**
 * sp_patient_error_get_user_message:
 * @code: an #SpPatientError
 *
 * The Swedish explanation that server and app both show for a refused registration.
 *
 * Returns: (transfer none): a static string.
 */
const char *
sp_patient_error_get_user_message (int code)
{
  switch (code)
    {
    case SP_PATIENT_ERROR_PROTECTED_IDENTITY:
      return "Personen har skyddad identitet och kan inte registreras i Samplan. "
             "Samordna per telefon.";
    case SP_PATIENT_ERROR_ASYLUM_SEEKER:
      return "Asylsökande med R-nummer kan inte registreras i Samplan. "
             "Samordna per telefon.";
    case SP_PATIENT_ERROR_MISSING_IDENTITY:
      return "Ange personnummer, samordningsnummer eller reservnummer.";
    case SP_PATIENT_ERROR_MISSING_NAME:
      return "Ange förnamn och efternamn.";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * sp_patient_new:
 * @id: the registry's key for this person, not empty
 *
 * Returns: (transfer full): a patient with only @id set and ordinary housing.
 */
SpPatient *
sp_patient_new (const char *id)
{
  SpPatient *self;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  self = g_object_new (SP_TYPE_PATIENT, NULL);
  self->id = g_strdup (id);
  return self;
}

const char *
sp_patient_get_id (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), NULL);

  return self->id;
}

/**
 * sp_patient_get_identity:
 *
 * Returns: (transfer none) (nullable): the identity number, if set.
 */
SpIdentity *
sp_patient_get_identity (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), NULL);

  return self->identity;
}

/**
 * sp_patient_set_identity:
 * @identity: (nullable) (transfer none): the new identity; a reference is taken
 */
void
sp_patient_set_identity (SpPatient  *self,
                         SpIdentity *identity)
{
  g_return_if_fail (SP_IS_PATIENT (self));

  if (identity != NULL)
    sp_identity_ref (identity);
  g_clear_pointer (&self->identity, sp_identity_unref);
  self->identity = identity;
}

const char *
sp_patient_get_given_name (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), NULL);

  return self->given_name;
}

const char *
sp_patient_get_family_name (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), NULL);

  return self->family_name;
}

void
sp_patient_set_name (SpPatient  *self,
                     const char *given_name,
                     const char *family_name)
{
  g_return_if_fail (SP_IS_PATIENT (self));

  sp_set_str (&self->given_name, given_name);
  sp_set_str (&self->family_name, family_name);
}

const char *
sp_patient_get_street (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), NULL);

  return self->street;
}

const char *
sp_patient_get_postal_code (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), NULL);

  return self->postal_code;
}

const char *
sp_patient_get_city (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), NULL);

  return self->city;
}

/**
 * sp_patient_set_address:
 * @street: (nullable):
 * @postal_code: (nullable):
 * @city: (nullable):
 *
 * Sets the folkbokföringsadress.
 */
void
sp_patient_set_address (SpPatient  *self,
                        const char *street,
                        const char *postal_code,
                        const char *city)
{
  g_return_if_fail (SP_IS_PATIENT (self));

  sp_set_str (&self->street, street);
  sp_set_str (&self->postal_code, postal_code);
  sp_set_str (&self->city, city);
}

const char *
sp_patient_get_municipality_code (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), NULL);

  return self->municipality_code;
}

const char *
sp_patient_get_municipality_name (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), NULL);

  return self->municipality_name;
}

/**
 * sp_patient_set_municipality:
 * @code: (nullable): the four-digit kommunkod of the folkbokföringskommun ("1482")
 * @name: (nullable): its name ("Kungälv")
 */
void
sp_patient_set_municipality (SpPatient  *self,
                             const char *code,
                             const char *name)
{
  g_return_if_fail (SP_IS_PATIENT (self));
  g_return_if_fail (code == NULL || is_municipality_code (code));

  sp_set_str (&self->municipality_code, code);
  sp_set_str (&self->municipality_name, name);
}

/**
 * sp_patient_get_listed_unit_id:
 *
 * Returns: (nullable): the id of the listed vårdcentral.
 */
const char *
sp_patient_get_listed_unit_id (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), NULL);

  return self->listed_unit_id;
}

void
sp_patient_set_listed_unit_id (SpPatient  *self,
                               const char *unit_id)
{
  g_return_if_fail (SP_IS_PATIENT (self));

  sp_set_str (&self->listed_unit_id, unit_id);
}

const char *
sp_patient_get_phone (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), NULL);

  return self->phone;
}

void
sp_patient_set_phone (SpPatient  *self,
                      const char *phone)
{
  g_return_if_fail (SP_IS_PATIENT (self));

  sp_set_str (&self->phone, phone);
}

const char *
sp_patient_get_email (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), NULL);

  return self->email;
}

void
sp_patient_set_email (SpPatient  *self,
                      const char *email)
{
  g_return_if_fail (SP_IS_PATIENT (self));

  sp_set_str (&self->email, email);
}

SpHousing
sp_patient_get_housing (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), SP_HOUSING_ORDINARY);

  return self->housing;
}

void
sp_patient_set_housing (SpPatient *self,
                        SpHousing  housing)
{
  g_return_if_fail (SP_IS_PATIENT (self));
  g_return_if_fail (housing <= SP_HOUSING_OTHER);

  self->housing = housing;
}

/**
 * sp_patient_get_temporary_address:
 *
 * Returns: (nullable): where the person stays for now, as free text.
 */
const char *
sp_patient_get_temporary_address (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), NULL);

  return self->temporary_address;
}

void
sp_patient_set_temporary_address (SpPatient  *self,
                                  const char *address)
{
  g_return_if_fail (SP_IS_PATIENT (self));

  sp_set_str (&self->temporary_address, address);
}

guint
sp_patient_get_n_next_of_kin (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), 0);

  return self->next_of_kin->len;
}

/**
 * sp_patient_get_next_of_kin:
 *
 * Returns: (transfer none): the närstående at @index, owned by @self.
 */
const SpNextOfKin *
sp_patient_get_next_of_kin (SpPatient *self,
                            guint      index)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), NULL);
  g_return_val_if_fail (index < self->next_of_kin->len, NULL);

  return g_ptr_array_index (self->next_of_kin, index);
}

/**
 * sp_patient_add_next_of_kin:
 * @name: the närstående's name
 * @relation: (nullable): how they are related, as typed
 * @phone: (nullable):
 *
 * Appends a närstående; at most %SP_PATIENT_MAX_NEXT_OF_KIN.
 */
void
sp_patient_add_next_of_kin (SpPatient  *self,
                            const char *name,
                            const char *relation,
                            const char *phone)
{
  g_return_if_fail (SP_IS_PATIENT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (self->next_of_kin->len < SP_PATIENT_MAX_NEXT_OF_KIN);

  g_ptr_array_add (self->next_of_kin, next_of_kin_new (name, relation, phone));
}

void
sp_patient_remove_next_of_kin (SpPatient *self,
                               guint      index)
{
  g_return_if_fail (SP_IS_PATIENT (self));
  g_return_if_fail (index < self->next_of_kin->len);

  g_ptr_array_remove_index (self->next_of_kin, index);
}

gboolean
sp_patient_get_outpatient_psychiatry (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), FALSE);

  return self->outpatient_psychiatry;
}

void
sp_patient_set_outpatient_psychiatry (SpPatient *self,
                                      gboolean   value)
{
  g_return_if_fail (SP_IS_PATIENT (self));

  self->outpatient_psychiatry = !!value;
}

gboolean
sp_patient_get_home_care (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), FALSE);

  return self->home_care;
}

void
sp_patient_set_home_care (SpPatient *self,
                          gboolean   value)
{
  g_return_if_fail (SP_IS_PATIENT (self));

  self->home_care = !!value;
}

gboolean
sp_patient_get_interpreter_needed (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), FALSE);

  return self->interpreter_needed;
}

/**
 * sp_patient_get_interpreter_language:
 *
 * Returns: (nullable): the language to interpret, only when an interpreter is needed.
 */
const char *
sp_patient_get_interpreter_language (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), NULL);

  return self->interpreter_language;
}

/**
 * sp_patient_set_interpreter:
 * @needed: whether an interpreter is needed (tolkbehov)
 * @language: (nullable): which language; dropped when @needed is %FALSE, so a stored
 *   language always means a need
 */
void
sp_patient_set_interpreter (SpPatient  *self,
                            gboolean    needed,
                            const char *language)
{
  g_return_if_fail (SP_IS_PATIENT (self));

  self->interpreter_needed = !!needed;
  sp_set_str (&self->interpreter_language, needed ? language : NULL);
}

gboolean
sp_patient_get_protected_identity (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), FALSE);

  return self->protected_identity;
}

/**
 * sp_patient_set_protected_identity:
 *
 * Skyddad identitet: such a person is never registered (see
 * sp_patient_check_registrable()).
 */
void
sp_patient_set_protected_identity (SpPatient *self,
                                   gboolean   value)
{
  g_return_if_fail (SP_IS_PATIENT (self));

  self->protected_identity = !!value;
}

gboolean
sp_patient_get_asylum_seeker (SpPatient *self)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), FALSE);

  return self->asylum_seeker;
}

/**
 * sp_patient_set_asylum_seeker:
 *
 * Asylsökande med R-nummer: such a person is never registered (see
 * sp_patient_check_registrable()).
 */
void
sp_patient_set_asylum_seeker (SpPatient *self,
                              gboolean   value)
{
  g_return_if_fail (SP_IS_PATIENT (self));

  self->asylum_seeker = !!value;
}

/**
 * sp_patient_check_registrable:
 * @error: return location for an #SP_PATIENT_ERROR; show its code's
 *   sp_patient_error_get_user_message() to the user
 *
 * Protected identities and asylum seekers with R-numbers are not registered: their
 * coordination happens by phone (DOMAIN §3). Anyone else needs an identity number and both
 * names.
 *
 * Returns: %TRUE if @self may be stored in the registry.
 */
gboolean
sp_patient_check_registrable (SpPatient  *self,
                              GError    **error)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), FALSE);

  if (self->protected_identity)
    {
      g_set_error_literal (error, SP_PATIENT_ERROR, SP_PATIENT_ERROR_PROTECTED_IDENTITY,
                           "Protected identity: not registered, coordinate by phone");
      return FALSE;
    }

  if (self->asylum_seeker)
    {
      g_set_error_literal (error, SP_PATIENT_ERROR, SP_PATIENT_ERROR_ASYLUM_SEEKER,
                           "Asylum seeker with an R-number: not registered, "
                           "coordinate by phone");
      return FALSE;
    }

  if (self->identity == NULL)
    {
      g_set_error_literal (error, SP_PATIENT_ERROR, SP_PATIENT_ERROR_MISSING_IDENTITY,
                           "Patient has no identity number");
      return FALSE;
    }

  if (is_blank (self->given_name) || is_blank (self->family_name))
    {
      g_set_error_literal (error, SP_PATIENT_ERROR, SP_PATIENT_ERROR_MISSING_NAME,
                           "Patient needs a given name and a family name");
      return FALSE;
    }

  return TRUE;
}

/**
 * sp_patient_needs_guardian_consent:
 *
 * Returns: %TRUE if the identity number says the patient is under 18 on @today: a guardian
 *   (vårdnadshavare) gives consent (DOMAIN §3, §4). %FALSE when the age is unknown
 *   (reservnummer, no identity).
 */
gboolean
sp_patient_needs_guardian_consent (SpPatient   *self,
                                   const GDate *today)
{
  g_return_val_if_fail (SP_IS_PATIENT (self), FALSE);

  return self->identity != NULL && sp_identity_is_child (self->identity, today);
}

/* Returns the nested object @name of @root, creating it on first use. */
static JsonObject *
ensure_object (JsonObject *root,
               const char *name)
{
  if (!json_object_has_member (root, name))
    json_object_set_object_member (root, name, json_object_new ());

  return json_object_get_object_member (root, name);
}

/**
 * sp_patient_to_json:
 *
 * Returns: (transfer full): a versioned JSON object node.
 */
JsonNode *
sp_patient_to_json (SpPatient *self)
{
  JsonObject *object;
  JsonArray *kin_array;
  JsonNode *node;

  g_return_val_if_fail (SP_IS_PATIENT (self), NULL);

  object = sp_json_object_new_versioned ();
  sp_json_set_string (object, "id", self->id);
  if (self->identity != NULL)
    json_object_set_member (object, "identity", sp_identity_to_json (self->identity));
  else
    json_object_set_null_member (object, "identity");

  for (guint i = 0; i < G_N_ELEMENTS (string_fields); i++)
    {
      const StringField *field = &string_fields[i];
      JsonObject *parent = field->object != NULL ? ensure_object (object, field->object)
                                                 : object;

      sp_json_set_string (parent, field->member, *string_slot (self, field));
    }

  sp_json_set_enum (object, "housing", SP_TYPE_HOUSING, self->housing);

  for (guint i = 0; i < G_N_ELEMENTS (flag_fields); i++)
    json_object_set_boolean_member (object, flag_fields[i].member,
                                    *flag_slot (self, &flag_fields[i]));

  kin_array = json_array_new ();
  for (guint i = 0; i < self->next_of_kin->len; i++)
    {
      const SpNextOfKin *kin = g_ptr_array_index (self->next_of_kin, i);
      JsonObject *entry = json_object_new ();

      sp_json_set_string (entry, "name", kin->name);
      sp_json_set_string (entry, "relation", kin->relation);
      sp_json_set_string (entry, "phone", kin->phone);
      json_array_add_object_element (kin_array, entry);
    }
  json_object_set_array_member (object, "next_of_kin", kin_array);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

static gboolean
read_identity (JsonObject  *object,
               SpPatient   *self,
               GError     **error)
{
  GError *local_error = NULL;

  if (sp_json_get_object (object, "identity", FALSE, &local_error) == NULL)
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, local_error);
      return FALSE;
    }

  self->identity = sp_identity_new_from_json (json_object_get_member (object, "identity"),
                                              error);
  if (self->identity == NULL)
    {
      g_prefix_error (error, "identity.");
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_strings (JsonObject  *root,
              SpPatient   *self,
              GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (string_fields); i++)
    {
      const StringField *field = &string_fields[i];
      JsonObject *parent = root;

      if (field->object != NULL)
        {
          GError *local_error = NULL;

          parent = sp_json_get_object (root, field->object, FALSE, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          if (parent == NULL)
            continue;
        }

      if (!sp_json_get_string (parent, field->member, FALSE, field->max_length,
                               string_slot (self, field), error))
        {
          if (field->object != NULL)
            g_prefix_error (error, "%s.", field->object);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
read_flags (JsonObject  *object,
            SpPatient   *self,
            GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (flag_fields); i++)
    if (!sp_json_get_bool (object, flag_fields[i].member, TRUE,
                           flag_slot (self, &flag_fields[i]), error))
      return FALSE;

  return TRUE;
}

static gboolean
read_next_of_kin (JsonObject  *object,
                  SpPatient   *self,
                  GError     **error)
{
  JsonArray *array = sp_json_get_array (object, "next_of_kin", TRUE, error);

  if (array == NULL)
    return FALSE;

  if (json_array_get_length (array) > SP_PATIENT_MAX_NEXT_OF_KIN)
    {
      g_set_error (error, SP_JSON_ERROR, SP_JSON_ERROR_TOO_LONG,
                   "next_of_kin: more than %d entries", SP_PATIENT_MAX_NEXT_OF_KIN);
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("next_of_kin[%u]", i);
      JsonObject *entry = sp_json_node_get_object (json_array_get_element (array, i), path,
                                                   error);
      SpNextOfKin *kin;

      if (entry == NULL)
        return FALSE;

      kin = next_of_kin_new (NULL, NULL, NULL);
      g_ptr_array_add (self->next_of_kin, kin);
      if (!sp_json_get_string (entry, "name", TRUE, SP_PATIENT_MAX_NAME, &kin->name, error) ||
          !sp_json_get_string (entry, "relation", FALSE, SP_PATIENT_MAX_NAME, &kin->relation,
                               error) ||
          !sp_json_get_string (entry, "phone", FALSE, SP_PATIENT_MAX_NAME, &kin->phone, error))
        {
          g_prefix_error (error, "%s.", path);
          return FALSE;
        }
    }

  return TRUE;
}

/* Rules between members that the per-member readers cannot see. */
static gboolean
check_members (SpPatient  *self,
               GError    **error)
{
  if (self->municipality_code != NULL && !is_municipality_code (self->municipality_code))
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "municipality.code: expected four digits");
      return FALSE;
    }

  if (self->interpreter_language != NULL && !self->interpreter_needed)
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID,
                           "interpreter_language: set although no interpreter is needed");
      return FALSE;
    }

  return TRUE;
}

/**
 * sp_patient_new_from_json:
 * @node: what sp_patient_to_json() wrote
 * @error: return location for an #SP_JSON_ERROR whose message starts with the member's
 *   path ("identity.value: …")
 *
 * Strict: wrong types, unknown housing, over-long strings, more than
 * %SP_PATIENT_MAX_NEXT_OF_KIN närstående and invalid identities are refused. Registrability
 * is a separate question: see sp_patient_check_registrable().
 *
 * Returns: (transfer full) (nullable): the patient.
 */
SpPatient *
sp_patient_new_from_json (JsonNode  *node,
                          GError   **error)
{
  JsonObject *object = sp_json_node_get_object (node, NULL, error);
  g_autoptr(SpPatient) self = NULL;
  g_autofree char *id = NULL;
  int housing = SP_HOUSING_ORDINARY;

  if (object == NULL ||
      !sp_json_check_version (object, error) ||
      !sp_json_get_string (object, "id", TRUE, MAX_ID, &id, error))
    return NULL;

  if (*id == '\0')
    {
      g_set_error_literal (error, SP_JSON_ERROR, SP_JSON_ERROR_INVALID, "id: empty");
      return NULL;
    }

  self = sp_patient_new (id);
  if (!read_identity (object, self, error) ||
      !read_strings (object, self, error) ||
      !sp_json_get_enum (object, "housing", TRUE, SP_TYPE_HOUSING, &housing, error) ||
      !read_flags (object, self, error) ||
      !read_next_of_kin (object, self, error) ||
      !check_members (self, error))
    return NULL;

  self->housing = housing;
  return g_steal_pointer (&self);
}

/**
 * sp_patient_equal:
 *
 * Returns: %TRUE if every member of @a and @b is equal.
 */
gboolean
sp_patient_equal (SpPatient *a,
                  SpPatient *b)
{
  g_return_val_if_fail (SP_IS_PATIENT (a), FALSE);
  g_return_val_if_fail (SP_IS_PATIENT (b), FALSE);

  if (!g_str_equal (a->id, b->id) ||
      !sp_identity_equal (a->identity, b->identity) ||
      a->housing != b->housing ||
      a->next_of_kin->len != b->next_of_kin->len)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (string_fields); i++)
    if (g_strcmp0 (*string_slot (a, &string_fields[i]), *string_slot (b, &string_fields[i])) != 0)
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (flag_fields); i++)
    if (*flag_slot (a, &flag_fields[i]) != *flag_slot (b, &flag_fields[i]))
      return FALSE;

  for (guint i = 0; i < a->next_of_kin->len; i++)
    if (!next_of_kin_equal (g_ptr_array_index (a->next_of_kin, i),
                            g_ptr_array_index (b->next_of_kin, i)))
      return FALSE;

  return TRUE;
}
