/* test-case-suggest.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The suggested category and priority of a new case: the tokenizer
 * (English words, Korean words with their particles, Hangul bigrams), and
 * the accuracy of naive Bayes on a held-out fifth of the resolved cases
 * of a demo store, against the majority-class baseline.
 */
#include "config.h"

#include "cg-demo.h"
#include "cg-test-util.h"

static gboolean
has_token (GStrv       tokens,
           const char *token)
{
  return g_strv_contains ((const char * const *) tokens, token);
}

static void
test_tokenize (void)
{
  g_auto(GStrv) english = cg_case_suggest_tokenize ("Return request: Wireless EARBUDS (order W24001234) - a");
  g_auto(GStrv) korean = cg_case_suggest_tokenize ("무선 이어폰 반품 요청, 반품하고 싶습니다");
  g_auto(GStrv) mixed = cg_case_suggest_tokenize ("USB포트 불량");
  g_auto(GStrv) empty = cg_case_suggest_tokenize (NULL);

  g_assert_true (has_token (english, "return"));
  g_assert_true (has_token (english, "earbuds"));
  g_assert_true (has_token (english, "w24001234"));
  g_assert_false (has_token (english, "a"));             /* one Latin letter: noise */
  /* Whole Korean words, and bigrams so that 반품 matches 반품하고. */
  g_assert_true (has_token (korean, "반품"));
  g_assert_true (has_token (korean, "반품하고"));
  g_assert_true (has_token (korean, "품하"));
  g_assert_true (has_token (korean, "싶습니다"));
  g_assert_true (has_token (mixed, "usb"));
  g_assert_true (has_token (mixed, "포트"));
  g_assert_true (has_token (mixed, "불량"));
  g_assert_null (empty[0]);
  {
    g_auto(GStrv) digits = cg_case_suggest_tokenize ("2026 010-1234");
    g_assert_null (digits[0]);                          /* numbers say nothing */
  }
}

static void
test_small_model (void)
{
  g_autoptr(CgCaseSuggester) model = cg_case_suggester_new ();
  CgCaseSuggestion suggestion;
  static const CgCaseExample examples[] = {
    { "Refund not received for my shoes", "refund", "high" },
    { "환불이 아직 안 들어왔어요", "refund", "high" },
    { "Exchange request: wrong size", "exchange", "normal" },
    { "사이즈 교환 요청", "exchange", "normal" },
  };

  /* Too few examples: no suggestion rather than a guess. */
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    cg_case_suggester_add (model, &examples[i]);
  g_assert_false (cg_case_suggester_suggest (model, "Refund please", NULL, &suggestion));
  g_assert_null (suggestion.category);

  for (guint round = 0; round < 6; round++)
    for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
      cg_case_suggester_add (model, &examples[i]);
  g_assert_cmpuint (cg_case_suggester_get_n_examples (model), ==, 28);

  g_assert_true (cg_case_suggester_suggest (model, "Where is my refund", NULL, &suggestion));
  g_assert_cmpstr (suggestion.category, ==, "refund");
  g_assert_cmpstr (suggestion.priority, ==, "high");
  g_assert_cmpfloat (suggestion.category_confidence, >, 0.5);
  g_assert_cmpfloat (suggestion.category_confidence, <=, 1.0);
  /* Korean with another ending: the bigram 환불 carries it. */
  g_assert_true (cg_case_suggester_suggest (model, "환불은 언제 되나요", NULL, &suggestion));
  g_assert_cmpstr (suggestion.category, ==, "refund");
  g_assert_true (cg_case_suggester_suggest (model, NULL, "교환하고 싶어요", &suggestion));
  g_assert_cmpstr (suggestion.category, ==, "exchange");
  /* Nothing it knows. */
  g_assert_false (cg_case_suggester_suggest (model, "zzz qqq", "", &suggestion));
}

static const char *
majority (GHashTable *counts,
          guint      *count)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *best = NULL;

  *count = 0;
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > *count)
      {
        *count = GPOINTER_TO_UINT (value);
        best = key;
      }
  return best;
}

