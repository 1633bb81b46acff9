/* cg-sla.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SLA clock as a small state machine over the "sla" object of a case:
 *
 *   RUNNING  status new, open or escalated; no sla.paused_at.
 *   STOPPED  status pending_customer (paused) or resolved (done until a
 *            reopen); sla.paused_at = when the clock stopped.
 *   FINAL    status closed; no sla.paused_at, the clock never runs again.
 *
 *   RUNNING → STOPPED   cg_sla_update_for_status(): paused_at = now.
 *   STOPPED → RUNNING   cg_sla_update_for_status(): the span is added to
 *                       paused_total_s (and paused_business_s), the due
 *                       times the pause held back move, paused_at goes.
 *   STOPPED → STOPPED   pending_customer → resolved: both of the above.
 *   STOPPED → FINAL     resolved → closed: paused_at goes, nothing added.
 *
 * Invariant, for a target not yet complete and a clock "C" (business time
 * or wall time, per the policy) with P its paused total outside a pause in
 * progress:  C(due) = C(created_at) + target + P. cg_sla_apply_policy()
 * establishes it; moving the due time by the paused clock time on resume
 * keeps it, because adding clock time is additive (add(add(t, a), b) =
 * add(t, a + b)). cg_sla_evaluate() relies on it by computing the due time
 * of an open target from created_at and P rather than trusting the stored
 * one. A complete target's due time is frozen: its outcome is settled, and
 * later pauses (a case waiting for the customer after the first reply) must
 * not move it.
 *
 * Pauses in resolved count like pauses in pending_customer: after a reopen
 * the clock resumes where it stopped, rather than charging the days the
 * case sat resolved to the team (which would make a reopen an instant
 * breach and push agents to open a new case instead, hiding the failure
 * that FCR is meant to show).
 */
#define G_LOG_DOMAIN "cg-sla"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cg-case.h"
#include "cg-json.h"
#include "cg-sla.h"

/* Targets above a year are a typo (minutes taken for seconds, say). */
#define MAX_TARGET_MIN (365 * 24 * 60)

static const char * const priorities[] = { "low", "normal", "high", "urgent" };
#define NORMAL_INDEX 1

struct _CgSlaPolicies
{
  CgSlaPolicy      policies[G_N_ELEMENTS (priorities)];
  CgBusinessHours *hours;    /* as configured; always open when not */
  CgBusinessHours *always;   /* the clock of policies that count wall time */
};

/* ------------------------------------------------------------ policies */

static void
policies_clear (gpointer data)
{
  CgSlaPolicies *self = data;

  g_clear_pointer (&self->hours, cg_business_hours_unref);
  g_clear_pointer (&self->always, cg_business_hours_unref);
}

static CgSlaPolicies *
policies_new (CgBusinessHours *hours)
{
  CgSlaPolicies *self = g_atomic_rc_box_new0 (CgSlaPolicies);

  for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
    {
      gboolean known = cg_case_default_sla (priorities[i],
                                            &self->policies[i].first_response_min,
                                            &self->policies[i].resolution_min);
      g_assert (known);
      self->policies[i].business_hours = TRUE;
    }
  self->always = cg_business_hours_new_always_open ();
  self->hours = hours != NULL ? cg_business_hours_ref (hours) : cg_business_hours_ref (self->always);
  return self;
}

CgSlaPolicies *
cg_sla_policies_new_default (void)
{
  return policies_new (NULL);
}

CgSlaPolicies *
cg_sla_policies_ref (CgSlaPolicies *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
cg_sla_policies_unref (CgSlaPolicies *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, policies_clear);
}

static gboolean
parse_minutes (JsonObject   *object,
               const char   *priority,
               const char   *member,
               gint64       *minutes,
               GError      **error)
{
  gint64 value;

  if (!json_object_has_member (object, member))
    return TRUE;   /* keeps the default */
  if (!cg_json_get_int (object, member, &value) || value < 1 || value > MAX_TARGET_MIN)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("SLA policy for “%s”: “%s” must be a whole number of minutes from 1 to %d."),
                   priority, member, MAX_TARGET_MIN);
      return FALSE;
    }
  *minutes = value;
  return TRUE;
}

