/* cg-staff.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rate limiting of failed sign-ins. Two limits, both kept in the store's
 * metadata so that quitting the app does not reset them:
 *
 *  - Per typed staff id (known or not, so the limiter does not reveal
 *    which ids exist): the first 4 consecutive failures cost nothing; the
 *    5th locks that id for 30 s, and every further failure doubles the
 *    lockout (60 s, 120 s, ...) up to 15 min. A successful sign-in resets
 *    the count. Key "signin.id.<staff id>", kept by cg-rate-limit.h
 *    (which the kiosk's exit PIN and pickup lookups use too).
 *
 *  - Device-wide, against someone trying one PIN on many ids: 20 failures
 *    (any ids) within 10 min lock every sign-in on the device for 5 min.
 *    A success does not clear this: the failures age out of the window.
 *    Key "signin.device", value: the Unix times of the last 20 failures
 *    and then the time the lock ends ("t1 t2 ... t20 | until").
 *
 * A PIN of 4 digits has 10,000 values: with these limits an attacker gets
 * about 20 guesses per 15 minutes on one device (~2,000 per day), and on
 * one id about 100 per day after the first few lockouts.
 *
 * An attempt while locked is refused without checking the PIN and does
 * not count as a failure (it would otherwise extend the lock forever).
 */
#define G_LOG_DOMAIN "cg-staff"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "cg-rate-limit.h"
#include "cg-staff.h"
#include "cg-store.h"

#define PER_ID_FREE_FAILURES   4
#define PER_ID_FIRST_LOCKOUT_S 30
#define PER_ID_MAX_LOCKOUT_S   (15 * 60)
#define DEVICE_MAX_FAILURES    20
#define DEVICE_WINDOW_S        (10 * 60)
#define DEVICE_LOCKOUT_S       (5 * 60)

#define META_DEVICE "signin.device"
/* Staff ids are short ("staff:0421-01"). */
#define MAX_STAFF_ID_LEN 64

G_DEFINE_QUARK (cg-staff-error-quark, cg_staff_error)

static gboolean
ensure_sodium (GError **error)
{
  /* sodium_init() is idempotent and thread-safe; it only fails when the
   * system has no usable random source. */
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "libsodium could not be initialised");
      return FALSE;
    }
  return TRUE;
}

/* "0421-01", " staff:0421-01 " → "staff:0421-01"; NULL when empty. */
static char *
normalize_staff_id (const char *typed)
{
  g_autofree char *s = NULL;

  if (typed == NULL)
    return NULL;
  s = g_strstrip (g_strdup (typed));
  if (*s == '\0')
    return NULL;
  if (g_str_has_prefix (s, "staff:"))
    return g_steal_pointer (&s);
  return g_strconcat ("staff:", s, NULL);
}

static gboolean
pin_is_valid (const char *pin)
{
  gsize len;

  if (pin == NULL)
    return FALSE;
  len = strlen (pin);
  if (len < 4 || len > 8)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (pin[i]))
      return FALSE;
  return TRUE;
}

/* Per-id limiter (cg-rate-limit.h), one metadata key per typed id. */

static const CgRateLimitPolicy per_id_policy = {
  .free_failures = PER_ID_FREE_FAILURES,
  .first_lockout_s = PER_ID_FIRST_LOCKOUT_S,
  .max_lockout_s = PER_ID_MAX_LOCKOUT_S,
  .quiet_reset_s = 0,   /* only a successful sign-in resets it */
};

static char *
id_meta_key (const char *id)
{
  return g_strconcat ("signin.id.", id, NULL);
}

/* Device-wide limiter state: recent failure times, oldest first. */

typedef struct {
  gint64 times[DEVICE_MAX_FAILURES];
  guint  n_times;
  gint64 locked_until;
} DeviceState;

static DeviceState
device_state_load (CgStore *store)
{
  g_autofree char *value = cg_store_get_meta (store, META_DEVICE);
  DeviceState st = { { 0 }, 0, 0 };
  g_auto (GStrv) halves = NULL;
  g_auto (GStrv) times = NULL;

  if (value == NULL)
    return st;
  halves = g_strsplit (value, "|", 2);
  if (halves[0] == NULL)
    return st;
  times = g_strsplit (halves[0], " ", -1);
  for (guint i = 0; times[i] != NULL; i++)
    if (*times[i] != '\0' && st.n_times < DEVICE_MAX_FAILURES)
      st.times[st.n_times++] = g_ascii_strtoll (times[i], NULL, 10);
  if (halves[1] != NULL)
    st.locked_until = g_ascii_strtoll (halves[1], NULL, 10);
  return st;
}

