/* sp-cache-draft.c — keeping an editor's draft in the local copy, whatever happens next
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SIP invitation and the patientinformation keep what was typed as a draft until the
 * server has it (docs/sync.md, "Drafts"). The editor may close at once, and the window with
 * it: the write is not cancelled with them, and the application is held until the draft is
 * on disk.
 */

#define G_LOG_DOMAIN "sp-cache"

#include "config.h"

#include "sp-cache-draft.h"
#include "sp-outbox.h"

static void
draft_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GApplication) application = user_data;
  g_autoptr(GError) error = NULL;

  /* The editor may be gone: nobody to tell but the log. */
  if (!sp_cache_save_draft_finish (SP_CACHE (object), result, &error))
    g_warning ("A draft could not be kept: %s", error->message);
  if (application != NULL)
    g_application_release (application);
}

/**
 * sp_cache_keep_draft:
 * @kind: the draft's kind ("draft:sip_invitation", …)
 * @id: the record it is a draft of
 * @draft: (nullable): what to keep; %NULL removes the draft
 *
 * Writes @draft in the background (sp_cache_save_draft_async()); failures are logged.
 */
void
sp_cache_keep_draft (SpCache    *cache,
                     const char *kind,
                     const char *id,
                     JsonNode   *draft)
{
  GApplication *application = g_application_get_default ();

  /* Closing the last window must not end the app before the draft is on disk. */
  if (application != NULL)
    g_application_hold (application);
  sp_cache_save_draft_async (cache, kind, id, draft, NULL, draft_saved_cb,
                             application != NULL ? g_object_ref (application) : NULL);
}

typedef struct
{
  SpCache *cache;
  char    *kind;
  char    *id;
} Forget;

static void
forget_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Forget *forget = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = sp_outbox_submit_finish (SP_OUTBOX (object), result, NULL,
                                                        &error);

  /* Applied or queued: the outbox keeps it now. Refused: the draft still has it. */
  if (answer != NULL || error == NULL)
    sp_cache_keep_draft (forget->cache, forget->kind, forget->id, NULL);
  g_object_unref (forget->cache);
  g_free (forget->kind);
  g_free (forget->id);
  g_free (forget);
}

/**
 * sp_cache_forget_draft_when_kept:
 * @out_user_data: (out): the data for the returned callback
 *
 * For the write an editor sends as it closes, without waiting for the answer: the callback
 * (for sp_outbox_submit_async()) removes the draft once the outbox has the write, applied or
 * queued, and leaves it when the write is refused.
 *
 * Returns: the callback
 */
GAsyncReadyCallback
sp_cache_forget_draft_when_kept (SpCache    *cache,
                                 const char *kind,
                                 const char *id,
                                 gpointer   *out_user_data)
{
  Forget *forget = g_new0 (Forget, 1);

  forget->cache = g_object_ref (cache);
  forget->kind = g_strdup (kind);
  forget->id = g_strdup (id);
  *out_user_data = forget;
  return forget_cb;
}
