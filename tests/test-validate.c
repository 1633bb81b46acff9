/* test-validate.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DATA-MODEL.md's rules: each type with its required fields, types, enums
 * and ranges, workflow transitions, and phone and e-mail input as people
 * type it.
 */
#include "config.h"

#include <string.h>

#include "cg-test-util.h"

typedef struct {
  const char *type;
  const char *json;   /* a minimal valid document */
  const char *required[12];
} Sample;

static const Sample samples[] = {
  { "customer",
    "{\"type\":\"customer\",\"name\":\"김민준\",\"phones\":[\"+821012345678\"],\"emails\":[\"minjun@example.kr\"],"
    "\"created_at\":\"2026-11-22T07:11:34Z\",\"updated_at\":\"2026-11-22T07:11:34Z\"}",
    { "name", "created_at", "updated_at" } },
  { "order",
    "{\"type\":\"order\",\"number\":\"W24001234\",\"store_id\":\"0421\",\"channel\":\"online\","
    "\"items\":[{\"sku\":\"A1\",\"name\":\"Scarf\",\"qty\":1,\"unit_price\":39000}],\"total\":39000,"
    "\"currency\":\"KRW\",\"status\":\"placed\"}",
    { "number", "store_id", "channel", "items", "total", "currency", "status" } },
  { "case",
    "{\"type\":\"case\",\"number\":\"0421-C1-000001\",\"store_id\":\"0421\",\"channel\":\"counter\","
    "\"category\":\"return\",\"subject\":\"Zipper broken\",\"priority\":\"normal\",\"status\":\"new\","
    "\"created_by\":\"staff:7\",\"created_at\":\"2026-11-22T07:11:34Z\",\"updated_at\":\"2026-11-22T07:11:34Z\"}",
    { "number", "store_id", "channel", "category", "subject", "priority", "status", "created_by", "created_at", "updated_at" } },
  { "case_note",
    "{\"type\":\"case_note\",\"case_id\":\"case:1\",\"author\":\"staff:7\",\"visibility\":\"internal\","
    "\"body\":\"Called the supplier\",\"created_at\":\"2026-11-22T07:11:34Z\"}",
    { "case_id", "author", "visibility", "body", "created_at" } },
  { "checkin",
    "{\"type\":\"checkin\",\"ticket\":\"K1-042\",\"store_id\":\"0421\",\"reason\":\"pickup\","
    "\"status\":\"waiting\",\"created_at\":\"2026-11-22T07:11:34Z\"}",
    { "ticket", "store_id", "reason", "status", "created_at" } },
  { "feedback",
    "{\"type\":\"feedback\",\"channel\":\"kiosk\",\"csat\":5,\"created_at\":\"2026-11-22T07:11:34Z\"}",
    { "channel", "created_at" } },
  { "article",
    "{\"type\":\"article\",\"title\":\"반품 안내\",\"body\":\"영수증을 가져오세요.\",\"locale\":\"ko\","
    "\"category\":\"returns\",\"published\":true,\"updated_at\":\"2026-11-22T07:11:34Z\"}",
    { "title", "body", "locale", "category", "published", "updated_at" } },
  { "pickup",
    "{\"type\":\"pickup\",\"order_number\":\"W24001234\",\"status\":\"ready_for_pickup\","
    "\"verify\":{\"salt\":\"ab\",\"hash\":\"cd\"}}",
    { "order_number", "status", "verify" } },
  { "staff",
    "{\"type\":\"staff\",\"name\":\"Jiho\",\"role\":\"agent\",\"pin_hash\":\"$argon2id$v=19$x\",\"active\":true}",
    { "name", "role", "pin_hash", "active" } },
  { "config",
    "{\"type\":\"config\",\"scope\":\"store:0421\",\"version\":7,\"issued_at\":\"2026-11-22T09:00:00Z\","
    "\"key_id\":\"seoul-2026\",\"settings\":{},\"signature\":\"abc=\"}",
    { "scope", "version", "issued_at", "key_id", "settings", "signature" } },
  { "device",
    "{\"type\":\"device\",\"role\":\"counter\",\"store_id\":\"0421\",\"updated_at\":\"2026-11-22T09:00:00Z\"}",
    { "role", "store_id", "updated_at" } },
  { "notification",
    "{\"type\":\"notification\",\"channel\":\"sms\",\"to\":\"+821012345678\",\"template\":\"order_ready\","
    "\"locale\":\"ko\",\"created_at\":\"2026-11-22T09:00:00Z\"}",
    { "channel", "to", "template", "locale", "created_at" } },
};

