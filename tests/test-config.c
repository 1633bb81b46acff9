/* test-config.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signed configuration (CONFIG.md): signing and verification, the
 * settings schema, merge precedence, and acceptance on a device — every
 * refusal with its error code, nothing applied and the refusal recorded;
 * key rotation and revocation; a refresh that puts the SLA policies and
 * categories in force.
 */
#include "config.h"

#include <string.h>

#include "cg-test-util.h"

#define STORE_ID  "0421"
#define DEVICE_ID "6f1c0000-0000-4000-8000-000000000001"

typedef struct {
  char *pub;
  char *sec;
} Key;

static Key k1, k2, k3;

static void
keys_init (void)
{
  cg_config_keygen (&k1.pub, &k1.sec);
  cg_config_keygen (&k2.pub, &k2.sec);
  cg_config_keygen (&k3.pub, &k3.sec);
}

/* A store provisioned for device DEVICE_ID of store 0421, trusting k1. */
static CgStore *
device_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *trusted = g_strdup_printf ("[{\"key_id\":\"k1\",\"public_key\":\"%s\"}]", k1.pub);
  CgStore *store = cg_test_open_store (NULL);

  g_assert_true (cg_store_set_meta (store, "device_id", DEVICE_ID, &error));
  g_assert_true (cg_store_set_meta (store, "store_id", STORE_ID, &error));
  g_assert_true (cg_store_set_meta (store, "trusted_keys", trusted, &error));
  g_assert_no_error (error);
  return store;
}

/* An unsigned config document for @scope. */
static JsonObject *
config_doc (const char *scope,
            gint64      version,
            const char *settings_json)
{
  g_autofree char *id = g_strconcat ("config:", scope, NULL);
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "config");
  json_object_set_string_member (doc, "scope", scope);
  json_object_set_int_member (doc, "version", version);
  json_object_set_string_member (doc, "issued_at", "2026-11-22T09:00:00Z");
  json_object_set_object_member (doc, "settings", cg_test_json (settings_json));
  return doc;
}

static JsonObject *
signed_doc (const char *scope,
            gint64      version,
            const char *settings_json,
            const char *key_id,
            const Key  *key)
{
  g_autoptr(GError) error = NULL;
  JsonObject *doc = config_doc (scope, version, settings_json);

  g_assert_true (cg_config_sign (doc, key_id, key->sec, &error));
  g_assert_no_error (error);
  return doc;
}

static char *
effective_text (CgStore *store)
{
  g_autoptr(JsonObject) effective = cg_config_dup_effective (store);
  return cg_canonical_json_object (effective, NULL);
}

static void
accept_ok (CgStore    *store,
           JsonObject *doc)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_config_accept (store, doc, &error));
  g_assert_no_error (error);
}

/* @doc is refused with @code; the effective settings and applied versions
 * do not change; the refusal is recorded with the scope and version. */
static void
assert_refused (CgStore    *store,
                JsonObject *doc,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = effective_text (store);
  g_autofree char *after = NULL;
  g_autoptr(JsonObject) applied_before = cg_config_dup_applied (store);
  g_autoptr(JsonObject) applied_after = NULL;
  g_autofree char *ab = cg_canonical_json_object (applied_before, NULL);
  g_autofree char *aa = NULL;
  g_autoptr(JsonObject) rejection = NULL;
  g_autoptr(JsonArray) keys_before = cg_config_dup_trusted_keys (store);
  g_autoptr(JsonArray) keys_after = NULL;
  gint64 version = -1, rejected_version = -2;

  g_assert_false (cg_config_accept (store, doc, &error));
  g_assert_error (error, CG_CONFIG_ERROR, code);
  g_test_message ("refused: %s", error->message);

  after = effective_text (store);
  g_assert_cmpstr (before, ==, after);
  applied_after = cg_config_dup_applied (store);
  aa = cg_canonical_json_object (applied_after, NULL);
  g_assert_cmpstr (ab, ==, aa);
  keys_after = cg_config_dup_trusted_keys (store);
  g_assert_cmpuint (json_array_get_length (keys_before), ==, json_array_get_length (keys_after));

  rejection = cg_config_dup_rejection (store);
  g_assert_nonnull (rejection);
  g_assert_cmpstr (cg_json_get_string (rejection, "reason"), ==, error->message);
  g_assert_nonnull (cg_json_get_string (rejection, "at"));
  if (!cg_json_get_int (doc, "version", &version))
    version = 0;
  g_assert_true (cg_json_get_int (rejection, "version", &rejected_version));
  g_assert_cmpint (version, ==, rejected_version);
  if (cg_json_get_string (doc, "scope") != NULL)
    g_assert_cmpstr (cg_json_get_string (rejection, "scope"), ==, cg_json_get_string (doc, "scope"));
}

/* ---------------------------------------------------------- signing */

