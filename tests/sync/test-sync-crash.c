/* test-sync-crash.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crash safety of sync (QUALITY.md "Reliability"). A child process (this
 * binary with --child) runs one one-shot replication, exactly as
 * `changgu-admin sync --once` does (cg_replicator_run_async without live),
 * against the real test peer, and the parent kills it with SIGKILL after a
 * random delay:
 *
 *   push rounds: the store has a few hundred pending documents (new ones and
 *     edits of old ones) and the child keeps writing new ones while it
 *     pushes, printing each id only after its write returned;
 *   pull rounds: the server has a few hundred new documents and edits.
 *
 * After every round the parent checks, on the file the child left behind:
 * every acknowledged local write is there, PRAGMA integrity_check is "ok",
 * the projections agree with the documents, and (pull) everything up to the
 * checkpoint the child wrote is in the store. Then it runs the same
 * replication itself to the end and checks that it resumed from that
 * checkpoint (the replicator's start sequence and the rows it read), that it
 * re-sent nothing the server already had, and that the server holds exactly
 * the expected documents with the same revisions and no conflicts: no
 * duplicates made by a re-push.
 *
 * Rounds per direction: CHANGGU_CRASH_ROUNDS (default 50, so 100 killed runs
 * in all in every suite run; docs/RELIABILITY.md
 * reports runs of 100). The random seed is printed (and can be given with
 * --seed as for any GTest program).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cg-sync-test-util.h"
#include "cg-test-peer.h"
#include "cg-test-util.h"

#define DEFAULT_ROUNDS   50
#define ROUNDS_PER_DB    10     /* a fresh database and store every 10 rounds */
#define NEW_PER_ROUND    240
#define EDITS_PER_ROUND  40
#define CHILD_WRITES     60     /* local writes the push child makes while pushing */
#define BATCH_SIZE       40

static CgTestPeer *peer;

/* ------------------------------------------------------------ the child */

typedef struct {
  GMainLoop    *loop;
  CgStore      *store;       /* push child: the concurrent writer's connection */
  const char   *tag;
  guint         writes_left;
  guint         written;
} Child;

static void
on_child_progress (CgReplicator *rep,
                   gpointer      data)
{
  printf ("progress %" G_GUINT64_FORMAT "\n", cg_replicator_get_docs_written (rep));
  fflush (stdout);
}

static void
on_child_done (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Child *child = data;
  g_autoptr(GError) error = NULL;

  if (cg_replicator_run_finish (CG_REPLICATOR (source), result, &error))
    printf ("done\n");
  else
    printf ("failed %s\n", error->message);
  fflush (stdout);
  g_main_loop_quit (child->loop);
}

/* A person at the counter keeps working while the push runs. */
static gboolean
child_write (gpointer data)
{
  Child *child = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("customer:%s-c%u", child->tag, child->written);
  g_autofree char *name = g_strdup_printf ("동시 작성 %u", child->written);
  g_autoptr(JsonObject) doc = cg_test_customer_doc (id, name);
  g_autofree char *rev = cg_store_put (child->store, doc, &error);

  if (rev == NULL)
    {
      fprintf (stderr, "child: %s\n", error->message);
      exit (1);
    }
  child->written++;
  /* Acknowledged only now. */
  printf ("ack %s\n", id);
  fflush (stdout);
  return --child->writes_left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static int
run_child (const char *direction,
           const char *store_path,
           const char *url,
           const char *db,
           const char *tag)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgRemote) remote = cg_remote_new (url, db, NULL, NULL, &error);
  g_autoptr(CgReplicator) rep = NULL;
  g_autoptr(CgStore) store = NULL;
  gboolean push = g_str_equal (direction, "push");
  Child child = { g_main_loop_new (NULL, FALSE), NULL, tag, CHILD_WRITES, 0 };

  if (remote == NULL)
    {
      fprintf (stderr, "child: %s\n", error->message);
      return 1;
    }
  rep = cg_replicator_new (store_path, remote, push ? CG_REPLICATION_PUSH : CG_REPLICATION_PULL, "crash-device");
  cg_replicator_set_batch_size (rep, BATCH_SIZE);
  g_signal_connect (rep, "progress", G_CALLBACK (on_child_progress), NULL);
  if (push)
    {
      store = cg_store_open (store_path, &error);
      if (store == NULL)
        {
          fprintf (stderr, "child: %s\n", error->message);
          return 1;
        }
      child.store = store;
      g_timeout_add (3, child_write, &child);
    }
  printf ("started\n");
  fflush (stdout);
  cg_replicator_run_async (rep, FALSE, NULL, on_child_done, &child);
  g_main_loop_run (child.loop);
  g_main_loop_unref (child.loop);
  return 0;
}

