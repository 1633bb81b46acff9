/* cg-kiosk-feedback-flow.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One touch per question: touching a rating answers and moves on, so there
 * is no selected-but-not-confirmed state to explain. Nothing is written
 * until Send, so Back can change any answer.
 */
#define G_LOG_DOMAIN "cg-kiosk-feedback"

#include "config.h"

#include <glib/gi18n.h>

#include "changgu-core.h"
#include "cg-kiosk.h"
#include "cg-kiosk-flow-util.h"
#include "cg-kiosk-feedback-flow.h"

#define COMMENT_MAX 1000

struct _CgKioskFeedbackFlow
{
  AdwBin        parent_instance;

  CgStore      *store;
  CgKioskSteps  steps;
  int           csat;     /* 1–5 */
  int           nps;      /* 0–10, -1 skipped */

  GtkEditable  *comment_entry;
  GtkLabel     *send_error;
};

G_DEFINE_FINAL_TYPE (CgKioskFeedbackFlow, cg_kiosk_feedback_flow, ADW_TYPE_BIN)

enum { SIGNAL_DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
finish (CgKioskFeedbackFlow *self)
{
  g_signal_emit (self, signals[SIGNAL_DONE], 0);
}

static void
on_back (CgKioskFeedbackFlow *self)
{
  if (!cg_kiosk_steps_back (&self->steps))
    finish (self);
}

static void
on_csat_clicked (GtkButton           *button,
                 CgKioskFeedbackFlow *self)
{
  self->csat = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "cg-value"));
  cg_kiosk_steps_go (&self->steps, "nps");
}

static void
on_nps_clicked (GtkButton           *button,
                CgKioskFeedbackFlow *self)
{
  self->nps = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "cg-value"));
  gtk_widget_set_visible (GTK_WIDGET (self->send_error), FALSE);
  cg_kiosk_steps_go (&self->steps, "comment");
}

static void
on_nps_skipped (CgKioskFeedbackFlow *self)
{
  self->nps = -1;
  gtk_widget_set_visible (GTK_WIDGET (self->send_error), FALSE);
  cg_kiosk_steps_go (&self->steps, "comment");
}

static void
on_send (CgKioskFeedbackFlow *self)
{
  g_autofree char *comment = g_strstrip (g_strdup (gtk_editable_get_text (self->comment_entry)));
  g_autoptr(GError) error = NULL;

  if (!cg_kiosk_rate_visit (self->store, self->csat, self->nps,
                            *comment != '\0' ? comment : NULL, &error))
    {
      g_warning ("Could not save feedback: %s", error->message);
      gtk_label_set_label (self->send_error,
                           _("Sorry, your feedback could not be saved. Please try again."));
      gtk_widget_set_visible (GTK_WIDGET (self->send_error), TRUE);
      return;
    }
  gtk_editable_set_text (self->comment_entry, "");
  cg_kiosk_steps_finish (&self->steps, "thanks");
}

static GtkWidget *
new_step (CgKioskFeedbackFlow  *self,
          const char           *title,
          gboolean              back,
          GtkBox              **content)
{
  CgKioskStepHeader *header;
  GtkWidget *page = cg_kiosk_step_new (title, &header, content);

  cg_kiosk_step_header_set_back_visible (header, back);
  g_signal_connect_swapped (header, "back", G_CALLBACK (on_back), self);
  g_signal_connect_swapped (header, "home", G_CALLBACK (finish), self);
  return page;
}

static GtkWidget *
rating_button (int         value,
               const char *words,
               const char *name_prefix)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  g_autofree char *digits = g_strdup_printf ("%d", value);
  g_autofree char *name = g_strdup_printf ("%s-%d", name_prefix, value);
  GtkWidget *number = gtk_label_new (digits);

  gtk_widget_add_css_class (number, "kiosk-rating-number");
  gtk_box_append (GTK_BOX (box), number);
  if (words != NULL)
    {
      GtkWidget *label = gtk_label_new (words);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (label, "kiosk-rating-words");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_name (button, name);
  gtk_widget_add_css_class (button, "kiosk-button");
  gtk_widget_add_css_class (button, "kiosk-rating");
  gtk_widget_set_hexpand (button, TRUE);
  if (words != NULL)
    {
      g_autofree char *tooltip = g_strdup_printf ("%d · %s", value, words);
      gtk_widget_set_tooltip_text (button, tooltip);
    }
  else
    gtk_widget_set_tooltip_text (button, digits);
  g_object_set_data (G_OBJECT (button), "cg-value", GINT_TO_POINTER (value));
  g_object_set_data_full (G_OBJECT (button), "cg-kiosk-text",
                          g_strdup (words != NULL ? words : digits), g_free);
  return button;
}

