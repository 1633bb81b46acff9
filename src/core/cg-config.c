/* cg-config.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signed configuration (CONFIG.md): signing, verification, the settings
 * schema, merging, and acceptance on a device.
 *
 * What a device keeps (store metadata; all written in ONE transaction when
 * a config is accepted, so a crash leaves either the old or the new state):
 *   config.version.<scope>  the version in force for the scope ("7")
 *   config.applied.<scope>  {version, issued_at, key_id, signature,
 *                            settings} of the config in force
 *   config.scopes           JSON array of the scopes with a config in force
 *   config.trusted_keys     keys added by configs (derived, see below)
 *   config.revoked_keys     key ids revoked by configs (derived)
 *   config.rejection        the last refusal {scope, version, reason, code,
 *                            at}; the only thing a refusal writes. Cleared
 *                            when a config of the same scope is accepted.
 *
 * Trusted keys and rotation. The keys a device trusts are
 *
 *     provisioning keys (meta "trusted_keys")
 *   ∪ settings.trusted_keys of the config in force of every scope
 *   − settings.revoked_keys of the config in force of every scope
 *
 * recomputed whenever a config is accepted. So a key added by a config
 * stays trusted exactly as long as some config in force lists it: a newer
 * config of the same scope that no longer lists it drops it (unless
 * another scope's config still does). "revoked_keys" (a list of key ids)
 * removes a key whatever listed it, the provisioning file included: the
 * way out of a leaked provisioning key. To rotate: sign, with the old key,
 * a config that lists the new key; then sign with the new one, and list
 * the old one in revoked_keys (or stop listing it) when it should go. A
 * config is always verified against the keys trusted BEFORE it, never
 * against keys it adds itself. A config may not give a trusted key id
 * another public key (refused as invalid): key ids are names the admin
 * reads in reports, and rebinding one would be a quiet substitution.
 * Keys are trusted for every scope; whoever holds a trusted key is a
 * regional admin for this device.
 *
 * Versions: strictly greater than the one in force for the scope; the
 * same version again (replayed, or re-signed with other content) and
 * older ones are refused as stale.
 */
#define G_LOG_DOMAIN "cg-config"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "cg-canonical-json.h"
#include "cg-case.h"
#include "cg-categories.h"
#include "cg-config.h"
#include "cg-device.h"
#include "cg-json.h"
#include "cg-store.h"

G_DEFINE_QUARK (cg-config-error-quark, cg_config_error)

static void
ensure_sodium (void)
{
  /* Idempotent and thread-safe; fails only without a random source, and
   * then nothing about keys can work. */
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
}

/* ----------------------------------------------------------- signing */

void
cg_config_keygen (char **public_key_b64,
                  char **secret_key_b64)
{
  guchar pk[crypto_sign_PUBLICKEYBYTES];
  guchar sk[crypto_sign_SECRETKEYBYTES];

  g_return_if_fail (public_key_b64 != NULL);
  g_return_if_fail (secret_key_b64 != NULL);

  ensure_sodium ();
  crypto_sign_keypair (pk, sk);
  *public_key_b64 = g_base64_encode (pk, sizeof pk);
  *secret_key_b64 = g_base64_encode (sk, sizeof sk);
  sodium_memzero (sk, sizeof sk);
}

char *
cg_config_signing_input (JsonObject  *doc,
                         GError     **error)
{
  g_autoptr(JsonObject) copy = NULL;

  g_return_val_if_fail (doc != NULL, NULL);

  copy = cg_json_copy (doc);
  json_object_remove_member (copy, "_id");
  json_object_remove_member (copy, "_rev");
  json_object_remove_member (copy, "_revisions");
  json_object_remove_member (copy, "signature");
  return cg_canonical_json_object (copy, error);
}

/* Decodes base64 into exactly @len bytes. */
static gboolean
decode_b64 (const char *text,
            guchar     *out,
            gsize       len)
{
  g_autofree guchar *raw = NULL;
  gsize raw_len = 0;

  if (text == NULL || *text == '\0')
    return FALSE;
  /* g_base64_decode skips characters outside the alphabet; refuse those
   * up front so "garbage" is not read as a shorter key. */
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
      return FALSE;
  raw = g_base64_decode (text, &raw_len);
  if (raw_len != len)
    {
      if (raw != NULL)
        sodium_memzero (raw, raw_len);
      return FALSE;
    }
  memcpy (out, raw, len);
  sodium_memzero (raw, raw_len);
  return TRUE;
}

gboolean
cg_config_sign (JsonObject  *doc,
                const char  *key_id,
                const char  *secret_key_b64,
                GError     **error)
{
  guchar sk[crypto_sign_SECRETKEYBYTES];
  guchar sig[crypto_sign_BYTES];
  g_autofree char *input = NULL;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (key_id != NULL && *key_id != '\0', FALSE);
  g_return_val_if_fail (secret_key_b64 != NULL, FALSE);

  ensure_sodium ();
  if (!decode_b64 (secret_key_b64, sk, sizeof sk))
    {
      /* Accept a bare 32-byte seed as well. */
      guchar seed[crypto_sign_SEEDBYTES];
      guchar pk[crypto_sign_PUBLICKEYBYTES];

      if (!decode_b64 (secret_key_b64, seed, sizeof seed))
        {
          g_set_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_MALFORMED,
                       _("The secret key is not a base64 Ed25519 key; "
                         "use a key file written by “changgu-admin keygen”"));
          return FALSE;
        }
      crypto_sign_seed_keypair (pk, sk, seed);
      sodium_memzero (seed, sizeof seed);
    }

  json_object_set_string_member (doc, "key_id", key_id);
  json_object_remove_member (doc, "signature");
  input = cg_config_signing_input (doc, error);
  if (input == NULL)
    {
      sodium_memzero (sk, sizeof sk);
      return FALSE;
    }
  crypto_sign_detached (sig, NULL, (const guchar *) input, strlen (input), sk);
  sodium_memzero (sk, sizeof sk);
  {
    g_autofree char *sig_b64 = g_base64_encode (sig, sizeof sig);
    json_object_set_string_member (doc, "signature", sig_b64);
  }
  return TRUE;
}

