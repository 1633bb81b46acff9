/* cg-kiosk.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk's settings, categories, tickets and exit PIN. Problem reports
 * and feedback are in cg-kiosk-problem.c, the pickup lookup in
 * cg-kiosk-pickup.c, the local purge in cg-kiosk-purge.c.
 *
 * Messages here are read by customers at the kiosk (CG_KIOSK_ERROR) and
 * say what to do; they name the field they are about. A validation error
 * from the store (CG_VALIDATION_ERROR) would mean a bug here, not a typing
 * mistake.
 */
#define G_LOG_DOMAIN "cg-kiosk"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "cg-categories.h"
#include "cg-config.h"
#include "cg-device.h"
#include "cg-json.h"
#include "cg-kiosk.h"
#include "cg-kiosk-private.h"
#include "cg-rate-limit.h"
#include "cg-store.h"

G_DEFINE_QUARK (cg-kiosk-error-quark, cg_kiosk_error)

#define DEFAULT_IDLE_TIMEOUT_S 60
#define DEFAULT_IDLE_WARNING_S 20

static const char * const all_features[] = {
  "checkin", "pickup", "faq", "report_problem", "feedback", NULL
};
static const char * const all_languages[] = { "ko", "en", NULL };
static const char * const ticket_reasons[] = { "help", "pickup", "return", "other", NULL };

/* The exit PIN is limited like a staff PIN (cg-staff.c): 3 free
 * failures, then 30 s doubling up to 15 min; only the right PIN resets. */
static const CgRateLimitPolicy exit_pin_policy = {
  .free_failures = 3,
  .first_lockout_s = 30,
  .max_lockout_s = 15 * 60,
  .quiet_reset_s = 0,
};
#define META_EXIT_PIN "kiosk.exit_pin"

gint64
cg_kiosk_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* "Please try again in 2 minutes." for a lock of @seconds. */
void
cg_kiosk_set_rate_limited (GError **error,
                           gint64   seconds)
{
  if (seconds >= 60)
    {
      int minutes = (int) MIN ((seconds + 59) / 60, G_MAXINT);
      g_set_error (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_RATE_LIMITED,
                   ngettext ("Too many attempts. Please try again in %d minute.",
                             "Too many attempts. Please try again in %d minutes.", minutes),
                   minutes);
    }
  else
    {
      int secs = (int) MAX (seconds, 1);
      g_set_error (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_RATE_LIMITED,
                   ngettext ("Too many attempts. Please try again in %d second.",
                             "Too many attempts. Please try again in %d seconds.", secs),
                   secs);
    }
}

/* ------------------------------------------------------------ settings */

/* The strings of @array that are in @allowed, in the array's order,
 * without repeats; NULL when @array is NULL. */
static char **
known_strings (JsonArray          *array,
               const char * const *allowed)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *s = cg_json_array_get_string (array, i);

      if (s != NULL && g_strv_contains (allowed, s) &&
          !g_ptr_array_find_with_equal_func (seen, s, g_str_equal, NULL))
        {
          g_ptr_array_add (seen, (gpointer) s);
          g_strv_builder_add (builder, s);
        }
    }
  return g_strv_builder_end (builder);
}

static char *
store_name (JsonObject *kiosk,
            const char *language)
{
  JsonObject *names = cg_json_get_object (kiosk, "store_name");
  const char *name = names != NULL ? cg_json_get_string (names, language) : NULL;

  return name != NULL && *name != '\0' ? g_strdup (name) : NULL;
}

