/* fuzz-canonical-json.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The RFC 8785 canonicaliser that config signatures cover. Besides not
 * crashing, the output must be a fixed point: valid UTF-8 JSON without
 * insignificant whitespace that parses back and canonicalises to the same
 * bytes — else a device and the admin tool could disagree about what was
 * signed. Both entry points (a parsed node and text) must agree.
 */
#define G_LOG_DOMAIN "fuzz-canonical-json"

#include "config.h"

#include <string.h>

#include "cg-fuzz-util.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  cg_fuzz_init ();
  return 0;
}

/* Whether @text (canonical JSON) holds a whole number json-glib cannot
 * read back: JCS writes numbers from 2^63 up to 10^21 out in full
 * ("100000000000000000000", as RFC 8785 Appendix B wants), and json-glib
 * reads a whole number beyond gint64 wrapped around. A known limit of
 * the parser (docs/RELIABILITY.md), not of the canonical form; signatures
 * are unaffected because both sides canonicalise what json-glib read. */
static gboolean
has_unreadable_integer (const char *text)
{
  gboolean in_string = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (in_string)
        {
          if (*p == '\\')
            p++;
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }
      if (*p == '"')
        in_string = TRUE;
      else if (*p == '-' || g_ascii_isdigit (*p))
        {
          gboolean negative = *p == '-';
          const char *start = negative ? p + 1 : p;
          const char *end = start;
          gsize digits;

          while (g_ascii_isdigit (*end))
            end++;
          digits = end - start;
          if (*end != '.' && *end != 'e' && *end != 'E' &&
              (digits > 19 ||
               (digits == 19 && strncmp (start, negative ? "9223372036854775808" : "9223372036854775807", 19) > 0)))
            return TRUE;
          p = end - 1;
          while (p[1] != '\0' && strchr (".eE+-0123456789", p[1]) != NULL)
            p++;
        }
    }
  return FALSE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = cg_fuzz_parse (data, size);
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *second = NULL;
  g_autofree char *text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *neutralised = NULL;

  if (root == NULL)
    return 0;
  canonical = cg_canonical_json_node (root, NULL);

  /* The text entry point reads a NUL-terminated string, and does not
   * neutralise bad escapes as a server's answer is (cg_fuzz_parse()). */
  text = g_strndup ((const char *) data, size);
  if (strlen (text) == size && (neutralised = cg_json_neutralise_escapes (text, size, NULL)) == NULL)
    {
      from_text = cg_canonical_json_text (text, NULL);
      cg_fuzz_check (g_strcmp0 (from_text, canonical) == 0, "text and node give the same bytes");
    }
  if (canonical == NULL)
    return 0;

  cg_fuzz_check (g_utf8_validate (canonical, -1, NULL), "the output is UTF-8");
  for (const char *p = canonical; *p; p++)
    cg_fuzz_check ((guchar) *p >= 0x20, "no raw control characters or whitespace but in strings as escapes");
  again = cg_fuzz_parse ((const uint8_t *) canonical, strlen (canonical));
  cg_fuzz_check (again != NULL, "the output parses");
  if (has_unreadable_integer (canonical))
    return 0;
  second = cg_canonical_json_node (again, NULL);
  cg_fuzz_check (g_strcmp0 (canonical, second) == 0, "canonicalising the canonical form changes nothing");
  return 0;
}