/* The public key of @key_id in @keys (an array of {key_id, public_key}),
 * or NULL. */
static const char *
find_key (JsonArray  *keys,
          const char *key_id)
{
  guint n = keys ? json_array_get_length (keys) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (keys, i);
      JsonObject *key;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      key = json_node_get_object (node);
      if (g_strcmp0 (cg_json_get_string (key, "key_id"), key_id) == 0)
        return cg_json_get_string (key, "public_key");
    }
  return NULL;
}

gboolean
cg_config_verify_signature (JsonObject  *doc,
                            JsonArray   *trusted_keys,
                            GError     **error)
{
  const char *key_id, *signature, *public_key;
  guchar pk[crypto_sign_PUBLICKEYBYTES];
  guchar sig[crypto_sign_BYTES];
  g_autofree char *input = NULL;

  g_return_val_if_fail (doc != NULL, FALSE);

  ensure_sodium ();
  key_id = cg_json_get_string (doc, "key_id");
  signature = cg_json_get_string (doc, "signature");
  if (key_id == NULL || signature == NULL)
    {
      g_set_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_MALFORMED,
                   _("The configuration is not signed: it has no key_id or signature"));
      return FALSE;
    }
  public_key = find_key (trusted_keys, key_id);
  if (public_key == NULL)
    {
      g_set_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_UNKNOWN_KEY,
                   _("The configuration is signed with key “%s”, which this device does not trust"),
                   key_id);
      return FALSE;
    }
  if (!decode_b64 (public_key, pk, sizeof pk))
    {
      g_set_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_UNKNOWN_KEY,
                   _("The trusted key “%s” is not a base64 Ed25519 public key"),
                   key_id);
      return FALSE;
    }
  if (!decode_b64 (signature, sig, sizeof sig))
    {
      g_set_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_BAD_SIGNATURE,
                   _("The configuration's signature is not a base64 Ed25519 signature"));
      return FALSE;
    }
  input = cg_config_signing_input (doc, error);
  if (input == NULL)
    {
      g_prefix_error (error, "%s", _("The configuration cannot be verified: "));
      if (error != NULL && *error != NULL)
        {
          (*error)->domain = CG_CONFIG_ERROR;
          (*error)->code = CG_CONFIG_ERROR_MALFORMED;
        }
      return FALSE;
    }
  if (crypto_sign_verify_detached (sig, (const guchar *) input, strlen (input), pk) != 0)
    {
      g_set_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_BAD_SIGNATURE,
                   _("The configuration's signature does not verify with key “%s”: "
                     "it was changed after signing or signed with another key"),
                   key_id);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------- settings */

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_INVALID, message);
  return FALSE;
}

/* A section of the settings: absent is fine, anything but an object is
 * not. Returns FALSE with @error for the latter; *@out NULL when absent. */
static gboolean
get_section (JsonObject  *settings,
             const char  *name,
             JsonObject **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (settings, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("%s must be an object"), name);
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
check_int (JsonObject  *section,
           const char  *section_name,
           const char  *key,
           gint64       min,
           gint64       max,
           gint64      *value,
           GError     **error)
{
  gint64 v;

  if (!json_object_has_member (section, key))
    return TRUE;
  if (!cg_json_get_int (section, key, &v) || v < min || v > max)
    {
      g_autofree char *smin = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *smax = g_strdup_printf ("%" G_GINT64_FORMAT, max);
      return invalid (error, _("%s.%s must be a whole number from %s to %s"),
                      section_name, key, smin, smax);
    }
  if (value)
    *value = v;
  return TRUE;
}

static gboolean
check_bool (JsonObject  *section,
            const char  *section_name,
            const char  *key,
            GError     **error)
{
  JsonNode *node = json_object_get_member (section, key);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, _("%s.%s must be true or false"), section_name, key);
  return TRUE;
}

/* An array of strings, each one of @allowed; @min_len elements at least. */
static gboolean
check_string_set (JsonObject         *section,
                  const char         *section_name,
                  const char         *key,
                  const char * const *allowed,
                  guint               min_len,
                  GError            **error)
{
  JsonNode *node = json_object_get_member (section, key);
  g_autofree char *list = g_strjoinv (", ", (char **) allowed);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, _("%s.%s must be a list of: %s"), section_name, key, list);
  array = json_node_get_array (node);
  if (json_array_get_length (array) < min_len)
    return invalid (error, _("%s.%s must list at least one of: %s"), section_name, key, list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *s = cg_json_array_get_string (array, i);

      if (s == NULL || !g_strv_contains (allowed, s))
        return invalid (error, _("%s.%s may only contain: %s"), section_name, key, list);
    }
  return TRUE;
}

