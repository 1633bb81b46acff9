/* test-reports-ui.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reports page on a demo store, under Xvfb: it computes on a worker
 * (loading state first), shows numbers (CSAT and NPS too: the demo store
 * has feedback), draws its charts at a real size, changes period (a
 * running computation is cancelled, the newest wins), rejects a backwards
 * custom range, and exports CSV to a file (and says why it cannot).
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "changgu-core.h"
#include "cg-chart.h"
#include "cg-demo.h"
#include "cg-reports-page.h"
#include "cg-ui-test-util.h"

typedef struct {
  char          *dir;
  CgStore       *store;
  GtkWidget     *window;
  CgReportsPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  CgDemoOptions options = { .customers = 400, .seed = 5 };

  f->dir = g_dir_make_tmp ("cg-reports-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "store.db", NULL);
  f->store = cg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cg_demo_generate (f->store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 900);
  f->page = CG_REPORTS_PAGE (cg_reports_page_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  g_free (f->dir);
}

static gboolean
loaded (gpointer data)
{
  return !cg_reports_page_is_loading (data) && cg_reports_page_get_report (data) != NULL;
}

static GtkWidget *
card (Fixture    *f,
      const char *key)
{
  GtkWidget *box = find_descendant (GTK_WIDGET (f->page), GTK_TYPE_BOX, key);

  g_assert_nonnull (box);
  return box;
}

/* The big number of a card: its second label. */
static const char *
card_value (Fixture    *f,
            const char *key)
{
  GtkWidget *title = gtk_widget_get_first_child (card (f, key));

  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (title)));
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  const char *charts[] = { "chart-backlog-age", "chart-backlog-priority", "chart-trend", "chart-sla" };
  const CgKpiReport *report;

  cg_reports_page_set_store (f->page, f->store);
  /* Right after: loading, on a worker. */
  g_assert_true (cg_reports_page_is_loading (f->page));
  g_assert_null (cg_reports_page_get_report (f->page));

  cg_reports_page_set_period (f->page, CG_REPORT_PERIOD_LAST_30_DAYS);
  iterate_until (loaded, f->page, 20000, "the report");
  report = cg_reports_page_get_report (f->page);
  g_assert_cmpint (report->to - report->from, ==, 30 * 24 * 3600);
  wait_for_frames (f->window);

  /* Numbers, not "—", where the demo store has data. */
  g_assert_cmpstr (card_value (f, "csat"), !=, "—");
  g_assert_true (g_str_has_suffix (card_value (f, "csat"), "%"));
  g_assert_cmpstr (card_value (f, "nps"), !=, "—");
  g_assert_cmpstr (card_value (f, "first_response"), !=, "—");
  g_assert_cmpstr (card_value (f, "resolution"), !=, "—");
  g_assert_cmpstr (card_value (f, "queue_wait"), !=, "—");
  g_assert_cmpstr (card_value (f, "backlog"), !=, "—");
  g_assert_true (report->csat.has_value);
  g_assert_true (report->nps.has_value);
  /* The FCR definition is on its card. */
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (card (f, "fcr")), "at the counter"));

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      GtkWidget *chart = find_descendant (GTK_WIDGET (f->page), CG_TYPE_CHART, charts[i]);

      g_assert_nonnull (chart);
      g_assert_cmpint (gtk_widget_get_width (chart), >=, 220);
      g_assert_cmpint (gtk_widget_get_height (chart), >=, 200);
      g_assert_nonnull (cg_chart_get_data (CG_CHART (chart)));
    }
  g_assert_cmpint (cg_chart_get_kind (CG_CHART (find_descendant (GTK_WIDGET (f->page), CG_TYPE_CHART,
                                                                 "chart-trend"))), ==, CG_CHART_LINES);
  g_assert_true (gtk_widget_get_sensitive (find_descendant (GTK_WIDGET (f->page), GTK_TYPE_BUTTON,
                                                            "reports-export")));
  save_screenshot (f->window, "reports");

  /* Dark style: the theme's colours, still readable. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (f->window, "reports-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_period_changes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GDate) first = g_date_new ();
  g_autoptr(GDate) last = g_date_new ();
  const CgKpiReport *report;
  gint64 today_from;

  cg_reports_page_set_store (f->page, f->store);
  /* Several periods in a row: each cancels the one before; the last one
   * is what shows. */
  cg_reports_page_set_period (f->page, CG_REPORT_PERIOD_LAST_30_DAYS);
  cg_reports_page_set_period (f->page, CG_REPORT_PERIOD_THIS_MONTH);
  cg_reports_page_set_period (f->page, CG_REPORT_PERIOD_TODAY);
  iterate_until (loaded, f->page, 20000, "today's report");
  report = cg_reports_page_get_report (f->page);
  g_assert_cmpint (report->to - report->from, ==, 24 * 3600);
  today_from = report->from;
  save_screenshot (f->window, "reports-today");

  /* A custom range, then a backwards one: no computation, a message. */
  g_date_set_time_t (first, (time_t) today_from - 3 * 24 * 3600 + 3600);
  g_date_set_time_t (last, (time_t) today_from + 3600);
  cg_reports_page_set_custom_range (f->page, first, last);
  iterate_until (loaded, f->page, 20000, "the custom report");
  report = cg_reports_page_get_report (f->page);
  g_assert_cmpint (report->from, ==, today_from - 3 * 24 * 3600);
  g_assert_cmpint (report->to, ==, today_from + 24 * 3600);
  save_screenshot (f->window, "reports-custom");

  cg_reports_page_set_custom_range (f->page, last, first);
  g_assert_false (cg_reports_page_is_loading (f->page));
  g_assert_null (cg_reports_page_get_report (f->page));
  g_assert_false (gtk_widget_get_sensitive (find_descendant (GTK_WIDGET (f->page), GTK_TYPE_BUTTON,
                                                             "reports-export")));
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "report.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) unwritable = g_file_new_for_path ("/proc/changgu-report.csv");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  /* Nothing to export before a report is there. */
  g_assert_false (cg_reports_page_export_to_file (f->page, file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_clear_error (&error);

  cg_reports_page_set_store (f->page, f->store);
  iterate_until (loaded, f->page, 20000, "the report");
  g_assert_true (cg_reports_page_export_to_file (f->page, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" CG_KPI_CSV_HEADER "\r\n"));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 40);
  g_assert_true (g_str_has_prefix (lines[1], "period.from,"));

  g_assert_false (cg_reports_page_export_to_file (f->page, unwritable, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Could not save the report"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/reports/report", Fixture, NULL, fixture_set_up, test_report, fixture_tear_down);
  g_test_add ("/reports/period-changes", Fixture, NULL, fixture_set_up, test_period_changes,
              fixture_tear_down);
  g_test_add ("/reports/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  return g_test_run ();
}
