/* cg-validate.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Client-side validation of every document type of DATA-MODEL.md. The same
 * rules are enforced on the server by data/couchdb's validate_doc_update;
 * here they protect the local store from bad input typed at the counter and
 * from hostile or broken documents arriving by replication.
 *
 * Each type is a table of fields; each field has a kind and, for enums, the
 * allowed values. The workflows (case, order, check-in) are tables of
 * allowed transitions.
 */
#define G_LOG_DOMAIN "cg-validate"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cg-json.h"
#include "cg-validate.h"

/* Longest free text accepted in any field: generous for a case description,
 * small enough that a hostile 10 MB string is refused. */
#define MAX_TEXT_BYTES (64 * 1024)

typedef enum {
  K_TEXT,        /* non-empty string */
  K_ENUM,        /* one of .values */
  K_TIME,        /* RFC 3339 UTC timestamp */
  K_INT,         /* integer within [.min, .max] */
  K_MONEY,       /* integer ≥ 0 in the minor unit */
  K_BOOL,
  K_OBJECT,
  K_STRINGS,     /* array of strings */
  K_PHONES,      /* array of E.164 strings */
  K_EMAILS,      /* array of e-mail strings */
  K_ITEMS,       /* order items */
  K_CURRENCY,    /* ISO 4217 code */
} Kind;

typedef struct {
  const char         *name;
  Kind                kind;
  gboolean            required;
  const char * const *values;
  gint64              min;
  gint64              max;
} Field;

typedef struct {
  const char  *type;
  const Field *fields;
} Schema;

#define V(...) ((const char * const[]) { __VA_ARGS__, NULL })

static const char * const case_statuses[] = {
  "new", "open", "pending_customer", "escalated", "resolved", "closed", NULL };
static const char * const order_statuses[] = {
  "placed", "ready_for_pickup", "picked_up", "cancelled", "returned", "partially_returned", NULL };
static const char * const checkin_statuses[] = {
  "waiting", "called", "serving", "done", "no_show", NULL };
static const char * const languages[] = { "ko", "en", NULL };

static const Field customer_fields[] = {
  { "name", K_TEXT, TRUE },
  { "phones", K_PHONES },
  { "emails", K_EMAILS },
  { "preferred_channel", K_ENUM, FALSE, V ("sms", "email", "phone", "none") },
  { "language", K_ENUM, FALSE, languages },
  { "tier", K_TEXT },
  /* Typed into the customer form: held to the text limit like the rest
   * (a 1 MB paste was accepted and froze the profile's layout). */
  { "notes", K_TEXT },
  { "consent", K_OBJECT },
  { "merged_into", K_TEXT },
  { "created_at", K_TIME, TRUE },
  { "updated_at", K_TIME, TRUE },
  { NULL }
};

static const Field order_fields[] = {
  { "number", K_TEXT, TRUE },
  { "customer_id", K_TEXT },
  { "store_id", K_TEXT, TRUE },
  { "channel", K_ENUM, TRUE, V ("online", "in_store") },
  { "items", K_ITEMS, TRUE },
  { "total", K_MONEY, TRUE },
  { "currency", K_CURRENCY, TRUE },
  { "status", K_ENUM, TRUE, order_statuses },
  { "ready_at", K_TIME },
  { "picked_up_at", K_TIME },
  { "picked_up_by", K_TEXT },
  { "pickup_verified_with", K_ENUM, FALSE, V ("phone_last4", "id_document", "code") },
  { "created_at", K_TIME },
  { NULL }
};

static const Field case_fields[] = {
  { "number", K_TEXT, TRUE },
  { "customer_id", K_TEXT },
  { "order_id", K_TEXT },
  { "store_id", K_TEXT, TRUE },
  { "channel", K_ENUM, TRUE, V ("counter", "kiosk", "phone", "email", "web") },
  { "category", K_TEXT, TRUE },
  { "subject", K_TEXT, TRUE },
  { "description", K_TEXT },
  { "priority", K_ENUM, TRUE, V ("low", "normal", "high", "urgent") },
  { "status", K_ENUM, TRUE, case_statuses },
  { "assignee", K_TEXT },
  { "sla", K_OBJECT },
  { "first_response_at", K_TIME },
  { "resolved_at", K_TIME },
  { "resolution", K_TEXT },
  { "reopened_count", K_INT, FALSE, NULL, 0, G_MAXINT32 },
  { "created_by", K_TEXT, TRUE },
  { "created_at", K_TIME, TRUE },
  { "updated_at", K_TIME, TRUE },
  /* Written by a kiosk (cg-kiosk.h); checked further in check_kiosk_fields(). */
  { "contact", K_OBJECT },
  { "language", K_ENUM, FALSE, languages },
  { "self_service", K_OBJECT },
  { NULL }
};

