/* cg-bench-admin.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How fast changgu-admin fills a store (issue "Performance at store
 * scale"): `demo-data` and `import customers`, each run as a child process
 * and measured with wait4() (wall time, user+system CPU, peak RSS), beside
 * the SQLite floor: the very documents they wrote, inserted bare into a
 * one-table database (id, JSON body) with the store's durability settings
 * (WAL, synchronous=FULL) in transactions of 1,000, in this process. The
 * floor is what any SQLite store pays at least; the gap to it is Changgu's
 * validation, revision tree, projections, timeline and search indexes.
 * QUALITY.md sets no target for either: the rows are figures.
 *
 *   cg-bench-admin CHANGGU_ADMIN
 *
 * CG_BENCH_ADMIN_CUSTOMERS (default 20000) sets the size.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cg-bench-result.h"
#include "changgu-core.h"

#define DEFAULT_CUSTOMERS 20000
#define FLOOR_BATCH       1000

typedef struct {
  double wall_s;
  double cpu_s;
  double maxrss_mb;
} Usage;

/* Runs @argv with its output thrown away; FALSE unless it exits 0. */
static gboolean
measure (const char * const *argv,
         Usage              *usage)
{
  struct rusage ru;
  gint64 start = g_get_monotonic_time ();
  int status = 0;
  pid_t pid = fork ();

  if (pid < 0)
    return FALSE;
  if (pid == 0)
    {
      int null = open ("/dev/null", O_WRONLY);
      dup2 (null, STDOUT_FILENO);
      execv (argv[0], (char * const *) argv);
      _exit (127);
    }
  if (wait4 (pid, &status, 0, &ru) != pid)
    return FALSE;
  usage->wall_s = (g_get_monotonic_time () - start) / 1e6;
  usage->cpu_s = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  usage->maxrss_mb = ru.ru_maxrss / 1024.0;
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

typedef struct {
  CgStore   *store;
  GPtrArray *ids;
  GPtrArray *bodies;
} Collect;

static gboolean
collect_document (const char *id,
                  const char *rev,
                  gint64      seq,
                  gpointer    data)
{
  Collect *c = data;
  g_autoptr(JsonObject) doc = cg_store_get (c->store, id, FALSE, NULL);
  g_autoptr(JsonNode) node = NULL;

  if (doc == NULL)
    return TRUE;
  node = json_node_init_object (json_node_alloc (), doc);
  g_ptr_array_add (c->ids, g_strdup (id));
  g_ptr_array_add (c->bodies, json_to_string (node, FALSE));
  return TRUE;
}

/* The documents of the store at @path, as (id, JSON text) pairs. */
static void
read_documents (const char *path,
                GPtrArray  *ids,
                GPtrArray  *bodies)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = cg_store_open (path, &error);
  Collect c = { store, ids, bodies };

  if (store == NULL)
    g_error ("cannot open %s: %s", path, error->message);
  cg_store_foreach_document (store, NULL, collect_document, &c);
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
}

/* Seconds to insert the documents bare into a new database at @path. */
static double
sqlite_floor (const char *path,
              GPtrArray  *ids,
              GPtrArray  *bodies)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL;
  gint64 start;

  if (sqlite3_open (path, &db) != SQLITE_OK)
    g_error ("cannot create %s", path);
  exec_or_die (db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                   "CREATE TABLE docs (id TEXT PRIMARY KEY, body TEXT NOT NULL)");
  sqlite3_prepare_v2 (db, "INSERT INTO docs (id, body) VALUES (?1, ?2)", -1, &insert, NULL);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < ids->len; i++)
    {
      if (i % FLOOR_BATCH == 0)
        exec_or_die (db, i == 0 ? "BEGIN" : "COMMIT; BEGIN");
      sqlite3_bind_text (insert, 1, g_ptr_array_index (ids, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, g_ptr_array_index (bodies, i), -1, SQLITE_STATIC);
      if (sqlite3_step (insert) != SQLITE_DONE)
        g_error ("insert: %s", sqlite3_errmsg (db));
      sqlite3_reset (insert);
    }
  exec_or_die (db, "COMMIT");
  sqlite3_finalize (insert);
  sqlite3_close (db);
  return (g_get_monotonic_time () - start) / 1e6;
}

/* One CSV row per customer of the store at @path: what a shop exports
 * from its old system (name, phone, e-mail, language, tier). */
static guint
write_customers_csv (const char *store_path,
                     const char *csv_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = cg_store_open (store_path, &error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) csv = g_string_new ("name,phone,email,language,tier\n");
  Collect c = { store, ids, bodies };
  guint rows = 0;

  if (store == NULL)
    g_error ("cannot open %s: %s", store_path, error->message);
  cg_store_foreach_document (store, "customer", collect_document, &c);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonObject) doc = cg_store_get (store, g_ptr_array_index (ids, i), FALSE, NULL);
      JsonArray *phones = cg_json_get_array (doc, "phones");
      JsonArray *emails = cg_json_get_array (doc, "emails");

      if (cg_json_get_string (doc, "merged_into") != NULL)
        continue;
      g_string_append_printf (csv, "\"%s\",%s,%s,%s,%s\n", cg_json_get_string (doc, "name"),
                              phones && json_array_get_length (phones) ? json_array_get_string_element (phones, 0) : "",
                              emails && json_array_get_length (emails) ? json_array_get_string_element (emails, 0) : "",
                              cg_json_get_string (doc, "language") ? cg_json_get_string (doc, "language") : "",
                              cg_json_get_string (doc, "tier") ? cg_json_get_string (doc, "tier") : "");
      rows++;
    }
  if (!g_file_set_contents (csv_path, csv->str, csv->len, &error))
    g_error ("%s", error->message);
  return rows;
}

