/* cg-order-format.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-order-format"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-format.h"
#include "cg-order-format.h"

CgOrderActions
cg_order_format_actions (const char *status)
{
  if (g_strcmp0 (status, "placed") == 0)
    return CG_ORDER_ACTION_MARK_READY | CG_ORDER_ACTION_HAND_OVER;
  if (g_strcmp0 (status, "ready_for_pickup") == 0)
    return CG_ORDER_ACTION_HAND_OVER;
  if (g_strcmp0 (status, "picked_up") == 0 || g_strcmp0 (status, "partially_returned") == 0)
    return CG_ORDER_ACTION_RETURN;
  return CG_ORDER_ACTION_NONE;
}

char *
cg_order_format_quantity_price (gint64      qty,
                                gint64      unit_price,
                                const char *currency)
{
  g_autofree char *price = cg_format_money (unit_price, currency);
  g_autofree char *count = cg_format_count (qty);

  /* Translators: a quantity and a unit price, "2 × ₩19,000". */
  return g_strdup_printf (_("%s × %s"), count, price);
}

char *
cg_order_format_item_count (guint count)
{
  /* Translators: pieces on an order. */
  return g_strdup_printf (ngettext ("%u item", "%u items", count), count);
}

const char *
cg_order_format_verification (const char *method)
{
  if (g_strcmp0 (method, "phone_last4") == 0)
    return _("Last 4 phone digits");
  if (g_strcmp0 (method, "id_document") == 0)
    return _("ID document");
  if (g_strcmp0 (method, "code") == 0)
    return _("Pickup code");
  return method;
}

const char *
cg_order_format_channel (const char *channel)
{
  if (g_strcmp0 (channel, "online") == 0)
    return C_("order channel", "Online");
  if (g_strcmp0 (channel, "in_store") == 0)
    return C_("order channel", "In store");
  return channel;
}

char *
cg_order_format_ready_since (const char *ready_at,
                             GDateTime  *now)
{
  g_autofree char *when = cg_format_time (ready_at, now);

  if (when == NULL)
    return NULL;
  /* Translators: %s is a time such as "Today, 14:05". */
  return g_strdup_printf (_("Ready since %s"), when);
}

char *
cg_order_format_returned (gint64 returned,
                          gint64 bought)
{
  g_autofree char *a = NULL, *b = NULL;

  if (returned <= 0)
    return NULL;
  a = cg_format_count (returned);
  b = cg_format_count (bought);
  /* Translators: "Returned 1 of 2" (pieces of one item line). */
  return g_strdup_printf (_("Returned %s of %s"), a, b);
}

void
cg_order_time_free (CgOrderTime *time)
{
  if (time == NULL)
    return;
  g_free (time->label);
  g_free (time->value);
  g_free (time->tooltip);
  g_free (time);
}

static void
add_time (GPtrArray  *times,
          const char *label,
          const char *iso8601,
          GDateTime  *now)
{
  CgOrderTime *time;
  char *value = cg_format_time (iso8601, now);

  if (value == NULL)
    return;
  time = g_new0 (CgOrderTime, 1);
  time->label = g_strdup (label);
  time->value = value;
  time->tooltip = cg_format_time_long (iso8601);
  g_ptr_array_add (times, time);
}

GPtrArray *
cg_order_format_times (JsonObject *order,
                       GDateTime  *now)
{
  GPtrArray *times = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_order_time_free);

  add_time (times, C_("order time", "Placed"), cg_json_get_string (order, "created_at"), now);
  add_time (times, C_("order time", "Ready"), cg_json_get_string (order, "ready_at"), now);
  add_time (times, C_("order time", "Picked up"), cg_json_get_string (order, "picked_up_at"), now);
  add_time (times, C_("order time", "Updated"), cg_json_get_string (order, "updated_at"), now);
  return times;
}

char *
cg_order_format_pickup_line (JsonObject *order,
                             const char *by_name)
{
  const char *by = cg_json_get_string (order, "picked_up_by") != NULL ? by_name : NULL;
  const char *method = cg_json_get_string (order, "pickup_verified_with");

  if (method == NULL)
    return NULL;
  if (by == NULL)
    /* Translators: %s is how the customer was verified, "Pickup code". */
    return g_strdup_printf (_("Verified with %s"), cg_order_format_verification (method));
  /* Translators: who handed the order over (a staff member's name) and
   * how the customer was verified: "Handed over by Kim Minji · Pickup code". */
  return g_strdup_printf (_("Handed over by %s · %s"), by, cg_order_format_verification (method));
}
