/* cg-notification.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-notification"

#include "config.h"

#include "cg-customer.h"
#include "cg-device.h"
#include "cg-json.h"
#include "cg-notification.h"
#include "cg-store.h"

static const char *
first_string (JsonObject *doc,
              const char *member)
{
  JsonArray *array;

  if (!json_object_has_member (doc, member))
    return NULL;
  array = json_object_get_array_member (doc, member);
  if (array == NULL || json_array_get_length (array) == 0)
    return NULL;
  return json_node_get_string (json_array_get_element (array, 0));
}

/* The channel and address to reach @customer on, or FALSE. SMS is the
 * default: every Korean customer has a mobile number, not every one an
 * e-mail address. */
static gboolean
pick_channel (JsonObject  *customer,
              const char **channel,
              const char **to)
{
  const char *preferred = cg_json_get_string (customer, "preferred_channel");
  const char *phone = first_string (customer, "phones");
  const char *email = first_string (customer, "emails");

  if (g_strcmp0 (preferred, "none") == 0)
    return FALSE;
  if (g_strcmp0 (preferred, "email") == 0 && email != NULL)
    {
      *channel = "email";
      *to = email;
      return TRUE;
    }
  if (phone != NULL)
    {
      *channel = "sms";
      *to = phone;
      return TRUE;
    }
  if (email != NULL)
    {
      *channel = "email";
      *to = email;
      return TRUE;
    }
  return FALSE;
}

char *
cg_notification_queue_for_customer (CgStore     *store,
                                    const char  *customer_id,
                                    const char  *template_name,
                                    JsonObject  *params,
                                    GError     **error)
{
  g_autoptr(JsonObject) customer = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *survivor = NULL;
  const char *channel = NULL, *to = NULL, *language;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  g_return_val_if_fail (template_name != NULL, NULL);

  if (customer_id == NULL || *customer_id == '\0')
    return NULL;
  /* A duplicate merged into another customer is reached at the
   * survivor's address, not at the one it had before the merge. */
  survivor = cg_customer_dup_survivor (store, customer_id);
  if (survivor != NULL)
    customer_id = survivor;
  customer = cg_store_get (store, customer_id, FALSE, NULL);
  if (customer == NULL || !pick_channel (customer, &channel, &to))
    return NULL;

  language = cg_json_get_string (customer, "language");
  if (g_strcmp0 (language, "en") != 0)
    language = "ko";

  id = cg_device_new_doc_id ("notification");
  now = cg_json_timestamp_now ();
  doc = json_object_new ();
  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "notification");
  json_object_set_string_member (doc, "channel", channel);
  json_object_set_string_member (doc, "to", to);
  json_object_set_string_member (doc, "template", template_name);
  json_object_set_object_member (doc, "params",
                                 params != NULL ? cg_json_copy (params) : json_object_new ());
  json_object_set_string_member (doc, "locale", language);
  json_object_set_string_member (doc, "customer_id", customer_id);
  json_object_set_string_member (doc, "created_at", now);
  cg_device_stamp_change (store, doc, NULL, now);

  rev = cg_store_put (store, doc, error);
  if (rev == NULL)
    return NULL;
  return g_steal_pointer (&id);
}
