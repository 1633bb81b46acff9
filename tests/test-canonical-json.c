/* test-canonical-json.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 8785 test vectors: the number table of Appendix B, the sample
 * object of section 3.2.2 and the sorting example of section 3.2.3.
 */
#define G_LOG_DOMAIN "test-canonical-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cg-canonical-json.h"
#include "cg-test-util.h"

static double
double_from_bits (guint64 bits)
{
  double d;

  G_STATIC_ASSERT (sizeof d == sizeof bits);
  memcpy (&d, &bits, sizeof d);
  return d;
}

static char *
canon_double (double d,
              GError **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_double (node, d);
  return cg_canonical_json_node (node, error);
}

/* RFC 8785 Appendix B: IEEE 754 bit patterns and their JCS form. */
static void
test_numbers_appendix_b (void)
{
  static const struct { guint64 bits; const char *expected; } vectors[] = {
    { G_GUINT64_CONSTANT (0x0000000000000000), "0" },
    { G_GUINT64_CONSTANT (0x8000000000000000), "0" },
    { G_GUINT64_CONSTANT (0x0000000000000001), "5e-324" },
    { G_GUINT64_CONSTANT (0x8000000000000001), "-5e-324" },
    { G_GUINT64_CONSTANT (0x7fefffffffffffff), "1.7976931348623157e+308" },
    { G_GUINT64_CONSTANT (0xffefffffffffffff), "-1.7976931348623157e+308" },
    { G_GUINT64_CONSTANT (0x4340000000000000), "9007199254740992" },
    { G_GUINT64_CONSTANT (0xc340000000000000), "-9007199254740992" },
    { G_GUINT64_CONSTANT (0x4430000000000000), "295147905179352830000" },
    { G_GUINT64_CONSTANT (0x44b52d02c7e14af5), "9.999999999999997e+22" },
    { G_GUINT64_CONSTANT (0x44b52d02c7e14af6), "1e+23" },
    { G_GUINT64_CONSTANT (0x44b52d02c7e14af7), "1.0000000000000001e+23" },
    { G_GUINT64_CONSTANT (0x444b1ae4d6e2ef4e), "999999999999999700000" },
    { G_GUINT64_CONSTANT (0x444b1ae4d6e2ef4f), "999999999999999900000" },
    { G_GUINT64_CONSTANT (0x444b1ae4d6e2ef50), "1e+21" },
    { G_GUINT64_CONSTANT (0x3eb0c6f7a0b5ed8c), "9.999999999999997e-7" },
    { G_GUINT64_CONSTANT (0x3eb0c6f7a0b5ed8d), "0.000001" },
    { G_GUINT64_CONSTANT (0x41b3de4355555553), "333333333.3333332" },
    { G_GUINT64_CONSTANT (0x41b3de4355555554), "333333333.33333325" },
    { G_GUINT64_CONSTANT (0x41b3de4355555555), "333333333.3333333" },
    { G_GUINT64_CONSTANT (0x41b3de4355555556), "333333333.3333334" },
    { G_GUINT64_CONSTANT (0x41b3de4355555557), "333333333.33333343" },
    { G_GUINT64_CONSTANT (0xbecbf647612f3696), "-0.0000033333333333333333" },
    { G_GUINT64_CONSTANT (0x43143ff3c1cb0959), "1424953923781206.2" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = canon_double (double_from_bits (vectors[i].bits), &error);

      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, vectors[i].expected);
    }
}

/* NaN and Infinity (the Appendix B rows marked invalid) are refused. */
static void
test_numbers_invalid (void)
{
  static const guint64 bad[] = {
    G_GUINT64_CONSTANT (0x7fffffffffffffff),
    G_GUINT64_CONSTANT (0x7ff0000000000000),
    G_GUINT64_CONSTANT (0xfff0000000000000),
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = canon_double (double_from_bits (bad[i]), &error);

      g_assert_null (out);
      g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE);
    }
}

