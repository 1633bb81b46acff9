/* cg-json.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-json"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-json.h"
#include "cg-types.h"

static JsonNode *
member_node (JsonObject *object,
             const char *member)
{
  if (object == NULL || member == NULL)
    return NULL;
  return json_object_get_member (object, member);
}

const char *
cg_json_get_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node = member_node (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
cg_json_get_int (JsonObject *object,
                 const char *member,
                 gint64     *value)
{
  JsonNode *node = member_node (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  if (value)
    *value = json_node_get_int (node);
  return TRUE;
}

gboolean
cg_json_get_bool (JsonObject *object,
                  const char *member,
                  gboolean    default_value)
{
  JsonNode *node = member_node (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return default_value;
  return json_node_get_boolean (node);
}

JsonArray *
cg_json_get_array (JsonObject *object,
                   const char *member)
{
  JsonNode *node = member_node (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

JsonObject *
cg_json_get_object (JsonObject *object,
                    const char *member)
{
  JsonNode *node = member_node (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

const char *
cg_json_array_get_string (JsonArray *array,
                          guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;
  node = json_array_get_element (array, index);
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

char *
cg_json_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

JsonObject *
cg_json_from_string (const char  *text,
                     GError     **error)
{
  /* Mutable: callers edit nested members of documents they read. */
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!cg_json_check_depth (text, -1, error))
    return NULL;
  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   _("Expected a JSON object."));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

gboolean
cg_json_check_depth (const char  *text,
                     gssize       length,
                     GError     **error)
{
  gsize len = length < 0 ? strlen (text) : (gsize) length;
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > CG_JSON_MAX_DEPTH)
            {
              g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("The JSON is nested more than %d levels deep."), CG_JSON_MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

char *
cg_json_shorten (const char *text,
                 gsize       max_bytes)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  const char *end = valid;

  while (*end != '\0')
    {
      const char *next = g_utf8_next_char (end);
      if ((gsize) (next - valid) > max_bytes)
        break;
      end = next;
    }
  return g_strndup (valid, end - valid);
}

static gboolean
hex4 (const char *p,
      const char *end,
      guint      *value)
{
  guint v = 0;

  if (end - p < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);
      if (d < 0)
        return FALSE;
      v = v * 16 + (guint) d;
    }
  *value = v;
  return TRUE;
}

char *
cg_json_neutralise_escapes (const char *text,
                            gsize       length,
                            guint      *count)
{
  const char *end = text + length;
  char *copy = NULL;
  guint replaced = 0;

  /* Escapes only occur inside strings (a backslash elsewhere is invalid
   * JSON, left to the parser); stepping over every escape whole keeps "\\u"
   * (an escaped backslash, then "u") from being taken for one. */
  for (const char *p = text; p < end; p++)
    {
      guint v, w;
      gboolean bad = FALSE;

      if (*p != '\\' || p + 1 >= end)
        continue;
      if (p[1] != 'u' || !hex4 (p + 2, end, &v))
        {
          p++;
          continue;
        }
      if (v >= 0xD800 && v <= 0xDBFF)
        {
          if (end - p >= 12 && p[6] == '\\' && p[7] == 'u' && hex4 (p + 8, end, &w) &&
              w >= 0xDC00 && w <= 0xDFFF)
            {
              p += 11;   /* a proper pair */
              continue;
            }
          bad = TRUE;
        }
      else if ((v >= 0xDC00 && v <= 0xDFFF) || v == 0)
        bad = TRUE;
      if (bad)
        {
          if (copy == NULL)
            {
              copy = g_malloc (length + 1);
              memcpy (copy, text, length);
              copy[length] = '\0';
            }
          memcpy (copy + (p - text), "\\ufffe", 6);
          replaced++;
        }
      p += 5;
    }
  if (count != NULL)
    *count = replaced;
  return copy;
}

/* json_node_copy() shares objects and arrays with the original; a document
 * edited after copying must not change the original, so copy all the way. */
JsonNode *
cg_json_node_copy (JsonNode *node)
{
  JsonNode *copy;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, cg_json_copy (json_node_get_object (node)));
      return copy;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *out = json_array_sized_new (json_array_get_length (array));
        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (out, cg_json_node_copy (json_array_get_element (array, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, out);
        return copy;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

JsonObject *
cg_json_copy (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) names = json_object_get_members (object);   /* insertion order */

  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (copy, l->data, cg_json_node_copy (json_object_get_member (object, l->data)));
  return copy;
}

char *
cg_json_timestamp (GDateTime *datetime)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (datetime);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
cg_json_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return cg_json_timestamp (now);
}
