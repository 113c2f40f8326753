/* sp-sip-editor.c — the SIP: invitation, mapping, plan, signatures, follow-up
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Placeholder: built by issue #6.
 */

#define G_LOG_DOMAIN "sp-sip-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-sip-editor.h"

struct _SpSipEditor
{
  AdwBin     parent_instance;

  SpAccount *account;
  char      *sip_id;
  char      *episode_id;
};

G_DEFINE_FINAL_TYPE (SpSipEditor, sp_sip_editor, ADW_TYPE_BIN)

static void
sp_sip_editor_dispose (GObject *object)
{
  SpSipEditor *self = SP_SIP_EDITOR (object);

  g_clear_object (&self->account);
  g_clear_pointer (&self->sip_id, g_free);
  g_clear_pointer (&self->episode_id, g_free);

  G_OBJECT_CLASS (sp_sip_editor_parent_class)->dispose (object);
}

static void
sp_sip_editor_class_init (SpSipEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sp_sip_editor_dispose;
}

static void
sp_sip_editor_init (SpSipEditor *self)
{
}

/**
 * sp_sip_editor_new:
 * @account: the session
 * @sip_id: the SIP to edit
 *
 * Returns: (transfer floating): a new #SpSipEditor
 */
GtkWidget *
sp_sip_editor_new (SpAccount  *account,
                   const char *sip_id)
{
  SpSipEditor *self;
  GtkWidget *status;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (sip_id != NULL, NULL);

  self = g_object_new (SP_TYPE_SIP_EDITOR, NULL);
  self->account = g_object_ref (account);
  self->sip_id = g_strdup (sip_id);

  status = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("SIP"));
  adw_bin_set_child (ADW_BIN (self), status);

  return GTK_WIDGET (self);
}

/**
 * sp_sip_editor_new_for_episode:
 * @account: the session
 * @episode_id: (nullable): the episode the SIP is for; %NULL for a stand-alone SIP
 *
 * Returns: (transfer floating): a new #SpSipEditor that creates the SIP
 */
GtkWidget *
sp_sip_editor_new_for_episode (SpAccount  *account,
                               const char *episode_id)
{
  SpSipEditor *self;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);

  self = g_object_new (SP_TYPE_SIP_EDITOR, NULL);
  self->account = g_object_ref (account);
  self->episode_id = g_strdup (episode_id);

  return GTK_WIDGET (self);
}
