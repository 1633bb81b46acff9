/* cg-kpi.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The supervisor's reports (issue 4, ANCHORS.md "KPI formulas") for a
 * period [from, to). Instants are Unix times in seconds; durations are
 * seconds.
 *
 * Each KPI has a pure function over plain arrays (CgKpiCase, CgKpiCheckin,
 * CgKpiFeedback), which is where the definition lives and what the tests
 * feed with hand-made data; cg_kpi_report_compute() fills those arrays from
 * the store (SQL over the projections, plus the case and check-in documents
 * for the fields the projections do not carry) and calls them.
 *
 * Every figure is computed from the documents as they are now, not from a
 * history of them: a case carries only its latest resolution (a reopen
 * removes resolved_at), so a case resolved in March and reopened and
 * resolved again in April counts as resolved in April only, and March's
 * report changes when it is reopened. A case reopened and not yet resolved
 * again counts in no period's resolutions; it is in the backlog.
 *
 * No data is not zero: a rate or an average over nothing has has_value
 * FALSE (shown as "—"), never 0 or NaN. Counts (the backlog) are values
 * even when 0.
 */
#pragma once

#include "cg-sla.h"
#include "cg-types.h"

G_BEGIN_DECLS

#define CG_KPI_NO_TIME CG_SLA_NO_TIME

typedef enum {
  CG_KPI_PRIORITY_LOW,
  CG_KPI_PRIORITY_NORMAL,
  CG_KPI_PRIORITY_HIGH,
  CG_KPI_PRIORITY_URGENT,
  CG_KPI_N_PRIORITIES
} CgKpiPriority;

/* Age buckets of the backlog, each including its lower bound:
 * [0, 4 h), [4 h, 24 h), [1 d, 3 d), [3 d, 7 d), [7 d, ∞). */
typedef enum {
  CG_KPI_AGE_UNDER_4H,
  CG_KPI_AGE_4H_TO_1D,
  CG_KPI_AGE_1D_TO_3D,
  CG_KPI_AGE_3D_TO_7D,
  CG_KPI_AGE_7D_OR_MORE,
  CG_KPI_N_AGES
} CgKpiAge;

typedef enum {
  CG_KPI_VISIT_OPEN,      /* waiting, called or serving */
  CG_KPI_VISIT_DONE,
  CG_KPI_VISIT_NO_SHOW,
} CgKpiVisitEnd;

/* One case, as the KPIs see it. */
typedef struct {
  gint64        created_at;
  /* The first customer-visible reply (internal notes never count):
   * the earliest of the case's first_response_at and its earliest note
   * with visibility "customer". CG_KPI_NO_TIME if none. */
  gint64        first_response_at;
  /* CG_KPI_NO_TIME unless the status is resolved or closed. */
  gint64        resolved_at;
  gint64        paused_total_s;        /* sla.paused_total_s */
  guint         reopened_count;
  CgKpiPriority priority;
  gboolean      at_counter;            /* channel "counter" */
  /* From cg_sla_evaluate() at the report's "now". */
  CgSlaState    sla_state[CG_SLA_N_TARGETS];
  gint64        sla_outcome_at[CG_SLA_N_TARGETS];
  /* Opened at a kiosk after it offered at least one FAQ answer that did
   * not help (self_service.offered not empty, cg-kiosk.h). */
  gboolean      self_service_offered;
} CgKpiCase;

/* One queue ticket. */
typedef struct {
  gint64        created_at;
  gint64        called_at;             /* CG_KPI_NO_TIME if never called */
  CgKpiVisitEnd end;
} CgKpiCheckin;

/* One feedback response. */
typedef struct {
  gint64 created_at;
  gint   csat;                         /* 1 to 5, or -1: not asked */
  gint   nps;                          /* 0 to 10, or -1: not asked */
  /* A problem an FAQ answer solved at the kiosk (self_service.helped). */
  gboolean self_service_helped;
} CgKpiFeedback;