CgSlaPolicies *
cg_sla_policies_new_from_settings (JsonObject  *sla,
                                   JsonObject  *business_hours,
                                   GError     **error)
{
  g_autoptr(CgBusinessHours) hours = NULL;
  g_autoptr(CgSlaPolicies) self = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hours = cg_business_hours_new_from_json (business_hours, error);
  if (hours == NULL)
    return NULL;
  self = policies_new (hours);

  for (guint i = 0; sla != NULL && i < G_N_ELEMENTS (priorities); i++)
    {
      JsonNode *node = json_object_get_member (sla, priorities[i]);
      JsonNode *flag;
      JsonObject *object;
      CgSlaPolicy *policy = &self->policies[i];

      if (node == NULL)
        continue;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_WRONG_TYPE,
                       _("SLA policy for “%s” must be an object with “first_response_min” and “resolution_min”."),
                       priorities[i]);
          return NULL;
        }
      object = json_node_get_object (node);
      if (!parse_minutes (object, priorities[i], "first_response_min", &policy->first_response_min, error) ||
          !parse_minutes (object, priorities[i], "resolution_min", &policy->resolution_min, error))
        return NULL;

      flag = json_object_get_member (object, "business_hours");
      if (flag != NULL)
        {
          if (!JSON_NODE_HOLDS_VALUE (flag) || json_node_get_value_type (flag) != G_TYPE_BOOLEAN)
            {
              g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_WRONG_TYPE,
                           _("SLA policy for “%s”: “business_hours” must be true or false."),
                           priorities[i]);
              return NULL;
            }
          policy->business_hours = json_node_get_boolean (flag);
        }
    }
  return g_steal_pointer (&self);
}

static guint
priority_index (const char *priority)
{
  for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
    if (g_strcmp0 (priorities[i], priority) == 0)
      return i;
  return NORMAL_INDEX;
}

const CgSlaPolicy *
cg_sla_policies_lookup (const CgSlaPolicies *self,
                        const char          *priority)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->policies[priority_index (priority)];
}

CgBusinessHours *
cg_sla_policies_get_business_hours (const CgSlaPolicies *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->hours;
}

const char *
cg_sla_state_to_string (CgSlaState state)
{
  switch (state)
    {
    case CG_SLA_STATE_OK: return "ok";
    case CG_SLA_STATE_WARNING: return "warning";
    case CG_SLA_STATE_BREACHED: return "breached";
    case CG_SLA_STATE_MET: return "met";
    case CG_SLA_STATE_MET_LATE: return "met_late";
    case CG_SLA_STATE_PAUSED: return "paused";
    case CG_SLA_STATE_NONE:
    default:
      return "none";
    }
}

/* ------------------------------------------------------------- the case */

static gint64
get_time (JsonObject *object,
          const char *member)
{
  const char *text = object != NULL ? cg_json_get_string (object, member) : NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return CG_SLA_NO_TIME;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL ? g_date_time_to_unix (dt) : CG_SLA_NO_TIME;
}

static void
remove_member (JsonObject *object,
               const char *member)
{
  if (object != NULL && json_object_has_member (object, member))
    json_object_remove_member (object, member);
}

static void
set_time (JsonObject *object,
          const char *member,
          gint64      instant)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;

  if (instant != CG_SLA_NO_TIME && instant != G_MAXINT64)
    dt = g_date_time_new_from_unix_utc (instant);
  if (dt == NULL)
    {
      /* Never reached (see cg_business_hours_add_seconds()): no due time
       * is the honest record. */
      remove_member (object, member);
      return;
    }
  text = cg_json_timestamp (dt);
  json_object_set_string_member (object, member, text);
}

static const char * const due_members[CG_SLA_N_TARGETS] = { "first_response_due", "resolution_due" };

static gboolean
is_done (const char *status)
{
  return g_strcmp0 (status, "resolved") == 0 || g_strcmp0 (status, "closed") == 0;
}

