/* test-sla.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SLA clock of a case: policies from config, states at their
 * boundaries (80% warning, breach one second after the due time, met at
 * the due time), the pause in pending_customer, resolve and reopen,
 * business hours, and recomputing due times when the priority changes.
 *
 * Default targets (cg_case_default_sla): urgent 15 min / 240 min, high
 * 60 / 480, normal 240 / 1440, low 1440 / 4320. Seoul is UTC+9 all year;
 * 2026-11-20 is a Friday.
 */
#include "config.h"

#include <string.h>

#include "cg-sla.h"
#include "cg-test-util.h"

static gint64
T (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static char *
stamp (gint64 instant)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (instant);

  return cg_json_timestamp (dt);
}

static JsonObject *
new_case (const char          *priority,
          const char          *created_at,
          const CgSlaPolicies *policies)
{
  g_autofree char *json = g_strdup_printf (
    "{\"type\": \"case\", \"status\": \"open\", \"priority\": \"%s\", \"channel\": \"counter\","
    " \"created_at\": \"%s\", \"updated_at\": \"%s\", \"reopened_count\": 0}",
    priority, created_at, created_at);
  JsonObject *kase = cg_test_json (json);

  g_assert_true (cg_sla_apply_policy (kase, policies));
  return kase;
}

/* What cg_case_set_status() does, with the SLA update first. */
static void
move (JsonObject          *kase,
      const CgSlaPolicies *policies,
      const char          *status,
      gint64               now)
{
  g_autofree char *from = g_strdup (cg_json_get_string (kase, "status"));
  g_autofree char *text = stamp (now);

  g_assert_true (cg_sla_update_for_status (kase, status, policies, now));
  if (g_str_equal (status, "resolved"))
    json_object_set_string_member (kase, "resolved_at", text);
  if (g_strcmp0 (from, "resolved") == 0 && g_str_equal (status, "open"))
    {
      gint64 count = 0;
      cg_json_get_int (kase, "reopened_count", &count);
      json_object_set_int_member (kase, "reopened_count", count + 1);
      json_object_remove_member (kase, "resolved_at");
    }
  json_object_set_string_member (kase, "status", status);
  json_object_set_string_member (kase, "updated_at", text);
}

static void
reply (JsonObject *kase,
       gint64      now)
{
  g_autofree char *text = stamp (now);

  json_object_set_string_member (kase, "first_response_at", text);
}

static gint64
sla_time (JsonObject *kase,
          const char *member)
{
  const char *text = cg_json_get_string (cg_json_get_object (kase, "sla"), member);

  return text != NULL ? T (text) : CG_SLA_NO_TIME;
}

static gint64
sla_int (JsonObject *kase,
         const char *member)
{
  gint64 value = -1;

  cg_json_get_int (cg_json_get_object (kase, "sla"), member, &value);
  return value;
}

static void
expect (JsonObject          *kase,
        const CgSlaPolicies *policies,
        gint64               now,
        CgSlaTarget          target,
        CgSlaState           state,
        gint64               elapsed_s,
        gint64               left_s)
{
  CgSlaClock clocks[CG_SLA_N_TARGETS];

  g_assert_true (cg_sla_evaluate (kase, policies, now, clocks));
  g_assert_cmpstr (cg_sla_state_to_string (clocks[target].state), ==, cg_sla_state_to_string (state));
  g_assert_cmpint (clocks[target].elapsed_s, ==, elapsed_s);
  g_assert_cmpint (clocks[target].left_s, ==, left_s);
  g_assert_cmpint (clocks[target].elapsed_s + clocks[target].left_s, ==, clocks[target].target_s);
}

/* ------------------------------------------------------------- policies */

static void
expect_policy_error (const char *sla_json,
                     gint        code,
                     const char *mentions)
{
  g_autoptr(JsonObject) sla = cg_test_json (sla_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgSlaPolicies) policies = cg_sla_policies_new_from_settings (sla, NULL, &error);

  g_assert_null (policies);
  g_assert_error (error, CG_VALIDATION_ERROR, code);
  g_assert_nonnull (strstr (error->message, mentions));
}

