/* test-sync.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sync against the real test peer (pouchdb-server from npm, started here on
 * a free loopback port), never an imitation: pull and push, convergence of
 * two devices, conflicts and their resolution, deletions, resuming after an
 * interruption, the offline queue, 401, live changes, and faults injected by
 * our proxy.
 */
#include "config.h"

#include <string.h>

#include "cg-fault-proxy.h"
#include "cg-sync-test-util.h"
#include "cg-test-peer.h"
#include "cg-test-util.h"

static CgTestPeer *peer;

/* A fresh database on the peer for each test. */
static char *
new_database (void)
{
  return cg_sync_test_new_database (peer, "changgu-test");
}

static CgRemote *
remote_for (const char *url,
            const char *db)
{
  g_autoptr(GError) error = NULL;
  CgRemote *remote = cg_remote_new (url, db, NULL, NULL, &error);

  g_assert_no_error (error);
  return remote;
}

/* One one-shot replication; returns the replicator for its counters. */
static CgReplicator *
replicate (CgStore                *store,
           CgRemote               *remote,
           CgReplicationDirection  direction,
           guint                   batch_size,
           GError                **error)
{
  CgReplicator *rep = cg_replicator_new (cg_store_get_path (store), remote, direction, "test-device");
  GError *failure;

  if (batch_size)
    cg_replicator_set_batch_size (rep, batch_size);
  failure = cg_sync_test_run (rep, NULL);
  if (failure != NULL)
    g_propagate_error (error, failure);
  return rep;
}

static void
replicate_ok (CgStore *store, CgRemote *remote, CgReplicationDirection direction)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgReplicator) rep = replicate (store, remote, direction, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cg_replicator_get_docs_failed (rep), ==, 0);
}

/* Both ways, as a device's sync does. */
static void
sync_both (CgStore *store, CgRemote *remote)
{
  replicate_ok (store, remote, CG_REPLICATION_PUSH);
  replicate_ok (store, remote, CG_REPLICATION_PULL);
}

static gboolean
collect_id (const char *id, const char *rev, gint64 seq, gpointer data)
{
  g_ptr_array_add (data, g_strdup (id));
  return TRUE;
}

/* The same live documents, the same winners and bodies, the same leaves. */
static void
assert_same_stores (CgStore *a, CgStore *b)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  cg_store_foreach_document (a, NULL, collect_id, ids);
  g_assert_cmpuint (cg_store_count_documents (a, NULL), ==, cg_store_count_documents (b, NULL));
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) da = cg_store_get (a, id, TRUE, &error);
      g_autoptr(JsonObject) db = cg_store_get (b, id, TRUE, &error);
      g_autofree char *ta = NULL, *tb = NULL;
      g_auto(GStrv) la = cg_store_get_leaves (a, id, TRUE);
      g_auto(GStrv) lb = cg_store_get_leaves (b, id, TRUE);

      g_assert_no_error (error);
      ta = cg_json_to_string (da);
      tb = cg_json_to_string (db);
      /* Equal as JSON: the server may reorder members. */
      {
        g_autoptr(JsonNode) na = json_node_init_object (json_node_alloc (), da);
        g_autoptr(JsonNode) nb = json_node_init_object (json_node_alloc (), db);
        if (!json_node_equal (na, nb))
          g_error ("%s differs:\n  %s\n  %s", id, ta, tb);
      }
      g_assert_true (g_strv_equal ((const char * const *) la, (const char * const *) lb));
    }
}

static guint
server_doc_count (const char *db)
{
  g_autofree char *path = g_strdup_printf ("/%s", db);
  guint status = 0;
  g_autoptr(JsonNode) info = cg_test_peer_request (peer, "GET", path, NULL, &status);
  gint64 count = -1;

  g_assert_cmpuint (status, ==, 200);
  cg_json_get_int (json_node_get_object (info), "doc_count", &count);
  return (guint) count;
}

static void
add_customers (CgStore *store, guint n, const char *prefix)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", prefix, i);
      g_autofree char *phone = g_strdup_printf ("010-%04u-%04u", i % 10000, (i * 7) % 10000);
      g_autofree char *id = cg_customer_create (store, name, phone, NULL, "ko", &error);
      g_assert_no_error (error);
    }
  g_assert_true (cg_store_commit (store, &error));
}

/* ------------------------------------------------------------------ tests */