/* ------------------------------------------------------------ helpers */

static char *
new_database (void)
{
  return cg_sync_test_new_database (peer, "changgu-crash");
}

/* One one-shot replication to the end, in this process, with the child's
 * device id (so the same replication id and checkpoints). */
static CgReplicator *
replicate (const char             *store_path,
           CgRemote               *remote,
           CgReplicationDirection  direction,
           const char             *device)
{
  CgReplicator *rep = cg_replicator_new (store_path, remote, direction, device);
  g_autoptr(GError) error = NULL;

  cg_replicator_set_batch_size (rep, BATCH_SIZE);
  error = cg_sync_test_run (rep, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (cg_replicator_get_docs_failed (rep), ==, 0);
  return rep;
}

/* The store after a crash: opens (recovery runs here), its projections agree
 * with its documents, the file is sound. */
static CgStore *
reopen_checked (const char *path)
{
  g_autoptr(GError) error = NULL;
  CgStore *store = cg_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM customers"), ==,
                   cg_store_count_documents (store, "customer"));
  cg_test_assert_integrity (path);
  return store;
}

static GHashTable *
server_documents (const char *db)
{
  return cg_sync_test_server_documents (peer, db);
}

typedef struct {
  CgStore    *store;
  GHashTable *server;
  guint       missing;       /* live local docs whose winner the server lacks */
  guint       checked;
} Compare;

static gboolean
compare_one (const char *id, const char *rev, gint64 seq, gpointer data)
{
  Compare *c = data;
  const char *theirs = g_hash_table_lookup (c->server, id);

  if (g_strcmp0 (theirs, rev) != 0)
    c->missing++;
  c->checked++;
  return TRUE;
}

/* The server holds exactly the store's live documents, same revisions. */
static void
assert_server_equals_store (const char *db,
                            CgStore    *store)
{
  g_autoptr(GHashTable) server = server_documents (db);
  Compare c = { store, server, 0, 0 };

  cg_store_foreach_document (store, NULL, compare_one, &c);
  g_assert_cmpuint (c.missing, ==, 0);
  g_assert_cmpuint (g_hash_table_size (server), ==, c.checked);
  g_assert_cmpuint (cg_store_count_conflicts (store), ==, 0);
}

/* Rows of the server's changes feed after @since (0: all). */
static JsonArray *
server_changes (const char *db, gint64 since)
{
  g_autofree char *path = g_strdup_printf ("/%s/_changes?style=all_docs&since=%" G_GINT64_FORMAT, db, since);
  guint status = 0;
  g_autoptr(JsonNode) reply = cg_test_peer_request (peer, "GET", path, NULL, &status);

  g_assert_cmpuint (status, ==, 200);
  return json_array_ref (cg_json_get_array (json_node_get_object (reply), "results"));
}

/* source_last_seq of the store's checkpoint for @rep_id, or -1. The test
 * peer's sequences are integers (R2 keeps them opaque in the replicator;
 * a test may look). */
static gint64
local_checkpoint_seq (CgStore *store, const char *rep_id)
{
  g_autofree char *id = g_strconcat ("_local/", rep_id, NULL);
  g_autoptr(JsonObject) cp = cg_store_get_local (store, id);
  JsonNode *seq;

  if (cp == NULL)
    return -1;
  seq = json_object_get_member (cp, "source_last_seq");
  g_assert_nonnull (seq);
  g_assert_true (json_node_get_value_type (seq) == G_TYPE_INT64);
  return json_node_get_int (seq);
}