typedef struct {
  gboolean has_value;                  /* FALSE: nothing measured */
  guint    count;
  double   mean_s;
  double   median_s;                   /* of an even count: the mean of the middle two */
} CgKpiDuration;

typedef struct {
  gboolean has_value;                  /* FALSE: denominator 0 */
  guint    numerator;
  guint    denominator;
  double   percent;                    /* 100 × numerator / denominator */
} CgKpiRatio;

typedef struct {
  gboolean has_value;                  /* FALSE: no NPS answers */
  guint    promoters;                  /* 9–10 */
  guint    passives;                   /* 7–8 */
  guint    detractors;                 /* 0–6 */
  double   score;                      /* -100 to +100 */
} CgKpiNps;

typedef struct {
  gint64 at;                           /* the instant the backlog describes */
  guint  total;
  guint  by_priority[CG_KPI_N_PRIORITIES];
  guint  by_age[CG_KPI_N_AGES];
  guint  cells[CG_KPI_N_PRIORITIES][CG_KPI_N_AGES];
} CgKpiBacklog;

/* A missing or unknown priority is normal, as in cg_case_create(). */
CgKpiPriority cg_kpi_priority_from_string (const char *priority);
CgKpiAge      cg_kpi_age_bucket           (gint64      age_s);

/* Backlog at @at: cases created before @at and not resolved at @at
 * (resolved_at CG_KPI_NO_TIME, or at or after @at), whatever their status
 * (new, open, pending_customer, escalated), by priority and by age
 * (@at - created_at). A case open now is counted open at every instant
 * since its creation: an earlier resolution that was reopened is not
 * recorded in the document. */
void cg_kpi_backlog              (const CgKpiCase     *cases,
                                  gsize                n_cases,
                                  gint64               at,
                                  CgKpiBacklog        *out);

/* First response time: over the cases whose first customer-visible reply
 * falls in [@from, @to), first_response_at - created_at (0 if the reply's
 * clock was behind the case's). Wall time: pauses and business hours do
 * not apply (the SLA compliance figure is where they do). */
void cg_kpi_first_response_time  (const CgKpiCase     *cases,
                                  gsize                n_cases,
                                  gint64               from,
                                  gint64               to,
                                  CgKpiDuration       *out);

/* Resolution time: over the cases resolved in [@from, @to) (status
 * resolved or closed, resolved_at in the period), resolved_at - created_at
 * - paused_total_s, at least 0. paused_total_s holds the time spent in
 * pending_customer and, for a reopened case, the time it sat resolved
 * before the reopen (cg-sla.h), so this is the time the case was being
 * worked on, up to its latest resolution. */
void cg_kpi_resolution_time      (const CgKpiCase     *cases,
                                  gsize                n_cases,
                                  gint64               from,
                                  gint64               to,
                                  CgKpiDuration       *out);

/* SLA compliance per target kind, indexed by CgSlaTarget: targets met /
 * targets measured × 100. A target is measured in the period in which its
 * outcome was settled (sla_outcome_at in [@from, @to)): met when it was
 * completed by its due time; not met when its due time passed first,
 * whether it was completed late afterwards or is still open. So a breach
 * counts as soon as it happens, each target counts in exactly one period,
 * and targets still running or paused and not yet due are not measured. */
void cg_kpi_sla_compliance       (const CgKpiCase     *cases,
                                  gsize                n_cases,
                                  gint64               from,
                                  gint64               to,
                                  CgKpiRatio           out[CG_SLA_N_TARGETS]);

/* First contact resolution: of all cases resolved in [@from, @to) (the
 * denominator, any channel), those opened at the counter (channel
 * "counter"), never reopened (reopened_count 0) and resolved on the local
 * calendar day (in @tz; NULL: the local time zone) on which they were
 * created. */
void cg_kpi_fcr                  (const CgKpiCase     *cases,
                                  gsize                n_cases,
                                  gint64               from,
                                  gint64               to,
                                  GTimeZone           *tz,
                                  CgKpiRatio          *out);

/* CSAT: of the CSAT answers (1–5) given in [@from, @to), the share of 4
 * and 5. Responses without a CSAT answer are not counted. */