static gint64
count_documents (const char *path)
{
  g_autoptr(CgStore) store = cg_store_open (path, NULL);
  return store ? (gint64) cg_store_count_documents (store, NULL) : -1;
}

/* Prints one line of detail and the RESULT row of a run beside its floor. */
static void
report (const char *name,
        Usage      *usage,
        gint64      docs,
        double      floor_s)
{
  double rate = docs / usage->wall_s, floor_rate = docs / floor_s;
  g_autofree char *mine = g_strdup_printf ("%.0f docs/s (%" G_GINT64_FORMAT " docs in %.1f s, CPU %.1f s, peak RSS %.0f MB)",
                                           rate, docs, usage->wall_s, usage->cpu_s, usage->maxrss_mb);
  g_autofree char *theirs = g_strdup_printf ("SQLite floor %.0f docs/s", floor_rate);
  g_autofree char *ratio = g_strdup_printf ("%.2f of the floor", rate / floor_rate);

  printf ("%-34s %9.0f docs/s %7.1f s wall %7.1f s CPU %6.0f MB  floor %9.0f docs/s\n",
          name, rate, usage->wall_s, usage->cpu_s, usage->maxrss_mb, floor_rate);
  cg_bench_figure (name, mine, theirs, ratio);
}

static void
remove_store (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *admin = NULL, *scratch = NULL, *demo = NULL, *imported = NULL, *csv = NULL, *floor_db = NULL;
  g_autofree char *count = NULL;
  const char *env = g_getenv ("CG_BENCH_ADMIN_CUSTOMERS");
  guint64 customers = DEFAULT_CUSTOMERS;
  Usage usage;

  if (argc != 2)
    {
      g_printerr ("usage: cg-bench-admin CHANGGU_ADMIN\n");
      return 2;
    }
  if (env != NULL && !g_ascii_string_to_unsigned (env, 10, 1, 10000000, &customers, NULL))
    {
      g_printerr ("CG_BENCH_ADMIN_CUSTOMERS must be a number of customers from 1 to 10000000, not “%s”\n", env);
      return 2;
    }
  admin = g_canonicalize_filename (argv[1], NULL);
  scratch = g_dir_make_tmp ("cg-bench-admin-XXXXXX", &error);
  if (scratch == NULL)
    g_error ("%s", error->message);
  demo = g_build_filename (scratch, "demo.db", NULL);
  imported = g_build_filename (scratch, "imported.db", NULL);
  csv = g_build_filename (scratch, "customers.csv", NULL);
  floor_db = g_build_filename (scratch, "floor.db", NULL);
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, customers);
  setvbuf (stdout, NULL, _IOLBF, 0);
  printf ("# changgu-admin filling a store, %s customers, beside the SQLite floor (scratch %s)\n", count, scratch);

  /* demo-data */
  {
    const char *args[] = { admin, "demo-data", "--customers", count, "--db", demo, NULL };
    g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *name = g_strdup_printf ("demo-data: %s customers", count);

    if (!measure (args, &usage))
      g_error ("changgu-admin demo-data failed");
    read_documents (demo, ids, bodies);
    report (name, &usage, ids->len, sqlite_floor (floor_db, ids, bodies));
    remove_store (floor_db);
  }

  /* import customers, at the default batch and at 10,000 per transaction */
  {
    guint rows = write_customers_csv (demo, csv);
    const char *batches[] = { NULL, "10000" };

    for (guint b = 0; b < G_N_ELEMENTS (batches); b++)
      {
        const char *args[] = { admin, "import", "customers", csv, "--db", imported,
                               batches[b] ? "--batch-size" : NULL, batches[b], NULL };
        g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
        g_autofree char *name = g_strdup_printf ("import: %u customers from CSV%s", rows,
                                                 batches[b] ? ", 10,000 per transaction" : "");

        remove_store (imported);
        if (!measure (args, &usage))
          g_error ("changgu-admin import failed");
        if (count_documents (imported) != (gint64) rows)
          g_error ("the import wrote %" G_GINT64_FORMAT " documents, not %u", count_documents (imported), rows);
        read_documents (imported, ids, bodies);
        report (name, &usage, ids->len, sqlite_floor (floor_db, ids, bodies));
        remove_store (floor_db);
      }
  }

  remove_store (demo);
  remove_store (imported);
  g_unlink (csv);
  g_rmdir (scratch);
  return 0;
}
