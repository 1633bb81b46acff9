/* cg-bench-sync.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync benchmarks of QUALITY.md ("Benchmarks"), side by side in one run
 * against one pouchdb-server (in memory, TEST-PEER.md):
 *
 *   initial pull of ≥100k demo documents into an empty store
 *     server ceiling (cg-bench-ceiling: _changes + _bulk_get, bodies
 *     discarded, 1 and 2 requests in flight), Changgu (cg-bench-client,
 *     batch 500 = default and 1000), PouchDB 9 (bench-pouchdb.js, batch 100 =
 *     default and 1000);
 *   push of ≥10k and ≥100k pending local changes into an empty database
 *     server ceiling (_bulk_docs new_edits:false of the same documents in
 *     1000s), Changgu (batch 500 = default and 1000), PouchDB 9 (100 and
 *     1000; at 100k the two secondary settings run in the first round only).
 *
 * Every client is a child process measured with wait4(): user+system CPU
 * and peak RSS (ru_maxrss). A child's ru_maxrss starts from this process's
 * RSS at exec, so everything heavy (generating the stores, seeding) runs in
 * helper processes and this driver stays small; the floor is measured and
 * printed. Throughput and wall time come from each client's own timing of
 * its replication phase (process start-up excluded). For PouchDB the CPU
 * figure is process.cpuUsage() over the replication phase only (smaller than
 * its whole process); Changgu's is its whole process. The server's CPU time
 * over each run is shown too, and for Changgu where its wall time went (its
 * main thread, its worker threads, waiting for a CPU, waiting for the
 * server).
 *
 * Each measurement is repeated CG_BENCH_RUNS times (default 3), the order of
 * the clients rotating from round to round, every round against a freshly
 * restarted and seeded server; the tables show medians. About 11–13 minutes
 * on 2 cores. This
 * prints figures and does not judge them: it fails only if a client fails
 * or moves the wrong number of documents.
 *
 * Arguments (meson passes them): CLIENT CEILING PREPARE BENCH_POUCHDB_JS
 * Environment: CG_BENCH_RUNS (default 3), CG_BENCH_CUSTOMERS (default
 * 25000 → 100,730 documents), CG_BENCH_SMALL_CUSTOMERS (default 2520 →
 * 10,045), CG_BENCH_KEEP=1 keeps the scratch directory.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "cg-bench-result.h"
#include "cg-test-peer.h"

extern char **environ;

#define DEFAULT_RUNS             3
#define DEFAULT_CUSTOMERS        25000
#define DEFAULT_SMALL_CUSTOMERS  2520
#define SOURCE_DB                "bench-source"

/* QUALITY.md's targets. */
#define TARGET_CEILING_SHARE     0.90
#define TARGET_CPU_SHARE         0.20
#define TARGET_RSS_MB            60.0

static const char *client_path;
static const char *ceiling_path;
static const char *prepare_path;
static const char *pouchdb_js;
static char *node_path;
static char *scratch;
static CgTestPeer *peer;
static guint n_runs = DEFAULT_RUNS;
static gboolean failed;
static guint db_counter;

/* ------------------------------------------------------------ children */

typedef struct {
  int         status;        /* exit status, or -1 */
  double      process_s;     /* spawn to exit */
  double      cpu_s;         /* user + system (wait4) */
  double      maxrss_mb;     /* ru_maxrss */
  double      server_cpu_s;  /* the server's user + system time meanwhile */
  GPtrArray  *lines;         /* JsonObject* per JSON line printed */
  char       *err;           /* its stderr */
} Child;

static void
child_clear (Child *c)
{
  g_clear_pointer (&c->lines, g_ptr_array_unref);
  g_clear_pointer (&c->err, g_free);
}

