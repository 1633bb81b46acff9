/* cg-knowledge-page.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The search runs on the main thread: the FAQ index holds a few hundred
 * articles and a query takes well under a millisecond. GtkSearchEntry's
 * search-delay is the debounce.
 */
#define G_LOG_DOMAIN "cg-knowledge-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cg-article-markup.h"
#include "cg-article-view.h"
#include "cg-knowledge-page.h"
#include "cg-store-watch.h"

struct _CgKnowledgePage
{
  GtkWidget       parent_instance;

  CgStoreWatch    watch;
  CgSession      *session;
  char           *locale;          /* NULL: the UI language's */
  char          **category_codes;  /* parallel to the dropdown; [0] = NULL (all) */
  char           *shown_id;
  gboolean        updating_categories;

  GtkSearchEntry *search_entry;
  GtkDropDown    *category_dropdown;
  GtkStack       *results_stack;
  GtkListBox     *results_list;
  AdwStatusPage  *error_page;
  GtkStack       *reader_stack;
  CgArticleView  *article_view;
  AdwStatusPage  *missing_page;
};

G_DEFINE_FINAL_TYPE (CgKnowledgePage, cg_knowledge_page, GTK_TYPE_WIDGET)

#define ARTICLE_ID_KEY "cg-article-id"

const char *
cg_knowledge_page_get_locale (CgKnowledgePage *self)
{
  g_return_val_if_fail (CG_IS_KNOWLEDGE_PAGE (self), NULL);
  return self->locale != NULL ? self->locale : cg_article_ui_locale ();
}

static const char *
selected_category (CgKnowledgePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->category_dropdown);

  if (self->category_codes == NULL || selected == GTK_INVALID_LIST_POSITION ||
      selected >= g_strv_length (self->category_codes))
    return NULL;
  return selected == 0 ? NULL : self->category_codes[selected];
}

static void
refresh_categories (CgKnowledgePage *self)
{
  g_autofree char *previous = g_strdup (selected_category (self));
  g_auto(GStrv) codes = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  if (self->watch.store != NULL)
    codes = cg_article_list_categories (self->watch.store, cg_knowledge_page_get_locale (self));

  gtk_string_list_append (names, _("All Categories"));
  g_strfreev (self->category_codes);
  /* [0] stands for "all"; the codes follow from [1]. */
  self->category_codes = g_new0 (char *, (codes != NULL ? g_strv_length (codes) : 0) + 2);
  self->category_codes[0] = g_strdup ("");
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      gtk_string_list_append (names, cg_format_article_category (codes[i]));
      self->category_codes[i + 1] = g_strdup (codes[i]);
      if (g_strcmp0 (previous, codes[i]) == 0)
        selected = i + 1;
    }

  self->updating_categories = TRUE;
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->category_dropdown, selected);
  self->updating_categories = FALSE;
}

static GtkWidget *
new_result_row (CgArticleSummary *summary)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (cg_article_summary_get_title (summary));
  GtkWidget *snippet = gtk_label_new (cg_article_summary_get_snippet (summary));
  GtkWidget *category = gtk_label_new (cg_format_article_category (cg_article_summary_get_category (summary)));

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "heading");

  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (snippet), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (snippet), 2);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (snippet, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (category), 0);
  gtk_widget_add_css_class (category, "caption");
  gtk_widget_add_css_class (category, "dim-label");

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), snippet);
  gtk_box_append (GTK_BOX (box), category);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), ARTICLE_ID_KEY,
                          g_strdup (cg_article_summary_get_id (summary)), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, cg_article_summary_get_title (summary),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, cg_article_summary_get_snippet (summary),
                                  -1);
  return row;
}

static void
select_shown_row (CgKnowledgePage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) &&
        g_strcmp0 (g_object_get_data (G_OBJECT (child), ARTICLE_ID_KEY), self->shown_id) == 0)
      {
        gtk_list_box_select_row (self->results_list, GTK_LIST_BOX_ROW (child));
        return;
      }
  gtk_list_box_unselect_all (self->results_list);
}

static void
run_search (CgKnowledgePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *category = selected_category (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);

  if (self->watch.store == NULL)
    {
      gtk_stack_set_visible_child_name (self->results_stack, "empty");
      return;
    }

  results = cg_article_search (self->watch.store, text, cg_knowledge_page_get_locale (self),
                               category, CG_KNOWLEDGE_PAGE_LIMIT, &error);
  if (results == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->results_stack, "error");
      return;
    }

  for (guint i = 0; i < results->len; i++)
    gtk_list_box_append (self->results_list, new_result_row (g_ptr_array_index (results, i)));

  if (results->len > 0)
    gtk_stack_set_visible_child_name (self->results_stack, "results");
  else if (*text == '\0' && category == NULL)
    gtk_stack_set_visible_child_name (self->results_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->results_stack, "no-results");
  select_shown_row (self);
}

