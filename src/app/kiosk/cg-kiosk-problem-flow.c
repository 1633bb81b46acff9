/* cg-kiosk-problem-flow.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The FAQ answers come before the report, not after: an answer that helps
 * saves the customer the wait and the counter a case, and the kiosk
 * records which way it went (cg_kiosk_record_helped or the case's
 * self_service.offered) for the deflection rate in Reports. When nothing
 * matches, the "Does this help?" step is skipped altogether.
 */
#define G_LOG_DOMAIN "cg-kiosk-problem"

#include "config.h"

#include <glib/gi18n.h>

#include "changgu-core.h"
#include "cg-kiosk.h"
#include "cg-kiosk-flow-util.h"
#include "cg-kiosk-keypad.h"
#include "cg-kiosk-language.h"
#include "cg-kiosk-problem-flow.h"

#define MAX_SUGGESTIONS   3
#define DESCRIPTION_MAX 500
#define PHONE_MAX        15

struct _CgKioskProblemFlow
{
  AdwBin             parent_instance;

  CgStore           *store;
  CgKioskSteps       steps;
  char              *language;
  char              *category;       /* id */
  char              *category_label;
  GPtrArray         *offered;        /* article ids shown, NULL-terminated */
  char              *article_id;     /* the one opened on "answer" */
  char              *number;

  GtkBox            *phrases_box;
  GtkEditable       *description_entry;
  GtkWidget         *describe_next;
  GtkBox            *suggestions_box;
  GtkBox            *answer_box;
  GtkEditable       *phone_entry;
  GtkLabel          *contact_error;
  GtkLabel          *number_label;
  GtkLabel          *reference_contact;
  GtkLabel          *describe_error;
};

G_DEFINE_FINAL_TYPE (CgKioskProblemFlow, cg_kiosk_problem_flow, ADW_TYPE_BIN)

enum { SIGNAL_DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
finish (CgKioskProblemFlow *self)
{
  g_signal_emit (self, signals[SIGNAL_DONE], 0);
}

static void
on_back (CgKioskProblemFlow *self)
{
  if (!cg_kiosk_steps_back (&self->steps))
    finish (self);
}

/* ------------------------------------------------------------ phrases */

/* A few things customers often say, per built-in category, so that a
 * touch-only customer can describe the problem without a keyboard.
 * Categories from the config get the general ones. */
static const struct {
  const char *category;
  const char *phrases[3];
} quick_phrases[] = {
  { "return", { N_("I want to return an item"), N_("I lost my receipt"),
                N_("The return period has passed") } },
  { "refund", { N_("I have not received my refund"), N_("The refund amount is wrong"),
                N_("I would like a refund") } },
  { "exchange", { N_("I need a different size or colour"), N_("The item I want is out of stock"),
                  N_("I would like to exchange a gift") } },
  { "pickup", { N_("My order is not ready"), N_("I cannot find my order number"),
                N_("Someone else is picking up for me") } },
  { "delivery", { N_("My delivery is late"), N_("My parcel arrived damaged"),
                  N_("Something is missing from my parcel") } },
  { "warranty", { N_("My item stopped working"), N_("I need a repair"),
                  N_("I lost my warranty card") } },
  { "defect", { N_("The item is damaged"), N_("The item does not work"),
                N_("A part is missing") } },
  { "billing", { N_("I was charged twice"), N_("The price was wrong"),
                 N_("I need a receipt") } },
  { "membership", { N_("I cannot use my points"), N_("I would like to join"),
                    N_("I want to change my details") } },
  { "complaint", { N_("I am not happy with the service"), N_("I waited too long"),
                   N_("Something in the store needs attention") } },
  { "product_question", { N_("Is this item in stock?"), N_("How do I use this item?"),
                          N_("Which size should I choose?") } },
  { "other", { N_("I have a question"), N_("I need help in the store"),
               N_("I have a suggestion") } },
};

static const char * const *
phrases_for (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (quick_phrases); i++)
    if (g_str_equal (quick_phrases[i].category, category))
      return quick_phrases[i].phrases;
  return quick_phrases[G_N_ELEMENTS (quick_phrases) - 1].phrases;
}

static void
on_phrase_clicked (GtkButton          *button,
                   CgKioskProblemFlow *self)
{
  /* Replaces what is there: touching a second phrase corrects the first
   * rather than piling them up; typing afterwards adds to it. */
  gtk_editable_set_text (self->description_entry, g_object_get_data (G_OBJECT (button), "cg-phrase"));
  gtk_editable_set_position (self->description_entry, -1);
}

