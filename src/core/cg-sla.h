/* cg-sla.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SLA clock of a case (DATA-MODEL.md, "Case workflow and SLA"), as pure
 * functions over the case document and a "now". Nothing here reads or
 * writes the store; instants are Unix times in seconds.
 *
 * A case has two targets, first response and resolution, each a number of
 * minutes from the policy for the case's priority. The "clock" of a target
 * is the time counted against it: wall time, or only business time when
 * the policy counts business hours, and in either case not the time the
 * case spent stopped. The clock runs in new, open and escalated; it is
 * stopped in pending_customer (paused, waiting for the customer) and in
 * resolved (done, unless the customer reopens the case).
 *
 * A target is complete when its event happened: the first customer-visible
 * reply (first_response_at) for first response, the resolution
 * (resolved_at, status resolved or closed) for resolution. A case resolved
 * without any customer-visible reply completes its first response target
 * at the resolution: the resolution is what the customer hears.
 */
#pragma once

#include "cg-business-hours.h"
#include "cg-types.h"

G_BEGIN_DECLS

/* No such instant (not completed, no due time). */
#define CG_SLA_NO_TIME G_MININT64

typedef enum {
  CG_SLA_FIRST_RESPONSE,
  CG_SLA_RESOLUTION,
  CG_SLA_N_TARGETS
} CgSlaTarget;

typedef enum {
  CG_SLA_STATE_NONE,      /* no clock: the case has no readable created_at */
  CG_SLA_STATE_OK,        /* running, less than 80% of the target used */
  CG_SLA_STATE_WARNING,   /* running, at least 80% used, not past due */
  CG_SLA_STATE_BREACHED,  /* not complete and past due (running or paused) */
  CG_SLA_STATE_MET,       /* completed by the due time (inclusive) */
  CG_SLA_STATE_MET_LATE,  /* completed after the due time */
  CG_SLA_STATE_PAUSED,    /* not complete, pending_customer, not past due */
} CgSlaState;

/* Where the clock of one target stands. Seconds are clock seconds (business
 * seconds under a business-hours policy), pauses excluded. The state is
 * exact; elapsed_s of a target completed during a pause that has since
 * ended is an estimate, because the document keeps the total of past
 * pauses, not each one. */
typedef struct {
  CgSlaState state;
  gint64     target_s;      /* the target */
  gint64     elapsed_s;     /* counted so far, at completion, or when paused; ≥ 0 */
  gint64     left_s;        /* target_s - elapsed_s: negative when overdue */
  /* When the clock reaches the target. CG_SLA_NO_TIME while paused and not
   * yet breached (the due time moves when the clock resumes). Past the due
   * time (by wall clock) the target is breached, even while the store is
   * closed and left_s is still 0. */
  gint64     due;
  gint64     completed_at;  /* CG_SLA_NO_TIME unless met or met_late */
  /* When the outcome was settled, for reports: completed_at if met, the due
   * time if met_late or breached, else CG_SLA_NO_TIME. */
  gint64     outcome_at;
} CgSlaClock;

/* Targets of one priority. */
typedef struct {
  gint64   first_response_min;
  gint64   resolution_min;
  /* Count only business hours. Meaningful when business hours are
   * configured; without them every policy counts wall time. */
  gboolean business_hours;
} CgSlaPolicy;

typedef struct _CgSlaPolicies CgSlaPolicies;

/* cg_case_default_sla() for every priority, around the clock. */
CgSlaPolicies     *cg_sla_policies_new_default       (void);
/* From the "sla" and "business_hours" settings (CONFIG.md), either NULL:
 *
 *   sla: { "urgent": { "first_response_min": 15, "resolution_min": 240,
 *                      "business_hours": false }, … }
 *
 * A priority or a target missing from @sla keeps cg_case_default_sla()'s
 * value. "business_hours" (boolean) defaults to TRUE: once a store has
 * opening hours, its targets count them unless a priority says otherwise
 * (an urgent case may be promised around the clock). Targets are whole
 * minutes from 1 to 525600 (a year). Keys other than the four priorities
 * are ignored. Errors are CG_VALIDATION_ERROR, with a message for the
 * admin. Returns (transfer full). */