static gboolean
history_has (JsonObject *checkpoint, const char *session)
{
  JsonArray *history = cg_json_get_array (checkpoint, "history");

  for (guint i = 0; history != NULL && i < json_array_get_length (history); i++)
    if (g_strcmp0 (cg_json_get_string (json_array_get_object_element (history, i), "session_id"), session) == 0)
      return TRUE;
  return FALSE;
}

/* Where the next run must resume (SYNC.md step 2): the newest session both
 * checkpoints share — the local one's seq when they name the same session,
 * else the newest local history entry the server's history also has — or 0.
 * A kill between the two checkpoint writes leaves them a batch apart; the
 * older agreed point is the safe one. */
static gint64
expected_resume (CgStore *store, const char *db, const char *rep_id)
{
  g_autofree char *id = g_strconcat ("_local/", rep_id, NULL);
  g_autofree char *path = g_strdup_printf ("/%s/_local/%s", db, rep_id);
  g_autoptr(JsonObject) local = cg_store_get_local (store, id);
  guint status = 0;
  g_autoptr(JsonNode) reply = cg_test_peer_request (peer, "GET", path, NULL, &status);
  JsonObject *remote = status == 200 ? json_node_get_object (reply) : NULL;
  JsonArray *history;

  if (local == NULL || remote == NULL)
    return 0;
  if (g_strcmp0 (cg_json_get_string (local, "session_id"), cg_json_get_string (remote, "session_id")) == 0)
    return json_node_get_int (json_object_get_member (local, "source_last_seq"));
  history = cg_json_get_array (local, "history");
  for (guint i = 0; history != NULL && i < json_array_get_length (history); i++)
    {
      JsonObject *entry = json_array_get_object_element (history, i);
      if (history_has (remote, cg_json_get_string (entry, "session_id")))
        return json_node_get_int (json_object_get_member (entry, "recorded_seq"));
    }
  return 0;
}

static gint64
node_int (JsonNode *node)
{
  g_assert_nonnull (node);
  g_assert_true (json_node_get_value_type (node) == G_TYPE_INT64);
  return json_node_get_int (node);
}

static gboolean
collect_id (const char *id, const char *rev, gint64 seq, gpointer data)
{
  g_ptr_array_add (data, g_strdup (id));
  return TRUE;
}

