/* sp-conflict-dialog.c — what the server did not take, mine and theirs side by side
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The outbox holds a command the server answered with a conflict (someone else changed the
 * record first) or refused; it is never dropped on its own. Here the user sees each one:
 * the fields of the change as they made it beside the same fields as the server has them
 * now, and keeps theirs (sp_outbox_retry: sent again on the current revision) or the
 * server's (sp_outbox_discard). The list follows the outbox while the window is open.
 *
 * A SIP part (the invitation, the mapping) is merged by the server member by member; its
 * conflict names only the members both sides changed ("error_field"). Only those are shown,
 * each decided on its own (SpConflictMember: mine, theirs, or free text combined), and the
 * command goes again with those values (sp_outbox_retry_part); the rest of mine merges.
 */

#define G_LOG_DOMAIN "sp-conflict-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sp-conflict-dialog.h"
#include "sp-conflict-member.h"
#include "sp-json.h"

struct _SpConflictDialog
{
  AdwWindow  parent_instance;

  GtkStack  *stack;
  GtkBox    *list;

  SpOutbox  *outbox;
  GPtrArray *groups;  /* the GtkWidget of each command shown */
};

G_DEFINE_FINAL_TYPE (SpConflictDialog, sp_conflict_dialog, ADW_TYPE_WINDOW)

/* What a command did, by the last part of its path. */
static const char *
command_title (const char *path)
{
  static const struct { const char *what; const char *title; } titles[] = {
    { "estimated-discharge", N_("Estimated discharge date") },
    { "care-contacts", N_("Care contact") },
    { "lead-care-contact", N_("Lead care contact") },
    { "ready", N_("Ready for discharge") },
    { "discharge", N_("Discharge") },
    { "messages", N_("Message") },
    { "consents", N_("Consent") },
    { "planning", N_("Planning") },
    { "patient-info", N_("Patient information") },
    { "invitation", N_("Invitation") },
    { "mapping", N_("Mapping (SBAR)") },
  };
  const char *what = path != NULL ? strrchr (path, '/') : NULL;

  for (guint i = 0; what != NULL && i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (what + 1, titles[i].what))
      return _(titles[i].title);

  return _("Change");
}

/* A body member as the user knows it. */
static const char *
field_title (const char *member)
{
  static const struct { const char *member; const char *title; } titles[] = {
    { "date", N_("Date") },
    { "text", N_("Text") },
    { "name", N_("Name") },
    { "phone", N_("Phone") },
    { "unit", N_("Unit") },
    { "reason", N_("Reason") },
    { "at", N_("Time") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (member, titles[i].member))
      return _(titles[i].title);

  return member;
}

static char *
value_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return sp_json_to_string (node, FALSE);
}

/* The server's value of @member of the body: the same name, or the command's own name
 * ("estimated-discharge" sets "estimated_discharge"). */
static JsonNode *
theirs_value (JsonObject *current,
              const char *path,
              const char *member)
{
  g_autofree char *own = NULL;
  const char *what;

  if (current == NULL)
    return NULL;
  if (json_object_has_member (current, member))
    return json_object_get_member (current, member);

  what = strrchr (path, '/');
  own = g_strdelimit (g_strdup (what != NULL ? what + 1 : path), "-", '_');
  return json_object_get_member (current, own);
}

static GtkWidget *
cell (const char *text,
      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
keep_cb (GtkButton        *button,
         SpConflictDialog *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "command-id");
  gboolean mine = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "keep-mine"));

  if (mine)
    sp_outbox_retry (self->outbox, id);
  else
    sp_outbox_discard (self->outbox, id);
}

static GtkWidget *
keep_button (SpConflictDialog *self,
             const char       *label,
             const char       *id,
             gboolean          mine)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_object_set_data_full (G_OBJECT (button), "command-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (button), "keep-mine", GINT_TO_POINTER (mine));
  g_signal_connect (button, "clicked", G_CALLBACK (keep_cb), self);
  if (mine)
    gtk_widget_add_css_class (button, "suggested-action");
  return button;
}