static void
test_sign_verify (void)
{
  g_autofree char *trusted_json = g_strdup_printf (
      "{\"keys\": [{\"key_id\":\"k1\",\"public_key\":\"%s\"},"
      "           {\"key_id\":\"k2\",\"public_key\":\"%s\"}]}", k1.pub, k2.pub);
  g_autoptr(JsonObject) holder = cg_test_json (trusted_json);
  JsonArray *trusted = cg_json_get_array (holder, "keys");
  g_autoptr(JsonObject) doc = signed_doc ("store:0421", 3, "{\"sync\": {\"interval_s\": 60}}", "k1", &k1);
  g_autoptr(GError) error = NULL;
  g_autofree char *input = NULL;

  g_assert_cmpstr (cg_json_get_string (doc, "key_id"), ==, "k1");
  g_assert_nonnull (cg_json_get_string (doc, "signature"));
  g_assert_true (cg_config_verify_signature (doc, trusted, &error));
  g_assert_no_error (error);

  /* The signing input leaves out _id, _rev, _revisions and signature, so
   * the document still verifies as CouchDB returns it. */
  input = cg_config_signing_input (doc, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (input, "\"_id\""));
  g_assert_null (strstr (input, "signature"));
  g_assert_nonnull (strstr (input, "\"key_id\":\"k1\""));
  g_assert_true (g_str_has_prefix (input, "{\"issued_at\":"));
  json_object_set_string_member (doc, "_rev", "2-abc");
  json_object_set_string_member (doc, "_id", "config:store:0421");
  g_assert_true (cg_config_verify_signature (doc, trusted, &error));
  g_assert_no_error (error);

  /* Any change after signing breaks it. */
  json_object_set_int_member (doc, "version", 4);
  g_assert_false (cg_config_verify_signature (doc, trusted, &error));
  g_assert_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);
  json_object_set_int_member (doc, "version", 3);
  g_assert_true (cg_config_verify_signature (doc, trusted, NULL));
  json_object_set_int_member (cg_json_get_object (cg_json_get_object (doc, "settings"), "sync"),
                              "interval_s", 61);
  g_assert_false (cg_config_verify_signature (doc, trusted, &error));
  g_assert_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  /* Signed by k2's secret but claiming k1. */
  {
    g_autoptr(JsonObject) forged = signed_doc ("global", 1, "{}", "k1", &k2);
    g_assert_false (cg_config_verify_signature (forged, trusted, &error));
    g_assert_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_BAD_SIGNATURE);
    g_clear_error (&error);
  }
  /* A key the list does not have. */
  {
    g_autoptr(JsonObject) unknown = signed_doc ("global", 1, "{}", "k3", &k3);
    g_assert_false (cg_config_verify_signature (unknown, trusted, &error));
    g_assert_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_UNKNOWN_KEY);
    g_clear_error (&error);
  }
  /* No signature at all; a signature that is not base64 of 64 bytes. */
  {
    g_autoptr(JsonObject) unsigned_doc = config_doc ("global", 1, "{}");
    json_object_set_string_member (unsigned_doc, "key_id", "k1");
    g_assert_false (cg_config_verify_signature (unsigned_doc, trusted, &error));
    g_assert_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_MALFORMED);
    g_clear_error (&error);
    json_object_set_string_member (unsigned_doc, "signature", "c2hvcnQ=");
    g_assert_false (cg_config_verify_signature (unsigned_doc, trusted, &error));
    g_assert_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_BAD_SIGNATURE);
    g_clear_error (&error);
  }
  /* A bad secret key is refused, not used. */
  {
    g_autoptr(JsonObject) d = config_doc ("global", 1, "{}");
    g_assert_false (cg_config_sign (d, "k1", "not a key", &error));
    g_assert_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_MALFORMED);
  }
}

/* The signature is over the canonical form: member order and spacing of
 * the JSON text do not matter. */
static void
test_sign_canonical (void)
{
  g_autofree char *trusted_json = g_strdup_printf (
      "{\"keys\": [{\"key_id\":\"k1\",\"public_key\":\"%s\"}]}", k1.pub);
  g_autoptr(JsonObject) holder = cg_test_json (trusted_json);
  g_autoptr(JsonObject) doc = signed_doc ("global", 5,
      "{\"kiosk\": {\"languages\": [\"ko\", \"en\"], \"idle_timeout_s\": 60}, \"sync\": {\"live\": true}}",
      "k1", &k1);
  g_autofree char *canonical = cg_canonical_json_object (doc, NULL);
  g_autoptr(JsonObject) reparsed = NULL;
  g_autofree char *pretty = NULL;

  {
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
    json_node_set_object (node, doc);
    pretty = json_to_string (node, TRUE);
  }
  reparsed = cg_test_json (pretty);
  g_assert_true (cg_config_verify_signature (reparsed, cg_json_get_array (holder, "keys"), NULL));
  g_assert_nonnull (canonical);
}

/* ---------------------------------------------------------- settings */

