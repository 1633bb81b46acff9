/* cg-bench-workspace.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What counter staff wait for (QUALITY.md, "Benchmarks"), each next to its
 * reference where it has one:
 *
 *  - search as you type: customers (FTS5 + the first 50 rows built) plus
 *    the orders and cases whose number matches, against the same FTS5
 *    query run bare through SQLite on its own connection; p50/p95/p99;
 *  - open customer 360: the customer document and 50 timeline rows;
 *  - a durable local write: creating a case (synchronous=FULL).
 *
 *   cg-bench-workspace [STORE]
 *
 * STORE defaults to $CG_BENCH_STORE; without either a 20,000-customer demo
 * store is generated in a temporary directory first (the 1M-customer
 * figures in docs/PERFORMANCE.md come from `build-aux/dev demo 1000000`'s
 * store passed here). The write benchmark adds 200 cases to STORE.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "cg-bench-result.h"
#include "cg-bench-store.h"
#include "changgu-core.h"
#include "cg-demo.h"

#define RUNS 100

static double
percentile (GArray *ms,
            double  p)
{
  return cg_bench_percentile ((double *) (void *) ms->data, ms->len, p);
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
print_row (const char *name,
           GArray     *ms,
           const char *extra)
{
  printf ("%-28s %8.2f %8.2f %8.2f  %s\n", name,
          percentile (ms, 0.50), percentile (ms, 0.95), percentile (ms, 0.99),
          extra ? extra : "");
}

static void
bench_search (CgStore *store,
              sqlite3 *bare)
{
  static const char * const queries[] = {
    "김", "민준", "김민준", "이서", "5678", "kim", "naver", "Emily", "0421-C1", "W2400",
  };

  printf ("\nSearch as you type (ms)          p50      p95      p99  bare p50 / p95, matches\n");
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) bare_ms = g_array_new (FALSE, FALSE, sizeof (double));
      /* Where the time goes: customers (FTS5, then each hit's survivor of
       * a merge), order and case numbers, the first 50 rows built. */
      GArray *part_ms[3] = { g_array_new (FALSE, FALSE, sizeof (double)),
                                       g_array_new (FALSE, FALSE, sizeof (double)),
                                       g_array_new (FALSE, FALSE, sizeof (double)) };
      g_autofree char *match = cg_search_build_query (queries[q]);
      sqlite3_stmt *stmt = NULL;
      guint matches = 0, numbers = 0;
      g_autofree char *extra = NULL;

      sqlite3_prepare_v2 (bare, "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?1 LIMIT 1000",
                          -1, &stmt, NULL);
      for (guint run = 0; run < RUNS; run++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(GArray) rowids = cg_store_search_customers (store, queries[q], 1000, NULL);
          gint64 t_customers = g_get_monotonic_time ();
          g_autoptr(GPtrArray) found = cg_store_search_numbers (store, queries[q], 5, NULL);
          gint64 t_numbers = g_get_monotonic_time ();
          g_autoptr(GPtrArray) rows = cg_customer_summaries_load (store, (gint64 *) rowids->data,
                                                                  MIN (rowids->len, 50));
          double t = elapsed_ms (start);
          double parts[3] = { (t_customers - start) / 1000.0, (t_numbers - t_customers) / 1000.0,
                              t - (t_numbers - start) / 1000.0 };

          g_array_append_val (ms, t);
          for (guint k = 0; k < 3; k++)
            g_array_append_val (part_ms[k], parts[k]);
          matches = rowids->len;
          numbers = found->len;
          g_assert (rows != NULL);

          start = g_get_monotonic_time ();
          sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            ;
          sqlite3_reset (stmt);
          t = elapsed_ms (start);
          g_array_append_val (bare_ms, t);
        }
      sqlite3_finalize (stmt);
      extra = g_strdup_printf ("%6.2f / %5.2f, %u customers + %u orders/cases; p50 parts: customers %.2f, numbers %.2f, 50 rows %.2f",
                               percentile (bare_ms, 0.5), percentile (bare_ms, 0.95), matches, numbers,
                               percentile (part_ms[0], 0.5), percentile (part_ms[1], 0.5), percentile (part_ms[2], 0.5));
      for (guint k = 0; k < 3; k++)
        g_array_unref (part_ms[k]);
      print_row (queries[q], ms, extra);
      {
        double p95 = percentile (ms, 0.95), bare_p95 = percentile (bare_ms, 0.95);
        g_autofree char *name = g_strdup_printf ("search \"%s\" p95 (%u matches)", queries[q], matches);
        g_autofree char *mine = g_strdup_printf ("%.2f ms", p95);
        g_autofree char *theirs = g_strdup_printf ("bare FTS5 %.2f ms", bare_p95);
        g_autofree char *ratio = g_strdup_printf ("%.1fx", bare_p95 > 0 ? p95 / bare_p95 : 0);

        cg_bench_result (name, mine, theirs, ratio, "<= 10 ms, <= 1.3x bare", p95 <= 10 && p95 <= 1.3 * bare_p95);
      }
    }
}

