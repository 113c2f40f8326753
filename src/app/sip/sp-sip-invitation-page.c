/* sp-sip-invitation-page.c — the kallelse: whom, why, who is invited, when, where and how
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a kallelse must state is the core's (sp_sip_invitation_validate); this page only
 * shows the fields, asks for what the chosen meeting form needs, and reads them back.
 */

#define G_LOG_DOMAIN "sp-sip-invitation-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-format.h"
#include "sp-json.h"
#include "sp-sip-fields.h"
#include "sp-sip-invitation-page.h"
#include "sp-ui-util.h"

struct _SpSipInvitationPage
{
  GtkWidget      parent_instance;

  GtkWidget     *box;
  GtkLabel      *draft_label;
  AdwActionRow  *deadline_row;
  AdwActionRow  *subject_row;
  AdwEntryRow   *purpose_row;
  AdwEntryRow   *agenda_row;
  AdwEntryRow   *convener_name_row;
  AdwEntryRow   *convener_phone_row;
  GtkWidget     *units_group;
  GtkListBox    *units_list;
  GtkDropDown   *directory_dropdown;
  GtkWidget     *invitees_group;
  GtkListBox    *invitees_list;
  AdwEntryRow   *invitee_name_row;
  AdwEntryRow   *invitee_affiliation_row;
  GtkWidget     *meeting_group;
  AdwEntryRow   *meeting_at_row;
  AdwComboRow   *form_row;
  AdwEntryRow   *place_row;
  AdwEntryRow   *video_details_row;
  AdwEntryRow   *with_patient_row;
  AdwEntryRow   *phone_reason_row;
  GtkLabel      *state_label;
  GtkWidget     *send_button;

  JsonArray     *directory;   /* the unit directory, in the dropdown's order */
  GPtrArray     *units;       /* SpSipInvitedUnit, as shown */
  GPtrArray     *invitees;    /* SpSipInvitee, as shown */
  gboolean       editable;
  gboolean       loading;
};

G_DEFINE_FINAL_TYPE (SpSipInvitationPage, sp_sip_invitation_page, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (SpSipInvitationPage *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* Asks for what the meeting form needs (DOMAIN §8): a place away from home, connection
 * details and the professional with the patient for video, and why not video by phone. */
static void
show_form_fields (SpSipInvitationPage *self)
{
  SpSipMeetingForm form = adw_combo_row_get_selected (self->form_row);

  gtk_widget_set_visible (GTK_WIDGET (self->place_row), form == SP_SIP_MEETING_FORM_OTHER_PLACE);
  gtk_widget_set_visible (GTK_WIDGET (self->video_details_row), form == SP_SIP_MEETING_FORM_VIDEO);
  gtk_widget_set_visible (GTK_WIDGET (self->with_patient_row), form == SP_SIP_MEETING_FORM_VIDEO);
  gtk_widget_set_visible (GTK_WIDGET (self->phone_reason_row), form == SP_SIP_MEETING_FORM_PHONE);
}

static void
changed_cb (SpSipInvitationPage *self)
{
  g_autoptr(GDateTime) time = NULL;

  sp_sip_fields_check_time (GTK_EDITABLE (self->meeting_at_row), &time);
  show_form_fields (self);
  emit_changed (self);
}

/* ---- Units and other invitees ---- */

static void show_lists (SpSipInvitationPage *self);

static void
remove_cb (GtkButton           *button,
           SpSipInvitationPage *self)
{
  GPtrArray *list = g_object_get_data (G_OBJECT (button), "list");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  g_ptr_array_remove_index (list, index);
  show_lists (self);
  emit_changed (self);
}

static void
add_row (SpSipInvitationPage *self,
         GtkListBox          *box,
         GPtrArray           *list,
         guint                index,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
  if (self->editable)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *label = g_strdup_printf (_("Remove %s"), title);

      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      g_object_set_data (G_OBJECT (remove), "list", list);
      g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (index));
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }
  gtk_list_box_append (box, row);
}

