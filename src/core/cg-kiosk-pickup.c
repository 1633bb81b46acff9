/* cg-kiosk-pickup.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Order pickup at the kiosk, against the kiosk-safe pickup document only
 * (cg-pickup.h). What a stranger could learn from it is bounded by two
 * things: an unknown order number and wrong phone digits get the same
 * answer after the same work (one SHA-256 each), and wrong answers are
 * rate limited per kiosk, in the store's metadata so that a restart does
 * not reset them: 4 free failures, then 60 s doubling up to 15 min, the
 * count forgotten after 10 quiet minutes. With 10 000 possible last-4
 * values that leaves a few dozen guesses an hour on one kiosk.
 *
 * Input that cannot be an order number or 4 digits is refused before the
 * lookup and not counted: a customer's typing slip should not lock them
 * out, and it tells nobody anything.
 */
#define G_LOG_DOMAIN "cg-kiosk"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cg-device.h"
#include "cg-json.h"
#include "cg-kiosk-private.h"
#include "cg-pickup.h"
#include "cg-queue.h"
#include "cg-rate-limit.h"
#include "cg-store.h"

#define META_PICKUP "kiosk.pickup"
#define MAX_ORDER_NUMBER 32

static const CgRateLimitPolicy pickup_policy = {
  .free_failures = 4,
  .first_lockout_s = 60,
  .max_lockout_s = 15 * 60,
  .quiet_reset_s = 10 * 60,
};

/* The order number as printed, without spaces, letters in upper case;
 * NULL when it cannot be one. */
static char *
normalize_order_number (const char *typed)
{
  g_autoptr(GString) out = NULL;

  if (typed == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = typed; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        continue;
      if (!g_ascii_isalnum (*p) || out->len >= MAX_ORDER_NUMBER)
        return NULL;
      g_string_append_c (out, g_ascii_toupper (*p));
    }
  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* 4 ASCII digits, spaces around them ignored; NULL otherwise. */
static gboolean
normalize_last4 (const char *typed,
                 char        out[5])
{
  guint n = 0;

  if (typed == NULL)
    return FALSE;
  for (const char *p = typed; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        continue;
      if (!g_ascii_isdigit (*p) || n == 4)
        return FALSE;
      out[n++] = *p;
    }
  out[n] = '\0';
  return n == 4;
}

static CgKioskPickupStatus
status_from (const char *status)
{
  if (g_strcmp0 (status, "ready_for_pickup") == 0)
    return CG_KIOSK_PICKUP_READY;
  if (g_strcmp0 (status, "placed") == 0)
    return CG_KIOSK_PICKUP_NOT_READY;
  if (g_strcmp0 (status, "picked_up") == 0)
    return CG_KIOSK_PICKUP_COLLECTED;
  /* cancelled, returned, partially_returned, or a status a newer version
   * knows: nothing to collect. */
  return CG_KIOSK_PICKUP_CANCELLED;
}

/* The shared lookup; *@number_out receives the normalized number. */
static gboolean
lookup (CgStore              *store,
        const char           *order_number,
        const char           *last4,
        gint64                now,
        CgKioskPickupStatus  *status,
        gint64               *retry_after_s,
        char                **number_out,
        GError              **error)
{
  g_autofree char *number = normalize_order_number (order_number);
  g_autofree char *store_id = NULL;
  g_autofree char *doc_id = NULL;
  g_autoptr(JsonObject) pickup = NULL;
  char digits[5];
  gboolean verified;
  gint64 wait;

  *status = CG_KIOSK_PICKUP_UNKNOWN;
  if (retry_after_s != NULL)
    *retry_after_s = 0;

  if (number == NULL)
    {
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                           _("Please enter the order number as printed: letters and digits only."));
      return FALSE;
    }
  if (!normalize_last4 (last4, digits))
    {
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                           _("Please enter the last 4 digits of your phone number."));
      return FALSE;
    }

  wait = cg_rate_limit_retry_after (store, META_PICKUP, now);
  if (wait > 0)
    {
      if (retry_after_s != NULL)
        *retry_after_s = wait;
      cg_kiosk_set_rate_limited (error, wait);
      return FALSE;
    }

  store_id = cg_device_get_store_id (store);
  doc_id = cg_pickup_doc_id (store_id, number);
  pickup = cg_store_get (store, doc_id, FALSE, NULL);
  if (pickup != NULL && g_strcmp0 (cg_json_get_string (pickup, "type"), "pickup") != 0)
    g_clear_pointer (&pickup, json_object_unref);

  if (pickup != NULL)
    verified = cg_pickup_verify (pickup, number, digits);
  else
    {
      /* The same work as a wrong answer. */
      g_autofree char *unused = cg_pickup_hash ("00000000000000000000000000000000", number, digits);
      verified = FALSE;
    }

  if (!verified)
    {
      gint64 lock = cg_rate_limit_record_failure (store, META_PICKUP, &pickup_policy, now);

      if (retry_after_s != NULL)
        *retry_after_s = lock;
      return TRUE;
    }

  *status = status_from (cg_json_get_string (pickup, "status"));
  if (number_out != NULL)
    *number_out = g_strdup (cg_json_get_string (pickup, "order_number"));
  return TRUE;
}