static const Field case_note_fields[] = {
  { "case_id", K_TEXT, TRUE },
  { "author", K_TEXT, TRUE },
  { "visibility", K_ENUM, TRUE, V ("internal", "customer") },
  { "body", K_TEXT, TRUE },
  { "created_at", K_TIME, TRUE },
  { NULL }
};

static const Field checkin_fields[] = {
  { "ticket", K_TEXT, TRUE },
  { "store_id", K_TEXT, TRUE },
  { "reason", K_ENUM, TRUE, V ("help", "pickup", "return", "other") },
  { "customer_id", K_TEXT },
  { "order_number", K_TEXT },
  { "display_name", K_TEXT },
  { "status", K_ENUM, TRUE, checkin_statuses },
  { "created_at", K_TIME, TRUE },
  { "called_at", K_TIME },
  { "served_by", K_TEXT },
  { "done_at", K_TIME },
  { "channel", K_ENUM, FALSE, V ("kiosk", "counter") },
  { NULL }
};

static const Field feedback_fields[] = {
  { "case_id", K_TEXT },
  { "checkin_id", K_TEXT },
  { "customer_id", K_TEXT },
  { "channel", K_TEXT, TRUE },
  { "csat", K_INT, FALSE, NULL, 1, 5 },
  { "nps", K_INT, FALSE, NULL, 0, 10 },
  { "comment", K_TEXT },
  { "created_at", K_TIME, TRUE },
  { "self_service", K_OBJECT },
  { NULL }
};

static const Field article_fields[] = {
  { "title", K_TEXT, TRUE },
  { "body", K_TEXT, TRUE },
  { "tags", K_STRINGS },
  { "locale", K_ENUM, TRUE, languages },
  { "category", K_TEXT, TRUE },
  { "published", K_BOOL, TRUE },
  { "updated_at", K_TIME, TRUE },
  { NULL }
};

static const Field pickup_fields[] = {
  { "order_number", K_TEXT, TRUE },
  { "status", K_ENUM, TRUE, order_statuses },
  { "ready_at", K_TIME },
  { "verify", K_OBJECT, TRUE },
  { NULL }
};

static const Field staff_fields[] = {
  { "name", K_TEXT, TRUE },
  { "role", K_ENUM, TRUE, V ("agent", "supervisor") },
  { "pin_hash", K_TEXT, TRUE },
  { "active", K_BOOL, TRUE },
  { NULL }
};

static const Field config_fields[] = {
  { "scope", K_TEXT, TRUE },
  { "version", K_INT, TRUE, NULL, 1, G_MAXINT64 },
  { "issued_at", K_TIME, TRUE },
  { "key_id", K_TEXT, TRUE },
  { "settings", K_OBJECT, TRUE },
  { "signature", K_TEXT, TRUE },
  { NULL }
};

static const Field device_fields[] = {
  { "role", K_ENUM, TRUE, V ("counter", "kiosk") },
  { "store_id", K_TEXT, TRUE },
  { "app_version", K_TEXT },
  { "pending_changes", K_INT, FALSE, NULL, 0, G_MAXINT64 },
  { "conflicts", K_INT, FALSE, NULL, 0, G_MAXINT64 },
  { "last_pull_at", K_TIME },
  { "last_push_at", K_TIME },
  { "updated_at", K_TIME, TRUE },
  { NULL }
};

static const Field notification_fields[] = {
  { "channel", K_ENUM, TRUE, V ("sms", "email") },
  { "to", K_TEXT, TRUE },
  { "template", K_ENUM, TRUE, V ("order_ready", "case_update", "csat_request") },
  { "params", K_OBJECT },
  { "locale", K_ENUM, TRUE, languages },
  { "created_at", K_TIME, TRUE },
  { NULL }
};