static void
test_validate_settings (void)
{
  static const struct { const char *json; const char *needle; } bad[] = {
    { "{\"sync\": 5}", "sync must be an object" },
    { "{\"sync\": {\"interval_s\": 4}}", "sync.interval_s must be a whole number from 5 to 86400" },
    { "{\"sync\": {\"interval_s\": 86401}}", "sync.interval_s" },
    { "{\"sync\": {\"interval_s\": 60.5}}", "sync.interval_s" },
    { "{\"sync\": {\"interval_s\": \"60\"}}", "sync.interval_s" },
    { "{\"sync\": {\"backoff_max_s\": 1}}", "sync.backoff_max_s must be a whole number from 5 to 86400" },
    { "{\"sync\": {\"batch_size\": 9}}", "sync.batch_size must be a whole number from 10 to 5000" },
    { "{\"sync\": {\"batch_size\": 5001}}", "sync.batch_size" },
    { "{\"sync\": {\"live\": \"yes\"}}", "sync.live must be true or false" },
    { "{\"kiosk\": {\"idle_timeout_s\": 9}}", "kiosk.idle_timeout_s must be a whole number from 10 to 3600" },
    { "{\"kiosk\": {\"idle_warning_s\": 601}}", "kiosk.idle_warning_s must be a whole number from 5 to 600" },
    { "{\"kiosk\": {\"idle_timeout_s\": 60, \"idle_warning_s\": 60}}", "kiosk.idle_warning_s must be less than" },
    { "{\"kiosk\": {\"features\": [\"checkin\", \"games\"]}}", "kiosk.features may only contain" },
    { "{\"kiosk\": {\"features\": \"checkin\"}}", "kiosk.features must be a list" },
    { "{\"kiosk\": {\"languages\": [\"fr\"]}}", "kiosk.languages may only contain: ko, en" },
    { "{\"kiosk\": {\"languages\": []}}", "kiosk.languages must list at least one" },
    { "{\"kiosk\": {\"exit_pin_hash\": \"1234\"}}", "kiosk.exit_pin_hash" },
    { "{\"kiosk\": {\"exit_pin_hash\": 1234}}", "kiosk.exit_pin_hash" },
    { "{\"kiosk\": {\"store_name\": \"Gangnam\"}}", "kiosk.store_name must be an object" },
    { "{\"kiosk\": {\"store_name\": {\"ko\": 1}}}", "kiosk.store_name.ko must be text of 1 to 80 characters" },
    { "{\"kiosk\": {\"store_name\": {\"en\": \"\"}}}", "kiosk.store_name.en must be text of 1 to 80 characters" },
    { "{\"sla\": {\"urgent\": {\"first_response_min\": 0}}}", "sla" },
    { "{\"sla\": []}", "sla must be an object" },
    { "{\"business_hours\": {\"mon\": [\"10:00\", \"22:00\"]}}", "business_hours" },
    { "{\"business_hours\": {\"tz\": \"Asia/Seoul\", \"mon\": [\"22:00\", \"10:00\"]}}", "business_hours" },
    { "{\"categories\": []}", "categories must be a non-empty list" },
    { "{\"categories\": [{\"id\": \"Return!\", \"label\": {\"ko\": \"반품\", \"en\": \"Return\"}}]}", "categories[0].id" },
    { "{\"categories\": [{\"id\": \"return\", \"label\": {\"en\": \"Return\"}}]}", "categories[0].label" },
    { "{\"categories\": [{\"id\": \"a\", \"label\": {\"ko\": \"가\", \"en\": \"A\"}},"
      "                  {\"id\": \"a\", \"label\": {\"ko\": \"가\", \"en\": \"A\"}}]}", "listed twice" },
    { "{\"retention\": {\"closed_case_days\": 0}}", "retention.closed_case_days must be a whole number from 1 to 3650" },
    { "{\"retention\": {\"checkin_days\": 3651}}", "retention.checkin_days must be a whole number from 1 to 3650" },
    { "{\"trusted_keys\": [{\"key_id\": \"x\", \"public_key\": \"c2hvcnQ=\"}]}", "trusted_keys[0].public_key" },
    { "{\"trusted_keys\": [{\"public_key\": \"c2hvcnQ=\"}]}", "trusted_keys[0].key_id" },
    { "{\"trusted_keys\": {}}", "trusted_keys must be a list" },
    { "{\"revoked_keys\": [1]}", "revoked_keys[0]" },
    { "{\"counter\": {\"lock_timeout_s\": 29}}", "counter.lock_timeout_s must be a whole number from 30 to 3600" },
  };
  g_autofree char *good = g_strdup_printf (
      "{\"sync\": {\"interval_s\": 60, \"backoff_max_s\": 300, \"batch_size\": 500, \"live\": true},"
      " \"kiosk\": {\"idle_timeout_s\": 60, \"idle_warning_s\": 20,"
      "   \"features\": [\"checkin\",\"pickup\",\"faq\",\"report_problem\",\"feedback\"],"
      "   \"languages\": [\"ko\",\"en\"], \"exit_pin_hash\": \"$argon2id$v=19$m=65536,t=2,p=1$abc$def\","
      "   \"store_name\": {\"ko\": \"창구 강남점\", \"en\": \"Changgu Gangnam\"}},"
      " \"sla\": {\"urgent\": {\"first_response_min\": 15, \"resolution_min\": 240}},"
      " \"business_hours\": {\"tz\": \"Asia/Seoul\", \"mon\": [\"10:00\",\"22:00\"]},"
      " \"categories\": [{\"id\": \"return\", \"label\": {\"ko\": \"반품\", \"en\": \"Return\"}}],"
      " \"retention\": {\"closed_case_days\": 180, \"checkin_days\": 30},"
      " \"trusted_keys\": [{\"key_id\": \"seoul-2027\", \"public_key\": \"%s\"}],"
      " \"counter\": {\"lock_timeout_s\": 300},"
      " \"future_feature\": {\"anything\": [1, 2]}}", k2.pub);
  g_autoptr(JsonObject) good_settings = cg_test_json (good);
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_config_validate_settings (good_settings, &error));
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (good_settings, "future_feature"));

  /* kiosk.store_name: either language alone, up to 80 characters (not
   * bytes: 80 Korean syllables are 240 bytes); 81 is too many. */
  {
    g_autoptr(GString) ko80 = g_string_new (NULL);
    g_autofree char *json = NULL;
    g_autofree char *json81 = NULL;
    g_autoptr(JsonObject) ok = NULL;
    g_autoptr(JsonObject) too_long = NULL;

    for (guint i = 0; i < 80; i++)
      g_string_append (ko80, "점");
    json = g_strdup_printf ("{\"kiosk\": {\"store_name\": {\"ko\": \"%s\"}}}", ko80->str);
    ok = cg_test_json (json);
    g_assert_true (cg_config_validate_settings (ok, &error));
    g_assert_no_error (error);
    g_string_append (ko80, "점");
    json81 = g_strdup_printf ("{\"kiosk\": {\"store_name\": {\"en\": \"A\", \"ko\": \"%s\"}}}", ko80->str);
    too_long = cg_test_json (json81);
    g_assert_false (cg_config_validate_settings (too_long, &error));
    g_assert_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "kiosk.store_name.ko"));
    g_clear_error (&error);
  }

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonObject) settings = cg_test_json (bad[i].json);

      g_assert_false (cg_config_validate_settings (settings, &error));
      g_assert_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_INVALID);
      if (strstr (error->message, bad[i].needle) == NULL)
        g_error ("%s: message “%s” lacks “%s”", bad[i].json, error->message, bad[i].needle);
      g_clear_error (&error);
    }
}

