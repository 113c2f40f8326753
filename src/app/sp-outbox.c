/* sp-outbox.c — every write the user makes, on its way to the server
 *
 * Copyright 2026 The Samplan developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages never call the client for a write: they submit a command here. A command is written
 * to the local copy (sealed, sp_cache_outbox_write_async) BEFORE it is sent, with its
 * idempotency key, so that a crash, a closed lid or an outage can never lose it and a
 * resend can never apply it twice. Commands go out one at a time, oldest first.
 *
 * Per answer: applied (or a replay of an applied one: the server answers the same) → the
 * command leaves the copy; unreachable, 5xx, 401, 429 → it stays first in line and the queue
 * pauses until sp_outbox_push_async(); 409 or another 4xx → it is held (state "conflict" or
 * "rejected", with the server's message and current record), never dropped, until the user
 * retries or discards it (sp_outbox_retry/_discard).
 *
 * Commands made offline against the same record all state the revision the user saw. When
 * one is applied and the record went from that revision straight to the next (nobody else
 * wrote in between), the ones behind it are rebased onto the new revision in the same
 * transaction; otherwise they keep theirs and the server merges or answers 409. A SIP plan
 * edit names what it targets (a node, a field): a command behind whose targets were all
 * last written by this outbox's own applied commands moves to the oldest of those
 * revisions, so that the server does not take the user's own earlier edits for someone
 * else's, and still sees anybody else's edit made after them. The SIP's invitation and
 * mapping are sent whole and merged by the server member by member: a later PUT of the same
 * part, made on the same view, is rewritten onto the applied one's answer (the members the
 * user did not change since take the server's values) and its revision, for the same reason.
 *
 * Nothing here adds a time to a command: notices (ready, admission, discharge) are stamped by
 * the server when they arrive. "queued_at" is kept for the user's list only.
 */

#define G_LOG_DOMAIN "sp-outbox"

#include "config.h"

#include <string.h>

#include "sp-json.h"
#include "sp-outbox.h"

typedef struct
{
  JsonNode *node;      /* the stored command */
  GTask    *task;      /* the submitter waiting for the answer, if any */
  gboolean  resent;    /* sent again at once after a transient failure */
} Command;

struct _SpOutbox
{
  GObject    parent_instance;

  SpClient  *client;
  SpCache   *cache;
  char      *author;
  gint64     last_id;

  gboolean   loaded;
  gboolean   paused;    /* the last attempt could not reach the server */
  gboolean   sending;
  Command   *in_flight; /* the command sent, while sending */
  GQueue     queue;     /* Command*, oldest first */
  GPtrArray *held;      /* JsonNode*: conflicting and rejected commands */
  GHashTable *written;  /* record id → (target → revision our applied command made) */
  GQueue     pushes;    /* GTask* of sp_outbox_push_async () */

  /* For the pages' marks, looked up per row: record id → number of commands. */
  GHashTable *pending_records;
  GHashTable *held_records;
};

G_DEFINE_FINAL_TYPE (SpOutbox, sp_outbox, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_PENDING,
  PROP_N_HELD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  MARKS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void pump (SpOutbox *self);

static void
command_free (Command *command)
{
  g_clear_pointer (&command->node, json_node_unref);
  g_clear_object (&command->task);
  g_free (command);
}

static JsonObject *
command_object (Command *command)
{
  return json_node_get_object (command->node);
}

static const char *
command_get (JsonNode   *node,
             const char *member)
{
  return json_object_get_string_member_with_default (json_node_get_object (node), member,
                                                     NULL);
}

static void
set_string_take (JsonObject *object,
                 const char *member,
                 char       *value)
{
  json_object_set_string_member (object, member, value);
  g_free (value);
}

/* Counts @node in (@delta 1) or out of (-1) @records, by its record id. */
static void
count_record (GHashTable *records,
              JsonNode   *node,
              int         delta)
{
  const char *record_id = command_get (node, "record_id");
  guint n;

  if (record_id == NULL)
    return;

  n = GPOINTER_TO_UINT (g_hash_table_lookup (records, record_id));
  if (delta > 0)
    g_hash_table_replace (records, g_strdup (record_id), GUINT_TO_POINTER (n + 1));
  else if (n <= 1)
    g_hash_table_remove (records, record_id);
  else
    g_hash_table_replace (records, g_strdup (record_id), GUINT_TO_POINTER (n - 1));
}

/* Tells the pages that @node's record may show another mark (%NULL: every record). */
static void
marks_changed (SpOutbox *self,
               JsonNode *node)
{
  g_autofree char *record_id = node != NULL ? g_strdup (command_get (node, "record_id")) : NULL;

  if (node != NULL && record_id == NULL)
    return;

  g_signal_emit (self, signals[MARKS_CHANGED], 0, record_id);
}

static void
notify_counts (SpOutbox *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_HELD]);
}