static void
show_lists (SpSipInvitationPage *self)
{
  sp_ui_remove_children (GTK_WIDGET (self->units_list));
  sp_ui_remove_children (GTK_WIDGET (self->invitees_list));

  for (guint i = 0; i < self->units->len; i++)
    {
      SpSipInvitedUnit *unit = g_ptr_array_index (self->units, i);

      add_row (self, self->units_list, self->units, i,
               unit->name != NULL ? unit->name : unit->unit_id,
               unit->pre_selected ? _("Already in the episode") : _("Added to the invitation"));
    }
  for (guint i = 0; i < self->invitees->len; i++)
    {
      SpSipInvitee *invitee = g_ptr_array_index (self->invitees, i);

      add_row (self, self->invitees_list, self->invitees, i, invitee->name,
               invitee->affiliation);
    }
}

static void
add_unit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SpSipInvitationPage *self = SP_SIP_INVITATION_PAGE (widget);
  guint selected = gtk_drop_down_get_selected (self->directory_dropdown);
  JsonObject *unit;
  const char *id;

  if (self->directory == NULL || selected >= json_array_get_length (self->directory))
    return;

  unit = json_array_get_object_element (self->directory, selected);
  id = json_object_get_string_member_with_default (unit, "id", NULL);
  for (guint i = 0; i < self->units->len; i++)
    if (g_strcmp0 (((SpSipInvitedUnit *) g_ptr_array_index (self->units, i))->unit_id, id) == 0)
      return;

  /* The kind is the directory's; the server sets it again from its own. */
  g_ptr_array_add (self->units,
                   sp_sip_invited_unit_new (id, SP_UNIT_KIND_OTHER,
                                            json_object_get_string_member_with_default (unit,
                                                                                        "name",
                                                                                        id),
                                            FALSE));
  show_lists (self);
  emit_changed (self);
}

static void
add_invitee_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SpSipInvitationPage *self = SP_SIP_INVITATION_PAGE (widget);
  g_autofree char *name = sp_ui_dup_text (GTK_EDITABLE (self->invitee_name_row));
  g_autofree char *affiliation = NULL;

  if (name == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->invitee_name_row));
      return;
    }

  affiliation = sp_ui_dup_text (GTK_EDITABLE (self->invitee_affiliation_row));
  g_ptr_array_add (self->invitees, sp_sip_invitee_new (name, affiliation));
  gtk_editable_set_text (GTK_EDITABLE (self->invitee_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->invitee_affiliation_row), "");
  show_lists (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->invitee_name_row));
  emit_changed (self);
}

static void
add_invitee_cb (SpSipInvitationPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "invitation.add-invitee", NULL);
}

/* ---- GObject ---- */

static void
sp_sip_invitation_page_dispose (GObject *object)
{
  SpSipInvitationPage *self = SP_SIP_INVITATION_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_SIP_INVITATION_PAGE);
  g_clear_pointer (&self->directory, json_array_unref);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->invitees, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_sip_invitation_page_parent_class)->dispose (object);
}