static void
device_state_save (CgStore     *store,
                   DeviceState *st)
{
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < st->n_times; i++)
    g_string_append_printf (value, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "", st->times[i]);
  g_string_append_printf (value, "|%" G_GINT64_FORMAT, st->locked_until);
  if (!cg_store_set_meta (store, META_DEVICE, value->str, &error))
    g_warning ("Could not record sign-in state: %s", error->message);
}

/* Counts a failure. Load, update and save happen in one write
 * transaction, so that two attempts at the same moment (two windows, two
 * processes on one store) cannot both read N and both write N + 1. */
static void
record_failure_locked (CgStore    *store,
                       const char *id,
                       gint64      now)
{
  g_autofree char *key = id_meta_key (id);
  DeviceState dev = device_state_load (store);

  cg_rate_limit_record_failure (store, key, &per_id_policy, now);

  /* Keep the last DEVICE_MAX_FAILURES failure times; when the oldest of a
   * full set is still inside the window, that many failed within it. */
  if (dev.n_times == DEVICE_MAX_FAILURES)
    {
      memmove (dev.times, dev.times + 1, sizeof dev.times[0] * (DEVICE_MAX_FAILURES - 1));
      dev.n_times--;
    }
  dev.times[dev.n_times++] = now;
  if (dev.n_times == DEVICE_MAX_FAILURES && now - dev.times[0] < DEVICE_WINDOW_S)
    {
      dev.locked_until = now + DEVICE_LOCKOUT_S;
      /* Start counting afresh after the lock, else the next failure would
       * lock again at once. */
      dev.n_times = 0;
    }
  device_state_save (store, &dev);
}

static void
record_failure (CgStore    *store,
                const char *id,
                gint64      now)
{
  g_autoptr(GError) error = NULL;

  if (!cg_store_begin (store, &error))
    {
      g_warning ("Could not record a failed sign-in: %s", error->message);
      return;
    }
  record_failure_locked (store, id, now);
  if (!cg_store_commit (store, &error))
    g_warning ("Could not record a failed sign-in: %s", error->message);
}

static void
record_success (CgStore    *store,
                const char *id)
{
  g_autofree char *key = id_meta_key (id);

  cg_rate_limit_reset (store, key);
}

static gint64
retry_after_normalized (CgStore    *store,
                        const char *id,
                        gint64      now)
{
  DeviceState dev = device_state_load (store);
  gint64 wait = MAX (dev.locked_until - now, 0);

  if (id != NULL)
    {
      g_autofree char *key = id_meta_key (id);
      wait = MAX (wait, cg_rate_limit_retry_after (store, key, now));
    }
  return MAX (wait, 0);
}

gint64
cg_staff_retry_after (CgStore    *store,
                      const char *staff_id,
                      gint64      now)
{
  g_autofree char *id = normalize_staff_id (staff_id);

  g_return_val_if_fail (CG_IS_STORE (store), 0);

  return retry_after_normalized (store, id, now);
}

/* A hash to verify against when the id is unknown, so that an unknown id
 * takes as long as a wrong PIN. */