static void
test_merge (void)
{
  g_autoptr(JsonObject) base = cg_test_json (
      "{\"sync\": {\"interval_s\": 60, \"live\": true}, \"kiosk\": {\"languages\": [\"ko\", \"en\"]}, \"a\": 1}");
  g_autoptr(JsonObject) over = cg_test_json (
      "{\"sync\": {\"interval_s\": 120}, \"kiosk\": {\"languages\": [\"en\"]}, \"b\": {\"c\": 2}}");
  g_autoptr(JsonObject) merged = cg_config_merge (base, over);
  g_autofree char *text = cg_canonical_json_object (merged, NULL);
  g_autofree char *base_text = NULL;

  g_assert_cmpstr (text, ==,
                   "{\"a\":1,\"b\":{\"c\":2},\"kiosk\":{\"languages\":[\"en\"]},"
                   "\"sync\":{\"interval_s\":120,\"live\":true}}");
  /* The inputs are untouched and the result shares nothing with them. */
  json_object_set_int_member (cg_json_get_object (merged, "b"), "c", 3);
  base_text = cg_canonical_json_object (base, NULL);
  g_assert_cmpstr (base_text, ==,
                   "{\"a\":1,\"kiosk\":{\"languages\":[\"ko\",\"en\"]},\"sync\":{\"interval_s\":60,\"live\":true}}");
  {
    gint64 c = 0;
    g_assert_true (cg_json_get_int (cg_json_get_object (over, "b"), "c", &c));
    g_assert_cmpint (c, ==, 2);
  }
}

/* --------------------------------------------------------- on a device */

static void
test_scopes (void)
{
  g_autoptr(CgStore) store = device_store ();
  g_auto(GStrv) scopes = cg_config_device_scopes (store);
  g_auto(GStrv) with_region = NULL;

  g_assert_cmpuint (g_strv_length (scopes), ==, 3);
  g_assert_cmpstr (scopes[0], ==, "global");
  g_assert_cmpstr (scopes[1], ==, "store:0421");
  g_assert_cmpstr (scopes[2], ==, "device:" DEVICE_ID);

  g_assert_true (cg_store_set_meta (store, "region", "seoul", NULL));
  with_region = cg_config_device_scopes (store);
  g_assert_cmpuint (g_strv_length (with_region), ==, 4);
  g_assert_cmpstr (with_region[1], ==, "region:seoul");
}