/* New customers and edits of old ones, in one transaction. */
static void
write_round (CgStore *store, const char *tag, guint new_docs, guint edits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  cg_store_foreach_document (store, "customer", collect_id, ids);
  g_assert_true (cg_store_begin (store, &error));
  for (guint i = 0; i < new_docs; i++)
    {
      g_autofree char *id = g_strdup_printf ("customer:%s-%u", tag, i);
      g_autofree char *name = g_strdup_printf ("크래시 %s %u", tag, i);
      g_autoptr(JsonObject) doc = cg_test_customer_doc (id, name);
      g_autofree char *rev = cg_store_put (store, doc, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < edits && ids->len > 0; i++)
    {
      const char *id = g_ptr_array_index (ids, g_test_rand_int_range (0, ids->len));
      g_autofree char *notes = g_strdup_printf ("edited in %s #%u", tag, i);
      g_autoptr(JsonObject) changes = json_object_new ();
      json_object_set_string_member (changes, "notes", notes);
      g_assert_true (cg_customer_update (store, id, changes, &error));
      g_assert_no_error (error);
    }
  g_assert_true (cg_store_commit (store, &error));
}

static void
drain (int fd, GString *out, gboolean until_eof)
{
  char buf[4096];

  for (;;)
    {
      ssize_t n = read (fd, buf, sizeof buf);
      if (n > 0)
        g_string_append_len (out, buf, n);
      else if (n == 0)
        return;
      else if (errno == EINTR)
        continue;
      else if (errno == EAGAIN && until_eof)
        g_usleep (1000);
      else
        return;
    }
}

typedef struct {
  gboolean killed;           /* FALSE: it finished before the kill */
  guint    progress;         /* progress lines before the kill */
  double   seconds;          /* how long it ran */
  GStrv    acked;            /* ids the child acknowledged */
} ChildRun;

static void
child_run_clear (ChildRun *run)
{
  g_strfreev (run->acked);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ChildRun, child_run_clear)

/* Runs the child, kills it after @delay_ms (0 = let it finish). */
static void
spawn_and_kill (const char *direction,
                const char *store_path,
                const char *db,
                const char *tag,
                guint       delay_ms,
                ChildRun   *run)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  char *argv[] = { self, (char *) "--child", (char *) direction, (char *) store_path,
                   (char *) cg_test_peer_get_url (peer), (char *) db, (char *) tag, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GStrvBuilder) acked = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + (gint64) (delay_ms ? delay_ms : 120000) * 1000;
  GPid pid;
  int out_fd, status;
  gboolean exited = FALSE;

  g_assert_true (g_spawn_async_with_pipes (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  fcntl (out_fd, F_SETFL, fcntl (out_fd, F_GETFL) | O_NONBLOCK);
  while (g_get_monotonic_time () < deadline)
    {
      drain (out_fd, out, FALSE);
      if (waitpid (pid, &status, WNOHANG) == pid)
        {
          exited = TRUE;
          break;
        }
      g_usleep (300);
    }
  if (!exited)
    {
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      /* It may have ended by itself just before the kill. */
      exited = WIFEXITED (status);
    }
  run->seconds = (g_get_monotonic_time () - start) / 1e6;
  g_spawn_close_pid (pid);
  drain (out_fd, out, TRUE);
  close (out_fd);

  lines = g_strsplit (out->str, "\n", -1);
  run->killed = !exited;
  run->progress = 0;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "ack "))
        g_strv_builder_add (acked, lines[i] + 4);
      else if (g_str_has_prefix (lines[i], "progress "))
        run->progress++;
      else if (g_str_has_prefix (lines[i], "failed "))
        g_error ("the child's replication failed: %s", lines[i] + 7);
    }
  if (exited)
    {
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      g_assert_nonnull (strstr (out->str, "done\n"));
    }
  else
    g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  run->acked = g_strv_builder_end (acked);
}

/* Figures of one direction's rounds. */
typedef struct {
  guint  rounds;
  guint  killed;
  guint  finished_first;   /* the child ended before its kill */
  guint  killed_before_checkpoint;   /* its run had not written a checkpoint yet */
  guint  killed_after_checkpoint;    /* killed after one or more batches landed */
  guint  resumed_from_checkpoint;
  guint  resumed_older;      /* the two sides' checkpoints were a batch apart */
  guint64 rows_resumed;     /* changes rows the resumed runs read */
  guint64 rows_full;        /* what full runs would have read */
  guint  acked;
  double max_delay_ms;
} Figures;

static guint
kill_delay_ms (double typical_s)
{
  /* Anywhere from process start to a little past the typical end. */
  return (guint) g_test_rand_int_range (1, MAX ((int) (typical_s * 1100), 30));
}

/* -------------------------------------------------------------- push */

