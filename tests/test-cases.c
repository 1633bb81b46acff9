/* test-cases.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cases through the domain API, with the SLA clock wired in: workflow
 * transitions, the clock pausing in pending_customer and resuming,
 * business hours, assignment and priority, the csat_request queued on
 * resolve, and the case lists (filters, order, "breaching soon"),
 * checked on hand-made cases and against a brute-force evaluation of a
 * demo store.
 *
 * Default targets: urgent 15/240 min, high 60/480, normal 240/1440,
 * low 1440/4320. 2026-11-20 is a Friday; Seoul is UTC+9.
 */
#include "config.h"

#include <string.h>

#include "cg-demo.h"
#include "cg-test-util.h"

#define MINUTE 60
#define HOUR 3600

static gint64
T (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static gint64
doc_time (JsonObject *doc,
          const char *member)
{
  const char *text = cg_json_get_string (doc, member);

  return text != NULL ? T (text) : CG_SLA_NO_TIME;
}

static JsonObject *
get (CgStore    *store,
     const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *doc = cg_store_get (store, id, FALSE, &error);

  g_assert_no_error (error);
  return doc;
}

static char *
new_case_at (CgStore    *store,
             const char *customer_id,
             const char *priority,
             const char *subject,
             gint64      now)
{
  g_autoptr(GError) error = NULL;
  CgCaseDraft draft = { .customer_id = customer_id, .channel = "counter", .category = "return",
                        .subject = subject, .description = "Box open, not used",
                        .priority = priority, .created_by = "staff:0421-01" };
  char *id = cg_case_create_at (store, &draft, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static void
move (CgStore    *store,
      const char *id,
      const char *status,
      const char *resolution,
      gint64      now)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_case_set_status_at (store, id, status, "staff:0421-01", resolution, now, &error));
  g_assert_no_error (error);
}

static CgSlaState
state_of (CgStore     *store,
          const char  *id,
          CgSlaTarget  target,
          gint64       now,
          gint64      *left_s)
{
  g_autoptr(JsonObject) doc = get (store, id);
  CgSlaClock clocks[CG_SLA_N_TARGETS];

  g_assert_true (cg_sla_evaluate (doc, cg_case_get_sla_policies (store), now, clocks));
  if (left_s != NULL)
    *left_s = clocks[target].left_s;
  return clocks[target].state;
}

/* --------------------------------------------------------------- workflow */

static void
test_workflow (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  gint64 t0 = T ("2026-11-20T01:00:00Z");
  g_autofree char *id = new_case_at (store, NULL, "normal", "Zipper broken", t0);
  static const char * const never[][2] = {
    { "new", "resolved" }, { "new", "pending_customer" }, { "new", "closed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (never); i++)
    {
      g_assert_false (cg_case_set_status_at (store, id, never[i][1], "staff:1", "x", t0, &error));
      g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION);
      g_clear_error (&error);
    }
  /* The buttons of the case page come from the same table. */
  g_assert_cmpstr (cg_validate_next_statuses ("case", "new")[0], ==, "open");
  g_assert_null (cg_validate_next_statuses ("case", "new")[1]);
  g_assert_null (cg_validate_next_statuses ("case", "closed")[0]);

  move (store, id, "open", NULL, t0 + MINUTE);
  move (store, id, "escalated", NULL, t0 + 2 * MINUTE);
  move (store, id, "open", NULL, t0 + 3 * MINUTE);
  move (store, id, "pending_customer", NULL, t0 + 4 * MINUTE);
  move (store, id, "open", NULL, t0 + 5 * MINUTE);
  move (store, id, "resolved", "Repaired", t0 + 6 * MINUTE);
  move (store, id, "open", NULL, t0 + 7 * MINUTE);           /* reopen */
  move (store, id, "resolved", "Repaired again", t0 + 8 * MINUTE);
  move (store, id, "closed", NULL, t0 + 9 * MINUTE);
  g_assert_false (cg_case_set_status_at (store, id, "open", "staff:1", NULL, t0 + 10 * MINUTE, &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION);

  doc = get (store, id);
  g_assert_cmpstr (cg_json_get_string (doc, "status"), ==, "closed");
  g_assert_cmpint (json_object_get_int_member (doc, "reopened_count"), ==, 1);
  g_assert_cmpstr (cg_json_get_string (doc, "resolution"), ==, "Repaired again");
  g_assert_cmpint (doc_time (doc, "resolved_at"), ==, t0 + 8 * MINUTE);
  /* Who and where: the last change. */
  g_assert_cmpstr (cg_json_get_string (doc, "updated_by"), ==, "staff:0421-01");
  g_assert_nonnull (cg_json_get_string (doc, "updated_device"));
  g_assert_cmpint (doc_time (doc, "updated_at"), ==, t0 + 9 * MINUTE);
  /* Closed: the clock will not run again. */
  g_assert_null (cg_json_get_string (cg_json_get_object (doc, "sla"), "paused_at"));
}

/* ------------------------------------------------------------ SLA wiring */

static void
test_sla_pause_resume (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *note = NULL;
  gint64 t0 = T ("2026-11-20T01:00:00Z");
  g_autofree char *id = new_case_at (store, NULL, "high", "Screen flickers", t0);   /* 60 / 480 min */
  gint64 left;

  doc = get (store, id);
  g_assert_cmpint (doc_time (cg_json_get_object (doc, "sla"), "first_response_due"), ==, t0 + 60 * MINUTE);
  g_assert_cmpint (doc_time (cg_json_get_object (doc, "sla"), "resolution_due"), ==, t0 + 480 * MINUTE);
  g_clear_pointer (&doc, json_object_unref);

  move (store, id, "open", NULL, t0 + 10 * MINUTE);
  /* 50 minutes used: 83% → warning. */
  g_assert_cmpint (state_of (store, id, CG_SLA_FIRST_RESPONSE, t0 + 50 * MINUTE, &left), ==, CG_SLA_STATE_WARNING);
  g_assert_cmpint (left, ==, 10 * MINUTE);

  /* Waiting for the customer from minute 20 to minute 80: paused. */
  move (store, id, "pending_customer", NULL, t0 + 20 * MINUTE);
  g_assert_cmpint (state_of (store, id, CG_SLA_FIRST_RESPONSE, t0 + 70 * MINUTE, &left), ==, CG_SLA_STATE_PAUSED);
  g_assert_cmpint (left, ==, 40 * MINUTE);
  move (store, id, "open", NULL, t0 + 80 * MINUTE);
  doc = get (store, id);
  g_assert_cmpint (doc_time (cg_json_get_object (doc, "sla"), "first_response_due"), ==, t0 + 120 * MINUTE);
  g_assert_cmpint (doc_time (cg_json_get_object (doc, "sla"), "resolution_due"), ==, t0 + 540 * MINUTE);
  g_assert_null (cg_json_get_string (cg_json_get_object (doc, "sla"), "paused_at"));
  g_clear_pointer (&doc, json_object_unref);
  /* Running again: at minute 90, 30 of 60 minutes are used. */
  g_assert_cmpint (state_of (store, id, CG_SLA_FIRST_RESPONSE, t0 + 90 * MINUTE, &left), ==, CG_SLA_STATE_OK);
  g_assert_cmpint (left, ==, 30 * MINUTE);

  /* An internal note is not a response; a customer-visible one is. */
  g_free (cg_case_add_note_at (store, id, "staff:0421-01", "internal", "Asked the warehouse", t0 + 95 * MINUTE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (store, id, CG_SLA_FIRST_RESPONSE, t0 + 96 * MINUTE, NULL), ==, CG_SLA_STATE_OK);
  note = cg_case_add_note_at (store, id, "staff:0421-01", "customer", "A new screen arrives Monday.", t0 + 100 * MINUTE, &error);
  g_assert_no_error (error);
  doc = get (store, id);
  g_assert_cmpint (doc_time (doc, "first_response_at"), ==, t0 + 100 * MINUTE);
  g_clear_pointer (&doc, json_object_unref);
  g_assert_cmpint (state_of (store, id, CG_SLA_FIRST_RESPONSE, t0 + 200 * MINUTE, NULL), ==, CG_SLA_STATE_MET);
  /* A second reply does not move the first response. */
  g_free (cg_case_add_note_at (store, id, "staff:0421-01", "customer", "It is here.", t0 + 300 * MINUTE, &error));
  doc = get (store, id);
  g_assert_cmpint (doc_time (doc, "first_response_at"), ==, t0 + 100 * MINUTE);
  g_clear_pointer (&doc, json_object_unref);

  /* Resolved at minute 500 (due 540): met; reopened 100 minutes later,
   * the resolution clock resumes where it stopped: 450 of 480 minutes
   * used (60 paused waiting, 100 resolved), a warning. */
  move (store, id, "resolved", "Screen replaced", t0 + 500 * MINUTE);
  g_assert_cmpint (state_of (store, id, CG_SLA_RESOLUTION, t0 + 550 * MINUTE, NULL), ==, CG_SLA_STATE_MET);
  move (store, id, "open", NULL, t0 + 600 * MINUTE);
  g_assert_cmpint (state_of (store, id, CG_SLA_RESOLUTION, t0 + 610 * MINUTE, &left), ==, CG_SLA_STATE_WARNING);
  g_assert_cmpint (left, ==, 30 * MINUTE);
  g_assert_cmpint (state_of (store, id, CG_SLA_RESOLUTION, t0 + 641 * MINUTE, NULL), ==, CG_SLA_STATE_BREACHED);
}

static void
test_sla_business_hours (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) hours = cg_test_json (
    "{\"tz\": \"Asia/Seoul\", \"mon\": [\"10:00\",\"18:00\"], \"tue\": [\"10:00\",\"18:00\"],"
    " \"wed\": [\"10:00\",\"18:00\"], \"thu\": [\"10:00\",\"18:00\"], \"fri\": [\"10:00\",\"18:00\"]}");
  g_autoptr(JsonObject) sla = cg_test_json ("{\"urgent\": {\"business_hours\": false}}");
  g_autoptr(CgSlaPolicies) policies = cg_sla_policies_new_from_settings (sla, hours, &error);
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *normal = NULL, *urgent = NULL;
  /* Friday 17:00 in Seoul. */
  gint64 t0 = T ("2026-11-20T08:00:00Z");
  gint64 left;

  g_assert_no_error (error);
  cg_case_set_sla_policies (store, policies);
  g_assert_true (cg_case_get_sla_policies (store) == policies);

  /* Normal, 240 business minutes: 1 h on Friday, 3 h on Monday → Monday
   * 13:00 Seoul. Urgent counts wall time: 17:15. */
  normal = new_case_at (store, NULL, "normal", "Receipt copy", t0);
  urgent = new_case_at (store, NULL, "urgent", "Card charged twice", t0);
  doc = get (store, normal);
  g_assert_cmpint (doc_time (cg_json_get_object (doc, "sla"), "first_response_due"), ==, T ("2026-11-23T04:00:00Z"));
  g_clear_pointer (&doc, json_object_unref);
  doc = get (store, urgent);
  g_assert_cmpint (doc_time (cg_json_get_object (doc, "sla"), "first_response_due"), ==, t0 + 15 * MINUTE);
  g_clear_pointer (&doc, json_object_unref);

  /* Over the weekend the normal case's clock does not move. */
  g_assert_cmpint (state_of (store, normal, CG_SLA_FIRST_RESPONSE, T ("2026-11-22T05:00:00Z"), &left), ==, CG_SLA_STATE_OK);
  g_assert_cmpint (left, ==, 180 * MINUTE);

  /* Paused from Friday 17:30 to Monday 11:00 Seoul: 30 + 60 business
   * minutes; the due time moves by them (Monday 14:30). */
  move (store, normal, "open", NULL, t0 + 10 * MINUTE);
  move (store, normal, "pending_customer", NULL, t0 + 30 * MINUTE);
  move (store, normal, "open", NULL, T ("2026-11-23T02:00:00Z"));
  doc = get (store, normal);
  g_assert_cmpint (doc_time (cg_json_get_object (doc, "sla"), "first_response_due"), ==, T ("2026-11-23T05:30:00Z"));
  g_clear_pointer (&doc, json_object_unref);
  g_assert_cmpint (state_of (store, normal, CG_SLA_FIRST_RESPONSE, T ("2026-11-23T02:00:00Z"), &left), ==, CG_SLA_STATE_OK);
  g_assert_cmpint (left, ==, 210 * MINUTE);

  cg_case_set_sla_policies (store, NULL);
  g_assert_true (cg_case_get_sla_policies (store) != policies);
}

/* ------------------------------------------------ assignment, priority */

static void
test_assign_and_priority (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = NULL;
  gint64 t0 = g_get_real_time () / G_USEC_PER_SEC - 5 * MINUTE;
  g_autofree char *id = new_case_at (store, NULL, "low", "Restock date", t0);

  g_assert_true (cg_case_assign (store, id, "staff:0421-02", "staff:0421-09", &error));
  g_assert_no_error (error);
  doc = get (store, id);
  g_assert_cmpstr (cg_json_get_string (doc, "assignee"), ==, "staff:0421-02");
  g_assert_cmpstr (cg_json_get_string (doc, "updated_by"), ==, "staff:0421-09");
  g_assert_nonnull (cg_json_get_string (doc, "updated_device"));
  g_clear_pointer (&doc, json_object_unref);

  g_assert_true (cg_case_assign (store, id, NULL, "staff:0421-09", &error));
  doc = get (store, id);
  g_assert_false (json_object_has_member (doc, "assignee"));
  g_clear_pointer (&doc, json_object_unref);

  /* Low → urgent: 1440 → 15 minutes; 5 used, 10 left. */
  g_assert_true (cg_case_set_priority (store, id, "urgent", "staff:0421-09", &error));
  g_assert_no_error (error);
  doc = get (store, id);
  g_assert_cmpstr (cg_json_get_string (doc, "priority"), ==, "urgent");
  g_assert_cmpstr (cg_json_get_string (cg_json_get_object (doc, "sla"), "policy"), ==, "urgent");
  g_assert_cmpint (doc_time (cg_json_get_object (doc, "sla"), "first_response_due"), ==, t0 + 15 * MINUTE);
  g_assert_cmpint (doc_time (cg_json_get_object (doc, "sla"), "resolution_due"), ==, t0 + 240 * MINUTE);
  g_clear_pointer (&doc, json_object_unref);

  g_assert_false (cg_case_set_priority (store, id, "whenever", "staff:0421-09", &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (cg_case_assign (store, "case:nope", "staff:1", "staff:1", &error));
  g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_NOT_FOUND);
}

/* ------------------------------------------------------------------ CSAT */

typedef struct {
  CgStore   *store;
  GPtrArray *docs;
} Collect;

static gboolean
collect_doc (const char *id,
             const char *rev,
             gint64      seq,
             gpointer    user_data)
{
  Collect *collect = user_data;

  g_ptr_array_add (collect->docs, cg_store_get (collect->store, id, FALSE, NULL));
  return TRUE;
}

static GPtrArray *
notifications (CgStore *store)
{
  Collect collect = { store, g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref) };

  cg_store_foreach_document (store, "notification", collect_doc, &collect);
  return collect.docs;
}

static guint
count_notifications (CgStore    *store,
                     const char *template_name)
{
  g_autoptr(GPtrArray) docs = notifications (store);
  guint n = 0;

  for (guint i = 0; i < docs->len; i++)
    if (g_strcmp0 (cg_json_get_string (g_ptr_array_index (docs, i), "template"), template_name) == 0)
      n++;
  return n;
}

static void
test_csat_on_resolve (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queued = NULL;
  g_autoptr(JsonObject) kase = NULL;
  g_autofree char *customer = cg_customer_create (store, "Kim Jisoo", "010-1111-2222", NULL, "en", &error);
  gint64 t0 = T ("2026-11-20T01:00:00Z");
  g_autofree char *id = new_case_at (store, customer, "normal", "Refund missing", t0);
  g_autofree char *anonymous = new_case_at (store, NULL, "normal", "Walk-in question", t0);
  JsonObject *notification, *params;

  g_assert_no_error (error);
  move (store, id, "open", NULL, t0 + MINUTE);
  g_assert_cmpuint (count_notifications (store, "csat_request"), ==, 0);
  move (store, id, "resolved", "Refund sent", t0 + 2 * MINUTE);

  queued = notifications (store);
  g_assert_cmpuint (queued->len, ==, 1);
  notification = g_ptr_array_index (queued, 0);
  kase = get (store, id);
  params = cg_json_get_object (notification, "params");
  g_assert_cmpstr (cg_json_get_string (notification, "template"), ==, "csat_request");
  g_assert_cmpstr (cg_json_get_string (notification, "to"), ==, "+821011112222");
  g_assert_cmpstr (cg_json_get_string (notification, "locale"), ==, "en");
  g_assert_cmpstr (cg_json_get_string (params, "case_number"), ==, cg_json_get_string (kase, "number"));

  /* No customer to ask: resolving still works, nothing is queued. Closing
   * queues nothing either. */
  move (store, anonymous, "open", NULL, t0 + MINUTE);
  move (store, anonymous, "resolved", "Answered", t0 + 2 * MINUTE);
  move (store, id, "closed", NULL, t0 + 3 * MINUTE);
  g_assert_cmpuint (count_notifications (store, "csat_request"), ==, 1);
}

/* ----------------------------------------------------------------- lists */

static GPtrArray *
query (CgStore            *store,
       const char * const *statuses,
       const char         *assignee,
       const char         *priority,
       gboolean            breaching_soon,
       gint64              now,
       guint               limit,
       guint              *total)
{
  g_autoptr(GError) error = NULL;
  CgCaseQuery q = { statuses, assignee, priority, breaching_soon, now, limit };
  GPtrArray *result = cg_case_list_query (store, &q, total, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static gboolean
contains (GPtrArray  *summaries,
          const char *id)
{
  for (guint i = 0; i < summaries->len; i++)
    if (g_str_equal (cg_case_summary_get_id (g_ptr_array_index (summaries, i)), id))
      return TRUE;
  return FALSE;
}

static void
test_list_filters (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = cg_customer_create (store, "Lee Minho", "010-3333-4444", NULL, "ko", &error);
  gint64 now = T ("2026-11-20T12:00:00Z");
  /* urgent 13 min old: 87% of 15 min → warning */
  g_autofree char *warn = new_case_at (store, customer, "urgent", "Charged twice", now - 13 * MINUTE);
  /* high 2 h old, no reply: first response breached */
  g_autofree char *late = new_case_at (store, NULL, "high", "Delivery late", now - 2 * HOUR);
  /* normal 10 min old: fine */
  g_autofree char *fresh = new_case_at (store, NULL, "normal", "Exchange size", now - 10 * MINUTE);
  /* high 2 h old, answered in time, resolution 25% used: fine */
  g_autofree char *answered = new_case_at (store, NULL, "high", "Warranty", now - 2 * HOUR);
  /* urgent, waiting for the customer since 5 minutes in: paused */
  g_autofree char *waiting = new_case_at (store, NULL, "urgent", "Photo needed", now - 13 * MINUTE);
  /* resolved and closed: not in the default list */
  g_autofree char *done = new_case_at (store, NULL, "low", "Receipt", now - 3 * HOUR);
  const char * const resolved_only[] = { "resolved", NULL };
  g_autoptr(GPtrArray) all = NULL, mine = NULL, unassigned = NULL, urgent = NULL, risky = NULL, top = NULL, res = NULL;
  CgCaseSummary *first;
  guint total = 0;

  move (store, answered, "open", NULL, now - 2 * HOUR + MINUTE);
  g_free (cg_case_add_note_at (store, answered, "staff:0421-02", "customer", "On it", now - 2 * HOUR + 2 * MINUTE, &error));
  g_assert_no_error (error);
  g_assert_true (cg_case_assign (store, answered, "staff:0421-02", "staff:0421-09", &error));
  g_assert_true (cg_case_assign (store, late, "staff:0421-03", "staff:0421-09", &error));
  move (store, waiting, "open", NULL, now - 12 * MINUTE);
  move (store, waiting, "pending_customer", NULL, now - 8 * MINUTE);
  move (store, done, "open", NULL, now - 2 * HOUR);
  move (store, done, "resolved", "Sent", now - HOUR);

  /* Default: the open statuses, nearest due first. */
  all = query (store, NULL, NULL, NULL, FALSE, now, 0, &total);
  g_assert_cmpuint (all->len, ==, 5);
  g_assert_cmpuint (total, ==, 5);
  g_assert_false (contains (all, done));
  /* late's first response was due an hour ago: first. */
  g_assert_cmpstr (cg_case_summary_get_id (g_ptr_array_index (all, 0)), ==, late);
  g_assert_cmpstr (cg_case_summary_get_id (g_ptr_array_index (all, 1)), ==, warn);
  first = g_ptr_array_index (all, 1);
  g_assert_cmpstr (cg_case_summary_get_customer_name (first), ==, "Lee Minho");
  g_assert_cmpstr (cg_case_summary_get_priority (first), ==, "urgent");
  g_assert_cmpint (cg_case_summary_get_sla (first, CG_SLA_FIRST_RESPONSE)->state, ==, CG_SLA_STATE_WARNING);
  g_assert_cmpint (cg_case_summary_get_sla (first, CG_SLA_FIRST_RESPONSE)->left_s, ==, 2 * MINUTE);
  g_assert_cmpint (cg_case_summary_get_badge_target (first), ==, CG_SLA_FIRST_RESPONSE);
  for (guint i = 0; i < all->len; i++)
    {
      CgCaseSummary *s = g_ptr_array_index (all, i);
      if (g_str_equal (cg_case_summary_get_id (s), answered))
        g_assert_cmpint (cg_case_summary_get_badge_target (s), ==, CG_SLA_RESOLUTION);
      if (g_str_equal (cg_case_summary_get_id (s), waiting))
        g_assert_cmpint (cg_case_summary_get_sla (s, CG_SLA_FIRST_RESPONSE)->state, ==, CG_SLA_STATE_PAUSED);
    }

  mine = query (store, NULL, "staff:0421-02", NULL, FALSE, now, 0, &total);
  g_assert_cmpuint (mine->len, ==, 1);
  g_assert_true (contains (mine, answered));
  unassigned = query (store, NULL, CG_CASE_LIST_UNASSIGNED, NULL, FALSE, now, 0, &total);
  g_assert_cmpuint (unassigned->len, ==, 3);
  g_assert_false (contains (unassigned, answered));
  g_assert_false (contains (unassigned, late));
  urgent = query (store, NULL, NULL, "urgent", FALSE, now, 0, &total);
  g_assert_cmpuint (urgent->len, ==, 2);
  g_assert_true (contains (urgent, warn) && contains (urgent, waiting));

  /* Breaching soon: the warning and the breach; not the fresh, the
   * answered or the paused one. */
  risky = query (store, NULL, NULL, NULL, TRUE, now, 0, &total);
  g_assert_cmpuint (risky->len, ==, 2);
  g_assert_cmpuint (total, ==, 2);
  g_assert_true (contains (risky, warn));
  g_assert_true (contains (risky, late));
  g_assert_false (contains (risky, fresh) || contains (risky, answered) || contains (risky, waiting));

  /* Limit and total. */
  top = query (store, NULL, NULL, NULL, FALSE, now, 2, &total);
  g_assert_cmpuint (top->len, ==, 2);
  g_assert_cmpuint (total, ==, 5);

  res = query (store, resolved_only, NULL, NULL, FALSE, now, 0, &total);
  g_assert_cmpuint (res->len, ==, 1);
  g_assert_true (contains (res, done));
  g_assert_cmpint (cg_case_summary_get_sla (g_ptr_array_index (res, 0), CG_SLA_RESOLUTION)->state, ==, CG_SLA_STATE_MET);
}

/* The SQL pre-selection of "breaching soon" agrees with evaluating every
 * open case of a demo store, and the order is by the nearest open due. */

typedef struct {
  CgStore *store;
  gint64   now;
  guint    at_risk;
  guint    open;
} Brute;

static gboolean
brute_one (const char *id,
           const char *rev,
           gint64      seq,
           gpointer    user_data)
{
  Brute *brute = user_data;
  g_autoptr(JsonObject) doc = cg_store_get (brute->store, id, FALSE, NULL);
  const char *status = cg_json_get_string (doc, "status");
  CgSlaClock clocks[CG_SLA_N_TARGETS];

  if (!g_strv_contains (cg_case_list_open_statuses (), status))
    return TRUE;
  brute->open++;
  /* Paused cases are never "breaching soon": the clock is stopped. */
  if (g_str_equal (status, "pending_customer"))
    return TRUE;
  cg_sla_evaluate (doc, cg_case_get_sla_policies (brute->store), brute->now, clocks);
  for (guint t = 0; t < CG_SLA_N_TARGETS; t++)
    if (clocks[t].state == CG_SLA_STATE_WARNING || clocks[t].state == CG_SLA_STATE_BREACHED)
      {
        brute->at_risk++;
        break;
      }
  return TRUE;
}

static void
test_list_demo (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL, risky = NULL;
  CgDemoOptions options = { .customers = 1500, .seed = 7 };
  Brute brute = { store, g_get_real_time () / G_USEC_PER_SEC };
  guint total = 0, risky_total = 0;
  gint64 start;

  g_assert_true (cg_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  cg_store_foreach_document (store, "case", brute_one, &brute);

  start = g_get_monotonic_time ();
  all = query (store, NULL, NULL, NULL, FALSE, brute.now, 50, &total);
  /* Ordered by the nearest due time of a target not yet complete. */
  {
    g_autoptr(GPtrArray) everything = query (store, NULL, NULL, NULL, FALSE, brute.now, 100000, NULL);
    gint64 previous = G_MININT64;

    for (guint i = 0; i < everything->len; i++)
      {
        CgCaseSummary *s = g_ptr_array_index (everything, i);
        g_autoptr(JsonObject) doc = get (store, cg_case_summary_get_id (s));
        JsonObject *sla = cg_json_get_object (doc, "sla");
        gint64 key = doc_time (sla, cg_json_get_string (doc, "first_response_at") == NULL
                                    ? "first_response_due" : "resolution_due");
        g_assert_cmpint (key, >=, previous);
        previous = key;
        if (i < all->len)
          g_assert_cmpstr (cg_case_summary_get_id (s), ==, cg_case_summary_get_id (g_ptr_array_index (all, i)));
      }
  }
  g_test_message ("open cases: %u of %u listed in %.1f ms", all->len, total,
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (total, ==, brute.open);
  g_assert_cmpuint (all->len, ==, MIN (50, brute.open));

  risky = query (store, NULL, NULL, NULL, TRUE, brute.now, 100000, &risky_total);
  g_assert_cmpuint (risky->len, ==, brute.at_risk);
  g_assert_cmpuint (risky_total, ==, brute.at_risk);
  g_assert_cmpuint (brute.at_risk, >, 0);
  for (guint i = 0; i < risky->len; i++)
    {
      CgCaseSummary *s = g_ptr_array_index (risky, i);
      const CgSlaClock *fr = cg_case_summary_get_sla (s, CG_SLA_FIRST_RESPONSE);
      const CgSlaClock *res = cg_case_summary_get_sla (s, CG_SLA_RESOLUTION);
      g_assert_true (fr->state == CG_SLA_STATE_WARNING || fr->state == CG_SLA_STATE_BREACHED ||
                     res->state == CG_SLA_STATE_WARNING || res->state == CG_SLA_STATE_BREACHED);
    }
}

/* Timing on a bigger demo store: CHANGGU_CASES_BENCH=<customers>. */
static void
test_list_bench (void)
{
  const char *env = g_getenv ("CHANGGU_CASES_BENCH");
  g_autoptr(CgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CgDemoOptions options = { .customers = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 0, .seed = 1 };
  const char *path = g_getenv ("CHANGGU_CASES_BENCH_DB");
  const char * const resolved[] = { "resolved", NULL };
  struct { const char *name; const char * const *statuses; const char *assignee; const char *priority; gboolean risky; } cases[] = {
    { "open (default)", NULL, NULL, NULL, FALSE },
    { "open, unassigned", NULL, CG_CASE_LIST_UNASSIGNED, NULL, FALSE },
    { "open, urgent", NULL, NULL, "urgent", FALSE },
    { "breaching soon", NULL, NULL, NULL, TRUE },
    { "resolved", resolved, NULL, NULL, FALSE },
  };

  if (options.customers == 0)
    {
      g_test_skip ("set CHANGGU_CASES_BENCH=<customers> to measure");
      return;
    }
  if (path != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    store = cg_store_open (path, &error);
  else
    {
      store = path != NULL ? cg_store_open (path, &error) : cg_test_open_store (NULL);
      g_assert_true (cg_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
    }
  g_assert_no_error (error);
  g_print ("# cases: %u\n", (guint) cg_test_query_int (store, "SELECT count(*) FROM cases"));
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      gint64 best = G_MAXINT64;
      guint total = 0, n = 0;

      for (guint run = 0; run < 5; run++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(GPtrArray) list = query (store, cases[c].statuses, cases[c].assignee, cases[c].priority,
                                             cases[c].risky, 0, 50, &total);
          best = MIN (best, g_get_monotonic_time () - start);
          n = list->len;
        }
      g_print ("# %-18s %3u of %6u rows in %.1f ms\n", cases[c].name, n, total, best / 1000.0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cases/workflow", test_workflow);
  g_test_add_func ("/cases/sla-pause-resume", test_sla_pause_resume);
  g_test_add_func ("/cases/sla-business-hours", test_sla_business_hours);
  g_test_add_func ("/cases/assign-and-priority", test_assign_and_priority);
  g_test_add_func ("/cases/csat-on-resolve", test_csat_on_resolve);
  g_test_add_func ("/cases/list-filters", test_list_filters);
  g_test_add_func ("/cases/list-demo", test_list_demo);
  g_test_add_func ("/cases/list-bench", test_list_bench);

  return g_test_run ();
}
