/* fuzz-config.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Config verification and acceptance on a device that trusts one fixed
 * key ("fuzz-k1", from a fixed seed; the seed corpus is signed with it).
 * The first byte picks the mode, the rest is a config document or an array
 * of up to 4 accepted in order (key rotation):
 *
 *   '0' (even)  as pulled: cg_config_accept. Whatever is accepted must
 *               verify with the keys trusted just before — forged input
 *               must never be accepted.
 *   '1' (odd)   each object is first signed with the trusted key, so the
 *               settings schema, versions and key rotation are reached;
 *               the signature must then verify.
 *
 * The config state is cleared after every input.
 */
#define G_LOG_DOMAIN "fuzz-config"

#include "config.h"

#include <sodium.h>

#include "cg-fuzz-util.h"

#define MAX_DOCS 4
#define KEY_ID "fuzz-k1"

static CgStore *store;
static char *secret_b64;
static char *public_b64;

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  guchar seed[crypto_sign_SEEDBYTES];
  guchar pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  g_autofree char *trusted = NULL;

  cg_fuzz_init ();
  if (sodium_init () < 0)
    abort ();
  memset (seed, 0x43, sizeof seed);
  crypto_sign_seed_keypair (pk, sk, seed);
  public_b64 = g_base64_encode (pk, sizeof pk);
  secret_b64 = g_base64_encode (sk, sizeof sk);
  trusted = g_strdup_printf ("[{\"key_id\":\"" KEY_ID "\",\"public_key\":\"%s\"}]", public_b64);

  store = cg_fuzz_open_store ();
  if (!cg_store_set_meta (store, "region", "seoul", NULL) ||
      !cg_store_set_meta (store, "trusted_keys", trusted, NULL))
    abort ();
  return 0;
}

/* Whether @trusted still holds the fixed key under its id (an accepted
 * config of the same input may have revoked it). */
static gboolean
trusts_fixed_key (JsonArray *trusted)
{
  for (guint i = 0; i < json_array_get_length (trusted); i++)
    {
      JsonObject *key = json_array_get_object_element (trusted, i);
      if (g_strcmp0 (cg_json_get_string (key, "key_id"), KEY_ID) == 0)
        return g_strcmp0 (cg_json_get_string (key, "public_key"), public_b64) == 0;
    }
  return FALSE;
}

/* Back to a device that has applied no config. */
static void
reset (void)
{
  g_auto(GStrv) scopes = cg_config_device_scopes (store);
  const char *keys[] = { "config.scopes", "config.trusted_keys", "config.revoked_keys", "config.rejection" };

  for (guint i = 0; scopes[i] != NULL; i++)
    {
      g_autofree char *version = g_strconcat ("config.version.", scopes[i], NULL);
      g_autofree char *applied = g_strconcat ("config.applied.", scopes[i], NULL);
      if (!cg_store_set_meta (store, version, NULL, NULL) ||
          !cg_store_set_meta (store, applied, NULL, NULL))
        abort ();
    }
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!cg_store_set_meta (store, keys[i], NULL, NULL))
      abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  gboolean sign;

  if (size < 1)
    return 0;
  sign = data[0] & 1;
  root = cg_fuzz_parse (data + 1, size - 1);
  if (root == NULL)
    return 0;
  if (JSON_NODE_HOLDS_OBJECT (root))
    g_ptr_array_add (docs, cg_json_copy (json_node_get_object (root)));
  else if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);
      for (guint i = 0; i < json_array_get_length (array) && docs->len < MAX_DOCS; i++)
        if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
          g_ptr_array_add (docs, cg_json_copy (json_array_get_object_element (array, i)));
    }

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      g_autoptr(JsonArray) trusted = cg_config_dup_trusted_keys (store);
      g_autoptr(GError) error = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      if (sign)
        {
          if (!cg_config_sign (doc, KEY_ID, secret_b64, NULL))
            continue;   /* nothing to sign: not canonicalisable */
          if (trusts_fixed_key (trusted))
            cg_fuzz_check (cg_config_verify_signature (doc, trusted, NULL),
                           "a document signed with the trusted key verifies");
        }

      {
        g_autoptr(JsonObject) effective = cg_config_dup_effective (store);
        before = cg_canonical_json_object (effective, NULL);
      }
      if (cg_config_accept (store, doc, &error))
        {
          cg_fuzz_note ("accepted %s\n", cg_json_get_string (doc, "_id"));
          g_autoptr(JsonObject) effective = NULL;
          g_autoptr(CgSlaPolicies) policies = NULL;

          cg_fuzz_check (cg_config_verify_signature (doc, trusted, NULL),
                         "an accepted config verifies with the keys trusted before");
          effective = cg_config_dup_effective (store);
          cg_fuzz_check (effective != NULL, "the effective settings exist");
          policies = cg_config_dup_sla_policies (store);
          cg_fuzz_check (policies != NULL, "the SLA policies exist");
        }
      else
        {
          g_autoptr(JsonObject) effective = cg_config_dup_effective (store);
          cg_fuzz_check (error != NULL, "a refusal says why");
          cg_fuzz_note ("refused: %s\n", error->message);
          after = cg_canonical_json_object (effective, NULL);
          cg_fuzz_check (g_strcmp0 (before, after) == 0, "a refused config changes nothing");
        }
    }
  reset ();
  return 0;
}
