/* cg-view-state.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-view-state"

#include "config.h"

#include <glib/gi18n.h>

#include "changgu-core.h"
#include "cg-format.h"
#include "cg-view-state.h"

CgWindowView
cg_window_view_for (gboolean has_store,
                    gboolean loading,
                    gboolean has_customers)
{
  if (!has_store)
    return CG_WINDOW_VIEW_ERROR;
  if (loading)
    return CG_WINDOW_VIEW_LOADING;
  if (!has_customers)
    return CG_WINDOW_VIEW_EMPTY;
  return CG_WINDOW_VIEW_WORKSPACE;
}

CgResultsView
cg_results_view_for (const char *query,
                     guint       n_results)
{
  g_autofree char *match = cg_search_build_query (query);

  if (match == NULL)
    return CG_RESULTS_VIEW_PROMPT;
  if (n_results == 0)
    return CG_RESULTS_VIEW_NONE_FOUND;
  return CG_RESULTS_VIEW_LIST;
}

CgContentView
cg_content_view_for (const char *query,
                     gboolean    showing_customer)
{
  if (showing_customer)
    return CG_CONTENT_VIEW_CUSTOMER;
  if (cg_results_view_for (query, 0) == CG_RESULTS_VIEW_PROMPT)
    return CG_CONTENT_VIEW_PROMPT;
  return CG_CONTENT_VIEW_NONE_SELECTED;
}

gboolean
cg_results_pane_visible (CgContentView content)
{
  return content != CG_CONTENT_VIEW_PROMPT;
}

gboolean
cg_results_truncated (guint n_results,
                      guint limit)
{
  return limit > 0 && n_results >= limit;
}

char *
cg_results_caption (guint n_results,
                    guint limit)
{
  g_autofree char *count = NULL;

  if (n_results == 0)
    return NULL;
  count = cg_format_count (cg_results_truncated (n_results, limit) ? limit : n_results);
  if (cg_results_truncated (n_results, limit))
    /* Translators: %s is a number, "1,000". */
    return g_strdup_printf (_("Showing the first %s matches — type more to narrow down"), count);
  /* Translators: %s is the number of customers found, "23 matches". */
  return g_strdup_printf (ngettext ("%s match", "%s matches", n_results), count);
}

char *
cg_demo_progress_text (guint64 done,
                       guint64 total)
{
  g_autofree char *done_text = cg_format_count ((gint64) MIN (done, total));
  g_autofree char *total_text = cg_format_count ((gint64) total);

  /* Translators: progress while demo data is written, "1,234 of 2,000 customers". */
  return g_strdup_printf (ngettext ("%s of %s customer", "%s of %s customers", (gulong) total),
                          done_text, total_text);
}

CgWindowView
cg_window_view_with_sync (CgWindowView view,
                          gboolean     first_sync_running)
{
  if (view == CG_WINDOW_VIEW_EMPTY && first_sync_running)
    return CG_WINDOW_VIEW_FIRST_SYNC;
  return view;
}

char *
cg_first_sync_progress_text (guint64 done,
                             guint64 total)
{
  g_autofree char *d = cg_format_count ((gint64) done);
  g_autofree char *t = cg_format_count ((gint64) total);

  if (total == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record received", "%s records received", done), d);
  /* Translators: "12,000 of 100,000 records received" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s record received", "%s of %s records received", total), d, t);
}