void
cg_knowledge_page_search (CgKnowledgePage *self,
                          const char      *text)
{
  g_return_if_fail (CG_IS_KNOWLEDGE_PAGE (self));

  /* Setting the text starts the entry's delayed search-changed too; the
   * search then simply runs again on the same text. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  run_search (self);
}

gboolean
cg_knowledge_page_show_article (CgKnowledgePage *self,
                                const char      *article_id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CG_IS_KNOWLEDGE_PAGE (self), FALSE);
  g_return_val_if_fail (article_id != NULL, FALSE);

  g_free (self->shown_id);
  self->shown_id = g_strdup (article_id);
  if (self->watch.store == NULL ||
      !cg_article_view_load (self->article_view, self->watch.store, article_id, &error))
    {
      adw_status_page_set_description (self->missing_page,
                                       error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->reader_stack, "missing");
      select_shown_row (self);
      return FALSE;
    }
  gtk_stack_set_visible_child_name (self->reader_stack, "article");
  select_shown_row (self);
  return TRUE;
}

static void
on_search_changed (CgKnowledgePage *self)
{
  run_search (self);
}

static void
on_search_activated (CgKnowledgePage *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results_list, 0);

  /* Enter opens the best match. */
  if (first != NULL)
    cg_knowledge_page_show_article (self, g_object_get_data (G_OBJECT (first), ARTICLE_ID_KEY));
}

static void
on_category_changed (CgKnowledgePage *self)
{
  if (!self->updating_categories)
    run_search (self);
}

static void
on_row_activated (CgKnowledgePage *self,
                  GtkListBoxRow   *row)
{
  cg_knowledge_page_show_article (self, g_object_get_data (G_OBJECT (row), ARTICLE_ID_KEY));
}

/* Only articles matter; a burst of them (a sync) refreshes once. */
static const char * const article_types[] = { "article", NULL };

static void
on_store_changed (gpointer user_data)
{
  CgKnowledgePage *self = user_data;

  refresh_categories (self);
  run_search (self);
  if (self->shown_id != NULL)
    {
      g_autofree char *id = g_strdup (self->shown_id);
      cg_knowledge_page_show_article (self, id);
    }
}

void
cg_knowledge_page_set_store (CgKnowledgePage *self,
                             CgStore         *store)
{
  g_return_if_fail (CG_IS_KNOWLEDGE_PAGE (self));
  g_return_if_fail (store == NULL || CG_IS_STORE (store));

  if (!cg_store_watch_set_store (&self->watch, store))
    return;
  g_clear_pointer (&self->shown_id, g_free);
  cg_article_view_clear (self->article_view);
  gtk_stack_set_visible_child_name (self->reader_stack, "none");
  refresh_categories (self);
  run_search (self);
}

void
cg_knowledge_page_set_session (CgKnowledgePage *self,
                               CgSession       *session)
{
  g_return_if_fail (CG_IS_KNOWLEDGE_PAGE (self));

  /* Every role reads the knowledge base; kept for the pages' common API. */
  g_set_object (&self->session, session);
}

void
cg_knowledge_page_set_locale (CgKnowledgePage *self,
                              const char      *locale)
{
  g_return_if_fail (CG_IS_KNOWLEDGE_PAGE (self));

  if (g_strcmp0 (self->locale, locale) == 0)
    return;
  g_free (self->locale);
  self->locale = g_strdup (locale);
  refresh_categories (self);
  run_search (self);
}

GStrv
cg_knowledge_page_dup_result_ids (CgKnowledgePage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CG_IS_KNOWLEDGE_PAGE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      g_strv_builder_add (builder, g_object_get_data (G_OBJECT (child), ARTICLE_ID_KEY));
  return g_strv_builder_end (builder);
}

const char *
cg_knowledge_page_get_shown_article (CgKnowledgePage *self)
{
  g_return_val_if_fail (CG_IS_KNOWLEDGE_PAGE (self), NULL);
  return cg_article_view_get_article_id (self->article_view);
}

static void
cg_knowledge_page_dispose (GObject *object)
{
  CgKnowledgePage *self = CG_KNOWLEDGE_PAGE (object);

  cg_store_watch_clear (&self->watch);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_KNOWLEDGE_PAGE);
  /* The template's root box is not a bound child: unparent it here. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (cg_knowledge_page_parent_class)->dispose (object);
}

static void
cg_knowledge_page_finalize (GObject *object)
{
  CgKnowledgePage *self = CG_KNOWLEDGE_PAGE (object);

  g_free (self->locale);
  g_free (self->shown_id);
  g_strfreev (self->category_codes);
  G_OBJECT_CLASS (cg_knowledge_page_parent_class)->finalize (object);
}

static void
cg_knowledge_page_class_init (CgKnowledgePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_knowledge_page_dispose;
  object_class->finalize = cg_knowledge_page_finalize;

  g_type_ensure (CG_TYPE_ARTICLE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-knowledge-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgKnowledgePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CgKnowledgePage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgKnowledgePage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, CgKnowledgePage, results_list);
  gtk_widget_class_bind_template_child (widget_class, CgKnowledgePage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CgKnowledgePage, reader_stack);
  gtk_widget_class_bind_template_child (widget_class, CgKnowledgePage, article_view);
  gtk_widget_class_bind_template_child (widget_class, CgKnowledgePage, missing_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_category_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cg-knowledge-page");
}

static void
cg_knowledge_page_init (CgKnowledgePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cg_store_watch_init (&self->watch, article_types, on_store_changed, self);
  refresh_categories (self);
  run_search (self);
}

GtkWidget *
cg_knowledge_page_new (void)
{
  return g_object_new (CG_TYPE_KNOWLEDGE_PAGE, NULL);
}
