/* cg-customer.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-customer"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cg-customer.h"
#include "cg-device.h"
#include "cg-store-private.h"
#include "cg-validate.h"

struct _CgCustomerSummary
{
  GObject parent_instance;
  char   *id;
  char   *name;
  char   *phone;
  char   *email;
  char   *tier;
};

enum { PROP_0, PROP_ID, PROP_NAME, PROP_PHONE, PROP_EMAIL, PROP_TIER, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (CgCustomerSummary, cg_customer_summary, G_TYPE_OBJECT)

static void
cg_customer_summary_finalize (GObject *object)
{
  CgCustomerSummary *self = CG_CUSTOMER_SUMMARY (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->phone);
  g_free (self->email);
  g_free (self->tier);
  G_OBJECT_CLASS (cg_customer_summary_parent_class)->finalize (object);
}

static void
cg_customer_summary_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CgCustomerSummary *self = CG_CUSTOMER_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_PHONE: g_value_set_string (value, self->phone); break;
    case PROP_EMAIL: g_value_set_string (value, self->email); break;
    case PROP_TIER: g_value_set_string (value, self->tier); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_customer_summary_class_init (CgCustomerSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cg_customer_summary_finalize;
  object_class->get_property = cg_customer_summary_get_property;

  props[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL,
                                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL,
                                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  props[PROP_TIER] = g_param_spec_string ("tier", NULL, NULL, NULL,
                                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
cg_customer_summary_init (CgCustomerSummary *self)
{
}

const char *cg_customer_summary_get_id (CgCustomerSummary *self) { return self->id; }
const char *cg_customer_summary_get_name (CgCustomerSummary *self) { return self->name; }
const char *cg_customer_summary_get_phone (CgCustomerSummary *self) { return self->phone; }
const char *cg_customer_summary_get_email (CgCustomerSummary *self) { return self->email; }
const char *cg_customer_summary_get_tier (CgCustomerSummary *self) { return self->tier; }

static char *
first_word (const char *text)
{
  const char *space;

  if (text == NULL)
    return g_strdup ("");
  space = strchr (text, ' ');
  return space ? g_strndup (text, (gsize) (space - text)) : g_strdup (text);
}

GPtrArray *
cg_customer_summaries_load (CgStore      *store,
                            const gint64 *rowids,
                            guint         n_rowids)
{
  GPtrArray *out = g_ptr_array_new_full (n_rowids, g_object_unref);

  g_return_val_if_fail (CG_IS_STORE (store), out);

  for (guint i = 0; i < n_rowids; i++)
    {
      sqlite3_stmt *stmt = cg_store_stmt (store,
        "SELECT id, name, phones, emails, tier FROM customers WHERE doc_id = ?1");
      sqlite3_bind_int64 (stmt, 1, rowids[i]);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          CgCustomerSummary *summary = g_object_new (CG_TYPE_CUSTOMER_SUMMARY, NULL);
          g_autofree char *phone = first_word ((const char *) sqlite3_column_text (stmt, 2));

          summary->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          summary->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          summary->phone = cg_phone_format (phone);
          summary->email = first_word ((const char *) sqlite3_column_text (stmt, 3));
          summary->tier = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
          g_ptr_array_add (out, summary);
        }
      sqlite3_reset (stmt);
    }
  return out;
}

char *
cg_customer_create (CgStore     *store,
                    const char  *name,
                    const char  *phone,
                    const char  *email,
                    const char  *language,
                    GError     **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *id = cg_device_new_doc_id ("customer");
  g_autofree char *now = cg_json_timestamp_now ();
  g_autofree char *rev = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));
  JsonArray *phones = json_array_new ();
  JsonArray *emails = json_array_new ();

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", "customer");
  json_object_set_string_member (doc, "name", stripped);
  json_object_set_array_member (doc, "phones", phones);
  json_object_set_array_member (doc, "emails", emails);

  if (*stripped == '\0')
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD,
                   _("Enter the customer’s name."));
      return NULL;
    }
  if (phone != NULL && *phone != '\0')
    {
      g_autofree char *e164 = cg_phone_normalize (phone, error);
      if (e164 == NULL)
        return NULL;
      json_array_add_string_element (phones, e164);
      if (!g_str_equal (e164, phone))
        json_object_set_string_member (doc, "phone_raw", phone);
    }
  if (email != NULL && *email != '\0')
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (email));
      if (!cg_email_check (trimmed, error))
        return NULL;
      json_array_add_string_element (emails, trimmed);
    }
  json_object_set_string_member (doc, "language", language ? language : "ko");
  json_object_set_string_member (doc, "preferred_channel", "sms");
  json_object_set_string_member (doc, "created_at", now);
  json_object_set_string_member (doc, "updated_at", now);

  rev = cg_store_put (store, doc, error);
  if (rev == NULL)
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
cg_customer_update (CgStore     *store,
                    const char  *id,
                    JsonObject  *changes,
                    GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *now = cg_json_timestamp_now ();
  g_autofree char *rev = NULL;
  g_autoptr(GList) names = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);

  doc = cg_store_get (store, id, FALSE, error);
  if (doc == NULL)
    return FALSE;
  names = json_object_get_members (changes);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      if (name[0] != '_' && !g_str_equal (name, "type"))
        json_object_set_member (doc, name, json_node_copy (json_object_get_member (changes, name)));
    }
  json_object_set_string_member (doc, "updated_at", now);
  rev = cg_store_put (store, doc, error);
  return rev != NULL;
}