/* ------------------------------------------------------------ steps */

static void
on_category_clicked (GtkButton          *button,
                     CgKioskProblemFlow *self)
{
  const char * const *phrases;

  g_free (self->category);
  self->category = g_strdup (g_object_get_data (G_OBJECT (button), "cg-category"));
  g_free (self->category_label);
  self->category_label = g_strdup (cg_kiosk_button_get_text (GTK_WIDGET (button)));

  /* Another category: other phrases, and what was typed for the other
   * one no longer fits. */
  cg_kiosk_box_clear (self->phrases_box);
  gtk_editable_set_text (self->description_entry, "");
  phrases = phrases_for (self->category);
  for (guint i = 0; i < 3; i++)
    {
      const char *phrase = _(phrases[i]);
      GtkWidget *phrase_button = cg_kiosk_action_button_new (phrase, FALSE);
      g_autofree char *name = g_strdup_printf ("phrase-%u", i);

      gtk_widget_set_name (phrase_button, name);
      gtk_widget_add_css_class (phrase_button, "kiosk-phrase");
      g_object_set_data_full (G_OBJECT (phrase_button), "cg-phrase", g_strdup (phrase), g_free);
      g_signal_connect (phrase_button, "clicked", G_CALLBACK (on_phrase_clicked), self);
      gtk_box_append (self->phrases_box, phrase_button);
    }
  cg_kiosk_steps_go (&self->steps, "describe");
}

static char *
description (CgKioskProblemFlow *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (self->description_entry)));
}

static void
on_description_changed (CgKioskProblemFlow *self)
{
  g_autofree char *text = description (self);

  gtk_widget_set_sensitive (self->describe_next, *text != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->describe_error), FALSE);
}

static void
on_suggestion_clicked (GtkButton          *button,
                       CgKioskProblemFlow *self)
{
  g_free (self->article_id);
  self->article_id = g_strdup (g_object_get_data (G_OBJECT (button), "cg-article"));
  cg_kiosk_show_article (self->answer_box, self->store, self->article_id);
  cg_kiosk_steps_go (&self->steps, "answer");
}

static void
go_to_contact (CgKioskProblemFlow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->contact_error), FALSE);
  cg_kiosk_steps_go (&self->steps, "contact");
}

static void
on_describe_next (CgKioskProblemFlow *self)
{
  g_autofree char *text = description (self);
  g_autoptr(GPtrArray) suggestions = NULL;

  if (*text == '\0')
    return;
  if (g_utf8_strlen (text, -1) > DESCRIPTION_MAX)
    {
      gtk_label_set_label (self->describe_error, _("Please make it a little shorter."));
      gtk_widget_set_visible (GTK_WIDGET (self->describe_error), TRUE);
      return;
    }

  /* The description only: the category's name alone ("Other") would
   * match answers to anything. */
  suggestions = cg_article_suggest_for_text (self->store, text, self->language, MAX_SUGGESTIONS);

  g_ptr_array_set_size (self->offered, 0);
  cg_kiosk_box_clear (self->suggestions_box);
  for (guint i = 0; i < suggestions->len && i < MAX_SUGGESTIONS; i++)
    {
      CgArticleSummary *summary = g_ptr_array_index (suggestions, i);
      GtkWidget *button = cg_kiosk_choice_button_new (cg_article_summary_get_title (summary),
                                                      cg_article_summary_get_snippet (summary),
                                                      NULL);
      g_autofree char *name = g_strdup_printf ("suggestion-%u", i);

      gtk_widget_set_name (button, name);
      gtk_widget_add_css_class (button, "kiosk-article-button");
      g_object_set_data_full (G_OBJECT (button), "cg-article",
                              g_strdup (cg_article_summary_get_id (summary)), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_suggestion_clicked), self);
      gtk_box_append (self->suggestions_box, button);
      g_ptr_array_add (self->offered, g_strdup (cg_article_summary_get_id (summary)));
    }
  /* NULL-terminated, as the core takes it. */
  g_ptr_array_add (self->offered, NULL);

  if (suggestions->len == 0)
    go_to_contact (self);
  else
    cg_kiosk_steps_go (&self->steps, "suggest");
}

static const char * const *
offered_ids (CgKioskProblemFlow *self)
{
  /* NULL when nothing was offered: the core then records no offer. */
  if (self->offered->len <= 1)
    return NULL;
  return (const char * const *) self->offered->pdata;
}