static gboolean
is_stopped (const char *status)
{
  return g_strcmp0 (status, "pending_customer") == 0 || g_strcmp0 (status, "resolved") == 0;
}

static const CgSlaPolicies *
default_policies (void)
{
  static CgSlaPolicies *defaults;

  if (g_once_init_enter (&defaults))
    g_once_init_leave (&defaults, cg_sla_policies_new_default ());
  return defaults;
}

/* What the clock needs from a case, read once. */
typedef struct {
  JsonObject            *sla;             /* NULL when the case has none */
  const char            *status;
  const CgSlaPolicy     *policy;
  const CgBusinessHours *clock;           /* the policy's: business hours or wall time */
  const CgBusinessHours *hours;           /* as configured, for paused_business_s */
  gint64                 created;
  gint64                 paused_wall;     /* sla.paused_total_s */
  gint64                 paused_business; /* sla.paused_business_s, else paused_wall */
  gint64                 paused_at;       /* sla.paused_at, or CG_SLA_NO_TIME */
  gint64                 first_response_at;
  gint64                 resolved_at;     /* CG_SLA_NO_TIME unless resolved or closed */
} Facts;

static gboolean
read_facts (JsonObject          *kase,
            const CgSlaPolicies *policies,
            Facts               *facts)
{
  gint64 value;

  if (policies == NULL)
    policies = default_policies ();

  facts->created = get_time (kase, "created_at");
  if (facts->created == CG_SLA_NO_TIME)
    return FALSE;
  facts->sla = cg_json_get_object (kase, "sla");
  facts->status = cg_json_get_string (kase, "status");
  facts->policy = cg_sla_policies_lookup (policies, cg_json_get_string (kase, "priority"));
  facts->hours = policies->hours;
  facts->clock = facts->policy->business_hours && !cg_business_hours_is_always_open (policies->hours)
    ? policies->hours : policies->always;

  facts->paused_wall = cg_json_get_int (facts->sla, "paused_total_s", &value) ? MAX (value, 0) : 0;
  /* Written only once business hours are configured; before that, every
   * paused second was a clock second. */
  facts->paused_business = cg_json_get_int (facts->sla, "paused_business_s", &value)
    ? MAX (value, 0) : facts->paused_wall;
  facts->paused_at = get_time (facts->sla, "paused_at");
  facts->first_response_at = get_time (kase, "first_response_at");

  facts->resolved_at = CG_SLA_NO_TIME;
  if (is_done (facts->status))
    {
      /* Resolved by an older client that did not record when: the last
       * update is the best estimate, and a resolved case cannot be left
       * without a completion. */
      facts->resolved_at = get_time (kase, "resolved_at");
      if (facts->resolved_at == CG_SLA_NO_TIME)
        facts->resolved_at = get_time (kase, "updated_at");
      if (facts->resolved_at == CG_SLA_NO_TIME)
        facts->resolved_at = facts->created;
    }
  return TRUE;
}

static gint64
clock_paused (const Facts *facts)
{
  return cg_business_hours_is_always_open (facts->clock) ? facts->paused_wall : facts->paused_business;
}

static gint64
target_seconds (const Facts *facts,
                CgSlaTarget  target)
{
  return 60 * (target == CG_SLA_FIRST_RESPONSE ? facts->policy->first_response_min
                                               : facts->policy->resolution_min);
}

static gint64
earliest (gint64 a,
          gint64 b)
{
  if (a == CG_SLA_NO_TIME)
    return b;
  if (b == CG_SLA_NO_TIME)
    return a;
  return MIN (a, b);
}

/* When @target was completed, given the first response and resolution
 * instants (CG_SLA_NO_TIME: not yet). */
static gint64
completion (CgSlaTarget target,
            gint64      first_response_at,
            gint64      resolved_at)
{
  if (target == CG_SLA_FIRST_RESPONSE)
    return earliest (first_response_at, resolved_at);
  return resolved_at;
}

/* The due time of a target not yet complete: the invariant at the top. */
static gint64
open_due (const Facts *facts,
          gint64       target_s)
{
  gint64 budget = target_s + clock_paused (facts);

  return cg_business_hours_add_seconds (facts->clock, facts->created, budget);
}

