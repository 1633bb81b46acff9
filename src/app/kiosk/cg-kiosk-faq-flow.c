/* cg-kiosk-faq-flow.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Touch-only customers browse by topic; the search field serves those who
 * use the kiosk's physical keyboard (GNOME Kiosk has no on-screen one).
 * Results replace the topics on the first step as the customer types, so
 * typing never moves them to another screen.
 */
#define G_LOG_DOMAIN "cg-kiosk-faq"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "changgu-core.h"
#include "cg-article-markup.h"
#include "cg-kiosk-faq-flow.h"
#include "cg-kiosk-flow-util.h"
#include "cg-kiosk-language.h"

#define MAX_RESULTS 12
#define MAX_LIST    50

struct _CgKioskFaqFlow
{
  AdwBin             parent_instance;

  CgStore           *store;
  CgKioskSteps       steps;
  char              *language;

  GtkEditable       *search_entry;
  GtkStack          *browse_stack;     /* "topics", "results", "empty" */
  GtkBox            *results_box;
  GtkLabel          *empty_label;
  CgKioskStepHeader *list_header;
  GtkBox            *list_box;
  CgKioskStepHeader *article_header;
  GtkBox            *article_box;
};

G_DEFINE_FINAL_TYPE (CgKioskFaqFlow, cg_kiosk_faq_flow, ADW_TYPE_BIN)

enum { SIGNAL_DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
finish (CgKioskFaqFlow *self)
{
  g_signal_emit (self, signals[SIGNAL_DONE], 0);
}

static void
on_back (CgKioskFaqFlow *self)
{
  if (!cg_kiosk_steps_back (&self->steps))
    finish (self);
}

static void
on_article_clicked (GtkButton      *button,
                    CgKioskFaqFlow *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "cg-article");
  const char *category = g_object_get_data (G_OBJECT (button), "cg-category");

  cg_kiosk_step_header_set_title (self->article_header,
                                  category != NULL ? cg_format_article_category (category) : _("Answer"));
  cg_kiosk_show_article (self->article_box, self->store, id);
  cg_kiosk_steps_go (&self->steps, "article");
}

static void
append_articles (CgKioskFaqFlow *self,
                 GtkBox         *box,
                 GPtrArray      *articles)
{
  for (guint i = 0; i < articles->len; i++)
    {
      CgArticleSummary *summary = g_ptr_array_index (articles, i);
      GtkWidget *button = cg_kiosk_choice_button_new (cg_article_summary_get_title (summary),
                                                      cg_article_summary_get_snippet (summary),
                                                      NULL);

      gtk_widget_add_css_class (button, "kiosk-article-button");
      g_object_set_data_full (G_OBJECT (button), "cg-article",
                              g_strdup (cg_article_summary_get_id (summary)), g_free);
      g_object_set_data_full (G_OBJECT (button), "cg-category",
                              g_strdup (cg_article_summary_get_category (summary)), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_article_clicked), self);
      gtk_box_append (box, button);
    }
}

static void
on_search_changed (CgKioskFaqFlow *self)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (self->search_entry)));
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  cg_kiosk_box_clear (self->results_box);
  if (*query == '\0')
    {
      gtk_stack_set_visible_child_name (self->browse_stack, "topics");
      return;
    }
  found = cg_article_search (self->store, query, self->language, NULL, MAX_RESULTS, &error);
  if (found == NULL)
    {
      /* A query FTS cannot parse is just "nothing found" to a customer. */
      g_message ("Article search failed: %s", error->message);
      found = g_ptr_array_new ();
    }
  if (found->len == 0)
    {
      g_autofree char *message =
        /* Translators: %s is what the customer typed into the search. */
        g_strdup_printf (_("We could not find an answer for “%s”. "
                           "Please try other words, choose a topic, or ask at the counter."), query);

      gtk_label_set_label (self->empty_label, message);
      gtk_stack_set_visible_child_name (self->browse_stack, "empty");
      return;
    }
  append_articles (self, self->results_box, found);
  gtk_stack_set_visible_child_name (self->browse_stack, "results");
}