static const Schema schemas[] = {
  { "customer", customer_fields },
  { "order", order_fields },
  { "case", case_fields },
  { "case_note", case_note_fields },
  { "checkin", checkin_fields },
  { "feedback", feedback_fields },
  { "article", article_fields },
  { "pickup", pickup_fields },
  { "staff", staff_fields },
  { "config", config_fields },
  { "device", device_fields },
  { "notification", notification_fields },
};

/* Workflows: for each status, where it may go. */
typedef struct {
  const char         *from;
  const char * const *to;
} Transition;

static const Transition case_flow[] = {
  /* A case resolved at the counter on first contact goes new → open →
   * resolved; pending_customer and escalated may resolve directly, because
   * the answer often arrives with the customer at the counter. */
  { "new", V ("open") },
  { "open", V ("pending_customer", "escalated", "resolved") },
  { "pending_customer", V ("open", "resolved") },
  { "escalated", V ("open", "resolved") },
  { "resolved", V ("open", "closed") },
  { "closed", V (NULL) },
  { NULL }
};

static const Transition order_flow[] = {
  { "placed", V ("ready_for_pickup", "picked_up", "cancelled") },
  { "ready_for_pickup", V ("picked_up", "cancelled") },
  { "picked_up", V ("returned", "partially_returned") },
  { "partially_returned", V ("partially_returned", "returned") },
  { "cancelled", V (NULL) },
  { "returned", V (NULL) },
  { NULL }
};

static const Transition checkin_flow[] = {
  { "waiting", V ("called", "no_show", "done") },
  { "called", V ("serving", "waiting", "no_show", "done") },
  { "serving", V ("done") },
  { "done", V (NULL) },
  { "no_show", V (NULL) },
  { NULL }
};

static const Transition *
flow_for (const char *type)
{
  if (g_strcmp0 (type, "case") == 0)
    return case_flow;
  if (g_strcmp0 (type, "order") == 0 || g_strcmp0 (type, "pickup") == 0)
    return order_flow;
  if (g_strcmp0 (type, "checkin") == 0)
    return checkin_flow;
  return NULL;
}

const char * const *
cg_validate_next_statuses (const char *type,
                           const char *from)
{
  static const char * const none[] = { NULL };
  const Transition *flow = flow_for (type);

  for (; flow != NULL && flow->from != NULL; flow++)
    if (g_strcmp0 (flow->from, from) == 0)
      return flow->to;
  return none;
}

gboolean
cg_validate_transition (const char *type,
                        const char *from,
                        const char *to)
{
  const char * const *next;

  if (g_strcmp0 (from, to) == 0 || flow_for (type) == NULL)
    return TRUE;
  next = cg_validate_next_statuses (type, from);
  return next != NULL && g_strv_contains (next, to);
}

static gboolean
is_timestamp (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  /* RFC 3339 with a zone; the data model writes UTC with a Z. */
  if (text == NULL || strlen (text) < 20 || strlen (text) > 40)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL;
}

/* Anywhere in a document, known field or not (a newer version may add
 * fields, but none adds these): nesting deeper than any document Changgu
 * writes, a string over the text limit, more text in all than a counter's
 * document can need, and text that is not Unicode — U+FFFE and U+FFFF, which
 * is what a server's lone surrogates and NULs arrive as
 * (cg_json_neutralise_escapes()). Inline attachments are exempt from the
 * text limits. A hostile document from the server is refused here, alone. */
#define MAX_DEPTH          32
#define MAX_DOC_TEXT_BYTES (1024 * 1024)

typedef struct {
  gsize    text_bytes;
} DocWalk;

static gboolean
unicode_ok (const char *s)
{
  return g_utf8_validate (s, -1, NULL) &&
         strstr (s, "\xef\xbf\xbe") == NULL && strstr (s, "\xef\xbf\xbf") == NULL;
}