static gboolean
is_slug (const char *s)
{
  if (s == NULL || *s == '\0' || strlen (s) > 64)
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
validate_sync (JsonObject *settings, GError **error)
{
  JsonObject *s;

  if (!get_section (settings, "sync", &s, error))
    return FALSE;
  if (s == NULL)
    return TRUE;
  return check_int (s, "sync", "interval_s", 5, 86400, NULL, error) &&
         check_int (s, "sync", "backoff_max_s", 5, 86400, NULL, error) &&
         check_int (s, "sync", "batch_size", 10, 5000, NULL, error) &&
         check_bool (s, "sync", "live", error);
}

static const char * const kiosk_features[] = {
  "checkin", "pickup", "faq", "report_problem", "feedback", NULL
};
static const char * const kiosk_languages[] = { "ko", "en", NULL };

/* Longest store name shown on the attract screen, in characters. */
#define KIOSK_STORE_NAME_MAX 80

/* kiosk.store_name: {"ko": "…", "en": "…"}, either optional, each
 * non-empty text of at most KIOSK_STORE_NAME_MAX characters. */
static gboolean
validate_kiosk_store_name (JsonObject *k, GError **error)
{
  static const char * const langs[] = { "ko", "en" };
  JsonNode *node = json_object_get_member (k, "store_name");
  JsonObject *names;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("kiosk.store_name must be an object {\"ko\": …, \"en\": …}"));
  names = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      JsonNode *name = json_object_get_member (names, langs[i]);
      const char *text;

      if (name == NULL)
        continue;
      text = JSON_NODE_HOLDS_VALUE (name) && json_node_get_value_type (name) == G_TYPE_STRING
             ? json_node_get_string (name) : NULL;
      if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL) ||
          g_utf8_strlen (text, -1) > KIOSK_STORE_NAME_MAX)
        return invalid (error, _("kiosk.store_name.%s must be text of 1 to %d characters"),
                        langs[i], KIOSK_STORE_NAME_MAX);
    }
  return TRUE;
}

static gboolean
validate_kiosk (JsonObject *settings, GError **error)
{
  JsonObject *k;
  gint64 timeout = -1, warning = -1;
  JsonNode *pin;

  if (!get_section (settings, "kiosk", &k, error))
    return FALSE;
  if (k == NULL)
    return TRUE;
  if (!check_int (k, "kiosk", "idle_timeout_s", 10, 3600, &timeout, error) ||
      !check_int (k, "kiosk", "idle_warning_s", 5, 600, &warning, error) ||
      !check_string_set (k, "kiosk", "features", kiosk_features, 0, error) ||
      !check_string_set (k, "kiosk", "languages", kiosk_languages, 1, error))
    return FALSE;
  /* Compared only when both are set here: the other may come from a
   * broader scope, and the kiosk clamps the warning at run time. */
  if (timeout >= 0 && warning >= 0 && warning >= timeout)
    return invalid (error, _("kiosk.idle_warning_s must be less than kiosk.idle_timeout_s"));
  pin = json_object_get_member (k, "exit_pin_hash");
  if (pin != NULL &&
      (!g_str_has_prefix (cg_json_get_string (k, "exit_pin_hash") ?: "", "$argon2id$")))
    return invalid (error, _("kiosk.exit_pin_hash must be an Argon2id hash (starting “$argon2id$”)"));
  return validate_kiosk_store_name (k, error);
}

static gboolean
validate_sla (JsonObject *settings, GError **error)
{
  JsonObject *sla, *hours;
  g_autoptr(CgSlaPolicies) policies = NULL;
  g_autoptr(CgBusinessHours) bh = NULL;
  g_autoptr(GError) local = NULL;

  if (!get_section (settings, "sla", &sla, error) ||
      !get_section (settings, "business_hours", &hours, error))
    return FALSE;
  if (hours != NULL)
    {
      bh = cg_business_hours_new_from_json (hours, &local);
      if (bh == NULL)
        return invalid (error, "business_hours: %s", local->message);
    }
  if (sla != NULL)
    {
      policies = cg_sla_policies_new_from_settings (sla, hours, &local);
      if (policies == NULL)
        return invalid (error, "sla: %s", local->message);
    }
  return TRUE;
}

static gboolean
validate_categories (JsonObject *settings, GError **error)
{
  JsonNode *node = json_object_get_member (settings, "categories");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    return invalid (error, _("categories must be a non-empty list of {id, label: {ko, en}}"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);
      JsonObject *cat, *label;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        return invalid (error, _("categories[%u] must be an object {id, label: {ko, en}}"), i);
      cat = json_node_get_object (el);
      id = cg_json_get_string (cat, "id");
      if (!is_slug (id))
        return invalid (error, _("categories[%u].id must be lower-case letters, digits, “_” or “-”"), i);
      if (!g_hash_table_add (seen, (gpointer) id))
        return invalid (error, _("categories[%u].id “%s” is listed twice"), i, id);
      label = cg_json_get_object (cat, "label");
      if (label == NULL ||
          cg_json_get_string (label, "ko") == NULL || *cg_json_get_string (label, "ko") == '\0' ||
          cg_json_get_string (label, "en") == NULL || *cg_json_get_string (label, "en") == '\0')
        return invalid (error, _("categories[%u].label must have non-empty “ko” and “en” texts"), i);
    }
  return TRUE;
}

static gboolean
validate_retention (JsonObject *settings, GError **error)
{
  JsonObject *r;

  if (!get_section (settings, "retention", &r, error))
    return FALSE;
  if (r == NULL)
    return TRUE;
  return check_int (r, "retention", "closed_case_days", 1, 3650, NULL, error) &&
         check_int (r, "retention", "checkin_days", 1, 3650, NULL, error);
}

