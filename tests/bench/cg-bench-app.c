/* cg-bench-app.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The staff app as a person meets it (QUALITY.md, "Benchmarks"):
 *
 *  - start to first frame: from the kernel's start time of this process to
 *    the window's first painted frame (the sign-in page), the real window
 *    on the real store, under Xvfb;
 *  - memory: resident set (VmRSS) with the store open, signed in and idle,
 *    then after a search with 1,000 results scrolled from top to bottom
 *    (the customer list holds at most CG_SEARCH_LIMIT results), and the
 *    peak (VmHWM).
 *
 *   cg-bench-app [STORE]
 *
 * STORE defaults to $CG_BENCH_STORE (build-aux/dev bench passes the
 * 1M-customer demo store); without either a 20,000-customer demo store is
 * generated first, and the start is then measured on it. Every figure is
 * the median of RUNS processes: the driver runs itself again with
 * --child (and --reference, the same measures of an empty libadwaita
 * window) for each, so that every start is a process of its own. Under
 * Xvfb GTK draws with Mesa's llvmpipe unless GSK_RENDERER=cairo:
 * build-aux/dev bench runs both.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include <adwaita.h>

#include "cg-application.h"
#include "cg-bench-result.h"
#include "cg-bench-store.h"
#include "cg-demo.h"
#include "cg-ui-test-util.h"
#include "cg-window.h"

#define RUNS 5
#define SEARCH "김"

/* ---------------------------------------------------------------- child */

/* Seconds since this process was started by the kernel. */
static double
seconds_since_process_start (void)
{
  g_autofree char *stat = NULL;
  struct timespec now;
  const char *after_comm;
  unsigned long long start_ticks = 0;
  int field = 2;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return -1;
  /* Field 22 (starttime, clock ticks since boot), counted after the
   * command name's closing parenthesis (the name may hold spaces). */
  after_comm = strrchr (stat, ')');
  for (const char *p = after_comm; p != NULL && *p != '\0'; p++)
    if (*p == ' ' && ++field == 22)
      {
        start_ticks = g_ascii_strtoull (p + 1, NULL, 10);
        break;
      }
  clock_gettime (CLOCK_BOOTTIME, &now);
  return now.tv_sec + now.tv_nsec / 1e9 - (double) start_ticks / sysconf (_SC_CLK_TCK);
}

/* VmRSS or VmHWM of this process, in MB. */
static double
status_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return -1;
  return g_ascii_strtod (line + strlen (field) + 1, NULL) / 1024.0;
}

typedef struct {
  double first_frame_s;
} FirstFrame;

static void
on_after_paint (GdkFrameClock *clock,
                FirstFrame    *first)
{
  if (first->first_frame_s < 0)
    first->first_frame_s = seconds_since_process_start ();
}

static void
on_realize (GtkWidget  *window,
            FirstFrame *first)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), first);
}

static gboolean
painted (gpointer data)
{
  return ((FirstFrame *) data)->first_frame_s >= 0;
}

/* Runs the main loop for @ms. */
static void
idle_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

/* The reference: an empty libadwaita window with a header bar and one
 * line of Korean and English, measured the same way. What GTK, the fonts
 * and the renderer cost before any of Changgu's own work. */
static int
run_reference (void)
{
  FirstFrame first = { -1 };
  GtkWidget *window, *box;

  gtk_init ();
  adw_init ();
  window = adw_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("창구 — Changgu"));
  adw_window_set_content (ADW_WINDOW (window), box);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), &first);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (painted, &first, 30000, "the first frame");
  idle_for (2000);
  printf ("%.4f %.1f %.1f %.1f %u\n", first.first_frame_s, status_mb ("VmRSS:"), status_mb ("VmRSS:"),
          status_mb ("VmHWM:"), 0);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

static int
run_child (const char *path)
{
  FirstFrame first = { -1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = NULL;
  g_autoptr(CgApplication) application = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  CgSession *supervisor = NULL;
  CgWindow *window;
  GtkWidget *search, *list;
  GtkAdjustment *adjustment;
  double idle_mb, scrolled_mb;
  guint results;

  gtk_init ();
  application = ui_test_application_new ();
  store = cg_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("cg-bench-app: %s\n", error->message);
      return 1;
    }
  window = cg_window_new (GTK_APPLICATION (application), store, path, NULL);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), &first);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (painted, &first, 30000, "the first frame");

  /* Signed in, on the workspace, idle. */
  staff = cg_staff_list_active (store);
  for (guint i = 0; i < staff->len; i++)
    if (cg_session_is_supervisor (g_ptr_array_index (staff, i)))
      supervisor = g_ptr_array_index (staff, i);
  if (supervisor != NULL)
    cg_window_set_session (window, supervisor);
  else
    {
      /* A store made before demo staff existed: a session of our own
       * (what the sign-in page gives after a PIN). */
      g_autoptr(CgSession) bench = cg_session_new ("staff:bench", "Bench", "supervisor");
      cg_window_set_session (window, bench);
    }
  idle_for (2000);
  idle_mb = status_mb ("VmRSS:");

  /* A search with a full page of results, scrolled to the end. */
  search = find_descendant (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (search), SEARCH);
  g_signal_emit_by_name (search, "search-changed");
  idle_for (500);
  results = g_list_model_get_n_items (cg_window_get_results (window));
  list = find_descendant (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, "results_view");
  if (list == NULL)
    list = find_descendant (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW, NULL);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  while (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) <
         gtk_adjustment_get_upper (adjustment) - 1)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                            gtk_adjustment_get_page_size (adjustment));
      wait_for_frames (GTK_WIDGET (window));
    }
  idle_for (1000);
  scrolled_mb = status_mb ("VmRSS:");

  printf ("%.4f %.1f %.1f %.1f %u\n", first.first_frame_s, idle_mb, scrolled_mb, status_mb ("VmHWM:"), results);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* --------------------------------------------------------------- driver */

