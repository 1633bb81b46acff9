/* test-article.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Knowledge articles over the demo FAQ (about 100 articles per language):
 * search ranks the obvious article first in Korean and English, suggestions
 * for a case's words find the article that answers it, FTS5 syntax typed by
 * a person is plain text, and the locale, category and published filters
 * hold.
 */
#include "config.h"

#include <string.h>

#include "cg-demo.h"
#include "cg-test-util.h"

static CgStore *demo_store;

static CgStore *
get_demo_store (void)
{
  if (demo_store == NULL)
    {
      g_autoptr(GError) error = NULL;
      CgDemoOptions options = { .customers = 5, .seed = 7, .articles = TRUE };

      demo_store = cg_test_open_store (NULL);
      g_assert_true (cg_demo_generate (demo_store, &options, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  return demo_store;
}

static const char *
first_id (GPtrArray *results)
{
  g_assert_nonnull (results);
  g_assert_cmpuint (results->len, >, 0);
  return cg_article_summary_get_id (g_ptr_array_index (results, 0));
}

static GPtrArray *
search (const char *query,
        const char *locale,
        const char *category)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = cg_article_search (get_demo_store (), query, locale, category, 20, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static void
test_search_ranking (void)
{
  static const struct { const char *query, *locale, *expected; } cases[] = {
    { "parking", "en", "article:parking-en" },
    { "gift card", "en", "article:gift-cards-en" },
    { "Gift Cards", NULL, "article:gift-cards-en" },
    { "store hours", "en", "article:store-hours-en" },
    { "membership tiers", "en", "article:membership-en" },
    { "queue ticket", "en", "article:queue-tickets-en" },
    { "주차", "ko", "article:parking-ko" },
    { "상품권", "ko", "article:gift-cards-ko" },
    { "영업시간", "ko", "article:store-hours-ko" },
    { "멤버십 등급", "ko", "article:membership-ko" },
    { "현금영수증", "ko", "article:receipts-ko" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) results = search (cases[i].query, cases[i].locale, NULL);
      g_test_message ("%s → %s", cases[i].query, first_id (results));
      g_assert_cmpstr (first_id (results), ==, cases[i].expected);
    }

  /* A topic written for every product category: the right topic first,
   * and the title match beats a mention in another article's body. */
  {
    g_autoptr(GPtrArray) results = search ("refund", "en", NULL);
    g_assert_true (g_str_has_prefix (first_id (results), "article:refunds-"));
  }
  {
    g_autoptr(GPtrArray) results = search ("반품", "ko", NULL);
    g_assert_true (g_str_has_prefix (first_id (results), "article:returns-"));
  }
  /* A question as a sentence: not every word is in the article, the
   * words that carry meaning find it. */
  {
    g_autoptr(GPtrArray) results = search ("Where can I park my car?", "en", NULL);
    g_assert_cmpstr (first_id (results), ==, "article:parking-en");
  }
  {
    g_autoptr(GPtrArray) results = search ("상품권 잔액을 현금으로 받을 수 있나요", "ko", NULL);
    g_assert_cmpstr (first_id (results), ==, "article:gift-cards-ko");
  }
  {
    g_autoptr(GPtrArray) results = search ("zzqqxx parkingzz", "en", NULL);
    g_assert_cmpuint (results->len, ==, 0);
  }
  /* A prefix typed so far already finds it. */
  {
    g_autoptr(GPtrArray) results = search ("park", "en", NULL);
    g_assert_cmpstr (first_id (results), ==, "article:parking-en");
  }
}

static void
test_search_fields (void)
{
  g_autoptr(GPtrArray) results = search ("parking", "en", NULL);
  CgArticleSummary *first = g_ptr_array_index (results, 0);
  const char *snippet = cg_article_summary_get_snippet (first);

  g_assert_cmpstr (cg_article_summary_get_title (first), ==, "Parking");
  g_assert_cmpstr (cg_article_summary_get_category (first), ==, "store");
  g_assert_cmpstr (cg_article_summary_get_locale (first), ==, "en");
  /* The first sentence of the body, on one line. */
  g_assert_true (g_str_has_prefix (snippet, "Customers park free for 1 hour"));
  g_assert_true (g_str_has_suffix (snippet, "(members: 4 hours)."));
  g_assert_null (strchr (snippet, '\n'));
}

static void
test_search_snippet_skips_lists (void)
{
  /* The membership article starts with a sentence, then a list: never a
   * list item or a heading as the snippet, and long ones are cut. */
  g_autoptr(GPtrArray) all = search ("", NULL, NULL);

  g_assert_cmpuint (all->len, ==, 20);
  for (guint i = 0; i < all->len; i++)
    {
      const char *snippet = cg_article_summary_get_snippet (g_ptr_array_index (all, i));
      g_assert_false (g_str_has_prefix (snippet, "- "));
      g_assert_false (g_str_has_prefix (snippet, "#"));
      g_assert_cmpint (g_utf8_strlen (snippet, -1), <=, 141);
      g_assert_cmpuint (strlen (snippet), >, 0);
    }
}

static void
test_search_empty_lists_by_title (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = cg_article_search (get_demo_store (), "", "en", NULL, 500, &error);
  g_autoptr(GPtrArray) spaces = cg_article_search (get_demo_store (), "  ?! ", "en", NULL, 500, &error);

  g_assert_no_error (error);
  /* 9 topics × 10 categories + the general articles. */
  g_assert_cmpuint (results->len, >=, 100);
  g_assert_cmpuint (spaces->len, ==, results->len);
  for (guint i = 1; i < results->len; i++)
    {
      const char *a = cg_article_summary_get_title (g_ptr_array_index (results, i - 1));
      const char *b = cg_article_summary_get_title (g_ptr_array_index (results, i));
      g_assert_cmpint (strcmp (a, b), <=, 0);
    }
  g_ptr_array_unref (cg_article_search (get_demo_store (), "", "en", NULL, 0, &error));
}

static void
test_locale_and_category_filters (void)
{
  g_autoptr(GPtrArray) en = search ("", "en", NULL);
  g_autoptr(GPtrArray) ko = search ("", "ko", NULL);
  g_autoptr(GPtrArray) payment = search ("", "en", "payment");
  g_autoptr(GPtrArray) refund_ko = search ("refund", "ko", NULL);
  g_autoptr(GPtrArray) kakao = search ("KakaoPay", NULL, NULL);
  g_auto(GStrv) categories_ko = cg_article_list_categories (get_demo_store (), "ko");
  g_auto(GStrv) categories_all = cg_article_list_categories (get_demo_store (), NULL);
  g_auto(GStrv) categories_fr = cg_article_list_categories (get_demo_store (), "fr");

  for (guint i = 0; i < en->len; i++)
    g_assert_cmpstr (cg_article_summary_get_locale (g_ptr_array_index (en, i)), ==, "en");
  for (guint i = 0; i < ko->len; i++)
    g_assert_cmpstr (cg_article_summary_get_locale (g_ptr_array_index (ko, i)), ==, "ko");
  /* "refund" is an English word: no Korean article has it. */
  g_assert_cmpuint (refund_ko->len, ==, 0);
  for (guint i = 0; i < kakao->len; i++)
    g_assert_cmpstr (cg_article_summary_get_locale (g_ptr_array_index (kakao, i)), ==, "en");
  g_assert_cmpuint (kakao->len, >, 0);

  g_assert_cmpuint (payment->len, ==, 3);   /* payment methods, gift cards, receipts */
  for (guint i = 0; i < payment->len; i++)
    g_assert_cmpstr (cg_article_summary_get_category (g_ptr_array_index (payment, i)), ==, "payment");

  g_assert_true (g_strv_contains ((const char * const *) categories_ko, "returns"));
  g_assert_true (g_strv_contains ((const char * const *) categories_ko, "payment"));
  g_assert_cmpuint (g_strv_length (categories_ko), ==, g_strv_length (categories_all));
  for (guint i = 1; categories_ko[i] != NULL; i++)
    g_assert_cmpint (strcmp (categories_ko[i - 1], categories_ko[i]), <, 0);
  g_assert_nonnull (categories_fr);
  g_assert_cmpuint (g_strv_length (categories_fr), ==, 0);
}

static void
test_unpublished_hidden (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(JsonObject) draft = cg_test_json (
    "{\"_id\":\"article:draft\",\"type\":\"article\",\"title\":\"Parking draft\","
    "\"body\":\"Not yet.\",\"tags\":[],\"locale\":\"en\",\"category\":\"draft\","
    "\"published\":false,\"updated_at\":\"2026-11-20T10:00:00Z\"}");
  g_autoptr(JsonObject) live = cg_test_json (
    "{\"_id\":\"article:live\",\"type\":\"article\",\"title\":\"Parking\","
    "\"body\":\"Park free.\\n\\n- One hour.\",\"tags\":[\"cars\"],\"locale\":\"en\",\"category\":\"store\","
    "\"published\":true,\"updated_at\":\"2026-11-20T10:00:00Z\"}");
  g_autofree char *rev1 = cg_store_put (store, draft, &error);
  g_autofree char *rev2 = cg_store_put (store, live, &error);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) tagged = NULL;
  g_auto(GStrv) categories = NULL;

  g_assert_no_error (error);
  results = cg_article_search (store, "parking", NULL, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpstr (first_id (results), ==, "article:live");
  all = cg_article_search (store, NULL, NULL, NULL, 10, &error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpstr (cg_article_summary_get_snippet (g_ptr_array_index (all, 0)), ==, "Park free.");
  tagged = cg_article_search (store, "cars", NULL, NULL, 10, &error);
  g_assert_cmpuint (tagged->len, ==, 1);
  categories = cg_article_list_categories (store, NULL);
  g_assert_cmpuint (g_strv_length (categories), ==, 1);
  g_assert_cmpstr (categories[0], ==, "store");
}

static void
test_fts_syntax_harmless (void)
{
  static const char * const inputs[] = {
    "\"", "\"\"", "\"parking", "parking AND", "AND", "OR", "NOT parking",
    "NEAR(parking hours)", "NEAR(", "*", "park*", "(", ")", "(parking",
    "title:parking", "-parking", "^parking", "parking +", "'); DROP TABLE articles; --",
    "{title body}: parking", "주차\"", "a\"b\"c", "\\", "%", "_",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = cg_article_search (get_demo_store (), inputs[i], NULL, NULL, 10, &error);
      g_autoptr(GPtrArray) suggested = cg_article_suggest_for_text (get_demo_store (), inputs[i], NULL, 10);

      g_assert_no_error (error);
      g_assert_nonnull (results);
      g_assert_nonnull (suggested);
    }

  /* The words inside the syntax are still searched as words. */
  {
    g_autoptr(GPtrArray) results = search ("(parking*)", "en", NULL);
    g_assert_cmpstr (first_id (results), ==, "article:parking-en");
  }
  {
    /* "title" is a word, not a column filter: no article has both words,
     * and the fallback to any word still finds parking. */
    g_autoptr(GPtrArray) results = search ("title:parking", "en", NULL);
    g_assert_cmpstr (first_id (results), ==, "article:parking-en");
  }
  g_assert_cmpint (cg_test_query_int (get_demo_store (), "SELECT count(*) FROM articles"), >, 100);
}

static void
test_suggestions (void)
{
  static const struct { const char *text, *locale, *expected_prefix; } cases[] = {
    { "Points missing from my membership\nThe points for my last purchase were not added to my account.",
      "en", "article:membership-en" },
    { "포인트 적립 누락\n지난번 구매 포인트가 적립되지 않았습니다.", "ko", "article:membership-ko" },
    { "Copy of a receipt\nI need a copy of my receipt for my employer.", "en", "article:receipts-en" },
    { "영수증 재발급 요청\n회사 제출용으로 영수증을 다시 받고 싶습니다.", "ko", "article:receipts-ko" },
    { "Refund not received for Wireless earbuds\nI returned it a week ago and the refund has not reached my card yet.",
      "en", "article:refunds-" },
    { "무선 이어폰 환불 지연 문의\n반품한 지 일주일이 지났는데 아직 환불이 들어오지 않았습니다.",
      "ko", "article:refunds-" },
    { "Exchange request: Denim jeans\nIt is the wrong size (colour) and I would like to exchange it.",
      "en", "article:exchanges-" },
    { "데님 팬츠 교환 요청\n사이즈(색상)가 맞지 않아 다른 것으로 교환하고 싶어요.", "ko", "article:exchanges-" },
    { "Warranty claim: Hair dryer\nIt stopped working properly after a few months. Is it covered by the warranty?",
      "en", "article:warranty-" },
    { "Where can I park my car?", "en", "article:parking-en" },
    { "주차는 어디에 하나요?", "ko", "article:parking-ko" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) results = cg_article_suggest_for_text (get_demo_store (), cases[i].text,
                                                                  cases[i].locale, 5);
      g_test_message ("%s → %s", cases[i].text, first_id (results));
      g_assert_true (g_str_has_prefix (first_id (results), cases[i].expected_prefix));
      g_assert_cmpuint (results->len, <=, 5);
      for (guint j = 0; j < results->len; j++)
        g_assert_cmpstr (cg_article_summary_get_locale (g_ptr_array_index (results, j)), ==,
                         cases[i].locale);
    }
}

static void
test_suggestions_nothing (void)
{
  /* Only stop words, short words and particles: nothing to suggest. */
  static const char * const texts[] = {
    NULL, "", "   ", "the and of it is", "저는 그냥 좀", "a b c 1 2 3", "zzzzqqq xxyyzz",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) results = cg_article_suggest_for_text (get_demo_store (), texts[i], NULL, 5);
      g_assert_nonnull (results);
      g_assert_cmpuint (results->len, ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/article/search/ranking", test_search_ranking);
  g_test_add_func ("/article/search/fields", test_search_fields);
  g_test_add_func ("/article/search/snippet", test_search_snippet_skips_lists);
  g_test_add_func ("/article/search/empty-by-title", test_search_empty_lists_by_title);
  g_test_add_func ("/article/search/filters", test_locale_and_category_filters);
  g_test_add_func ("/article/search/unpublished", test_unpublished_hidden);
  g_test_add_func ("/article/search/fts-syntax", test_fts_syntax_harmless);
  g_test_add_func ("/article/suggest/ranking", test_suggestions);
  g_test_add_func ("/article/suggest/nothing", test_suggestions_nothing);
  status = g_test_run ();
  g_clear_object (&demo_store);
  return status;
}
