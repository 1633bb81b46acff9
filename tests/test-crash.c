/* test-crash.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crash safety. A child process (this binary with --child) writes documents
 * to a store as fast as it can, singly and in batches, and prints each id on
 * stdout only after the write returned success. The parent kills it with
 * SIGKILL after a random delay, reopens the store, and checks that every id
 * the child reported is there and that PRAGMA integrity_check says "ok".
 * Many rounds on the same file, so recovery itself is recovered from.
 *
 * Rounds: CHANGGU_CRASH_ROUNDS (default 100).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cg-test-util.h"

static int
run_child (const char *path,
           const char *tag)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = cg_store_open (path, &error);
  guint64 n = 0;

  if (store == NULL)
    {
      fprintf (stderr, "child: %s\n", error->message);
      return 1;
    }
  for (;;)
    {
      /* Every fifth round a batch of five in one transaction. */
      guint batch = (n % 5 == 0) ? 5 : 1;
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

      if (batch > 1 && !cg_store_begin (store, &error))
        return 1;
      for (guint i = 0; i < batch; i++)
        {
          g_autofree char *id = g_strdup_printf ("customer:%s-%" G_GUINT64_FORMAT, tag, n++);
          g_autofree char *name = g_strdup_printf ("충돌 테스트 %" G_GUINT64_FORMAT, n);
          g_autoptr(JsonObject) doc = cg_test_customer_doc (id, name);
          g_autofree char *rev = cg_store_put (store, doc, &error);
          if (rev == NULL)
            {
              fprintf (stderr, "child: %s\n", error->message);
              return 1;
            }
          g_ptr_array_add (ids, g_steal_pointer (&id));
        }
      if (batch > 1 && !cg_store_commit (store, &error))
        return 1;
      /* Acknowledged only now. */
      for (guint i = 0; i < ids->len; i++)
        printf ("%s\n", (char *) g_ptr_array_index (ids, i));
      fflush (stdout);
    }
}

/* Reads whatever the pipe holds now (or until EOF when @until_eof). */
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

static void
test_kill_during_writes (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "crash.db", NULL);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GHashTable) acknowledged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *rounds_env = g_getenv ("CHANGGU_CRASH_ROUNDS");
  guint rounds = rounds_env ? (guint) g_ascii_strtoull (rounds_env, NULL, 10) : 100;
  /* Under the sanitizers (build-aux/dev asan sets it) the child takes
   * several times longer to start and to write: the same moments of its
   * life need a window as many times longer. */
  const char *slowdown_env = g_getenv ("CHANGGU_TEST_SLOWDOWN");
  guint slowdown = slowdown_env ? MAX (1, (guint) g_ascii_strtoull (slowdown_env, NULL, 10)) : 1;
  guint killed_mid_write = 0;

  g_assert_nonnull (self);
  for (guint round = 0; round < rounds; round++)
    {
      g_autofree char *tag = g_strdup_printf ("r%u", round);
      char *argv[] = { self, (char *) "--child", path, tag, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(CgStore) store = NULL;
      g_auto(GStrv) lines = NULL;
      GPid pid;
      int out_fd, status;
      gint64 deadline;

      g_assert_true (g_spawn_async_with_pipes (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      fcntl (out_fd, F_SETFL, fcntl (out_fd, F_GETFL) | O_NONBLOCK);

      /* 5–150 ms: sometimes during open and migration, mostly mid-write. */
      deadline = g_get_monotonic_time () + g_test_rand_int_range (5, 150) * 1000 * slowdown;
      while (g_get_monotonic_time () < deadline)
        {
          drain (out_fd, out, FALSE);
          g_usleep (500);
        }
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      drain (out_fd, out, TRUE);
      close (out_fd);

      lines = g_strsplit (out->str, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (*lines[i] != '\0' && g_str_has_prefix (lines[i], "customer:"))
          g_hash_table_add (acknowledged, g_strdup (lines[i]));

      /* Reopen: recovery runs here. */
      store = cg_store_open (path, &error);
      g_assert_no_error (error);
      {
        GHashTableIter iter;
        gpointer key;
        g_hash_table_iter_init (&iter, acknowledged);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          {
            g_autoptr(JsonObject) doc = cg_store_get (store, key, FALSE, &error);
            if (doc == NULL)
              g_error ("round %u: acknowledged write %s is missing: %s",
                       round, (char *) key, error->message);
          }
      }
      /* The projection and the documents agree after every crash. */
      g_assert_cmpint (cg_test_query_int (store, "SELECT count(*) FROM customers"), ==,
                       cg_store_count_documents (store, "customer"));
      if (cg_store_count_documents (store, "customer") > g_hash_table_size (acknowledged))
        killed_mid_write++;   /* committed but not yet printed: allowed */
      cg_test_assert_integrity (path);
    }

  g_test_message ("%u rounds, %u acknowledged writes all present, %u kills between commit and acknowledgement",
                  rounds, g_hash_table_size (acknowledged), killed_mid_write);
  /* The test only means something if the child got to write. */
  g_assert_cmpuint (g_hash_table_size (acknowledged), >, rounds);
}

int
main (int argc, char **argv)
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/kill-during-writes", test_kill_during_writes);
  return g_test_run ();
}