static void
test_numbers_more (void)
{
  static const struct { const char *json; const char *expected; } vectors[] = {
    { "[1, -1, 0, 10, 100, 4.5, 0.5, 1e21, 1e20, 123e-20, 0.1, 1e-7, 1.5e-6]",
      "[1,-1,0,10,100,4.5,0.5,1e+21,100000000000000000000,1.23e-18,0.1,1e-7,0.0000015]" },
    { "[-0.0, 2.0, 1E2, 9007199254740993]",
      /* 2^53 + 1 is not a double: JCS writes the double it rounds to. */
      "[0,2,100,9007199254740992]" },
    { "[0.30000000000000004, 5e-324, 1.7976931348623157e308]",
      "[0.30000000000000004,5e-324,1.7976931348623157e+308]" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = cg_canonical_json_text (vectors[i].json, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, vectors[i].expected);
    }

  /* A brute-force check of the shortest round trip on doubles near
   * powers of two and ten, where the rounding interval is lopsided. */
  for (int e = -300; e <= 300; e += 7)
    {
      double base = pow (10, e);
      for (int j = -2; j <= 2; j++)
        {
          double d = nextafter (base, j < 0 ? 0 : INFINITY);
          g_autofree char *out = NULL;
          g_autoptr(GError) error = NULL;

          for (int s = 0; s < ABS (j); s++)
            d = nextafter (d, j < 0 ? 0 : INFINITY);
          out = canon_double (d, &error);
          g_assert_no_error (error);
          g_assert_cmpfloat (g_ascii_strtod (out, NULL), ==, d);
          /* Never more digits than %.17g needs. */
          g_assert_cmpuint (strlen (out), <=, 24);
        }
    }
  for (int e = -1070; e <= 1020; e += 3)
    {
      double d = ldexp (1.0, e);
      g_autofree char *out = canon_double (d, NULL);

      g_assert_nonnull (out);
      g_assert_cmpfloat (g_ascii_strtod (out, NULL), ==, d);
    }
}

/* RFC 8785 section 3.2.2: the sample input and its canonical form. */
static void
test_rfc_sample (void)
{
  const char *input =
    "{\n"
    "  \"numbers\": [333333333.33333329, 1E30, 4.50,\n"
    "              2e-3, 0.000000000000000000000000001],\n"
    "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
    "  \"literals\": [null, true, false]\n"
    "}";
  const char *expected =
    "{\"literals\":[null,true,false],"
    "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
    "\"string\":\"\xe2\x82\xac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
  g_autoptr(GError) error = NULL;
  g_autofree char *out = cg_canonical_json_text (input, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, expected);
}

/* RFC 8785 section 3.2.3: member names sorted by UTF-16 code units. The
 * emoji (U+1F600, a surrogate pair starting 0xD83D) sorts before U+FB33
 * although its code point is larger. */
static void
test_rfc_sorting (void)
{
  const char *input =
    "{\n"
    "  \"\\u20ac\": \"Euro Sign\",\n"
    "  \"\\r\": \"Carriage Return\",\n"
    "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
    "  \"1\": \"One\",\n"
    "  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n"
    "  \"\\u0080\": \"Control\",\n"
    "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n"
    "}";
  const char *expected =
    "{\"\\r\":\"Carriage Return\","
    "\"1\":\"One\","
    "\"\xc2\x80\":\"Control\","
    "\"\xc3\xb6\":\"Latin Small Letter O With Diaeresis\","
    "\"\xe2\x82\xac\":\"Euro Sign\","
    "\"\xf0\x9f\x98\x80\":\"Emoji: Grinning Face\","
    "\"\xef\xac\xb3\":\"Hebrew Letter Dalet With Dagesh\"}";
  g_autoptr(GError) error = NULL;
  g_autofree char *out = cg_canonical_json_text (input, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, expected);
}

static void
test_string_escapes (void)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  json_node_set_string (node, "\x01\b\t\n\x0b\f\r\x1f \"\\/\x7f\xe2\x80\xa8\xed\x95\x9c");
  out = cg_canonical_json_node (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==,
                   "\"\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f \\\"\\\\/\x7f\xe2\x80\xa8\xed\x95\x9c\"");
}

static void
test_nested (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = cg_canonical_json_text (
      "{ \"b\" : [ {\"z\":1, \"a\": {\"y\": [], \"x\": {}}} ], \"a\": \"\", \"B\": null }", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "{\"B\":null,\"a\":\"\",\"b\":[{\"a\":{\"x\":{},\"y\":[]},\"z\":1}]}");
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(GError) error3 = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *out3 = NULL;

  json_node_set_string (node, "caf\xc3");           /* truncated sequence */
  out = cg_canonical_json_node (node, &error);
  g_assert_null (out);
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE);

  json_object_set_int_member (object, "\xff" "key", 1); /* invalid name */
  out2 = cg_canonical_json_object (object, &error2);
  g_assert_null (out2);
  g_assert_error (error2, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE);

  out3 = cg_canonical_json_text ("{\"a\": \"\xc0\xaf\"}", &error3); /* overlong '/' */
  g_assert_null (out3);
  g_assert_nonnull (error3);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/canonical-json/numbers/appendix-b", test_numbers_appendix_b);
  g_test_add_func ("/canonical-json/numbers/invalid", test_numbers_invalid);
  g_test_add_func ("/canonical-json/numbers/more", test_numbers_more);
  g_test_add_func ("/canonical-json/rfc-sample", test_rfc_sample);
  g_test_add_func ("/canonical-json/rfc-sorting", test_rfc_sorting);
  g_test_add_func ("/canonical-json/string-escapes", test_string_escapes);
  g_test_add_func ("/canonical-json/nested", test_nested);
  g_test_add_func ("/canonical-json/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
