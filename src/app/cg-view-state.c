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

CgWindowView
cg_window_view_with_session (CgWindowView view,
                             gboolean     signed_in)
{
  if (view == CG_WINDOW_VIEW_WORKSPACE && !signed_in)
    return CG_WINDOW_VIEW_SIGN_IN;
  return view;
}

static const char * const section_names[CG_N_SECTIONS] = {
  [CG_SECTION_QUEUE] = "queue",
  [CG_SECTION_CUSTOMERS] = "customers",
  [CG_SECTION_CASES] = "cases",
  [CG_SECTION_ORDERS] = "orders",
  [CG_SECTION_KNOWLEDGE] = "knowledge",
  [CG_SECTION_REPORTS] = "reports",
  [CG_SECTION_CONFLICTS] = "conflicts",
};

const char *
cg_section_to_string (CgSection section)
{
  g_return_val_if_fail (section < CG_N_SECTIONS, NULL);
  return section_names[section];
}

CgSection
cg_section_from_string (const char *name)
{
  for (guint i = 0; i < CG_N_SECTIONS; i++)
    if (g_strcmp0 (name, section_names[i]) == 0)
      return i;
  return CG_N_SECTIONS;
}

gboolean
cg_section_allowed (CgSection section,
                    gboolean  supervisor)
{
  if (section >= CG_N_SECTIONS)
    return FALSE;
  if (section == CG_SECTION_REPORTS || section == CG_SECTION_CONFLICTS)
    return supervisor;
  return TRUE;
}
