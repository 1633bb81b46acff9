/* test-knowledge-ui.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The knowledge page on the demo FAQ, under Xvfb: a question typed finds
 * the expected article first, activating it opens it in the reader, Enter
 * opens the best match, categories narrow the list, a search with no match
 * and a missing article say so, Korean articles for the Korean UI, and an
 * article arriving (a sync) shows without a reload. Screenshots of each
 * state go to $CHANGGU_BUILD_ROOT/screenshots/.
 */
#include "config.h"

#include <adwaita.h>

#include "changgu-core.h"
#include "cg-article-view.h"
#include "cg-demo.h"
#include "cg-knowledge-page.h"
#include "cg-ui-test-util.h"

typedef struct {
  char            *dir;
  CgStore         *store;
  GtkWidget       *window;
  CgKnowledgePage *page;
  char            *navigated_to;
} Fixture;

static void
on_show_article (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  Fixture *f = user_data;

  g_free (f->navigated_to);
  f->navigated_to = g_variant_dup_string (parameter, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  CgDemoOptions options = { .customers = 5, .seed = 11, .articles = TRUE };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) show_article = g_simple_action_new ("show-article", G_VARIANT_TYPE_STRING);

  f->dir = g_dir_make_tmp ("cg-knowledge-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "store.db", NULL);
  f->store = cg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cg_demo_generate (f->store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  /* The window's actions, as the real window has them. */
  g_signal_connect (show_article, "activate", G_CALLBACK (on_show_article), f);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (show_article));
  gtk_widget_insert_action_group (f->window, "win", G_ACTION_GROUP (group));

  f->page = CG_KNOWLEDGE_PAGE (cg_knowledge_page_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  cg_knowledge_page_set_store (f->page, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_frames (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  g_free (f->navigated_to);
  g_free (f->dir);
}

static const char *
visible_results_page (Fixture *f)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_parent (gtk_widget_get_parent (
    gtk_widget_get_parent (find_descendant (GTK_WIDGET (f->page), GTK_TYPE_LIST_BOX,
                                            "knowledge-results")))));

  /* ListBox → Viewport → ScrolledWindow → Stack. */
  g_assert_true (GTK_IS_STACK (stack));
  return gtk_stack_get_visible_child_name (stack);
}

static GtkListBox *
results_list (Fixture *f)
{
  return GTK_LIST_BOX (find_descendant (GTK_WIDGET (f->page), GTK_TYPE_LIST_BOX, "knowledge-results"));
}

static CgArticleView *
article_view (Fixture *f)
{
  return CG_ARTICLE_VIEW (find_descendant (GTK_WIDGET (f->page), CG_TYPE_ARTICLE_VIEW, NULL));
}

/* Fewer results than the unfiltered list: the typed search ran. */
static gboolean
search_narrowed (gpointer data)
{
  g_auto(GStrv) ids = cg_knowledge_page_dup_result_ids (data);

  return ids[0] != NULL && g_strv_length (ids) < CG_KNOWLEDGE_PAGE_LIMIT;
}

static gboolean
lists_article (gpointer data)
{
  g_auto(GStrv) ids = cg_knowledge_page_dup_result_ids (data);

  return g_strv_contains ((const char * const *) ids, "article:parking-night-ko");
}

static void
test_search_and_read (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(GStrv) all = cg_knowledge_page_dup_result_ids (f->page);
  g_auto(GStrv) ids = NULL;
  GtkListBoxRow *first;

  /* Nothing typed: the articles of the UI language, by title. */
  g_assert_cmpstr (cg_knowledge_page_get_locale (f->page), ==, "en");
  g_assert_cmpuint (g_strv_length (all), ==, CG_KNOWLEDGE_PAGE_LIMIT);
  for (guint i = 0; all[i] != NULL; i++)
    g_assert_true (g_str_has_suffix (all[i], "-en"));
  g_assert_cmpstr (visible_results_page (f), ==, "results");

  /* Typed into the entry: the debounced search runs by itself. */
  gtk_editable_set_text (GTK_EDITABLE (find_descendant (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY,
                                                        "knowledge-search")),
                         "where to park");
  iterate_until (search_narrowed, f->page, 3000, "the search to run");
  ids = cg_knowledge_page_dup_result_ids (f->page);
  g_assert_cmpstr (ids[0], ==, "article:parking-en");
  save_screenshot (f->window, "knowledge-search");

  first = gtk_list_box_get_row_at_index (results_list (f), 0);
  g_signal_emit_by_name (results_list (f), "row-activated", first);
  g_assert_cmpstr (cg_knowledge_page_get_shown_article (f->page), ==, "article:parking-en");
  g_assert_cmpstr (cg_article_view_get_title (article_view (f)), ==, "Parking");
  g_assert_true (gtk_list_box_row_is_selected (first));
  save_screenshot (f->window, "knowledge-article");

  /* Enter opens the best match. */
  cg_knowledge_page_search (f->page, "gift card");
  g_signal_emit_by_name (find_descendant (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY, NULL), "activate");
  g_assert_cmpstr (cg_knowledge_page_get_shown_article (f->page), ==, "article:gift-cards-en");

  /* A long article with lists and numbered steps. */
  g_assert_true (cg_knowledge_page_show_article (f->page, "article:pickup-electronics-en"));
  save_screenshot (f->window, "knowledge-article-steps");
}

static void
test_states (Fixture       *f,
             gconstpointer  data)
{
  GtkDropDown *categories = GTK_DROP_DOWN (find_descendant (GTK_WIDGET (f->page), GTK_TYPE_DROP_DOWN,
                                                            "knowledge-category"));
  GListModel *names = gtk_drop_down_get_model (categories);
  g_auto(GStrv) ids = NULL;
  guint payment = GTK_INVALID_LIST_POSITION;

  cg_knowledge_page_search (f->page, "zzqqxx");
  g_assert_cmpstr (visible_results_page (f), ==, "no-results");
  save_screenshot (f->window, "knowledge-no-results");

  /* Categories in words; picking one narrows the list. */
  cg_knowledge_page_search (f->page, "");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==, "All Categories");
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Payment") == 0)
      payment = i;
  g_assert_cmpuint (payment, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (categories, payment);
  ids = cg_knowledge_page_dup_result_ids (f->page);
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) ids, "article:gift-cards-en"));
  g_assert_true (g_strv_contains ((const char * const *) ids, "article:receipts-en"));
  gtk_drop_down_set_selected (categories, 0);

  /* A missing article says so in the reader. */
  g_assert_false (cg_knowledge_page_show_article (f->page, "article:nonexistent"));
  g_assert_null (cg_knowledge_page_get_shown_article (f->page));
}