static void
test_push_pull_converge (void)
{
  g_autofree char *db = new_database ();
  g_autoptr(CgRemote) remote = remote_for (cg_test_peer_get_url (peer), db);
  g_autoptr(CgStore) a = cg_test_open_store (NULL);
  g_autoptr(CgStore) b = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  CgCaseDraft draft = { .channel = "counter", .category = "repair", .subject = "지퍼 고장",
                        .priority = "high", .created_by = "staff:1" };
  g_autofree char *case_id = NULL;
  g_autofree char *note = NULL;

  add_customers (a, 120, "김민준");
  case_id = cg_case_create (a, &draft, &error);
  note = cg_case_add_note (a, case_id, "staff:1", "customer", "금요일까지 수선해 드리겠습니다.", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cg_store_count_pending (a), ==, 122);

  /* Small batches, so several checkpoints are written. */
  {
    g_autoptr(CgReplicator) rep = replicate (a, remote, CG_REPLICATION_PUSH, 50, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (cg_replicator_get_docs_written (rep), ==, 122);
  }
  g_assert_cmpuint (cg_store_count_pending (a), ==, 0);
  g_assert_cmpuint (server_doc_count (db), ==, 122);

  /* A new device pulls into an empty store. */
  {
    g_autoptr(CgReplicator) rep = replicate (b, remote, CG_REPLICATION_PULL, 50, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (cg_replicator_get_docs_written (rep), ==, 122);
    g_assert_cmpuint (cg_replicator_get_total (rep), ==, 122);
  }
  g_assert_cmpuint (cg_store_count_pending (b), ==, 0);
  assert_same_stores (a, b);
  /* Pulled documents are projected and searchable. */
  {
    g_autoptr(GArray) hits = cg_store_search_customers (b, "민준 7", 500, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, >, 0);
  }

  /* B edits and adds; A catches up. */
  {
    g_autoptr(JsonObject) changes = cg_test_json ("{\"tier\": \"gold\"}");
    g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
    cg_store_foreach_document (b, "customer", collect_id, ids);
    for (guint i = 0; i < 5; i++)
      g_assert_true (cg_customer_update (b, g_ptr_array_index (ids, i), changes, &error));
    add_customers (b, 3, "Alex");
  }
  g_assert_cmpuint (cg_store_count_pending (b), ==, 8);
  sync_both (b, remote);
  sync_both (a, remote);
  assert_same_stores (a, b);
  g_assert_cmpuint (cg_store_count_pending (a), ==, 0);
  g_assert_cmpuint (cg_store_count_pending (b), ==, 0);

  /* Nothing left to do: a second run moves nothing. */
  {
    g_autoptr(CgReplicator) rep = replicate (a, remote, CG_REPLICATION_PULL, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (cg_replicator_get_docs_written (rep), ==, 0);
  }
  cg_test_peer_assert_alive (peer);
}

static void
test_conflict_and_resolution (void)
{
  g_autofree char *db = new_database ();
  g_autoptr(CgRemote) remote = remote_for (cg_test_peer_get_url (peer), db);
  g_autoptr(CgStore) a = cg_test_open_store (NULL);
  g_autoptr(CgStore) b = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = cg_customer_create (a, "박지훈", "010-3333-4444", NULL, "ko", &error);
  g_autoptr(JsonObject) on_a = NULL;
  g_autoptr(JsonObject) on_b = NULL;
  g_autofree char *tomb = NULL;
  g_auto(GStrv) conflicts_a = NULL;

  sync_both (a, remote);
  sync_both (b, remote);

  /* Both devices edit the same customer while offline. */
  {
    g_autoptr(JsonObject) ca = cg_test_json ("{\"tier\": \"gold\"}");
    g_autoptr(JsonObject) cb = cg_test_json ("{\"notes\": \"prefers SMS\"}");
    g_assert_true (cg_customer_update (a, id, ca, &error));
    g_assert_true (cg_customer_update (b, id, cb, &error));
  }
  sync_both (a, remote);
  sync_both (b, remote);
  sync_both (a, remote);

  on_a = cg_store_get (a, id, TRUE, &error);
  on_b = cg_store_get (b, id, TRUE, &error);
  g_assert_no_error (error);
  /* The same winner on both devices, and both flag the conflict. */
  g_assert_cmpstr (cg_json_get_string (on_a, "_rev"), ==, cg_json_get_string (on_b, "_rev"));
  g_assert_cmpuint (cg_store_count_conflicts (a), ==, 1);
  g_assert_cmpuint (cg_store_count_conflicts (b), ==, 1);
  g_assert_nonnull (cg_json_get_array (on_a, "_conflicts"));
  assert_same_stores (a, b);

  /* A resolves it (removes the losing branch); B sees it resolved. */
  tomb = cg_store_delete (a, id, cg_json_array_get_string (cg_json_get_array (on_a, "_conflicts"), 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cg_store_count_conflicts (a), ==, 0);
  sync_both (a, remote);
  sync_both (b, remote);
  g_assert_cmpuint (cg_store_count_conflicts (b), ==, 0);
  assert_same_stores (a, b);

  /* Deletions propagate. */
  {
    g_autoptr(JsonObject) current = cg_store_get (b, id, FALSE, &error);
    g_autofree char *gone = cg_store_delete (b, id, cg_json_get_string (current, "_rev"), &error);
    g_assert_no_error (error);
  }
  sync_both (b, remote);
  sync_both (a, remote);
  g_assert_null (cg_store_get (a, id, FALSE, &error));
  g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (cg_test_query_int (a, "SELECT count(*) FROM customers"), ==, 0);
  conflicts_a = cg_store_list_conflicts (a);
  g_assert_cmpuint (g_strv_length (conflicts_a), ==, 0);
}

static gboolean
count_batches (CgReplicator *rep, gpointer data)
{
  return FALSE;
}

static void
on_progress_cancel_after (CgReplicator *rep, GCancellable *cancellable)
{
  /* Cut the run once some, not all, batches landed. */
  if (cg_replicator_get_docs_written (rep) >= 300)
    g_cancellable_cancel (cancellable);
}

static void
test_resume_after_interruption (void)
{
  g_autofree char *db = new_database ();
  g_autoptr(CgRemote) remote = remote_for (cg_test_peer_get_url (peer), db);
  g_autoptr(CgStore) a = cg_test_open_store (NULL);
  g_autoptr(CgStore) b = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CgReplicator) rep = NULL;
  g_autoptr(GError) interrupted = NULL;
  guint64 first_run;

  add_customers (a, 1000, "Resume");
  replicate_ok (a, remote, CG_REPLICATION_PUSH);

  /* Interrupted pull. */
  rep = cg_replicator_new (cg_store_get_path (b), remote, CG_REPLICATION_PULL, "test-device");
  cg_replicator_set_batch_size (rep, 100);
  g_signal_connect (rep, "progress", G_CALLBACK (on_progress_cancel_after), cancellable);
  interrupted = cg_sync_test_run (rep, cancellable);
  g_assert_error (interrupted, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  first_run = cg_store_count_documents (b, "customer");
  g_assert_cmpuint (first_run, >=, 300);
  g_assert_cmpuint (first_run, <, 1000);
  g_clear_object (&rep);

  /* The next run starts from the checkpoint, not from 0. */
  rep = replicate (b, remote, CG_REPLICATION_PULL, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cg_replicator_get_docs_read (rep), <=, 1000 - first_run + 100);
  g_assert_cmpuint (cg_store_count_documents (b, "customer"), ==, 1000);
  g_assert_cmpint (cg_test_query_int (b, "SELECT count(*) FROM revs"), ==, 1000);
  assert_same_stores (a, b);
  g_clear_object (&rep);

  /* Replaying everything (checkpoint forgotten) is harmless. */
  {
    g_autoptr(CgReplicator) again = NULL;
    g_autofree char *local_id = NULL;
    rep = cg_replicator_new (cg_store_get_path (b), remote, CG_REPLICATION_PULL, "test-device");
    local_id = g_strconcat ("_local/", cg_replicator_get_id (rep), NULL);
    g_assert_true (cg_store_put_local (b, local_id, NULL, &error));
    g_clear_object (&rep);
    again = replicate (b, remote, CG_REPLICATION_PULL, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (cg_replicator_get_docs_written (again), ==, 0);
    g_assert_cmpint (cg_test_query_int (b, "SELECT count(*) FROM revs"), ==, 1000);
  }
  (void) count_batches;
}

typedef struct {
  CgFault     fault;
  const char *path;
  int         expected_code;
  gboolean    push;
} FaultCase;

static void
test_faults (gconstpointer data)
{
  const FaultCase *fc = data;
  g_autofree char *db = new_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFaultProxy) proxy = cg_fault_proxy_new (cg_test_peer_get_url (peer), &error);
  g_autoptr(CgRemote) direct = remote_for (cg_test_peer_get_url (peer), db);
  g_autoptr(CgRemote) faulty = remote_for (cg_fault_proxy_get_url (proxy), db);
  g_autoptr(CgStore) a = cg_test_open_store (NULL);
  g_autoptr(CgStore) b = cg_test_open_store (NULL);
  CgStore *writer = fc->push ? a : b;

  g_assert_no_error (error);
  cg_remote_set_timeout (faulty, 2);
  cg_fault_proxy_set_delay_ms (proxy, 4000);
  add_customers (a, 250, "Fault");
  if (!fc->push)
    replicate_ok (a, direct, CG_REPLICATION_PUSH);

  /* The fault: a clear error of the right kind, nothing half-written. */
  cg_fault_proxy_set_fault (proxy, fc->fault, 1, fc->path);
  {
    g_autoptr(CgReplicator) rep = replicate (writer, faulty, fc->push ? CG_REPLICATION_PUSH : CG_REPLICATION_PULL, 100, &error);
    g_assert_error (error, CG_SYNC_ERROR, fc->expected_code);
    g_assert_cmpstr (error->message, !=, "");
    g_clear_error (&error);
  }
  g_assert_cmpuint (cg_fault_proxy_get_injected (proxy), ==, 1);

  /* After the fault clears: full convergence, nothing lost or doubled. */
  if (fc->push)
    {
      replicate_ok (a, faulty, CG_REPLICATION_PUSH);
      g_assert_cmpuint (cg_store_count_pending (a), ==, 0);
      g_assert_cmpuint (server_doc_count (db), ==, 250);
      replicate_ok (b, direct, CG_REPLICATION_PULL);
    }
  else
    replicate_ok (b, faulty, CG_REPLICATION_PULL);
  assert_same_stores (a, b);
  g_assert_cmpint (cg_test_query_int (b, "SELECT count(*) FROM revs"), ==, 250);
  cg_test_peer_assert_alive (peer);
}

/* ----------------------------------------------------- the sync manager */

static gboolean
is_offline (gpointer data)
{
  return cg_sync_manager_get_state (data) == CG_SYNC_STATE_OFFLINE;
}

static gboolean
is_drained (gpointer data)
{
  return cg_sync_manager_get_pending (data) == 0 &&
         cg_sync_manager_get_state (data) == CG_SYNC_STATE_UP_TO_DATE;
}

static gboolean
needs_setup (gpointer data)
{
  return cg_sync_manager_get_state (data) == CG_SYNC_STATE_NEEDS_SETUP;
}

static void
test_offline_queue_drains (void)
{
  g_autofree char *db = new_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFaultProxy) proxy = cg_fault_proxy_new (cg_test_peer_get_url (peer), &error);
  g_autoptr(CgRemote) remote = remote_for (cg_fault_proxy_get_url (proxy), db);
  g_autoptr(CgStore) a = cg_test_open_store (NULL);
  g_autoptr(CgSyncManager) manager = cg_sync_manager_new (a, remote, "device-a");

  /* The server is unreachable. */
  cg_fault_proxy_set_fault (proxy, CG_FAULT_REFUSE, 0, NULL);
  cg_sync_manager_set_backoff (manager, 100, 400);
  cg_sync_manager_start (manager);
  g_assert_true (cg_sync_test_wait_for (is_offline, manager, 10000));
  g_assert_cmpint (cg_sync_manager_get_error_kind (manager), ==, CG_SYNC_ERROR_NETWORK);
  g_assert_nonnull (cg_sync_manager_get_error_message (manager));
  g_assert_cmpint (cg_sync_manager_get_next_retry (manager), >, 0);

  /* Work goes on; the queue grows. */
  add_customers (a, 7, "Offline");
  g_assert_cmpuint (cg_sync_manager_get_pending (manager), ==, 7);
  g_assert_cmpuint (server_doc_count (db), ==, 0);

  /* The server comes back: the queue drains by itself (backoff retry). */
  cg_fault_proxy_set_fault (proxy, CG_FAULT_NONE, 0, NULL);
  g_assert_true (cg_sync_test_wait_for (is_drained, manager, 15000));
  g_assert_cmpuint (server_doc_count (db), ==, 7);
  g_assert_cmpint (cg_sync_manager_get_last_push (manager), >, 0);
  cg_sync_manager_stop (manager);
}

static void
test_unauthorized (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = new_database ();
  g_autoptr(CgStore) a = cg_test_open_store (NULL);
  g_autoptr(CgRemote) remote = NULL;
  g_autoptr(CgSyncManager) manager = NULL;

  {
    const char *members[] = { "device-0421-c1", NULL };
    g_assert_true (cg_test_peer_add_user (peer, "device-0421-c1", "right-password", NULL, &error));
    g_assert_true (cg_test_peer_set_members (peer, db, members, NULL, &error));
    g_assert_no_error (error);
  }
  remote = cg_remote_new (cg_test_peer_get_url (peer), db, "device-0421-c1", "wrong-password", &error);
  manager = cg_sync_manager_new (a, remote, "device-a");
  cg_sync_manager_set_backoff (manager, 50, 100);
  cg_sync_manager_start (manager);
  g_assert_true (cg_sync_test_wait_for (needs_setup, manager, 10000));
  g_assert_cmpint (cg_sync_manager_get_error_kind (manager), ==, CG_SYNC_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (cg_sync_manager_get_error_message (manager), "provision"));
  /* It stopped: no retry is scheduled. */
  g_assert_cmpint (cg_sync_manager_get_next_retry (manager), ==, 0);
  /* Nothing was pulled or pushed, so no "last pull/push" time is shown
   * (a refused run used to count as a sync). */
  g_assert_cmpint (cg_sync_manager_get_last_pull (manager), ==, 0);
  g_assert_cmpint (cg_sync_manager_get_last_push (manager), ==, 0);
  cg_sync_manager_stop (manager);

  /* With the right password the same device syncs. */
  {
    g_autoptr(CgRemote) good = cg_remote_new (cg_test_peer_get_url (peer), db, "device-0421-c1", "right-password", &error);
    add_customers (a, 2, "Authorised");
    replicate_ok (a, good, CG_REPLICATION_PUSH);
  }
  cg_test_peer_assert_alive (peer);
}

typedef struct {
  CgStore    *store;
  const char *id;
} Seen;

static gboolean
has_doc (gpointer data)
{
  Seen *seen = data;
  g_autoptr(JsonObject) doc = cg_store_get (seen->store, seen->id, FALSE, NULL);
  return doc != NULL;
}

static gboolean
both_up_to_date (gpointer data)
{
  CgSyncManager **m = data;
  return cg_sync_manager_get_state (m[0]) == CG_SYNC_STATE_UP_TO_DATE &&
         cg_sync_manager_get_state (m[1]) == CG_SYNC_STATE_UP_TO_DATE;
}

static void
test_live (void)
{
  g_autofree char *db = new_database ();
  g_autoptr(CgRemote) remote = remote_for (cg_test_peer_get_url (peer), db);
  g_autoptr(CgStore) a = cg_test_open_store (NULL);
  g_autoptr(CgStore) b = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  CgSyncManager *managers[2];
  g_autofree char *ticket = NULL;
  g_autofree char *id = NULL;
  Seen seen;
  gint64 start;

  managers[0] = cg_sync_manager_new (a, remote, "device-a");
  managers[1] = cg_sync_manager_new (b, remote, "device-b");
  cg_sync_manager_start (managers[0]);
  cg_sync_manager_start (managers[1]);
  g_assert_true (cg_sync_test_wait_for (both_up_to_date, managers, 10000));

  /* A kiosk check-in on A reaches B while both are live. */
  start = g_get_monotonic_time ();
  id = cg_checkin_create (a, "pickup", NULL, "M. K.", &ticket, &error);
  g_assert_no_error (error);
  seen.store = b;
  seen.id = id;
  g_assert_true (cg_sync_test_wait_for (has_doc, &seen, 5000));
  g_test_message ("live: a write on A was on B after %.2f s",
                  (g_get_monotonic_time () - start) / 1e6);

  cg_sync_manager_stop (managers[0]);
  cg_sync_manager_stop (managers[1]);
  g_object_unref (managers[0]);
  g_object_unref (managers[1]);
}

/* The server refuses one document (its validate_doc_update says
 * forbidden): the rest is written, the refusal is counted and named, and
 * the next run does not send it again. */
static void
test_forbidden_document (void)
{
  g_autofree char *db = new_database ();
  g_autoptr(CgRemote) remote = remote_for (cg_test_peer_get_url (peer), db);
  g_autoptr(CgStore) a = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/%s/_design/rules", db);
  guint status = 0;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonObject) staff = cg_test_json (
    "{\"_id\": \"staff:7\", \"type\": \"staff\", \"name\": \"Jiho\", \"role\": \"supervisor\","
    " \"pin_hash\": \"$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA\", \"active\": true}");
  g_autofree char *rev = NULL;

  reply = cg_test_peer_request (peer, "PUT", path,
    "{\"validate_doc_update\": \"function (doc) { if (doc.type === 'staff') throw ({forbidden: 'only admins write staff'}); }\"}",
    &status);
  g_assert_cmpuint (status, ==, 201);

  add_customers (a, 3, "Allowed");
  rev = cg_store_put (a, staff, &error);
  g_assert_no_error (error);

  {
    g_autoptr(CgReplicator) rep = replicate (a, remote, CG_REPLICATION_PUSH, 0, &error);
    g_assert_no_error (error);   /* a refusal does not fail the run */
    g_assert_cmpuint (cg_replicator_get_docs_written (rep), ==, 3);
    g_assert_cmpuint (cg_replicator_get_docs_failed (rep), ==, 1);
    g_assert_nonnull (strstr (cg_replicator_get_last_rejection (rep), "staff:7"));
    g_assert_nonnull (strstr (cg_replicator_get_last_rejection (rep), "forbidden"));
  }
  g_assert_cmpuint (server_doc_count (db), ==, 3 + 1);   /* + the design document */
  /* Still not on the server, so still counted as not sent... */
  g_assert_cmpuint (cg_store_count_pending (a), ==, 1);
  /* ...but not sent again. */
  {
    g_autoptr(CgReplicator) rep = replicate (a, remote, CG_REPLICATION_PUSH, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (cg_replicator_get_docs_read (rep), ==, 0);
    g_assert_cmpuint (cg_replicator_get_docs_failed (rep), ==, 0);
  }
  cg_test_peer_assert_alive (peer);
}

static gboolean
server_has_one (gpointer data)
{
  return server_doc_count (data) == 1;
}

/* A write by another process (here: another connection to the same file)
 * is noticed, counted as waiting and sent, without a write in this one. */
static void
test_external_write (void)
{
  g_autofree char *db = new_database ();
  g_autoptr(CgRemote) remote = remote_for (cg_test_peer_get_url (peer), db);
  g_autofree char *path = NULL;
  g_autoptr(CgStore) a = cg_test_open_store (&path);
  g_autoptr(CgStore) other = NULL;
  g_autoptr(CgSyncManager) manager = cg_sync_manager_new (a, remote, "device-a");
  g_autoptr(GError) error = NULL;

  cg_sync_manager_start (manager);
  g_assert_true (cg_sync_test_wait_for (is_drained, manager, 10000));
  other = cg_store_open (path, &error);
  g_assert_no_error (error);
  add_customers (other, 1, "Written elsewhere");
  g_assert_true (cg_sync_test_wait_for (server_has_one, db, 15000));
  g_assert_true (cg_sync_test_wait_for (is_drained, manager, 10000));
  cg_sync_manager_stop (manager);
}

/* PouchDB 9 (Node) as an independent client of the same server. */
static void
test_interop_pouchdb (void)
{
  g_autofree char *db = new_database ();
  g_autoptr(CgRemote) remote = remote_for (cg_test_peer_get_url (peer), db);
  g_autoptr(CgStore) a = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("%s/%s", cg_test_peer_get_url (peer), db);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *docs;
  guint matched = 0;

  add_customers (a, 20, "Interop");
  /* And a conflict, so winners are compared, not only bodies: A edits a
   * document while another writer puts a sibling branch on the server. */
  {
    g_autoptr(JsonObject) base = cg_test_customer_doc ("customer:interop-conflict", "Both Sides");
    g_autofree char *r1 = cg_store_put (a, base, &error);
    g_autofree char *r2 = NULL;
    g_autofree char *text = NULL;
    g_autofree char *bulk = g_strdup_printf ("/%s/_bulk_docs", db);
    guint status = 0;
    g_autoptr(JsonNode) reply = NULL;

    g_assert_no_error (error);
    replicate_ok (a, remote, CG_REPLICATION_PUSH);
    json_object_set_string_member (base, "_rev", r1);
    json_object_set_string_member (base, "notes", "edited on A");
    r2 = cg_store_put (a, base, &error);
    g_assert_no_error (error);

    text = g_strdup_printf ("{\"new_edits\": false, \"docs\": [{\"_id\": \"customer:interop-conflict\","
                            " \"_rev\": \"2-ffffffffffffffffffffffffffffffff\", \"_revisions\": {\"start\": 2,"
                            " \"ids\": [\"ffffffffffffffffffffffffffffffff\", \"%s\"]}, \"type\": \"customer\","
                            " \"name\": \"Both Sides\", \"notes\": \"edited elsewhere\","
                            " \"created_at\": \"2026-11-01T09:00:00Z\", \"updated_at\": \"2026-11-01T09:00:00Z\"}]}",
                            strchr (r1, '-') + 1);
    reply = cg_test_peer_request (peer, "POST", bulk, text, &status);
    g_assert_cmpuint (status, ==, 201);
    sync_both (a, remote);
  }
  g_assert_cmpuint (cg_store_count_conflicts (a), ==, 1);

  /* PouchDB reads what Changgu wrote: same revisions, same winners. */
  {
    g_autofree char *script = g_build_filename (g_getenv ("CHANGGU_SOURCE_ROOT"), "tests", "peer", "interop.js", NULL);
    const char *argv[] = { "node", script, "pull", url, NULL };
    int status = 0;
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, &error));
    g_assert_no_error (error);
  }
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  docs = cg_json_get_array (json_node_get_object (json_parser_get_root (parser)), "docs");
  g_assert_nonnull (docs);
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *theirs = json_array_get_object_element (docs, i);
      const char *id = cg_json_get_string (theirs, "_id");
      g_autoptr(JsonObject) ours = cg_store_get (a, id, TRUE, &error);
      JsonArray *their_conflicts = cg_json_get_array (theirs, "_conflicts");
      JsonArray *our_conflicts = cg_json_get_array (ours, "_conflicts");
      JsonArray *their_leaves = cg_json_get_array (theirs, "leaves");
      g_auto(GStrv) our_leaves = cg_store_get_leaves (a, id, TRUE);

      g_assert_no_error (error);
      /* The same winner, body, conflicts and leaves as PouchDB computed. */
      g_assert_cmpstr (cg_json_get_string (theirs, "_rev"), ==, cg_json_get_string (ours, "_rev"));
      g_assert_cmpstr (cg_json_get_string (cg_json_get_object (theirs, "doc"), "name"), ==,
                       cg_json_get_string (ours, "name"));
      g_assert_cmpuint (their_conflicts ? json_array_get_length (their_conflicts) : 0, ==,
                        our_conflicts ? json_array_get_length (our_conflicts) : 0);
      g_assert_cmpuint (json_array_get_length (their_leaves), ==, g_strv_length (our_leaves));
      for (guint j = 0; j < json_array_get_length (their_leaves); j++)
        {
          JsonObject *leaf = json_array_get_object_element (their_leaves, j);
          const char *rev = cg_json_get_string (leaf, "rev");
          JsonArray *ancestry = cg_json_get_array (leaf, "revisions");
          g_autoptr(JsonObject) our_revisions = cg_store_get_revisions (a, id, rev);
          g_assert_true (g_strv_contains ((const char * const *) our_leaves, rev));
          g_assert_nonnull (our_revisions);
          g_assert_cmpuint (json_array_get_length (cg_json_get_array (our_revisions, "ids")), ==,
                            json_array_get_length (ancestry));
        }
      matched++;
    }
  g_assert_cmpuint (matched, ==, 21);

  /* Changgu reads what PouchDB wrote (PouchDB made those revisions). */
  {
    g_autofree char *dir = cg_test_make_tmpdir ();
    g_autofree char *file = g_build_filename (dir, "docs.json", NULL);
    g_autofree char *script = g_build_filename (g_getenv ("CHANGGU_SOURCE_ROOT"), "tests", "peer", "interop.js", NULL);
    const char *argv[] = { "node", script, "write", url, file, NULL };
    g_autoptr(CgStore) c = cg_test_open_store (NULL);
    g_autoptr(JsonObject) got = NULL;
    g_autofree char *their_out = NULL;
    int status = 0;

    g_assert_true (g_file_set_contents (file,
      "[{\"_id\":\"customer:from-pouchdb\",\"type\":\"customer\",\"name\":\"Pouch Writer\","
      "\"phones\":[\"+821099990000\"],\"created_at\":\"2026-11-22T07:00:00Z\",\"updated_at\":\"2026-11-22T07:00:00Z\"}]",
      -1, NULL));
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &their_out, NULL, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, &error));
    replicate_ok (c, remote, CG_REPLICATION_PULL);
    got = cg_store_get (c, "customer:from-pouchdb", FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (cg_json_get_string (got, "name"), ==, "Pouch Writer");
    g_assert_true (g_str_has_prefix (cg_json_get_string (got, "_rev"), "1-"));
    /* And it is searchable like any other customer. */
    {
      g_autoptr(GArray) hits = cg_store_search_customers (c, "9999", 10, &error);
      g_assert_cmpuint (hits->len, ==, 1);
    }
    /* Same winner on the conflicted document as PouchDB saw. */
    {
      g_autoptr(JsonObject) ours = cg_store_get (c, "customer:interop-conflict", TRUE, &error);
      g_autoptr(JsonObject) original = cg_store_get (a, "customer:interop-conflict", TRUE, &error);
      g_assert_cmpstr (cg_json_get_string (ours, "_rev"), ==, cg_json_get_string (original, "_rev"));
    }
  }
  cg_test_peer_assert_alive (peer);
}