static void
on_helped (CgKioskProblemFlow *self)
{
  g_autoptr(GError) error = NULL;

  if (!cg_kiosk_record_helped (self->store, self->category, offered_ids (self),
                               self->article_id, &error))
    /* The customer was helped all the same; only the statistic is lost. */
    g_warning ("Could not record a helpful answer: %s", error->message);
  cg_kiosk_steps_finish (&self->steps, "thanks");
}

static void
send_report (CgKioskProblemFlow *self,
             gboolean            with_phone)
{
  g_autofree char *text = description (self);
  g_autofree char *phone = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *number = NULL;
  g_autoptr(GError) error = NULL;
  CgKioskProblem problem = { 0 };

  if (with_phone)
    phone = g_strstrip (g_strdup (gtk_editable_get_text (self->phone_entry)));
  problem.category = self->category;
  problem.description = text;
  problem.contact_phone = phone != NULL && *phone != '\0' ? phone : NULL;
  problem.language = self->language;
  problem.offered = offered_ids (self);

  case_id = cg_kiosk_report_problem (self->store, &problem, &number, &error);
  if (case_id == NULL)
    {
      if (g_error_matches (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_INVALID) && problem.contact_phone != NULL)
        gtk_label_set_label (self->contact_error,
                             _("Please check the phone number, or send without it."));
      else
        {
          g_warning ("Could not report a problem: %s", error->message);
          gtk_label_set_label (self->contact_error,
                               _("Sorry, your report could not be sent. Please ask at the counter."));
        }
      gtk_widget_set_visible (GTK_WIDGET (self->contact_error), TRUE);
      return;
    }

  g_free (self->number);
  self->number = g_steal_pointer (&number);
  gtk_label_set_label (self->number_label, self->number);
  gtk_widget_set_visible (GTK_WIDGET (self->reference_contact), problem.contact_phone != NULL);
  /* The phone number has done its job: it is not kept on screen. */
  gtk_editable_set_text (self->phone_entry, "");
  cg_kiosk_steps_finish (&self->steps, "reference");
}

static void
on_send_with_phone (CgKioskProblemFlow *self)
{
  send_report (self, TRUE);
}

static void
on_send_without_phone (CgKioskProblemFlow *self)
{
  send_report (self, FALSE);
}

/* ------------------------------------------------------------ building */

static GtkWidget *
new_step (CgKioskProblemFlow  *self,
          const char          *title,
          gboolean             back,
          GtkBox             **content)
{
  CgKioskStepHeader *header;
  GtkWidget *page = cg_kiosk_step_new (title, &header, content);

  cg_kiosk_step_header_set_back_visible (header, back);
  g_signal_connect_swapped (header, "back", G_CALLBACK (on_back), self);
  g_signal_connect_swapped (header, "home", G_CALLBACK (finish), self);
  return page;
}

static GtkWidget *
centred (GtkWidget *widget)
{
  gtk_widget_set_halign (widget, GTK_ALIGN_CENTER);
  return widget;
}