static void
build (CgKioskFeedbackFlow *self)
{
  GtkWidget *stack = gtk_stack_new ();
  const char *csat_words[] = {
    /* Translators: satisfaction ratings 1 to 5 on the kiosk. */
    C_("rating", "Very Poor"), C_("rating", "Poor"), C_("rating", "Okay"),
    C_("rating", "Good"), C_("rating", "Excellent"),
  };
  GtkBox *content;
  GtkWidget *page, *grid, *button, *entry, *ends, *label;

  gtk_stack_set_transition_type (GTK_STACK (stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  cg_kiosk_steps_init (&self->steps, GTK_STACK (stack));

  /* Step 1: satisfaction. */
  page = new_step (self, _("Rate Your Visit"), TRUE, &content);
  gtk_box_append (content, cg_kiosk_label_new (_("How was your visit today?"), "kiosk-question"));
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 16);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 16);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_widget_set_name (grid, "feedback-csat");
  for (int i = 1; i <= 5; i++)
    {
      button = rating_button (i, csat_words[i - 1], "csat");
      gtk_widget_add_css_class (button, "kiosk-csat");
      g_signal_connect (button, "clicked", G_CALLBACK (on_csat_clicked), self);
      gtk_grid_attach (GTK_GRID (grid), button, i - 1, 0, 1, 1);
    }
  gtk_box_append (content, grid);
  gtk_stack_add_named (GTK_STACK (stack), page, "csat");

  /* Step 2: recommendation. */
  page = new_step (self, _("Rate Your Visit"), TRUE, &content);
  gtk_box_append (content, cg_kiosk_label_new (_("How likely are you to recommend us to a friend?"),
                                               "kiosk-question"));
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 16);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_widget_set_name (grid, "feedback-nps");
  for (int i = 0; i <= 10; i++)
    {
      button = rating_button (i, NULL, "nps");
      gtk_widget_add_css_class (button, "kiosk-nps");
      g_signal_connect (button, "clicked", G_CALLBACK (on_nps_clicked), self);
      gtk_grid_attach (GTK_GRID (grid), button, i, 0, 1, 1);
    }
  ends = gtk_center_box_new ();
  /* Translators: under 0 on the kiosk's 0–10 "recommend us" scale. */
  label = cg_kiosk_label_new (_("0 = Not at all likely"), "kiosk-scale-end");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_center_box_set_start_widget (GTK_CENTER_BOX (ends), label);
  /* Translators: under 10 on the kiosk's 0–10 "recommend us" scale. */
  label = cg_kiosk_label_new (_("10 = Extremely likely"), "kiosk-scale-end");
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_center_box_set_end_widget (GTK_CENTER_BOX (ends), label);
  gtk_grid_attach (GTK_GRID (grid), ends, 0, 1, 11, 1);
  gtk_box_append (content, grid);
  button = cg_kiosk_action_button_new (_("Skip This Question"), FALSE);
  gtk_widget_set_name (button, "feedback-nps-skip");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_nps_skipped), self);
  gtk_box_append (content, button);
  gtk_stack_add_named (GTK_STACK (stack), page, "nps");

  /* Step 3: a comment, if the customer likes. */
  page = new_step (self, _("Rate Your Visit"), TRUE, &content);
  gtk_box_append (content, cg_kiosk_label_new (_("Anything else you would like to tell us?"),
                                               "kiosk-question"));
  gtk_box_append (content, cg_kiosk_label_new (_("This is optional. Please do not include personal details."),
                                               "kiosk-message"));
  entry = cg_kiosk_entry_new (_("Your comment"));
  gtk_widget_set_name (entry, "feedback-comment");
  gtk_entry_set_max_length (GTK_ENTRY (entry), COMMENT_MAX);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Type your comment here"));
  self->comment_entry = GTK_EDITABLE (entry);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (on_send), self);
  gtk_box_append (content, entry);
  self->send_error = GTK_LABEL (cg_kiosk_label_new (NULL, "kiosk-error"));
  gtk_widget_set_visible (GTK_WIDGET (self->send_error), FALSE);
  gtk_box_append (content, GTK_WIDGET (self->send_error));
  button = cg_kiosk_action_button_new (_("Send"), TRUE);
  gtk_widget_set_name (button, "feedback-send");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_send), self);
  gtk_box_append (content, button);
  gtk_stack_add_named (GTK_STACK (stack), page, "comment");

  /* End. */
  page = new_step (self, _("Thank You"), FALSE, &content);
  gtk_box_append (content, cg_kiosk_label_new (_("Thank you for your feedback!"), "kiosk-question"));
  gtk_box_append (content, cg_kiosk_label_new (_("It helps us serve you better. Have a nice day."),
                                               "kiosk-message"));
  button = cg_kiosk_action_button_new (_("Finish"), TRUE);
  gtk_widget_set_name (button, "feedback-finish");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (finish), self);
  gtk_box_append (content, button);
  gtk_stack_add_named (GTK_STACK (stack), page, "thanks");

  gtk_stack_set_visible_child_name (GTK_STACK (stack), "csat");
  adw_bin_set_child (ADW_BIN (self), stack);
}

static void
cg_kiosk_feedback_flow_dispose (GObject *object)
{
  CgKioskFeedbackFlow *self = CG_KIOSK_FEEDBACK_FLOW (object);

  cg_kiosk_steps_clear (&self->steps);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cg_kiosk_feedback_flow_parent_class)->dispose (object);
}

static void
cg_kiosk_feedback_flow_class_init (CgKioskFeedbackFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cg_kiosk_feedback_flow_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "cg-kiosk-flow");

  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cg_kiosk_feedback_flow_init (CgKioskFeedbackFlow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "kiosk-flow");
  self->nps = -1;
}

GtkWidget *
cg_kiosk_feedback_flow_new (CgStore *store)
{
  CgKioskFeedbackFlow *self;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  self = g_object_new (CG_TYPE_KIOSK_FEEDBACK_FLOW, NULL);
  self->store = g_object_ref (store);
  build (self);
  return GTK_WIDGET (self);
}