static void
test_accept_and_refusals (void)
{
  g_autoptr(CgStore) store = device_store ();
  g_autoptr(JsonObject) v2 = signed_doc ("store:0421", 2,
      "{\"sync\": {\"interval_s\": 60}, \"kiosk\": {\"idle_timeout_s\": 90}}", "k1", &k1);
  g_autoptr(JsonObject) effective = NULL;
  g_autoptr(JsonObject) applied = NULL;
  g_autoptr(JsonObject) rejection = NULL;
  g_autofree char *version_meta = NULL;
  gint64 v = 0;

  /* Nothing applied yet: empty settings, no refusal. */
  effective = cg_config_dup_effective (store);
  g_assert_cmpuint (json_object_get_size (effective), ==, 0);
  g_clear_pointer (&effective, json_object_unref);
  g_assert_null (cg_config_dup_rejection (store));

  accept_ok (store, v2);
  effective = cg_config_dup_effective (store);
  g_assert_true (cg_json_get_int (cg_json_get_object (effective, "sync"), "interval_s", &v));
  g_assert_cmpint (v, ==, 60);
  applied = cg_config_dup_applied (store);
  g_assert_true (cg_json_get_int (cg_json_get_object (applied, "store:0421"), "version", &v));
  g_assert_cmpint (v, ==, 2);
  g_assert_cmpstr (cg_json_get_string (cg_json_get_object (applied, "store:0421"), "issued_at"),
                   ==, "2026-11-22T09:00:00Z");
  version_meta = cg_store_get_meta (store, "config.version.store:0421");
  g_assert_cmpstr (version_meta, ==, "2");

  /* Replay of the same version, and rollback to an older one. */
  assert_refused (store, v2, CG_CONFIG_ERROR_STALE);
  {
    g_autoptr(JsonObject) same_version = signed_doc ("store:0421", 2,
        "{\"sync\": {\"interval_s\": 300}}", "k1", &k1);
    g_autoptr(JsonObject) older = signed_doc ("store:0421", 1,
        "{\"sync\": {\"interval_s\": 300}}", "k1", &k1);
    assert_refused (store, same_version, CG_CONFIG_ERROR_STALE);
    assert_refused (store, older, CG_CONFIG_ERROR_STALE);
  }

  /* Forged: changed after signing; signed by another key under k1's id. */
  {
    g_autoptr(JsonObject) tampered = signed_doc ("store:0421", 3,
        "{\"sync\": {\"interval_s\": 60}}", "k1", &k1);
    g_autoptr(JsonObject) forged = signed_doc ("store:0421", 3,
        "{\"sync\": {\"interval_s\": 60}}", "k1", &k2);
    json_object_set_int_member (cg_json_get_object (cg_json_get_object (tampered, "settings"), "sync"),
                                "interval_s", 5);
    assert_refused (store, tampered, CG_CONFIG_ERROR_BAD_SIGNATURE);
    assert_refused (store, forged, CG_CONFIG_ERROR_BAD_SIGNATURE);
  }

  /* Signed with a key the device does not trust. */
  {
    g_autoptr(JsonObject) unknown = signed_doc ("store:0421", 3, "{}", "k2", &k2);
    assert_refused (store, unknown, CG_CONFIG_ERROR_UNKNOWN_KEY);
  }

  /* Malformed documents. */
  {
    g_autoptr(JsonObject) wrong_type = signed_doc ("store:0421", 3, "{}", "k1", &k1);
    g_autoptr(JsonObject) id_mismatch = signed_doc ("store:0421", 3, "{}", "k1", &k1);
    g_autoptr(JsonObject) string_version = config_doc ("store:0421", 3, "{}");
    g_autoptr(JsonObject) zero_version = signed_doc ("store:0421", 0, "{}", "k1", &k1);
    g_autoptr(JsonObject) no_issued = signed_doc ("store:0421", 3, "{}", "k1", &k1);
    g_autoptr(JsonObject) bad_issued = config_doc ("store:0421", 3, "{}");
    g_autoptr(JsonObject) settings_array = config_doc ("store:0421", 3, "{}");
    g_autoptr(JsonObject) no_signature = config_doc ("store:0421", 3, "{}");
    g_autoptr(JsonObject) bad_scope = config_doc ("shop:0421", 3, "{}");

    json_object_set_string_member (wrong_type, "type", "customer");
    assert_refused (store, wrong_type, CG_CONFIG_ERROR_MALFORMED);
    json_object_set_string_member (id_mismatch, "_id", "config:global");
    assert_refused (store, id_mismatch, CG_CONFIG_ERROR_MALFORMED);
    json_object_set_string_member (string_version, "version", "3");
    g_assert_true (cg_config_sign (string_version, "k1", k1.sec, NULL));
    assert_refused (store, string_version, CG_CONFIG_ERROR_MALFORMED);
    assert_refused (store, zero_version, CG_CONFIG_ERROR_MALFORMED);
    json_object_remove_member (no_issued, "issued_at");
    assert_refused (store, no_issued, CG_CONFIG_ERROR_MALFORMED);
    json_object_set_string_member (bad_issued, "issued_at", "yesterday");
    g_assert_true (cg_config_sign (bad_issued, "k1", k1.sec, NULL));
    assert_refused (store, bad_issued, CG_CONFIG_ERROR_MALFORMED);
    json_object_set_array_member (settings_array, "settings", json_array_new ());
    g_assert_true (cg_config_sign (settings_array, "k1", k1.sec, NULL));
    assert_refused (store, settings_array, CG_CONFIG_ERROR_MALFORMED);
    json_object_set_string_member (no_signature, "key_id", "k1");
    assert_refused (store, no_signature, CG_CONFIG_ERROR_MALFORMED);
    g_assert_true (cg_config_sign (bad_scope, "k1", k1.sec, NULL));
    assert_refused (store, bad_scope, CG_CONFIG_ERROR_MALFORMED);
  }

  /* Wrong types and out-of-range values, properly signed. */
  {
    static const char *bad_settings[] = {
      "{\"sync\": {\"interval_s\": 1}}",
      "{\"sync\": {\"live\": 1}}",
      "{\"kiosk\": {\"idle_timeout_s\": 30, \"idle_warning_s\": 40}}",
      "{\"kiosk\": {\"languages\": [\"de\"]}}",
      "{\"retention\": {\"closed_case_days\": -5}}",
      "{\"counter\": {\"lock_timeout_s\": \"300\"}}",
      "{\"sla\": {\"high\": {\"resolution_min\": 0}}}",
      "{\"categories\": {\"id\": \"x\"}}",
    };
    for (gsize i = 0; i < G_N_ELEMENTS (bad_settings); i++)
      {
        g_autoptr(JsonObject) doc = signed_doc ("store:0421", 3, bad_settings[i], "k1", &k1);
        assert_refused (store, doc, CG_CONFIG_ERROR_INVALID);
      }
  }

  /* A scope for another device or store. */
  {
    g_autoptr(JsonObject) other_store = signed_doc ("store:0999", 1, "{}", "k1", &k1);
    g_autoptr(JsonObject) other_device = signed_doc ("device:someone-else", 1, "{}", "k1", &k1);
    g_autoptr(JsonObject) region = signed_doc ("region:busan", 1, "{}", "k1", &k1);
    assert_refused (store, other_store, CG_CONFIG_ERROR_NOT_FOR_DEVICE);
    assert_refused (store, other_device, CG_CONFIG_ERROR_NOT_FOR_DEVICE);
    assert_refused (store, region, CG_CONFIG_ERROR_NOT_FOR_DEVICE);
  }

  /* After all that, version 2 is still in force; a good version 3 is
   * accepted and clears the recorded refusal of this scope. */
  {
    g_autoptr(JsonObject) v3 = signed_doc ("store:0421", 3, "{\"sync\": {\"interval_s\": 90}}", "k1", &k1);
    g_autoptr(JsonObject) eff = NULL;

    rejection = cg_config_dup_rejection (store);
    g_assert_nonnull (rejection);
    g_clear_pointer (&rejection, json_object_unref);
    {
      /* The last refusal was of region:busan; refuse one of this scope. */
      g_autoptr(JsonObject) bad = signed_doc ("store:0421", 3, "{\"sync\": {\"interval_s\": 1}}", "k1", &k1);
      assert_refused (store, bad, CG_CONFIG_ERROR_INVALID);
    }
    accept_ok (store, v3);
    g_assert_null (cg_config_dup_rejection (store));
    eff = cg_config_dup_effective (store);
    g_assert_true (cg_json_get_int (cg_json_get_object (eff, "sync"), "interval_s", &v));
    g_assert_cmpint (v, ==, 90);
    /* Settings replace those of the same scope: kiosk came from v2 only. */
    g_assert_null (cg_json_get_object (eff, "kiosk"));
  }
}