static void
on_topic_clicked (GtkButton      *button,
                  CgKioskFaqFlow *self)
{
  const char *category = g_object_get_data (G_OBJECT (button), "cg-category");
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;

  cg_kiosk_box_clear (self->list_box);
  cg_kiosk_step_header_set_title (self->list_header, cg_format_article_category (category));
  articles = cg_article_search (self->store, "", self->language, category, MAX_LIST, &error);
  if (articles == NULL)
    {
      g_message ("Cannot list articles of %s: %s", category, error->message);
      gtk_box_append (self->list_box,
                      cg_kiosk_label_new (_("Sorry, these answers cannot be shown right now. "
                                            "Please ask at the counter."), "kiosk-message"));
    }
  else
    append_articles (self, self->list_box, articles);
  cg_kiosk_steps_go (&self->steps, "list");
}

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  return g_utf8_collate (cg_format_article_category (*(const char * const *) a),
                         cg_format_article_category (*(const char * const *) b));
}

static GtkWidget *
topics_page (CgKioskFaqFlow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *grid = cg_kiosk_button_grid_new (3);
  g_auto(GStrv) categories = cg_article_list_categories (self->store, self->language);

  gtk_box_append (GTK_BOX (box), cg_kiosk_label_new (_("Or choose a topic"), "kiosk-message"));
  /* In the order of the words the customer reads. */
  if (categories != NULL)
    qsort (categories, g_strv_length (categories), sizeof (char *), compare_labels);
  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    {
      GtkWidget *button = cg_kiosk_choice_button_new (cg_format_article_category (categories[i]), NULL, NULL);
      g_autofree char *name = g_strconcat ("topic-", categories[i], NULL);

      gtk_widget_set_name (button, name);
      gtk_widget_add_css_class (button, "kiosk-topic");
      g_object_set_data_full (G_OBJECT (button), "cg-category", g_strdup (categories[i]), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_topic_clicked), self);
      cg_kiosk_button_grid_append (grid, button);
    }
  if (categories == NULL || categories[0] == NULL)
    gtk_box_append (GTK_BOX (box),
                    cg_kiosk_label_new (_("There are no answers here yet. Please ask at the counter."),
                                        "kiosk-message"));
  else
    gtk_box_append (GTK_BOX (box), grid);
  return box;
}