CgSlaPolicies     *cg_sla_policies_new_from_settings (JsonObject          *sla,
                                                      JsonObject          *business_hours,
                                                      GError             **error);
CgSlaPolicies     *cg_sla_policies_ref               (CgSlaPolicies       *self);
void               cg_sla_policies_unref             (CgSlaPolicies       *self);
/* The policy for @priority (transfer none). A missing or unknown priority
 * gets "normal"'s, as cg_case_create() gives such a case priority normal. */
const CgSlaPolicy *cg_sla_policies_lookup            (const CgSlaPolicies *self,
                                                      const char          *priority);
/* The configured hours (transfer none); always open when none. */
CgBusinessHours   *cg_sla_policies_get_business_hours (const CgSlaPolicies *self);

/* Where the clocks of @kase stand at @now, under the policy for its
 * current priority (@policies NULL: the defaults). Fills @clocks, indexed
 * by CgSlaTarget. Returns FALSE, with every state NONE, when the case has
 * no readable created_at.
 *
 * A target not yet complete is computed from first principles: its due
 * time is @target + the pauses so far, in clock time, from created_at; so
 * the badge follows the config in force even if the stored due times were
 * written under another one. A complete target is judged against the due
 * time stored in the document (sla.first_response_due, sla.resolution_due),
 * which cg_sla_update_for_status() stops moving once the target is
 * complete; without one, it is computed like an open target's. */
gboolean           cg_sla_evaluate                   (JsonObject          *kase,
                                                      const CgSlaPolicies *policies,
                                                      gint64               now,
                                                      CgSlaClock           clocks[CG_SLA_N_TARGETS]);

/* Keeps the "sla" object of @kase right across a status change to
 * @new_status at @now. Call it on the document as it is BEFORE the change
 * (the old status and resolved_at are read from it), then change the
 * status; cg_case_set_status() is the caller.
 *
 * Entering pending_customer or resolved stops the clock: sla.paused_at =
 * @now. Leaving either (pending_customer → open or resolved, resolved →
 * open) restarts it: the span since paused_at is added to
 * sla.paused_total_s (wall seconds) and, when business hours are
 * configured, its business seconds to sla.paused_business_s; the due time
 * of each target that the pause held back moves later by the paused clock
 * time; paused_at is removed. resolved → closed removes paused_at: the
 * clock will not run again. A case that was resolved before this was
 * wired in (no paused_at) is taken as stopped since its resolved_at.
 *
 * The due time of a target completed before the pause does not move, nor
 * that of one that was already overdue when the pause began and was
 * completed during it: a pause cannot turn a late answer into a timely
 * one.
 *
 * Returns FALSE, changing nothing, when @new_status is the current status
 * or the case has no readable created_at. */
gboolean           cg_sla_update_for_status          (JsonObject          *kase,
                                                      const char          *new_status,
                                                      const CgSlaPolicies *policies,
                                                      gint64               now);

/* (Re)computes the due times of @kase under the policy for its current
 * priority: at creation, and after its priority or the SLA config changed.
 * Sets sla.policy to the priority, and the due time of every target not
 * yet complete to created_at + target + pauses so far (excluding a pause
 * in progress, which cg_sla_update_for_status() adds when it ends). The
 * due time of a complete target stays (its outcome is settled), unless
 * missing. Creates the "sla" object if needed; other members of it are
 * kept. Returns FALSE, changing nothing, when the case has no readable
 * created_at. */
gboolean           cg_sla_apply_policy               (JsonObject          *kase,
                                                      const CgSlaPolicies *policies);

/* "ok", "warning", "breached", "met", "met_late", "paused" or "none": for
 * logs, CSV export and tests; not for people. */
const char        *cg_sla_state_to_string            (CgSlaState           state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgSlaPolicies, cg_sla_policies_unref)

G_END_DECLS