static void
test_key_rotation (void)
{
  g_autoptr(CgStore) store = device_store ();
  g_autofree char *adds_k2 = g_strdup_printf (
      "{\"trusted_keys\": [{\"key_id\": \"k2\", \"public_key\": \"%s\"}]}", k2.pub);
  g_autofree char *adds_k3 = g_strdup_printf (
      "{\"trusted_keys\": [{\"key_id\": \"k3\", \"public_key\": \"%s\"}]}", k3.pub);
  g_autofree char *k1_as_other = g_strdup_printf (
      "{\"trusted_keys\": [{\"key_id\": \"k1\", \"public_key\": \"%s\"}]}", k3.pub);
  g_autoptr(JsonArray) trusted = NULL;

  /* k2 is unknown until a config signed by k1 adds it. */
  {
    g_autoptr(JsonObject) early = signed_doc ("store:0421", 1, "{}", "k2", &k2);
    assert_refused (store, early, CG_CONFIG_ERROR_UNKNOWN_KEY);
  }
  {
    g_autoptr(JsonObject) doc = signed_doc ("global", 1, adds_k2, "k1", &k1);
    accept_ok (store, doc);
  }
  trusted = cg_config_dup_trusted_keys (store);
  g_assert_cmpuint (json_array_get_length (trusted), ==, 2);
  g_clear_pointer (&trusted, json_array_unref);
  {
    g_autoptr(JsonObject) doc = signed_doc ("store:0421", 1, "{\"sync\": {\"interval_s\": 30}}", "k2", &k2);
    accept_ok (store, doc);
  }

  /* A config may not give a trusted key id another public key. */
  {
    g_autoptr(JsonObject) doc = signed_doc ("store:0421", 2, k1_as_other, "k1", &k1);
    assert_refused (store, doc, CG_CONFIG_ERROR_INVALID);
  }

  /* A store config adds k3; the next store config no longer lists it, so
   * k3 is no longer trusted. */
  {
    g_autoptr(JsonObject) doc = signed_doc ("store:0421", 2, adds_k3, "k2", &k2);
    accept_ok (store, doc);
  }
  {
    g_autoptr(JsonObject) doc = signed_doc ("device:" DEVICE_ID, 1, "{}", "k3", &k3);
    accept_ok (store, doc);
  }
  {
    g_autoptr(JsonObject) doc = signed_doc ("store:0421", 3, "{}", "k3", &k3);
    accept_ok (store, doc);   /* k3 signs the config that drops it */
  }
  {
    g_autoptr(JsonObject) doc = signed_doc ("device:" DEVICE_ID, 2, "{}", "k3", &k3);
    assert_refused (store, doc, CG_CONFIG_ERROR_UNKNOWN_KEY);
  }

  /* Revocation: the new global config revokes the provisioning key k1
   * and keeps k2. */
  {
    g_autofree char *revokes = g_strdup_printf (
        "{\"trusted_keys\": [{\"key_id\": \"k2\", \"public_key\": \"%s\"}], \"revoked_keys\": [\"k1\"]}",
        k2.pub);
    g_autoptr(JsonObject) doc = signed_doc ("global", 2, revokes, "k1", &k1);
    accept_ok (store, doc);
  }
  trusted = cg_config_dup_trusted_keys (store);
  g_assert_cmpuint (json_array_get_length (trusted), ==, 1);
  g_assert_cmpstr (cg_json_get_string (json_array_get_object_element (trusted, 0), "key_id"), ==, "k2");
  {
    g_autoptr(JsonObject) doc = signed_doc ("store:0421", 4, "{}", "k1", &k1);
    assert_refused (store, doc, CG_CONFIG_ERROR_UNKNOWN_KEY);
  }
  {
    g_autoptr(JsonObject) doc = signed_doc ("store:0421", 4, "{}", "k2", &k2);
    accept_ok (store, doc);
  }
}