static double
median (double *values,
        guint   n)
{
  return cg_bench_percentile (values, n, 0.5);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  CgBenchStore bench_store;
  const char *path;
  double frame[RUNS], idle[RUNS], scrolled[RUNS], peak[RUNS], ref_frame[RUNS], ref_idle[RUNS];
  guint results = 0;

  if (argc == 3 && g_strcmp0 (argv[1], "--child") == 0)
    return run_child (argv[2]);
  if (argc >= 2 && g_strcmp0 (argv[1], "--reference") == 0)
    return run_reference ();
  if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
    {
      g_printerr ("usage: cg-bench-app [STORE]   (or --child STORE, --reference: one measured start)\n");
      return 2;
    }

  cg_bench_store_open (&bench_store, argc > 1 ? argv[1] : g_getenv ("CG_BENCH_STORE"), "cg-bench-app");
  path = bench_store.path;
  printf ("Store %s; %u cold starts of the staff window and of the reference "
          "(an empty libadwaita window), alternating; renderer %s\n", path, RUNS,
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "GTK's default");
  printf ("%4s %-10s %14s %12s %15s %10s\n", "run", "", "first frame ms", "idle RSS MB", "scrolled RSS MB", "peak MB");
  for (guint run = 0; run < RUNS; run++)
    for (guint who = 0; who < 2; who++)
      {
        const char *child_argv[] = { self, who ? "--reference" : "--child", path, NULL };
        g_autofree char *out = NULL;
        int status = 0;
        double f, i, s, p;
        guint n;

        if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                           &status, &error) ||
            !g_spawn_check_wait_status (status, &error) ||
            sscanf (out, "%lf %lf %lf %lf %u", &f, &i, &s, &p, &n) != 5)
          {
            g_printerr ("cg-bench-app: run %u failed: %s\n%s", run + 1, error ? error->message : "bad output",
                        out ? out : "");
            return 1;
          }
        printf ("%4u %-10s %14.0f %12.1f %15.1f %10.1f\n", run + 1, who ? "reference" : "Changgu",
                f * 1000, i, s, p);
        if (who)
          {
            ref_frame[run] = f * 1000;
            ref_idle[run] = i;
          }
        else
          {
            frame[run] = f * 1000;
            idle[run] = i;
            scrolled[run] = s;
            peak[run] = p;
            results = n;
          }
      }
  {
    double f = median (frame, RUNS), i = median (idle, RUNS), s = median (scrolled, RUNS), p = median (peak, RUNS);
    double rf = median (ref_frame, RUNS), ri = median (ref_idle, RUNS);
    g_autofree char *frame_s = g_strdup_printf ("%.0f ms", f);
    g_autofree char *ref_frame_s = g_strdup_printf ("empty window %.0f ms", rf);
    g_autofree char *frame_ratio = g_strdup_printf ("%.1fx (+%.0f ms)", f / rf, f - rf);
    g_autofree char *idle_s = g_strdup_printf ("%.1f MB", i);
    g_autofree char *ref_idle_s = g_strdup_printf ("empty window %.1f MB", ri);
    g_autofree char *idle_ratio = g_strdup_printf ("%.1fx (+%.0f MB)", i / ri, i - ri);
    g_autofree char *scrolled_s = g_strdup_printf ("%.1f MB (peak %.1f)", s, p);
    g_autofree char *scrolled_ratio = g_strdup_printf ("%.1fx (+%.0f MB)", s / ri, s - ri);
    const char *renderer = g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "GL (llvmpipe)";
    g_autofree char *frame_name = g_strdup_printf ("start to first frame (Xvfb, %s)", renderer);
    g_autofree char *idle_name = g_strdup_printf ("memory: staff app idle, store open (%s)", renderer);
    g_autofree char *scrolled_name = g_strdup_printf ("memory: staff app, %u results scrolled (%s)", results, renderer);

    cg_bench_result (frame_name, frame_s, ref_frame_s, frame_ratio, "<= 400 ms", f <= 400);
    cg_bench_result (idle_name, idle_s, ref_idle_s, idle_ratio, "<= 150 MB", i <= 150);
    cg_bench_result (scrolled_name, scrolled_s, ref_idle_s, scrolled_ratio, "<= 150 MB", s <= 150);
  }
  cg_bench_store_clear (&bench_store);
  return 0;
}
