/* cg-case-list.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lists of the cases page: cases by status, assignee and priority,
 * or those about to breach, nearest due time first, each with where its
 * SLA clocks stand. Reads the `cases` projection through its indexes and
 * only the documents of the rows it returns, so it stays fast on a store
 * with hundreds of thousands of closed cases.
 */
#pragma once

#include "cg-sla.h"
#include "cg-types.h"

G_BEGIN_DECLS

#define CG_TYPE_CASE_SUMMARY (cg_case_summary_get_type ())
G_DECLARE_FINAL_TYPE (CgCaseSummary, cg_case_summary, CG, CASE_SUMMARY, GObject)

const char       *cg_case_summary_get_id            (CgCaseSummary *self);
const char       *cg_case_summary_get_number        (CgCaseSummary *self);
const char       *cg_case_summary_get_subject       (CgCaseSummary *self);
const char       *cg_case_summary_get_status        (CgCaseSummary *self);
const char       *cg_case_summary_get_priority      (CgCaseSummary *self);
const char       *cg_case_summary_get_category      (CgCaseSummary *self);
const char       *cg_case_summary_get_channel       (CgCaseSummary *self);
/* Staff id, or NULL when nobody has the case. */
const char       *cg_case_summary_get_assignee      (CgCaseSummary *self);
/* NULL for a case without a customer (a walk-in who left no details). */
const char       *cg_case_summary_get_customer_id   (CgCaseSummary *self);
/* The customer's name from the customers projection, or NULL. */
const char       *cg_case_summary_get_customer_name (CgCaseSummary *self);
const char       *cg_case_summary_get_created_at    (CgCaseSummary *self);
/* Where the clock of @target stood at the query's "now" (transfer none). */
const CgSlaClock *cg_case_summary_get_sla           (CgCaseSummary *self,
                                                     CgSlaTarget    target);
/* The target a one-badge row shows: first response until it is complete,
 * then resolution. */
CgSlaTarget       cg_case_summary_get_badge_target  (CgCaseSummary *self);

/* Assignee filter value for cases nobody has. */
#define CG_CASE_LIST_UNASSIGNED "unassigned"

typedef struct {
  /* NULL-terminated; NULL: the open statuses (new, open,
   * pending_customer, escalated). */
  const char * const *statuses;
  /* NULL: anyone; CG_CASE_LIST_UNASSIGNED; or a staff id. */
  const char         *assignee;
  /* NULL: any priority. */
  const char         *priority;
  /* Only cases with a target not yet complete in warning or breached. */
  gboolean            breaching_soon;
  /* Unix seconds the clocks are evaluated at; 0: the current time. */
  gint64              now;
  /* At most this many summaries; 0: 200. */
  guint               limit;
} CgCaseQuery;

/* The cases matching @query, nearest due time of a target not yet
 * complete first (element-type CgCaseSummary) (transfer full); *@total
 * (if given) is how many match in all, beyond @limit. The order uses the
 * due times stored in the documents; the clocks are evaluated under the
 * store's policies (cg_case_get_sla_policies()). */
GPtrArray        *cg_case_list_query                (CgStore            *store,
                                                     const CgCaseQuery  *query,
                                                     guint              *total,
                                                     GError            **error);

/* The notes of @case_id, oldest first, as documents (element-type
 * JsonObject) (transfer full). */
GPtrArray        *cg_case_list_notes                (CgStore            *store,
                                                     const char         *case_id);

/* The statuses of the default list (static, NULL-terminated). */
const char * const *cg_case_list_open_statuses      (void);

G_END_DECLS