static void
build (CgKioskProblemFlow *self)
{
  GtkWidget *stack = gtk_stack_new ();
  g_autoptr(GPtrArray) categories = cg_kiosk_problem_categories (self->store, self->language);
  GtkBox *content;
  GtkWidget *page, *grid, *button, *box, *entry, *keypad, *buttons;

  gtk_stack_set_transition_type (GTK_STACK (stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  cg_kiosk_steps_init (&self->steps, GTK_STACK (stack));

  /* Step 1: what it is about. */
  page = new_step (self, _("Report a Problem"), TRUE, &content);
  gtk_box_append (content, cg_kiosk_label_new (_("What is it about?"), "kiosk-question"));
  grid = cg_kiosk_button_grid_new (3);
  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      CgKioskCategory *category = g_ptr_array_index (categories, i);
      g_autofree char *name = g_strconcat ("category-", category->id, NULL);

      button = cg_kiosk_choice_button_new (category->label, NULL, NULL);
      gtk_widget_set_name (button, name);
      gtk_widget_add_css_class (button, "kiosk-topic");
      g_object_set_data_full (G_OBJECT (button), "cg-category", g_strdup (category->id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_category_clicked), self);
      cg_kiosk_button_grid_append (grid, button);
    }
  gtk_box_append (content, grid);
  gtk_stack_add_named (GTK_STACK (stack), page, "category");

  /* Step 2: in a few words. */
  page = new_step (self, _("Report a Problem"), TRUE, &content);
  gtk_box_append (content, cg_kiosk_label_new (_("Tell us briefly what happened"), "kiosk-question"));
  gtk_box_append (content, cg_kiosk_label_new (_("Choose what fits best, or type it in your own words."),
                                               "kiosk-message"));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  gtk_widget_set_name (box, "problem-phrases");
  self->phrases_box = GTK_BOX (box);
  gtk_box_append (content, box);
  entry = cg_kiosk_entry_new (_("Describe the problem"));
  gtk_widget_set_name (entry, "problem-description");
  gtk_entry_set_max_length (GTK_ENTRY (entry), DESCRIPTION_MAX);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Or type here"));
  self->description_entry = GTK_EDITABLE (entry);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_description_changed), self);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (on_describe_next), self);
  gtk_box_append (content, entry);
  self->describe_error = GTK_LABEL (cg_kiosk_label_new (NULL, "kiosk-error"));
  gtk_widget_set_visible (GTK_WIDGET (self->describe_error), FALSE);
  gtk_box_append (content, GTK_WIDGET (self->describe_error));
  self->describe_next = centred (cg_kiosk_action_button_new (_("Next"), TRUE));
  gtk_widget_set_name (self->describe_next, "problem-describe-next");
  gtk_widget_set_sensitive (self->describe_next, FALSE);
  g_signal_connect_swapped (self->describe_next, "clicked", G_CALLBACK (on_describe_next), self);
  gtk_box_append (content, self->describe_next);
  gtk_stack_add_named (GTK_STACK (stack), page, "describe");

  /* Step 3: answers that might help. */
  page = new_step (self, _("Does This Help?"), TRUE, &content);
  gtk_box_append (content, cg_kiosk_label_new (_("These answers might help you right away"), "kiosk-question"));
  gtk_box_append (content, cg_kiosk_label_new (_("Touch one to read it."), "kiosk-message"));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 20);
  gtk_widget_set_name (box, "problem-suggestions");
  self->suggestions_box = GTK_BOX (box);
  gtk_box_append (content, box);
  button = centred (cg_kiosk_action_button_new (_("No, Report It"), TRUE));
  gtk_widget_set_name (button, "problem-not-helped");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (go_to_contact), self);
  gtk_box_append (content, button);
  gtk_stack_add_named (GTK_STACK (stack), page, "suggest");

  /* Step 3b: one answer, read in full. */
  page = new_step (self, _("Does This Help?"), TRUE, &content);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_name (box, "problem-answer");
  gtk_widget_add_css_class (box, "kiosk-article");
  self->answer_box = GTK_BOX (box);
  gtk_box_append (content, box);
  gtk_box_append (content, cg_kiosk_label_new (_("Did this solve your problem?"), "kiosk-question"));
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  centred (buttons);
  button = cg_kiosk_action_button_new (_("Yes, This Helped"), TRUE);
  gtk_widget_set_name (button, "problem-helped");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_helped), self);
  gtk_box_append (GTK_BOX (buttons), button);
  button = cg_kiosk_action_button_new (_("No, Report It"), FALSE);
  gtk_widget_set_name (button, "problem-answer-not-helped");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (go_to_contact), self);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (content, buttons);
  gtk_stack_add_named (GTK_STACK (stack), page, "answer");

  /* Step 4: how to reach the customer, if they like. */
  page = new_step (self, _("Report a Problem"), TRUE, &content);
  cg_kiosk_step_set_max_width (page, 1300);
  gtk_box_append (content, cg_kiosk_label_new (_("May we contact you about it?"), "kiosk-question"));
  gtk_box_append (content, cg_kiosk_label_new (_("If you like, enter your phone number and we will call or text you."),
                                               "kiosk-message"));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  entry = cg_kiosk_entry_new (_("Your phone number"));
  gtk_widget_set_name (entry, "problem-phone");
  gtk_entry_set_max_length (GTK_ENTRY (entry), PHONE_MAX);
  gtk_entry_set_alignment (GTK_ENTRY (entry), 0.5);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PHONE);
  self->phone_entry = GTK_EDITABLE (entry);
  gtk_box_append (GTK_BOX (box), entry);
  self->contact_error = GTK_LABEL (cg_kiosk_label_new (NULL, "kiosk-error"));
  gtk_widget_set_name (GTK_WIDGET (self->contact_error), "problem-contact-error");
  gtk_widget_set_visible (GTK_WIDGET (self->contact_error), FALSE);
  gtk_label_set_max_width_chars (self->contact_error, 30);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->contact_error));
  button = cg_kiosk_action_button_new (_("Send Report"), TRUE);
  gtk_widget_set_name (button, "problem-send");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_send_with_phone), self);
  gtk_box_append (GTK_BOX (box), button);
  button = cg_kiosk_action_button_new (_("Send Without My Number"), FALSE);
  gtk_widget_set_name (button, "problem-send-anonymous");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_send_without_phone), self);
  gtk_box_append (GTK_BOX (box), button);
  keypad = cg_kiosk_keypad_new ();
  gtk_widget_set_name (keypad, "problem-keypad");
  cg_kiosk_keypad_attach (CG_KIOSK_KEYPAD (keypad), GTK_EDITABLE (entry));
  cg_kiosk_keypad_set_max_length (CG_KIOSK_KEYPAD (keypad), PHONE_MAX);
  gtk_box_append (content, cg_kiosk_keypad_layout_new (box, keypad));
  gtk_stack_add_named (GTK_STACK (stack), page, "contact");

  /* End: the reference number. */
  page = new_step (self, _("Thank You"), FALSE, &content);
  gtk_box_append (content, cg_kiosk_label_new (_("We have received your report."), "kiosk-question"));
  gtk_box_append (content, cg_kiosk_label_new (_("Your reference number"), "kiosk-message"));
  self->number_label = GTK_LABEL (cg_kiosk_label_new (NULL, "kiosk-reference-number"));
  gtk_widget_set_name (GTK_WIDGET (self->number_label), "problem-number");
  gtk_box_append (content, GTK_WIDGET (self->number_label));
  gtk_box_append (content, cg_kiosk_label_new (_("Please note this number. "
                                                 "You can ask about it at the counter at any time."),
                                               "kiosk-message"));
  self->reference_contact = GTK_LABEL (cg_kiosk_label_new (_("We will contact you at the number you gave us."),
                                                           "kiosk-message"));
  gtk_box_append (content, GTK_WIDGET (self->reference_contact));
  button = centred (cg_kiosk_action_button_new (_("Finish"), TRUE));
  gtk_widget_set_name (button, "problem-finish");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (finish), self);
  gtk_box_append (content, button);
  gtk_stack_add_named (GTK_STACK (stack), page, "reference");

  /* End: an answer helped. */
  page = new_step (self, _("Thank You"), FALSE, &content);
  gtk_box_append (content, cg_kiosk_label_new (_("We are glad it helped!"), "kiosk-question"));
  gtk_box_append (content, cg_kiosk_label_new (_("If you need anything else, we are happy to help "
                                                 "at the counter."), "kiosk-message"));
  button = centred (cg_kiosk_action_button_new (_("Finish"), TRUE));
  gtk_widget_set_name (button, "problem-thanks-finish");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (finish), self);
  gtk_box_append (content, button);
  gtk_stack_add_named (GTK_STACK (stack), page, "thanks");

  gtk_stack_set_visible_child_name (GTK_STACK (stack), "category");
  adw_bin_set_child (ADW_BIN (self), stack);
}

