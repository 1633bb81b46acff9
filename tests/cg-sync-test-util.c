/* cg-sync-test-util.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cg-json.h"
#include "cg-sync-test-util.h"

#define RUN_LIMIT_S 120

char *
cg_sync_test_new_database (CgTestPeer *peer,
                           const char *prefix)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  char *name = g_strdup_printf ("%s-%u", prefix, ++counter);

  g_assert_true (cg_test_peer_create_db (peer, name, &error));
  g_assert_no_error (error);
  return name;
}

typedef struct {
  GMainLoop *loop;
  GError    *error;
} Run;

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Run *run = data;

  cg_replicator_run_finish (CG_REPLICATOR (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
on_run_too_long (gpointer data)
{
  g_error ("the replication did not finish within %d s", RUN_LIMIT_S);
  return G_SOURCE_REMOVE;
}

GError *
cg_sync_test_run (CgReplicator *rep,
                  GCancellable *cancellable)
{
  Run run = { g_main_loop_new (NULL, FALSE), NULL };
  guint limit = g_timeout_add_seconds (RUN_LIMIT_S, on_run_too_long, NULL);

  cg_replicator_run_async (rep, FALSE, cancellable, on_run_done, &run);
  g_main_loop_run (run.loop);
  g_source_remove (limit);
  g_main_loop_unref (run.loop);
  return run.error;
}

GHashTable *
cg_sync_test_server_documents (CgTestPeer *peer,
                               const char *db)
{
  g_autofree char *path = g_strdup_printf ("/%s/_all_docs?include_docs=true&conflicts=true", db);
  guint status = 0;
  g_autoptr(JsonNode) reply = cg_test_peer_request (peer, "GET", path, NULL, &status);
  GHashTable *docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *rows;

  g_assert_cmpuint (status, ==, 200);
  rows = cg_json_get_array (json_node_get_object (reply), "rows");
  g_assert_nonnull (rows);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonObject *doc = cg_json_get_object (row, "doc");
      const char *id = cg_json_get_string (row, "id");

      if (g_str_has_prefix (id, "_design/"))
        continue;
      if (cg_json_get_array (doc, "_conflicts") != NULL)
        g_error ("%s has conflicts on the server", id);
      g_hash_table_insert (docs, g_strdup (id), g_strdup (cg_json_get_string (doc, "_rev")));
    }
  return docs;
}

gboolean
cg_sync_test_wait_for (gboolean (*cond) (gpointer),
                       gpointer   data,
                       guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}
