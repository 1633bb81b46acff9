/* cg-visit.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function here that writes more than one document (an order and its
 * pickup document, a notification, a case) does so in one store batch, so
 * that a crash or a failed validation leaves none of them half done. The
 * checks that decide whether to write (the order's status, the hand-over
 * value, the quantities returned) are made on the revision read inside that
 * batch.
 */
#define G_LOG_DOMAIN "cg-visit"

#include "config.h"

#include <string.h>
#include <sodium.h>
#include <glib/gi18n-lib.h>

#include "cg-case.h"
#include "cg-device.h"
#include "cg-json.h"
#include "cg-notification.h"
#include "cg-pickup.h"
#include "cg-store.h"
#include "cg-visit.h"

G_DEFINE_QUARK (cg-order-error-quark, cg_order_error)

/* Ends a batch: commits when @ok, otherwise rolls back. */
static gboolean
finish_batch (CgStore  *store,
              gboolean  ok,
              GError  **error)
{
  if (!ok)
    {
      cg_store_rollback (store);
      return FALSE;
    }
  return cg_store_commit (store, error);
}

/* The pickup document goes to kiosks, which may show nothing about
 * anyone (DATA-MODEL.md): unlike every other document it carries no
 * staff id and no device id, only when it changed. */
static void
stamp_pickup (JsonObject *pickup,
              const char *now)
{
  json_object_set_string_member (pickup, "updated_at", now);
  json_object_remove_member (pickup, "updated_by");
  json_object_remove_member (pickup, "updated_device");
}

/* Moves the order's pickup document, if there is one, to @status. */
static gboolean
update_pickup (CgStore     *store,
               JsonObject  *order,
               const char  *status,
               const char  *actor,
               const char  *now,
               GError     **error)
{
  const char *store_id = cg_json_get_string (order, "store_id");
  const char *number = cg_json_get_string (order, "number");
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) pickup = NULL;
  g_autofree char *rev = NULL;

  if (store_id == NULL || number == NULL)
    return TRUE;
  id = cg_pickup_doc_id (store_id, number);
  pickup = cg_store_get (store, id, FALSE, NULL);
  if (pickup == NULL || g_strcmp0 (cg_json_get_string (pickup, "status"), status) == 0)
    return TRUE;
  json_object_set_string_member (pickup, "status", status);
  stamp_pickup (pickup, now);
  rev = cg_store_put (store, pickup, error);
  return rev != NULL;
}

static gboolean
put_order (CgStore     *store,
           JsonObject  *order,
           const char  *actor,
           const char  *now,
           GError     **error)
{
  g_autofree char *rev = NULL;

  cg_device_stamp_change (store, order, actor, now);
  rev = cg_store_put (store, order, error);   /* validates the transition */
  return rev != NULL;
}

gboolean
cg_order_set_status (CgStore     *store,
                     const char  *order_id,
                     const char  *status,
                     const char  *actor,
                     const char  *verified_with,
                     GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *now = cg_json_timestamp_now ();
  gboolean ok;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (order_id != NULL && status != NULL, FALSE);

  if (g_strcmp0 (status, "ready_for_pickup") == 0)
    return cg_order_mark_ready (store, order_id, actor, NULL, error);

  if (g_strcmp0 (status, "picked_up") == 0 && verified_with == NULL)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD,
                   _("Verify the customer (last 4 phone digits, ID document or pickup code) before handing over the order."));
      return FALSE;
    }

  if (!cg_store_begin (store, error))
    return FALSE;
  doc = cg_store_get (store, order_id, FALSE, error);
  ok = doc != NULL;
  if (ok && g_strcmp0 (status, "picked_up") == 0)
    {
      json_object_set_string_member (doc, "pickup_verified_with", verified_with);
      json_object_set_string_member (doc, "picked_up_at", now);
      if (actor != NULL)
        json_object_set_string_member (doc, "picked_up_by", actor);
    }
  if (ok)
    {
      json_object_set_string_member (doc, "status", status);
      ok = put_order (store, doc, actor, now, error) &&
           update_pickup (store, doc, status, actor, now, error);
    }
  return finish_batch (store, ok, error);
}

static char *
new_pickup_code (void)
{
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  return g_strdup_printf ("%06u", (guint) randombytes_uniform (1000000));
}