static gboolean
validate_keys (JsonObject *settings, GError **error)
{
  JsonNode *node = json_object_get_member (settings, "trusted_keys");
  JsonNode *revoked = json_object_get_member (settings, "revoked_keys");

  if (node != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return invalid (error, _("trusted_keys must be a list of {key_id, public_key}"));
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *el = json_array_get_element (array, i);
          guchar pk[crypto_sign_PUBLICKEYBYTES];
          JsonObject *key;
          const char *key_id;

          if (!JSON_NODE_HOLDS_OBJECT (el))
            return invalid (error, _("trusted_keys[%u] must be an object {key_id, public_key}"), i);
          key = json_node_get_object (el);
          key_id = cg_json_get_string (key, "key_id");
          if (key_id == NULL || *key_id == '\0')
            return invalid (error, _("trusted_keys[%u].key_id must be a non-empty text"), i);
          if (!decode_b64 (cg_json_get_string (key, "public_key"), pk, sizeof pk))
            return invalid (error, _("trusted_keys[%u].public_key must be a base64 Ed25519 public key (32 bytes)"), i);
        }
    }
  if (revoked != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (revoked))
        return invalid (error, _("revoked_keys must be a list of key ids"));
      array = json_node_get_array (revoked);
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (cg_json_array_get_string (array, i) == NULL)
          return invalid (error, _("revoked_keys[%u] must be a key id"), i);
    }
  return TRUE;
}

static gboolean
validate_counter (JsonObject *settings, GError **error)
{
  JsonObject *c;

  if (!get_section (settings, "counter", &c, error))
    return FALSE;
  if (c == NULL)
    return TRUE;
  return check_int (c, "counter", "lock_timeout_s", 30, 3600, NULL, error);
}

gboolean
cg_config_validate_settings (JsonObject  *settings,
                             GError     **error)
{
  if (settings == NULL)
    return invalid (error, _("settings must be an object"));

  return validate_sync (settings, error) &&
         validate_kiosk (settings, error) &&
         validate_sla (settings, error) &&
         validate_categories (settings, error) &&
         validate_retention (settings, error) &&
         validate_keys (settings, error) &&
         validate_counter (settings, error);
}

JsonObject *
cg_config_merge (JsonObject *base,
                 JsonObject *over)
{
  JsonObject *out = base != NULL ? cg_json_copy (base) : json_object_new ();
  g_autoptr(GList) names = over != NULL ? json_object_get_members (over) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *old = json_object_get_member (out, name);
      JsonNode *new = json_object_get_member (over, name);

      /* Objects merge key by key; arrays and scalars replace. */
      if (old != NULL && JSON_NODE_HOLDS_OBJECT (old) && JSON_NODE_HOLDS_OBJECT (new))
        {
          JsonNode *node = json_node_new (JSON_NODE_OBJECT);

          json_node_take_object (node, cg_config_merge (json_node_get_object (old),
                                                         json_node_get_object (new)));
          json_object_set_member (out, name, node);
        }
      else
        json_object_set_member (out, name, cg_json_node_copy (new));
    }
  return out;
}

/* --------------------------------------------------------- on a device */

#define META_PROVISIONED_KEYS "trusted_keys"
#define META_ADDED_KEYS       "config.trusted_keys"
#define META_REVOKED_KEYS     "config.revoked_keys"
#define META_SCOPES           "config.scopes"
#define META_VERSION_PREFIX   "config.version."
#define META_APPLIED_PREFIX   "config.applied."
#define META_REJECTION        "config.rejection"

static JsonNode *
meta_json (CgStore    *store,
           const char *key)
{
  g_autofree char *text = cg_store_get_meta (store, key);

  if (text == NULL || *text == '\0')
    return NULL;
  return json_from_string (text, NULL);
}

static JsonArray *
meta_array (CgStore    *store,
            const char *key)
{
  g_autoptr(JsonNode) node = meta_json (store, key);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return json_array_new ();
  return json_array_ref (json_node_get_array (node));
}

static JsonObject *
meta_object (CgStore    *store,
             const char *key)
{
  g_autoptr(JsonNode) node = meta_json (store, key);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

static char *
array_to_string (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (node, array);
  return json_to_string (node, FALSE);
}

/* What was applied for @scope: {version, issued_at, key_id, signature,
 * settings}, or NULL. */
static JsonObject *
dup_applied_record (CgStore    *store,
                    const char *scope)
{
  g_autofree char *key = g_strconcat (META_APPLIED_PREFIX, scope, NULL);
  return meta_object (store, key);
}

static gint64
applied_version (CgStore    *store,
                 const char *scope)
{
  g_autofree char *key = g_strconcat (META_VERSION_PREFIX, scope, NULL);
  g_autofree char *text = cg_store_get_meta (store, key);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

static void
add_scope (GStrvBuilder *builder,
           const char   *kind,
           const char   *name)
{
  g_autofree char *scope = NULL;

  if (name == NULL || *name == '\0')
    return;
  scope = g_strconcat (kind, name, NULL);
  g_strv_builder_add (builder, scope);
}

GStrv
cg_config_device_scopes (CgStore *store)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *region = cg_store_get_meta (store, "region");
  g_autofree char *store_id = cg_device_get_store_id (store);
  g_autofree char *device_id = cg_device_get_id (store);

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  g_strv_builder_add (builder, "global");
  add_scope (builder, "region:", region);
  add_scope (builder, "store:", store_id);
  add_scope (builder, "device:", device_id);
  return g_strv_builder_end (builder);
}

JsonArray *
cg_config_dup_trusted_keys (CgStore *store)
{
  g_autoptr(JsonArray) provisioned = meta_array (store, META_PROVISIONED_KEYS);
  g_autoptr(JsonArray) added = meta_array (store, META_ADDED_KEYS);
  g_autoptr(JsonArray) revoked = meta_array (store, META_REVOKED_KEYS);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *out = json_array_new ();
  JsonArray *sources[] = { provisioned, added };

  g_return_val_if_fail (CG_IS_STORE (store), out);

  for (guint i = 0; i < json_array_get_length (revoked); i++)
    if (cg_json_array_get_string (revoked, i) != NULL)
      g_hash_table_add (seen, g_strdup (cg_json_array_get_string (revoked, i)));

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    for (guint i = 0; i < json_array_get_length (sources[s]); i++)
      {
        JsonNode *el = json_array_get_element (sources[s], i);
        JsonObject *key, *copy;
        const char *key_id, *public_key;

        if (!JSON_NODE_HOLDS_OBJECT (el))
          continue;
        key = json_node_get_object (el);
        key_id = cg_json_get_string (key, "key_id");
        public_key = cg_json_get_string (key, "public_key");
        /* First wins: a config cannot replace the public key behind a
         * key_id the device already trusts (and acceptance refuses one
         * that tries). */
        if (key_id == NULL || public_key == NULL || g_hash_table_contains (seen, key_id))
          continue;
        g_hash_table_add (seen, g_strdup (key_id));
        copy = json_object_new ();
        json_object_set_string_member (copy, "key_id", key_id);
        json_object_set_string_member (copy, "public_key", public_key);
        json_array_add_object_element (out, copy);
      }
  return out;
}

static gboolean
malformed (GError     **error,
           const char  *what)
{
  g_set_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_MALFORMED,
               _("Not a usable config document: %s"), what);
  return FALSE;
}