static gboolean
check_tree (const char  *type,
            const char  *member,     /* the top-level field this is in */
            JsonNode    *node,
            guint        depth,
            gboolean     attachment,
            DocWalk     *walk,
            GError     **error)
{
  g_autofree char *shown = cg_json_shorten (member ? member : "", 40);

  if (depth > MAX_DEPTH)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("%s: “%s” is nested more than %d levels deep."), type, shown, MAX_DEPTH);
      return FALSE;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *child;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &child))
        {
          if (!unicode_ok (name))
            {
              g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                           _("%s: a field name is not valid Unicode text."), type);
              return FALSE;
            }
          if (!attachment)
            walk->text_bytes += strlen (name);
          if (!check_tree (type, depth == 0 ? name : member, child, depth + 1,
                           attachment || (depth == 0 && g_str_equal (name, "_attachments")), walk, error))
            return FALSE;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!check_tree (type, member, json_array_get_element (array, i), depth + 1, attachment, walk, error))
          return FALSE;
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      gsize len = strlen (s);

      if (!unicode_ok (s))
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                       _("%s: “%s” holds text that is not valid Unicode (a lone surrogate, a NUL or a noncharacter)."),
                       type, shown);
          return FALSE;
        }
      if (!attachment && len > MAX_TEXT_BYTES)
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                       _("%s: “%s” is too long (%zu bytes; at most %d)."),
                       type, shown, len, MAX_TEXT_BYTES);
          return FALSE;
        }
      if (!attachment)
        walk->text_bytes += len;
    }
  if (walk->text_bytes > MAX_DOC_TEXT_BYTES)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("%s: the document holds more than %d bytes of text."), type, MAX_DOC_TEXT_BYTES);
      return FALSE;
    }
  return TRUE;
}

static gboolean
text_ok (const char  *type,
         const char  *field,
         const char  *value,
         GError     **error)
{
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("%s: “%s” is not valid UTF-8 text."), type, field);
      return FALSE;
    }
  if (strlen (value) > MAX_TEXT_BYTES)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("%s: “%s” is too long (%zu bytes; at most %d)."),
                   type, field, strlen (value), MAX_TEXT_BYTES);
      return FALSE;
    }
  return TRUE;
}

static gboolean
wrong_type (const char  *type,
            const char  *field,
            const char  *expected,
            GError     **error)
{
  g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_WRONG_TYPE,
               _("%s: “%s” must be %s."), type, field, expected);
  return FALSE;
}

static gboolean
check_items (const char  *type,
             JsonArray   *items,
             GError     **error)
{
  guint n = json_array_get_length (items);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      gint64 qty = 0, price = -1;

      if (item == NULL || cg_json_get_string (item, "sku") == NULL ||
          cg_json_get_string (item, "name") == NULL ||
          !cg_json_get_int (item, "qty", &qty) || !cg_json_get_int (item, "unit_price", &price))
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_WRONG_TYPE,
                       _("%s: item %u needs “sku”, “name”, “qty” and “unit_price”."), type, i + 1);
          return FALSE;
        }
      if (qty < 1 || price < 0)
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                       _("%s: item %u has a quantity below 1 or a negative price."), type, i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_field (const char   *type,
             const Field  *field,
             JsonNode     *node,
             GError      **error)
{
  GType vtype = json_node_get_value_type (node);
  const char *s = vtype == G_TYPE_STRING ? json_node_get_string (node) : NULL;

  switch (field->kind)
    {
    case K_TEXT:
      if (s == NULL)
        return wrong_type (type, field->name, _("text"), error);
      if (!text_ok (type, field->name, s, error))
        return FALSE;
      if (field->required && *s == '\0')
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD,
                       _("%s: “%s” cannot be empty."), type, field->name);
          return FALSE;
        }
      return TRUE;

    case K_ENUM:
      if (s == NULL)
        return wrong_type (type, field->name, _("text"), error);
      if (!g_strv_contains (field->values, s))
        {
          g_autofree char *allowed = g_strjoinv (", ", (char **) field->values);
          g_autofree char *shown = cg_json_shorten (s, 40);
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                       _("%s: “%s” cannot be “%.40s”; use one of: %s."),
                       type, field->name, shown, allowed);
          return FALSE;
        }
      return TRUE;

    case K_TIME:
      if (s == NULL || !is_timestamp (s))
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                       _("%s: “%s” must be a time like 2026-11-22T07:11:34Z."),
                       type, field->name);
          return FALSE;
        }
      return TRUE;

    case K_INT:
    case K_MONEY:
      if (vtype != G_TYPE_INT64)
        return wrong_type (type, field->name, _("a whole number"), error);
      {
        gint64 v = json_node_get_int (node);
        gint64 min = field->kind == K_MONEY ? 0 : field->min;
        gint64 max = field->kind == K_MONEY ? G_MAXINT64 : field->max;
        if (v < min || v > max)
          {
            if (field->kind == K_MONEY)
              g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                           _("%s: “%s” cannot be negative."), type, field->name);
            else
              {
                /* Numbers as text: a translatable format cannot hold
                 * G_GINT64_FORMAT (xgettext cannot read it). */
                g_autofree char *low = g_strdup_printf ("%" G_GINT64_FORMAT, min);
                g_autofree char *high = g_strdup_printf ("%" G_GINT64_FORMAT, max);
                g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                             _("%s: “%s” must be between %s and %s."),
                             type, field->name, low, high);
              }
            return FALSE;
          }
      }
      return TRUE;

    case K_BOOL:
      if (vtype != G_TYPE_BOOLEAN)
        return wrong_type (type, field->name, _("true or false"), error);
      return TRUE;

    case K_OBJECT:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return wrong_type (type, field->name, _("an object"), error);
      return TRUE;

    case K_CURRENCY:
      if (s == NULL || strlen (s) != 3 || !g_ascii_isupper (s[0]) ||
          !g_ascii_isupper (s[1]) || !g_ascii_isupper (s[2]))
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                       _("%s: “%s” must be a currency code like KRW."), type, field->name);
          return FALSE;
        }
      return TRUE;

    case K_STRINGS:
    case K_PHONES:
    case K_EMAILS:
    case K_ITEMS:
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return wrong_type (type, field->name, _("a list"), error);
      if (field->kind == K_ITEMS)
        return check_items (type, json_node_get_array (node), error);
      {
        JsonArray *array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            const char *item = cg_json_array_get_string (array, i);
            g_autoptr(GError) local_error = NULL;
            if (item == NULL)
              return wrong_type (type, field->name, _("a list of text"), error);
            if (!text_ok (type, field->name, item, error))
              return FALSE;
            if (field->kind == K_PHONES && !cg_phone_is_e164 (item))
              {
                g_autofree char *shown = cg_json_shorten (item, 40);
                g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                             _("%s: phone “%.40s” is not stored in international form (+821012345678)."),
                             type, shown);
                return FALSE;
              }
            if (field->kind == K_EMAILS && !cg_email_check (item, &local_error))
              {
                g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                             "%s: %s", type, local_error->message);
                return FALSE;
              }
          }
      }
      return TRUE;
    }
  g_assert_not_reached ();
}