/* The customer's phones (E.164 strings, borrowed from @customer). */
static GPtrArray *
customer_phones (JsonObject *customer)
{
  GPtrArray *phones = g_ptr_array_new ();
  JsonArray *array = customer ? cg_json_get_array (customer, "phones") : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *phone = cg_json_array_get_string (array, i);
      if (phone != NULL)
        g_ptr_array_add (phones, (gpointer) phone);
    }
  return phones;
}

gboolean
cg_order_mark_ready (CgStore     *store,
                     const char  *order_id,
                     const char  *actor,
                     char       **pickup_code,
                     GError     **error)
{
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(JsonObject) customer = NULL;
  g_autoptr(JsonObject) pickup = NULL;
  g_autoptr(JsonObject) existing = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(GPtrArray) phones = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = cg_json_timestamp_now ();
  g_autofree char *code = new_pickup_code ();
  g_autofree char *salt = cg_pickup_new_salt ();
  g_autofree char *pickup_rev = NULL;
  g_autofree char *notification_id = NULL;
  const char *customer_id, *number, *store_id;
  char last4[5];
  gboolean have_last4 = FALSE;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (order_id != NULL, FALSE);

  if (!cg_store_begin (store, error))
    return FALSE;

  order = cg_store_get (store, order_id, FALSE, error);
  if (order == NULL)
    return finish_batch (store, FALSE, error);
  if (g_strcmp0 (cg_json_get_string (order, "status"), "placed") != 0)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION,
                   _("Order %s is not waiting to be prepared, so it cannot be marked ready."),
                   cg_json_get_string (order, "number"));
      return finish_batch (store, FALSE, error);
    }

  number = cg_json_get_string (order, "number");
  store_id = cg_json_get_string (order, "store_id");
  customer_id = cg_json_get_string (order, "customer_id");
  if (customer_id != NULL)
    customer = cg_store_get (store, customer_id, FALSE, NULL);
  phones = customer_phones (customer);
  if (phones->len > 0)
    have_last4 = cg_pickup_phone_last4 (g_ptr_array_index (phones, 0), last4);

  json_object_set_string_member (order, "status", "ready_for_pickup");
  json_object_set_string_member (order, "ready_at", now);
  json_object_set_string_member (order, "pickup_code", code);
  if (!put_order (store, order, actor, now, error))
    return finish_batch (store, FALSE, error);

  /* The kiosk-safe document; central may have written one already. */
  pickup = cg_pickup_build (store_id, number, "ready_for_pickup", now, salt,
                            have_last4 ? last4 : NULL);
  existing = cg_store_get (store, cg_json_get_string (pickup, "_id"), FALSE, NULL);
  if (existing != NULL)
    {
      /* Onto the existing body: members central added are kept. */
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init (&iter, pickup);
      while (json_object_iter_next (&iter, &member, &value))
        json_object_set_member (existing, member, json_node_copy (value));
      g_clear_pointer (&pickup, json_object_unref);
      pickup = g_steal_pointer (&existing);
    }
  stamp_pickup (pickup, now);
  pickup_rev = cg_store_put (store, pickup, error);
  if (pickup_rev == NULL)
    return finish_batch (store, FALSE, error);

  params = json_object_new ();
  json_object_set_string_member (params, "order_number", number);
  json_object_set_string_member (params, "store", store_id);
  json_object_set_string_member (params, "pickup_code", code);
  notification_id = cg_notification_queue_for_customer (store, customer_id, "order_ready",
                                                        params, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return finish_batch (store, FALSE, error);
    }

  if (!finish_batch (store, TRUE, error))
    return FALSE;
  if (pickup_code != NULL)
    *pickup_code = g_steal_pointer (&code);
  return TRUE;
}