CgKioskSettings *
cg_kiosk_settings_load (CgStore *store)
{
  g_autoptr(JsonObject) effective = NULL;
  CgKioskSettings *settings;
  JsonObject *kiosk;
  const char *pin;
  gint64 value;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  effective = cg_config_dup_effective (store);
  kiosk = cg_json_get_object (effective, "kiosk");

  settings = g_new0 (CgKioskSettings, 1);
  settings->idle_timeout_s = DEFAULT_IDLE_TIMEOUT_S;
  settings->idle_warning_s = DEFAULT_IDLE_WARNING_S;
  /* Each scope was validated on its own (cg-config.c); the merge is
   * checked again here, since a region's warning can meet a store's
   * shorter timeout. */
  if (cg_json_get_int (kiosk, "idle_timeout_s", &value) && value >= 10 && value <= 3600)
    settings->idle_timeout_s = (guint) value;
  if (cg_json_get_int (kiosk, "idle_warning_s", &value) && value >= 5 && value <= 600)
    settings->idle_warning_s = (guint) value;
  if (settings->idle_warning_s >= settings->idle_timeout_s)
    settings->idle_warning_s = MAX (settings->idle_timeout_s - 1, 1);

  settings->features = known_strings (cg_json_get_array (kiosk, "features"), all_features);
  if (settings->features == NULL)
    settings->features = g_strdupv ((char **) all_features);
  settings->languages = known_strings (cg_json_get_array (kiosk, "languages"), all_languages);
  if (settings->languages == NULL || settings->languages[0] == NULL)
    {
      g_strfreev (settings->languages);
      settings->languages = g_strdupv ((char **) all_languages);
    }

  pin = cg_json_get_string (kiosk, "exit_pin_hash");
  if (pin != NULL && g_str_has_prefix (pin, "$argon2id$"))
    settings->exit_pin_hash = g_strdup (pin);
  settings->store_name_ko = store_name (kiosk, "ko");
  settings->store_name_en = store_name (kiosk, "en");
  return settings;
}

void
cg_kiosk_settings_free (CgKioskSettings *settings)
{
  if (settings == NULL)
    return;
  g_strfreev (settings->features);
  g_strfreev (settings->languages);
  g_free (settings->exit_pin_hash);
  g_free (settings->store_name_ko);
  g_free (settings->store_name_en);
  g_free (settings);
}

gboolean
cg_kiosk_settings_has_feature (const CgKioskSettings *settings,
                               const char            *feature)
{
  g_return_val_if_fail (settings != NULL, FALSE);

  return feature != NULL && settings->features != NULL &&
         g_strv_contains ((const char * const *) settings->features, feature);
}

/* ---------------------------------------------------------- categories */

void
cg_kiosk_category_free (CgKioskCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->id);
  g_free (category->label);
  g_free (category);
}

static CgKioskCategory *
category_new (const char *id,
              const char *label)
{
  CgKioskCategory *category = g_new0 (CgKioskCategory, 1);

  category->id = g_strdup (id);
  category->label = g_strdup (label != NULL ? label : id);
  return category;
}

GPtrArray *
cg_kiosk_problem_categories (CgStore    *store,
                             const char *language)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_kiosk_category_free);
  g_autoptr(JsonObject) effective = NULL;
  const char *other;
  JsonArray *configured;

  g_return_val_if_fail (CG_IS_STORE (store), out);

  if (g_strcmp0 (language, "ko") != 0)
    language = "en";
  other = g_str_equal (language, "ko") ? "en" : "ko";

  effective = cg_config_dup_effective (store);
  configured = cg_json_get_array (effective, "categories");
  for (guint i = 0; configured != NULL && i < json_array_get_length (configured); i++)
    {
      JsonNode *node = json_array_get_element (configured, i);
      JsonObject *cat = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *label = cat != NULL ? cg_json_get_object (cat, "label") : NULL;
      const char *id = cat != NULL ? cg_json_get_string (cat, "id") : NULL;
      const char *text = label != NULL ? cg_json_get_string (label, language) : NULL;

      if (id == NULL || *id == '\0')
        continue;
      if ((text == NULL || *text == '\0') && label != NULL)
        text = cg_json_get_string (label, other);
      g_ptr_array_add (out, category_new (id, text));
    }
  if (out->len > 0)
    return out;

  /* Built-in: English as written, Korean through gettext (the kiosk
   * switched the UI language to the visit's before asking). */
  for (const CgCategory *cat = cg_categories_get (); cat->id != NULL; cat++)
    g_ptr_array_add (out, category_new (cat->id,
                                        g_str_equal (language, "en") ? cat->label
                                                                     : g_dgettext (GETTEXT_PACKAGE, cat->label)));
  return out;
}

