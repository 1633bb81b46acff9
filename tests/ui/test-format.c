/* test-format.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the pages show, without a display: the words for codes, money,
 * times, timeline titles, profile lines and the window's states. Runs in
 * the C locale (LANG=C.UTF-8, TZ=UTC from the test environment), so the
 * English source strings are what is compared.
 */
#include "config.h"

#include <locale.h>

#include "cg-format.h"
#include "cg-view-state.h"

static void
test_count (void)
{
  static const struct { gint64 value; const char *text; } cases[] = {
    { 0, "0" },
    { 7, "7" },
    { 999, "999" },
    { 1000, "1,000" },
    { 12345, "12,345" },
    { 128000, "128,000" },
    { 1000000, "1,000,000" },
    { -4500, "-4,500" },
    { G_MAXINT64, "9,223,372,036,854,775,807" },
    { G_MININT64, "-9,223,372,036,854,775,808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cg_format_count (cases[i].value);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_money (void)
{
  static const struct { gint64 amount; const char *currency; const char *text; } cases[] = {
    { 128000, "KRW", "₩128,000" },
    { 0, "KRW", "₩0" },
    { 999, "KRW", "₩999" },
    { 1234567, "KRW", "₩1,234,567" },
    { -5000, "KRW", "-₩5,000" },
    { 128000, NULL, "₩128,000" },      /* KRW when the currency is missing */
    { 1200, "JPY", "¥1,200" },
    { 1234, "USD", "$12.34" },
    { 500, "EUR", "€5.00" },
    { 123456789, "USD", "$1,234,567.89" },
    { 1205, "CHF", "12.05 CHF" },      /* unknown symbol: code after */
    { -5, "USD", "-$0.05" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cg_format_money (cases[i].amount, cases[i].currency);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_statuses (void)
{
  g_assert_cmpstr (cg_format_order_status ("placed"), ==, "Placed");
  g_assert_cmpstr (cg_format_order_status ("ready_for_pickup"), ==, "Ready for pickup");
  g_assert_cmpstr (cg_format_order_status ("picked_up"), ==, "Picked up");
  g_assert_cmpstr (cg_format_order_status ("cancelled"), ==, "Cancelled");
  g_assert_cmpstr (cg_format_order_status ("returned"), ==, "Returned");
  g_assert_cmpstr (cg_format_order_status ("partially_returned"), ==, "Partially returned");

  g_assert_cmpstr (cg_format_case_status ("new"), ==, "New");
  g_assert_cmpstr (cg_format_case_status ("open"), ==, "Open");
  g_assert_cmpstr (cg_format_case_status ("pending_customer"), ==, "Waiting for customer");
  g_assert_cmpstr (cg_format_case_status ("escalated"), ==, "Escalated");
  g_assert_cmpstr (cg_format_case_status ("resolved"), ==, "Resolved");
  g_assert_cmpstr (cg_format_case_status ("closed"), ==, "Closed");

  g_assert_cmpstr (cg_format_checkin_status ("waiting"), ==, "Waiting");
  g_assert_cmpstr (cg_format_checkin_status ("called"), ==, "Called");
  g_assert_cmpstr (cg_format_checkin_status ("serving"), ==, "Being served");
  g_assert_cmpstr (cg_format_checkin_status ("done"), ==, "Done");
  g_assert_cmpstr (cg_format_checkin_status ("no_show"), ==, "No-show");

  g_assert_cmpstr (cg_format_checkin_reason ("help"), ==, "Help");
  g_assert_cmpstr (cg_format_checkin_reason ("pickup"), ==, "Pickup");
  g_assert_cmpstr (cg_format_checkin_reason ("return"), ==, "Return");
  g_assert_cmpstr (cg_format_checkin_reason ("other"), ==, "Other");

  g_assert_cmpstr (cg_format_note_visibility ("internal"), ==, "internal");
  g_assert_cmpstr (cg_format_note_visibility ("customer"), ==, "to customer");
  g_assert_cmpstr (cg_format_language ("ko"), ==, "Korean");
  g_assert_cmpstr (cg_format_language ("en"), ==, "English");
  g_assert_cmpstr (cg_format_channel ("sms"), ==, "Text message (SMS)");
  g_assert_cmpstr (cg_format_channel ("none"), ==, "Do not contact");
  g_assert_cmpstr (cg_format_tier ("gold"), ==, "Gold");
  g_assert_cmpstr (cg_format_tier ("vip"), ==, "VIP");

  /* A code from a newer peer is shown as it is rather than hidden. */
  g_assert_cmpstr (cg_format_order_status ("lost_in_transit"), ==, "lost_in_transit");
  g_assert_cmpstr (cg_format_case_status ("on_hold"), ==, "on_hold");
  g_assert_cmpstr (cg_format_tier ("diamond"), ==, "diamond");
  g_assert_cmpstr (cg_format_case_status (NULL), ==, "");
}

static void
test_times (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 22, 16, 0, 0);
  static const struct { const char *at; const char *text; } cases[] = {
    { "2026-11-22T07:11:34Z", "Today, 07:11" },
    { "2026-11-22T00:00:00Z", "Today, 00:00" },
    { "2026-11-21T23:59:59Z", "Yesterday, 23:59" },
    { "2026-11-20T09:05:00Z", "Nov 20, 09:05" },
    { "2026-03-01T10:00:00Z", "Mar 1, 10:00" },
    { "2025-12-31T18:30:00Z", "Dec 31 2025, 18:30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cg_format_time (cases[i].at, now);
      g_assert_cmpstr (text, ==, cases[i].text);
    }

  g_assert_null (cg_format_time (NULL, now));
  g_assert_null (cg_format_time ("", now));
  g_assert_null (cg_format_time ("yesterday", now));

  {
    g_autofree char *text = cg_format_time_long ("2026-03-01T10:00:05Z");
    g_assert_cmpstr (text, ==, "Sunday, March 1 2026, 10:00:05");
  }
}

static void
test_feedback_scores (void)
{
  static const struct { const char *detail; const char *text; } cases[] = {
    { "csat=4 nps=9", "CSAT 4/5 · NPS 9" },
    { "csat=5", "CSAT 5/5" },
    { "nps=0", "NPS 0" },
    { "csat=9", NULL },         /* out of range: not shown as a score */
    { "nps=11", NULL },
    { "garbage", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cg_format_feedback_scores (cases[i].detail);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_timeline_titles (void)
{
  static const struct {
    const char *kind, *title, *detail, *status;
    gboolean has_amount;
    gint64 amount;
    const char *currency;
    const char *expected;
  } cases[] = {
    { "order", "W24001234", "Down jacket", "ready_for_pickup", TRUE, 128000, "KRW",
      "Order W24001234 · ₩128,000 · Ready for pickup" },
    { "order", "W24001235", NULL, "picked_up", FALSE, 0, NULL,
      "Order W24001235 · Picked up" },
    { "order", "W1", NULL, NULL, FALSE, 0, NULL, "Order W1" },
    { "case", "Broken zipper", "0421-C1-000123", "open", FALSE, 0, NULL,
      "Case 0421-C1-000123: Broken zipper · Open" },
    { "case", "Refund", "0421-C1-000124", "pending_customer", FALSE, 0, NULL,
      "Case 0421-C1-000124: Refund · Waiting for customer" },
    { "note", "Customer will come back on Friday", "internal", NULL, FALSE, 0, NULL,
      "Note (internal): Customer will come back on Friday" },
    { "note", "Your parcel is ready", "customer", NULL, FALSE, 0, NULL,
      "Note (to customer): Your parcel is ready" },
    { "visit", "K1-042", "pickup", "done", FALSE, 0, NULL,
      "Visit K1-042 · Pickup · Done" },
    { "visit", "K1-043", "help", "no_show", FALSE, 0, NULL,
      "Visit K1-043 · Help · No-show" },
    { "feedback", "comment", "csat=4 nps=9", NULL, TRUE, 4, NULL,
      "Feedback: CSAT 4/5 · NPS 9 · comment" },
    { "feedback", NULL, "nps=10", NULL, FALSE, 0, NULL,
      "Feedback: NPS 10" },
    { "feedback", "친절했어요", NULL, NULL, FALSE, 0, NULL,
      "Feedback: 친절했어요" },
    { "feedback", NULL, NULL, NULL, FALSE, 0, NULL, "Feedback" },
    { "something_new", "Title", NULL, NULL, FALSE, 0, NULL, "Title" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cg_format_timeline_title (cases[i].kind, cases[i].title,
                                                        cases[i].detail, cases[i].status,
                                                        cases[i].has_amount, cases[i].amount,
                                                        cases[i].currency);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  g_assert_cmpstr (cg_format_timeline_icon ("order"), ==, "package-x-generic-symbolic");
  g_assert_cmpstr (cg_format_timeline_icon ("case"), ==, "system-help-symbolic");
  g_assert_cmpstr (cg_format_timeline_icon ("note"), ==, "document-edit-symbolic");
  g_assert_cmpstr (cg_format_timeline_icon ("visit"), ==, "emoji-people-symbolic");
  g_assert_cmpstr (cg_format_timeline_icon ("feedback"), ==, "starred-symbolic");
  g_assert_cmpstr (cg_format_timeline_icon ("unknown"), ==, "document-open-recent-symbolic");
}

static JsonObject *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = cg_json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (object);
  return object;
}

static void
test_profile (void)
{
  g_autoptr(JsonObject) customer = parse (
    "{\"_id\": \"customer:1\", \"type\": \"customer\", \"name\": \"김민준\","
    " \"phones\": [\"+821012345678\", \"+8221234567\"],"
    " \"emails\": [\"minjun.kim@example.com\"],"
    " \"preferred_channel\": \"sms\", \"language\": \"ko\", \"tier\": \"gold\","
    " \"consent\": {\"marketing\": false, \"data_processing\": true, \"at\": \"2025-03-04T09:00:00Z\"},"
    " \"created_at\": \"2025-03-04T09:00:00Z\", \"updated_at\": \"2026-01-01T00:00:00Z\"}");
  g_autoptr(JsonObject) bare = parse (
    "{\"_id\": \"customer:2\", \"type\": \"customer\", \"name\": \"Emily Carter\","
    " \"created_at\": \"2026-11-01T09:00:00Z\", \"updated_at\": \"2026-11-01T09:00:00Z\"}");
  static const struct { CgProfileGroup group; const char *label, *value; } expected[] = {
    { CG_PROFILE_GROUP_CONTACT, "Phone", "010-1234-5678" },
    { CG_PROFILE_GROUP_CONTACT, "Phone", "02-123-4567" },
    { CG_PROFILE_GROUP_CONTACT, "E-mail", "minjun.kim@example.com" },
    { CG_PROFILE_GROUP_DETAILS, "Preferred channel", "Text message (SMS)" },
    { CG_PROFILE_GROUP_DETAILS, "Language", "Korean" },
    { CG_PROFILE_GROUP_DETAILS, "Tier", "Gold" },
    { CG_PROFILE_GROUP_DETAILS, "Consent", "Data processing only, no marketing (since Mar 2025)" },
  };
  g_autoptr(GPtrArray) lines = cg_profile_lines (customer);
  g_autoptr(GPtrArray) bare_lines = cg_profile_lines (bare);
  g_autofree char *headline = cg_profile_headline (customer);
  const CgProfileLine *line;

  g_assert_cmpuint (lines->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < lines->len; i++)
    {
      line = g_ptr_array_index (lines, i);
      g_assert_cmpint (line->group, ==, expected[i].group);
      g_assert_cmpstr (line->label, ==, expected[i].label);
      g_assert_cmpstr (line->value, ==, expected[i].value);
    }
  g_assert_cmpstr (headline, ==, "Gold · Korean · Customer since Mar 2025");

  {
    g_autofree char *bare_headline = cg_profile_headline (bare);
    g_autoptr(JsonObject) nameless = parse ("{\"name\": \"X\"}");
    g_autofree char *none = cg_profile_headline (nameless);

    g_assert_cmpstr (bare_headline, ==, "Customer since Nov 2026");
    g_assert_null (none);
  }

  /* Nothing but a name: only the consent line, which says so. */
  g_assert_cmpuint (bare_lines->len, ==, 1);
  line = g_ptr_array_index (bare_lines, 0);
  g_assert_cmpstr (line->label, ==, "Consent");
  g_assert_cmpstr (line->value, ==, "Not recorded");
}

static void
test_window_states (void)
{
  g_autofree char *caption = NULL;
  g_autofree char *progress = NULL;

  g_assert_cmpint (cg_window_view_for (FALSE, FALSE, FALSE), ==, CG_WINDOW_VIEW_ERROR);
  g_assert_cmpint (cg_window_view_for (FALSE, TRUE, TRUE), ==, CG_WINDOW_VIEW_ERROR);
  g_assert_cmpint (cg_window_view_for (TRUE, FALSE, FALSE), ==, CG_WINDOW_VIEW_EMPTY);
  g_assert_cmpint (cg_window_view_for (TRUE, TRUE, FALSE), ==, CG_WINDOW_VIEW_LOADING);
  g_assert_cmpint (cg_window_view_for (TRUE, TRUE, TRUE), ==, CG_WINDOW_VIEW_LOADING);
  g_assert_cmpint (cg_window_view_for (TRUE, FALSE, TRUE), ==, CG_WINDOW_VIEW_WORKSPACE);

  g_assert_cmpint (cg_results_view_for (NULL, 0), ==, CG_RESULTS_VIEW_PROMPT);
  g_assert_cmpint (cg_results_view_for ("", 0), ==, CG_RESULTS_VIEW_PROMPT);
  g_assert_cmpint (cg_results_view_for ("   ", 0), ==, CG_RESULTS_VIEW_PROMPT);
  g_assert_cmpint (cg_results_view_for ("민준", 0), ==, CG_RESULTS_VIEW_NONE_FOUND);
  g_assert_cmpint (cg_results_view_for ("민준", 3), ==, CG_RESULTS_VIEW_LIST);

  g_assert_cmpint (cg_content_view_for (NULL, FALSE), ==, CG_CONTENT_VIEW_PROMPT);
  g_assert_cmpint (cg_content_view_for (" ", FALSE), ==, CG_CONTENT_VIEW_PROMPT);
  g_assert_cmpint (cg_content_view_for ("kim", FALSE), ==, CG_CONTENT_VIEW_NONE_SELECTED);
  g_assert_cmpint (cg_content_view_for ("kim", TRUE), ==, CG_CONTENT_VIEW_CUSTOMER);
  g_assert_cmpint (cg_content_view_for ("", TRUE), ==, CG_CONTENT_VIEW_CUSTOMER);
  g_assert_false (cg_results_pane_visible (CG_CONTENT_VIEW_PROMPT));
  g_assert_true (cg_results_pane_visible (CG_CONTENT_VIEW_NONE_SELECTED));
  g_assert_true (cg_results_pane_visible (CG_CONTENT_VIEW_CUSTOMER));

  g_assert_null (cg_results_caption (0, 1000));
  caption = cg_results_caption (1, 1000);
  g_assert_cmpstr (caption, ==, "1 match");
  g_clear_pointer (&caption, g_free);
  caption = cg_results_caption (999, 1000);
  g_assert_cmpstr (caption, ==, "999 matches");
  g_assert_false (cg_results_truncated (999, 1000));
  g_clear_pointer (&caption, g_free);
  caption = cg_results_caption (1000, 1000);
  g_assert_cmpstr (caption, ==, "Showing the first 1,000 matches — type more to narrow down");
  g_assert_true (cg_results_truncated (1000, 1000));

  progress = cg_demo_progress_text (1234, 2000);
  g_assert_cmpstr (progress, ==, "1,234 of 2,000 customers");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/count", test_count);
  g_test_add_func ("/format/money", test_money);
  g_test_add_func ("/format/statuses", test_statuses);
  g_test_add_func ("/format/times", test_times);
  g_test_add_func ("/format/feedback-scores", test_feedback_scores);
  g_test_add_func ("/format/timeline-titles", test_timeline_titles);
  g_test_add_func ("/format/profile", test_profile);
  g_test_add_func ("/view-state/window", test_window_states);

  return g_test_run ();
}
