/* cg-admin-demo.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * changgu-admin demo-data: a realistic, seeded store of any size
 * (cg_demo_generate()) for demos and benchmarks, with progress and a summary.
 *
 * The generation runs in a worker thread while the main thread waits in a
 * main loop, so that Ctrl+C cancels it cleanly: the batch being written is
 * rolled back, the batches before it stay.
 */
#define G_LOG_DOMAIN "changgu-admin"

#include "config.h"

#include <glib/gstdio.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "cg-admin.h"
#include "cg-demo.h"

#define DEFAULT_SEED 1

/* Every type the generator writes, in the order the summary shows them. */
static const struct {
  const char *type;
  const char *label;
} summary_types[] = {
  { "customer", N_("customers") },
  { "order", N_("orders") },
  { "pickup", N_("pickups") },
  { "case", N_("cases") },
  { "case_note", N_("case notes") },
  { "checkin", N_("check-ins") },
  { "feedback", N_("feedback") },
  { "article", N_("articles") },
};

typedef struct {
  CgStore         *store;
  CgDemoOptions    options;
  GCancellable    *cancellable;
  CgAdminProgress *progress;
  GMainLoop       *loop;
  CgDemoCounts     counts;
  GError          *error;
  gboolean         ok;
} Run;

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Run *run = user_data;
  cg_admin_progress_update (run->progress, done, total);
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gpointer
generate_thread (gpointer user_data)
{
  Run *run = user_data;

  /* The store is used by this thread only until it finishes. */
  run->ok = cg_demo_generate (run->store, &run->options, on_progress, run,
                              run->cancellable, &run->counts, &run->error);
  g_idle_add (quit_loop, run->loop);
  return NULL;
}