static gint64
stored_due (const Facts *facts,
            CgSlaTarget  target)
{
  return get_time (facts->sla, due_members[target]);
}

/* ------------------------------------------------------------ evaluate */

static void
evaluate_target (const Facts *facts,
                 CgSlaTarget  target,
                 gint64       now,
                 CgSlaClock  *clock)
{
  gint64 target_s = target_seconds (facts, target);
  gint64 completed = completion (target, facts->first_response_at, facts->resolved_at);
  gint64 stopped = CG_SLA_NO_TIME;
  gint64 at, due;

  /* Without paused_at (written by an older client) the pause is taken to
   * start now: the clock shows where it stands, and stays there. */
  if (g_strcmp0 (facts->status, "pending_customer") == 0)
    stopped = facts->paused_at != CG_SLA_NO_TIME ? facts->paused_at : now;

  clock->target_s = target_s;
  clock->completed_at = CG_SLA_NO_TIME;
  clock->outcome_at = CG_SLA_NO_TIME;

  if (completed != CG_SLA_NO_TIME)
    {
      due = stored_due (facts, target);
      if (due == CG_SLA_NO_TIME)
        due = open_due (facts, target_s);
      /* Answered while the case waits for the customer: the clock stopped
       * when the wait began. */
      at = stopped != CG_SLA_NO_TIME ? MIN (completed, stopped) : completed;
    }
  else
    {
      due = open_due (facts, target_s);
      at = stopped != CG_SLA_NO_TIME ? stopped : now;
    }

  clock->elapsed_s = MAX (target_s - cg_business_hours_count_seconds (facts->clock, at, due), 0);
  clock->left_s = target_s - clock->elapsed_s;
  clock->due = due;

  if (completed != CG_SLA_NO_TIME)
    {
      gboolean met = at <= due;

      clock->state = met ? CG_SLA_STATE_MET : CG_SLA_STATE_MET_LATE;
      clock->completed_at = completed;
      clock->outcome_at = met ? completed : due;
    }
  else if (at > due)
    {
      /* Due at 10:00:00 and still open at 10:00:00 is not a breach yet: a
       * reply at that second would meet the target. */
      clock->state = CG_SLA_STATE_BREACHED;
      clock->outcome_at = due;
    }
  else if (stopped != CG_SLA_NO_TIME)
    {
      clock->state = CG_SLA_STATE_PAUSED;
      clock->due = CG_SLA_NO_TIME;
    }
  /* 80% in integers: elapsed / target ≥ 4/5. */
  else if (clock->elapsed_s * 5 >= target_s * 4)
    clock->state = CG_SLA_STATE_WARNING;
  else
    clock->state = CG_SLA_STATE_OK;
}

gboolean
cg_sla_evaluate (JsonObject          *kase,
                 const CgSlaPolicies *policies,
                 gint64               now,
                 CgSlaClock           clocks[CG_SLA_N_TARGETS])
{
  Facts facts;

  g_return_val_if_fail (kase != NULL, FALSE);
  g_return_val_if_fail (clocks != NULL, FALSE);

  if (!read_facts (kase, policies, &facts))
    {
      for (guint t = 0; t < CG_SLA_N_TARGETS; t++)
        clocks[t] = (CgSlaClock) { CG_SLA_STATE_NONE, 0, 0, 0,
                                   CG_SLA_NO_TIME, CG_SLA_NO_TIME, CG_SLA_NO_TIME };
      return FALSE;
    }
  for (guint t = 0; t < CG_SLA_N_TARGETS; t++)
    evaluate_target (&facts, t, now, &clocks[t]);
  return TRUE;
}

/* ------------------------------------------------------------- writing */

static JsonObject *
ensure_sla (JsonObject *kase)
{
  JsonObject *sla = cg_json_get_object (kase, "sla");

  if (sla == NULL)
    {
      sla = json_object_new ();
      json_object_set_object_member (kase, "sla", sla);   /* takes the reference */
    }
  return sla;
}

