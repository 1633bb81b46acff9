/* test-config-format.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The words of the Preferences window's "Managed by Your Region" page
 * (cg-config-format.c): names and values of known settings, the plain
 * form of unknown ones, the reading order of the leaves, where a setting
 * comes from, and a refusal. LANG=C.UTF-8, so English.
 */
#include "config.h"

#include <string.h>

#include "cg-config-format.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* The value of @path given as JSON, in words. */
static char *
value_of (const char *path,
          const char *json)
{
  g_autoptr(JsonNode) node = parse (json);
  return cg_config_format_value (path, node);
}

#define ASSERT_VALUE(path, json, expected)            \
  G_STMT_START {                                      \
    g_autofree char *_v = value_of (path, json);      \
    g_assert_cmpstr (_v, ==, expected);               \
  } G_STMT_END

static void
test_duration (void)
{
  static const struct { gint64 s; const char *words; } cases[] = {
    { 0, "0 seconds" },
    { -5, "0 seconds" },
    { 1, "1 second" },
    { 45, "45 seconds" },
    { 60, "1 minute" },
    { 90, "1 minute 30 seconds" },
    { 300, "5 minutes" },
    { 3600, "1 hour" },
    { 5400, "1 hour 30 minutes" },
    { 3661, "1 hour 1 minute" },          /* two units at most */
    { 86400, "1 day" },
    { 2 * 86400 + 3 * 3600 + 60, "2 days 3 hours" },
    { 86400 + 30, "1 day 30 seconds" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = cg_config_format_duration (cases[i].s);
      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

static void
test_titles (void)
{
  static const struct { const char *path; const char *title; } cases[] = {
    { "sync.interval_s", "Sync interval" },
    { "sync.live", "Continuous sync" },
    { "kiosk.idle_timeout_s", "Kiosk idle timeout" },
    { "kiosk.exit_pin_hash", "Kiosk exit PIN" },
    { "counter.lock_timeout_s", "Counter lock timeout" },
    { "sla.urgent.first_response_min", "Urgent cases: first response" },
    { "sla.low.resolution_min", "Low-priority cases: resolution" },
    { "sla.high.business_hours", "High-priority cases: clock" },
    { "business_hours.mon", "Monday" },
    { "business_hours.tz", "Time zone" },
    { "categories", "Case categories" },
    { "retention.closed_case_days", "Keep closed cases for" },
    { "trusted_keys", "Added trusted keys" },
    /* Unknown: the dotted path, as the admin wrote it. */
    { "sla.vip.first_response_min", "sla.vip.first_response_min" },
    { "sync.compression", "sync.compression" },
    { "loyalty.points_per_won", "loyalty.points_per_won" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *title = cg_config_format_title (cases[i].path);
      g_assert_cmpstr (title, ==, cases[i].title);
    }
  g_assert_cmpstr (cg_config_format_group ("sla"), ==, "Service Levels");
  g_assert_cmpstr (cg_config_format_group ("keys"), ==, "Signing Keys");
  g_assert_cmpstr (cg_config_format_group ("other"), ==, "Other Settings");
  g_assert_cmpstr (cg_config_format_group ("gizmo"), ==, "gizmo");
}

static void
test_values (void)
{
  ASSERT_VALUE ("sync.interval_s", "60", "1 minute");
  ASSERT_VALUE ("sync.backoff_max_s", "300", "5 minutes");
  ASSERT_VALUE ("sync.live", "true", "On");
  ASSERT_VALUE ("sync.live", "false", "Off");
  ASSERT_VALUE ("sync.batch_size", "1", "1 document at a time");
  ASSERT_VALUE ("sync.batch_size", "1500", "1,500 documents at a time");
  ASSERT_VALUE ("kiosk.idle_timeout_s", "90", "1 minute 30 seconds");
  ASSERT_VALUE ("kiosk.features", "[\"checkin\",\"pickup\",\"report_problem\"]",
                "Check-in, Order pickup, Report a problem");
  ASSERT_VALUE ("kiosk.features", "[]", "None");
  ASSERT_VALUE ("kiosk.features", "[\"checkin\",\"teleport\"]", "Check-in, teleport");
  ASSERT_VALUE ("kiosk.languages", "[\"ko\",\"en\"]", "Korean, English");
  ASSERT_VALUE ("counter.lock_timeout_s", "300", "5 minutes");
  ASSERT_VALUE ("sla.urgent.first_response_min", "15", "Within 15 minutes");
  ASSERT_VALUE ("sla.urgent.resolution_min", "240", "Within 4 hours");
  ASSERT_VALUE ("sla.normal.resolution_min", "2880", "Within 2 days");
  ASSERT_VALUE ("sla.normal.business_hours", "true", "Business hours only");
  ASSERT_VALUE ("sla.urgent.business_hours", "false", "Around the clock");
  ASSERT_VALUE ("sla", "{}", "Built-in targets");
  ASSERT_VALUE ("business_hours", "{}", "Always open");
  ASSERT_VALUE ("business_hours.tz", "\"Asia/Seoul\"", "Asia/Seoul");
  ASSERT_VALUE ("business_hours.mon", "[\"10:00\",\"22:00\"]", "10:00–22:00");
  ASSERT_VALUE ("business_hours.sat", "[\"10:00\",\"14:00\",\"15:00\",\"20:00\"]",
                "10:00–14:00, 15:00–20:00");
  ASSERT_VALUE ("business_hours.sun", "[]", "Closed");
  ASSERT_VALUE ("business_hours.sun", "null", "Closed");
  ASSERT_VALUE ("categories",
                "[{\"id\":\"return\",\"label\":{\"ko\":\"반품\",\"en\":\"Return\"}},"
                " {\"id\":\"gift_wrap\",\"label\":{\"ko\":\"선물 포장\",\"en\":\"Gift wrap\"}},"
                " {\"id\":\"odd\"}]",
                "Return, Gift wrap, odd");
  ASSERT_VALUE ("retention.closed_case_days", "180", "180 days");
  ASSERT_VALUE ("retention.checkin_days", "1", "1 day");
  ASSERT_VALUE ("trusted_keys", "[{\"key_id\":\"seoul-2027\",\"public_key\":\"AAAA\"}]", "seoul-2027");
  ASSERT_VALUE ("revoked_keys", "[\"seoul-2025\",\"busan-2025\"]", "seoul-2025, busan-2025");

  /* The exit PIN hash is a secret: only whether it is set. */
  {
    g_autofree char *v = value_of ("kiosk.exit_pin_hash", "\"$argon2id$v=19$m=65536,t=3,p=4$abc$def\"");
    g_assert_cmpstr (v, ==, "Set");
    g_assert_null (strstr (v, "argon2"));
  }
  ASSERT_VALUE ("kiosk.exit_pin_hash", "\"\"", "Not set");

  /* Unknown settings, and known ones of an unexpected type: plainly. */
  ASSERT_VALUE ("loyalty.points_per_won", "3", "3");
  ASSERT_VALUE ("loyalty.rate", "0.5", "0.5");
  ASSERT_VALUE ("loyalty.name", "\"Stars\"", "Stars");
  ASSERT_VALUE ("loyalty.name", "\"\"", "Empty");
  ASSERT_VALUE ("loyalty.enabled", "true", "On");
  ASSERT_VALUE ("loyalty.tiers", "[\"gold\", 2, false]", "gold, 2, Off");
  ASSERT_VALUE ("loyalty.tiers", "[]", "None");
  ASSERT_VALUE ("loyalty.rules", "[{\"min\":1}]", "[{\"min\":1}]");
  ASSERT_VALUE ("loyalty.extra", "{}", "Nothing set");
  ASSERT_VALUE ("loyalty.gone", "null", "Not set");
  ASSERT_VALUE ("sync.interval_s", "\"fast\"", "fast");
  ASSERT_VALUE ("business_hours.mon", "[\"10:00\"]", "10:00");
}

/* Every leaf, grouped, known settings in their order, unknown ones last
 * in their group by path; non-empty objects are descended into. */
static void
test_leaves (void)
{
  g_autoptr(JsonNode) node = parse (
      "{\"zeta\": 1,"
      " \"retention\": {\"checkin_days\": 30, \"closed_case_days\": 180},"
      " \"sync\": {\"zz_new\": true, \"live\": true, \"interval_s\": 60},"
      " \"sla\": {\"low\": {\"resolution_min\": 4320}, \"urgent\": {\"first_response_min\": 15, \"resolution_min\": 240}},"
      " \"trusted_keys\": [{\"key_id\": \"k2\", \"public_key\": \"AAAA\"}],"
      " \"alpha\": {\"beta\": {\"gamma\": \"x\"}, \"empty\": {}},"
      " \"business_hours\": {\"tz\": \"Asia/Seoul\", \"sun\": [], \"mon\": [\"10:00\", \"22:00\"]},"
      " \"kiosk\": {\"languages\": [\"ko\"], \"idle_timeout_s\": 60}}");
  static const struct { const char *path; const char *group; const char *title; const char *value; } expected[] = {
    { "sync.interval_s", "sync", "Sync interval", "1 minute" },
    { "sync.live", "sync", "Continuous sync", "On" },
    { "sync.zz_new", "sync", "sync.zz_new", "On" },
    { "kiosk.idle_timeout_s", "kiosk", "Kiosk idle timeout", "1 minute" },
    { "kiosk.languages", "kiosk", "Kiosk languages", "Korean" },
    { "sla.urgent.first_response_min", "sla", "Urgent cases: first response", "Within 15 minutes" },
    { "sla.urgent.resolution_min", "sla", "Urgent cases: resolution", "Within 4 hours" },
    { "sla.low.resolution_min", "sla", "Low-priority cases: resolution", "Within 3 days" },
    { "business_hours.tz", "business_hours", "Time zone", "Asia/Seoul" },
    { "business_hours.mon", "business_hours", "Monday", "10:00–22:00" },
    { "business_hours.sun", "business_hours", "Sunday", "Closed" },
    { "retention.closed_case_days", "retention", "Keep closed cases for", "180 days" },
    { "retention.checkin_days", "retention", "Keep check-ins for", "30 days" },
    { "trusted_keys", "keys", "Added trusted keys", "k2" },
    { "alpha.beta.gamma", "other", "alpha.beta.gamma", "x" },
    { "alpha.empty", "other", "alpha.empty", "Nothing set" },
    { "zeta", "other", "zeta", "1" },
  };
  g_autoptr(GPtrArray) leaves = cg_config_format_leaves (json_node_get_object (node));
  g_autoptr(GPtrArray) none = cg_config_format_leaves (NULL);
  g_autoptr(JsonObject) empty = json_object_new ();
  g_autoptr(GPtrArray) none2 = cg_config_format_leaves (empty);

  g_assert_cmpuint (leaves->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < leaves->len; i++)
    {
      CgConfigLeaf *leaf = g_ptr_array_index (leaves, i);

      g_assert_cmpstr (leaf->path, ==, expected[i].path);
      g_assert_cmpstr (leaf->group, ==, expected[i].group);
      g_assert_cmpstr (leaf->title, ==, expected[i].title);
      g_assert_cmpstr (leaf->value, ==, expected[i].value);
    }
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (none2->len, ==, 0);
}

static void
test_source (void)
{
  static const struct { const char *scope; gint64 version; const char *words; } cases[] = {
    { "global", 3, "From the global settings, version 3" },
    { "region:seoul", 12, "From the region’s settings, version 12" },
    { "store:0421", 7, "From the store’s settings, version 7" },
    { "device:6f1c", 1, "From this device’s settings, version 1" },
    { "fleet:north", 2, "From “fleet:north”, version 2" },
    { NULL, 0, "Built-in default" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = cg_config_format_source (cases[i].scope, cases[i].version);
      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

static void
test_rejection (void)
{
  g_autoptr(JsonNode) with_time = parse (
      "{\"scope\": \"store:0421\", \"version\": 8, \"code\": \"bad_signature\","
      " \"reason\": \"The signature of config store:0421 does not verify\", \"at\": \"2026-11-22T09:00:00Z\"}");
  g_autoptr(JsonNode) bare = parse ("{\"scope\": null, \"version\": 0}");
  g_autoptr(JsonNode) region = parse ("{\"scope\": \"region:seoul\", \"version\": 2, \"reason\": \"Bad.\"}");
  g_autofree char *title = NULL, *subtitle = NULL;
  g_autofree char *title2 = NULL, *subtitle2 = NULL;
  g_autofree char *title3 = NULL, *subtitle3 = NULL;

  cg_config_format_rejection (json_node_get_object (with_time), &title, &subtitle);
  g_assert_cmpstr (title, ==, "Refused: the store’s settings, version 8");
  g_assert_true (g_str_has_prefix (subtitle, "The signature of config store:0421 does not verify\nRefused: "));
  g_assert_true (g_str_has_suffix (subtitle, ". The settings in force did not change."));

  cg_config_format_rejection (json_node_get_object (bare), &title2, &subtitle2);
  g_assert_cmpstr (title2, ==, "Refused: a configuration without a scope");
  g_assert_cmpstr (subtitle2, ==, "No reason was recorded.\nThe settings in force did not change.");

  cg_config_format_rejection (json_node_get_object (region), &title3, &subtitle3);
  g_assert_cmpstr (title3, ==, "Refused: the region’s settings, version 2");
  g_assert_cmpstr (subtitle3, ==, "Bad.\nThe settings in force did not change.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/config-format/duration", test_duration);
  g_test_add_func ("/config-format/titles", test_titles);
  g_test_add_func ("/config-format/values", test_values);
  g_test_add_func ("/config-format/leaves", test_leaves);
  g_test_add_func ("/config-format/source", test_source);
  g_test_add_func ("/config-format/rejection", test_rejection);
  return g_test_run ();
}