static gboolean
on_interrupt (gpointer user_data)
{
  Run *run = user_data;

  g_printerr (_("\nStopping after the current batch is rolled back…\n"));
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;
  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

int
cg_admin_demo_main (int    argc,
                    char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *customers_text = NULL;
  g_autofree char *seed_text = NULL;
  g_auto(GStrv) remaining = NULL;
  gboolean no_articles = FALSE, append = FALSE;
  const GOptionEntry entries[] = {
    { "customers", 0, 0, G_OPTION_ARG_STRING, &customers_text,
      N_("How many customers to write (orders, cases, visits… scale with them)"), N_("N") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The store to write (created if missing)"), N_("PATH") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      N_("The same seed and count write the same documents (default 1)"), N_("S") },
    { "no-articles", 0, 0, G_OPTION_ARG_NONE, &no_articles, N_("Do not write the FAQ articles"), NULL },
    { "append", 0, 0, G_OPTION_ARG_NONE, &append,
      N_("Add the customers to a store that already has some"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &remaining, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    cg_admin_option_context_new ("demo-data", NULL,
                                 _("Writes a realistic demo store: Korean and English customers with phones and e-mails, "
                                   "about one order each, cases with notes for three customers in ten, queue check-ins "
                                   "(some today), feedback, and about 200 FAQ articles in Korean and English."),
                                 _("Everything goes through the same validation and indexing as the app, in\n"
                                   "transactions of 10,000 customers; Ctrl+C stops after rolling back the current one.\n\n"
                                   "A store that already holds customers is refused unless --append is given;\n"
                                   "appended customers continue the numbering, so phones, e-mails, order and case\n"
                                   "numbers stay unique, and articles already there are kept.\n\n"
                                   "Times end at the start of the current hour (Korean opening hours for visits);\n"
                                   "set CHANGGU_DEMO_NOW=2026-11-22T09:00:00Z to pin them, so that the same seed\n"
                                   "and count write identical documents at any time.\n\n"
                                   "Example:\n"
                                   "  changgu-admin demo-data --customers 1000000 --db /tmp/demo-1m.db"),
                                 entries);
  g_autoptr(CgStore) store = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(CgAdminProgress) progress = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *size_bytes = NULL;
  guint64 customers = 0, seed = DEFAULT_SEED, existing, before[G_N_ELEMENTS (summary_types)];
  guint64 total_written = 0;
  gint64 started;
  double elapsed;
  GThread *thread;
  guint sigint_id, sigterm_id;
  Run run = { 0 };
  int exit_code;

  if (!cg_admin_parse_options (context, "demo-data", &argc, &argv, &exit_code))
    return exit_code;
  if (remaining != NULL && remaining[0] != NULL)
    return cg_admin_usage_error ("demo-data", _("“%s” is not an option of demo-data (it takes no arguments)."),
                                 remaining[0]);
  if (customers_text == NULL)
    return cg_admin_usage_error ("demo-data", _("Say how many customers to write with --customers N."));
  if (!cg_admin_parse_count (customers_text, 0, 80000000, &customers))
    return cg_admin_usage_error ("demo-data",
                                 _("--customers must be a whole number from 0 to 80,000,000, not “%s”."),
                                 customers_text);
  if (seed_text != NULL && !cg_admin_parse_count (seed_text, 0, G_MAXUINT64, &seed))
    return cg_admin_usage_error ("demo-data",
                                 _("--seed must be a whole number from 0 to 18,446,744,073,709,551,615, not “%s”."),
                                 seed_text);
  if (db == NULL || *db == '\0')
    return cg_admin_usage_error ("demo-data", _("Say which store to write with --db PATH."));

  store = cg_admin_open_store ("demo-data", db, FALSE, &exit_code);
  if (store == NULL)
    return exit_code;

  existing = cg_store_count_documents (store, "customer");
  if (existing > 0 && !append)
    {
      g_autofree char *n = cg_admin_format_count (existing);
      return cg_admin_usage_error ("demo-data",
                                   _("%s already holds %s customers. Add --append to add more after them, or give a new --db path."),
                                   db, n);
    }
  for (guint i = 0; i < G_N_ELEMENTS (summary_types); i++)
    before[i] = cg_store_count_documents (store, summary_types[i].type);

  progress = cg_admin_progress_new ("demo-data", _("customers"));
  loop = g_main_loop_new (NULL, FALSE);
  run.store = store;
  run.options.customers = (guint) customers;
  run.options.seed = seed;
  run.options.articles = !no_articles;
  run.cancellable = cancellable;
  run.progress = progress;
  run.loop = loop;

  sigint_id = g_unix_signal_add (SIGINT, on_interrupt, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, on_interrupt, &run);
  started = g_get_monotonic_time ();
  thread = g_thread_new ("demo-data", generate_thread, &run);
  g_main_loop_run (loop);
  g_thread_join (thread);
  elapsed = (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC;
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_clear_pointer (&progress, cg_admin_progress_free);

  if (!run.ok)
    {
      g_autoptr(GError) error = g_steal_pointer (&run.error);
      g_autofree char *n = cg_admin_format_count (run.counts.customers);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return cg_admin_failure ("demo-data", _("Stopped. The %s customers written before (with their documents) stay in %s."),
                                 n, db);
      return cg_admin_failure ("demo-data", _("%s (%s customers were written before the failure.)"),
                               error->message, n);
    }

  {
    g_autofree char *seed_shown = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
    g_print (_("Wrote a demo store (seed %s) to %s in %.1f s:\n"), seed_shown, db, elapsed);
  }
  for (guint i = 0; i < G_N_ELEMENTS (summary_types); i++)
    {
      guint64 written = cg_store_count_documents (store, summary_types[i].type) - before[i];
      g_autofree char *n = cg_admin_format_count (written);
      g_print ("  %-14s %12s\n", _(summary_types[i].label), n);
      total_written += written;
    }
  {
    g_autofree char *n = cg_admin_format_count (total_written);
    g_autofree char *rate = cg_admin_format_count (elapsed > 0 ? (guint64) (total_written / elapsed) : 0);
    g_print ("  %-14s %12s  (%s/s)\n", _("documents"), n, rate);
  }

  /* Closing checkpoints the write-ahead log into the file, so its size is
   * what the store takes. */
  g_clear_object (&store);
  size_text = g_format_size (file_size (db));
  size_bytes = cg_admin_format_count (file_size (db));
  g_print (_("File size: %s (%s bytes)\n"), size_text, size_bytes);
  return CG_ADMIN_EXIT_OK;
}