static void
test_korean_and_live_update (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) doc = cg_json_from_string (
    "{\"_id\":\"article:parking-night-ko\",\"type\":\"article\",\"title\":\"야간 주차 안내\","
    "\"body\":\"영업이 끝난 뒤에는 지하 2층만 이용하실 수 있습니다.\",\"tags\":[\"주차\"],"
    "\"locale\":\"ko\",\"category\":\"store\",\"published\":true,"
    "\"updated_at\":\"2026-11-20T10:00:00Z\"}", &error);
  g_autofree char *rev = NULL;
  g_auto(GStrv) ids = NULL;

  g_assert_no_error (error);
  cg_knowledge_page_set_locale (f->page, "ko");
  cg_knowledge_page_search (f->page, "주차 요금");
  ids = cg_knowledge_page_dup_result_ids (f->page);
  g_assert_cmpstr (ids[0], ==, "article:parking-ko");
  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_true (g_str_has_suffix (ids[i], "-ko"));
  g_assert_true (cg_knowledge_page_show_article (f->page, ids[0]));
  g_assert_cmpstr (cg_article_view_get_title (article_view (f)), ==, "주차 안내");
  save_screenshot (f->window, "knowledge-article-ko");

  /* An article arriving (a sync) is listed without a reload. */
  cg_knowledge_page_search (f->page, "주차");
  g_assert_false (lists_article (f->page));
  rev = cg_store_put (f->store, doc, &error);
  g_assert_no_error (error);
  iterate_until (lists_article, f->page, 3000, "the new article to be listed");
  /* The shown article stays open. */
  g_assert_cmpstr (cg_knowledge_page_get_shown_article (f->page), ==, "article:parking-ko");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/knowledge/search-and-read", Fixture, NULL, fixture_set_up, test_search_and_read, fixture_tear_down);
  g_test_add ("/knowledge/states", Fixture, NULL, fixture_set_up, test_states, fixture_tear_down);
  g_test_add ("/knowledge/korean-and-live-update", Fixture, NULL, fixture_set_up,
              test_korean_and_live_update, fixture_tear_down);
  return g_test_run ();
}