static GtkWidget *
command_group (SpConflictDialog *self,
               JsonObject       *command)
{
  const char *id = json_object_get_string_member_with_default (command, "id", "");
  const char *path = json_object_get_string_member_with_default (command, "path", "");
  gboolean conflict = g_strcmp0 (json_object_get_string_member_with_default (command,
                                                                             "state", NULL),
                                 "conflict") == 0;
  JsonNode *body = json_object_get_member (command, "body");
  JsonNode *current = json_object_get_member (command, "current");
  JsonObject *theirs = current != NULL && JSON_NODE_HOLDS_OBJECT (current)
                         ? json_node_get_object (current) : NULL;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *theirs_heading = NULL;
  guint row = 1;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), command_title (path));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (group),
    json_object_get_string_member_with_default (command, "error_message", NULL));

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  g_object_set (grid, "margin-top", 12, "margin-bottom", 12, "margin-start", 12,
                "margin-end", 12, NULL);
  gtk_widget_add_css_class (card, "card");
  gtk_box_append (GTK_BOX (card), grid);
  gtk_grid_attach (GTK_GRID (grid), cell (_("Mine"), TRUE), 1, 0, 1, 1);
  if (theirs != NULL && json_object_has_member (theirs, "revision"))
    /* Translators: the server's version of a record; %d is its revision number. */
    theirs_heading = g_strdup_printf (_("Theirs (version %d)"),
                                      (int) json_object_get_int_member (theirs, "revision"));
  gtk_grid_attach (GTK_GRID (grid),
                   cell (theirs_heading != NULL ? theirs_heading : _("Theirs"), TRUE),
                   2, 0, 1, 1);

  if (body != NULL && JSON_NODE_HOLDS_OBJECT (body))
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (body));
      while (json_object_iter_next (&iter, &member, &value))
        {
          g_autofree char *mine_text = NULL;
          g_autofree char *theirs_text = NULL;

          if (g_str_equal (member, "base_revision"))
            continue;
          mine_text = value_text (value);
          theirs_text = value_text (theirs_value (theirs, path, member));
          gtk_grid_attach (GTK_GRID (grid), cell (field_title (member), TRUE), 0, row, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), cell (mine_text, FALSE), 1, row, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), cell (theirs_text, FALSE), 2, row, 1, 1);
          row++;
        }
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), card);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  g_object_set (buttons, "margin-top", 12, NULL);
  gtk_box_append (GTK_BOX (buttons),
                  keep_button (self, conflict ? _("Keep _Theirs") : _("_Discard Mine"), id,
                               FALSE));
  gtk_box_append (GTK_BOX (buttons),
                  keep_button (self, conflict ? _("Keep _Mine") : _("_Try Again"), id, TRUE));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), buttons);

  return group;
}

/* "invitation" or "mapping" for a whole SIP part's PUT (merged member by member), else
 * %NULL; as the outbox sees it. */
static const char *
command_part (JsonObject *command)
{
  static const char * const parts[] = { "invitation", "mapping" };
  const char *path = json_object_get_string_member_with_default (command, "path", NULL);
  const char *method = json_object_get_string_member_with_default (command, "method", NULL);
  const char *slash = path != NULL ? strrchr (path, '/') : NULL;

  if (g_strcmp0 (method, "PUT") != 0 || slash == NULL || strstr (path, "/sips/") == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_str_equal (slash + 1, parts[i]))
      return parts[i];
  return NULL;
}

/* The members of @part the server found both sides changed: "invitation.purpose,…". */
static GPtrArray *
overlapping_members (JsonObject *command,
                     const char *part)
{
  const char *field = json_object_get_string_member_with_default (command, "error_field",
                                                                  NULL);
  g_autofree char *prefix = g_strconcat (part, ".", NULL);
  g_auto(GStrv) fields = g_strsplit (field != NULL ? field : "", ",", -1);
  GPtrArray *members = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; fields[i] != NULL; i++)
    if (g_str_has_prefix (fields[i], prefix) && fields[i][strlen (prefix)] != '\0')
      g_ptr_array_add (members, g_strdup (fields[i] + strlen (prefix)));
  return members;
}

/* @object's @part's @member: the held body's (mine) or the current record's (theirs). */
static JsonNode *
part_member (JsonNode   *object,
             const char *part,
             const char *member)
{
  JsonNode *node;

  if (object == NULL || !JSON_NODE_HOLDS_OBJECT (object) ||
      (node = json_object_get_member (json_node_get_object (object), part)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_member (json_node_get_object (node), member);
}

/* The part's button can be used once every member is decided. */
static void
decided_cb (GtkWidget *button)
{
  GPtrArray *members = g_object_get_data (G_OBJECT (button), "members");
  gboolean decided = TRUE;

  for (guint i = 0; i < members->len; i++)
    decided = decided && sp_conflict_member_get_decided (g_ptr_array_index (members, i));
  gtk_widget_set_sensitive (button, decided);
}

static void
settle_cb (GtkButton        *button,
           SpConflictDialog *self)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (button), "part-command-id"));
  GPtrArray *members = g_object_get_data (G_OBJECT (button), "members");
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < members->len; i++)
    {
      SpConflictMember *member = g_ptr_array_index (members, i);
      JsonNode *value = sp_conflict_member_dup_value (member);

      g_return_if_fail (value != NULL);
      json_object_set_member (values, sp_conflict_member_get_member (member), value);
      if (sp_conflict_member_keeps_mine (member))
        g_ptr_array_add (keep, g_strdup (sp_conflict_member_get_member (member)));
    }
  g_ptr_array_add (keep, NULL);

  /* The outbox's notification rebuilds the list: this group goes. */
  sp_outbox_retry_part (self->outbox, id, values, (const char * const *) keep->pdata);
}

