/* cg-view-state.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the main window shows for a given state, as pure functions (GNOME
 * Calendar's widget-state pattern): the window only applies the answer.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many matches a search asks the store for. */
#define CG_SEARCH_LIMIT 1000

typedef enum {
  CG_WINDOW_VIEW_ERROR,      /* the store could not be opened */
  CG_WINDOW_VIEW_EMPTY,      /* no customers yet: offer demo data */
  CG_WINDOW_VIEW_LOADING,    /* demo data being written */
  CG_WINDOW_VIEW_WORKSPACE,  /* search and customer pages */
  CG_WINDOW_VIEW_FIRST_SYNC, /* a new device receiving its store */
  CG_WINDOW_VIEW_SIGN_IN,    /* nobody signed in, or the counter is locked */
} CgWindowView;

typedef enum {
  CG_RESULTS_VIEW_PROMPT,    /* nothing searchable typed yet */
  CG_RESULTS_VIEW_LIST,
  CG_RESULTS_VIEW_NONE_FOUND,
} CgResultsView;

/* The right-hand side of the workspace. Before anything is searched and
 * while nobody is shown, the prompt takes the whole width and the results
 * pane is hidden: two status pages side by side say nothing twice. */
typedef enum {
  CG_CONTENT_VIEW_PROMPT,
  CG_CONTENT_VIEW_NONE_SELECTED,
  CG_CONTENT_VIEW_CUSTOMER,
} CgContentView;

CgWindowView   cg_window_view_for     (gboolean    has_store,
                                       gboolean    loading,
                                       gboolean    has_customers);
/* A new device with no customers yet that is receiving them shows its
 * progress instead of offering demo data. */
CgWindowView   cg_window_view_with_sync (CgWindowView view,
                                         gboolean     first_sync_running);

/* @query is what was typed; a query with nothing searchable in it (only
 * spaces or punctuation) is no search. */
CgResultsView  cg_results_view_for    (const char *query,
                                       guint       n_results);
CgContentView  cg_content_view_for    (const char *query,
                                       gboolean    showing_customer);
gboolean       cg_results_pane_visible (CgContentView content);
/* The line above the results: "1 match", "23 matches", or, when the
 * store returned @limit rows, "Showing the first 1,000 matches — type more
 * to narrow down". NULL when there are no results. (transfer full) */
char          *cg_results_caption     (guint       n_results,
                                       guint       limit);
/* Whether the caption is the "type more" warning. */
gboolean       cg_results_truncated   (guint       n_results,
                                       guint       limit);
/* The progress line while demo data is written: "1,234 of 2,000
 * customers". (transfer full) */
char          *cg_demo_progress_text  (guint64     done,
                                       guint64     total);

/* The workspace holds customers' data: it needs someone signed in. The
 * other views (no store, no customers yet, loading) show none and stay
 * reachable, so that a fresh device can be set up. */
CgWindowView   cg_window_view_with_session (CgWindowView view,
                                            gboolean     signed_in);

/* Sections of the workspace, in sidebar order. Reports and conflicts are
 * for supervisors only. */
typedef enum {
  CG_SECTION_QUEUE,
  CG_SECTION_CUSTOMERS,
  CG_SECTION_CASES,
  CG_SECTION_ORDERS,
  CG_SECTION_KNOWLEDGE,
  CG_SECTION_REPORTS,
  CG_SECTION_CONFLICTS,
  CG_N_SECTIONS
} CgSection;

/* "queue", "customers", …; the stack page and action target names. */
const char    *cg_section_to_string   (CgSection   section);
/* CG_N_SECTIONS when @name is not a section. */
CgSection      cg_section_from_string (const char *name);
/* Whether a person with @supervisor's role may open @section. */
gboolean       cg_section_allowed     (CgSection   section,
                                       gboolean    supervisor);

/* The progress line of a first sync: "12,000 of 100,000 records" or
 * "12,000 records" when the total is not known. (transfer full) */
char          *cg_first_sync_progress_text (guint64 done,
                                            guint64 total);

G_END_DECLS
