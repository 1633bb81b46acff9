/* test-case-format.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the cases pages say, without a display: priorities, channels,
 * the status buttons, durations and every kind of SLA badge.
 */
#include "config.h"

#include "cg-case-format.h"

static CgSlaClock
clock_of (CgSlaState state,
          gint64     target_s,
          gint64     left_s,
          gint64     due)
{
  CgSlaClock clock = { state, target_s, target_s - left_s, left_s, due, CG_SLA_NO_TIME, CG_SLA_NO_TIME };
  return clock;
}

static void
expect_badge (CgSlaClock  clock,
              gint64      now,
              const char *text,
              const char *style)
{
  const char *style_class = NULL;
  g_autofree char *badge = cg_case_format_sla_badge (&clock, now, &style_class);

  g_assert_cmpstr (badge, ==, text);
  g_assert_cmpstr (style_class, ==, style);
}

static void
test_words (void)
{
  g_assert_cmpstr (cg_case_format_priority ("urgent"), ==, "Urgent");
  g_assert_cmpstr (cg_case_format_priority ("low"), ==, "Low");
  g_assert_cmpstr (cg_case_format_priority ("someday"), ==, "someday");
  g_assert_cmpstr (cg_case_format_channel ("kiosk"), ==, "Kiosk");
  g_assert_cmpstr (cg_case_format_channel ("email"), ==, "E-mail");

  g_assert_cmpstr (cg_case_format_status_action ("new", "open"), ==, "Start");
  g_assert_cmpstr (cg_case_format_status_action ("open", "pending_customer"), ==, "Wait for Customer");
  g_assert_cmpstr (cg_case_format_status_action ("open", "escalated"), ==, "Escalate");
  g_assert_cmpstr (cg_case_format_status_action ("open", "resolved"), ==, "Resolve");
  g_assert_cmpstr (cg_case_format_status_action ("resolved", "closed"), ==, "Close");
  g_assert_cmpstr (cg_case_format_status_action ("resolved", "open"), ==, "Reopen");
  g_assert_cmpstr (cg_case_format_status_action ("pending_customer", "open"), ==, "Resume");
  /* Every move the workflow allows has a button label. */
  {
    const char *statuses[] = { "new", "open", "pending_customer", "escalated", "resolved", "closed" };
    for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
      for (const char * const *next = cg_validate_next_statuses ("case", statuses[i]); *next; next++)
        g_assert_cmpstr (cg_case_format_status_action (statuses[i], *next), !=, "");
  }

  {
    g_autofree char *facts = cg_case_format_facts ("pending_customer", "urgent", "return", "counter");
    g_autofree char *some = cg_case_format_facts ("open", NULL, "", "web");
    g_assert_cmpstr (facts, ==, "Waiting for customer · Urgent · Return · Counter");
    g_assert_cmpstr (some, ==, "Open · Web");
  }
  g_assert_cmpstr (cg_category_get_label ("product_question"), ==, "Product question");
  g_assert_cmpstr (cg_category_get_label ("unheard_of"), ==, "unheard_of");
  g_assert_cmpint (cg_categories_find ("other"), ==, (int) cg_categories_get_n () - 1);
}

static void
test_durations (void)
{
  struct { gint64 seconds; const char *text; } cases[] = {
    { 0, "1 min" }, { 1, "1 min" }, { 59, "1 min" }, { 60, "1 min" }, { 61, "2 min" },
    { 45 * 60, "45 min" }, { 3600, "1 h" }, { 2 * 3600 + 10 * 60, "2 h 10 min" },
    { 24 * 3600, "1 d" }, { 3 * 86400 + 4 * 3600, "3 d 4 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cg_case_format_duration (cases[i].seconds);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_badges (void)
{
  gint64 now = 1800000000;

  expect_badge (clock_of (CG_SLA_STATE_OK, 4 * 3600, 2 * 3600 + 10 * 60, now + 7800), now, "2 h 10 min left", "accent");
  expect_badge (clock_of (CG_SLA_STATE_WARNING, 3600, 12 * 60, now + 720), now, "Due in 12 min", "warning");
  expect_badge (clock_of (CG_SLA_STATE_BREACHED, 3600, 0, now - 35 * 60), now, "Breached 35 min ago", "error");
  expect_badge (clock_of (CG_SLA_STATE_PAUSED, 3600, 1800, CG_SLA_NO_TIME), now, "Paused", "dim-label");
  expect_badge (clock_of (CG_SLA_STATE_MET, 3600, 1800, now - 100), now, "Met", "success");
  expect_badge (clock_of (CG_SLA_STATE_MET_LATE, 3600, -60, now - 100), now, "Met late", "error");
  expect_badge (clock_of (CG_SLA_STATE_NONE, 0, 0, CG_SLA_NO_TIME), now, "No SLA", "dim-label");
}

static void
test_note_header_and_count (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 20, 12, 0, 0);
  g_autofree char *internal = cg_case_format_note_header ("internal", "Kim Jisoo", "2026-11-20T09:05:00Z", now);
  g_autofree char *reply = cg_case_format_note_header ("customer", NULL, "2026-11-20T09:05:00Z", now);
  g_autofree char *some = cg_case_format_count (50, 1234);
  g_autofree char *all = cg_case_format_count (3, 3);
  g_autofree char *one = cg_case_format_count (1, 1);

  g_assert_true (g_str_has_prefix (internal, "Internal note · Kim Jisoo · "));
  g_assert_true (g_str_has_prefix (reply, "Reply to customer · "));
  g_assert_cmpstr (some, ==, "Showing 50 of 1,234 cases");
  g_assert_cmpstr (all, ==, "3 cases");
  g_assert_cmpstr (one, ==, "1 case");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case-format/words", test_words);
  g_test_add_func ("/case-format/durations", test_durations);
  g_test_add_func ("/case-format/badges", test_badges);
  g_test_add_func ("/case-format/note-header-and-count", test_note_header_and_count);

  return g_test_run ();
}