/* Structure: type, _id matching scope, version, issued_at, key_id,
 * signature, settings. */
static gboolean
check_structure (JsonObject  *doc,
                 GError     **error)
{
  const char *scope = cg_json_get_string (doc, "scope");
  const char *id = cg_json_get_string (doc, "_id");
  const char *issued_at = cg_json_get_string (doc, "issued_at");
  g_autoptr(GDateTime) issued = NULL;
  g_autofree char *expected_id = NULL;
  gint64 version;

  if (g_strcmp0 (cg_json_get_string (doc, "type"), "config") != 0)
    return malformed (error, _("its type is not “config”"));
  if (scope == NULL ||
      !(g_str_equal (scope, "global") ||
        (g_str_has_prefix (scope, "region:") && scope[7] != '\0') ||
        (g_str_has_prefix (scope, "store:") && scope[6] != '\0') ||
        (g_str_has_prefix (scope, "device:") && scope[7] != '\0')))
    return malformed (error, _("its scope is not global, region:R, store:S or device:D"));
  expected_id = g_strconcat ("config:", scope, NULL);
  if (g_strcmp0 (id, expected_id) != 0)
    return malformed (error, _("its _id does not match its scope"));
  if (!cg_json_get_int (doc, "version", &version) || version < 1)
    return malformed (error, _("its version is not a whole number of at least 1"));
  if (issued_at != NULL)
    issued = g_date_time_new_from_iso8601 (issued_at, NULL);
  if (issued == NULL)
    return malformed (error, _("its issued_at is not an RFC 3339 time"));
  if (cg_json_get_string (doc, "key_id") == NULL)
    return malformed (error, _("it has no key_id"));
  if (cg_json_get_string (doc, "signature") == NULL)
    return malformed (error, _("it has no signature"));
  if (cg_json_get_object (doc, "settings") == NULL)
    return malformed (error, _("its settings are not an object"));
  return TRUE;
}

/* The scopes with an applied record (JSON array of strings in meta). */
static GStrv
applied_scopes (CgStore *store)
{
  g_autoptr(JsonArray) array = meta_array (store, META_SCOPES);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (cg_json_array_get_string (array, i) != NULL)
      g_strv_builder_add (builder, cg_json_array_get_string (array, i));
  return g_strv_builder_end (builder);
}

/* Keys a config lists, as they will be once @scope's record is replaced
 * by @settings: the union over the latest record of every scope. Also the
 * revoked key ids. Fails when a listed key_id already names another
 * public key. */
static gboolean
collect_keys (CgStore     *store,
              const char  *scope,
              JsonObject  *settings,
              JsonArray  **added_out,
              JsonArray  **revoked_out,
              GError     **error)
{
  g_auto(GStrv) scopes = applied_scopes (store);
  g_autoptr(JsonArray) provisioned = meta_array (store, META_PROVISIONED_KEYS);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) revoked_seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonArray) added = json_array_new ();
  g_autoptr(JsonArray) revoked = json_array_new ();

  for (guint i = 0; i < json_array_get_length (provisioned); i++)
    {
      JsonNode *el = json_array_get_element (provisioned, i);
      if (JSON_NODE_HOLDS_OBJECT (el) && cg_json_get_string (json_node_get_object (el), "key_id"))
        g_hash_table_insert (by_id,
                             (gpointer) cg_json_get_string (json_node_get_object (el), "key_id"),
                             (gpointer) cg_json_get_string (json_node_get_object (el), "public_key"));
    }

  /* This config first, so that the error names it when it conflicts. */
  g_ptr_array_add (records, json_object_ref (settings));
  for (guint i = 0; scopes[i] != NULL; i++)
    {
      g_autoptr(JsonObject) record = NULL;
      JsonObject *s;

      if (g_str_equal (scopes[i], scope))
        continue;
      record = dup_applied_record (store, scopes[i]);
      s = record ? cg_json_get_object (record, "settings") : NULL;
      if (s != NULL)
        g_ptr_array_add (records, json_object_ref (s));
    }

  for (guint r = 0; r < records->len; r++)
    {
      JsonObject *s = g_ptr_array_index (records, r);
      JsonArray *keys = cg_json_get_array (s, "trusted_keys");
      JsonArray *rev = cg_json_get_array (s, "revoked_keys");

      for (guint i = 0; keys != NULL && i < json_array_get_length (keys); i++)
        {
          JsonNode *el = json_array_get_element (keys, i);
          JsonObject *key;
          const char *key_id, *public_key, *known;
          JsonObject *copy;

          if (!JSON_NODE_HOLDS_OBJECT (el))
            continue;
          key = json_node_get_object (el);
          key_id = cg_json_get_string (key, "key_id");
          public_key = cg_json_get_string (key, "public_key");
          if (key_id == NULL || public_key == NULL)
            continue;
          known = g_hash_table_lookup (by_id, key_id);
          if (g_hash_table_contains (by_id, key_id))
            {
              if (g_strcmp0 (known, public_key) != 0 && r == 0)
                return invalid (error, _("trusted_keys: key id “%s” already names another public key"),
                                key_id);
              continue;
            }
          g_hash_table_insert (by_id, (gpointer) key_id, (gpointer) public_key);
          copy = json_object_new ();
          json_object_set_string_member (copy, "key_id", key_id);
          json_object_set_string_member (copy, "public_key", public_key);
          json_array_add_object_element (added, copy);
        }
      for (guint i = 0; rev != NULL && i < json_array_get_length (rev); i++)
        {
          const char *key_id = cg_json_array_get_string (rev, i);
          if (key_id != NULL && g_hash_table_add (revoked_seen, (gpointer) key_id))
            json_array_add_string_element (revoked, key_id);
        }
    }

  *added_out = g_steal_pointer (&added);
  *revoked_out = g_steal_pointer (&revoked);
  return TRUE;
}

