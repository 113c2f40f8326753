/* sp-planning-editor.c — the planning basis of one episode: answers per unit, versions, track
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Placeholder: built by issue #5.
 */

#define G_LOG_DOMAIN "sp-planning-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-planning-editor.h"

struct _SpPlanningEditor
{
  AdwBin     parent_instance;

  SpAccount *account;
  char      *episode_id;
};

G_DEFINE_FINAL_TYPE (SpPlanningEditor, sp_planning_editor, ADW_TYPE_BIN)

static void
sp_planning_editor_dispose (GObject *object)
{
  SpPlanningEditor *self = SP_PLANNING_EDITOR (object);

  g_clear_object (&self->account);
  g_clear_pointer (&self->episode_id, g_free);

  G_OBJECT_CLASS (sp_planning_editor_parent_class)->dispose (object);
}

static void
sp_planning_editor_class_init (SpPlanningEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sp_planning_editor_dispose;
}

static void
sp_planning_editor_init (SpPlanningEditor *self)
{
}

/**
 * sp_planning_editor_new:
 * @account: the session
 * @episode_id: the episode whose planning basis to show
 *
 * Returns: (transfer floating): a new #SpPlanningEditor
 */
GtkWidget *
sp_planning_editor_new (SpAccount  *account,
                        const char *episode_id)
{
  SpPlanningEditor *self;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (episode_id != NULL, NULL);

  self = g_object_new (SP_TYPE_PLANNING_EDITOR, NULL);
  self->account = g_object_ref (account);
  self->episode_id = g_strdup (episode_id);

  return GTK_WIDGET (self);
}