static void
return_task (GTask           *task,
             SpOutboxOutcome  outcome,
             JsonNode        *answer,
             GError          *error)
{
  g_task_set_task_data (task, GINT_TO_POINTER (outcome), NULL);
  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_pointer (task, answer != NULL ? json_node_ref (answer) : NULL,
                           (GDestroyNotify) json_node_unref);
}

static void
finish_pushes (SpOutbox *self,
               GError   *error)
{
  GTask *task;

  while ((task = g_queue_pop_head (&self->pushes)) != NULL)
    {
      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SpOutbox) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The command stays where it was in memory; the next start finds the copy as it was. */
  if (!sp_cache_outbox_write_finish (SP_CACHE (object), result, &error))
    g_warning ("The outbox could not be updated: %s", error->message);

  self->sending = FALSE;
  pump (self);
}

/* For the user's retry and discard: a send may be under way meanwhile. */
static void
resolved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SpOutbox) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sp_cache_outbox_write_finish (SP_CACHE (object), result, &error))
    g_warning ("The outbox could not be updated: %s", error->message);

  pump (self);
}

static gint64
body_base_revision (JsonNode *node)
{
  JsonObject *command = json_node_get_object (node);
  JsonNode *body = json_object_get_member (command, "body");

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body) ||
      !json_object_has_member (json_node_get_object (body), "base_revision"))
    return -1;

  return json_object_get_int_member (json_node_get_object (body), "base_revision");
}

static void
add_target (GPtrArray  *targets,
            const char *prefix,
            JsonObject *op,
            const char *member)
{
  const char *id = json_object_get_string_member_with_default (op, member, NULL);

  if (id != NULL)
    g_ptr_array_add (targets, g_strconcat (prefix, id, NULL));
}

/**
 * command_targets:
 * @node: a command
 *
 * What a SIP plan edit (PATCH …/plan) targets, named as the server's merge names it
 * (sp-api-sip-plan.c): "main_goal", "chair", "lead", "follow_up", "sub_goal_order",
 * "node:ID", "participant:ID", and "removed:ID" for a sub-goal an operation refers to.
 * Adding or removing a sub-goal also changes their order.
 *
 * Returns: (transfer full) (nullable): the targets, %NULL when they are not known
 */
static GPtrArray *
command_targets (JsonNode *node)
{
  static const struct { const char *op; const char *target; } fields[] = {
    { "set_main_goal", "main_goal" }, { "reorder_sub_goals", "sub_goal_order" },
    { "set_chair", "chair" }, { "set_lead", "lead" }, { "set_follow_up", "follow_up" },
  };
  g_autoptr(GPtrArray) targets = NULL;
  JsonObject *command = json_node_get_object (node);
  JsonNode *body = json_object_get_member (command, "body");
  JsonNode *operations;

  if (g_strcmp0 (command_get (node, "method"), "PATCH") != 0 ||
      !g_str_has_suffix (command_get (node, "path"), "/plan") ||
      body == NULL || !JSON_NODE_HOLDS_OBJECT (body) ||
      (operations = json_object_get_member (json_node_get_object (body), "operations")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (operations))
    return NULL;

  targets = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (operations)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (operations), i);
      JsonObject *op;
      const char *name;
      guint f;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return NULL;
      op = json_node_get_object (element);
      name = json_object_get_string_member_with_default (op, "op", "");

      for (f = 0; f < G_N_ELEMENTS (fields) && !g_str_equal (fields[f].op, name); f++)
        ;
      if (f < G_N_ELEMENTS (fields))
        g_ptr_array_add (targets, g_strdup (fields[f].target));
      else if (g_str_has_suffix (name, "_participant"))
        add_target (targets, "participant:", op, "id");
      /* A cascade also removes interventions this outbox may not know of. */
      else if (json_object_get_boolean_member_with_default (op, "cascade", FALSE))
        return NULL;
      else
        {
          add_target (targets, "node:", op, "id");
          add_target (targets, "removed:", op, "sub_goal");
          if (g_str_equal (name, "add_sub_goal") || g_str_equal (name, "remove_sub_goal"))
            g_ptr_array_add (targets, g_strdup ("sub_goal_order"));
        }
    }

  return g_steal_pointer (&targets);
}