/* A part conflict: only the overlapping members, each decided on its own. */
static GtkWidget *
part_group (SpConflictDialog *self,
            JsonObject       *command,
            const char       *part,
            GPtrArray        *names)
{
  const char *path = json_object_get_string_member_with_default (command, "path", "");
  JsonNode *body = json_object_get_member (command, "body");
  JsonNode *current = json_object_get_member (command, "current");
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *note;
  GtkWidget *button;
  GPtrArray *members = g_ptr_array_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), command_title (path));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (group),
    json_object_get_string_member_with_default (command, "error_message", NULL));

  note = cell (_("Only what you both changed is shown: choose for each field. Your other "
                 "changes here are kept."), FALSE);
  g_object_set (note, "margin-bottom", 12, NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), note);

  gtk_widget_add_css_class (card, "card");
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      GtkWidget *member = sp_conflict_member_new (part, name, part_member (body, part, name),
                                                  part_member (current, part, name));

      if (i > 0)
        gtk_box_append (GTK_BOX (card), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      gtk_box_append (GTK_BOX (card), member);
      g_ptr_array_add (members, member);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), card);

  button = gtk_button_new_with_mnemonic (_("_Save Choices"));
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  g_object_set (button, "margin-top", 12, NULL);
  gtk_widget_add_css_class (button, "suggested-action");
  g_object_set_data_full (G_OBJECT (button), "part-command-id",
                          g_strdup (json_object_get_string_member_with_default (command, "id",
                                                                                "")),
                          g_free);
  g_object_set_data_full (G_OBJECT (button), "members", members,
                          (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < members->len; i++)
    g_signal_connect_object (g_ptr_array_index (members, i), "notify::decided",
                             G_CALLBACK (decided_cb), button, G_CONNECT_SWAPPED);
  g_signal_connect (button, "clicked", G_CALLBACK (settle_cb), self);
  decided_cb (button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);

  return group;
}

static GtkWidget *
held_group (SpConflictDialog *self,
            JsonObject       *command)
{
  const char *part = command_part (command);
  g_autoptr(GPtrArray) names = NULL;

  if (part != NULL &&
      g_strcmp0 (json_object_get_string_member_with_default (command, "state", NULL),
                 "conflict") == 0 &&
      (names = overlapping_members (command, part))->len > 0)
    return part_group (self, command, part, names);

  return command_group (self, command);
}

/* Follows the outbox: a resolved command's group goes, a new one is added; the others stay
 * as they are, so that choices made in them are not lost. */
static void
rebuild (SpConflictDialog *self)
{
  g_autoptr(GPtrArray) held = sp_outbox_dup_held (self->outbox);
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) still_held = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < held->len; i++)
    g_hash_table_add (still_held,
                      (gpointer) json_object_get_string_member_with_default (
                        json_node_get_object (g_ptr_array_index (held, i)), "id", ""));

  for (guint i = self->groups->len; i > 0; i--)
    {
      GtkWidget *group = g_ptr_array_index (self->groups, i - 1);
      const char *id = g_object_get_data (G_OBJECT (group), "held-id");

      if (g_hash_table_contains (still_held, id))
        {
          g_hash_table_add (shown, (gpointer) id);
          continue;
        }
      gtk_box_remove (self->list, group);
      g_ptr_array_remove_index (self->groups, i - 1);
    }

  for (guint i = 0; i < held->len; i++)
    {
      JsonObject *command = json_node_get_object (g_ptr_array_index (held, i));
      const char *id = json_object_get_string_member_with_default (command, "id", "");
      GtkWidget *group;

      if (g_hash_table_contains (shown, id))
        continue;
      group = held_group (self, command);
      g_object_set_data_full (G_OBJECT (group), "held-id", g_strdup (id), g_free);
      gtk_box_append (self->list, group);
      g_ptr_array_add (self->groups, group);
    }

  gtk_stack_set_visible_child_name (self->stack, held->len > 0 ? "list" : "empty");
}

static void
sp_conflict_dialog_dispose (GObject *object)
{
  SpConflictDialog *self = SP_CONFLICT_DIALOG (object);

  g_clear_object (&self->outbox);
  gtk_widget_dispose_template (GTK_WIDGET (self), SP_TYPE_CONFLICT_DIALOG);

  G_OBJECT_CLASS (sp_conflict_dialog_parent_class)->dispose (object);
}

static void
sp_conflict_dialog_finalize (GObject *object)
{
  SpConflictDialog *self = SP_CONFLICT_DIALOG (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (sp_conflict_dialog_parent_class)->finalize (object);
}

static void
sp_conflict_dialog_class_init (SpConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sp_conflict_dialog_dispose;
  object_class->finalize = sp_conflict_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "/ui/sp-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SpConflictDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SpConflictDialog, list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sp_conflict_dialog_init (SpConflictDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
}

/**
 * sp_conflict_dialog_new:
 * @outbox: the session's outbox
 *
 * Returns: (transfer none): a new window listing @outbox's held commands; GTK owns it
 */
GtkWidget *
sp_conflict_dialog_new (SpOutbox *outbox)
{
  SpConflictDialog *self;

  g_return_val_if_fail (SP_IS_OUTBOX (outbox), NULL);

  self = g_object_new (SP_TYPE_CONFLICT_DIALOG, NULL);
  self->outbox = g_object_ref (outbox);
  g_signal_connect_object (outbox, "notify::n-held", G_CALLBACK (rebuild), self,
                           G_CONNECT_SWAPPED);
  rebuild (self);

  return GTK_WIDGET (self);
}
