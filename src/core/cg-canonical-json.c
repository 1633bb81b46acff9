/* cg-canonical-json.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 8785 (JCS). The signature of a config document covers these bytes,
 * and changgu-admin (signing) and the device (verifying) must produce them
 * identically, so everything follows the RFC to the letter:
 *
 *  - object members sorted by their names as arrays of UTF-16 code units
 *    (not UTF-8 bytes or code points: U+1F600 sorts before U+FB33);
 *  - strings escaped as ECMAScript's JSON.stringify does: only '"', '\\'
 *    and the C0 controls; \b \t \n \f \r in short form, the rest as
 *    \u00xx in lower case; '/' and non-ASCII are written as they are;
 *  - numbers as ECMAScript's Number::toString: the shortest digit string
 *    that reads back as the same double, then laid out by the ECMAScript
 *    rules (integers up to 1e21 in plain form, exponents as "e+N"/"e-N").
 */

#define G_LOG_DOMAIN "cg-canonical-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg-canonical-json.h"
#include "cg-json.h"

/* The shortest decimal digits (without trailing zeros) and the exponent
 * n such that |value| = 0.d1d2…dk × 10^n, as in ECMA-262 Number::toString
 * (there: value = digits × 10^(n−k)). @value is finite and not zero. */
static void
shortest_digits (double  value,
                 char    digits[32],
                 int    *n_out)
{
  double a = fabs (value);

  for (int p = 0; p <= 16; p++)
    {
      char buf[64];
      char mant[32];
      int exp10;
      guint64 m;
      int len = 0;

      /* %.pe is correctly rounded: the nearest (p+1)-digit decimal. When
       * it does not read back, its neighbour in the last digit still can
       * (the rounding interval is lopsided at powers of two), so try
       * those before asking for another digit. */
      g_snprintf (buf, sizeof buf, "%.*e", p, a);
      {
        const char *e = strchr (buf, 'e');
        g_assert (e != NULL);
        for (const char *c = buf; c < e; c++)
          if (g_ascii_isdigit (*c))
            mant[len++] = *c;
        mant[len] = '\0';
        exp10 = atoi (e + 1);
      }
      m = g_ascii_strtoull (mant, NULL, 10);

      for (int delta = 0; delta < 3; delta++)
        {
          guint64 cand = m;
          char cbuf[64];
          char cdig[32];
          int cexp = exp10;

          if (delta == 1)
            cand = m + 1;
          else if (delta == 2)
            {
              if (m <= 1)
                continue;
              cand = m - 1;
            }

          g_snprintf (cdig, sizeof cdig, "%" G_GUINT64_FORMAT, cand);
          /* m + 1 may carry into one more digit (999 → 1000). */
          if ((int) strlen (cdig) > len)
            cexp++;
          else if ((int) strlen (cdig) < len)
            cexp--;
          g_snprintf (cbuf, sizeof cbuf, "%c.%se%d", cdig[0],
                      cdig[1] ? cdig + 1 : "0", cexp);
          if (g_ascii_strtod (cbuf, NULL) == a)
            {
              int k = strlen (cdig);
              while (k > 1 && cdig[k - 1] == '0')
                k--;
              cdig[k] = '\0';
              memcpy (digits, cdig, k + 1);
              *n_out = cexp + 1;
              return;
            }
        }
    }

  /* 17 significant digits always read back. */
  {
    char buf[64];
    int len = 0;
    const char *e;

    g_snprintf (buf, sizeof buf, "%.16e", a);
    e = strchr (buf, 'e');
    for (const char *c = buf; c < e; c++)
      if (g_ascii_isdigit (*c))
        digits[len++] = *c;
    while (len > 1 && digits[len - 1] == '0')
      len--;
    digits[len] = '\0';
    *n_out = atoi (e + 1) + 1;
  }
}

static gboolean
append_number (GString  *out,
               double    value,
               GError  **error)
{
  char digits[32];
  int n, k;

  if (isnan (value) || isinf (value))
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("Canonical JSON cannot hold NaN or infinite numbers"));
      return FALSE;
    }
  if (value == 0)       /* also −0, which ECMAScript writes as "0" */
    {
      g_string_append_c (out, '0');
      return TRUE;
    }
  if (value < 0)
    g_string_append_c (out, '-');

  shortest_digits (value, digits, &n);
  k = strlen (digits);

  if (k <= n && n <= 21)
    {
      g_string_append (out, digits);
      for (int i = 0; i < n - k; i++)
        g_string_append_c (out, '0');
    }
  else if (0 < n && n <= 21)
    {
      g_string_append_len (out, digits, n);
      g_string_append_c (out, '.');
      g_string_append (out, digits + n);
    }
  else if (-6 < n && n <= 0)
    {
      g_string_append (out, "0.");
      for (int i = 0; i < -n; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (k > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "e%c%d", n - 1 >= 0 ? '+' : '-', ABS (n - 1));
    }
  return TRUE;
}

