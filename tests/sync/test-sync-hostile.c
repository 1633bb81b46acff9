/* test-sync-hostile.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hostile documents from the server (QUALITY.md "Reliability"): the test
 * puts into a database on the real test peer documents of the wrong types,
 * without required fields, with 10 MB strings, nested 1,000 levels deep,
 * with text that is not valid Unicode (lone surrogates as \u escapes, the
 * only way the peer can hold them: it turns raw invalid bytes into U+FFFD
 * itself), a NUL, an over-long id, and ids that look like SQL or FTS
 * queries — between 50 normal documents. A pull must refuse each hostile
 * one alone, with a logged reason, bring every normal one, and leave a
 * store that searches and passes PRAGMA integrity_check.
 */
#include "config.h"

#include <string.h>

#include "cg-sync-test-util.h"
#include "cg-test-peer.h"
#include "cg-test-util.h"

#define N_NORMAL 50

static CgTestPeer *peer;

typedef struct {
  const char *id;       /* as JSON string content (escapes allowed) */
  const char *what;
} Hostile;

static char *
valid_body_members (void)
{
  return g_strdup ("\"type\": \"customer\", \"phones\": [], \"created_at\": \"2026-11-01T09:00:00Z\","
                   " \"updated_at\": \"2026-11-01T09:00:00Z\"");
}

static char *
deep (guint levels, gboolean objects)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < levels; i++)
    g_string_append (s, objects ? "{\"a\":" : "[");
  g_string_append (s, "1");
  for (guint i = 0; i < levels; i++)
    g_string_append (s, objects ? "}" : "]");
  return g_string_free (s, FALSE);
}

static char *
big_string (gsize bytes)
{
  char *s = g_malloc (bytes + 1);
  memset (s, 'x', bytes);
  s[bytes] = '\0';
  return s;
}

/* One document per _bulk_docs request, so that whatever the peer refuses
 * is known. Returns whether the peer stored it. */
static gboolean
put_doc (const char *db, const char *doc_json)
{
  g_autofree char *path = g_strdup_printf ("/%s/_bulk_docs", db);
  g_autofree char *body = g_strdup_printf ("{\"docs\": [%s]}", doc_json);
  guint status = 0;
  g_autoptr(JsonNode) reply = cg_test_peer_request (peer, "POST", path, body, &status);
  JsonArray *results;
  JsonObject *result;

  if (status == 201 && reply == NULL)
    return TRUE;   /* stored; the reply echoes an id json-glib cannot read */
  if (status != 201 || reply == NULL || !JSON_NODE_HOLDS_ARRAY (reply))
    {
      g_test_message ("the peer refused a document (HTTP %u)", status);
      return FALSE;
    }
  results = json_node_get_array (reply);
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  result = json_array_get_object_element (results, 0);
  if (cg_json_get_string (result, "error") != NULL)
    {
      g_test_message ("the peer refused %s: %s", cg_json_get_string (result, "id"),
                      cg_json_get_string (result, "error"));
      return FALSE;
    }
  return TRUE;
}

/* The replicator's messages (core logs structured), while capturing. */
static GPtrArray *logged;

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      domain = fields[i].value;
    else if (g_str_equal (fields[i].key, "MESSAGE"))
      message = fields[i].value;
  if (logged != NULL && g_strcmp0 (domain, "cg-replicator") == 0 && message != NULL &&
      (level & G_LOG_LEVEL_MESSAGE))
    {
      g_ptr_array_add (logged, g_strdup (message));
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (level, fields, n_fields, data);
}

