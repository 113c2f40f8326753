/* sp-outbox.c — every write the user makes, on its way to the server
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages never call the client for a write: they submit a command here, which gives it its
 * idempotency key once (so a retry can never apply it twice).
 *
 * For now the command goes straight to the server; the durable queue of issue #7 (kept in
 * the local copy, sent in order, replayed after a crash) replaces the inside of this file
 * without changing its API.
 */

#define G_LOG_DOMAIN "sp-outbox"

#include "config.h"

#include "sp-outbox.h"

struct _SpOutbox
{
  GObject   parent_instance;

  SpClient *client;
  guint     n_pending;
};

G_DEFINE_FINAL_TYPE (SpOutbox, sp_outbox, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sp_outbox_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SpOutbox *self = SP_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_outbox_finalize (GObject *object)
{
  SpOutbox *self = SP_OUTBOX (object);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (sp_outbox_parent_class)->finalize (object);
}

static void
sp_outbox_class_init (SpOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sp_outbox_get_property;
  object_class->finalize = sp_outbox_finalize;

  /**
   * SpOutbox:n-pending:
   *
   * Commands not yet answered by the server.
   */
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sp_outbox_init (SpOutbox *self)
{
}

/**
 * sp_outbox_new:
 *
 * Returns: (transfer full): a new #SpOutbox sending through @client
 */
SpOutbox *
sp_outbox_new (SpClient *client)
{
  SpOutbox *self;

  g_return_val_if_fail (SP_IS_CLIENT (client), NULL);

  self = g_object_new (SP_TYPE_OUTBOX, NULL);
  self->client = g_object_ref (client);
  return self;
}

guint
sp_outbox_get_n_pending (SpOutbox *self)
{
  g_return_val_if_fail (SP_IS_OUTBOX (self), 0);

  return self->n_pending;
}

static void
set_n_pending (SpOutbox *self,
               guint     n_pending)
{
  self->n_pending = n_pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SpOutbox *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = sp_client_send_finish (SP_CLIENT (object), result, &error);

  set_n_pending (self, self->n_pending - 1);

  if (answer == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&answer), (GDestroyNotify) json_node_unref);
}

/**
 * sp_outbox_submit_async:
 * @method: "POST", "PUT", "PATCH" or "DELETE"
 * @path: the API path, e.g. "/api/v1/episodes/e-1/ready"
 * @body: (nullable): the request body; writes to an existing record carry "base_revision"
 * @record_id: (nullable): the record the command changes, to show it as pending
 *
 * Sends a command once, under an idempotency key of its own.
 */
void
sp_outbox_submit_async (SpOutbox            *self,
                        const char          *method,
                        const char          *path,
                        JsonNode            *body,
                        const char          *record_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = g_uuid_string_random ();

  g_return_if_fail (SP_IS_OUTBOX (self));
  g_return_if_fail (method != NULL && path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_outbox_submit_async);

  set_n_pending (self, self->n_pending + 1);
  sp_client_send_async (self->client, method, path, NULL, body, key, cancellable, send_cb,
                        g_steal_pointer (&task));
}

/**
 * sp_outbox_submit_finish:
 * @out_outcome: (out) (optional): whether the server applied the command or it waits
 *
 * Returns: (transfer full) (nullable): the server's answer when applied; %NULL without an
 *   error when queued; %NULL with a #SpClientError when the server refused it (a conflict
 *   carries the current record: sp_client_error_get_current())
 */
JsonNode *
sp_outbox_submit_finish (SpOutbox         *self,
                         GAsyncResult     *result,
                         SpOutboxOutcome  *out_outcome,
                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (out_outcome != NULL)
    *out_outcome = SP_OUTBOX_OUTCOME_APPLIED;

  return g_task_propagate_pointer (G_TASK (result), error);
}