void cg_kpi_csat                 (const CgKpiFeedback *feedback,
                                  gsize                n_feedback,
                                  gint64               from,
                                  gint64               to,
                                  CgKpiRatio          *out);

/* NPS: of the NPS answers (0–10) given in [@from, @to), % of 9–10 minus %
 * of 0–6. */
void cg_kpi_nps                  (const CgKpiFeedback *feedback,
                                  gsize                n_feedback,
                                  gint64               from,
                                  gint64               to,
                                  CgKpiNps            *out);

/* Self-service deflection: of the problems reported at a kiosk in [@from,
 * @to) after it offered FAQ answers, the share an answer solved: helped /
 * (helped + cases opened after at least one answer was offered). helped
 * counts feedback with self_service_helped created in the period; the
 * cases count by created_at. A problem reported without any answer to
 * offer counts in neither. */
void cg_kpi_deflection           (const CgKpiFeedback *feedback,
                                  gsize                n_feedback,
                                  const CgKpiCase     *cases,
                                  gsize                n_cases,
                                  gint64               from,
                                  gint64               to,
                                  CgKpiRatio          *out);

/* Queue wait: over the check-ins created in [@from, @to) that were called,
 * called_at - created_at (at least 0). Still waiting: not counted. */
void cg_kpi_queue_wait           (const CgKpiCheckin  *checkins,
                                  gsize                n_checkins,
                                  gint64               from,
                                  gint64               to,
                                  CgKpiDuration       *out);

/* No-show rate: of the check-ins created in [@from, @to) that ended (done
 * or no_show), the share of no_show. */
void cg_kpi_no_show_rate         (const CgKpiCheckin  *checkins,
                                  gsize                n_checkins,
                                  gint64               from,
                                  gint64               to,
                                  CgKpiRatio          *out);

/* A case document as the KPIs see it. @first_customer_note is the
 * created_at of its earliest customer-visible note (CG_KPI_NO_TIME: none);
 * the SLA states are evaluated at @now under @policies (NULL: defaults).
 * @kase is not changed. FALSE when it has no readable created_at. */
gboolean cg_kpi_case_from_document (JsonObject          *kase,
                                    gint64               first_customer_note,
                                    const CgSlaPolicies *policies,
                                    gint64               now,
                                    CgKpiCase           *out);

typedef struct {
  gint64         from;
  gint64         to;
  CgKpiBacklog   backlog;              /* at MIN (to, now): a period not over yet shows now */
  CgKpiDuration  first_response;
  CgKpiDuration  resolution;
  CgKpiRatio     sla[CG_SLA_N_TARGETS];
  CgKpiRatio     fcr;
  CgKpiRatio     csat;
  CgKpiNps       nps;
  CgKpiDuration  queue_wait;
  CgKpiRatio     no_show;
  CgKpiRatio     deflection;
} CgKpiReport;

/* Every KPI above over the same data. */
void     cg_kpi_report_from_arrays (const CgKpiCase     *cases,
                                    gsize                n_cases,
                                    const CgKpiCheckin  *checkins,
                                    gsize                n_checkins,
                                    const CgKpiFeedback *feedback,
                                    gsize                n_feedback,
                                    gint64               from,
                                    gint64               to,
                                    gint64               now,
                                    GTimeZone           *tz,
                                    CgKpiReport         *report);

/* The report for [@from, @to) from the store, with SLA states evaluated at
 * @now under @policies (NULL: defaults) and calendar days in @tz (NULL:
 * local). Reads only the cases that can count (created before @to, and
 * either not resolved or updated since @from), the customer-visible notes
 * of those, and the check-ins and feedback of the period. */
gboolean cg_kpi_report_compute     (CgStore             *store,
                                    gint64               from,
                                    gint64               to,
                                    gint64               now,
                                    const CgSlaPolicies *policies,
                                    GTimeZone           *tz,
                                    CgKpiReport         *report,
                                    GError             **error);

G_END_DECLS