static void
test_policies (void)
{
  g_autoptr(CgSlaPolicies) defaults = cg_sla_policies_new_default ();
  g_autoptr(CgSlaPolicies) policies = NULL;
  g_autoptr(JsonObject) sla = cg_test_json (
    "{\"urgent\": {\"first_response_min\": 10, \"business_hours\": false},"
    " \"low\": {\"first_response_min\": 600, \"resolution_min\": 2880}, \"critical\": 5}");
  g_autoptr(JsonObject) hours = cg_test_json ("{\"tz\": \"Asia/Seoul\", \"mon\": [\"10:00\",\"22:00\"]}");
  g_autoptr(JsonObject) bad_hours = cg_test_json ("{\"tz\": \"Asia/Seoul\", \"mon\": [\"22:00\",\"10:00\"]}");
  g_autoptr(GError) error = NULL;
  const CgSlaPolicy *policy;

  policy = cg_sla_policies_lookup (defaults, "urgent");
  g_assert_cmpint (policy->first_response_min, ==, 15);
  g_assert_cmpint (policy->resolution_min, ==, 240);
  /* Missing or unknown priority: normal's targets. */
  g_assert_cmpint (cg_sla_policies_lookup (defaults, NULL)->first_response_min, ==, 240);
  g_assert_cmpint (cg_sla_policies_lookup (defaults, "critical")->resolution_min, ==, 1440);
  g_assert_true (cg_business_hours_is_always_open (cg_sla_policies_get_business_hours (defaults)));

  policies = cg_sla_policies_new_from_settings (sla, hours, &error);
  g_assert_no_error (error);
  policy = cg_sla_policies_lookup (policies, "urgent");
  g_assert_cmpint (policy->first_response_min, ==, 10);
  g_assert_cmpint (policy->resolution_min, ==, 240);      /* default kept */
  g_assert_false (policy->business_hours);
  policy = cg_sla_policies_lookup (policies, "low");
  g_assert_cmpint (policy->first_response_min, ==, 600);
  g_assert_cmpint (policy->resolution_min, ==, 2880);
  g_assert_true (policy->business_hours);                 /* hours configured: counted */
  g_assert_cmpint (cg_sla_policies_lookup (policies, "high")->first_response_min, ==, 60);
  g_assert_false (cg_business_hours_is_always_open (cg_sla_policies_get_business_hours (policies)));

  expect_policy_error ("{\"urgent\": 15}", CG_VALIDATION_ERROR_WRONG_TYPE, "urgent");
  expect_policy_error ("{\"high\": {\"first_response_min\": 0}}", CG_VALIDATION_ERROR_BAD_VALUE,
                       "first_response_min");
  expect_policy_error ("{\"high\": {\"resolution_min\": -5}}", CG_VALIDATION_ERROR_BAD_VALUE, "resolution_min");
  expect_policy_error ("{\"high\": {\"resolution_min\": 1.5}}", CG_VALIDATION_ERROR_BAD_VALUE, "high");
  expect_policy_error ("{\"high\": {\"resolution_min\": \"60\"}}", CG_VALIDATION_ERROR_BAD_VALUE, "high");
  expect_policy_error ("{\"low\": {\"resolution_min\": 600000}}", CG_VALIDATION_ERROR_BAD_VALUE, "525600");
  expect_policy_error ("{\"low\": {\"business_hours\": \"yes\"}}", CG_VALIDATION_ERROR_WRONG_TYPE,
                       "business_hours");

  /* Bad hours reject the whole policy set. */
  g_clear_pointer (&policies, cg_sla_policies_unref);
  policies = cg_sla_policies_new_from_settings (NULL, bad_hours, &error);
  g_assert_null (policies);
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE);
}

/* ---------------------------------------------------------------- clock */