static void
test_kill_during_push (void)
{
  const char *env = g_getenv ("CHANGGU_CRASH_ROUNDS");
  guint rounds = env ? (guint) g_ascii_strtoull (env, NULL, 10) : DEFAULT_ROUNDS;
  g_autoptr(GHashTable) acknowledged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *db = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CgRemote) remote = NULL;
  g_autofree char *rep_id = NULL;
  double typical_s = 0;
  gint64 previous = -1;   /* the checkpoint when the round began */
  Figures f = { 0 };

  for (guint round = 0; round < rounds; round++)
    {
      g_autofree char *tag = g_strdup_printf ("p%u", round);
      g_autoptr(CgStore) store = NULL;
      g_autoptr(CgReplicator) resumed = NULL;
      g_autoptr(GHashTable) before = NULL;
      g_auto(ChildRun) run = { 0 };
      gint64 checkpoint, expected;
      guint pending, lacking = 0;

      if (round % ROUNDS_PER_DB == 0)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(CgReplicator) probe = NULL;
          g_clear_pointer (&db, g_free);
          g_clear_object (&remote);
          g_clear_pointer (&path, g_free);
          db = new_database ();
          remote = cg_remote_new (cg_test_peer_get_url (peer), db, NULL, NULL, &error);
          g_assert_no_error (error);
          g_clear_object (&store);
          store = cg_test_open_store (&path);
          g_clear_object (&store);
          probe = cg_replicator_new (path, remote, CG_REPLICATION_PUSH, "crash-device");
          g_free (rep_id);
          rep_id = g_strdup (cg_replicator_get_id (probe));
          g_hash_table_remove_all (acknowledged);
          previous = -1;
        }

      /* A few hundred pending documents: new ones and edits. */
      store = reopen_checked (path);
      write_round (store, tag, NEW_PER_ROUND, EDITS_PER_ROUND);
      g_clear_object (&store);

      /* The first push of each database runs to the end: it sets how long
       * a run takes, so the kills land anywhere in it. */
      spawn_and_kill ("push", path, db, tag, typical_s > 0 ? kill_delay_ms (typical_s) : 0, &run);
      /* A run that ended before its kill shows how long runs take now (the
       * first one, on a loaded machine, can take several times longer). */
      if (typical_s == 0 || !run.killed)
        typical_s = typical_s == 0 ? run.seconds : MIN (typical_s, run.seconds);
      f.rounds++;
      if (run.killed)
        f.killed++;
      else
        f.finished_first++;
      for (guint i = 0; run.acked[i] != NULL; i++)
        g_hash_table_add (acknowledged, g_strdup (run.acked[i]));

      /* What the child left behind. */
      store = reopen_checked (path);
      {
        GHashTableIter iter;
        gpointer key;
        g_hash_table_iter_init (&iter, acknowledged);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          {
            g_autoptr(GError) error = NULL;
            g_autoptr(JsonObject) doc = cg_store_get (store, key, FALSE, &error);
            if (doc == NULL)
              g_error ("push round %u: acknowledged write %s is missing: %s", round, (char *) key, error->message);
          }
      }
      for (guint i = 0; i < NEW_PER_ROUND; i++)
        {
          g_autofree char *id = g_strdup_printf ("customer:%s-%u", tag, i);
          g_autoptr(JsonObject) doc = cg_store_get (store, id, FALSE, NULL);
          g_assert_nonnull (doc);
        }
      checkpoint = local_checkpoint_seq (store, rep_id);
      if (run.killed && checkpoint > previous)
        f.killed_after_checkpoint++;
      else if (run.killed)
        f.killed_before_checkpoint++;
      pending = cg_store_count_pending (store);
      expected = expected_resume (store, db, rep_id);
      g_assert_cmpint (expected, <=, MAX (checkpoint, 0));
      if (expected < checkpoint)
        f.resumed_older++;
      before = server_documents (db);
      {
        Compare c = { store, before, 0, 0 };
        cg_store_foreach_document (store, NULL, compare_one, &c);
        lacking = c.missing;
      }

      /* The next sync resumes: from the checkpoint the child wrote, reading
       * only the pending rows after it, sending only what the server lacks. */
      resumed = replicate (path, remote, CG_REPLICATION_PUSH, "crash-device");
      g_assert_cmpint (node_int (cg_replicator_get_start_seq (resumed)), ==, expected);
      g_assert_cmpuint (cg_replicator_get_changes_read (resumed), <=, pending);
      g_assert_cmpuint (cg_replicator_get_docs_read (resumed), ==, lacking);
      if (expected > 0)
        f.resumed_from_checkpoint++;
      f.rows_resumed += cg_replicator_get_changes_read (resumed);
      f.rows_full += pending;
      g_assert_cmpuint (cg_store_count_pending (store), ==, 0);

      previous = local_checkpoint_seq (store, rep_id);

      /* Nothing lost, nothing doubled on the server. */
      assert_server_equals_store (db, store);
      cg_test_peer_assert_alive (peer);
    }
  f.acked = g_hash_table_size (acknowledged);
  g_test_message ("push: %u rounds, %u killed (%u before this run's first checkpoint, %u after), %u finished before the kill; "
                  "%u resumed from a checkpoint (%u from the older of two that a kill left a batch apart); "
                  "typical run %.0f ms; %u child writes acknowledged in the last database, all present",
                  f.rounds, f.killed, f.killed_before_checkpoint, f.killed_after_checkpoint, f.finished_first,
                  f.resumed_from_checkpoint, f.resumed_older, typical_s * 1000, f.acked);
  g_assert_cmpuint (f.killed, >, f.rounds / 2);
}