gboolean
cg_kiosk_is_category (CgStore    *store,
                      const char *id)
{
  g_autoptr(GPtrArray) categories = NULL;

  if (id == NULL || *id == '\0')
    return FALSE;
  categories = cg_kiosk_problem_categories (store, "en");
  for (guint i = 0; i < categories->len; i++)
    if (g_str_equal (((CgKioskCategory *) g_ptr_array_index (categories, i))->id, id))
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------ tickets */

char *
cg_kiosk_create_checkin (CgStore     *store,
                         const char  *reason,
                         const char  *order_number,
                         char       **ticket,
                         GError     **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *id = cg_device_new_doc_id ("checkin");
  g_autofree char *stamp = cg_json_timestamp (now);
  g_autofree char *store_id = cg_device_get_store_id (store);
  g_autofree char *device_id = cg_device_get_id (store);
  g_autofree char *number = NULL;
  g_autofree char *rev = NULL;

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "checkin");
  json_object_set_string_member (doc, "store_id", store_id);
  json_object_set_string_member (doc, "reason", reason);
  if (order_number != NULL)
    json_object_set_string_member (doc, "order_number", order_number);
  json_object_set_string_member (doc, "status", "waiting");
  json_object_set_string_member (doc, "channel", "kiosk");
  json_object_set_string_member (doc, "created_at", stamp);
  cg_device_stamp_change (store, doc, device_id, stamp);

  /* The number and the check-in commit together, or neither does; the
   * per-device prefix keeps two kiosks apart even offline. */
  if (!cg_store_begin (store, error))
    return NULL;
  number = cg_device_next_ticket (store, now, error);
  if (number != NULL)
    {
      json_object_set_string_member (doc, "ticket", number);
      rev = cg_store_put (store, doc, error);
    }
  if (rev == NULL)
    {
      cg_store_rollback (store);
      return NULL;
    }
  if (!cg_store_commit (store, error))
    return NULL;
  if (ticket != NULL)
    *ticket = g_steal_pointer (&number);
  return g_steal_pointer (&id);
}

char *
cg_kiosk_take_ticket (CgStore     *store,
                      const char  *reason,
                      char       **ticket,
                      GError     **error)
{
  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (reason == NULL || !g_strv_contains (ticket_reasons, reason))
    {
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                           _("Please choose what you need help with."));
      return NULL;
    }
  return cg_kiosk_create_checkin (store, reason, NULL, ticket, error);
}

/* ------------------------------------------------------------ lockdown */

/* An Argon2id verification to run when there is nothing to verify
 * against, so that every path costs about the same. */
static gboolean
pin_matches (const char *hash,
             const char *pin)
{
  if (sodium_init () < 0)
    return FALSE;
  return crypto_pwhash_str_verify (hash, pin, strlen (pin)) == 0;
}

gboolean
cg_kiosk_check_exit_pin (CgStore     *store,
                         const char  *pin,
                         gint64      *retry_after_s,
                         GError     **error)
{
  return cg_kiosk_check_exit_pin_at (store, pin, cg_kiosk_now (), retry_after_s, error);
}

gboolean
cg_kiosk_check_exit_pin_at (CgStore     *store,
                            const char  *pin,
                            gint64       now,
                            gint64      *retry_after_s,
                            GError     **error)
{
  g_autoptr(CgKioskSettings) settings = NULL;
  gint64 wait;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (retry_after_s != NULL)
    *retry_after_s = 0;

  settings = cg_kiosk_settings_load (store);
  if (settings->exit_pin_hash == NULL)
    {
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_NO_PIN,
                           _("No exit PIN is set for this kiosk. An administrator can set one in the configuration."));
      return FALSE;
    }

  wait = cg_rate_limit_retry_after (store, META_EXIT_PIN, now);
  if (wait > 0)
    {
      if (retry_after_s != NULL)
        *retry_after_s = wait;
      cg_kiosk_set_rate_limited (error, wait);
      return FALSE;
    }

  if (pin == NULL || *pin == '\0')
    {
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                           _("Enter the exit PIN."));
      return FALSE;
    }

  if (!pin_matches (settings->exit_pin_hash, pin))
    {
      gint64 lock = cg_rate_limit_record_failure (store, META_EXIT_PIN, &exit_pin_policy, now);

      if (retry_after_s != NULL)
        *retry_after_s = lock;
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_WRONG_PIN,
                           _("Wrong PIN"));
      return FALSE;
    }

  cg_rate_limit_reset (store, META_EXIT_PIN);
  return TRUE;
}