/* Remembers what @applied wrote at @revision, for the followers (see the top). */
static void
remember_written (SpOutbox   *self,
                  const char *record_id,
                  JsonNode   *applied,
                  gint64      revision)
{
  g_autoptr(GPtrArray) targets = command_targets (applied);
  GHashTable *written;

  if (targets == NULL)
    return;

  written = g_hash_table_lookup (self->written, record_id);
  if (written == NULL)
    {
      written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (self->written, g_strdup (record_id), written);
    }
  for (guint i = 0; i < targets->len; i++)
    g_hash_table_insert (written, g_strdup (g_ptr_array_index (targets, i)),
                         GSIZE_TO_POINTER ((gsize) revision));
}

/* The revision @follower can state: the oldest at which this outbox last wrote each of its
 * targets, or -1 if another's edit may have touched one since the follower's base. */
static gint64
own_revision (SpOutbox *self,
              JsonNode *follower)
{
  g_autoptr(GPtrArray) targets = command_targets (follower);
  GHashTable *written = g_hash_table_lookup (self->written, command_get (follower,
                                                                         "record_id"));
  gint64 oldest = G_MAXINT64;

  if (targets == NULL || targets->len == 0 || written == NULL)
    return -1;

  for (guint i = 0; i < targets->len; i++)
    {
      gpointer revision;

      if (!g_hash_table_lookup_extended (written, g_ptr_array_index (targets, i), NULL,
                                         &revision))
        return -1;
      oldest = MIN (oldest, (gint64) GPOINTER_TO_SIZE (revision));
    }

  return oldest;
}

/* "invitation" or "mapping" for a whole SIP part's PUT (merged by the server member by
 * member), else %NULL. */
static const char *
command_part (JsonNode *node)
{
  static const char * const parts[] = { "invitation", "mapping" };
  const char *path = command_get (node, "path");
  const char *slash = path != NULL ? strrchr (path, '/') : NULL;

  if (g_strcmp0 (command_get (node, "method"), "PUT") != 0 || slash == NULL ||
      strstr (path, "/sips/") == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_str_equal (slash + 1, parts[i]))
      return parts[i];
  return NULL;
}

static JsonObject *
body_part (JsonNode   *node,
           const char *part)
{
  JsonObject *body = json_object_get_object_member (json_node_get_object (node), "body");

  return body != NULL && json_object_has_member (body, part)
         ? json_object_get_object_member (body, part) : NULL;
}

/* A later edit of the same part as @applied, both made on the same view: its members that
 * equal @applied's (the user left them since) take what the server made of them (@answer's
 * part), so that it states only the user's newer changes on the new revision. Not when a
 * member the user changed since was also changed by someone else (@applied's value is not
 * the server's): on the new revision that change would overwrite theirs unseen, so it keeps
 * its base and the server finds the overlap. */
static gboolean
rebase_part (JsonNode   *follower,
             JsonNode   *applied,
             JsonNode   *answer,
             const char *part)
{
  JsonObject *mine = body_part (follower, part);
  JsonObject *before = body_part (applied, part);
  JsonObject *server = JSON_NODE_HOLDS_OBJECT (answer) &&
                       json_object_has_member (json_node_get_object (answer), part) &&
                       JSON_NODE_HOLDS_OBJECT (json_object_get_member (
                         json_node_get_object (answer), part))
                       ? json_object_get_object_member (json_node_get_object (answer), part)
                       : NULL;
  g_autoptr(JsonObject) rebased = NULL;
  g_autoptr(GList) names = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *objects[3] = { mine, server, before };

  if (mine == NULL || before == NULL || server == NULL)
    return FALSE;

  rebased = json_object_new ();
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      g_autoptr(GList) members = json_object_get_members (objects[i]);

      for (GList *l = members; l != NULL; l = l->next)
        if (g_hash_table_add (seen, l->data))
          names = g_list_append (names, l->data);
    }

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *m = json_object_get_member (mine, l->data);
      JsonNode *b = json_object_get_member (before, l->data);
      JsonNode *c = json_object_get_member (server, l->data);
      JsonNode *take = m;

      if (sp_json_node_same_value (m, b))
        take = c;
      else if (!sp_json_node_same_value (b, c))
        return FALSE;

      if (take != NULL)
        json_object_set_member (rebased, l->data, json_node_copy (take));
    }

  json_object_set_object_member (json_object_get_object_member (
                                   json_node_get_object (follower), "body"),
                                 part, g_steal_pointer (&rebased));
  return TRUE;
}