static const char *
error_code_name (const GError *error)
{
  static const char * const names[] = {
    "malformed", "unknown_key", "bad_signature", "stale", "invalid", "not_for_device",
  };

  if (error->domain == CG_CONFIG_ERROR && error->code >= 0 &&
      (guint) error->code < G_N_ELEMENTS (names))
    return names[error->code];
  return "error";
}

/* Records a refusal in meta "config.rejection" unless the same refusal is
 * already recorded (a refresh meets the same bad document every time;
 * "at" keeps the first time). */
static void
record_rejection (CgStore      *store,
                  const char   *scope,
                  gint64        version,
                  const GError *why)
{
  g_autoptr(JsonObject) old = meta_object (store, META_REJECTION);
  g_autoptr(JsonObject) rejection = json_object_new ();
  g_autofree char *at = cg_json_timestamp_now ();
  g_autofree char *text = NULL;
  gint64 old_version = -1;

  if (old != NULL)
    cg_json_get_int (old, "version", &old_version);
  if (old != NULL &&
      g_strcmp0 (cg_json_get_string (old, "scope"), scope) == 0 &&
      old_version == version &&
      g_strcmp0 (cg_json_get_string (old, "reason"), why->message) == 0)
    return;

  if (scope != NULL)
    json_object_set_string_member (rejection, "scope", scope);
  else
    json_object_set_null_member (rejection, "scope");
  json_object_set_int_member (rejection, "version", version);
  json_object_set_string_member (rejection, "reason", why->message);
  json_object_set_string_member (rejection, "code", error_code_name (why));
  json_object_set_string_member (rejection, "at", at);
  text = cg_json_to_string (rejection);
  if (!cg_store_set_meta (store, META_REJECTION, text, NULL))
    g_message ("Could not record the refusal of config %s version %" G_GINT64_FORMAT,
               scope ? scope : "(none)", version);
}

static gboolean
accept_checked (CgStore     *store,
                JsonObject  *doc,
                GError     **error)
{
  const char *scope;
  gint64 version = 0, current;
  JsonObject *settings;
  g_auto(GStrv) scopes = NULL;
  g_autoptr(JsonArray) trusted = NULL;
  g_autoptr(JsonArray) added = NULL;
  g_autoptr(JsonArray) revoked = NULL;
  g_autoptr(JsonArray) scope_list = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) rejection = NULL;
  g_autofree char *version_key = NULL;
  g_autofree char *applied_key = NULL;
  g_autofree char *version_text = NULL;
  g_autofree char *record_text = NULL;
  g_autofree char *added_text = NULL;
  g_autofree char *revoked_text = NULL;
  g_autofree char *scopes_text = NULL;
  gboolean listed = FALSE;

  if (!check_structure (doc, error))
    return FALSE;
  scope = cg_json_get_string (doc, "scope");
  cg_json_get_int (doc, "version", &version);
  settings = cg_json_get_object (doc, "settings");

  scopes = cg_config_device_scopes (store);
  if (!g_strv_contains ((const char * const *) scopes, scope))
    {
      g_set_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_NOT_FOR_DEVICE,
                   _("Config %s does not apply to this device"), scope);
      return FALSE;
    }

  trusted = cg_config_dup_trusted_keys (store);
  if (!cg_config_verify_signature (doc, trusted, error))
    return FALSE;

  current = applied_version (store, scope);
  if (version <= current)
    {
      g_autofree char *sv = g_strdup_printf ("%" G_GINT64_FORMAT, version);
      g_autofree char *sc = g_strdup_printf ("%" G_GINT64_FORMAT, current);
      g_set_error (error, CG_CONFIG_ERROR, CG_CONFIG_ERROR_STALE,
                   _("Config %s version %s is not newer than version %s, which is in force "
                     "(an old or replayed config)"), scope, sv, sc);
      return FALSE;
    }

  if (!cg_config_validate_settings (settings, error) ||
      !collect_keys (store, scope, settings, &added, &revoked, error))
    {
      g_prefix_error (error, _("Config %s: "), scope);
      return FALSE;
    }

  record = json_object_new ();
  json_object_set_int_member (record, "version", version);
  json_object_set_string_member (record, "issued_at", cg_json_get_string (doc, "issued_at"));
  json_object_set_string_member (record, "key_id", cg_json_get_string (doc, "key_id"));
  json_object_set_string_member (record, "signature", cg_json_get_string (doc, "signature"));
  json_object_set_object_member (record, "settings", cg_json_copy (settings));
  record_text = cg_json_to_string (record);

  scope_list = meta_array (store, META_SCOPES);
  for (guint i = 0; i < json_array_get_length (scope_list); i++)
    listed |= g_strcmp0 (cg_json_array_get_string (scope_list, i), scope) == 0;
  if (!listed)
    json_array_add_string_element (scope_list, scope);

  version_key = g_strconcat (META_VERSION_PREFIX, scope, NULL);
  applied_key = g_strconcat (META_APPLIED_PREFIX, scope, NULL);
  version_text = g_strdup_printf ("%" G_GINT64_FORMAT, version);
  added_text = array_to_string (added);
  revoked_text = array_to_string (revoked);
  scopes_text = array_to_string (scope_list);

  /* A refusal of an older config of this scope is superseded. */
  rejection = meta_object (store, META_REJECTION);

  if (!cg_store_begin (store, error))
    return FALSE;
  if (!cg_store_set_meta (store, version_key, version_text, error) ||
      !cg_store_set_meta (store, applied_key, record_text, error) ||
      !cg_store_set_meta (store, META_SCOPES, scopes_text, error) ||
      !cg_store_set_meta (store, META_ADDED_KEYS, added_text, error) ||
      !cg_store_set_meta (store, META_REVOKED_KEYS, revoked_text, error) ||
      (rejection != NULL && g_strcmp0 (cg_json_get_string (rejection, "scope"), scope) == 0 &&
       !cg_store_set_meta (store, META_REJECTION, NULL, error)))
    {
      cg_store_rollback (store);
      return FALSE;
    }
  return cg_store_commit (store, error);
}

