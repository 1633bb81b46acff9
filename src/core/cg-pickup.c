/* cg-pickup.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See cg-pickup.h for the document and the exact hash input.
 */
#define G_LOG_DOMAIN "cg-pickup"

#include "config.h"

#include <string.h>
#include <sodium.h>

#include "cg-json.h"
#include "cg-pickup.h"

char *
cg_pickup_new_salt (void)
{
  guchar bytes[CG_PICKUP_SALT_CHARS / 2];
  char *hex = g_malloc (CG_PICKUP_SALT_CHARS + 1);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2hex (hex, CG_PICKUP_SALT_CHARS + 1, bytes, sizeof bytes);
  return hex;
}

static gboolean
is_last4 (const char *last4)
{
  if (last4 == NULL || strlen (last4) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isdigit (last4[i]))
      return FALSE;
  return TRUE;
}

char *
cg_pickup_hash (const char *salt,
                const char *order_number,
                const char *last4)
{
  g_autoptr(GChecksum) sha = NULL;

  g_return_val_if_fail (salt != NULL, NULL);
  g_return_val_if_fail (order_number != NULL, NULL);

  if (!is_last4 (last4))
    return NULL;
  sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sha, (const guchar *) salt, (gssize) strlen (salt));
  g_checksum_update (sha, (const guchar *) order_number, (gssize) strlen (order_number));
  g_checksum_update (sha, (const guchar *) last4, 4);
  return g_strdup (g_checksum_get_string (sha));   /* lowercase hex */
}

gboolean
cg_pickup_phone_last4 (const char *phone,
                       char        out[5])
{
  guint n = 0;

  if (phone == NULL)
    return FALSE;
  /* Walk back from the end, skipping spaces and dashes. */
  for (gssize i = (gssize) strlen (phone) - 1; i >= 0 && n < 4; i--)
    if (g_ascii_isdigit (phone[i]))
      out[3 - n++] = phone[i];
  out[4] = '\0';
  return n == 4;
}

char *
cg_pickup_doc_id (const char *store_id,
                  const char *order_number)
{
  return g_strdup_printf ("pickup:%s:%s", store_id, order_number);
}

JsonObject *
cg_pickup_build (const char *store_id,
                 const char *order_number,
                 const char *status,
                 const char *ready_at,
                 const char *salt,
                 const char *last4)
{
  JsonObject *doc = json_object_new ();
  JsonObject *verify = json_object_new ();
  g_autofree char *id = cg_pickup_doc_id (store_id, order_number);
  g_autofree char *hash = NULL;

  if (salt != NULL && last4 != NULL)
    hash = cg_pickup_hash (salt, order_number, last4);
  if (hash != NULL)
    {
      json_object_set_string_member (verify, "salt", salt);
      json_object_set_string_member (verify, "hash", hash);
    }

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "pickup");
  json_object_set_string_member (doc, "order_number", order_number);
  json_object_set_string_member (doc, "status", status);
  if (ready_at != NULL)
    json_object_set_string_member (doc, "ready_at", ready_at);
  json_object_set_object_member (doc, "verify", verify);
  return doc;
}

gboolean
cg_pickup_verify (JsonObject *pickup,
                  const char *order_number,
                  const char *last4)
{
  JsonObject *verify = cg_json_get_object (pickup, "verify");
  const char *salt = verify ? cg_json_get_string (verify, "salt") : NULL;
  const char *hash = verify ? cg_json_get_string (verify, "hash") : NULL;
  g_autofree char *computed = NULL;

  if (salt == NULL || hash == NULL || order_number == NULL)
    return FALSE;
  computed = cg_pickup_hash (salt, order_number, last4);
  if (computed == NULL || strlen (computed) != strlen (hash))
    return FALSE;
  return sodium_memcmp (computed, hash, strlen (hash)) == 0;
}