/* The commands behind an applied one that can move on to a newer revision (see the top). */
static GPtrArray *
rebase_followers (SpOutbox *self,
                  Command  *applied_command,
                  JsonNode *answer)
{
  JsonNode *applied = applied_command->node;
  GPtrArray *put = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  const char *record_id = command_get (applied, "record_id");
  const char *part = command_part (applied);
  gint64 base = body_base_revision (applied);
  gint64 revision;

  if (record_id == NULL || base < 0 || answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer) ||
      !json_object_has_member (json_node_get_object (answer), "revision"))
    return put;

  revision = json_object_get_int_member (json_node_get_object (answer), "revision");
  remember_written (self, record_id, applied, revision);

  for (GList *l = g_queue_find (&self->queue, applied_command)->next; l != NULL; l = l->next)
    {
      Command *follower = l->data;
      gint64 follower_base = body_base_revision (follower->node);
      gint64 rebased;

      if (g_strcmp0 (command_get (follower->node, "record_id"), record_id) != 0 ||
          follower_base < 0)
        continue;

      if (part != NULL && follower_base == base &&
          g_strcmp0 (command_part (follower->node), part) == 0 &&
          rebase_part (follower->node, applied, answer, part))
        rebased = revision;
      else if (revision == base + 1 && follower_base == base)
        rebased = revision;
      else
        rebased = own_revision (self, follower->node);
      if (rebased <= follower_base)
        continue;

      json_object_set_int_member (json_object_get_object_member (command_object (follower),
                                                                 "body"),
                                  "base_revision", rebased);
      g_ptr_array_add (put, json_node_ref (follower->node));
    }

  return put;
}

/* Transient: the command waits first in line. */
static gboolean
is_transient (const GError *error)
{
  return error->domain != SP_CLIENT_ERROR ||
         error->code == SP_CLIENT_ERROR_OFFLINE ||
         error->code == SP_CLIENT_ERROR_SERVER ||
         error->code == SP_CLIENT_ERROR_UNAUTHORIZED ||
         error->code == SP_CLIENT_ERROR_RATE_LIMITED ||
         error->code == SP_CLIENT_ERROR_PROTOCOL;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SpOutbox) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = sp_client_send_finish (SP_CLIENT (object), result, &error);
  Command *command = g_steal_pointer (&self->in_flight);
  g_autoptr(GPtrArray) put = NULL;
  const char *remove[2] = { command_get (command->node, "id"), NULL };
  JsonObject *object_ = command_object (command);

  /* A connection the server closed as the request went out fails like an outage. The key
   * makes a second try safe; only when that fails too is the server taken as unreachable. */
  if (answer == NULL && is_transient (error) && !command->resent)
    {
      command->resent = TRUE;
      self->sending = FALSE;
      pump (self);
      return;
    }

  if (answer == NULL && is_transient (error))
    {
      command->resent = FALSE;
      self->paused = TRUE;
      self->sending = FALSE;
      /* Everyone waiting hears "kept, sent later" now, not after the outage. */
      for (GList *l = self->queue.head; l != NULL; l = l->next)
        {
          Command *waiting = l->data;

          if (waiting->task != NULL)
            return_task (waiting->task, SP_OUTBOX_OUTCOME_QUEUED, NULL, NULL);
          g_clear_object (&waiting->task);
        }
      finish_pushes (self, error);
      return;
    }

  count_record (self->pending_records, command->node, -1);
  if (answer != NULL)
    {
      put = rebase_followers (self, command, answer);
      g_queue_remove (&self->queue, command);
      if (command->task != NULL)
        return_task (command->task, SP_OUTBOX_OUTCOME_APPLIED, answer, NULL);
      sp_cache_outbox_write_async (self->cache, put, remove, NULL, write_done_cb,
                                   g_object_ref (self));
    }
  else
    {
      JsonNode *current = sp_client_error_get_current (error);

      g_queue_remove (&self->queue, command);
      json_object_set_string_member (object_, "state",
                                     error->code == SP_CLIENT_ERROR_CONFLICT ? "conflict"
                                                                             : "rejected");
      json_object_set_string_member (object_, "error_message", error->message);
      json_object_set_string_member (object_, "error_code",
                                     sp_client_error_get_code (error));
      if (sp_client_error_get_field (error) != NULL)
        json_object_set_string_member (object_, "error_field",
                                       sp_client_error_get_field (error));
      if (current != NULL)
        json_object_set_member (object_, "current", json_node_copy (current));
      g_ptr_array_add (self->held, json_node_ref (command->node));
      count_record (self->held_records, command->node, 1);
      put = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
      g_ptr_array_add (put, json_node_ref (command->node));
      if (command->task != NULL)
        return_task (command->task, SP_OUTBOX_OUTCOME_APPLIED, NULL, error);
      sp_cache_outbox_write_async (self->cache, put, NULL, NULL, write_done_cb,
                                   g_object_ref (self));
    }

  marks_changed (self, command->node);
  command_free (command);
  notify_counts (self);
}

