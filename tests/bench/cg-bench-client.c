/* cg-bench-client.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Changgu's side of the sync benchmarks: one one-shot CgReplicator run, as
 * the app does it, in a process of its own so that the driver can measure its
 * CPU time and peak RSS with wait4().
 *
 *   cg-bench-client pull|push URL DB STORE_PATH BATCH
 *
 * pull: the remote database into the store at STORE_PATH (normally a new,
 * empty file); push: the store's pending documents into the database.
 * BATCH 0 keeps the replicator's default. Prints one JSON object:
 *   {"ok":true,"direction":"pull","docs":N,"docs_read":R,"failed":F,
 *    "seconds":S,"cpu_s":C,"hwm_kb":K,"store_docs":D,"pending_after":P}
 * where seconds is the replication run alone (run_async to its callback),
 * cpu_s the process's user+system time up to then, main_cpu_s the main
 * thread's share of it (HTTP, JSON parsing and building; the rest is the
 * worker threads: SQLite), runqueue_wait_s how long its threads were
 * runnable but waiting for a CPU (contention with the server), and hwm_kb the process's own VmHWM (a
 * cross-check of the driver's ru_maxrss).
 * Exits 1 (with a message on stderr) if the run fails.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cg-replicator.h"
#include "cg-store.h"

#define RUN_TIMEOUT_S 900

typedef struct {
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
  gint64     end;
} RunState;

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  RunState *state = data;

  state->ok = cg_replicator_run_finish (CG_REPLICATOR (source), result, &state->error);
  state->end = g_get_monotonic_time ();
  g_main_loop_quit (state->loop);
}

static gboolean
on_timeout (gpointer data)
{
  fprintf (stderr, "cg-bench-client: the run did not finish within %d s\n", RUN_TIMEOUT_S);
  exit (1);
  return G_SOURCE_REMOVE;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* User+system seconds of one thread of this process (-1 if unknown). */
static double
thread_cpu_seconds (long tid)
{
  g_autofree char *path = g_strdup_printf ("/proc/self/task/%ld/stat", tid);
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *close_paren;

  if (!g_file_get_contents (path, &stat, NULL, NULL) ||
      (close_paren = strrchr (stat, ')')) == NULL)
    return -1;
  /* After "pid (comm)": state is field 3, utime 14, stime 15. */
  fields = g_strsplit (close_paren + 2, " ", 14);
  if (g_strv_length (fields) < 14)
    return -1;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

/* Seconds the live threads of this process spent waiting for a CPU while
 * runnable (/proc/…/schedstat; -1 if unknown): contention with the server. */
static double
runqueue_wait_seconds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *name;
  double total = 0;

  if (dir == NULL)
    return -1;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/self/task/%s/schedstat", name);
      g_autofree char *text = NULL;
      g_auto(GStrv) fields = NULL;

      if (!g_file_get_contents (path, &text, NULL, NULL))
        return -1;
      fields = g_strsplit (text, " ", 3);
      if (g_strv_length (fields) < 2)
        return -1;
      total += g_ascii_strtod (fields[1], NULL) / 1e9;
    }
  return total;
}

/* VmHWM of this process in kB (0 if unknown). */
static guint64
vm_hwm_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgRemote) remote = NULL;
  g_autoptr(CgReplicator) rep = NULL;
  g_autoptr(CgStore) store = NULL;
  CgReplicationDirection direction;
  RunState state = { 0 };
  gint64 start;
  double cpu, main_cpu, runqueue_wait;
  guint64 hwm;
  guint batch;

  if (argc != 6 || (strcmp (argv[1], "pull") != 0 && strcmp (argv[1], "push") != 0))
    {
      fprintf (stderr, "usage: cg-bench-client pull|push URL DB STORE_PATH BATCH\n");
      return 2;
    }
  direction = strcmp (argv[1], "pull") == 0 ? CG_REPLICATION_PULL : CG_REPLICATION_PUSH;
  batch = (guint) strtoul (argv[5], NULL, 10);

  remote = cg_remote_new (argv[2], argv[3], NULL, NULL, &error);
  if (remote == NULL)
    {
      fprintf (stderr, "cg-bench-client: %s\n", error->message);
      return 1;
    }
  rep = cg_replicator_new (argv[4], remote, direction, "bench-device");
  if (batch > 0)
    cg_replicator_set_batch_size (rep, batch);

  state.loop = g_main_loop_new (NULL, FALSE);
  g_timeout_add_seconds (RUN_TIMEOUT_S, on_timeout, NULL);
  start = g_get_monotonic_time ();
  cg_replicator_run_async (rep, FALSE, NULL, on_run_done, &state);
  g_main_loop_run (state.loop);
  cpu = cpu_seconds ();
  main_cpu = thread_cpu_seconds ((long) getpid ());
  runqueue_wait = runqueue_wait_seconds ();
  hwm = vm_hwm_kb ();
  g_main_loop_unref (state.loop);

  if (!state.ok)
    {
      fprintf (stderr, "cg-bench-client: %s failed: %s\n", argv[1],
               state.error ? state.error->message : "?");
      g_clear_error (&state.error);
      return 1;
    }

  /* Untimed: what the store holds now. */
  store = cg_store_open (argv[4], &error);
  if (store == NULL)
    {
      fprintf (stderr, "cg-bench-client: %s\n", error->message);
      return 1;
    }
  printf ("{\"ok\":true,\"direction\":\"%s\",\"batch\":%u,\"docs\":%" G_GUINT64_FORMAT
          ",\"docs_read\":%" G_GUINT64_FORMAT ",\"failed\":%" G_GUINT64_FORMAT
          ",\"seconds\":%.3f,\"cpu_s\":%.3f,\"main_cpu_s\":%.2f,\"runqueue_wait_s\":%.2f,\"hwm_kb\":%" G_GUINT64_FORMAT
          ",\"store_docs\":%u,\"pending_after\":%u}\n",
          argv[1], batch, cg_replicator_get_docs_written (rep), cg_replicator_get_docs_read (rep),
          cg_replicator_get_docs_failed (rep), (state.end - start) / 1e6, cpu, main_cpu, runqueue_wait, hwm,
          cg_store_count_documents (store, NULL), cg_store_count_pending (store));
  return 0;
}