/* ------------------------------------------ a connection the server closed */

typedef struct {
  GMainLoop *loop;
  JsonNode  *reply;
  GError    *error;
} RequestWait;

static void
on_request_done (GObject *source, GAsyncResult *result, gpointer data)
{
  RequestWait *w = data;
  w->reply = cg_remote_request_finish (CG_REMOTE (source), result, NULL, &w->error);
  g_main_loop_quit (w->loop);
}

static JsonNode *
request_database_info (CgRemote *remote, gint64 *seconds)
{
  RequestWait w = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  gint64 start = g_get_monotonic_time ();

  cg_remote_request_async (remote, "GET", "", NULL, NULL, TRUE, 0, NULL, on_request_done, &w);
  g_main_loop_run (w.loop);
  g_main_loop_unref (w.loop);
  g_assert_no_error (w.error);
  *seconds = (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  return w.reply;
}

/* The server (Node's default keepAliveTimeout: 5 s) closes a kept-alive
 * connection while this process does not run its main loop, so libsoup's
 * own idle timeout (4 s) cannot close it first; then a request. libsoup
 * 3.2 lost such a request: no answer, no error, not even once cancelled
 * (the replicator hung for ever). cg-remote now closes connections idle
 * for more than 3 s before a request when nothing is in flight, and
 * abandons and resends (on a new session) an attempt that does not end
 * within its grace after the timeout. Without both, this hung until
 * meson's timeout; with the resend alone it took 7 s. */
static void
test_server_closed_idle_connection (void)
{
  g_autofree char *db = new_database ();
  g_autoptr(CgRemote) remote = remote_for (cg_test_peer_get_url (peer), db);
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  gint64 seconds = 0;

  cg_remote_set_timeout (remote, 2);
  first = request_database_info (remote, &seconds);
  g_assert_nonnull (first);
  /* Busy elsewhere, as a process between two syncs may be. */
  g_usleep (6 * G_USEC_PER_SEC);
  second = request_database_info (remote, &seconds);
  g_assert_nonnull (second);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (second));
  g_assert_cmpstr (cg_json_get_string (json_node_get_object (second), "db_name"), ==, db);
  g_test_message ("second request answered after %" G_GINT64_FORMAT " s", seconds);
}