static void
sp_sip_invitation_page_class_init (SpSipInvitationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_sip_invitation_page_dispose;

  /**
   * SpSipInvitationPage::changed:
   *
   * The user changed the invitation.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/samplan/Samplan/ui/sip/sp-sip-invitation-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SpSipInvitationPage, name)
  BIND (box);
  BIND (draft_label);
  BIND (deadline_row);
  BIND (subject_row);
  BIND (purpose_row);
  BIND (agenda_row);
  BIND (convener_name_row);
  BIND (convener_phone_row);
  BIND (units_group);
  BIND (units_list);
  BIND (directory_dropdown);
  BIND (invitees_group);
  BIND (invitees_list);
  BIND (invitee_name_row);
  BIND (invitee_affiliation_row);
  BIND (meeting_group);
  BIND (meeting_at_row);
  BIND (form_row);
  BIND (place_row);
  BIND (video_details_row);
  BIND (with_patient_row);
  BIND (phone_reason_row);
  BIND (state_label);
  BIND (send_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_invitee_cb);

  gtk_widget_class_install_action (widget_class, "invitation.add-unit", NULL, add_unit_action);
  gtk_widget_class_install_action (widget_class, "invitation.add-invitee", NULL,
                                   add_invitee_action);
}

static void
sp_sip_invitation_page_init (SpSipInvitationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->units = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_sip_invited_unit_free);
  self->invitees = g_ptr_array_new_with_free_func ((GDestroyNotify) sp_sip_invitee_free);
  self->editable = TRUE;
  show_form_fields (self);
}

/* ---- Public API ---- */

/**
 * sp_sip_invitation_page_set_directory:
 * @units: the unit directory (GET /units: objects with "id" and "name")
 */
void
sp_sip_invitation_page_set_directory (SpSipInvitationPage *self,
                                      JsonArray           *units)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_return_if_fail (SP_IS_SIP_INVITATION_PAGE (self));

  g_clear_pointer (&self->directory, json_array_unref);
  self->directory = json_array_ref (units);
  for (guint i = 0; i < json_array_get_length (units); i++)
    gtk_string_list_append (names,
                            json_object_get_string_member_with_default (
                              json_array_get_object_element (units, i), "name", ""));
  gtk_drop_down_set_model (self->directory_dropdown, G_LIST_MODEL (names));
}

/**
 * sp_sip_invitation_page_load:
 * @subject: whom the planning is for, as shown
 * @editable: %FALSE once nothing may change (a closed SIP)
 */