static void
build (CgKioskFaqFlow *self)
{
  GtkWidget *stack = gtk_stack_new ();
  CgKioskStepHeader *header;
  GtkBox *content;
  GtkWidget *page, *entry, *button, *box;

  gtk_stack_set_transition_type (GTK_STACK (stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  cg_kiosk_steps_init (&self->steps, GTK_STACK (stack));

  /* Step 1: search, or a topic. */
  page = cg_kiosk_step_new (_("Find an Answer"), &header, &content);
  g_signal_connect_swapped (header, "back", G_CALLBACK (on_back), self);
  g_signal_connect_swapped (header, "home", G_CALLBACK (finish), self);
  gtk_box_append (content, cg_kiosk_label_new (_("What would you like to know?"), "kiosk-question"));
  entry = gtk_search_entry_new ();
  gtk_widget_set_name (entry, "faq-search");
  gtk_widget_add_css_class (entry, "kiosk-entry");
  gtk_widget_add_css_class (entry, "kiosk-search");
  g_object_set (entry, "placeholder-text", _("Type a question, for example “refund”"), NULL);
  gtk_widget_set_tooltip_text (entry, _("Search the answers"));
  g_signal_connect_swapped (entry, "search-changed", G_CALLBACK (on_search_changed), self);
  self->search_entry = GTK_EDITABLE (entry);
  gtk_box_append (content, entry);

  self->browse_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->browse_stack, FALSE);
  gtk_stack_add_named (self->browse_stack, topics_page (self), "topics");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 20);
  self->results_box = GTK_BOX (box);
  gtk_widget_set_name (box, "faq-results");
  gtk_stack_add_named (self->browse_stack, box, "results");
  self->empty_label = GTK_LABEL (cg_kiosk_label_new (NULL, "kiosk-message"));
  gtk_widget_set_name (GTK_WIDGET (self->empty_label), "faq-empty");
  gtk_stack_add_named (self->browse_stack, GTK_WIDGET (self->empty_label), "empty");
  gtk_stack_set_visible_child_name (self->browse_stack, "topics");
  gtk_box_append (content, GTK_WIDGET (self->browse_stack));
  gtk_stack_add_named (GTK_STACK (stack), page, "browse");

  /* Step 2: the articles of a topic. */
  page = cg_kiosk_step_new (NULL, &self->list_header, &content);
  g_signal_connect_swapped (self->list_header, "back", G_CALLBACK (on_back), self);
  g_signal_connect_swapped (self->list_header, "home", G_CALLBACK (finish), self);
  gtk_box_append (content, cg_kiosk_label_new (_("Choose a question"), "kiosk-message"));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 20);
  gtk_widget_set_name (box, "faq-list");
  self->list_box = GTK_BOX (box);
  gtk_box_append (content, box);
  gtk_stack_add_named (GTK_STACK (stack), page, "list");

  /* Step 3: one article. */
  page = cg_kiosk_step_new (NULL, &self->article_header, &content);
  g_signal_connect_swapped (self->article_header, "back", G_CALLBACK (on_back), self);
  g_signal_connect_swapped (self->article_header, "home", G_CALLBACK (finish), self);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_name (box, "faq-article");
  gtk_widget_add_css_class (box, "kiosk-article");
  self->article_box = GTK_BOX (box);
  gtk_box_append (content, box);
  gtk_box_append (content, cg_kiosk_label_new (_("Still need help? Please take a ticket or ask at the counter."),
                                               "kiosk-message"));
  button = cg_kiosk_action_button_new (_("Finish"), TRUE);
  gtk_widget_set_name (button, "faq-finish");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (finish), self);
  gtk_box_append (content, button);
  gtk_stack_add_named (GTK_STACK (stack), page, "article");

  gtk_stack_set_visible_child_name (GTK_STACK (stack), "browse");
  adw_bin_set_child (ADW_BIN (self), stack);
}

static void
cg_kiosk_faq_flow_dispose (GObject *object)
{
  CgKioskFaqFlow *self = CG_KIOSK_FAQ_FLOW (object);

  cg_kiosk_steps_clear (&self->steps);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cg_kiosk_faq_flow_parent_class)->dispose (object);
}

static void
cg_kiosk_faq_flow_finalize (GObject *object)
{
  CgKioskFaqFlow *self = CG_KIOSK_FAQ_FLOW (object);

  g_free (self->language);
  G_OBJECT_CLASS (cg_kiosk_faq_flow_parent_class)->finalize (object);
}

static void
cg_kiosk_faq_flow_class_init (CgKioskFaqFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cg_kiosk_faq_flow_dispose;
  object_class->finalize = cg_kiosk_faq_flow_finalize;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "cg-kiosk-flow");

  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cg_kiosk_faq_flow_init (CgKioskFaqFlow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "kiosk-flow");
}

GtkWidget *
cg_kiosk_faq_flow_new (CgStore *store)
{
  CgKioskFaqFlow *self;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  self = g_object_new (CG_TYPE_KIOSK_FAQ_FLOW, NULL);
  self->store = g_object_ref (store);
  /* The language the customer chose for this visit (the shell set it
   * before creating the flow). */
  self->language = g_strdup (cg_kiosk_get_language ());
  build (self);
  return GTK_WIDGET (self);
}
