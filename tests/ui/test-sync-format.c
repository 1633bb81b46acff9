/* test-sync-format.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the sync indicator says in each state, without a display.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cg-sync-format.h"
#include "cg-view-state.h"

#define NOW 1795000000   /* a fixed "now", Unix seconds */

static void
describe (const CgSyncView *view, CgSyncText *text)
{
  cg_sync_describe (view, text);
  g_assert_nonnull (text->icon_name);
  g_assert_nonnull (text->headline);
  g_assert_nonnull (text->details);
}

static void
test_states (void)
{
  CgSyncText text;

  {
    CgSyncView view = { .state = CG_SYNC_STATE_DISABLED, .now = NOW };
    describe (&view, &text);
    g_assert_cmpstr (text.headline, ==, "Not syncing");
    g_assert_false (text.can_sync_now);
    g_assert_null (text.badge);
    cg_sync_text_clear (&text);
  }
  {
    CgSyncView view = { .state = CG_SYNC_STATE_PULLING, .done = 1200, .total = 10000, .now = NOW,
                        .last_pull = NOW - 30, .last_push = 0 };
    describe (&view, &text);
    g_assert_cmpstr (text.headline, ==, "Receiving 1,200 of 10,000");
    g_assert_cmpfloat_with_epsilon (text.fraction, 0.12, 1e-9);
    g_assert_nonnull (strstr (text.details, "Last received: just now"));
    g_assert_nonnull (strstr (text.details, "Last sent: never"));
    cg_sync_text_clear (&text);
  }
  {
    CgSyncView view = { .state = CG_SYNC_STATE_OFFLINE, .pending = 7, .now = NOW, .next_retry = NOW + 42,
                        .error_message = "Cannot reach the server: Connection refused" };
    describe (&view, &text);
    g_assert_cmpstr (text.icon_name, ==, "network-offline-symbolic");
    g_assert_cmpstr (text.headline, ==, "Offline");
    g_assert_cmpstr (text.badge, ==, "7");
    g_assert_nonnull (strstr (text.details, "Connection refused"));
    g_assert_nonnull (strstr (text.details, "Trying again in 42 seconds."));
    g_assert_nonnull (strstr (text.details, "7 changes waiting to be sent"));
    g_assert_cmpfloat (text.fraction, <, 0);
    cg_sync_text_clear (&text);
  }
  {
    CgSyncView view = { .state = CG_SYNC_STATE_UP_TO_DATE, .conflicts = 2, .rejected = 1,
                        .last_rejection = "case:1: forbidden", .now = NOW,
                        .last_pull = NOW - 300, .last_push = NOW - 300 };
    describe (&view, &text);
    g_assert_cmpstr (text.headline, ==, "Up to date");
    g_assert_cmpstr (text.icon_name, ==, "dialog-warning-symbolic");   /* conflicts need a look */
    g_assert_nonnull (strstr (text.details, "2 records were changed on two devices"));
    g_assert_nonnull (strstr (text.details, "1 record was refused (case:1: forbidden)"));
    g_assert_nonnull (strstr (text.details, "5 minutes ago"));
    cg_sync_text_clear (&text);
  }
  {
    CgSyncView view = { .state = CG_SYNC_STATE_NEEDS_SETUP, .now = NOW,
                        .error_message = "The server refused this device’s credentials" };
    describe (&view, &text);
    g_assert_cmpstr (text.headline, ==, "Sync stopped");
    g_assert_nonnull (strstr (text.details, "provision it again"));
    g_assert_nonnull (strstr (text.details, "refused this device"));
    cg_sync_text_clear (&text);
  }
  {
    CgSyncView view = { .state = CG_SYNC_STATE_PUSHING, .done = 3, .total = 0, .now = NOW };
    describe (&view, &text);
    g_assert_cmpstr (text.headline, ==, "Sending changes");
    cg_sync_text_clear (&text);
  }
}

static void
test_first_sync_view (void)
{
  g_autofree char *a = cg_first_sync_progress_text (12000, 100000);
  g_autofree char *b = cg_first_sync_progress_text (5, 0);

  g_assert_cmpint (cg_window_view_with_sync (CG_WINDOW_VIEW_EMPTY, TRUE), ==, CG_WINDOW_VIEW_FIRST_SYNC);
  g_assert_cmpint (cg_window_view_with_sync (CG_WINDOW_VIEW_EMPTY, FALSE), ==, CG_WINDOW_VIEW_EMPTY);
  g_assert_cmpint (cg_window_view_with_sync (CG_WINDOW_VIEW_WORKSPACE, TRUE), ==, CG_WINDOW_VIEW_WORKSPACE);

  /* Customers' data needs someone signed in; setting up a device does not. */
  g_assert_cmpint (cg_window_view_with_session (CG_WINDOW_VIEW_WORKSPACE, FALSE), ==, CG_WINDOW_VIEW_SIGN_IN);
  g_assert_cmpint (cg_window_view_with_session (CG_WINDOW_VIEW_WORKSPACE, TRUE), ==, CG_WINDOW_VIEW_WORKSPACE);
  g_assert_cmpint (cg_window_view_with_session (CG_WINDOW_VIEW_EMPTY, FALSE), ==, CG_WINDOW_VIEW_EMPTY);
  g_assert_cmpint (cg_window_view_with_session (CG_WINDOW_VIEW_FIRST_SYNC, FALSE), ==, CG_WINDOW_VIEW_FIRST_SYNC);
  g_assert_cmpint (cg_window_view_with_session (CG_WINDOW_VIEW_ERROR, FALSE), ==, CG_WINDOW_VIEW_ERROR);

  /* Sections: names round-trip; reports and conflicts are supervisor-only. */
  for (guint i = 0; i < CG_N_SECTIONS; i++)
    g_assert_cmpint (cg_section_from_string (cg_section_to_string (i)), ==, i);
  g_assert_cmpint (cg_section_from_string ("nonsense"), ==, CG_N_SECTIONS);
  g_assert_true (cg_section_allowed (CG_SECTION_CASES, FALSE));
  g_assert_false (cg_section_allowed (CG_SECTION_REPORTS, FALSE));
  g_assert_false (cg_section_allowed (CG_SECTION_CONFLICTS, FALSE));
  g_assert_true (cg_section_allowed (CG_SECTION_REPORTS, TRUE));
  g_assert_false (cg_section_allowed (CG_N_SECTIONS, TRUE));
  g_assert_cmpstr (a, ==, "12,000 of 100,000 records received");
  g_assert_cmpstr (b, ==, "5 records received");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-format/states", test_states);
  g_test_add_func ("/sync-format/first-sync-view", test_first_sync_view);
  return g_test_run ();
}