void
sp_sip_invitation_page_load (SpSipInvitationPage   *self,
                             const SpSipInvitation *invitation,
                             const char            *subject,
                             gboolean               editable)
{
  g_autofree char *agenda = NULL;
  g_autofree char *meeting_at = NULL;

  g_return_if_fail (SP_IS_SIP_INVITATION_PAGE (self));
  g_return_if_fail (invitation != NULL);

  self->loading = TRUE;
  self->editable = editable;

  adw_action_row_set_subtitle (self->subject_row, subject != NULL ? subject : "");
  sp_sip_fields_set_text (GTK_EDITABLE (self->purpose_row), invitation->purpose);
  if (invitation->agenda != NULL)
    agenda = g_strjoinv ("; ", invitation->agenda);
  sp_sip_fields_set_text (GTK_EDITABLE (self->agenda_row), agenda);
  sp_sip_fields_set_text (GTK_EDITABLE (self->convener_name_row), invitation->convener_name);
  sp_sip_fields_set_text (GTK_EDITABLE (self->convener_phone_row), invitation->convener_phone);
  meeting_at = sp_format_time (invitation->meeting_at);
  sp_sip_fields_set_text (GTK_EDITABLE (self->meeting_at_row), meeting_at);
  adw_combo_row_set_selected (self->form_row, invitation->form);
  sp_sip_fields_set_text (GTK_EDITABLE (self->place_row), invitation->place);
  sp_sip_fields_set_text (GTK_EDITABLE (self->video_details_row), invitation->video_details);
  sp_sip_fields_set_text (GTK_EDITABLE (self->with_patient_row), invitation->with_patient);
  sp_sip_fields_set_text (GTK_EDITABLE (self->phone_reason_row), invitation->phone_reason);

  g_ptr_array_set_size (self->units, 0);
  for (guint i = 0; i < invitation->units->len; i++)
    g_ptr_array_add (self->units, sp_sip_invited_unit_copy (g_ptr_array_index (invitation->units, i)));
  g_ptr_array_set_size (self->invitees, 0);
  for (guint i = 0; i < invitation->invitees->len; i++)
    g_ptr_array_add (self->invitees, sp_sip_invitee_copy (g_ptr_array_index (invitation->invitees, i)));
  show_lists (self);
  show_form_fields (self);

  for (GtkWidget *child = gtk_widget_get_first_child (self->box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_sensitive (child, editable);

  self->loading = FALSE;
}

/**
 * sp_sip_invitation_page_dup_invitation:
 * @server: the invitation as the server last answered it
 *
 * Returns: (transfer full): the invitation as the page shows it; it may not be complete
 */
SpSipInvitation *
sp_sip_invitation_page_dup_invitation (SpSipInvitationPage   *self,
                                       const SpSipInvitation *server)
{
  SpSipInvitation *invitation;
  g_autofree char *agenda = NULL;
  g_autoptr(GDateTime) meeting_at = NULL;
  g_autoptr(GStrvBuilder) items = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (SP_IS_SIP_INVITATION_PAGE (self), NULL);

  invitation = sp_sip_invitation_copy (server);
  g_free (invitation->purpose);
  invitation->purpose = sp_ui_dup_text (GTK_EDITABLE (self->purpose_row));

  agenda = sp_ui_dup_text (GTK_EDITABLE (self->agenda_row));
  parts = g_strsplit (agenda != NULL ? agenda : "", ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (items, parts[i]);
  g_strfreev (invitation->agenda);
  invitation->agenda = g_strv_builder_end (items);

  g_free (invitation->convener_name);
  invitation->convener_name = sp_ui_dup_text (GTK_EDITABLE (self->convener_name_row));
  g_free (invitation->convener_phone);
  invitation->convener_phone = sp_ui_dup_text (GTK_EDITABLE (self->convener_phone_row));

  g_clear_pointer (&invitation->meeting_at, g_date_time_unref);
  if (sp_sip_fields_check_time (GTK_EDITABLE (self->meeting_at_row), &meeting_at))
    invitation->meeting_at = g_steal_pointer (&meeting_at);

  invitation->form = adw_combo_row_get_selected (self->form_row);
  g_free (invitation->place);
  invitation->place = sp_ui_dup_text (GTK_EDITABLE (self->place_row));
  g_free (invitation->video_details);
  invitation->video_details = sp_ui_dup_text (GTK_EDITABLE (self->video_details_row));
  g_free (invitation->with_patient);
  invitation->with_patient = sp_ui_dup_text (GTK_EDITABLE (self->with_patient_row));
  g_free (invitation->phone_reason);
  invitation->phone_reason = sp_ui_dup_text (GTK_EDITABLE (self->phone_reason_row));

  g_ptr_array_set_size (invitation->units, 0);
  for (guint i = 0; i < self->units->len; i++)
    g_ptr_array_add (invitation->units, sp_sip_invited_unit_copy (g_ptr_array_index (self->units, i)));
  g_ptr_array_set_size (invitation->invitees, 0);
  for (guint i = 0; i < self->invitees->len; i++)
    g_ptr_array_add (invitation->invitees,
                     sp_sip_invitee_copy (g_ptr_array_index (self->invitees, i)));

  return invitation;
}

/**
 * sp_sip_invitation_page_set_deadline:
 * @text: (nullable): when the invitation must be sent and how long is left
 * @overdue: whether that time has passed
 */
void
sp_sip_invitation_page_set_deadline (SpSipInvitationPage *self,
                                     const char          *text,
                                     gboolean             overdue)
{
  g_return_if_fail (SP_IS_SIP_INVITATION_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->deadline_row), text != NULL);
  adw_action_row_set_subtitle (self->deadline_row, text != NULL ? text : "");
  sp_ui_set_error_style (GTK_WIDGET (self->deadline_row), overdue);
}

/**
 * sp_sip_invitation_page_set_state:
 * @text: what is missing before it can be sent, or when it was sent
 */
void
sp_sip_invitation_page_set_state (SpSipInvitationPage *self,
                                  const char          *text)
{
  g_return_if_fail (SP_IS_SIP_INVITATION_PAGE (self));

  gtk_label_set_label (self->state_label, text != NULL ? text : "");
}

/* ---- Drafts ---- */

/**
 * sp_sip_invitation_page_dup_draft:
 * @server: the invitation as the server last answered it
 *
 * What the page shows, to keep on this computer while the server cannot take it: the
 * invitation, the meeting time as typed (it may not read as a time yet) and @server as the
 * base it was written on.
 *
 * Returns: (transfer full) (nullable): the draft; %NULL when the page shows @server
 */
JsonNode *
sp_sip_invitation_page_dup_draft (SpSipInvitationPage   *self,
                                  const SpSipInvitation *server)
{
  g_autoptr(SpSipInvitation) invitation = NULL;
  g_autofree char *server_time = NULL;
  g_autofree char *typed_time = NULL;
  JsonObject *draft;

  g_return_val_if_fail (SP_IS_SIP_INVITATION_PAGE (self), NULL);
  g_return_val_if_fail (server != NULL, NULL);

  invitation = sp_sip_invitation_page_dup_invitation (self, server);
  server_time = sp_format_time (server->meeting_at);
  typed_time = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->meeting_at_row))));
  if (sp_sip_invitation_equal (invitation, server) && g_str_equal (typed_time, server_time))
    return NULL;

  draft = json_object_new ();
  json_object_set_member (draft, "invitation", sp_sip_invitation_to_json (invitation));
  json_object_set_string_member (draft, "meeting_at_text", typed_time);
  json_object_set_member (draft, "base", sp_sip_invitation_to_json (server));
  return sp_json_node_new_object (draft);
}