static GPtrArray *
sample_customers (sqlite3 *db,
                  guint    n)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *range = NULL, *pick = NULL;
  gint64 lo = 0, hi = 0;
  GRand *rand = g_rand_new_with_seed (7);

  sqlite3_prepare_v2 (db, "SELECT min(doc_id), max(doc_id) FROM customers", -1, &range, NULL);
  if (sqlite3_step (range) == SQLITE_ROW)
    {
      lo = sqlite3_column_int64 (range, 0);
      hi = sqlite3_column_int64 (range, 1);
    }
  sqlite3_finalize (range);
  sqlite3_prepare_v2 (db, "SELECT id FROM customers WHERE doc_id >= ?1 ORDER BY doc_id LIMIT 1", -1, &pick, NULL);
  for (guint i = 0; i < n && hi > lo; i++)
    {
      sqlite3_bind_int64 (pick, 1, lo + (gint64) (g_rand_double (rand) * (hi - lo)));
      if (sqlite3_step (pick) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (pick, 0)));
      sqlite3_reset (pick);
    }
  sqlite3_finalize (pick);
  g_rand_free (rand);
  return ids;
}

static void
bench_customer_360 (CgStore *store,
                    sqlite3 *db)
{
  g_autoptr(GPtrArray) ids = sample_customers (db, 200);
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint rows = 0;
  g_autofree char *extra = NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(JsonObject) customer = cg_store_get (store, g_ptr_array_index (ids, i), FALSE, NULL);
      g_autoptr(GPtrArray) timeline = cg_timeline_load (store, g_ptr_array_index (ids, i), 50);
      double t = elapsed_ms (start);

      g_assert (customer != NULL);
      rows += timeline->len;
      g_array_append_val (ms, t);
    }
  extra = g_strdup_printf ("%u customers, %.1f timeline rows on average",
                           ids->len, ids->len ? (double) rows / ids->len : 0.0);
  printf ("\nOpen customer 360 (ms)           p50      p95      p99  (target p95 <= 5)\n");
  print_row ("profile + 50 timeline rows", ms, extra);
  {
    g_autofree char *mine = g_strdup_printf ("%.2f ms", percentile (ms, 0.95));
    cg_bench_result ("open customer 360 p95", mine, "—", "—", "<= 5 ms", percentile (ms, 0.95) <= 5);
  }
}

static void
bench_write (CgStore *store,
             sqlite3 *db)
{
  g_autoptr(GPtrArray) ids = sample_customers (db, 200);
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < ids->len; i++)
    {
      CgCaseDraft draft = { .customer_id = g_ptr_array_index (ids, i), .channel = "counter",
                            .category = "other", .subject = "Benchmark case",
                            .description = "Written by cg-bench-workspace", .priority = "normal",
                            .created_by = "staff:bench" };
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autofree char *id = cg_case_create (store, &draft, &error);
      double t = elapsed_ms (start);

      if (id == NULL)
        g_error ("case not written: %s", error->message);
      g_array_append_val (ms, t);
    }
  printf ("\nDurable local write (ms)         p50      p95      p99  (target p95 <= 5)\n");
  print_row ("create a case", ms, "synchronous=FULL, WAL");
  {
    g_autofree char *mine = g_strdup_printf ("%.2f ms", percentile (ms, 0.95));
    cg_bench_result ("durable write (create a case) p95", mine, "—", "—", "<= 5 ms", percentile (ms, 0.95) <= 5);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = NULL;
  CgBenchStore bench_store;
  const char *path;
  sqlite3 *bare = NULL;
  gint64 customers;

  cg_bench_store_open (&bench_store, argc > 1 ? argv[1] : g_getenv ("CG_BENCH_STORE"), "cg-bench-workspace");
  path = bench_store.path;
  store = cg_store_open (path, &error);
  if (store == NULL)
    {
      fprintf (stderr, "cg-bench-workspace: %s\n", error->message);
      return 1;
    }
  if (sqlite3_open_v2 (path, &bare, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "cg-bench-workspace: cannot open %s\n", path);
      return 1;
    }
  {
    sqlite3_stmt *count = NULL;
    sqlite3_prepare_v2 (bare, "SELECT max(rowid) FROM customers", -1, &count, NULL);
    customers = sqlite3_step (count) == SQLITE_ROW ? sqlite3_column_int64 (count, 0) : 0;
    sqlite3_finalize (count);
  }
  printf ("Store %s (customer rowids up to %" G_GINT64_FORMAT ")\n", path, customers);

  /* Warm the page cache as a counter that has been open for a while. */
  {
    g_autoptr(GArray) warm = cg_store_search_customers (store, "김", 1000, NULL);
  }
  bench_search (store, bare);
  bench_customer_360 (store, bare);
  bench_write (store, bare);

  sqlite3_close (bare);
  g_clear_object (&store);
  cg_bench_store_clear (&bench_store);
  return 0;
}
