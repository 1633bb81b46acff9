/* test-bad-input.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bad input everywhere a person types, through the functions behind the
 * screens (QUALITY.md, Reliability; the table in docs/RELIABILITY.md):
 * staff search, the customer form, the PIN, and JSON nested deep enough to
 * crash json-glib's parser (files people give, and a server's answers).
 * Each case asserts what the person sees: no crash, no hang, a message
 * that names the problem, nothing written.
 */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "cg-test-util.h"

#define T0 1767225600 /* 2026-01-01T00:00:00Z */

static CgStore *
store_with_customers (void)
{
  CgStore *store = cg_test_open_store (NULL);
  const char *names[] = { "김민지", "이서연", "Anna Schmidt" };
  const char *phones[] = { "010-1234-5678", "010-9876-5432", "+49 30 1234567" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = cg_customer_create (store, names[i], phones[i], NULL, "ko", &error);

      g_assert_no_error (error);
      g_assert_nonnull (id);
    }
  return store;
}

/* --------------------------------------------------------------- search */

static void
test_search (void)
{
  g_autoptr(CgStore) store = store_with_customers ();
  g_autoptr(GString) long_input = g_string_new (NULL);
  g_autoptr(GString) long_name = g_string_new (NULL);
  const char *fts[] = {
    "\"", "\"\"", "*", "-", "^", "(", ")", "NEAR(a b)", "a OR b", "NOT", "AND", "name:김",
    "{name phone}: 1", "\"김\" *", "' OR 1=1 --", "'; DROP TABLE docs; --", "\\", "%", "_",
    "\x01\x02", "   ", "",
  };
  struct { const char *input; guint expected; } cases[] = {
    { "민지", 1 },
    { "😀", 0 },
    { "김민지😀", 1 },          /* the emoji is not a word: the name is found */
    { "ㄱㅁㅈ", 0 },            /* compatibility jamo: initials are not names */
    { "\u1100\u1175\u11b7", 0 }, /* conjoining jamo of 김, not precomposed */
    { "5678", 1 },
    { "010-12", 1 },            /* a prefix of 010-1234-5678 */
  };

  /* FTS syntax is plain text: no error, never more than every customer. */
  for (guint i = 0; i < G_N_ELEMENTS (fts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) hits = cg_store_search_customers (store, fts[i], 50, &error);

      g_assert_no_error (error);
      g_assert_nonnull (hits);
      g_assert_cmpuint (hits->len, <=, 3);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) hits = cg_store_search_customers (store, cases[i].input, 50, &error);

      g_assert_no_error (error);
      g_test_message ("search “%s”: %u", cases[i].input, hits->len);
      g_assert_cmpuint (hits->len, ==, cases[i].expected);
    }

  /* 10,000 characters, of words and of one word: answered quickly. */
  for (guint i = 0; i < 2000; i++)
    g_string_append (long_input, "김민 ");
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (long_name, "abc0"[i % 4]);
  {
    const char *inputs[] = { long_input->str, long_name->str };

    for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
      {
        g_autoptr(GError) error = NULL;
        gint64 start = g_get_monotonic_time ();
        g_autoptr(GArray) hits = cg_store_search_customers (store, inputs[i], 50, &error);
        gint64 ms = (g_get_monotonic_time () - start) / 1000;

        g_assert_no_error (error);
        g_test_message ("search of %zu bytes: %u hits in %" G_GINT64_FORMAT " ms",
                        strlen (inputs[i]), hits->len, ms);
        /* 2,000 words "김민": all prefixes of 김민지, found; 10,000
         * letters: nothing. */
        g_assert_cmpuint (hits->len, ==, i == 0 ? 1 : 0);
        g_assert_cmpint (ms, <, 2000);
      }
  }
  /* Invalid UTF-8 (a paste from elsewhere) finds nothing, and says nothing. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) hits = cg_store_search_customers (store, "\xff\xfe\xb1\xe8", 50, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 0);
  }
}

/* ----------------------------------------------------------- customer form */