static const char *
dummy_hash (void)
{
  static gsize once;
  static char *hash;

  if (g_once_init_enter (&once))
    {
      char *h = g_malloc0 (crypto_pwhash_STRBYTES);

      if (crypto_pwhash_str (h, "00000000", 8,
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        h[0] = '\0';
      hash = h;
      g_once_init_leave (&once, 1);
    }
  return hash;
}

static gboolean
verify_pin (const char *hash,
            const char *pin)
{
  if (hash == NULL || *hash == '\0' || pin == NULL)
    return FALSE;
  return crypto_pwhash_str_verify (hash, pin, strlen (pin)) == 0;
}

static void
set_wrong_credentials (GError **error)
{
  g_set_error_literal (error, CG_STAFF_ERROR, CG_STAFF_ERROR_WRONG_CREDENTIALS,
                       _("Wrong staff ID or PIN"));
}

CgSession *
cg_staff_sign_in (CgStore     *store,
                  const char  *staff_id,
                  const char  *pin,
                  gint64       now,
                  GError     **error)
{
  g_autofree char *id = normalize_staff_id (staff_id);
  g_autoptr(JsonObject) doc = NULL;
  const char *hash = NULL;
  gint64 wait;
  gboolean ok, well_formed;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  if (!ensure_sodium (error))
    return NULL;
  if (id == NULL)
    {
      set_wrong_credentials (error);
      return NULL;
    }
  /* What was typed becomes a metadata key: keep it short. Longer input is
   * counted as a failure of one shared key. */
  if (strlen (id) > MAX_STAFF_ID_LEN)
    {
      g_free (id);
      id = g_strdup ("staff:(too long)");
    }

  wait = retry_after_normalized (store, id, now);
  if (wait > 0)
    {
      g_autofree char *secs = g_strdup_printf ("%" G_GINT64_FORMAT, wait);
      g_set_error (error, CG_STAFF_ERROR, CG_STAFF_ERROR_RATE_LIMITED,
                   /* TRANSLATORS: %s is a number of seconds */
                   _("Too many attempts. Try again in %s s."), secs);
      return NULL;
    }

  if (strlen (id) <= MAX_STAFF_ID_LEN)
    doc = cg_store_get (store, id, FALSE, NULL);
  if (doc != NULL && g_strcmp0 (json_object_get_string_member_with_default (doc, "type", NULL), "staff") != 0)
    g_clear_pointer (&doc, json_object_unref);
  if (doc != NULL)
    hash = json_object_get_string_member_with_default (doc, "pin_hash", NULL);

  /* Exactly one Argon2id verification on every path, whatever was typed:
   * a malformed PIN or an unknown id must take as long as a wrong PIN,
   * or the time would tell a stranger which staff ids exist. */
  well_formed = pin_is_valid (pin);
  if (doc != NULL && hash != NULL && *hash != '\0' && well_formed)
    ok = verify_pin (hash, pin);
  else
    {
      verify_pin (dummy_hash (), pin != NULL ? pin : "");
      ok = FALSE;
    }

  if (!ok)
    {
      record_failure (store, id, now);
      set_wrong_credentials (error);
      return NULL;
    }

  record_success (store, id);

  /* Checked after the PIN, so that "inactive" is only ever told to
   * someone who knows the PIN. */
  if (!json_object_get_boolean_member_with_default (doc, "active", FALSE))
    {
      g_set_error_literal (error, CG_STAFF_ERROR, CG_STAFF_ERROR_INACTIVE,
                           _("This staff account is not active"));
      return NULL;
    }

  return cg_session_new (id,
                         json_object_get_string_member_with_default (doc, "name", NULL),
                         json_object_get_string_member_with_default (doc, "role", "agent"));
}

char *
cg_staff_hash_pin (const char  *pin,
                   GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  if (!pin_is_valid (pin))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A PIN is 4 to 8 digits"));
      return NULL;
    }
  if (!ensure_sodium (error))
    return NULL;
  if (crypto_pwhash_str (hash, pin, strlen (pin),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      /* Only when the memory limit cannot be allocated. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           "Out of memory while hashing the PIN");
      return NULL;
    }
  return g_strdup (hash);
}

typedef struct {
  CgStore   *store;
  GPtrArray *out;
} ListData;

static gboolean
collect_staff (const char *id,
               const char *rev,
               gint64      seq,
               gpointer    user_data)
{
  ListData *data = user_data;
  g_autoptr(JsonObject) doc = cg_store_get (data->store, id, FALSE, NULL);

  if (doc != NULL && json_object_get_boolean_member_with_default (doc, "active", FALSE))
    g_ptr_array_add (data->out,
                     cg_session_new (id,
                                     json_object_get_string_member_with_default (doc, "name", NULL),
                                     json_object_get_string_member_with_default (doc, "role", "agent")));
  return TRUE;
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  CgSession *sa = *(CgSession **) a;
  CgSession *sb = *(CgSession **) b;
  int c = g_utf8_collate (cg_session_get_name (sa), cg_session_get_name (sb));

  return c != 0 ? c : g_strcmp0 (cg_session_get_staff_id (sa), cg_session_get_staff_id (sb));
}

GPtrArray *
cg_staff_list_active (CgStore *store)
{
  ListData data;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  data.store = store;
  data.out = g_ptr_array_new_with_free_func (g_object_unref);
  cg_store_foreach_document (store, "staff", collect_staff, &data);
  g_ptr_array_sort (data.out, compare_by_name);
  return data.out;
}

char *
cg_staff_dup_name (CgStore    *store,
                   const char *staff_id)
{
  g_autoptr(JsonObject) doc = NULL;
  const char *name;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  if (staff_id == NULL)
    return NULL;
  doc = cg_store_get (store, staff_id, FALSE, NULL);
  name = doc != NULL ? json_object_get_string_member_with_default (doc, "name", NULL) : NULL;
  if (name != NULL && *name != '\0')
    return g_strdup (name);
  /* Unknown here (not synced yet, or from another store): the staff ID
   * as people type it at sign-in, "0421-01", not the document id. */
  if (g_str_has_prefix (staff_id, "staff:"))
    staff_id += strlen ("staff:");
  return g_strdup (staff_id);
}