static void
test_precedence (void)
{
  g_autoptr(CgStore) store = device_store ();
  g_autoptr(JsonObject) global = signed_doc ("global", 7,
      "{\"sync\": {\"interval_s\": 60, \"batch_size\": 100, \"live\": true},"
      " \"kiosk\": {\"languages\": [\"ko\", \"en\"], \"idle_timeout_s\": 60}}", "k1", &k1);
  g_autoptr(JsonObject) region = signed_doc ("region:seoul", 1,
      "{\"sync\": {\"interval_s\": 90, \"batch_size\": 150}}", "k1", &k1);
  g_autoptr(JsonObject) store_doc = signed_doc ("store:0421", 3,
      "{\"sync\": {\"interval_s\": 120}, \"kiosk\": {\"languages\": [\"en\"]}}", "k1", &k1);
  g_autoptr(JsonObject) device = signed_doc ("device:" DEVICE_ID, 2,
      "{\"sync\": {\"batch_size\": 200}}", "k1", &k1);
  g_autoptr(JsonObject) effective = NULL;
  g_autofree char *text = NULL;
  g_autofree char *scope = NULL;
  gint64 version = 0;

  g_assert_true (cg_store_set_meta (store, "region", "seoul", NULL));
  /* Order of arrival does not matter: most specific first. */
  accept_ok (store, device);
  accept_ok (store, store_doc);
  accept_ok (store, global);
  accept_ok (store, region);

  effective = cg_config_dup_effective (store);
  text = cg_canonical_json_object (effective, NULL);
  g_assert_cmpstr (text, ==,
                   "{\"kiosk\":{\"idle_timeout_s\":60,\"languages\":[\"en\"]},"
                   "\"sync\":{\"batch_size\":200,\"interval_s\":120,\"live\":true}}");

  g_assert_true (cg_config_get_source (store, "sync.interval_s", &scope, &version));
  g_assert_cmpstr (scope, ==, "store:0421");
  g_assert_cmpint (version, ==, 3);
  g_clear_pointer (&scope, g_free);
  g_assert_true (cg_config_get_source (store, "sync.batch_size", &scope, &version));
  g_assert_cmpstr (scope, ==, "device:" DEVICE_ID);
  g_assert_cmpint (version, ==, 2);
  g_clear_pointer (&scope, g_free);
  g_assert_true (cg_config_get_source (store, "sync.live", &scope, &version));
  g_assert_cmpstr (scope, ==, "global");
  g_assert_cmpint (version, ==, 7);
  g_clear_pointer (&scope, g_free);
  g_assert_true (cg_config_get_source (store, "kiosk", &scope, &version));
  g_assert_cmpstr (scope, ==, "store:0421");
  g_clear_pointer (&scope, g_free);
  g_assert_false (cg_config_get_source (store, "retention.checkin_days", &scope, &version));
  g_assert_null (scope);
  g_assert_false (cg_config_get_source (store, "sync.interval_s.x", NULL, NULL));

  /* Without the region, its settings drop out of the merge. */
  g_assert_true (cg_store_set_meta (store, "region", NULL, NULL));
  g_clear_pointer (&effective, json_object_unref);
  effective = cg_config_dup_effective (store);
  g_clear_pointer (&text, g_free);
  text = cg_canonical_json_object (effective, NULL);
  g_assert_cmpstr (text, ==,
                   "{\"kiosk\":{\"idle_timeout_s\":60,\"languages\":[\"en\"]},"
                   "\"sync\":{\"batch_size\":200,\"interval_s\":120,\"live\":true}}");
  {
    g_autoptr(JsonObject) applied = cg_config_dup_applied (store);
    g_assert_false (json_object_has_member (applied, "region:seoul"));
    g_assert_true (json_object_has_member (applied, "global"));
  }
}

/* Configs arrive by replication; a refresh accepts them and puts the SLA
 * policies and categories in force. */