gboolean
cg_kiosk_pickup_check (CgStore              *store,
                       const char           *order_number,
                       const char           *last4,
                       CgKioskPickupStatus  *status,
                       gint64               *retry_after_s,
                       GError              **error)
{
  return cg_kiosk_pickup_check_at (store, order_number, last4, cg_kiosk_now (),
                                   status, retry_after_s, error);
}

gboolean
cg_kiosk_pickup_check_at (CgStore              *store,
                          const char           *order_number,
                          const char           *last4,
                          gint64                now,
                          CgKioskPickupStatus  *status,
                          gint64               *retry_after_s,
                          GError              **error)
{
  CgKioskPickupStatus unused;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return lookup (store, order_number, last4, now, status != NULL ? status : &unused,
                 retry_after_s, NULL, error);
}

char *
cg_kiosk_pickup_check_in (CgStore     *store,
                          const char  *order_number,
                          const char  *last4,
                          char       **ticket,
                          GError     **error)
{
  return cg_kiosk_pickup_check_in_at (store, order_number, last4, cg_kiosk_now (), ticket, error);
}

/* The id of today's open check-in for @order_number, or NULL: a customer
 * who checks in twice (or comes back to the kiosk while waiting) keeps
 * their place and their number instead of joining the queue again. */
static char *
open_pickup_checkin (CgStore     *store,
                     const char  *order_number,
                     char       **ticket)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) today = cg_queue_list_today (store, now, NULL, NULL);

  for (guint i = 0; today != NULL && i < today->len; i++)
    {
      CgQueueTicket *t = g_ptr_array_index (today, i);
      const char *status = cg_queue_ticket_get_status (t);

      if (g_strcmp0 (cg_queue_ticket_get_reason (t), "pickup") == 0 &&
          g_strcmp0 (cg_queue_ticket_get_order_number (t), order_number) == 0 &&
          (g_strcmp0 (status, "waiting") == 0 || g_strcmp0 (status, "called") == 0 ||
           g_strcmp0 (status, "serving") == 0))
        {
          if (ticket != NULL)
            *ticket = g_strdup (cg_queue_ticket_get_ticket (t));
          return g_strdup (cg_queue_ticket_get_id (t));
        }
    }
  return NULL;
}

char *
cg_kiosk_pickup_check_in_at (CgStore     *store,
                             const char  *order_number,
                             const char  *last4,
                             gint64       now,
                             char       **ticket,
                             GError     **error)
{
  CgKioskPickupStatus status;
  g_autofree char *number = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lookup (store, order_number, last4, now, &status, NULL, &number, error))
    return NULL;

  switch (status)
    {
    case CG_KIOSK_PICKUP_READY:
      {
        char *existing = open_pickup_checkin (store, number, ticket);
        if (existing != NULL)
          return existing;
        return cg_kiosk_create_checkin (store, "pickup", number, ticket, error);
      }
    case CG_KIOSK_PICKUP_NOT_READY:
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                           _("This order is not ready yet. We will let you know when it is."));
      return NULL;
    case CG_KIOSK_PICKUP_COLLECTED:
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                           _("This order has already been picked up."));
      return NULL;
    case CG_KIOSK_PICKUP_CANCELLED:
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                           _("This order was cancelled. Please ask at the counter."));
      return NULL;
    case CG_KIOSK_PICKUP_UNKNOWN:
    default:
      g_set_error_literal (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID,
                           _("We could not find an order with this number and phone digits."));
      return NULL;
    }
}