static gboolean
is_digits (const char *text,
           gsize       length)
{
  if (text == NULL || strlen (text) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* Checks @value for @method against @order; sets @error naming what did
 * not match. */
static gboolean
verify_hand_over (CgStore     *store,
                  JsonObject  *order,
                  const char  *method,
                  const char  *value,
                  GError     **error)
{
  if (g_strcmp0 (method, "phone_last4") == 0)
    {
      g_autoptr(JsonObject) customer = NULL;
      g_autoptr(GPtrArray) phones = NULL;
      g_autofree char *digits = value ? g_strstrip (g_strdup (value)) : NULL;
      const char *customer_id = cg_json_get_string (order, "customer_id");

      if (!is_digits (digits, 4))
        {
          g_set_error (error, CG_ORDER_ERROR, CG_ORDER_ERROR_NOT_VERIFIED,
                       _("Enter the last 4 digits of the customer’s phone number."));
          return FALSE;
        }
      if (customer_id != NULL)
        customer = cg_store_get (store, customer_id, FALSE, NULL);
      phones = customer_phones (customer);
      if (phones->len == 0)
        {
          g_set_error (error, CG_ORDER_ERROR, CG_ORDER_ERROR_NOT_VERIFIED,
                       _("This order has no customer phone number. Check an ID document or the pickup code instead."));
          return FALSE;
        }
      for (guint i = 0; i < phones->len; i++)
        {
          char last4[5];
          if (cg_pickup_phone_last4 (g_ptr_array_index (phones, i), last4) &&
              sodium_memcmp (last4, digits, 4) == 0)
            return TRUE;
        }
      g_set_error (error, CG_ORDER_ERROR, CG_ORDER_ERROR_NOT_VERIFIED,
                   _("The last 4 digits %s do not match the customer’s phone number."), digits);
      return FALSE;
    }

  if (g_strcmp0 (method, "code") == 0)
    {
      g_autofree char *code = value ? g_strstrip (g_strdup (value)) : NULL;
      const char *expected = cg_json_get_string (order, "pickup_code");

      if (!is_digits (code, 6))
        {
          g_set_error (error, CG_ORDER_ERROR, CG_ORDER_ERROR_NOT_VERIFIED,
                       _("Enter the 6-digit pickup code from the customer’s message."));
          return FALSE;
        }
      if (expected == NULL)
        {
          g_set_error (error, CG_ORDER_ERROR, CG_ORDER_ERROR_NOT_VERIFIED,
                       _("This order has no pickup code. Check the phone number or an ID document instead."));
          return FALSE;
        }
      if (strlen (expected) != 6 || sodium_memcmp (expected, code, 6) != 0)
        {
          g_set_error (error, CG_ORDER_ERROR, CG_ORDER_ERROR_NOT_VERIFIED,
                       _("The pickup code %s does not match this order’s code."), code);
          return FALSE;
        }
      return TRUE;
    }

  if (g_strcmp0 (method, "id_document") == 0)
    return TRUE;   /* staff looked at it; nothing to compare */

  g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
               _("Verify with the last 4 phone digits, an ID document or the pickup code."));
  return FALSE;
}

gboolean
cg_order_hand_over (CgStore     *store,
                    const char  *order_id,
                    const char  *method,
                    const char  *value,
                    const char  *actor,
                    GError     **error)
{
  g_autoptr(JsonObject) order = NULL;
  g_autofree char *now = cg_json_timestamp_now ();
  const char *status;
  gboolean ok;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (order_id != NULL, FALSE);

  if (!cg_store_begin (store, error))
    return FALSE;
  order = cg_store_get (store, order_id, FALSE, error);
  if (order == NULL)
    return finish_batch (store, FALSE, error);

  status = cg_json_get_string (order, "status");
  if (g_strcmp0 (status, "ready_for_pickup") != 0 && g_strcmp0 (status, "placed") != 0)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION,
                   _("Order %s cannot be handed over: it is not waiting for pickup."),
                   cg_json_get_string (order, "number"));
      return finish_batch (store, FALSE, error);
    }
  if (!verify_hand_over (store, order, method, value, error))
    return finish_batch (store, FALSE, error);

  json_object_set_string_member (order, "status", "picked_up");
  json_object_set_string_member (order, "pickup_verified_with", method);
  json_object_set_string_member (order, "picked_up_at", now);
  if (actor != NULL)
    json_object_set_string_member (order, "picked_up_by", actor);
  if (g_strcmp0 (method, "id_document") == 0 && value != NULL && *value != '\0')
    json_object_set_string_member (order, "pickup_document", value);

  ok = put_order (store, order, actor, now, error) &&
       update_pickup (store, order, "picked_up", actor, now, error);
  return finish_batch (store, ok, error);
}

/* ----------------------------------------------------------------- returns */

/* Quantities come from documents and callers; a sum must not wrap round
 * into a small number and let an absurd return through. Both >= 0. */
static gint64
add_saturating (gint64 a,
                gint64 b)
{
  return b > G_MAXINT64 - a ? G_MAXINT64 : a + b;
}

static gint64
sum_qty (JsonArray  *array,
         const char *sku)
{
  gint64 total = 0;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *line = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      gint64 qty = 0;

      if (line != NULL && g_strcmp0 (cg_json_get_string (line, "sku"), sku) == 0 &&
          cg_json_get_int (line, "qty", &qty) && qty > 0)
        total = add_saturating (total, qty);
    }
  return total;
}