static void
pump (SpOutbox *self)
{
  Command *command;
  JsonObject *object;

  if (self->sending || !self->loaded || self->paused)
    return;

  command = g_queue_peek_head (&self->queue);
  if (command == NULL)
    {
      finish_pushes (self, NULL);
      return;
    }

  object = command_object (command);
  self->sending = TRUE;
  self->in_flight = command;
  sp_client_send_async (self->client, command_get (command->node, "method"),
                        command_get (command->node, "path"), NULL,
                        json_object_get_member (object, "body"),
                        command_get (command->node, "key"), NULL, send_cb,
                        g_object_ref (self));
}

static gint
compare_commands (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return g_strcmp0 (command_get (((Command *) a)->node, "id"),
                    command_get (((Command *) b)->node, "id"));
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SpOutbox) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) commands = sp_cache_outbox_load_finish (SP_CACHE (object), result,
                                                               &error);
  g_autoptr(GHashTable) queued = g_hash_table_new (g_str_hash, g_str_equal);

  if (commands == NULL)
    {
      /* Nothing to resend then; what is submitted from now on is still kept. */
      g_warning ("The outbox could not be read: %s", error->message);
      commands = g_ptr_array_new ();
    }

  for (GList *l = self->queue.head; l != NULL; l = l->next)
    g_hash_table_add (queued, (gpointer) command_get (((Command *) l->data)->node, "id"));

  for (guint i = 0; i < commands->len; i++)
    {
      JsonNode *node = g_ptr_array_index (commands, i);
      const char *state = command_get (node, "state");
      Command *command;

      if (g_strcmp0 (state, "pending") != 0)
        {
          g_ptr_array_add (self->held, json_node_ref (node));
          count_record (self->held_records, node, 1);
          continue;
        }
      if (g_hash_table_contains (queued, command_get (node, "id")))
        continue;

      command = g_new0 (Command, 1);
      command->node = json_node_ref (node);
      g_queue_push_tail (&self->queue, command);
      count_record (self->pending_records, node, 1);
    }

  g_queue_sort (&self->queue, compare_commands, NULL);
  self->loaded = TRUE;
  marks_changed (self, NULL);
  notify_counts (self);
  pump (self);
}

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
      g_value_set_uint (value, sp_outbox_get_n_pending (self));
      break;
    case PROP_N_HELD:
      g_value_set_uint (value, self->held->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_outbox_finalize (GObject *object)
{
  SpOutbox *self = SP_OUTBOX (object);

  g_queue_clear_full (&self->queue, (GDestroyNotify) command_free);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_pointer (&self->written, g_hash_table_unref);
  g_clear_pointer (&self->pending_records, g_hash_table_unref);
  g_clear_pointer (&self->held_records, g_hash_table_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->author, g_free);

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
  /**
   * SpOutbox:n-held:
   *
   * Commands the server refused or found in conflict, waiting for the user.
   */
  properties[PROP_N_HELD] =
    g_param_spec_uint ("n-held", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SpOutbox::marks-changed:
   * @record_id: (nullable): the record whose mark may have changed; %NULL: any record's
   *
   * A command on the record was kept, answered, held, retried or discarded: what
   * sp_outbox_get_mark() and sp_outbox_dup_pending() say of it may differ now.
   */
  signals[MARKS_CHANGED] =
    g_signal_new ("marks-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sp_outbox_init (SpOutbox *self)
{
  g_queue_init (&self->queue);
  g_queue_init (&self->pushes);
  self->held = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_hash_table_unref);
  self->pending_records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->held_records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * sp_outbox_new:
 * @client: where commands are sent
 * @cache: the opened local copy, which keeps the commands
 * @author: who makes the commands (the signed-in username)
 *
 * Reads the commands a previous run left and starts sending them.
 *
 * Returns: (transfer full): a new #SpOutbox
 */
SpOutbox *
sp_outbox_new (SpClient   *client,
               SpCache    *cache,
               const char *author)
{
  SpOutbox *self;

  g_return_val_if_fail (SP_IS_CLIENT (client), NULL);
  g_return_val_if_fail (SP_IS_CACHE (cache), NULL);
  g_return_val_if_fail (author != NULL, NULL);

  self = g_object_new (SP_TYPE_OUTBOX, NULL);
  self->client = g_object_ref (client);
  self->cache = g_object_ref (cache);
  self->author = g_strdup (author);
  sp_cache_outbox_load_async (cache, NULL, load_cb, g_object_ref (self));
  return self;
}

guint
sp_outbox_get_n_pending (SpOutbox *self)
{
  g_return_val_if_fail (SP_IS_OUTBOX (self), 0);

  return self->queue.length;
}

guint
sp_outbox_get_n_held (SpOutbox *self)
{
  g_return_val_if_fail (SP_IS_OUTBOX (self), 0);

  return self->held->len;
}

/**
 * sp_outbox_dup_held:
 *
 * Returns: (transfer container) (element-type JsonNode): the held commands, each an object
 *   with "id", "method", "path", "body", "record_id", "author", "queued_at", "state"
 *   ("conflict" or "rejected"), "error_message" (Swedish) and, for a conflict, "current"
 */
GPtrArray *
sp_outbox_dup_held (SpOutbox *self)
{
  GPtrArray *held;

  g_return_val_if_fail (SP_IS_OUTBOX (self), NULL);

  held = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = 0; i < self->held->len; i++)
    g_ptr_array_add (held, json_node_ref (g_ptr_array_index (self->held, i)));
  return held;
}

/**
 * sp_outbox_get_mark:
 * @record_id: a record's id, as the commands name it (an episode's, a message's, a SIP's)
 *
 * What to show on the record: a held command first (it needs the user), then a pending
 * one. A hash lookup: cheap enough for every row of a long list.
 *
 * Returns: the record's mark
 */
SpOutboxMark
sp_outbox_get_mark (SpOutbox   *self,
                    const char *record_id)
{
  g_return_val_if_fail (SP_IS_OUTBOX (self), SP_OUTBOX_MARK_NONE);

  if (record_id == NULL)
    return SP_OUTBOX_MARK_NONE;
  if (g_hash_table_contains (self->held_records, record_id))
    return SP_OUTBOX_MARK_HELD;
  if (g_hash_table_contains (self->pending_records, record_id))
    return SP_OUTBOX_MARK_PENDING;
  return SP_OUTBOX_MARK_NONE;
}

/**
 * sp_outbox_dup_pending:
 * @record_id: a record's id
 *
 * The commands on @record_id not yet answered, oldest first: what a page shows as "not sent
 * yet" (a queued message, an acknowledgement).
 *
 * Returns: (transfer container) (element-type JsonNode): the commands, each an object with
 *   "id", "method", "path", "body", "record_id", "author", "queued_at"; do not change them
 */
GPtrArray *
sp_outbox_dup_pending (SpOutbox   *self,
                       const char *record_id)
{
  GPtrArray *pending;

  g_return_val_if_fail (SP_IS_OUTBOX (self), NULL);

  pending = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  if (record_id == NULL || !g_hash_table_contains (self->pending_records, record_id))
    return pending;

  for (GList *l = self->queue.head; l != NULL; l = l->next)
    {
      Command *command = l->data;

      if (g_strcmp0 (command_get (command->node, "record_id"), record_id) == 0)
        g_ptr_array_add (pending, json_node_ref (command->node));
    }

  return pending;
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Command *command = user_data;
  SpOutbox *self = g_task_get_source_object (command->task);
  g_autoptr(GError) error = NULL;

  if (!sp_cache_outbox_write_finish (SP_CACHE (object), result, &error))
    {
      /* Not kept, so not sent either: the user must hear that it did not happen. */
      g_task_return_error (command->task, g_steal_pointer (&error));
      command_free (command);
      return;
    }

  g_queue_insert_sorted (&self->queue, command, compare_commands, NULL);
  count_record (self->pending_records, command->node, 1);
  /* The server was unreachable a moment ago: kept, and sent by the next push. */
  if (self->paused)
    {
      return_task (command->task, SP_OUTBOX_OUTCOME_QUEUED, NULL, NULL);
      g_clear_object (&command->task);
    }
  marks_changed (self, command->node);
  notify_counts (self);
  pump (self);
}

static char *
next_command_id (SpOutbox *self)
{
  /* Ordered by time, and strictly increasing within a run. */
  self->last_id = MAX (self->last_id + 1, g_get_real_time ());
  return g_strdup_printf ("%020" G_GINT64_FORMAT, self->last_id);
}

/**
 * sp_outbox_submit_async:
 * @method: "POST", "PUT", "PATCH" or "DELETE"
 * @path: the API path, e.g. "/api/v1/episodes/e-1/ready"
 * @body: (nullable): the request body; writes to an existing record carry "base_revision"
 * @record_id: (nullable): the record the command changes (for pending marks and rebasing)
 *
 * Keeps the command in the local copy, then sends it after the ones before it, once, under
 * an idempotency key of its own. Completes when the server answered or could not be reached.
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
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) put = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  Command *command;

  g_return_if_fail (SP_IS_OUTBOX (self));
  g_return_if_fail (method != NULL && path != NULL);

  set_string_take (object, "id", next_command_id (self));
  set_string_take (object, "key", g_uuid_string_random ());
  json_object_set_string_member (object, "method", method);
  json_object_set_string_member (object, "path", path);
  json_object_set_member (object, "body", body != NULL ? json_node_copy (body)
                                                       : json_node_new (JSON_NODE_NULL));
  if (record_id != NULL)
    json_object_set_string_member (object, "record_id", record_id);
  json_object_set_string_member (object, "author", self->author);
  set_string_take (object, "queued_at", g_date_time_format_iso8601 (now));
  json_object_set_string_member (object, "state", "pending");

  command = g_new0 (Command, 1);
  command->node = sp_json_node_new_object (g_steal_pointer (&object));
  command->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (command->task, sp_outbox_submit_async);
  g_ptr_array_add (put, json_node_ref (command->node));
  sp_cache_outbox_write_async (self->cache, put, NULL, NULL, stored_cb, command);
}

/**
 * sp_outbox_submit_finish:
 * @out_outcome: (out) (optional): whether the server applied the command or it waits
 *
 * Returns: (transfer full) (nullable): the server's answer when applied; %NULL without an
 *   error when queued; %NULL with a #SpClientError when the server refused it (a conflict
 *   carries the current record: sp_client_error_get_current()); the command is then held
 */
JsonNode *
sp_outbox_submit_finish (SpOutbox         *self,
                         GAsyncResult     *result,
                         SpOutboxOutcome  *out_outcome,
                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (out_outcome != NULL)
    *out_outcome = GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sp_outbox_push_async:
 *
 * Sends every waiting command, in order.
 */
void
sp_outbox_push_async (SpOutbox            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SP_IS_OUTBOX (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sp_outbox_push_async);
  g_queue_push_tail (&self->pushes, task);
  self->paused = FALSE;
  pump (self);
}

/**
 * sp_outbox_push_finish:
 *
 * Returns: %TRUE when no command waits any more (held ones aside); %FALSE with the error
 *   that stopped the queue (e.g. %SP_CLIENT_ERROR_OFFLINE)
 */
gboolean
sp_outbox_push_finish (SpOutbox      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static JsonNode *
take_held (SpOutbox   *self,
           const char *command_id)
{
  for (guint i = 0; i < self->held->len; i++)
    {
      JsonNode *node = g_ptr_array_index (self->held, i);

      if (g_strcmp0 (command_get (node, "id"), command_id) == 0)
        {
          count_record (self->held_records, node, -1);
          return g_ptr_array_steal_index (self->held, i);
        }
    }

  return NULL;
}

/* A whole part's conflict names its overlapping members ("invitation.agenda,…"): mine is
 * kept for those alone, on the same base, so that the server still merges the rest (a
 * newer base would make every stale member of mine overwrite someone's edit). */
static gboolean
keep_overlaps (JsonNode *node)
{
  const char *part = command_part (node);
  const char *field = command_get (node, "error_field");
  JsonObject *body;
  g_auto(GStrv) fields = NULL;
  JsonArray *keep;
  g_autofree char *prefix = NULL;

  if (part == NULL || field == NULL ||
      g_strcmp0 (command_get (node, "state"), "conflict") != 0 ||
      (body = json_object_get_object_member (json_node_get_object (node), "body")) == NULL)
    return FALSE;

  prefix = g_strconcat (part, ".", NULL);
  fields = g_strsplit (field, ",", -1);
  keep = json_array_new ();
  for (guint i = 0; fields[i] != NULL; i++)
    if (g_str_has_prefix (fields[i], prefix))
      json_array_add_string_element (keep, fields[i] + strlen (prefix));

  if (json_array_get_length (keep) == 0)
    {
      json_array_unref (keep);
      return FALSE;
    }

  json_object_set_array_member (body, "keep_mine", keep);
  return TRUE;
}

/**
 * sp_outbox_retry:
 * @command_id: a held command's "id"
 *
 * Sends a held command again, last in line. After a conflict it states the current
 * revision: the user has seen theirs and keeps this one.
 */
void
sp_outbox_retry (SpOutbox   *self,
                 const char *command_id)
{
  g_autoptr(GPtrArray) put = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autofree char *old_id = NULL;
  JsonNode *node;
  JsonObject *object;
  JsonNode *current;
  JsonNode *body;
  Command *command;

  g_return_if_fail (SP_IS_OUTBOX (self));

  /* @command_id may be the held command's own string, replaced below. */
  old_id = g_strdup (command_id);
  node = take_held (self, old_id);
  g_return_if_fail (node != NULL);

  object = json_node_get_object (node);
  current = json_object_get_member (object, "current");
  body = json_object_get_member (object, "body");
  if (keep_overlaps (node))
    ;
  else if (current != NULL && JSON_NODE_HOLDS_OBJECT (current) && body != NULL &&
           JSON_NODE_HOLDS_OBJECT (body) && body_base_revision (node) >= 0)
    json_object_set_int_member (json_node_get_object (body), "base_revision",
                                json_object_get_int_member (json_node_get_object (current),
                                                            "revision"));
  /* A new key: the changed body is a new request for the server. */
  set_string_take (object, "key", g_uuid_string_random ());
  json_object_set_string_member (object, "state", "pending");
  json_object_remove_member (object, "current");
  json_object_remove_member (object, "error_message");
  json_object_remove_member (object, "error_code");
  json_object_remove_member (object, "error_field");
  set_string_take (object, "id", next_command_id (self));

  command = g_new0 (Command, 1);
  command->node = node;
  g_ptr_array_add (put, json_node_ref (node));
  g_queue_push_tail (&self->queue, command);
  count_record (self->pending_records, node, 1);
  marks_changed (self, node);
  notify_counts (self);
  /* Stored under its new id; the old one leaves in the same transaction. */
  {
    const char *remove[2] = { old_id, NULL };

    sp_cache_outbox_write_async (self->cache, put, remove, NULL, resolved_cb,
                                 g_object_ref (self));
  }
}

/**
 * sp_outbox_discard:
 * @command_id: a held command's "id"
 *
 * Forgets a held command: the user chose the server's version.
 */
void
sp_outbox_discard (SpOutbox   *self,
                   const char *command_id)
{
  g_autoptr(JsonNode) node = NULL;
  const char *remove[2] = { command_id, NULL };

  g_return_if_fail (SP_IS_OUTBOX (self));

  node = take_held (self, command_id);
  g_return_if_fail (node != NULL);

  marks_changed (self, node);
  notify_counts (self);
  sp_cache_outbox_write_async (self->cache, NULL, remove, NULL, resolved_cb,
                               g_object_ref (self));
}

/**
 * sp_outbox_retry_part:
 * @command_id: a held conflict of a whole SIP part (`PUT …/invitation` or `…/mapping`)
 * @members: the value the user settled on for each overlapping member of the part
 * @keep_mine: (array zero-terminated=1) (nullable): those of @members to be taken over what
 *   the server has (the user's own value or a combination); the others are the server's
 *
 * Sends a held part conflict again, settled member by member (the conflict view): the part
 * with @members in place, "keep_mine" naming @keep_mine, on the command's own base, so that
 * the server still merges the members that did not overlap (the user's, and anyone's since).
 * A member settled as the server's value and changed again since is an overlap again.
 */
void
sp_outbox_retry_part (SpOutbox           *self,
                      const char         *command_id,
                      JsonObject         *members,
                      const char * const *keep_mine)
{
  JsonNode *node = NULL;
  JsonObject *object;
  JsonObject *part;
  JsonArray *keep;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_return_if_fail (SP_IS_OUTBOX (self));
  g_return_if_fail (members != NULL);

  for (guint i = 0; i < self->held->len && node == NULL; i++)
    if (g_strcmp0 (command_get (g_ptr_array_index (self->held, i), "id"), command_id) == 0)
      node = g_ptr_array_index (self->held, i);
  g_return_if_fail (node != NULL && command_part (node) != NULL);
  part = body_part (node, command_part (node));
  g_return_if_fail (part != NULL);

  json_object_iter_init (&iter, members);
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (part, name, json_node_copy (value));

  keep = json_array_new ();
  for (guint i = 0; keep_mine != NULL && keep_mine[i] != NULL; i++)
    json_array_add_string_element (keep, keep_mine[i]);
  object = json_node_get_object (node);
  json_object_set_array_member (json_object_get_object_member (object, "body"), "keep_mine",
                                keep);

  /* Settled here: sp_outbox_retry() must neither keep mine for every overlap (from
   * "error_field") nor move the command to the current revision (from "current"). */
  json_object_remove_member (object, "error_field");
  json_object_remove_member (object, "current");
  sp_outbox_retry (self, command_id);
}