gboolean
cg_config_accept (CgStore     *store,
                  JsonObject  *doc,
                  GError     **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (doc != NULL, FALSE);

  if (accept_checked (store, doc, &local))
    return TRUE;

  /* A store failure is not a verdict on the document. */
  if (local->domain == CG_CONFIG_ERROR)
    {
      gint64 version = 0;
      const char *scope = cg_json_get_string (doc, "scope");

      if (!cg_json_get_int (doc, "version", &version))
        version = 0;
      record_rejection (store, scope, version, local);
    }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

static int
compare_version_desc (gconstpointer a,
                      gconstpointer b)
{
  JsonObject *da = *(JsonObject **) a, *db = *(JsonObject **) b;
  gint64 va = 0, vb = 0;

  cg_json_get_int (da, "version", &va);
  cg_json_get_int (db, "version", &vb);
  return va < vb ? 1 : (va > vb ? -1 : 0);
}

/* Tries the live leaves of config:<scope>, newest version first, so that
 * an old signed config written as a conflicting branch cannot hide the
 * newest one. Returns TRUE when one was accepted. */
static gboolean
refresh_scope (CgStore    *store,
               const char *scope)
{
  g_autofree char *id = g_strconcat ("config:", scope, NULL);
  g_auto(GStrv) leaves = cg_store_get_leaves (store, id, FALSE);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonObject) record = dup_applied_record (store, scope);
  gint64 current = applied_version (store, scope);
  const char *current_sig = record ? cg_json_get_string (record, "signature") : NULL;

  for (guint i = 0; leaves != NULL && leaves[i] != NULL; i++)
    {
      JsonObject *doc = cg_store_get_revision (store, id, leaves[i], NULL);
      if (doc != NULL)
        g_ptr_array_add (docs, doc);
    }
  g_ptr_array_sort (docs, compare_version_desc);

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = g_ptr_array_index (docs, i);
      gint64 version = 0;
      g_autoptr(GError) error = NULL;

      /* The config in force, seen again: nothing to do. */
      if (cg_json_get_int (doc, "version", &version) && version == current &&
          g_strcmp0 (cg_json_get_string (doc, "signature"), current_sig) == 0)
        return FALSE;
      if (cg_config_accept (store, doc, &error))
        return TRUE;
      g_debug ("Config %s refused: %s", id, error->message);
    }
  return FALSE;
}

gboolean
cg_config_refresh (CgStore *store)
{
  g_auto(GStrv) scopes = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);

  scopes = cg_config_device_scopes (store);
  for (guint i = 0; scopes[i] != NULL; i++)
    changed |= refresh_scope (store, scopes[i]);
  if (changed)
    cg_config_apply (store);
  return changed;
}

JsonObject *
cg_config_dup_effective (CgStore *store)
{
  g_auto(GStrv) scopes = NULL;
  JsonObject *effective = json_object_new ();

  g_return_val_if_fail (CG_IS_STORE (store), effective);

  scopes = cg_config_device_scopes (store);
  for (guint i = 0; scopes[i] != NULL; i++)
    {
      g_autoptr(JsonObject) record = dup_applied_record (store, scopes[i]);
      JsonObject *settings = record ? cg_json_get_object (record, "settings") : NULL;
      JsonObject *merged;

      if (settings == NULL)
        continue;
      merged = cg_config_merge (effective, settings);
      json_object_unref (effective);
      effective = merged;
    }
  return effective;
}