/* User+system seconds of process @pid so far (-1 if unknown). */
static double
process_cpu_seconds (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *close_paren;

  if (pid <= 0 || !g_file_get_contents (path, &stat, NULL, NULL) ||
      (close_paren = strrchr (stat, ')')) == NULL)
    return -1;
  /* After "pid (comm)": state is field 3, utime 14, stime 15. */
  fields = g_strsplit (close_paren + 2, " ", 14);
  if (g_strv_length (fields) < 14)
    return -1;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

static GPid server_pid (void);

/* Runs @argv to completion, stdout and stderr into files, and measures it. */
static gboolean
run_child (const char * const *argv,
           Child              *c)
{
  static guint counter;
  g_autofree char *out_path = g_strdup_printf ("%s/child-%u.out", scratch, ++counter);
  g_autofree char *err_path = g_strdup_printf ("%s/child-%u.err", scratch, counter);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  posix_spawn_file_actions_t actions;
  struct rusage usage;
  gint64 start;
  double server_cpu0;
  pid_t pid;
  int status = 0, rc;

  memset (c, 0, sizeof *c);
  c->status = -1;
  c->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen (&actions, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  server_cpu0 = process_cpu_seconds (server_pid ());
  start = g_get_monotonic_time ();
  rc = posix_spawn (&pid, argv[0], &actions, NULL, (char * const *) argv, environ);
  posix_spawn_file_actions_destroy (&actions);
  if (rc != 0)
    {
      c->err = g_strdup_printf ("cannot start %s: %s", argv[0], g_strerror (rc));
      return FALSE;
    }
  do
    rc = wait4 (pid, &status, 0, &usage);
  while (rc < 0 && errno == EINTR);
  c->process_s = (g_get_monotonic_time () - start) / 1e6;
  c->server_cpu_s = server_cpu0 >= 0 ? process_cpu_seconds (server_pid ()) - server_cpu0 : -1;
  if (rc < 0)
    {
      c->err = g_strdup_printf ("wait4: %s", g_strerror (errno));
      return FALSE;
    }
  c->status = WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
  c->cpu_s = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
             usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  c->maxrss_mb = usage.ru_maxrss / 1024.0;

  g_file_get_contents (err_path, &c->err, NULL, NULL);
  if (g_file_get_contents (out_path, &out, NULL, NULL))
    {
      lines = g_strsplit (out, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          if (lines[i][0] == '{' && json_parser_load_from_data (parser, lines[i], -1, NULL) &&
              JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
            g_ptr_array_add (c->lines, json_object_ref (json_node_get_object (json_parser_get_root (parser))));
        }
    }
  g_unlink (out_path);
  g_unlink (err_path);
  return c->status == 0;
}

static double
num (JsonObject *o,
     const char *member)
{
  JsonNode *node = o ? json_object_get_member (o, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  return json_node_get_double (node);
}

static void
report_failure (const char *what,
                Child      *c)
{
  failed = TRUE;
  g_printerr ("FAILED: %s (exit %d)\n%s\n", what, c->status, c->err ? c->err : "");
}

/* ------------------------------------------------------------ figures */

typedef struct {
  char    *label;
  GArray  *rate, *wall, *cpu, *rss;   /* double per run; cpu/rss may stay empty */
  GArray  *main_cpu;                  /* Changgu: the main thread's CPU seconds */
  GArray  *runqueue;                  /* Changgu: runnable but waiting for a CPU */
  GArray  *server_cpu;                /* the server's CPU seconds meanwhile */
  guint64  docs;
  gboolean is_changgu;
  gboolean is_pouchdb;
  gboolean is_ceiling;
} Row;

static Row *
row_new (const char *label,
         gboolean    is_changgu,
         gboolean    is_pouchdb,
         gboolean    is_ceiling)
{
  Row *row = g_new0 (Row, 1);

  row->label = g_strdup (label);
  row->rate = g_array_new (FALSE, FALSE, sizeof (double));
  row->wall = g_array_new (FALSE, FALSE, sizeof (double));
  row->cpu = g_array_new (FALSE, FALSE, sizeof (double));
  row->rss = g_array_new (FALSE, FALSE, sizeof (double));
  row->main_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  row->runqueue = g_array_new (FALSE, FALSE, sizeof (double));
  row->server_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  row->is_changgu = is_changgu;
  row->is_pouchdb = is_pouchdb;
  row->is_ceiling = is_ceiling;
  return row;
}

static void
row_free (Row *row)
{
  g_free (row->label);
  g_array_unref (row->rate);
  g_array_unref (row->wall);
  g_array_unref (row->cpu);
  g_array_unref (row->rss);
  g_array_unref (row->main_cpu);
  g_array_unref (row->runqueue);
  g_array_unref (row->server_cpu);
  g_free (row);
}

static void
row_add (Row    *row,
         guint64 docs,
         double  seconds,
         double  cpu,
         double  rss,
         double  server_cpu)
{
  double rate = seconds > 0 ? docs / seconds : 0;

  if (server_cpu >= 0)
    g_array_append_val (row->server_cpu, server_cpu);
  row->docs = docs;
  g_array_append_val (row->rate, rate);
  g_array_append_val (row->wall, seconds);
  if (cpu >= 0)
    g_array_append_val (row->cpu, cpu);
  if (rss >= 0)
    g_array_append_val (row->rss, rss);
}

static void
add_main_cpu (Row        *row,
              JsonObject *o)
{
  double value = num (o, "main_cpu_s");
  double wait = num (o, "runqueue_wait_s");

  if (value > 0)
    g_array_append_val (row->main_cpu, value);
  if (wait >= 0 && json_object_has_member (o, "runqueue_wait_s"))
    g_array_append_val (row->runqueue, wait);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The median, or -1 for no values. */
static double
median (GArray *values)
{
  g_autoptr(GArray) sorted = NULL;
  guint n = values->len;

  if (n == 0)
    return -1;
  sorted = g_array_copy (values);
  g_array_sort (sorted, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

static char *
format_value (double      value,
              int         decimals,
              const char *suffix)
{
  if (value < 0)
    return g_strdup ("-");
  return g_strdup_printf ("%.*f%s", decimals, value, suffix);
}

static char *
format_runs (GArray *values)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < values->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append_printf (s, "%.0f", g_array_index (values, double, i));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static const char *
verdict (gboolean ok)
{
  return ok ? "meets" : "MISSES";
}

/* The default setting's row: the first Changgu row. */
static guint
first_changgu (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    if (((Row *) g_ptr_array_index (rows, i))->is_changgu)
      return i;
  return G_MAXUINT;
}

static void
print_table (const char *title,
             const char *short_title,
             GPtrArray  *rows)
{
  Row *ceiling = NULL, *pouch_best = NULL;
  double ceiling_rate = -1, pouch_rate = -1, pouch_cpu = -1;

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      /* The sequential ceiling is the reference (the first ceiling row). */
      if (row->is_ceiling && ceiling == NULL)
        {
          ceiling = row;
          ceiling_rate = median (row->rate);
        }
      if (row->is_pouchdb && median (row->rate) > pouch_rate)
        {
          pouch_best = row;
          pouch_rate = median (row->rate);
          pouch_cpu = median (row->cpu);
        }
    }

  g_print ("\n=== %s - median of %u run%s ===\n", title, n_runs, n_runs == 1 ? "" : "s");
  g_print ("%-32s %4s %8s %7s %7s %8s %7s %9s %9s %8s\n", "", "runs", "docs/s", "wall s", "CPU s", "peak RSS",
           "server", "/ceiling", "/PouchDB", "CPU/PDB");
  g_print ("%-32s %4s %8s %7s %7s %8s %7s %9s %9s %8s\n", "", "", "", "", "", "MB",
           "CPU s", "(>=90%)", "(>1.00)", "(<=0.20)");
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      double rate = median (row->rate);
      double cpu = median (row->cpu);
      g_autofree char *rate_s = format_value (rate, 0, "");
      g_autofree char *wall_s = format_value (median (row->wall), 2, "");
      g_autofree char *cpu_s = format_value (cpu, 2, "");
      g_autofree char *rss_s = format_value (median (row->rss), 1, "");
      g_autofree char *server_s = format_value (median (row->server_cpu), 2, "");
      g_autofree char *share_s = NULL;
      g_autofree char *vs_pouch_s = NULL;
      g_autofree char *cpu_ratio_s = NULL;

      if (row->is_changgu || row->is_pouchdb)
        {
          share_s = format_value (ceiling_rate > 0 ? 100 * rate / ceiling_rate : -1, 0, "%");
          vs_pouch_s = format_value (pouch_rate > 0 ? rate / pouch_rate : -1, 2, "x");
          cpu_ratio_s = format_value (pouch_cpu > 0 && cpu >= 0 ? cpu / pouch_cpu : -1, 2, "");
        }
      else if (row->is_ceiling && ceiling_rate > 0)
        share_s = g_strdup_printf ("%.0f%%", 100 * rate / ceiling_rate);
      g_print ("%-32s %4u %8s %7s %7s %8s %7s %9s %9s %8s\n", row->label, row->rate->len, rate_s, wall_s, cpu_s, rss_s,
               server_s,
               share_s ? share_s : "", vs_pouch_s ? vs_pouch_s : "", cpu_ratio_s ? cpu_ratio_s : "");
    }

  g_print ("documents: %" G_GUINT64_FORMAT "; ratios against the sequential ceiling and PouchDB at its best (%s)\n",
           ceiling ? ceiling->docs : 0, pouch_best ? pouch_best->label : "-");
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      g_autofree char *runs = format_runs (row->rate);
      g_print ("  %-32s runs: %s docs/s\n", row->label, runs);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      double rate = median (row->rate), cpu = median (row->cpu), rss = median (row->rss);

      if (!row->is_changgu)
        continue;
      if (i == first_changgu (rows))
        {
          g_autofree char *name = NULL, *mine = NULL, *theirs = NULL, *ratio = NULL;

          name = g_strdup_printf ("%s: throughput", short_title);
          mine = g_strdup_printf ("%.0f docs/s", rate);
          theirs = g_strdup_printf ("ceiling %.0f, PouchDB best %.0f docs/s", ceiling_rate, pouch_rate);
          ratio = g_strdup_printf ("%.0f%% of ceiling, %.2fx PouchDB",
                                   ceiling_rate > 0 ? 100 * rate / ceiling_rate : 0,
                                   pouch_rate > 0 ? rate / pouch_rate : 0);
          cg_bench_result (name, mine, theirs, ratio, ">= 90% of ceiling, ahead of PouchDB",
                           ceiling_rate > 0 && rate >= TARGET_CEILING_SHARE * ceiling_rate && rate > pouch_rate);
          g_free (name); g_free (mine); g_free (theirs); g_free (ratio);
          name = g_strdup_printf ("%s: client CPU", short_title);
          mine = g_strdup_printf ("%.2f s", cpu);
          theirs = g_strdup_printf ("PouchDB best %.2f s", pouch_cpu);
          ratio = g_strdup_printf ("%.2f", pouch_cpu > 0 ? cpu / pouch_cpu : 0);
          cg_bench_result (name, mine, theirs, ratio, "<= 0.20 of PouchDB",
                           pouch_cpu > 0 && cpu <= TARGET_CPU_SHARE * pouch_cpu);
          g_free (name); g_free (mine); g_free (theirs); g_free (ratio);
          name = g_strdup_printf ("%s: peak RSS", short_title);
          mine = g_strdup_printf ("%.1f MB", rss);
          theirs = g_strdup_printf ("PouchDB best %.0f MB", pouch_best ? median (pouch_best->rss) : -1);
          ratio = g_strdup_printf ("%.2f", pouch_best && median (pouch_best->rss) > 0 ? rss / median (pouch_best->rss) : 0);
          cg_bench_result (name, mine, theirs, ratio, "<= 60 MB", rss >= 0 && rss <= TARGET_RSS_MB);
        }
      g_print ("  %s: throughput %s the ceiling target (%.0f%% of %.0f docs/s), %s PouchDB (%.2fx), "
               "CPU %s the 1/5 target (%.2f of PouchDB's %.2f s), RSS %s the %.0f MB target (%.1f MB)\n",
               row->label,
               verdict (ceiling_rate > 0 && rate >= TARGET_CEILING_SHARE * ceiling_rate),
               ceiling_rate > 0 ? 100 * rate / ceiling_rate : 0, ceiling_rate,
               pouch_rate > 0 && rate > pouch_rate ? "ahead of" : "BEHIND",
               pouch_rate > 0 ? rate / pouch_rate : 0,
               verdict (pouch_cpu > 0 && cpu <= TARGET_CPU_SHARE * pouch_cpu),
               pouch_cpu > 0 ? cpu / pouch_cpu : 0, pouch_cpu,
               verdict (rss >= 0 && rss <= TARGET_RSS_MB), TARGET_RSS_MB, rss);
      if (row->main_cpu->len > 0)
        {
          double wall = median (row->wall), main_cpu = median (row->main_cpu);
          g_print ("    where the time goes: main thread %.2f s CPU (HTTP, JSON), worker threads %.2f s CPU "
                   "(SQLite: diff, apply, checkpoints), runnable but without a CPU %.2f s, the rest %.2f s "
                   "(waiting for the server) of %.2f s wall\n",
                   main_cpu, cpu - main_cpu, median (row->runqueue),
                   MAX (0, wall - cpu - MAX (0, median (row->runqueue))), wall);
        }
    }
}

/* ------------------------------------------------------------ the server */

static GPid
server_pid (void)
{
  return peer ? cg_test_peer_get_pid (peer) : 0;
}

static char *
new_database (void)
{
  g_autoptr(GError) error = NULL;
  char *name = g_strdup_printf ("bench-target-%u", ++db_counter);

  if (!cg_test_peer_create_db (peer, name, &error))
    g_error ("cannot create %s: %s", name, error->message);
  return name;
}

static void
drop_database (const char *name)
{
  g_autofree char *path = g_strconcat ("/", name, NULL);
  g_autoptr(JsonNode) reply = cg_test_peer_request (peer, "DELETE", path, NULL, NULL);
}

static gint64
doc_count (const char *name)
{
  g_autofree char *path = g_strconcat ("/", name, NULL);
  g_autoptr(JsonNode) reply = cg_test_peer_request (peer, "GET", path, NULL, NULL);
  JsonNode *count;

  if (reply == NULL || !JSON_NODE_HOLDS_OBJECT (reply))
    return -1;
  count = json_object_get_member (json_node_get_object (reply), "doc_count");
  return count ? json_node_get_int (count) : -1;
}

static void
check_peer (void)
{
  if (!cg_test_peer_is_alive (peer))
    {
      g_autofree char *log = cg_test_peer_read_log (peer);
      g_printerr ("pouchdb-server died:\n%s\n", log);
      exit (1);
    }
}

/* ------------------------------------------------------------ the runs */

static void
remove_store (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal", NULL };

  for (guint i = 0; suffixes[i] != NULL; i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static gboolean
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    {
      g_printerr ("cannot copy %s: %s\n", from, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
run_ceiling_pull (Row *seq_row, Row *pipe_row, guint64 expected, guint run)
{
  Child c;
  /* Alternate which mode goes first. */
  const char *argv[] = { ceiling_path, "pull", cg_test_peer_get_url (peer), SOURCE_DB, "1000",
                         run % 2 ? "2" : "1", run % 2 ? "1" : "2", NULL };

  if (!run_child (argv, &c) || c.lines->len != 2)
    report_failure ("server ceiling, pull", &c);
  else
    for (guint i = 0; i < 2; i++)
      {
        JsonObject *o = g_ptr_array_index (c.lines, i);
        Row *row = num (o, "inflight") == 1 ? seq_row : pipe_row;
        if ((guint64) num (o, "docs") != expected)
          g_printerr ("warning: the ceiling asked for %.0f documents, expected %" G_GUINT64_FORMAT "\n",
                      num (o, "docs"), expected);
        row_add (row, (guint64) num (o, "docs"), num (o, "seconds"), -1, -1, num (o, "server_cpu_s"));
      }
  child_clear (&c);
}

static void
check_docs (const char *what,
            guint64     got,
            guint64     expected)
{
  if (got != expected)
    {
      failed = TRUE;
      g_printerr ("FAILED: %s moved %" G_GUINT64_FORMAT " documents, expected %" G_GUINT64_FORMAT "\n",
                  what, got, expected);
    }
}

static void
run_changgu_pull (Row *row, const char *batch, guint64 expected)
{
  g_autofree char *store = g_build_filename (scratch, "pull.db", NULL);
  const char *argv[] = { client_path, "pull", cg_test_peer_get_url (peer), SOURCE_DB, store, batch, NULL };
  Child c;

  remove_store (store);
  if (!run_child (argv, &c) || c.lines->len != 1)
    report_failure (row->label, &c);
  else
    {
      JsonObject *o = g_ptr_array_index (c.lines, 0);
      check_docs (row->label, (guint64) num (o, "docs"), expected);
      check_docs (row->label, (guint64) num (o, "store_docs"), expected);
      row_add (row, (guint64) num (o, "docs"), num (o, "seconds"), c.cpu_s, c.maxrss_mb, c.server_cpu_s);
      add_main_cpu (row, o);
    }
  child_clear (&c);
  remove_store (store);
}

static void
run_pouchdb_pull (Row *row, const char *batch, guint64 expected)
{
  g_autofree char *url = g_strconcat (cg_test_peer_get_url (peer), "/", SOURCE_DB, NULL);
  const char *argv[] = { node_path, pouchdb_js, "pull", url, batch, NULL };
  Child c;

  if (!run_child (argv, &c) || c.lines->len != 1)
    report_failure (row->label, &c);
  else
    {
      JsonObject *o = g_ptr_array_index (c.lines, 0);
      check_docs (row->label, (guint64) num (o, "docs"), expected);
      row_add (row, (guint64) num (o, "docs"), num (o, "seconds"), num (o, "cpu_s"), c.maxrss_mb, c.server_cpu_s);
    }
  child_clear (&c);
}

static void
run_ceiling_push (Row *row, const char *file, const char *in_flight, guint64 expected)
{
  g_autofree char *db = new_database ();
  const char *argv[] = { ceiling_path, "push", cg_test_peer_get_url (peer), db, file, in_flight, NULL };
  Child c;

  if (!run_child (argv, &c) || c.lines->len != 1)
    report_failure (row->label, &c);
  else
    {
      JsonObject *o = g_ptr_array_index (c.lines, 0);
      check_docs (row->label, (guint64) doc_count (db), expected);
      row_add (row, (guint64) num (o, "docs"), num (o, "seconds"), -1, -1, num (o, "server_cpu_s"));
    }
  child_clear (&c);
  drop_database (db);
}

static void
run_changgu_push (Row *row, const char *source_store, const char *batch, guint64 expected)
{
  g_autofree char *db = new_database ();
  g_autofree char *store = g_build_filename (scratch, "push.db", NULL);
  const char *argv[] = { client_path, "push", cg_test_peer_get_url (peer), db, store, batch, NULL };
  Child c;

  remove_store (store);
  if (!copy_file (source_store, store))
    {
      failed = TRUE;
      drop_database (db);
      return;
    }
  if (!run_child (argv, &c) || c.lines->len != 1)
    report_failure (row->label, &c);
  else
    {
      JsonObject *o = g_ptr_array_index (c.lines, 0);
      check_docs (row->label, (guint64) num (o, "docs"), expected);
      check_docs (row->label, (guint64) doc_count (db), expected);
      if (num (o, "pending_after") != 0)
        check_docs ("pending after the push", (guint64) num (o, "pending_after"), 0);
      row_add (row, (guint64) num (o, "docs"), num (o, "seconds"), c.cpu_s, c.maxrss_mb, c.server_cpu_s);
      add_main_cpu (row, o);
    }
  child_clear (&c);
  remove_store (store);
  drop_database (db);
}

static void
run_pouchdb_push (Row *row, const char *file, const char *batch, guint64 expected)
{
  g_autofree char *db = new_database ();
  g_autofree char *url = g_strconcat (cg_test_peer_get_url (peer), "/", db, NULL);
  const char *argv[] = { node_path, pouchdb_js, "push", url, file, batch, NULL };
  Child c;

  if (!run_child (argv, &c) || c.lines->len != 1)
    report_failure (row->label, &c);
  else
    {
      JsonObject *o = g_ptr_array_index (c.lines, 0);
      check_docs (row->label, (guint64) num (o, "docs"), expected);
      check_docs (row->label, (guint64) doc_count (db), expected);
      row_add (row, (guint64) num (o, "docs"), num (o, "seconds"), num (o, "cpu_s"), c.maxrss_mb, c.server_cpu_s);
    }
  child_clear (&c);
  drop_database (db);
}

/* ------------------------------------------------------------ setup */

typedef struct {
  char   *store;
  char   *file;
  guint64 docs;
} Dataset;

static gboolean
prepare_dataset (const char *name,
                 guint       customers,
                 Dataset    *out)
{
  g_autofree char *count = g_strdup_printf ("%u", customers);
  Child c;

  out->store = g_strdup_printf ("%s/%s.db", scratch, name);
  out->file = g_strdup_printf ("%s/%s.jsonl", scratch, name);
  {
    const char *argv[] = { prepare_path, "generate", out->store, count, NULL };
    if (!run_child (argv, &c) || c.lines->len != 1)
      {
        report_failure ("generating the demo store", &c);
        child_clear (&c);
        return FALSE;
      }
    g_print ("# %s: %u customers -> %.0f documents, generated in %.1f s\n", name, customers,
             num (g_ptr_array_index (c.lines, 0), "docs"), num (g_ptr_array_index (c.lines, 0), "seconds"));
    child_clear (&c);
  }
  {
    const char *argv[] = { prepare_path, "export", out->store, out->file, "1000", NULL };
    if (!run_child (argv, &c) || c.lines->len != 1)
      {
        report_failure ("exporting the demo store", &c);
        child_clear (&c);
        return FALSE;
      }
    out->docs = (guint64) num (g_ptr_array_index (c.lines, 0), "docs");
    g_print ("# %s: %" G_GUINT64_FORMAT " documents, %.1f MB of _bulk_docs bodies (%.0f B a document)\n",
             name, out->docs, num (g_ptr_array_index (c.lines, 0), "bytes") / 1e6,
             num (g_ptr_array_index (c.lines, 0), "bytes") / MAX (out->docs, 1));
    child_clear (&c);
  }
  return TRUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Creates and fills the source database (untimed; its rate is printed for
 * information). */
static gboolean
seed (Dataset *set)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", (int) server_pid ());
  const char *argv[] = { ceiling_path, "push", cg_test_peer_get_url (peer), SOURCE_DB, set->file, "1", NULL };
  Child c;

  g_setenv ("CG_BENCH_SERVER_PID", pid, TRUE);   /* for cg-bench-ceiling */
  if (!cg_test_peer_create_db (peer, SOURCE_DB, &error))
    {
      g_printerr ("FAILED: cannot create %s: %s\n", SOURCE_DB, error->message);
      failed = TRUE;
      return FALSE;
    }
  if (!run_child (argv, &c) || doc_count (SOURCE_DB) != (gint64) set->docs)
    {
      report_failure ("seeding", &c);
      child_clear (&c);
      return FALSE;
    }
  g_print ("# seeded %s (pouchdb-server pid %s) with %" G_GUINT64_FORMAT " documents in %.1f s\n",
           SOURCE_DB, pid, set->docs, num (g_ptr_array_index (c.lines, 0), "seconds"));
  child_clear (&c);
  return TRUE;
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 n;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &n, NULL))
    return (guint) n;
  return fallback;
}

typedef enum {
  JOB_CEILING, JOB_CHANGGU_500, JOB_CHANGGU_1000, JOB_POUCHDB_100, JOB_POUCHDB_1000, N_JOBS
} Job;

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pull_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GPtrArray) small_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GPtrArray) big_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  Dataset big = { 0 }, small = { 0 };
  gint64 started = g_get_monotonic_time ();
  guint customers, small_customers;
  double floor_mb;

  if (argc != 5)
    {
      g_printerr ("usage: cg-bench-sync CLIENT CEILING PREPARE BENCH_POUCHDB_JS\n");
      return 2;
    }
  /* meson passes paths relative to the build directory. */
  client_path = g_canonicalize_filename (argv[1], NULL);
  ceiling_path = g_canonicalize_filename (argv[2], NULL);
  prepare_path = g_canonicalize_filename (argv[3], NULL);
  pouchdb_js = g_canonicalize_filename (argv[4], NULL);
  n_runs = env_uint ("CG_BENCH_RUNS", DEFAULT_RUNS);
  customers = env_uint ("CG_BENCH_CUSTOMERS", DEFAULT_CUSTOMERS);
  small_customers = env_uint ("CG_BENCH_SMALL_CUSTOMERS", DEFAULT_SMALL_CUSTOMERS);
  setvbuf (stdout, NULL, _IOLBF, 0);

  node_path = g_find_program_in_path ("node");
  if (node_path == NULL || !g_file_test (pouchdb_js, G_FILE_TEST_EXISTS))
    {
      g_print ("SKIP: node or %s is missing; run `build-aux/dev deps`\n", pouchdb_js);
      return 77;
    }
  scratch = g_dir_make_tmp ("cg-bench-XXXXXX", &error);
  if (scratch == NULL)
    g_error ("%s", error->message);

  /* The driver's own RSS is each child's ru_maxrss floor. */
  {
    const char *true_argv[] = { "/bin/true", NULL };
    Child c;
    run_child (true_argv, &c);
    floor_mb = c.maxrss_mb;
    child_clear (&c);
  }

  g_print ("# Sync benchmarks (QUALITY.md); %u run%s each, scratch %s\n", n_runs, n_runs == 1 ? "" : "s", scratch);
  if (!prepare_dataset ("pull-and-push-100k", customers, &big) ||
      !prepare_dataset ("push-10k", small_customers, &small))
    goto out;

  peer = cg_test_peer_start (&error);
  if (peer == NULL)
    {
      if (g_error_matches (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_UNAVAILABLE))
        {
          g_print ("SKIP: %s\n", error->message);
          remove_tree (scratch);
          return 77;
        }
      g_printerr ("cannot start the peer: %s\n", error->message);
      failed = TRUE;
      goto out;
    }
  g_print ("# pouchdb-server (in memory) on %s\n", cg_test_peer_get_url (peer));

  g_print ("# driver RSS floor (a child's ru_maxrss starts there) %.1f MB\n", floor_mb);

  {
    Row *ceiling_seq = row_new ("server ceiling (1 in flight)", FALSE, FALSE, TRUE);
    Row *ceiling_pipe = row_new ("server ceiling (2 in flight)", FALSE, FALSE, TRUE);
    Row *cg500 = row_new ("Changgu, batch 500 (default)", TRUE, FALSE, FALSE);
    Row *cg1000 = row_new ("Changgu, batch 1000", TRUE, FALSE, FALSE);
    Row *pd100 = row_new ("PouchDB 9, batch 100 (default)", FALSE, TRUE, FALSE);
    Row *pd1000 = row_new ("PouchDB 9, batch 1000", FALSE, TRUE, FALSE);
    Row *push_rows[2][5];
    GPtrArray *push_tables[2] = { small_rows, big_rows };
    Dataset *push_sets[2] = { &small, &big };

    g_ptr_array_add (pull_rows, ceiling_seq);
    g_ptr_array_add (pull_rows, ceiling_pipe);
    g_ptr_array_add (pull_rows, cg500);
    g_ptr_array_add (pull_rows, cg1000);
    g_ptr_array_add (pull_rows, pd100);
    g_ptr_array_add (pull_rows, pd1000);
    for (guint s = 0; s < 2; s++)
      {
        push_rows[s][0] = row_new ("server _bulk_docs ceiling", FALSE, FALSE, TRUE);
        push_rows[s][1] = row_new ("Changgu, batch 500 (default)", TRUE, FALSE, FALSE);
        push_rows[s][2] = row_new ("Changgu, batch 1000", TRUE, FALSE, FALSE);
        push_rows[s][3] = row_new ("PouchDB 9, batch 100 (default)", FALSE, TRUE, FALSE);
        push_rows[s][4] = row_new ("PouchDB 9, batch 1000", FALSE, TRUE, FALSE);
        for (guint j = 0; j < 5; j++)
          g_ptr_array_add (push_tables[s], push_rows[s][j]);
      }

    for (guint run = 0; run < n_runs; run++)
      {
        g_print ("# round %u/%u (%.0f s so far)\n", run + 1, n_runs, (g_get_monotonic_time () - started) / 1e6);
        /* Every round against a fresh server holding only the source
         * database: a long-lived in-memory peer drifts (its heap grows with
         * the dropped push databases and GC costs change), which made whole
         * rounds faster or slower for every client. */
        if (run > 0)
          cg_test_peer_restart (peer);
        if (!seed (&big))
          goto out;
        for (guint k = 0; k < N_JOBS; k++)
          {
            Job job = (k + run) % N_JOBS;   /* a different order every round */
            switch (job)
              {
              case JOB_CEILING: run_ceiling_pull (ceiling_seq, ceiling_pipe, big.docs, run); break;
              case JOB_CHANGGU_500: run_changgu_pull (cg500, "0", big.docs); break;
              case JOB_CHANGGU_1000: run_changgu_pull (cg1000, "1000", big.docs); break;
              case JOB_POUCHDB_100: run_pouchdb_pull (pd100, "0", big.docs); break;
              case JOB_POUCHDB_1000: run_pouchdb_pull (pd1000, "1000", big.docs); break;
              default: g_assert_not_reached ();
              }
            check_peer ();
          }
        for (guint s = 0; s < 2; s++)
          for (guint k = 0; k < N_JOBS; k++)
            {
              Job job = (k + run) % N_JOBS;
              Dataset *set = push_sets[s];
              switch (job)
                {
                case JOB_CEILING: run_ceiling_push (push_rows[s][0], set->file, "1", set->docs); break;
                case JOB_CHANGGU_500: run_changgu_push (push_rows[s][1], set->store, "0", set->docs); break;
                /* The two secondary settings of the large push run in the
                 * first round only (the time budget): see "runs". */
                case JOB_CHANGGU_1000:
                  if (s == 0 || run == 0)
                    run_changgu_push (push_rows[s][2], set->store, "1000", set->docs);
                  break;
                case JOB_POUCHDB_100:
                  if (s == 0 || run == 0)
                    run_pouchdb_push (push_rows[s][3], set->file, "0", set->docs);
                  break;
                case JOB_POUCHDB_1000: run_pouchdb_push (push_rows[s][4], set->file, "1000", set->docs); break;
                default: g_assert_not_reached ();
                }
              check_peer ();
            }
      }
  }

  print_table ("Initial pull into an empty store", "pull 100k", pull_rows);
  print_table ("Push of pending local changes, small", "push 10k", small_rows);
  print_table ("Push of pending local changes, large", "push 100k", big_rows);
  g_print ("\nNotes: docs/s and wall s are each client's replication phase (process start-up excluded). "
           "CPU s: Changgu's whole process (wait4); PouchDB's replication phase (process.cpuUsage). "
           "Peak RSS: ru_maxrss of the whole process (PouchDB's memory adapter holds every document; its push "
           "figure includes the untimed load). Server CPU s: pouchdb-server's user+system time meanwhile "
           "(it can use more than one core: V8's GC threads). Ceilings: the same requests with the bodies read and discarded "
           "(pull: _changes + _bulk_get in 1000s, replayed; push: _bulk_docs new_edits:false in 1000s). "
           "Total %.0f s.\n", (g_get_monotonic_time () - started) / 1e6);

out:
  cg_test_peer_stop (peer);
  if (g_getenv ("CG_BENCH_KEEP") == NULL)
    remove_tree (scratch);
  g_free (big.store);
  g_free (big.file);
  g_free (small.store);
  g_free (small.file);
  return failed ? 1 : 0;
}