static void
cg_kiosk_problem_flow_dispose (GObject *object)
{
  CgKioskProblemFlow *self = CG_KIOSK_PROBLEM_FLOW (object);

  cg_kiosk_steps_clear (&self->steps);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cg_kiosk_problem_flow_parent_class)->dispose (object);
}

static void
cg_kiosk_problem_flow_finalize (GObject *object)
{
  CgKioskProblemFlow *self = CG_KIOSK_PROBLEM_FLOW (object);

  g_free (self->language);
  g_free (self->category);
  g_free (self->category_label);
  g_ptr_array_unref (self->offered);
  g_free (self->article_id);
  g_free (self->number);
  G_OBJECT_CLASS (cg_kiosk_problem_flow_parent_class)->finalize (object);
}

static void
cg_kiosk_problem_flow_class_init (CgKioskProblemFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cg_kiosk_problem_flow_dispose;
  object_class->finalize = cg_kiosk_problem_flow_finalize;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "cg-kiosk-flow");

  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cg_kiosk_problem_flow_init (CgKioskProblemFlow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "kiosk-flow");
  self->offered = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->offered, NULL);
}

GtkWidget *
cg_kiosk_problem_flow_new (CgStore *store)
{
  CgKioskProblemFlow *self;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  self = g_object_new (CG_TYPE_KIOSK_PROBLEM_FLOW, NULL);
  self->store = g_object_ref (store);
  self->language = g_strdup (cg_kiosk_get_language ());
  build (self);
  return GTK_WIDGET (self);
}

const char *
cg_kiosk_problem_flow_get_number (CgKioskProblemFlow *self)
{
  g_return_val_if_fail (CG_IS_KIOSK_PROBLEM_FLOW (self), NULL);
  return self->number;
}