JsonObject *
cg_config_dup_applied (CgStore *store)
{
  g_auto(GStrv) scopes = NULL;
  JsonObject *applied = json_object_new ();

  g_return_val_if_fail (CG_IS_STORE (store), applied);

  scopes = cg_config_device_scopes (store);
  for (guint i = 0; scopes[i] != NULL; i++)
    {
      g_autoptr(JsonObject) record = dup_applied_record (store, scopes[i]);
      JsonObject *entry;
      gint64 version;

      if (record == NULL || !cg_json_get_int (record, "version", &version))
        continue;
      entry = json_object_new ();
      json_object_set_int_member (entry, "version", version);
      if (cg_json_get_string (record, "issued_at") != NULL)
        json_object_set_string_member (entry, "issued_at", cg_json_get_string (record, "issued_at"));
      json_object_set_object_member (applied, scopes[i], entry);
    }
  return applied;
}

JsonObject *
cg_config_dup_rejection (CgStore *store)
{
  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  return meta_object (store, META_REJECTION);
}

gboolean
cg_config_get_source (CgStore     *store,
                      const char  *path,
                      char       **scope,
                      gint64      *version)
{
  g_auto(GStrv) scopes = NULL;
  g_auto(GStrv) parts = NULL;
  guint n;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  scopes = cg_config_device_scopes (store);
  parts = g_strsplit (path, ".", -1);
  n = g_strv_length (scopes);
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(JsonObject) record = dup_applied_record (store, scopes[i]);
      JsonObject *at = record ? cg_json_get_object (record, "settings") : NULL;
      gboolean found = at != NULL;

      for (guint p = 0; found && parts[p] != NULL; p++)
        {
          JsonNode *node = json_object_get_member (at, parts[p]);

          if (node == NULL)
            found = FALSE;
          else if (parts[p + 1] != NULL)
            {
              if (JSON_NODE_HOLDS_OBJECT (node))
                at = json_node_get_object (node);
              else
                found = FALSE;
            }
        }
      if (found)
        {
          if (scope)
            *scope = g_strdup (scopes[i]);
          if (version)
            cg_json_get_int (record, "version", version);
          return TRUE;
        }
    }
  if (scope)
    *scope = NULL;
  if (version)
    *version = 0;
  return FALSE;
}

CgSlaPolicies *
cg_config_dup_sla_policies (CgStore *store)
{
  g_autoptr(JsonObject) effective = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *sla, *hours;
  CgSlaPolicies *policies;

  g_return_val_if_fail (CG_IS_STORE (store), cg_sla_policies_new_default ());

  effective = cg_config_dup_effective (store);
  sla = cg_json_get_object (effective, "sla");
  hours = cg_json_get_object (effective, "business_hours");
  if (sla == NULL && hours == NULL)
    return cg_sla_policies_new_default ();
  policies = cg_sla_policies_new_from_settings (sla, hours, &error);
  if (policies == NULL)
    {
      /* Each scope validated on its own; their merge can still disagree
       * (a store's hours without "tz" over a region's). Defaults then,
       * rather than no SLA at all. */
      g_message ("The merged SLA settings are not usable, using the defaults: %s",
                 error->message);
      return cg_sla_policies_new_default ();
    }
  return policies;
}

/* The language category labels are shown in: the first of the user's
 * languages that a config label can have. */
static const char *
label_language (void)
{
  const char * const *langs = g_get_language_names ();

  for (guint i = 0; langs[i] != NULL; i++)
    {
      if (g_str_has_prefix (langs[i], "ko"))
        return "ko";
      if (g_str_has_prefix (langs[i], "en"))
        return "en";
    }
  return "en";
}

/* What cg_categories_set() was last given, so that it is called only on
 * a change (it keeps every list it replaces alive, by design). */
static char *applied_categories;
static GMutex applied_categories_lock;

static void
apply_categories (JsonObject *effective)
{
  JsonArray *array = cg_json_get_array (effective, "categories");
  const char *lang = label_language ();
  g_autofree char *key = NULL;
  g_autoptr(GArray) list = NULL;

  if (array != NULL && json_array_get_length (array) > 0)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      g_autofree char *text = NULL;

      json_node_set_array (node, array);
      text = json_to_string (node, FALSE);
      key = g_strconcat (lang, " ", text, NULL);
    }

  g_mutex_lock (&applied_categories_lock);
  if (g_strcmp0 (key, applied_categories) == 0)
    {
      g_mutex_unlock (&applied_categories_lock);
      return;
    }
  g_free (applied_categories);
  applied_categories = g_strdup (key);
  g_mutex_unlock (&applied_categories_lock);

  if (key == NULL)
    {
      cg_categories_set (NULL, 0);
      return;
    }

  list = g_array_new (FALSE, TRUE, sizeof (CgCategory));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *el = json_array_get_element (array, i);
      JsonObject *cat, *label;
      CgCategory c;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        continue;
      cat = json_node_get_object (el);
      label = cg_json_get_object (cat, "label");
      c.id = cg_json_get_string (cat, "id");
      c.label = label ? cg_json_get_string (label, lang) : NULL;
      if (c.label == NULL && label != NULL)
        c.label = cg_json_get_string (label, "en");
      if (c.id != NULL)
        g_array_append_val (list, c);
    }
  cg_categories_set ((const CgCategory *) list->data, list->len);
}

void
cg_config_apply (CgStore *store)
{
  g_autoptr(CgSlaPolicies) policies = NULL;
  g_autoptr(JsonObject) effective = NULL;

  g_return_if_fail (CG_IS_STORE (store));

  policies = cg_config_dup_sla_policies (store);
  cg_case_set_sla_policies (store, policies);
  effective = cg_config_dup_effective (store);
  apply_categories (effective);
}