static void
bump (GHashTable *counts,
      const char *key)
{
  g_hash_table_insert (counts, (gpointer) key,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
}

static void
test_demo_accuracy (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) examples = NULL;
  g_autoptr(CgCaseSuggester) model = NULL;
  g_autoptr(CgCaseSuggester) raw = cg_case_suggester_new ();
  g_autoptr(GPtrArray) training = g_ptr_array_new ();
  g_autoptr(CgCaseSuggester) shared = NULL;
  g_autoptr(GHashTable) train_categories = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) train_priorities = g_hash_table_new (g_str_hash, g_str_equal);
  CgDemoOptions options = { .customers = 3000, .seed = 42 };
  const char *majority_category, *majority_priority;
  guint raw_priority_hits = 0, n_test = 0, category_hits = 0, priority_hits = 0, category_base = 0, priority_base = 0, unused;
  double category_accuracy, priority_accuracy, category_baseline, priority_baseline;
  gint64 start;

  g_assert_true (cg_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  examples = cg_case_examples_load (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (examples->len, >, 1000);

  /* Every fifth case is held out. */
  for (guint i = 0; i < examples->len; i++)
    {
      CgCaseExample *example = g_ptr_array_index (examples, i);
      if (i % 5 == 4)
        continue;
      g_ptr_array_add (training, example);
      cg_case_suggester_add (raw, example);
      bump (train_categories, example->category);
      bump (train_priorities, example->priority);
    }
  model = cg_case_suggester_new_from_examples (training);
  g_test_message ("trained on %u cases in %.1f ms", cg_case_suggester_get_n_examples (model),
                  (g_get_monotonic_time () - start) / 1000.0);
  majority_category = majority (train_categories, &unused);
  majority_priority = majority (train_priorities, &unused);

  for (guint i = 4; i < examples->len; i += 5)
    {
      CgCaseExample *example = g_ptr_array_index (examples, i);
      CgCaseSuggestion suggestion;

      n_test++;
      if (cg_case_suggester_suggest (raw, example->text, NULL, &suggestion))
        raw_priority_hits += g_strcmp0 (suggestion.priority, example->priority) == 0;
      if (cg_case_suggester_suggest (model, example->text, NULL, &suggestion))
        {
          category_hits += g_strcmp0 (suggestion.category, example->category) == 0;
          priority_hits += g_strcmp0 (suggestion.priority, example->priority) == 0;
        }
      category_base += g_strcmp0 (majority_category, example->category) == 0;
      priority_base += g_strcmp0 (majority_priority, example->priority) == 0;
    }

  category_accuracy = 100.0 * category_hits / n_test;
  priority_accuracy = 100.0 * priority_hits / n_test;
  category_baseline = 100.0 * category_base / n_test;
  priority_baseline = 100.0 * priority_base / n_test;
  g_print ("# held-out cases: %u (of %u resolved/closed, demo store of %u customers)\n",
           n_test, examples->len, options.customers);
  g_print ("# category accuracy: %.1f%% (majority class \"%s\": %.1f%%)\n",
           category_accuracy, majority_category, category_baseline);
  g_print ("# priority accuracy: %.1f%% (majority class \"%s\": %.1f%%; naive Bayes on the words alone: %.1f%%)\n",
           priority_accuracy, majority_priority, priority_baseline, 100.0 * raw_priority_hits / n_test);

  /* Category: the words say it. Clearly better than always guessing the
   * commonest one. */
  g_assert_cmpfloat (category_accuracy, >, category_baseline + 30.0);
  g_assert_cmpfloat (category_accuracy, >, 80.0);
  /* Priority: the demo draws it at random, independent of the words, so
   * the words alone follow noise (and do worse than the majority class);
   * the self-check sees that and falls back to the commonest value. */
  g_assert_cmpfloat (priority_accuracy, >=, priority_baseline - 1.0);
  {
    CgCaseSuggestion suggestion;
    g_assert_true (cg_case_suggester_suggest (model, "Refund not received", NULL, &suggestion));
    g_assert_true (suggestion.category_from_words);
    g_assert_false (suggestion.priority_from_words);
    g_assert_cmpstr (suggestion.priority, ==, majority_priority);
  }

  /* The shared model, trained on a worker with its own connection. */
  shared = cg_case_suggester_new_from_store (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cg_case_suggester_get_n_examples (shared), ==, examples->len);
}

typedef struct {
  GMainLoop       *loop;
  CgCaseSuggester *model;
} AsyncData;

static void
loaded (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  AsyncData *data = user_data;
  g_autoptr(GError) error = NULL;

  data->model = cg_case_suggester_load_finish (CG_STORE (source), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (data->loop);
}

static void
test_load_async (void)
{
  g_autoptr(CgStore) store = cg_test_open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  CgDemoOptions options = { .customers = 400, .seed = 3 };
  AsyncData data = { loop, NULL };
  CgCaseSuggestion suggestion;

  g_assert_true (cg_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_null (cg_case_suggester_get_for_store (store));
  cg_case_suggester_load_async (store, NULL, loaded, &data);
  g_main_loop_run (loop);
  g_assert_nonnull (data.model);
  g_assert_true (cg_case_suggester_get_for_store (store) == data.model);
  g_assert_true (cg_case_suggester_suggest (data.model, "환불 지연 문의", "아직 환불이 들어오지 않았습니다.", &suggestion));
  g_assert_cmpstr (suggestion.category, ==, "refund");
  g_clear_pointer (&data.model, cg_case_suggester_unref);

  /* The second time it is there already. */
  cg_case_suggester_load_async (store, NULL, loaded, &data);
  g_main_loop_run (loop);
  g_assert_true (cg_case_suggester_get_for_store (store) == data.model);
  g_clear_pointer (&data.model, cg_case_suggester_unref);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case-suggest/tokenize", test_tokenize);
  g_test_add_func ("/case-suggest/small-model", test_small_model);
  g_test_add_func ("/case-suggest/demo-accuracy", test_demo_accuracy);
  g_test_add_func ("/case-suggest/load-async", test_load_async);

  return g_test_run ();
}