gboolean
cg_sla_apply_policy (JsonObject          *kase,
                     const CgSlaPolicies *policies)
{
  Facts facts;
  JsonObject *sla;

  g_return_val_if_fail (kase != NULL, FALSE);

  if (!read_facts (kase, policies, &facts))
    return FALSE;
  sla = ensure_sla (kase);
  facts.sla = sla;

  json_object_set_string_member (sla, "policy",
                                 priorities[priority_index (cg_json_get_string (kase, "priority"))]);
  if (!json_object_has_member (sla, "paused_total_s"))
    json_object_set_int_member (sla, "paused_total_s", 0);

  for (guint t = 0; t < CG_SLA_N_TARGETS; t++)
    {
      gint64 completed = completion (t, facts.first_response_at, facts.resolved_at);

      if (completed == CG_SLA_NO_TIME || stored_due (&facts, t) == CG_SLA_NO_TIME)
        set_time (sla, due_members[t], open_due (&facts, target_seconds (&facts, t)));
    }
  return TRUE;
}

/* STOPPED → RUNNING (or → STOPPED again, for pending_customer → resolved). */
static void
restart_clock (Facts       *facts,
               const char  *new_status,
               gint64       stopped_at,
               gint64       now)
{
  JsonObject *sla = facts->sla;
  gint64 span = MAX (now - stopped_at, 0);
  gint64 clock_span = cg_business_hours_count_seconds (facts->clock, stopped_at, stopped_at + span);
  /* The targets as they will be after the change: a reopen takes the
   * resolution back, a resolution completes both. */
  gint64 resolved_after = is_done (new_status) ? now : CG_SLA_NO_TIME;

  for (guint t = 0; t < CG_SLA_N_TARGETS; t++)
    {
      gint64 completed = completion (t, facts->first_response_at, resolved_after);
      gint64 due = stored_due (facts, t);

      if (due == CG_SLA_NO_TIME)
        due = open_due (facts, target_seconds (facts, t));
      /* Settled before the pause, or late before it and answered during
       * it: the pause changes nothing. */
      if (completed == CG_SLA_NO_TIME || (completed > stopped_at && due >= stopped_at))
        due = cg_business_hours_add_seconds (facts->clock, due, clock_span);
      set_time (sla, due_members[t], due);
    }

  json_object_set_int_member (sla, "paused_total_s", facts->paused_wall + span);
  if (!cg_business_hours_is_always_open (facts->hours) || json_object_has_member (sla, "paused_business_s"))
    json_object_set_int_member (sla, "paused_business_s",
                                facts->paused_business +
                                cg_business_hours_count_seconds (facts->hours, stopped_at, stopped_at + span));
}

gboolean
cg_sla_update_for_status (JsonObject          *kase,
                          const char          *new_status,
                          const CgSlaPolicies *policies,
                          gint64               now)
{
  Facts facts;
  const char *old_status;

  g_return_val_if_fail (kase != NULL, FALSE);
  g_return_val_if_fail (new_status != NULL, FALSE);

  old_status = cg_json_get_string (kase, "status");
  if (g_strcmp0 (old_status, new_status) == 0)
    return FALSE;
  if (!read_facts (kase, policies, &facts))
    return FALSE;

  if (g_strcmp0 (old_status, "resolved") == 0 && g_strcmp0 (new_status, "closed") == 0)
    {
      remove_member (facts.sla, "paused_at");
      return TRUE;
    }

  if (is_stopped (old_status))
    {
      gint64 stopped_at = facts.paused_at;

      if (stopped_at == CG_SLA_NO_TIME && g_strcmp0 (old_status, "resolved") == 0)
        stopped_at = facts.resolved_at;
      if (stopped_at != CG_SLA_NO_TIME)
        {
          facts.sla = ensure_sla (kase);
          restart_clock (&facts, new_status, stopped_at, now);
        }
      remove_member (facts.sla, "paused_at");
    }
  if (is_stopped (new_status))
    set_time (ensure_sla (kase), "paused_at", now);
  return TRUE;
}