/* The article ids offered at the kiosk: at most this many (it offers 3). */
#define MAX_OFFERED 10

static gboolean
check_offered (const char  *type,
               JsonObject  *self_service,
               gboolean     required,
               GError     **error)
{
  JsonNode *node = json_object_get_member (self_service, "offered");
  JsonArray *offered;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD,
                   _("%s: “%s” is required."), type, "self_service.offered");
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (type, "self_service.offered", _("a list of text"), error);
  offered = json_node_get_array (node);
  if (json_array_get_length (offered) > MAX_OFFERED)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("%s: “%s” lists more than %d articles."), type, "self_service.offered", MAX_OFFERED);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (offered); i++)
    {
      const char *id = cg_json_array_get_string (offered, i);
      if (id == NULL || *id == '\0' || strlen (id) > 200)
        return wrong_type (type, "self_service.offered", _("a list of article ids"), error);
    }
  return TRUE;
}

static gboolean
check_helped (const char  *type,
              JsonObject  *self_service,
              GError     **error)
{
  JsonNode *node = json_object_get_member (self_service, "helped");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD,
                   _("%s: “%s” is required."), type, "self_service.helped");
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_type (type, "self_service.helped", _("true or false"), error);
  return TRUE;
}

static gboolean
check_optional_text (const char  *type,
                     JsonObject  *object,
                     const char  *member,
                     const char  *path,
                     gboolean     required,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *s;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD,
                   _("%s: “%s” is required."), type, path);
      return FALSE;
    }
  s = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
      ? json_node_get_string (node) : NULL;
  if (s == NULL)
    return wrong_type (type, path, _("text"), error);
  if (*s == '\0')
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD,
                   _("%s: “%s” cannot be empty."), type, path);
      return FALSE;
    }
  return text_ok (type, path, s, error);
}

/* The nested fields a kiosk writes (cg-kiosk.h). The server rules
 * (data/couchdb/changgu-rules.js) check the same. */
