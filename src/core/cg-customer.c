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
  return cg_customer_update_as (store, id, changes, NULL, error);
}

gboolean
cg_customer_update_as (CgStore     *store,
                       const char  *id,
                       JsonObject  *changes,
                       const char  *actor,
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
  cg_device_stamp_change (store, doc, actor, now);
  rev = cg_store_put (store, doc, error);
  return rev != NULL;
}

G_DEFINE_QUARK (cg-customer-error-quark, cg_customer_error)

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (cg_json_array_get_string (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static JsonArray *
array_copy (JsonArray *array)
{
  JsonArray *copy = json_array_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    json_array_add_element (copy, json_node_copy (json_array_get_element (array, i)));
  return copy;
}

static gboolean
arrays_equal (JsonArray *a,
              JsonArray *b)
{
  g_autoptr(JsonNode) na = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonNode) nb = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (na, array_copy (a));
  json_node_take_array (nb, array_copy (b));
  return json_node_equal (na, nb);
}

/* Adds to @target's @member the strings of @source's it lacks; returns
 * those it added (transfer full). */
static JsonArray *
add_missing (JsonObject *target,
             JsonObject *source,
             const char *member)
{
  JsonArray *from = cg_json_get_array (source, member);
  JsonArray *to = cg_json_get_array (target, member);
  JsonArray *added = json_array_new ();

  if (to == NULL)
    {
      to = json_array_new ();
      json_object_set_array_member (target, member, to);
    }
  for (guint i = 0; from != NULL && i < json_array_get_length (from); i++)
    {
      const char *value = cg_json_array_get_string (from, i);
      if (value != NULL && !array_has_string (to, value))
        {
          json_array_add_string_element (to, value);
          json_array_add_string_element (added, value);
        }
    }
  return added;
}

static gboolean
cannot_merge (GError    **error,
              const char *message)
{
  g_set_error_literal (error, CG_CUSTOMER_ERROR, CG_CUSTOMER_ERROR_CANNOT_MERGE, message);
  return FALSE;
}

static gboolean
has_merged_from (JsonObject *doc)
{
  JsonArray *from = cg_json_get_array (doc, "merged_from");
  return from != NULL && json_array_get_length (from) > 0;
}

gboolean
cg_customer_merge (CgStore     *store,
                   const char  *survivor_id,
                   const char  *duplicate_id,
                   const char  *actor,
                   GError     **error)
{
  g_autoptr(JsonObject) survivor = NULL;
  g_autoptr(JsonObject) duplicate = NULL;
  g_autofree char *now = cg_json_timestamp_now ();
  g_autofree char *rev1 = NULL;
  g_autofree char *rev2 = NULL;
  JsonArray *merged_from;
  JsonObject *entry;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (survivor_id != NULL && duplicate_id != NULL, FALSE);

  if (g_str_equal (survivor_id, duplicate_id))
    return cannot_merge (error, _("A customer cannot be merged into itself."));

  survivor = cg_store_get (store, survivor_id, FALSE, error);
  if (survivor == NULL)
    return FALSE;
  duplicate = cg_store_get (store, duplicate_id, FALSE, error);
  if (duplicate == NULL)
    return FALSE;
  if (g_strcmp0 (cg_json_get_string (survivor, "type"), "customer") != 0 ||
      g_strcmp0 (cg_json_get_string (duplicate, "type"), "customer") != 0)
    return cannot_merge (error, _("Only customers can be merged."));
  if (cg_json_get_string (survivor, "merged_into") != NULL)
    return cannot_merge (error, _("The customer to keep was itself merged into another customer."));
  if (cg_json_get_string (duplicate, "merged_into") != NULL)
    return cannot_merge (error, _("This customer is already merged into another customer."));
  if (has_merged_from (duplicate))
    return cannot_merge (error, _("Other customers were merged into this one. Keep it and merge the other one into it instead."));

  entry = json_object_new ();
  json_object_set_string_member (entry, "id", duplicate_id);
  json_object_set_array_member (entry, "phones", add_missing (survivor, duplicate, "phones"));
  json_object_set_array_member (entry, "emails", add_missing (survivor, duplicate, "emails"));
  json_object_set_array_member (entry, "phones_after", array_copy (cg_json_get_array (survivor, "phones")));
  json_object_set_array_member (entry, "emails_after", array_copy (cg_json_get_array (survivor, "emails")));
  json_object_set_string_member (entry, "at", now);
  merged_from = cg_json_get_array (survivor, "merged_from");
  if (merged_from == NULL)
    {
      merged_from = json_array_new ();
      json_object_set_array_member (survivor, "merged_from", merged_from);
    }
  json_array_add_object_element (merged_from, entry);
  cg_device_stamp_change (store, survivor, actor, now);

  json_object_set_string_member (duplicate, "merged_into", survivor_id);
  cg_device_stamp_change (store, duplicate, actor, now);

  if (!cg_store_begin (store, error))
    return FALSE;
  rev1 = cg_store_put (store, survivor, error);
  if (rev1 != NULL)
    rev2 = cg_store_put (store, duplicate, error);
  if (rev2 == NULL)
    {
      cg_store_rollback (store);
      return FALSE;
    }
  return cg_store_commit (store, error);
}

/* Removes from @doc's @member the strings in @added, when the list is
 * still what the merge left (@after). */
static void
take_back (JsonObject *doc,
           JsonObject *entry,
           const char *member,
           const char *after_member)
{
  JsonArray *current = cg_json_get_array (doc, member);
  JsonArray *added = cg_json_get_array (entry, member);
  JsonArray *after = cg_json_get_array (entry, after_member);
  JsonArray *kept;

  if (current == NULL || added == NULL || after == NULL || !arrays_equal (current, after))
    return;
  kept = json_array_new ();
  for (guint i = 0; i < json_array_get_length (current); i++)
    {
      const char *value = cg_json_array_get_string (current, i);
      if (!array_has_string (added, value))
        json_array_add_element (kept, json_node_copy (json_array_get_element (current, i)));
    }
  json_object_set_array_member (doc, member, kept);
}

gboolean
cg_customer_unmerge (CgStore     *store,
                     const char  *duplicate_id,
                     const char  *actor,
                     GError     **error)
{
  g_autoptr(JsonObject) duplicate = NULL;
  g_autoptr(JsonObject) survivor = NULL;
  g_autofree char *now = cg_json_timestamp_now ();
  g_autofree char *rev = NULL;
  const char *survivor_id;
  gboolean ok = TRUE;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);

  duplicate = cg_store_get (store, duplicate_id, FALSE, error);
  if (duplicate == NULL)
    return FALSE;
  survivor_id = cg_json_get_string (duplicate, "merged_into");
  if (survivor_id == NULL)
    {
      g_set_error_literal (error, CG_CUSTOMER_ERROR, CG_CUSTOMER_ERROR_NOT_MERGED,
                           _("This customer is not merged into another one."));
      return FALSE;
    }

  /* The survivor may be missing on this device; the duplicate is still
   * restored. */
  survivor = cg_store_get (store, survivor_id, FALSE, NULL);
  if (survivor != NULL)
    {
      JsonArray *from = cg_json_get_array (survivor, "merged_from");
      JsonArray *rest = json_array_new ();

      for (guint i = 0; from != NULL && i < json_array_get_length (from); i++)
        {
          JsonNode *node = json_array_get_element (from, i);
          JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

          if (entry != NULL && g_strcmp0 (cg_json_get_string (entry, "id"), duplicate_id) == 0)
            {
              take_back (survivor, entry, "phones", "phones_after");
              take_back (survivor, entry, "emails", "emails_after");
            }
          else
            json_array_add_element (rest, json_node_copy (node));
        }
      if (json_array_get_length (rest) > 0)
        json_object_set_array_member (survivor, "merged_from", rest);
      else
        {
          json_array_unref (rest);
          json_object_remove_member (survivor, "merged_from");
        }
      cg_device_stamp_change (store, survivor, actor, now);
    }

  json_object_remove_member (duplicate, "merged_into");
  cg_device_stamp_change (store, duplicate, actor, now);

  if (!cg_store_begin (store, error))
    return FALSE;
  if (survivor != NULL)
    {
      rev = cg_store_put (store, survivor, error);
      ok = rev != NULL;
      g_clear_pointer (&rev, g_free);
    }
  if (ok)
    {
      rev = cg_store_put (store, duplicate, error);
      ok = rev != NULL;
    }
  if (!ok)
    {
      cg_store_rollback (store);
      return FALSE;
    }
  return cg_store_commit (store, error);
}