int
main (int argc, char **argv)
{
  static const FaultCase faults[] = {
    { CG_FAULT_RESET_MID_BODY, "_bulk_get", CG_SYNC_ERROR_NETWORK, FALSE },
    { CG_FAULT_TRUNCATE_JSON, "_changes", CG_SYNC_ERROR_BAD_RESPONSE, FALSE },
    { CG_FAULT_MALFORMED_JSON, "_bulk_get", CG_SYNC_ERROR_BAD_RESPONSE, FALSE },
    { CG_FAULT_STATUS_500, "_changes", CG_SYNC_ERROR_SERVER, FALSE },
    { CG_FAULT_STATUS_503, "_bulk_get", CG_SYNC_ERROR_SERVER, FALSE },
    { CG_FAULT_SLOW, "_changes", CG_SYNC_ERROR_TIMEOUT, FALSE },
    { CG_FAULT_RESET_MID_BODY, "_bulk_docs", CG_SYNC_ERROR_NETWORK, TRUE },
    { CG_FAULT_STATUS_500, "_revs_diff", CG_SYNC_ERROR_SERVER, TRUE },
    { CG_FAULT_TRUNCATE_JSON, "_bulk_docs", CG_SYNC_ERROR_BAD_RESPONSE, TRUE },
  };
  static const char *fault_names[] = {
    "pull-reset-mid-body", "pull-truncated-json", "pull-malformed-json", "pull-500", "pull-503",
    "pull-slow", "push-reset-mid-body", "push-500", "push-truncated-json",
  };
  g_autoptr(GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);

  peer = cg_test_peer_start (&error);
  if (peer == NULL)
    {
      /* The fixture says why (e.g. run build-aux/dev deps); not a pass. */
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_test_add_func ("/sync/push-pull-converge", test_push_pull_converge);
  g_test_add_func ("/sync/conflict-and-resolution", test_conflict_and_resolution);
  g_test_add_func ("/sync/resume-after-interruption", test_resume_after_interruption);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sync/fault/%s", fault_names[i]);
      g_test_add_data_func (path, &faults[i], test_faults);
    }
  g_test_add_func ("/sync/offline-queue-drains", test_offline_queue_drains);
  g_test_add_func ("/sync/unauthorized", test_unauthorized);
  g_test_add_func ("/sync/live", test_live);
  g_test_add_func ("/sync/external-write", test_external_write);
  g_test_add_func ("/sync/forbidden-document", test_forbidden_document);
  g_test_add_func ("/sync/interop-pouchdb", test_interop_pouchdb);
  g_test_add_func ("/sync/server-closed-idle-connection", test_server_closed_idle_connection);

  result = g_test_run ();
  cg_test_peer_stop (peer);
  return result;
}