static void
test_refresh_applies (void)
{
  g_autoptr(CgStore) store = device_store ();
  g_autoptr(JsonObject) doc = signed_doc ("store:0421", 1,
      "{\"sla\": {\"urgent\": {\"first_response_min\": 5, \"resolution_min\": 60, \"business_hours\": false}},"
      " \"categories\": [{\"id\": \"return\", \"label\": {\"ko\": \"반품\", \"en\": \"Return it\"}},"
      "                  {\"id\": \"gift_wrap\", \"label\": {\"ko\": \"선물 포장\", \"en\": \"Gift wrap\"}}]}",
      "k1", &k1);
  g_autoptr(JsonObject) replicated = cg_test_replicated (doc, "1-aaaa", FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = NULL;
  g_autoptr(JsonObject) kase = NULL;
  g_autoptr(GDateTime) created = NULL, due = NULL;
  CgCaseDraft draft = { .channel = "counter", .category = "gift_wrap", .subject = "Wrap it",
                        .priority = "urgent", .created_by = "staff:0421-01" };
  guint builtin_n = cg_categories_get_n ();

  /* Nothing in the store yet: nothing changes. */
  g_assert_false (cg_config_refresh (store));

  g_assert_true (cg_store_put_replicated (store, replicated, &error));
  g_assert_no_error (error);
  g_assert_true (cg_config_refresh (store));
  /* Seen again: nothing to do, and no refusal recorded. */
  g_assert_false (cg_config_refresh (store));
  g_assert_null (cg_config_dup_rejection (store));

  g_assert_cmpuint (cg_categories_get_n (), ==, 2);
  g_assert_cmpint (cg_categories_find ("gift_wrap"), ==, 1);
  g_assert_cmpstr (cg_category_get_label ("gift_wrap"), ==, "Gift wrap");   /* LANG=C.UTF-8 */
  g_assert_cmpint (cg_categories_find ("billing"), ==, -1);

  case_id = cg_case_create_at (store, &draft, 1795000000, &error);
  g_assert_no_error (error);
  kase = cg_store_get (store, case_id, FALSE, &error);
  g_assert_no_error (error);
  created = g_date_time_new_from_iso8601 (cg_json_get_string (kase, "created_at"), NULL);
  due = g_date_time_new_from_iso8601 (
      cg_json_get_string (cg_json_get_object (kase, "sla"), "first_response_due"), NULL);
  g_assert_nonnull (created);
  g_assert_nonnull (due);
  g_assert_cmpint (g_date_time_difference (due, created) / G_TIME_SPAN_SECOND, ==, 5 * 60);
  g_assert_cmpint (cg_sla_policies_lookup (cg_case_get_sla_policies (store), "urgent")->resolution_min,
                   ==, 60);

  /* A rollback pulled later: refused, recorded, the config stays. */
  {
    g_autoptr(JsonObject) old = signed_doc ("store:0421", 1, "{}", "k1", &k1);
    g_autoptr(JsonObject) old_rep = NULL;
    g_autoptr(JsonObject) rejection = NULL;

    /* Same version, other content: a second revision on the same doc. */
    json_object_set_string_member (old, "_id", "config:store:0421");
    old_rep = cg_test_replicated (old, "2-bbbb 1-aaaa", FALSE);
    g_assert_true (cg_store_put_replicated (store, old_rep, &error));
    g_assert_no_error (error);
    g_assert_false (cg_config_refresh (store));
    rejection = cg_config_dup_rejection (store);
    g_assert_nonnull (rejection);
    g_assert_cmpstr (cg_json_get_string (rejection, "code"), ==, "stale");
    g_assert_cmpuint (cg_categories_get_n (), ==, 2);
  }

  /* A new version without categories: the built-in list comes back. */
  {
    g_autoptr(JsonObject) v2 = signed_doc ("store:0421", 2, "{}", "k1", &k1);
    g_autoptr(JsonObject) v2_rep = cg_test_replicated (v2, "3-cccc 2-bbbb 1-aaaa", FALSE);

    g_assert_true (cg_store_put_replicated (store, v2_rep, &error));
    g_assert_true (cg_config_refresh (store));
    g_assert_cmpuint (cg_categories_get_n (), ==, builtin_n);
    g_assert_cmpint (cg_sla_policies_lookup (cg_case_get_sla_policies (store), "urgent")->first_response_min,
                     ==, 15);
  }
}

/* An old config written as a conflicting branch does not hide the newer
 * one: the refresh tries the newest version first. */
static void
test_refresh_conflict (void)
{
  g_autoptr(CgStore) store = device_store ();
  g_autoptr(JsonObject) v5 = signed_doc ("global", 5, "{\"sync\": {\"interval_s\": 50}}", "k1", &k1);
  g_autoptr(JsonObject) v4 = signed_doc ("global", 4, "{\"sync\": {\"interval_s\": 40}}", "k1", &k1);
  g_autoptr(JsonObject) r5 = cg_test_replicated (v5, "2-aaaa 1-0000", FALSE);
  g_autoptr(JsonObject) r4 = cg_test_replicated (v4, "2-ffff 1-0000", FALSE);   /* wins by hash */
  g_autoptr(JsonObject) effective = NULL;
  g_autoptr(JsonObject) winner = NULL;
  gint64 v = 0;

  g_assert_true (cg_store_put_replicated (store, r5, NULL));
  g_assert_true (cg_store_put_replicated (store, r4, NULL));
  winner = cg_store_get (store, "config:global", FALSE, NULL);
  g_assert_true (cg_json_get_int (winner, "version", &v));
  g_assert_cmpint (v, ==, 4);

  g_assert_true (cg_config_refresh (store));
  effective = cg_config_dup_effective (store);
  g_assert_true (cg_json_get_int (cg_json_get_object (effective, "sync"), "interval_s", &v));
  g_assert_cmpint (v, ==, 50);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  keys_init ();

  g_test_add_func ("/config/sign-verify", test_sign_verify);
  g_test_add_func ("/config/sign-canonical", test_sign_canonical);
  g_test_add_func ("/config/validate-settings", test_validate_settings);
  g_test_add_func ("/config/merge", test_merge);
  g_test_add_func ("/config/scopes", test_scopes);
  g_test_add_func ("/config/accept-and-refusals", test_accept_and_refusals);
  g_test_add_func ("/config/key-rotation", test_key_rotation);
  g_test_add_func ("/config/precedence", test_precedence);
  g_test_add_func ("/config/refresh-applies", test_refresh_applies);
  g_test_add_func ("/config/refresh-conflict", test_refresh_conflict);

  return g_test_run ();
}