gint64
cg_order_returnable (JsonObject *order,
                     const char *sku)
{
  gint64 bought, returned;

  g_return_val_if_fail (order != NULL, 0);

  bought = sum_qty (cg_json_get_array (order, "items"), sku);
  returned = sum_qty (cg_json_get_array (order, "returns"), sku);
  return MAX (bought - returned, 0);
}

static const char *
item_name (JsonObject *order,
           const char *sku)
{
  JsonArray *items = cg_json_get_array (order, "items");

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      if (item != NULL && g_strcmp0 (cg_json_get_string (item, "sku"), sku) == 0)
        return cg_json_get_string (item, "name");
    }
  return NULL;
}

/* Whether anything bought is left after the returns. */
static gboolean
anything_left (JsonObject *order)
{
  JsonArray *items = cg_json_get_array (order, "items");

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *sku = item ? cg_json_get_string (item, "sku") : NULL;
      if (sku != NULL && cg_order_returnable (order, sku) > 0)
        return TRUE;
    }
  return FALSE;
}

/* Checks @lines against @order: every sku on the order, every quantity
 * positive, and (adding up lines of the same sku) no more than what is
 * left to return. */
static gboolean
check_return_lines (JsonObject          *order,
                    const CgReturnLine  *lines,
                    guint                n_lines,
                    GError             **error)
{
  guint n_positive = 0;

  for (guint i = 0; i < n_lines; i++)
    {
      gint64 asked = 0, left;

      if (lines[i].qty == 0)
        continue;
      if (lines[i].qty < 0 || lines[i].sku == NULL)
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                       _("A quantity to return cannot be negative."));
          return FALSE;
        }
      if (item_name (order, lines[i].sku) == NULL)
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                       _("Item %s is not on this order."), lines[i].sku);
          return FALSE;
        }
      for (guint j = 0; j < n_lines; j++)
        if (g_strcmp0 (lines[j].sku, lines[i].sku) == 0 && lines[j].qty > 0)
          asked = add_saturating (asked, lines[j].qty);
      left = cg_order_returnable (order, lines[i].sku);
      if (asked > left)
        {
          g_autofree char *asked_text = g_strdup_printf ("%" G_GINT64_FORMAT, asked);
          g_autofree char *left_text = g_strdup_printf ("%" G_GINT64_FORMAT, left);
          /* Translators: "Cannot return 3 of Wool scarf: only 2 were bought and not returned yet." */
          g_set_error (error, CG_ORDER_ERROR, CG_ORDER_ERROR_TOO_MANY,
                       _("Cannot return %s of %s: only %s bought and not returned yet."),
                       asked_text, item_name (order, lines[i].sku), left_text);
          return FALSE;
        }
      n_positive++;
    }
  if (n_positive == 0)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD,
                   _("Choose at least one item to return."));
      return FALSE;
    }
  return TRUE;
}