/* -------------------------------------------------------------- pull */

static gboolean
has_rev (CgStore *store, const char *id, const char *rev)
{
  return cg_store_has_revision (store, id, rev);
}

static void
test_kill_during_pull (void)
{
  const char *env = g_getenv ("CHANGGU_CRASH_ROUNDS");
  guint rounds = env ? (guint) g_ascii_strtoull (env, NULL, 10) : DEFAULT_ROUNDS;
  g_autofree char *db = NULL;
  g_autofree char *writer_path = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CgRemote) remote = NULL;
  g_autofree char *rep_id = NULL;
  g_autoptr(GHashTable) had = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  double typical_s = 0;
  gint64 previous = -1;   /* the checkpoint when the round began */
  Figures f = { 0 };

  for (guint round = 0; round < rounds; round++)
    {
      g_autofree char *tag = g_strdup_printf ("q%u", round);
      g_autoptr(CgStore) store = NULL;
      g_autoptr(CgReplicator) resumed = NULL;
      g_autoptr(JsonArray) all = NULL;
      g_autoptr(JsonArray) after = NULL;
      g_auto(ChildRun) run = { 0 };
      gint64 checkpoint, expected;

      if (round % ROUNDS_PER_DB == 0)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(CgReplicator) probe = NULL;
          g_autoptr(CgStore) s = NULL;
          g_clear_pointer (&db, g_free);
          g_clear_object (&remote);
          g_clear_pointer (&path, g_free);
          g_clear_pointer (&writer_path, g_free);
          db = new_database ();
          remote = cg_remote_new (cg_test_peer_get_url (peer), db, NULL, NULL, &error);
          g_assert_no_error (error);
          s = cg_test_open_store (&path);
          g_clear_object (&s);
          s = cg_test_open_store (&writer_path);
          g_clear_object (&s);
          probe = cg_replicator_new (path, remote, CG_REPLICATION_PULL, "crash-device");
          g_free (rep_id);
          rep_id = g_strdup (cg_replicator_get_id (probe));
          g_hash_table_remove_all (had);
          previous = -1;
        }

      /* Another device puts a few hundred new documents and edits on the
       * server. */
      {
        g_autoptr(CgStore) writer = cg_store_open (writer_path, NULL);
        g_autoptr(CgReplicator) w = NULL;
        write_round (writer, tag, NEW_PER_ROUND, EDITS_PER_ROUND);
        g_clear_object (&writer);
        w = replicate (writer_path, remote, CG_REPLICATION_PUSH, "writer-device");
      }

      spawn_and_kill ("pull", path, db, tag, typical_s > 0 ? kill_delay_ms (typical_s) : 0, &run);
      /* A run that ended before its kill shows how long runs take now (the
       * first one, on a loaded machine, can take several times longer). */
      if (typical_s == 0 || !run.killed)
        typical_s = typical_s == 0 ? run.seconds : MIN (typical_s, run.seconds);
      f.rounds++;
      if (run.killed)
        f.killed++;
      else
        f.finished_first++;

      store = reopen_checked (path);
      /* Nothing the store had before this round went missing. */
      {
        GHashTableIter iter;
        gpointer key, value;
        g_hash_table_iter_init (&iter, had);
        while (g_hash_table_iter_next (&iter, &key, &value))
          if (!has_rev (store, key, value))
            g_error ("pull round %u: %s %s was in the store and is gone", round, (char *) key, (char *) value);
      }
      /* R1: everything up to the checkpoint the child wrote is in the store. */
      checkpoint = local_checkpoint_seq (store, rep_id);
      if (run.killed && checkpoint > previous)
        f.killed_after_checkpoint++;
      else if (run.killed)
        f.killed_before_checkpoint++;
      all = server_changes (db, 0);
      for (guint i = 0; i < json_array_get_length (all); i++)
        {
          JsonObject *row = json_array_get_object_element (all, i);
          const char *id = cg_json_get_string (row, "id");
          JsonArray *changes = cg_json_get_array (row, "changes");
          if (node_int (json_object_get_member (row, "seq")) > checkpoint)
            continue;
          for (guint j = 0; j < json_array_get_length (changes); j++)
            {
              const char *rev = cg_json_get_string (json_array_get_object_element (changes, j), "rev");
              if (!has_rev (store, id, rev))
                g_error ("pull round %u: %s %s is before the checkpoint %" G_GINT64_FORMAT " but not in the store",
                         round, id, rev, checkpoint);
            }
        }
      expected = expected_resume (store, db, rep_id);
      g_assert_cmpint (expected, <=, MAX (checkpoint, 0));
      if (expected < checkpoint)
        f.resumed_older++;
      after = server_changes (db, expected);

      /* The next sync resumes from that checkpoint: it reads only the rows
       * after it. */
      resumed = replicate (path, remote, CG_REPLICATION_PULL, "crash-device");
      g_assert_cmpint (node_int (cg_replicator_get_start_seq (resumed)), ==, expected);
      g_assert_cmpuint (cg_replicator_get_changes_read (resumed), ==, json_array_get_length (after));
      if (expected > 0)
        {
          f.resumed_from_checkpoint++;
          g_assert_cmpuint (cg_replicator_get_changes_read (resumed), <, json_array_get_length (all));
        }
      f.rows_resumed += cg_replicator_get_changes_read (resumed);
      f.rows_full += json_array_get_length (all);

      /* Exactly the server's documents; pulled ones never wait to be pushed. */
      assert_server_equals_store (db, store);
      g_assert_cmpuint (cg_store_count_pending (store), ==, 0);
      g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM revs WHERE local"), ==, 0);
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GArray) hits = cg_store_search_customers (store, "크래시", 5, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (hits->len, >, 0);
      }
      previous = local_checkpoint_seq (store, rep_id);
      g_hash_table_remove_all (had);
      {
        g_autoptr(GHashTable) server = server_documents (db);
        GHashTableIter iter;
        gpointer key, value;
        g_hash_table_iter_init (&iter, server);
        while (g_hash_table_iter_next (&iter, &key, &value))
          g_hash_table_insert (had, g_strdup (key), g_strdup (value));
      }
      cg_test_peer_assert_alive (peer);
    }
  g_test_message ("pull: %u rounds, %u killed (%u before this run's first checkpoint, %u after), %u finished before the kill; "
                  "%u resumed from a checkpoint (%u from the older of two that a kill left a batch apart); "
                  "resumed runs read %" G_GUINT64_FORMAT " change rows where "
                  "full runs would have read %" G_GUINT64_FORMAT "; typical run %.0f ms",
                  f.rounds, f.killed, f.killed_before_checkpoint, f.killed_after_checkpoint, f.finished_first,
                  f.resumed_from_checkpoint, f.resumed_older, f.rows_resumed, f.rows_full, typical_s * 1000);
  g_assert_cmpuint (f.killed, >, f.rounds / 2);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int result;

  if (argc == 7 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3], argv[4], argv[5], argv[6]);

  g_test_init (&argc, &argv, NULL);
  peer = cg_test_peer_start (&error);
  if (peer == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_test_add_func ("/sync-crash/kill-during-push", test_kill_during_push);
  g_test_add_func ("/sync-crash/kill-during-pull", test_kill_during_pull);
  result = g_test_run ();
  cg_test_peer_stop (peer);
  return result;
}