static void
test_each_type (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(JsonObject) doc = cg_test_json (samples[i].json);
      g_autoptr(GError) error = NULL;

      g_assert_true (cg_validate_document (doc, NULL, &error));
      g_assert_no_error (error);

      for (guint f = 0; samples[i].required[f] != NULL; f++)
        {
          g_autoptr(JsonObject) missing = cg_test_json (samples[i].json);
          json_object_remove_member (missing, samples[i].required[f]);
          g_assert_false (cg_validate_document (missing, NULL, &error));
          g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD);
          /* The message names the field, so a person can fix it. */
          g_assert_nonnull (strstr (error->message, samples[i].required[f]));
          g_clear_error (&error);
        }
    }
}

typedef struct {
  const char *json;
  int         code;
  const char *mentions;
} Bad;

static void
test_bad_values (void)
{
  static const Bad bad[] = {
    { "{\"name\":\"x\"}", CG_VALIDATION_ERROR_UNKNOWN_TYPE, "type" },
    { "{\"type\":\"spaceship\"}", CG_VALIDATION_ERROR_UNKNOWN_TYPE, "spaceship" },
    { "{\"type\":7}", CG_VALIDATION_ERROR_UNKNOWN_TYPE, "type" },
    { "{\"type\":\"customer\",\"name\":42,\"created_at\":\"2026-11-22T07:11:34Z\",\"updated_at\":\"2026-11-22T07:11:34Z\"}",
      CG_VALIDATION_ERROR_WRONG_TYPE, "name" },
    { "{\"type\":\"customer\",\"name\":\"A\",\"language\":\"fr\",\"created_at\":\"2026-11-22T07:11:34Z\",\"updated_at\":\"2026-11-22T07:11:34Z\"}",
      CG_VALIDATION_ERROR_BAD_VALUE, "language" },
    { "{\"type\":\"customer\",\"name\":\"A\",\"phones\":[\"010-1234-5678\"],\"created_at\":\"2026-11-22T07:11:34Z\",\"updated_at\":\"2026-11-22T07:11:34Z\"}",
      CG_VALIDATION_ERROR_BAD_VALUE, "010-1234-5678" },
    { "{\"type\":\"customer\",\"name\":\"A\",\"emails\":[\"not-an-email\"],\"created_at\":\"2026-11-22T07:11:34Z\",\"updated_at\":\"2026-11-22T07:11:34Z\"}",
      CG_VALIDATION_ERROR_BAD_VALUE, "not-an-email" },
    { "{\"type\":\"customer\",\"name\":\"A\",\"created_at\":\"yesterday\",\"updated_at\":\"2026-11-22T07:11:34Z\"}",
      CG_VALIDATION_ERROR_BAD_VALUE, "created_at" },
    { "{\"type\":\"order\",\"number\":\"1\",\"store_id\":\"0421\",\"channel\":\"online\",\"items\":[],\"total\":-5,"
      "\"currency\":\"KRW\",\"status\":\"placed\"}", CG_VALIDATION_ERROR_BAD_VALUE, "total" },
    { "{\"type\":\"order\",\"number\":\"1\",\"store_id\":\"0421\",\"channel\":\"online\",\"items\":[],\"total\":5,"
      "\"currency\":\"won\",\"status\":\"placed\"}", CG_VALIDATION_ERROR_BAD_VALUE, "currency" },
    { "{\"type\":\"order\",\"number\":\"1\",\"store_id\":\"0421\",\"channel\":\"online\",\"items\":[{\"sku\":\"a\"}],\"total\":5,"
      "\"currency\":\"KRW\",\"status\":\"placed\"}", CG_VALIDATION_ERROR_WRONG_TYPE, "item 1" },
    { "{\"type\":\"order\",\"number\":\"1\",\"store_id\":\"0421\",\"channel\":\"online\",\"items\":[],\"total\":5.5,"
      "\"currency\":\"KRW\",\"status\":\"placed\"}", CG_VALIDATION_ERROR_WRONG_TYPE, "total" },
    { "{\"type\":\"feedback\",\"channel\":\"kiosk\",\"csat\":6,\"created_at\":\"2026-11-22T07:11:34Z\"}",
      CG_VALIDATION_ERROR_BAD_VALUE, "csat" },
    { "{\"type\":\"feedback\",\"channel\":\"kiosk\",\"nps\":-1,\"created_at\":\"2026-11-22T07:11:34Z\"}",
      CG_VALIDATION_ERROR_BAD_VALUE, "nps" },
    { "{\"type\":\"feedback\",\"channel\":\"kiosk\",\"created_at\":\"2026-11-22T07:11:34Z\"}",
      CG_VALIDATION_ERROR_MISSING_FIELD, "rating" },
    { "{\"type\":\"checkin\",\"ticket\":\"K1-1\",\"store_id\":\"0421\",\"reason\":\"pickup\",\"status\":\"lost\","
      "\"created_at\":\"2026-11-22T07:11:34Z\"}", CG_VALIDATION_ERROR_BAD_VALUE, "status" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonObject) doc = cg_test_json (bad[i].json);
      g_autoptr(GError) error = NULL;

      g_assert_false (cg_validate_document (doc, NULL, &error));
      g_assert_error (error, CG_VALIDATION_ERROR, bad[i].code);
      if (strstr (error->message, bad[i].mentions) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, bad[i].mentions);
    }
}