gboolean
cg_order_return (CgStore            *store,
                 const char         *order_id,
                 const CgReturnLine *lines,
                 guint               n_lines,
                 const char         *reason,
                 const char         *actor,
                 char              **case_id,
                 GError            **error)
{
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *now = cg_json_timestamp_now ();
  g_autofree char *subject = NULL;
  g_autofree char *new_case_id = NULL;
  CgCaseDraft draft = { 0 };
  JsonArray *returns;
  const char *status, *number;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (order_id != NULL, FALSE);
  g_return_val_if_fail (lines != NULL || n_lines == 0, FALSE);

  if (!cg_store_begin (store, error))
    return FALSE;
  order = cg_store_get (store, order_id, FALSE, error);
  if (order == NULL)
    return finish_batch (store, FALSE, error);

  status = cg_json_get_string (order, "status");
  number = cg_json_get_string (order, "number");
  if (g_strcmp0 (status, "picked_up") != 0 && g_strcmp0 (status, "partially_returned") != 0)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION,
                   _("Order %s cannot take returns: it has not been handed over, or everything was returned."),
                   cg_json_get_string (order, "number"));
      return finish_batch (store, FALSE, error);
    }
  if (!check_return_lines (order, lines, n_lines, error))
    return finish_batch (store, FALSE, error);

  /* The case first: its id goes on each returned line. */
  if (reason != NULL && *reason != '\0')
    g_string_append (description, reason);
  for (guint i = 0; i < n_lines; i++)
    {
      if (lines[i].qty <= 0)
        continue;
      if (description->len > 0)
        g_string_append_c (description, '\n');
      g_string_append_printf (description, "%" G_GINT64_FORMAT " × %s (%s)",
                              lines[i].qty, item_name (order, lines[i].sku), lines[i].sku);
    }
  /* Translators: the subject of the case a return opens; %s is the order number. */
  subject = g_strdup_printf (_("Return of order %s"), number ? number : "");
  draft.customer_id = cg_json_get_string (order, "customer_id");
  draft.order_id = order_id;
  draft.channel = "counter";
  draft.category = "return";
  draft.subject = subject;
  draft.description = description->str;
  draft.priority = "normal";
  draft.created_by = actor;
  new_case_id = cg_case_create (store, &draft, error);
  if (new_case_id == NULL)
    return finish_batch (store, FALSE, error);

  returns = cg_json_get_array (order, "returns");
  if (returns == NULL)
    {
      returns = json_array_new ();
      json_object_set_array_member (order, "returns", returns);
    }
  for (guint i = 0; i < n_lines; i++)
    {
      JsonObject *line;

      if (lines[i].qty <= 0)
        continue;
      line = json_object_new ();
      json_object_set_string_member (line, "sku", lines[i].sku);
      json_object_set_int_member (line, "qty", lines[i].qty);
      json_object_set_string_member (line, "at", now);
      if (actor != NULL)
        json_object_set_string_member (line, "by", actor);
      json_object_set_string_member (line, "case_id", new_case_id);
      json_array_add_object_element (returns, line);
    }
  json_object_set_string_member (order, "status",
                                 anything_left (order) ? "partially_returned" : "returned");
  if (!put_order (store, order, actor, now, error))
    return finish_batch (store, FALSE, error);
  if (!finish_batch (store, TRUE, error))
    return FALSE;
  if (case_id != NULL)
    *case_id = g_steal_pointer (&new_case_id);
  return TRUE;
}

/* ---------------------------------------------------------------- check-ins */

char *
cg_checkin_create (CgStore     *store,
                   const char  *reason,
                   const char  *customer_id,
                   const char  *display_name,
                   char       **ticket,
                   GError     **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *id = cg_device_new_doc_id ("checkin");
  g_autofree char *stamp = cg_json_timestamp (now);
  g_autofree char *store_id = cg_device_get_store_id (store);
  g_autofree char *number = NULL;
  g_autofree char *rev = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "checkin");
  json_object_set_string_member (doc, "store_id", store_id);
  json_object_set_string_member (doc, "reason", reason ? reason : "help");
  if (customer_id != NULL)
    json_object_set_string_member (doc, "customer_id", customer_id);
  if (display_name != NULL && *display_name != '\0')
    json_object_set_string_member (doc, "display_name", display_name);
  json_object_set_string_member (doc, "status", "waiting");
  json_object_set_string_member (doc, "created_at", stamp);
  cg_device_stamp_change (store, doc, NULL, stamp);

  if (!cg_store_begin (store, error))
    return NULL;
  /* Tickets restart every local day, as on paper. */
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

gboolean
cg_checkin_set_status_at (CgStore     *store,
                          const char  *checkin_id,
                          const char  *status,
                          const char  *actor,
                          GDateTime   *now,
                          GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *stamp = now ? cg_json_timestamp (now) : cg_json_timestamp_now ();
  g_autofree char *rev = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (checkin_id != NULL && status != NULL, FALSE);

  doc = cg_store_get (store, checkin_id, FALSE, error);
  if (doc == NULL)
    return FALSE;
  if (g_strcmp0 (status, "called") == 0)
    json_object_set_string_member (doc, "called_at", stamp);
  /* Whoever calls a ticket serves it: "at this counter" is this person. */
  if ((g_strcmp0 (status, "serving") == 0 || g_strcmp0 (status, "called") == 0) &&
      actor != NULL)
    json_object_set_string_member (doc, "served_by", actor);
  if (g_strcmp0 (status, "done") == 0 || g_strcmp0 (status, "no_show") == 0)
    json_object_set_string_member (doc, "done_at", stamp);
  json_object_set_string_member (doc, "status", status);
  cg_device_stamp_change (store, doc, actor, stamp);
  rev = cg_store_put (store, doc, error);
  return rev != NULL;
}

gboolean
cg_checkin_set_status (CgStore     *store,
                       const char  *checkin_id,
                       const char  *status,
                       const char  *actor,
                       GError     **error)
{
  return cg_checkin_set_status_at (store, checkin_id, status, actor, NULL, error);
}