static void
test_running_boundaries (void)
{
  g_autoptr(CgSlaPolicies) policies = cg_sla_policies_new_default ();
  g_autoptr(JsonObject) kase = new_case ("urgent", "2026-03-02T10:00:00Z", policies);
  CgSlaClock clocks[CG_SLA_N_TARGETS];

  /* Urgent: first response 15 min = 900 s, due 10:15:00; 80% = 720 s. */
  g_assert_cmpint (sla_time (kase, "first_response_due"), ==, T ("2026-03-02T10:15:00Z"));
  g_assert_cmpint (sla_time (kase, "resolution_due"), ==, T ("2026-03-02T14:00:00Z"));
  g_assert_cmpstr (cg_json_get_string (cg_json_get_object (kase, "sla"), "policy"), ==, "urgent");
  g_assert_cmpint (sla_int (kase, "paused_total_s"), ==, 0);

  /* 10:11:59: 719 s elapsed, 719 × 5 = 3595 < 900 × 4 = 3600: ok. */
  expect (kase, policies, T ("2026-03-02T10:11:59Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_OK, 719, 181);
  /* 10:12:00: 720 s, exactly 80%: warning. */
  expect (kase, policies, T ("2026-03-02T10:12:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_WARNING, 720, 180);
  /* 10:15:00: the due second itself is not a breach (a reply now meets it). */
  expect (kase, policies, T ("2026-03-02T10:15:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_WARNING, 900, 0);
  /* 10:15:01: breached, 1 s over. */
  expect (kase, policies, T ("2026-03-02T10:15:01Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_BREACHED, 901, -1);
  /* Resolution at 10:15:01: 901 of 14400 s, ok. */
  expect (kase, policies, T ("2026-03-02T10:15:01Z"), CG_SLA_RESOLUTION, CG_SLA_STATE_OK, 901, 13499);

  g_assert_true (cg_sla_evaluate (kase, policies, T ("2026-03-02T10:15:01Z"), clocks));
  g_assert_cmpint (clocks[CG_SLA_FIRST_RESPONSE].due, ==, T ("2026-03-02T10:15:00Z"));
  g_assert_cmpint (clocks[CG_SLA_FIRST_RESPONSE].outcome_at, ==, T ("2026-03-02T10:15:00Z"));
  g_assert_cmpint (clocks[CG_SLA_FIRST_RESPONSE].completed_at, ==, CG_SLA_NO_TIME);
  g_assert_cmpint (clocks[CG_SLA_RESOLUTION].outcome_at, ==, CG_SLA_NO_TIME);
}

static void
test_met_boundary (void)
{
  g_autoptr(CgSlaPolicies) policies = cg_sla_policies_new_default ();
  g_autoptr(JsonObject) on_time = new_case ("urgent", "2026-03-02T10:00:00Z", policies);
  g_autoptr(JsonObject) late = new_case ("urgent", "2026-03-02T10:00:00Z", policies);
  CgSlaClock clocks[CG_SLA_N_TARGETS];

  /* A reply at the due second meets the target; one second later does not. */
  reply (on_time, T ("2026-03-02T10:15:00Z"));
  expect (on_time, policies, T ("2026-03-02T18:00:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_MET, 900, 0);
  g_assert_true (cg_sla_evaluate (on_time, policies, T ("2026-03-02T18:00:00Z"), clocks));
  g_assert_cmpint (clocks[CG_SLA_FIRST_RESPONSE].outcome_at, ==, T ("2026-03-02T10:15:00Z"));

  reply (late, T ("2026-03-02T10:15:01Z"));
  expect (late, policies, T ("2026-03-02T18:00:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_MET_LATE, 901, -1);
  g_assert_true (cg_sla_evaluate (late, policies, T ("2026-03-02T18:00:00Z"), clocks));
  /* Settled when it was breached, at the due time. */
  g_assert_cmpint (clocks[CG_SLA_FIRST_RESPONSE].outcome_at, ==, T ("2026-03-02T10:15:00Z"));
  g_assert_cmpint (clocks[CG_SLA_FIRST_RESPONSE].completed_at, ==, T ("2026-03-02T10:15:01Z"));

  /* Without stored due times the same due is computed. */
  json_object_remove_member (late, "sla");
  expect (late, policies, T ("2026-03-02T18:00:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_MET_LATE, 901, -1);
}

static void
test_pause (void)
{
  g_autoptr(CgSlaPolicies) policies = cg_sla_policies_new_default ();
  g_autoptr(JsonObject) kase = new_case ("urgent", "2026-03-02T10:00:00Z", policies);
  CgSlaClock clocks[CG_SLA_N_TARGETS];

  /* Waiting for the customer from 10:05: 300 s counted. */
  move (kase, policies, "pending_customer", T ("2026-03-02T10:05:00Z"));
  g_assert_cmpint (sla_time (kase, "paused_at"), ==, T ("2026-03-02T10:05:00Z"));

  /* At 11:00 (past the unpaused due of 10:15) the clock still shows 300 s. */
  expect (kase, policies, T ("2026-03-02T11:00:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_PAUSED, 300, 600);
  expect (kase, policies, T ("2026-03-02T11:00:00Z"), CG_SLA_RESOLUTION, CG_SLA_STATE_PAUSED, 300, 14100);
  g_assert_true (cg_sla_evaluate (kase, policies, T ("2026-03-02T11:00:00Z"), clocks));
  g_assert_cmpint (clocks[CG_SLA_FIRST_RESPONSE].due, ==, CG_SLA_NO_TIME);
  g_assert_cmpint (clocks[CG_SLA_FIRST_RESPONSE].outcome_at, ==, CG_SLA_NO_TIME);

  /* Back at 12:05: paused 2 h = 7200 s; due times move by 2 h:
   * 10:15 → 12:15, 14:00 → 16:00. */
  move (kase, policies, "open", T ("2026-03-02T12:05:00Z"));
  g_assert_false (json_object_has_member (cg_json_get_object (kase, "sla"), "paused_at"));
  g_assert_cmpint (sla_int (kase, "paused_total_s"), ==, 7200);
  g_assert_false (json_object_has_member (cg_json_get_object (kase, "sla"), "paused_business_s"));
  g_assert_cmpint (sla_time (kase, "first_response_due"), ==, T ("2026-03-02T12:15:00Z"));
  g_assert_cmpint (sla_time (kase, "resolution_due"), ==, T ("2026-03-02T16:00:00Z"));

  /* 12:10: 10:00–10:05 + 12:05–12:10 = 600 s; 3000 < 3600: ok. */
  expect (kase, policies, T ("2026-03-02T12:10:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_OK, 600, 300);
  /* 12:13: 780 s ≥ 720: warning. */
  expect (kase, policies, T ("2026-03-02T12:13:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_WARNING, 780, 120);
  /* 12:15:01: breached. */
  expect (kase, policies, T ("2026-03-02T12:15:01Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_BREACHED, 901, -1);

  /* A second pause adds up: 12:20–12:50 = 1800 s → 9000 s in all. */
  move (kase, policies, "pending_customer", T ("2026-03-02T12:20:00Z"));
  move (kase, policies, "open", T ("2026-03-02T12:50:00Z"));
  g_assert_cmpint (sla_int (kase, "paused_total_s"), ==, 9000);
  g_assert_cmpint (sla_time (kase, "resolution_due"), ==, T ("2026-03-02T16:30:00Z"));
}

static void
test_pause_after_first_response (void)
{
  g_autoptr(CgSlaPolicies) policies = cg_sla_policies_new_default ();
  g_autoptr(JsonObject) kase = new_case ("urgent", "2026-03-02T10:00:00Z", policies);

  /* Answered at 10:10 (600 s, met), then waiting 10:20–15:20. */
  reply (kase, T ("2026-03-02T10:10:00Z"));
  move (kase, policies, "pending_customer", T ("2026-03-02T10:20:00Z"));
  move (kase, policies, "open", T ("2026-03-02T15:20:00Z"));

  /* The settled first response keeps its due time; resolution moves 5 h:
   * 14:00 → 19:00. */
  g_assert_cmpint (sla_time (kase, "first_response_due"), ==, T ("2026-03-02T10:15:00Z"));
  g_assert_cmpint (sla_time (kase, "resolution_due"), ==, T ("2026-03-02T19:00:00Z"));
  expect (kase, policies, T ("2026-03-02T18:00:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_MET, 600, 300);
  /* 18:00: 10:00–10:20 (20 min) + 15:20–18:00 (160 min) = 180 min = 10800 s;
   * 10800 × 5 = 54000 < 14400 × 4 = 57600: ok. */
  expect (kase, policies, T ("2026-03-02T18:00:00Z"), CG_SLA_RESOLUTION, CG_SLA_STATE_OK, 10800, 3600);
}

static void
test_late_before_pause (void)
{
  g_autoptr(CgSlaPolicies) policies = cg_sla_policies_new_default ();
  g_autoptr(JsonObject) kase = new_case ("urgent", "2026-03-02T10:00:00Z", policies);
  CgSlaClock clocks[CG_SLA_N_TARGETS];

  /* No reply by 10:15; put on hold at 10:20: the breach stands while paused
   * (20 min = 1200 s counted, 300 over). */
  move (kase, policies, "pending_customer", T ("2026-03-02T10:20:00Z"));
  expect (kase, policies, T ("2026-03-02T10:30:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_BREACHED, 1200, -300);
  g_assert_true (cg_sla_evaluate (kase, policies, T ("2026-03-02T10:30:00Z"), clocks));
  g_assert_cmpint (clocks[CG_SLA_FIRST_RESPONSE].outcome_at, ==, T ("2026-03-02T10:15:00Z"));

  /* Answered during the pause (10:40): late, counted at 10:20 when the clock
   * stopped. */
  reply (kase, T ("2026-03-02T10:40:00Z"));
  expect (kase, policies, T ("2026-03-02T10:50:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_MET_LATE, 1200, -300);

  /* Resumed at 11:20: the late answer's due time does not move; the
   * resolution's moves by the hour: 14:00 → 15:00. */
  move (kase, policies, "open", T ("2026-03-02T11:20:00Z"));
  g_assert_cmpint (sla_time (kase, "first_response_due"), ==, T ("2026-03-02T10:15:00Z"));
  g_assert_cmpint (sla_time (kase, "resolution_due"), ==, T ("2026-03-02T15:00:00Z"));
  g_assert_true (cg_sla_evaluate (kase, policies, T ("2026-03-02T12:00:00Z"), clocks));
  g_assert_cmpstr (cg_sla_state_to_string (clocks[CG_SLA_FIRST_RESPONSE].state), ==, "met_late");
  g_assert_cmpint (clocks[CG_SLA_FIRST_RESPONSE].outcome_at, ==, T ("2026-03-02T10:15:00Z"));
}

static void
test_answered_during_pause (void)
{
  g_autoptr(CgSlaPolicies) policies = cg_sla_policies_new_default ();
  g_autoptr(JsonObject) kase = new_case ("urgent", "2026-03-02T10:00:00Z", policies);
  CgSlaClock clocks[CG_SLA_N_TARGETS];

  /* On hold at 10:05 (300 s counted), answered at 10:30, back at 11:05. */
  move (kase, policies, "pending_customer", T ("2026-03-02T10:05:00Z"));
  reply (kase, T ("2026-03-02T10:30:00Z"));
  /* During the pause: counted up to 10:05, so met with 600 s to spare. */
  expect (kase, policies, T ("2026-03-02T10:45:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_MET, 300, 600);

  /* After it: the due time moved by the hour (10:15 → 11:15), so the
   * 10:30 answer stays met. */
  move (kase, policies, "open", T ("2026-03-02T11:05:00Z"));
  g_assert_cmpint (sla_time (kase, "first_response_due"), ==, T ("2026-03-02T11:15:00Z"));
  g_assert_true (cg_sla_evaluate (kase, policies, T ("2026-03-02T12:00:00Z"), clocks));
  g_assert_cmpstr (cg_sla_state_to_string (clocks[CG_SLA_FIRST_RESPONSE].state), ==, "met");
  g_assert_cmpint (clocks[CG_SLA_FIRST_RESPONSE].outcome_at, ==, T ("2026-03-02T10:30:00Z"));
}

static void
test_resolve_and_reopen (void)
{
  g_autoptr(CgSlaPolicies) policies = cg_sla_policies_new_default ();
  g_autoptr(JsonObject) kase = new_case ("urgent", "2026-03-02T10:00:00Z", policies);
  CgSlaClock clocks[CG_SLA_N_TARGETS];

  reply (kase, T ("2026-03-02T10:05:00Z"));
  /* Resolved at 11:00: 3600 of 14400 s, met; the clock stops. */
  move (kase, policies, "resolved", T ("2026-03-02T11:00:00Z"));
  g_assert_cmpint (sla_time (kase, "paused_at"), ==, T ("2026-03-02T11:00:00Z"));
  expect (kase, policies, T ("2026-03-02T12:00:00Z"), CG_SLA_RESOLUTION, CG_SLA_STATE_MET, 3600, 10800);
  g_assert_true (cg_sla_evaluate (kase, policies, T ("2026-03-02T12:00:00Z"), clocks));
  g_assert_cmpint (clocks[CG_SLA_RESOLUTION].outcome_at, ==, T ("2026-03-02T11:00:00Z"));

  /* Reopened at 13:00: the 2 h it sat resolved do not count against the
   * team (7200 s paused); the resolution due moves 14:00 → 16:00; the
   * first response (10:05, before the stop) keeps 10:15. */
  move (kase, policies, "open", T ("2026-03-02T13:00:00Z"));
  g_assert_cmpint (sla_int (kase, "paused_total_s"), ==, 7200);
  g_assert_cmpint (sla_time (kase, "resolution_due"), ==, T ("2026-03-02T16:00:00Z"));
  g_assert_cmpint (sla_time (kase, "first_response_due"), ==, T ("2026-03-02T10:15:00Z"));
  /* 15:00: 10:00–11:00 + 13:00–15:00 = 3 h = 10800 s: ok (54000 < 57600). */
  expect (kase, policies, T ("2026-03-02T15:00:00Z"), CG_SLA_RESOLUTION, CG_SLA_STATE_OK, 10800, 3600);
  /* 15:12: 11520 s, 11520 × 5 = 57600 = 14400 × 4: warning. */
  expect (kase, policies, T ("2026-03-02T15:12:00Z"), CG_SLA_RESOLUTION, CG_SLA_STATE_WARNING, 11520, 2880);
  expect (kase, policies, T ("2026-03-02T15:12:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_MET, 300, 600);

  /* Resolved again at 15:30: met; closing ends the clock for good. */
  move (kase, policies, "resolved", T ("2026-03-02T15:30:00Z"));
  expect (kase, policies, T ("2026-03-02T17:00:00Z"), CG_SLA_RESOLUTION, CG_SLA_STATE_MET, 12600, 1800);
  move (kase, policies, "closed", T ("2026-03-03T09:00:00Z"));
  g_assert_false (json_object_has_member (cg_json_get_object (kase, "sla"), "paused_at"));
  g_assert_cmpint (sla_int (kase, "paused_total_s"), ==, 7200);
  expect (kase, policies, T ("2026-03-04T00:00:00Z"), CG_SLA_RESOLUTION, CG_SLA_STATE_MET, 12600, 1800);
}

static void
test_resolved_without_reply (void)
{
  g_autoptr(CgSlaPolicies) policies = cg_sla_policies_new_default ();
  g_autoptr(JsonObject) quick = new_case ("urgent", "2026-03-02T10:00:00Z", policies);
  g_autoptr(JsonObject) slow = new_case ("urgent", "2026-03-02T10:00:00Z", policies);
  g_autoptr(JsonObject) reopened = NULL;

  /* Resolved at the counter at 10:10 with no written reply: the resolution
   * answers the customer, first response met at 600 s. */
  move (quick, policies, "resolved", T ("2026-03-02T10:10:00Z"));
  expect (quick, policies, T ("2026-03-02T12:00:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_MET, 600, 300);
  /* At 10:20: 1200 s, late. */
  move (slow, policies, "resolved", T ("2026-03-02T10:20:00Z"));
  expect (slow, policies, T ("2026-03-02T12:00:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_MET_LATE, 1200, -300);

  /* Reopened at 11:10 with still no reply: the first response is open
   * again, its clock resumed where it stopped (600 s) and moved by the hour
   * (due 11:15): at 11:12, 720 s, warning. */
  move (quick, policies, "open", T ("2026-03-02T11:10:00Z"));
  g_assert_cmpint (sla_time (quick, "first_response_due"), ==, T ("2026-03-02T11:15:00Z"));
  expect (quick, policies, T ("2026-03-02T11:12:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_WARNING, 720, 180);

  /* Resolved by an older client (no paused_at): the stop is taken from
   * resolved_at. Resolved 10:10, reopened 12:10: 2 h paused. */
  reopened = new_case ("urgent", "2026-03-02T10:00:00Z", policies);
  json_object_set_string_member (reopened, "status", "resolved");
  json_object_set_string_member (reopened, "resolved_at", "2026-03-02T10:10:00Z");
  move (reopened, policies, "open", T ("2026-03-02T12:10:00Z"));
  g_assert_cmpint (sla_int (reopened, "paused_total_s"), ==, 7200);
  g_assert_cmpint (sla_time (reopened, "resolution_due"), ==, T ("2026-03-02T16:00:00Z"));
}

static void
test_pending_to_resolved (void)
{
  g_autoptr(CgSlaPolicies) policies = cg_sla_policies_new_default ();
  g_autoptr(JsonObject) kase = new_case ("urgent", "2026-03-02T10:00:00Z", policies);

  /* Answered 10:05, waiting from 10:30, resolved straight from the wait at
   * 16:30 (the answer came with the customer): 6 h = 21600 s paused,
   * resolution due 14:00 → 20:00, 30 min counted (10:00–10:30): met. */
  reply (kase, T ("2026-03-02T10:05:00Z"));
  move (kase, policies, "pending_customer", T ("2026-03-02T10:30:00Z"));
  move (kase, policies, "resolved", T ("2026-03-02T16:30:00Z"));
  g_assert_cmpint (sla_int (kase, "paused_total_s"), ==, 21600);
  g_assert_cmpint (sla_time (kase, "resolution_due"), ==, T ("2026-03-02T20:00:00Z"));
  g_assert_cmpint (sla_time (kase, "paused_at"), ==, T ("2026-03-02T16:30:00Z"));
  expect (kase, policies, T ("2026-03-02T17:00:00Z"), CG_SLA_RESOLUTION, CG_SLA_STATE_MET, 1800, 12600);
}

/* Mon–Fri 10:00–22:00, Sat 10:00–18:00, Sun closed. */
#define SEOUL_HOURS \
  "{\"tz\": \"Asia/Seoul\", \"mon\": [\"10:00\",\"22:00\"], \"tue\": [\"10:00\",\"22:00\"]," \
  " \"wed\": [\"10:00\",\"22:00\"], \"thu\": [\"10:00\",\"22:00\"], \"fri\": [\"10:00\",\"22:00\"]," \
  " \"sat\": [\"10:00\",\"18:00\"]}"

static void
test_business_hours (void)
{
  g_autoptr(JsonObject) hours = cg_test_json (SEOUL_HOURS);
  g_autoptr(JsonObject) sla = cg_test_json ("{\"urgent\": {\"business_hours\": false}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(CgSlaPolicies) policies = cg_sla_policies_new_from_settings (sla, hours, &error);
  g_autoptr(JsonObject) normal = NULL;
  g_autoptr(JsonObject) closing = NULL;
  g_autoptr(JsonObject) urgent = NULL;
  g_autoptr(JsonObject) high = NULL;

  g_assert_no_error (error);

  /* Normal, first response 240 business min, opened Fri 20:00 KST:
   * Fri 20–22 (120) + Sat 10–12 (120) → due Sat 12:00 KST. */
  normal = new_case ("normal", "2026-11-20T20:00:00+09:00", policies);
  g_assert_cmpint (sla_time (normal, "first_response_due"), ==, T ("2026-11-21T12:00:00+09:00"));
  /* Sat 09:00 KST, before opening: 2 h counted (7200 s), 36000 < 57600: ok. */
  expect (normal, policies, T ("2026-11-21T09:00:00+09:00"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_OK, 7200, 7200);
  /* Sat 11:12: 7200 + 4320 = 11520 s = 80%: warning. */
  expect (normal, policies, T ("2026-11-21T11:12:00+09:00"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_WARNING,
          11520, 2880);
  expect (normal, policies, T ("2026-11-21T12:00:01+09:00"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_BREACHED,
          14401, -1);

  /* Due exactly at closing time: normal opened Fri 18:00 → Fri 22:00. At
   * 22:00 not yet breached; at 23:00 breached although no business time
   * has passed since (0 s over on the business clock). */
  closing = new_case ("normal", "2026-11-20T18:00:00+09:00", policies);
  g_assert_cmpint (sla_time (closing, "first_response_due"), ==, T ("2026-11-20T22:00:00+09:00"));
  expect (closing, policies, T ("2026-11-20T22:00:00+09:00"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_WARNING,
          14400, 0);
  expect (closing, policies, T ("2026-11-20T23:00:00+09:00"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_BREACHED,
          14400, 0);

  /* Urgent counts round the clock here: due 15 min after Fri 21:58. */
  urgent = new_case ("urgent", "2026-11-20T21:58:00+09:00", policies);
  g_assert_cmpint (sla_time (urgent, "first_response_due"), ==, T ("2026-11-20T22:13:00+09:00"));

  /* High (60 business min), opened Fri 21:30 KST: due Fri 21:30–22:00 (30)
   * + Sat 10:00–10:30 (30) → Sat 10:30. On hold Fri 21:40 (10 min
   * counted) to Mon 10:00: wall 60 h 20 min = 217200 s; business
   * Fri 21:40–22:00 (1200) + Sat 10–18 (28800) = 30000 s. The due moves
   * by 30000 business s from Sat 10:30: Sat 10:30–18:00 = 27000, Mon
   * 10:00 + 3000 s → Mon 10:50. Check: 60 + 500 business min from Fri
   * 21:30 = 30 (Fri) + 480 (Sat) + 50 (Mon) → Mon 10:50. */
  high = new_case ("high", "2026-11-20T21:30:00+09:00", policies);
  g_assert_cmpint (sla_time (high, "first_response_due"), ==, T ("2026-11-21T10:30:00+09:00"));
  move (high, policies, "pending_customer", T ("2026-11-20T21:40:00+09:00"));
  expect (high, policies, T ("2026-11-22T12:00:00+09:00"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_PAUSED, 600, 3000);
  move (high, policies, "open", T ("2026-11-23T10:00:00+09:00"));
  g_assert_cmpint (sla_int (high, "paused_total_s"), ==, 217200);
  g_assert_cmpint (sla_int (high, "paused_business_s"), ==, 30000);
  g_assert_cmpint (sla_time (high, "first_response_due"), ==, T ("2026-11-23T10:50:00+09:00"));
  /* Mon 10:20: Fri 21:30–21:40 + Mon 10:00–10:20 = 30 min = 1800 s. */
  expect (high, policies, T ("2026-11-23T10:20:00+09:00"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_OK, 1800, 1800);

  /* Recomputing from first principles gives the same due time. */
  json_object_remove_member (cg_json_get_object (high, "sla"), "first_response_due");
  g_assert_true (cg_sla_apply_policy (high, policies));
  g_assert_cmpint (sla_time (high, "first_response_due"), ==, T ("2026-11-23T10:50:00+09:00"));
}

static void
test_priority_change (void)
{
  g_autoptr(CgSlaPolicies) policies = cg_sla_policies_new_default ();
  g_autoptr(JsonObject) kase = new_case ("normal", "2026-03-02T10:00:00Z", policies);
  g_autoptr(JsonObject) answered = new_case ("normal", "2026-03-02T10:00:00Z", policies);

  /* Normal: 240 / 1440 min → 14:00 and the next day 10:00. */
  g_assert_cmpint (sla_time (kase, "first_response_due"), ==, T ("2026-03-02T14:00:00Z"));
  g_assert_cmpint (sla_time (kase, "resolution_due"), ==, T ("2026-03-03T10:00:00Z"));

  /* On hold 10:30–11:30 (1 h), then raised to urgent: 10:00 + 15 min +
   * 1 h = 11:15; 10:00 + 240 min + 1 h = 15:00. */
  move (kase, policies, "pending_customer", T ("2026-03-02T10:30:00Z"));
  move (kase, policies, "open", T ("2026-03-02T11:30:00Z"));
  json_object_set_string_member (kase, "priority", "urgent");
  g_assert_true (cg_sla_apply_policy (kase, policies));
  g_assert_cmpstr (cg_json_get_string (cg_json_get_object (kase, "sla"), "policy"), ==, "urgent");
  g_assert_cmpint (sla_time (kase, "first_response_due"), ==, T ("2026-03-02T11:15:00Z"));
  g_assert_cmpint (sla_time (kase, "resolution_due"), ==, T ("2026-03-02T15:00:00Z"));
  /* 11:40: 30 + 10 min = 2400 s of 900: breached. */
  expect (kase, policies, T ("2026-03-02T11:40:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_BREACHED, 2400, -1500);

  /* A settled first response keeps its due time and outcome: answered at
   * 10:30 under normal (met), then raised to urgent. */
  reply (answered, T ("2026-03-02T10:30:00Z"));
  json_object_set_string_member (answered, "priority", "urgent");
  g_assert_true (cg_sla_apply_policy (answered, policies));
  g_assert_cmpint (sla_time (answered, "first_response_due"), ==, T ("2026-03-02T14:00:00Z"));
  g_assert_cmpint (sla_time (answered, "resolution_due"), ==, T ("2026-03-02T14:00:00Z"));
}

static void
test_unusable_case (void)
{
  g_autoptr(CgSlaPolicies) policies = cg_sla_policies_new_default ();
  g_autoptr(JsonObject) broken = cg_test_json ("{\"type\": \"case\", \"status\": \"open\", \"created_at\": \"yesterday\"}");
  g_autoptr(JsonObject) kase = new_case ("low", "2026-03-02T10:00:00Z", policies);
  CgSlaClock clocks[CG_SLA_N_TARGETS];

  g_assert_false (cg_sla_evaluate (broken, policies, T ("2026-03-02T10:00:00Z"), clocks));
  g_assert_cmpstr (cg_sla_state_to_string (clocks[CG_SLA_FIRST_RESPONSE].state), ==, "none");
  g_assert_cmpstr (cg_sla_state_to_string (clocks[CG_SLA_RESOLUTION].state), ==, "none");
  g_assert_false (cg_sla_update_for_status (broken, "pending_customer", policies, 0));
  g_assert_false (cg_sla_apply_policy (broken, policies));
  g_assert_false (json_object_has_member (broken, "sla"));

  /* Same status: nothing to do. open → escalated: the clock runs on. */
  g_assert_false (cg_sla_update_for_status (kase, "open", policies, T ("2026-03-02T11:00:00Z")));
  g_assert_true (cg_sla_update_for_status (kase, "escalated", policies, T ("2026-03-02T11:00:00Z")));
  g_assert_false (json_object_has_member (cg_json_get_object (kase, "sla"), "paused_at"));

  /* pending_customer written without paused_at: frozen at "now". */
  json_object_set_string_member (kase, "status", "pending_customer");
  expect (kase, NULL, T ("2026-03-02T11:00:00Z"), CG_SLA_FIRST_RESPONSE, CG_SLA_STATE_PAUSED, 3600, 82800);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sla/policies", test_policies);
  g_test_add_func ("/sla/running-boundaries", test_running_boundaries);
  g_test_add_func ("/sla/met-boundary", test_met_boundary);
  g_test_add_func ("/sla/pause", test_pause);
  g_test_add_func ("/sla/pause-after-first-response", test_pause_after_first_response);
  g_test_add_func ("/sla/late-before-pause", test_late_before_pause);
  g_test_add_func ("/sla/answered-during-pause", test_answered_during_pause);
  g_test_add_func ("/sla/resolve-and-reopen", test_resolve_and_reopen);
  g_test_add_func ("/sla/resolved-without-reply", test_resolved_without_reply);
  g_test_add_func ("/sla/pending-to-resolved", test_pending_to_resolved);
  g_test_add_func ("/sla/business-hours", test_business_hours);
  g_test_add_func ("/sla/priority-change", test_priority_change);
  g_test_add_func ("/sla/unusable-case", test_unusable_case);
  return g_test_run ();
}