static gboolean
logged_about (const char *id)
{
  for (guint i = 0; i < logged->len; i++)
    if (strstr (g_ptr_array_index (logged, i), id) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_hostile_pull (void)
{
  g_autoptr(GError) error = NULL;
  const char *db = "changgu-hostile";
  g_autofree char *members = valid_body_members ();
  g_autofree char *ten_mb = big_string (10 * 1024 * 1024);
  g_autofree char *deep_arrays = deep (1000, FALSE);
  g_autofree char *deep_objects = deep (1000, TRUE);
  g_autofree char *long_id = NULL;
  g_autoptr(GPtrArray) hostile_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) normal_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  g_autoptr(CgStore) store = NULL;
  g_autoptr(CgRemote) remote = NULL;
  g_autoptr(CgReplicator) rep = NULL;
  g_autoptr(GString) korean = g_string_new (NULL);
  struct {
    const char *id;          /* printable: what the log and the assertions look for */
    char       *json;        /* the document as sent */
  } hostile[] = {
    { "customer:wrong-type-name", g_strdup_printf ("{\"_id\": \"customer:wrong-type-name\", %s, \"name\": 42}", members) },
    { "customer:wrong-type-phones", g_strdup ("{\"_id\": \"customer:wrong-type-phones\", \"type\": \"customer\", \"name\": \"A\","
                                             " \"phones\": \"010\", \"created_at\": \"2026-11-01T09:00:00Z\","
                                             " \"updated_at\": \"2026-11-01T09:00:00Z\"}") },
    { "customer:wrong-type-type", g_strdup ("{\"_id\": \"customer:wrong-type-type\", \"type\": [\"customer\"], \"name\": \"A\"}") },
    { "customer:missing-fields", g_strdup ("{\"_id\": \"customer:missing-fields\", \"type\": \"customer\"}") },
    { "thing:no-type", g_strdup ("{\"_id\": \"thing:no-type\", \"name\": \"no type at all\"}") },
    { "customer:unknown-type", g_strdup ("{\"_id\": \"customer:unknown-type\", \"type\": \"'; DROP TABLE docs; --\", \"name\": \"A\"}") },
    { "customer:ten-mb-name", g_strdup_printf ("{\"_id\": \"customer:ten-mb-name\", %s, \"name\": \"%s\"}", members, ten_mb) },
    { "customer:ten-mb-extra", g_strdup_printf ("{\"_id\": \"customer:ten-mb-extra\", %s, \"name\": \"A\", \"blob\": \"%s\"}", members, ten_mb) },
    { "customer:deep-arrays", g_strdup_printf ("{\"_id\": \"customer:deep-arrays\", %s, \"name\": \"A\", \"deep\": %s}", members, deep_arrays) },
    { "customer:deep-objects", g_strdup_printf ("{\"_id\": \"customer:deep-objects\", %s, \"name\": \"A\", \"deep\": %s}", members, deep_objects) },
    { "customer:lone-high", g_strdup_printf ("{\"_id\": \"customer:lone-high\", %s, \"name\": \"Kim \\ud800 Lee\"}", members) },
    { "customer:lone-low-end", g_strdup_printf ("{\"_id\": \"customer:lone-low-end\", %s, \"name\": \"Lee\\udc00\"}", members) },
    { "customer:lone-in-key", g_strdup_printf ("{\"_id\": \"customer:lone-in-key\", %s, \"name\": \"A\", \"x\\ud83d\": 1}", members) },
    { "customer:lone-in-id", g_strdup_printf ("{\"_id\": \"customer:lone-in-id\\ud83d\", %s, \"name\": \"A\"}", members) },
    { "customer:nul", g_strdup_printf ("{\"_id\": \"customer:nul\", %s, \"name\": \"Kim\\u0000; DROP TABLE docs\"}", members) },
    { NULL, NULL },   /* the over-long id, filled in below */
  };
  /* Not hostile to a store that binds its parameters: they must arrive. */
  const char *odd_ids[] = {
    "customer:'; DROP TABLE docs; --",
    "customer:\\\"a\\\" OR \\\"b\\\"",
    "customer:NEAR(",
    "customer:a*) OR (b",
  };
  const char *odd_ids_plain[] = {
    "customer:'; DROP TABLE docs; --",
    "customer:\"a\" OR \"b\"",
    "customer:NEAR(",
    "customer:a*) OR (b",
  };
  guint stored_hostile = 0;

  g_assert_true (cg_test_peer_create_db (peer, db, &error));
  g_assert_no_error (error);

  /* An id of 200 Korean syllables: 600 bytes, over the 512-byte limit. */
  for (guint i = 0; i < 200; i++)
    g_string_append (korean, "가");
  long_id = g_strdup_printf ("customer:%s", korean->str);
  hostile[G_N_ELEMENTS (hostile) - 1].id = long_id;
  hostile[G_N_ELEMENTS (hostile) - 1].json = g_strdup_printf ("{\"_id\": \"%s\", %s, \"name\": \"A\"}", long_id, members);

  /* Normal, hostile, normal…: every batch of the pull mixes them. */
  for (guint i = 0; i < N_NORMAL; i++)
    {
      g_autofree char *id = g_strdup_printf ("customer:normal-%02u", i);
      g_autofree char *json = g_strdup_printf ("{\"_id\": \"%s\", %s, \"name\": \"정상 고객 %u\"}", id, members, i);
      g_assert_true (put_doc (db, json));
      g_ptr_array_add (normal_ids, g_steal_pointer (&id));
      if (i < G_N_ELEMENTS (hostile))
        {
          if (put_doc (db, hostile[i].json))
            {
              g_ptr_array_add (hostile_ids, g_strdup (hostile[i].id));
              stored_hostile++;
            }
          else
            g_test_message ("the peer cannot store %s", hostile[i].id);
        }
      if (i < G_N_ELEMENTS (odd_ids))
        {
          g_autofree char *odd = g_strdup_printf ("{\"_id\": \"%s\", %s, \"name\": \"NEAR( \\\"a\\\" OR \\\"b\\\" *\"}",
                                                  odd_ids[i], members);
          g_assert_true (put_doc (db, odd));
          g_ptr_array_add (normal_ids, g_strdup (odd_ids_plain[i]));
        }
    }
  /* Raw invalid UTF-8: the peer decodes the body itself and keeps U+FFFD,
   * so what arrives is valid text (a normal document). */
  g_assert_true (put_doc (db, "{\"_id\": \"customer:raw-bytes\", \"type\": \"customer\", \"name\": \"Kim \xff\xfe Lee\","
                              " \"phones\": [], \"created_at\": \"2026-11-01T09:00:00Z\", \"updated_at\": \"2026-11-01T09:00:00Z\"}"));
  g_ptr_array_add (normal_ids, g_strdup ("customer:raw-bytes"));
  cg_test_peer_assert_alive (peer);
  g_test_message ("%u hostile documents on the server, %u normal", stored_hostile, normal_ids->len);

  /* Pull in batches of 10, with the log captured. */
  store = cg_test_open_store (&path);
  remote = cg_remote_new (cg_test_peer_get_url (peer), db, NULL, NULL, &error);
  g_assert_no_error (error);
  logged = g_ptr_array_new_with_free_func (g_free);
  {
    g_autoptr(GError) failure = NULL;
    rep = cg_replicator_new (path, remote, CG_REPLICATION_PULL, "hostile-device");
    cg_replicator_set_batch_size (rep, 10);
    failure = cg_sync_test_run (rep, NULL);
    /* A hostile document never stops the run. */
    g_assert_no_error (failure);
  }
  for (guint i = 0; i < logged->len; i++)
    {
      const char *m = g_ptr_array_index (logged, i);
      g_autofree char *shown = cg_json_shorten (m, 200);
      g_test_message ("logged: %s", shown);
      /* Shown in the UI as it is: must be text. */
      g_assert_true (g_utf8_validate (m, -1, NULL));
    }

  /* Each hostile one refused, with a reason in the log. */
  g_assert_cmpuint (cg_replicator_get_docs_failed (rep), ==, stored_hostile);
  g_assert_nonnull (cg_replicator_get_last_rejection (rep));
  g_assert_true (g_utf8_validate (cg_replicator_get_last_rejection (rep), -1, NULL));
  for (guint i = 0; i < hostile_ids->len; i++)
    {
      const char *id = g_ptr_array_index (hostile_ids, i);
      g_autofree char *prefix = g_strndup (id, MIN (strlen (id), 20));   /* long or mangled ids: their start */
      g_autoptr(JsonObject) doc = cg_store_get (store, id, FALSE, NULL);
      if (!logged_about (prefix))
        g_error ("no reason logged for %s", id);
      g_assert_null (doc);
    }
  /* Every normal one arrived, intact. */
  for (guint i = 0; i < normal_ids->len; i++)
    {
      const char *id = g_ptr_array_index (normal_ids, i);
      g_autoptr(JsonObject) doc = cg_store_get (store, id, FALSE, &error);
      if (doc == NULL)
        g_error ("normal document %s did not arrive: %s", id, error->message);
      g_assert_true (g_utf8_validate (cg_json_get_string (doc, "name"), -1, NULL));
    }
  g_assert_cmpuint (cg_store_count_documents (store, NULL), ==, normal_ids->len);
  g_assert_cmpuint (cg_replicator_get_docs_written (rep), ==, normal_ids->len);
  g_assert_cmpuint (cg_store_count_pending (store), ==, 0);

  /* The store still works: search (with the hostile strings as queries
   * too) and the file is sound. */
  {
    const char *queries[] = { "정상 고객", "'; DROP TABLE docs; --", "\"a\" OR \"b\"", "NEAR(", "a*) OR (b", "Kim", NULL };
    for (guint i = 0; queries[i] != NULL; i++)
      {
        g_autoptr(GArray) hits = cg_store_search_customers (store, queries[i], 100, &error);
        g_assert_no_error (error);
        g_assert_nonnull (hits);
        if (i == 0)
          g_assert_cmpuint (hits->len, >=, N_NORMAL);
      }
  }
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM customers"), ==,
                   cg_store_count_documents (store, "customer"));
  cg_test_assert_integrity (path);

  /* The next run does not fetch them again: they are behind the checkpoint. */
  {
    g_autoptr(CgReplicator) again = cg_replicator_new (path, remote, CG_REPLICATION_PULL, "hostile-device");
    g_autoptr(GError) failure = cg_sync_test_run (again, NULL);
    g_assert_no_error (failure);
    g_assert_cmpuint (cg_replicator_get_changes_read (again), ==, 0);
    g_assert_cmpuint (cg_replicator_get_docs_failed (again), ==, 0);
  }

  /* The sync manager shows the refusals: counted, the last one named. */
  {
    g_autoptr(CgStore) other = cg_test_open_store (NULL);
    g_autoptr(CgSyncManager) manager = cg_sync_manager_new (other, remote, "hostile-device-2");
    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    cg_sync_manager_set_live (manager, FALSE);
    cg_sync_manager_set_batch_size (manager, 10);
    {
        cg_sync_manager_start (manager);
      while (cg_sync_manager_get_state (manager) != CG_SYNC_STATE_UP_TO_DATE && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      cg_sync_manager_stop (manager);
      }
    g_assert_cmpint (cg_sync_manager_get_state (manager), ==, CG_SYNC_STATE_DISABLED);
    g_assert_cmpuint (cg_sync_manager_get_rejected (manager), ==, stored_hostile);
    g_assert_nonnull (cg_sync_manager_get_last_rejection (manager));
    g_assert_true (g_utf8_validate (cg_sync_manager_get_last_rejection (manager), -1, NULL));
    g_assert_cmpuint (cg_store_count_documents (other, NULL), ==, normal_ids->len);
    g_test_message ("sync manager: %u refused, last: %.120s", cg_sync_manager_get_rejected (manager),
                    cg_sync_manager_get_last_rejection (manager));
  }
  g_clear_pointer (&logged, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    g_free (hostile[i].json);
  cg_test_peer_assert_alive (peer);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int result;

  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  peer = cg_test_peer_start (&error);
  if (peer == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_test_add_func ("/sync-hostile/pull", test_hostile_pull);
  result = g_test_run ();
  cg_test_peer_stop (peer);
  return result;
}