char *
cg_customer_dup_survivor (CgStore    *store,
                          const char *id)
{
  sqlite3_stmt *stmt;
  char *survivor = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  if (id == NULL)
    return NULL;
  /* The projection has merged_into; both lookups use customers_by_id. */
  stmt = cg_store_stmt (store,
    "SELECT s.id FROM customers c JOIN customers s ON s.id = c.merged_into WHERE c.id = ?1");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    survivor = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return survivor != NULL ? survivor : g_strdup (id);
}

GStrv
cg_customer_dup_merged_ids (JsonObject *doc)
{
  JsonArray *from = doc != NULL ? cg_json_get_array (doc, "merged_from") : NULL;
  g_autoptr(GStrvBuilder) builder = NULL;

  if (from == NULL || json_array_get_length (from) == 0)
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (from); i++)
    {
      JsonNode *node = json_array_get_element (from, i);
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          const char *id = cg_json_get_string (json_node_get_object (node), "id");
          if (id != NULL)
            g_strv_builder_add (builder, id);
        }
    }
  return g_strv_builder_end (builder);
}

char *
cg_customer_dup_ready_order (CgStore    *store,
                             const char *customer_id)
{
  g_autoptr(JsonObject) doc = NULL;
  g_auto(GStrv) merged = NULL;
  g_autoptr(JsonArray) ids = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *ids_json = NULL;
  sqlite3_stmt *stmt;
  char *order = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  if (customer_id == NULL)
    return NULL;
  doc = cg_store_get (store, customer_id, FALSE, NULL);
  merged = cg_customer_dup_merged_ids (doc);
  json_array_add_string_element (ids, customer_id);
  for (guint i = 0; merged != NULL && merged[i] != NULL; i++)
    json_array_add_string_element (ids, merged[i]);
  json_node_set_array (node, ids);
  ids_json = json_to_string (node, FALSE);

  stmt = cg_store_stmt (store,
    "SELECT id FROM orders WHERE customer_id IN (SELECT value FROM json_each (?1)) "
    "AND status = 'ready_for_pickup' ORDER BY ready_at LIMIT 1");
  sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    order = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return order;
}

static gboolean
is_hangul_syllable (gunichar c)
{
  return c >= 0xAC00 && c <= 0xD7A3;
}

char *
cg_customer_given_name (const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  const char *space = strchr (trimmed, ' ');
  gunichar first = g_utf8_get_char (trimmed);

  if (*trimmed == '\0')
    return g_strdup ("");
  if (is_hangul_syllable (first))
    {
      /* Written with a space, the family name is the first word ("남궁
       * 민수"); without, the first syllable ("김민준"); two syllables are
       * taken as a given name alone. */
      if (space != NULL)
        return g_strstrip (g_strdup (space + 1));
      if (g_utf8_strlen (trimmed, -1) >= 3)
        return g_strdup (g_utf8_next_char (trimmed));
      return g_strdup (trimmed);
    }
  return space != NULL ? g_strndup (trimmed, space - trimmed) : g_strdup (trimmed);
}