static gboolean
check_kiosk_fields (const char  *type,
                    JsonObject  *doc,
                    GError     **error)
{
  JsonObject *self_service = cg_json_get_object (doc, "self_service");

  if (g_str_equal (type, "case"))
    {
      JsonObject *contact = cg_json_get_object (doc, "contact");

      if (contact != NULL)
        {
          const char *phone = cg_json_get_string (contact, "phone");
          const char *email = cg_json_get_string (contact, "email");
          g_autoptr(GError) local_error = NULL;

          if (!check_optional_text (type, contact, "phone", "contact.phone", FALSE, error) ||
              !check_optional_text (type, contact, "email", "contact.email", FALSE, error))
            return FALSE;
          if (phone == NULL && email == NULL)
            {
              g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD,
                           _("%s: “%s” needs a phone or an e-mail."), type, "contact");
              return FALSE;
            }
          if (phone != NULL && !cg_phone_is_e164 (phone))
            {
              g_autofree char *shown = cg_json_shorten (phone, 40);
              g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                           _("%s: phone “%.40s” is not stored in international form (+821012345678)."),
                           type, shown);
              return FALSE;
            }
          if (email != NULL && !cg_email_check (email, &local_error))
            {
              g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                           "%s: %s", type, local_error->message);
              return FALSE;
            }
        }
      if (self_service != NULL &&
          (!check_offered (type, self_service, TRUE, error) ||
           !check_helped (type, self_service, error)))
        return FALSE;
    }
  else if (g_str_equal (type, "feedback") && self_service != NULL)
    {
      if (!check_optional_text (type, self_service, "category", "self_service.category", TRUE, error) ||
          !check_offered (type, self_service, FALSE, error) ||
          !check_helped (type, self_service, error))
        return FALSE;
      /* Which answer helped, when one did. */
      if (!check_optional_text (type, self_service, "article_id", "self_service.article_id",
                                json_object_get_boolean_member_with_default (self_service, "helped", FALSE),
                                error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cg_validate_document (JsonObject  *doc,
                      JsonObject  *previous,
                      GError     **error)
{
  const char *type;
  const Schema *schema = NULL;

  g_return_val_if_fail (doc != NULL, FALSE);

  type = cg_json_get_string (doc, "type");
  if (type == NULL)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_UNKNOWN_TYPE,
                   _("The document has no “type”."));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (schemas); i++)
    if (g_str_equal (schemas[i].type, type))
      schema = &schemas[i];
  if (schema == NULL)
    {
      g_autofree char *shown = cg_json_shorten (type, 40);
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_UNKNOWN_TYPE,
                   _("“%.40s” is not a document type Changgu knows."), shown);
      return FALSE;
    }

  for (const Field *field = schema->fields; field->name != NULL; field++)
    {
      JsonNode *node = json_object_get_member (doc, field->name);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          if (field->required)
            {
              g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD,
                           _("%s: “%s” is required."), type, field->name);
              return FALSE;
            }
          continue;
        }
      if (!check_field (type, field, node, error))
        return FALSE;
    }

  {
    DocWalk walk = { 0 };
    g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), doc);
    if (!check_tree (type, NULL, root, 0, FALSE, &walk, error))
      return FALSE;
  }

  /* Type-specific rules that a table cannot say. A feedback document
   * without a rating is a problem an FAQ answer solved at the kiosk. */
  if (g_str_equal (type, "feedback") &&
      !json_object_has_member (doc, "csat") && !json_object_has_member (doc, "nps") &&
      cg_json_get_string (doc, "comment") == NULL &&
      cg_json_get_object (doc, "self_service") == NULL)
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_MISSING_FIELD,
                   _("feedback: give a rating (csat or nps), a comment or a self-service answer."));
      return FALSE;
    }
  if (!check_kiosk_fields (type, doc, error))
    return FALSE;

  if (previous != NULL)
    {
      const char *old_type = cg_json_get_string (previous, "type");
      const char *from = cg_json_get_string (previous, "status");
      const char *to = cg_json_get_string (doc, "status");

      if (g_strcmp0 (old_type, type) != 0)
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION,
                       _("A %s cannot become a %s."), old_type ? old_type : "?", type);
          return FALSE;
        }
      if (from != NULL && to != NULL && !cg_validate_transition (type, from, to))
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_TRANSITION,
                       _("A %s cannot go from “%s” to “%s”."), type, from, to);
          return FALSE;
        }
    }
  return TRUE;
}
