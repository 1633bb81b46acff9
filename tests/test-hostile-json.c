/* test-hostile-json.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a hostile server's documents meet before the store, without a
 * server (tests/sync/test-sync-hostile.c does it end to end): the escapes
 * json-glib cannot take, the limits every part of a document is held to,
 * and messages that quote hostile text and must stay UTF-8.
 */
#include "config.h"

#include <string.h>

#include "cg-test-util.h"

static void
test_neutralise_escapes (void)
{
  struct { const char *in; const char *out; guint count; } cases[] = {
    { "{\"a\":\"x\\ud800y\"}", "{\"a\":\"x\\ufffey\"}", 1 },
    { "{\"a\":\"\\udc00\"}", "{\"a\":\"\\ufffe\"}", 1 },
    { "{\"a\\ud83d\":1}", "{\"a\\ufffe\":1}", 1 },
    { "{\"a\":\"K\\u0000L\"}", "{\"a\":\"K\\ufffeL\"}", 1 },
    /* A proper pair, an escaped backslash before "ud800", plain text. */
    { "{\"a\":\"\\ud83d\\ude00\"}", NULL, 0 },
    { "{\"a\":\"\\\\ud800\"}", NULL, 0 },
    { "{\"a\":\"\\\\\\ud800\"}", "{\"a\":\"\\\\\\ufffe\"}", 1 },
    { "{\"a\":\"plain\"}", NULL, 0 },
    /* A high surrogate followed by another high one: both lone. */
    { "[\"\\ud800\\ud800\"]", "[\"\\ufffe\\ufffe\"]", 2 },
    /* Cut off in the middle of an escape: left to the parser. */
    { "[\"\\ud8", NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint count = 99;
      g_autofree char *out = cg_json_neutralise_escapes (cases[i].in, strlen (cases[i].in), &count);
      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_cmpuint (count, ==, cases[i].count);
      if (out != NULL)
        {
          /* What used to fail or mangle now parses, and validation sees it. */
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_assert_cmpuint (strlen (out), ==, strlen (cases[i].in));
          g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
        }
    }
}

static JsonObject *
customer_with (const char *member_json)
{
  g_autofree char *text = g_strdup_printf (
    "{\"_id\": \"customer:h\", \"type\": \"customer\", \"name\": \"A\", \"phones\": [],"
    " \"created_at\": \"2026-11-01T09:00:00Z\", \"updated_at\": \"2026-11-01T09:00:00Z\"%s%s}",
    member_json ? ", " : "", member_json ? member_json : "");
  return cg_test_json (text);
}

static char *
nest (guint levels)
{
  GString *s = g_string_new ("\"deep\": ");
  for (guint i = 0; i < levels; i++)
    g_string_append_c (s, '[');
  g_string_append_c (s, '1');
  for (guint i = 0; i < levels; i++)
    g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* Unknown members are allowed (a newer version may add them), but not
 * unlimited: before, each of these was accepted and stored. */
static void
test_validate_whole_document (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) plain = customer_with (NULL);
  g_autoptr(JsonObject) newer = customer_with ("\"loyalty\": {\"points\": 12, \"since\": \"2026\"}");
  g_autofree char *deep30 = nest (30);
  g_autofree char *deep1000 = nest (1000);
  g_autoptr(JsonObject) fine_deep = customer_with (deep30);
  g_autoptr(JsonObject) too_deep = customer_with (deep1000);
  g_autoptr(JsonObject) big = customer_with (NULL);
  g_autoptr(JsonObject) many = customer_with (NULL);
  g_autoptr(JsonObject) fffe = customer_with ("\"note\": \"a\xef\xbf\xbe\"");
  g_autoptr(JsonObject) key = customer_with ("\"k\xef\xbf\xbf\": 1");
  g_autoptr(JsonObject) attachment = customer_with (NULL);
  g_autofree char *huge = g_malloc (200 * 1024 + 1);

  g_assert_true (cg_validate_document (plain, NULL, &error));
  g_assert_true (cg_validate_document (newer, NULL, &error));
  g_assert_true (cg_validate_document (fine_deep, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (cg_validate_document (too_deep, NULL, &error));
  g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "deep"));
  g_clear_error (&error);

  memset (huge, 'x', 200 * 1024);
  huge[200 * 1024] = '\0';
  json_object_set_string_member (big, "blob", huge);
  g_assert_false (cg_validate_document (big, NULL, &error));
  g_assert_nonnull (strstr (error->message, "blob"));
  g_clear_error (&error);

  /* Many strings under the per-string limit, too much in all. */
  {
    JsonArray *parts = json_array_new ();
    huge[60 * 1024] = '\0';
    for (guint i = 0; i < 20; i++)
      json_array_add_string_element (parts, huge);
    json_object_set_array_member (many, "parts", parts);
    g_assert_false (cg_validate_document (many, NULL, &error));
    g_assert_error (error, CG_VALIDATION_ERROR, CG_VALIDATION_ERROR_BAD_VALUE);
    g_clear_error (&error);
  }

  g_assert_false (cg_validate_document (fffe, NULL, &error));
  g_assert_nonnull (strstr (error->message, "Unicode"));
  g_clear_error (&error);
  g_assert_false (cg_validate_document (key, NULL, &error));
  g_clear_error (&error);

  /* Inline attachments are exempt from the text limits. */
  {
    JsonObject *att = json_object_new ();
    JsonObject *file = json_object_new ();
    huge[200 * 1024 - 1] = '\0';
    memset (huge, 'A', 200 * 1024 - 1);
    json_object_set_string_member (file, "content_type", "image/png");
    json_object_set_string_member (file, "data", huge);
    json_object_set_object_member (att, "photo.png", file);
    json_object_set_object_member (attachment, "_attachments", att);
    g_assert_true (cg_validate_document (attachment, NULL, &error));
    g_assert_no_error (error);
  }
}

/* A message quoting a hostile id or type is cut at a character, not a
 * byte ("%.40s" alone cut a Korean syllable in half). */
static void
test_messages_stay_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) korean = g_string_new ("customer:");
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(JsonObject) typed = NULL;
  g_autofree char *shortened = cg_json_shorten ("가나다라", 7);

  g_assert_cmpstr (shortened, ==, "가나");
  for (guint i = 0; i < 200; i++)
    g_string_append (korean, "가");
  doc = cg_test_customer_doc (korean->str, "A");
  g_assert_null (cg_store_put (store, doc, &error));
  g_assert_error (error, CG_STORE_ERROR, CG_STORE_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);

  typed = cg_test_json ("{\"_id\": \"x:1\", \"type\": \"가가가가가가가가가가가가가가가가가가가가\"}");
  g_assert_false (cg_validate_document (typed, NULL, &error));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hostile-json/neutralise-escapes", test_neutralise_escapes);
  g_test_add_func ("/hostile-json/validate-whole-document", test_validate_whole_document);
  g_test_add_func ("/hostile-json/messages-stay-utf8", test_messages_stay_utf8);
  return g_test_run ();
}
