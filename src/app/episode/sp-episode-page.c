/* sp-episode-page.c — one episode: patient card, units, timeline, actions
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Placeholder: built by issue #5.
 */

#define G_LOG_DOMAIN "sp-episode-page"

#include "config.h"

#include <glib/gi18n.h>

#include "sp-episode-page.h"

struct _SpEpisodePage
{
  AdwBin     parent_instance;

  SpAccount *account;
  char      *episode_id;
};

G_DEFINE_FINAL_TYPE (SpEpisodePage, sp_episode_page, ADW_TYPE_BIN)

static void
sp_episode_page_dispose (GObject *object)
{
  SpEpisodePage *self = SP_EPISODE_PAGE (object);

  g_clear_object (&self->account);
  g_clear_pointer (&self->episode_id, g_free);

  G_OBJECT_CLASS (sp_episode_page_parent_class)->dispose (object);
}

static void
sp_episode_page_class_init (SpEpisodePageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sp_episode_page_dispose;
}

static void
sp_episode_page_init (SpEpisodePage *self)
{
}

/**
 * sp_episode_page_new:
 * @account: the session
 * @episode_id: the episode to show
 *
 * Returns: (transfer floating): a new #SpEpisodePage
 */
GtkWidget *
sp_episode_page_new (SpAccount  *account,
                     const char *episode_id)
{
  SpEpisodePage *self;
  GtkWidget *status;

  g_return_val_if_fail (SP_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (episode_id != NULL, NULL);

  self = g_object_new (SP_TYPE_EPISODE_PAGE, NULL);
  self->account = g_object_ref (account);
  self->episode_id = g_strdup (episode_id);

  status = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Episode"));
  adw_bin_set_child (ADW_BIN (self), status);

  return GTK_WIDGET (self);
}

const char *
sp_episode_page_get_episode_id (SpEpisodePage *self)
{
  g_return_val_if_fail (SP_IS_EPISODE_PAGE (self), NULL);

  return self->episode_id;
}