static void
test_customer_form (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  struct { const char *name, *phone, *email, *expect; } cases[] = {
    { "김민지", "010-12", NULL, "has 11 digits" },
    { "김민지", "phone", NULL, "cannot be part of a phone number" },
    { "김민지", NULL, "kim.example.com", "is not an e-mail address" },
    { "김민지", NULL, "kim@", "is not an e-mail address" },
    { "", "010-1234-5678", NULL, "name" },
    { "   ", "010-1234-5678", NULL, "name" },
  };
  guint count = cg_store_count_documents (store, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = cg_customer_create (store, cases[i].name, cases[i].phone, cases[i].email, "ko", &error);

      g_assert_null (id);
      g_assert_nonnull (error);
      g_test_message ("customer (%s, %s, %s): %s", cases[i].name,
                      cases[i].phone ? cases[i].phone : "-", cases[i].email ? cases[i].email : "-",
                      error->message);
      g_assert_nonnull (strstr (error->message, cases[i].expect));
    }
  /* Nothing written by the refused forms. */
  g_assert_cmpuint (cg_store_count_documents (store, NULL), ==, count);

  /* A 1 MB note: refused with the limit named; the customer is unchanged. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *id = cg_customer_create (store, "김민지", "010-1234-5678", NULL, "ko", &error);
    g_autoptr(JsonObject) changes = json_object_new ();
    g_autofree char *note = g_strnfill (1024 * 1024, 'x');
    g_autoptr(JsonObject) after = NULL;

    g_assert_no_error (error);
    json_object_set_string_member (changes, "notes", note);
    g_assert_false (cg_customer_update (store, id, changes, &error));
    g_assert_nonnull (error);
    g_test_message ("1 MB note: %s", error->message);
    g_assert_nonnull (strstr (error->message, "too long"));
    after = cg_store_get (store, id, FALSE, NULL);
    g_assert_false (json_object_has_member (after, "notes"));
  }
}

/* --------------------------------------------------------------------- PIN */

static void
test_pin (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autofree char *hash = cg_staff_hash_pin ("1234", &error);
  g_autofree char *rev = NULL;
  g_autofree char *hundred = g_strnfill (100, '7');
  const char *bad[] = { "abcd", "12a4", "", "    ", "١٢٣٤" /* Arabic-Indic digits */, "１２３４", hundred };

  g_assert_no_error (error);
  json_object_set_string_member (doc, "_id", "staff:0421-01");
  json_object_set_string_member (doc, "type", "staff");
  json_object_set_string_member (doc, "name", "김민준");
  json_object_set_string_member (doc, "role", "agent");
  json_object_set_string_member (doc, "pin_hash", hash);
  json_object_set_boolean_member (doc, "active", TRUE);
  rev = cg_store_put (store, doc, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) sign_in_error = NULL;
      g_autoptr(GError) hash_error = NULL;
      g_autofree char *bad_hash = cg_staff_hash_pin (bad[i], &hash_error);
      /* Each at its own minute, so that the rate limit does not answer. */
      g_autoptr(CgSession) session = cg_staff_sign_in (store, "0421-01", bad[i], T0 + i * 3600, &sign_in_error);

      g_assert_null (session);
      g_test_message ("PIN “%.12s” (%zu bytes): %s / hash: %s", bad[i], strlen (bad[i]),
                      sign_in_error->message, hash_error ? hash_error->message : "made");
      g_assert_error (sign_in_error, CG_STAFF_ERROR, CG_STAFF_ERROR_WRONG_CREDENTIALS);
      /* A PIN of other than 4 to 8 ASCII digits is never hashed as a new one. */
      g_assert_null (bad_hash);
      g_assert_nonnull (hash_error);
    }
  /* The right PIN still works afterwards. */
  {
    g_autoptr(CgSession) session = cg_staff_sign_in (store, "0421-01", "1234", T0 + 24 * 3600, &error);
    g_assert_no_error (error);
    g_assert_nonnull (session);
  }
}

/* ------------------------------------------------------------ deep nesting */

static char *
nested (guint       depth,
        const char *prefix,
        const char *suffix)
{
  GString *s = g_string_new (prefix);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append (s, suffix);
  return g_string_free (s, FALSE);
}

static void
test_deep_json (void)
{
  /* 200,000 levels: json-glib's parser overflowed the stack (SIGSEGV). */
  g_autofree char *deep = nested (200000, "{\"a\":", "}");
  g_autofree char *ok = nested (CG_JSON_MAX_DEPTH - 1, "{\"a\":", "}");
  g_autofree char *in_string = g_strdup_printf ("{\"a\":\"%s\"}", deep + 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;

  g_assert_false (cg_json_check_depth (deep, -1, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "nested more than"));
  g_clear_error (&error);

  g_assert_null (cg_json_from_string (deep, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_null (cg_canonical_json_text (deep, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* At the limit it parses; brackets inside strings do not count, nor
   * escaped quotes. */
  object = cg_json_from_string (ok, &error);
  g_assert_no_error (error);
  g_assert_nonnull (object);
  g_assert_true (cg_json_check_depth (in_string, -1, &error));
  g_assert_true (cg_json_check_depth ("{\"a\":\"\\\"[[[[\"}", -1, &error));
  g_assert_no_error (error);
}

/* A server that answers with JSON nested 200,000 deep: the request fails
 * with a bad-response error instead of the process crashing. */
static void
on_deep (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           data)
{
  const char *body = data;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
on_request_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  GError **error = data;
  g_autoptr(JsonNode) node = cg_remote_request_finish (CG_REMOTE (source), result, NULL, error);

  g_assert_null (node);
  g_assert_nonnull (*error);
}

static void
test_deep_server_answer (void)
{
  g_autofree char *deep = nested (200000, "{\"results\":", ",\"last_seq\":1}");
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autoptr(CgRemote) remote = NULL;
  g_autofree char *url = NULL;

  soup_server_add_handler (server, NULL, on_deep, deep, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  remote = cg_remote_new (url, "changgu-store-0421", NULL, NULL, &error);
  g_assert_no_error (error);

  cg_remote_request_async (remote, "GET", "_changes", NULL, NULL, TRUE, 10, NULL, on_request_done, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("deep answer: %s", error->message);
  g_assert_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "nested more than"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bad-input/search", test_search);
  g_test_add_func ("/bad-input/customer-form", test_customer_form);
  g_test_add_func ("/bad-input/pin", test_pin);
  g_test_add_func ("/bad-input/deep-json", test_deep_json);
  g_test_add_func ("/bad-input/deep-server-answer", test_deep_server_answer);
  return g_test_run ();
}