static void
test_huge_and_invalid_text (void)
{
  g_autoptr(JsonObject) doc = cg_test_json (samples[0].json);
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (10 * 1024 * 1024, 'x');

  json_object_set_string_member (doc, "name", huge);
  g_assert_false (cg_validate_document (doc, NULL, &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "too long"));
}

static void
test_transitions (void)
{
  static const struct { const char *from, *to; gboolean ok; } steps[] = {
    { "new", "open", TRUE }, { "new", "resolved", FALSE }, { "new", "closed", FALSE },
    { "open", "pending_customer", TRUE }, { "pending_customer", "open", TRUE },
    { "open", "escalated", TRUE }, { "escalated", "open", TRUE },
    { "open", "resolved", TRUE }, { "resolved", "open", TRUE }, { "resolved", "closed", TRUE },
    { "closed", "open", FALSE }, { "open", "new", FALSE }, { "open", "open", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(JsonObject) before = cg_test_json (samples[2].json);
      g_autoptr(JsonObject) after = cg_test_json (samples[2].json);
      g_autoptr(GError) error = NULL;

      json_object_set_string_member (before, "status", steps[i].from);
      json_object_set_string_member (after, "status", steps[i].to);
      g_assert_cmpint (cg_validate_document (after, before, &error), ==, steps[i].ok);
      if (!steps[i].ok)
        g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION);
    }

  g_assert_true (cg_validate_transition ("order", "ready_for_pickup", "picked_up"));
  g_assert_false (cg_validate_transition ("order", "cancelled", "picked_up"));
  g_assert_false (cg_validate_transition ("checkin", "done", "waiting"));

  /* A document cannot change its type. */
  {
    g_autoptr(JsonObject) before = cg_test_json (samples[0].json);
    g_autoptr(JsonObject) after = cg_test_json (samples[6].json);
    g_autoptr(GError) error = NULL;
    g_assert_false (cg_validate_document (after, before, &error));
    g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION);
  }
}

static void
test_phone_numbers (void)
{
  static const struct { const char *typed, *e164; } good[] = {
    { "010-1234-5678", "+821012345678" },
    { "01012345678", "+821012345678" },
    { "010 1234 5678", "+821012345678" },
    { "(010) 1234.5678", "+821012345678" },
    { "+82 10 1234 5678", "+821012345678" },
    { "+82 010-1234-5678", "+821012345678" },
    { "0082 10 1234 5678", "+821012345678" },
    { "02-123-4567", "+8221234567" },
    { "+1 415 555 0100", "+14155550100" },
  };
  static const struct { const char *typed, *mentions; } bad[] = {
    { "", "Enter" },
    { "010-1234-567O", "“O”" },
    { "010-1234", "11 digits" },
    { "010-1234-567", "11 digits" },
    { "031-123-45", "10 to 11 digits" },
    { "010-1234-56789-1", "11 digits" },
    { "12345678", "area or mobile code" },
    { "+12", "8 to 15" },
    { "010 + 1234", "“+”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *e164 = cg_phone_normalize (good[i].typed, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (e164, ==, good[i].e164);
      g_assert_true (cg_phone_is_e164 (e164));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *e164 = cg_phone_normalize (bad[i].typed, &error);
      g_assert_null (e164);
      g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE);
      if (strstr (error->message, bad[i].mentions) == NULL)
        g_error ("“%s”: “%s” does not mention “%s”", bad[i].typed, error->message, bad[i].mentions);
    }

  {
    g_autofree char *a = cg_phone_format ("+821012345678");
    g_autofree char *b = cg_phone_format ("+8221234567");
    g_autofree char *c = cg_phone_format ("+14155550100");
    g_assert_cmpstr (a, ==, "010-1234-5678");
    g_assert_cmpstr (b, ==, "02-123-4567");
    g_assert_cmpstr (c, ==, "+14155550100");
  }
}

static void
test_emails (void)
{
  static const char *good[] = { "minjun.kim@example.kr", "a@b.co", "이메일@예시.한국" };
  static const char *bad[] = { "", "minjun", "@example.kr", "a@b", "a@@b.kr", "a b@c.kr", "a@b..kr", "a@.kr", "a@b.kr;c@d.kr" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_true (cg_email_check (good[i], &error));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (cg_email_check (bad[i], &error));
      g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validate/each-type", test_each_type);
  g_test_add_func ("/validate/bad-values", test_bad_values);
  g_test_add_func ("/validate/huge-and-invalid-text", test_huge_and_invalid_text);
  g_test_add_func ("/validate/transitions", test_transitions);
  g_test_add_func ("/validate/phone-numbers", test_phone_numbers);
  g_test_add_func ("/validate/emails", test_emails);

  return g_test_run ();
}