static gboolean
append_string (GString     *out,
               const char  *s,
               GError     **error)
{
  if (s == NULL || !g_utf8_validate (s, -1, NULL))
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("Canonical JSON needs valid UTF-8 text"));
      return FALSE;
    }

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) s; *p; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
  return TRUE;
}

typedef struct {
  const char *name;
  gunichar2  *utf16;
  glong       len;
} Member;

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  const Member *ma = a, *mb = b;
  glong n = MIN (ma->len, mb->len);

  for (glong i = 0; i < n; i++)
    if (ma->utf16[i] != mb->utf16[i])
      return ma->utf16[i] < mb->utf16[i] ? -1 : 1;
  return ma->len < mb->len ? -1 : (ma->len > mb->len ? 1 : 0);
}

static gboolean append_node (GString *out, JsonNode *node, GError **error);

static gboolean
append_object (GString     *out,
               JsonObject  *object,
               GError     **error)
{
  g_autoptr(GList) names = json_object_get_members (object);
  g_autoptr(GArray) members = g_array_new (FALSE, TRUE, sizeof (Member));
  gboolean ok = TRUE;

  for (GList *l = names; l != NULL; l = l->next)
    {
      Member m = { l->data, NULL, 0 };

      if (!g_utf8_validate (m.name, -1, NULL) ||
          (m.utf16 = g_utf8_to_utf16 (m.name, -1, NULL, &m.len, NULL)) == NULL)
        {
          g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                       _("Canonical JSON needs valid UTF-8 text"));
          ok = FALSE;
          break;
        }
      g_array_append_val (members, m);
    }

  if (ok)
    {
      g_array_sort (members, compare_members);
      g_string_append_c (out, '{');
      for (guint i = 0; ok && i < members->len; i++)
        {
          Member *m = &g_array_index (members, Member, i);

          if (i > 0)
            g_string_append_c (out, ',');
          ok = append_string (out, m->name, error);
          if (ok)
            {
              g_string_append_c (out, ':');
              ok = append_node (out, json_object_get_member (object, m->name), error);
            }
        }
      g_string_append_c (out, '}');
    }

  for (guint i = 0; i < members->len; i++)
    g_free (g_array_index (members, Member, i).utf16);
  return ok;
}

static gboolean
append_node (GString   *out,
             JsonNode  *node,
             GError   **error)
{
  if (node == NULL)
    {
      g_string_append (out, "null");
      return TRUE;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return TRUE;

    case JSON_NODE_OBJECT:
      return append_object (out, json_node_get_object (node), error);

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            if (!append_node (out, json_array_get_element (array, i), error))
              return FALSE;
          }
        g_string_append_c (out, ']');
        return TRUE;
      }

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_BOOLEAN)
          {
            g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
            return TRUE;
          }
        if (type == G_TYPE_STRING)
          return append_string (out, json_node_get_string (node), error);
        if (type == G_TYPE_INT64)
          {
            gint64 v = json_node_get_int (node);

            /* Within ±2^53 an integer is exact as a double and ECMAScript
             * prints it digit for digit; beyond, JCS sees the double it
             * rounds to. */
            if (v >= -(G_GINT64_CONSTANT (1) << 53) && v <= (G_GINT64_CONSTANT (1) << 53))
              {
                g_string_append_printf (out, "%" G_GINT64_FORMAT, v);
                return TRUE;
              }
            return append_number (out, (double) v, error);
          }
        if (type == G_TYPE_DOUBLE)
          return append_number (out, json_node_get_double (node), error);

        g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                     _("Canonical JSON cannot hold a value of type %s"),
                     g_type_name (type));
        return FALSE;
      }
    }

  g_return_val_if_reached (FALSE);
}

char *
cg_canonical_json_node (JsonNode  *node,
                        GError   **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (!append_node (out, node, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
cg_canonical_json_object (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (object != NULL, NULL);

  if (!append_object (out, object, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
cg_canonical_json_text (const char  *json,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_return_val_if_fail (json != NULL, NULL);

  if (!g_utf8_validate (json, -1, NULL))
    {
      g_set_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE,
                   _("Canonical JSON needs valid UTF-8 text"));
      return NULL;
    }
  if (!cg_json_check_depth (json, -1, error) ||
      !json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  return cg_canonical_json_node (json_parser_get_root (parser), error);
}