/**
 * sp_sip_invitation_page_load_draft:
 * @draft: from sp_sip_invitation_page_dup_draft()
 * @server: the invitation as the server answers it now
 * @subject: whom the planning is for, as shown
 * @out_stale: (out): whether @server changed since the draft was written
 *
 * Shows @draft in place of @server (an editable page).
 *
 * Returns: whether @draft could be read
 */
gboolean
sp_sip_invitation_page_load_draft (SpSipInvitationPage   *self,
                                   JsonNode              *draft,
                                   const SpSipInvitation *server,
                                   const char            *subject,
                                   gboolean              *out_stale)
{
  JsonObject *object;
  JsonNode *member;
  g_autoptr(SpSipInvitation) invitation = NULL;
  g_autoptr(SpSipInvitation) base = NULL;

  g_return_val_if_fail (SP_IS_SIP_INVITATION_PAGE (self), FALSE);
  g_return_val_if_fail (draft != NULL && server != NULL && out_stale != NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (draft))
    return FALSE;
  object = json_node_get_object (draft);
  member = json_object_get_member (object, "invitation");
  if (member == NULL || (invitation = sp_sip_invitation_new_from_json (member, NULL)) == NULL)
    return FALSE;
  member = json_object_get_member (object, "base");
  if (member != NULL)
    base = sp_sip_invitation_new_from_json (member, NULL);
  *out_stale = base == NULL || !sp_sip_invitation_equal (base, server);

  sp_sip_invitation_page_load (self, invitation, subject, TRUE);
  self->loading = TRUE;
  sp_sip_fields_set_text (GTK_EDITABLE (self->meeting_at_row),
                          json_object_get_string_member_with_default (object, "meeting_at_text",
                                                                      NULL));
  changed_cb (self);
  self->loading = FALSE;
  return TRUE;
}

/**
 * sp_sip_invitation_page_set_draft_note:
 * @text: (nullable): that the page shows a draft kept on this computer; %NULL: it does not
 */
void
sp_sip_invitation_page_set_draft_note (SpSipInvitationPage *self,
                                       const char          *text)
{
  g_return_if_fail (SP_IS_SIP_INVITATION_PAGE (self));

  gtk_label_set_label (self->draft_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->draft_label), text != NULL);
}

/**
 * sp_sip_invitation_page_get_draft_note:
 *
 * Returns: (nullable): the note shown by sp_sip_invitation_page_set_draft_note()
 */
const char *
sp_sip_invitation_page_get_draft_note (SpSipInvitationPage *self)
{
  g_return_val_if_fail (SP_IS_SIP_INVITATION_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->draft_label))
         ? gtk_label_get_label (self->draft_label) : NULL;
}
