/* cg-kiosk-ticket-flow.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket is taken the moment a reason is chosen: one touch, nothing to
 * confirm. The number screen is an end screen (Back would take a second
 * ticket), so it offers Finish and Start over only.
 */
#define G_LOG_DOMAIN "cg-kiosk-ticket"

#include "config.h"

#include <glib/gi18n.h>

#include "changgu-core.h"
#include "cg-kiosk.h"
#include "cg-kiosk-flow-util.h"
#include "cg-kiosk-language.h"
#include "cg-kiosk-ticket-flow.h"
#include "cg-kiosk-ticket-print.h"

struct _CgKioskTicketFlow
{
  AdwBin        parent_instance;

  CgStore      *store;
  CgKioskSteps  steps;
  char         *ticket;
  char         *reason_label;   /* translated, for the printed slip */
  GDateTime    *taken_at;
  char         *print_export;

  GtkLabel     *reason_error;
  GtkLabel     *number_label;
  GtkLabel     *print_label;
  GtkWidget    *print_button;
};

G_DEFINE_FINAL_TYPE (CgKioskTicketFlow, cg_kiosk_ticket_flow, ADW_TYPE_BIN)

enum { SIGNAL_DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
finish (CgKioskTicketFlow *self)
{
  g_signal_emit (self, signals[SIGNAL_DONE], 0);
}

static void
on_back (CgKioskTicketFlow *self)
{
  if (!cg_kiosk_steps_back (&self->steps))
    finish (self);
}

static void
on_reason_clicked (GtkButton         *button,
                   CgKioskTicketFlow *self)
{
  const char *reason = g_object_get_data (G_OBJECT (button), "cg-reason");
  g_autoptr(GError) error = NULL;
  g_autofree char *checkin = NULL;
  g_autofree char *ticket = NULL;

  checkin = cg_kiosk_take_ticket (self->store, reason, &ticket, &error);
  if (checkin == NULL)
    {
      g_warning ("Could not take a ticket: %s", error->message);
      gtk_label_set_label (self->reason_error,
                           _("Sorry, we could not give you a ticket. Please ask at the counter."));
      gtk_widget_set_visible (GTK_WIDGET (self->reason_error), TRUE);
      return;
    }
  g_free (self->ticket);
  self->ticket = g_steal_pointer (&ticket);
  g_free (self->reason_label);
  self->reason_label = g_strdup (cg_kiosk_button_get_text (GTK_WIDGET (button)));
  g_clear_pointer (&self->taken_at, g_date_time_unref);
  self->taken_at = g_date_time_new_now_local ();
  gtk_label_set_label (self->number_label, self->ticket);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_error), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->print_label), FALSE);
  gtk_widget_set_sensitive (self->print_button, TRUE);
  cg_kiosk_steps_finish (&self->steps, "ticket");
}

static void
on_print_clicked (GtkButton         *button,
                  CgKioskTicketFlow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgKioskSettings) settings = cg_kiosk_settings_load (self->store);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *store_name = g_str_equal (cg_kiosk_get_language (), "ko")
                           ? settings->store_name_ko : settings->store_name_en;

  if (store_name == NULL)
    store_name = settings->store_name_ko != NULL ? settings->store_name_ko : settings->store_name_en;
  if (cg_kiosk_print_ticket (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                             self->ticket, store_name, self->reason_label, self->taken_at,
                             self->print_export, &error))
    {
      gtk_label_set_label (self->print_label, _("Your ticket is printing. Please take it."));
      /* One paper ticket per number. */
      gtk_widget_set_sensitive (self->print_button, FALSE);
    }
  else
    {
      g_message ("Could not print ticket %s: %s", self->ticket, error->message);
      gtk_label_set_label (self->print_label,
                           _("Sorry, the printer is not working right now. "
                             "Please remember your number or take a photo of the screen."));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->print_label), TRUE);
}

static GtkWidget *
reason_button (CgKioskTicketFlow *self,
               const char        *reason,
               const char        *label,
               const char        *description,
               const char        *icon)
{
  GtkWidget *button = cg_kiosk_choice_button_new (label, description, icon);
  g_autofree char *name = g_strconcat ("reason-", reason, NULL);

  gtk_widget_set_name (button, name);
  g_object_set_data (G_OBJECT (button), "cg-reason", (gpointer) reason);
  g_signal_connect (button, "clicked", G_CALLBACK (on_reason_clicked), self);
  return button;
}

static void
build (CgKioskTicketFlow *self)
{
  GtkWidget *stack = gtk_stack_new ();
  CgKioskStepHeader *header;
  GtkBox *content;
  GtkWidget *page, *grid, *button, *buttons;

  gtk_stack_set_transition_type (GTK_STACK (stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  cg_kiosk_steps_init (&self->steps, GTK_STACK (stack));

  /* Step 1: why the customer came. */
  page = cg_kiosk_step_new (_("Take a Ticket"), &header, &content);
  g_signal_connect_swapped (header, "back", G_CALLBACK (on_back), self);
  g_signal_connect_swapped (header, "home", G_CALLBACK (finish), self);
  gtk_box_append (content, cg_kiosk_label_new (_("What can we help you with today?"), "kiosk-question"));
  grid = cg_kiosk_button_grid_new (2);
  /* Translators: the reasons for a visit a customer chooses at the kiosk
   * before taking a ticket; also printed on the ticket. */
  cg_kiosk_button_grid_append (grid, reason_button (self, "help", C_("ticket reason", "Help"),
                                                    _("Questions, advice or a problem"),
                                                    "dialog-question-symbolic"));
  cg_kiosk_button_grid_append (grid, reason_button (self, "pickup", C_("ticket reason", "Pick Up an Order"),
                                                    _("Collect something you ordered"),
                                                    "package-x-generic-symbolic"));
  cg_kiosk_button_grid_append (grid, reason_button (self, "return", C_("ticket reason", "Return"),
                                                    _("Return or exchange an item"),
                                                    "edit-undo-symbolic"));
  cg_kiosk_button_grid_append (grid, reason_button (self, "other", C_("ticket reason", "Something Else"),
                                                    _("Anything else"),
                                                    "view-more-horizontal-symbolic"));
  gtk_box_append (content, grid);
  self->reason_error = GTK_LABEL (cg_kiosk_label_new (NULL, "kiosk-error"));
  gtk_widget_set_visible (GTK_WIDGET (self->reason_error), FALSE);
  gtk_box_append (content, GTK_WIDGET (self->reason_error));
  gtk_stack_add_named (GTK_STACK (stack), page, "reason");

  /* Step 2 (end): the number. */
  page = cg_kiosk_step_new (_("Your Ticket"), &header, &content);
  cg_kiosk_step_header_set_back_visible (header, FALSE);
  g_signal_connect_swapped (header, "back", G_CALLBACK (on_back), self);
  g_signal_connect_swapped (header, "home", G_CALLBACK (finish), self);
  gtk_box_append (content, cg_kiosk_label_new (_("Your number is"), "kiosk-message"));
  self->number_label = GTK_LABEL (cg_kiosk_label_new (NULL, "kiosk-ticket-number"));
  gtk_widget_set_name (GTK_WIDGET (self->number_label), "ticket-number");
  gtk_label_set_selectable (self->number_label, FALSE);
  gtk_box_append (content, GTK_WIDGET (self->number_label));
  gtk_box_append (content, cg_kiosk_label_new (_("Please wait, we will call your number."), "kiosk-question"));
  gtk_box_append (content, cg_kiosk_label_new (_("Watch the screen above the counter."), "kiosk-message"));
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  self->print_button = cg_kiosk_action_button_new (_("Print Ticket"), FALSE);
  gtk_widget_set_name (self->print_button, "ticket-print");
  g_signal_connect (self->print_button, "clicked", G_CALLBACK (on_print_clicked), self);
  gtk_box_append (GTK_BOX (buttons), self->print_button);
  button = cg_kiosk_action_button_new (_("Finish"), TRUE);
  gtk_widget_set_name (button, "ticket-finish");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (finish), self);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (content, buttons);
  self->print_label = GTK_LABEL (cg_kiosk_label_new (NULL, "kiosk-message"));
  gtk_widget_set_name (GTK_WIDGET (self->print_label), "ticket-print-status");
  gtk_widget_set_visible (GTK_WIDGET (self->print_label), FALSE);
  gtk_box_append (content, GTK_WIDGET (self->print_label));
  gtk_stack_add_named (GTK_STACK (stack), page, "ticket");

  gtk_stack_set_visible_child_name (GTK_STACK (stack), "reason");
  adw_bin_set_child (ADW_BIN (self), stack);
}

static void
cg_kiosk_ticket_flow_dispose (GObject *object)
{
  CgKioskTicketFlow *self = CG_KIOSK_TICKET_FLOW (object);

  cg_kiosk_steps_clear (&self->steps);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cg_kiosk_ticket_flow_parent_class)->dispose (object);
}

static void
cg_kiosk_ticket_flow_finalize (GObject *object)
{
  CgKioskTicketFlow *self = CG_KIOSK_TICKET_FLOW (object);

  g_free (self->ticket);
  g_free (self->reason_label);
  g_clear_pointer (&self->taken_at, g_date_time_unref);
  g_free (self->print_export);
  G_OBJECT_CLASS (cg_kiosk_ticket_flow_parent_class)->finalize (object);
}

static void
cg_kiosk_ticket_flow_class_init (CgKioskTicketFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cg_kiosk_ticket_flow_dispose;
  object_class->finalize = cg_kiosk_ticket_flow_finalize;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "cg-kiosk-flow");

  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cg_kiosk_ticket_flow_init (CgKioskTicketFlow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "kiosk-flow");
}

GtkWidget *
cg_kiosk_ticket_flow_new (CgStore *store)
{
  CgKioskTicketFlow *self;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  self = g_object_new (CG_TYPE_KIOSK_TICKET_FLOW, NULL);
  self->store = g_object_ref (store);
  build (self);
  return GTK_WIDGET (self);
}

const char *
cg_kiosk_ticket_flow_get_ticket (CgKioskTicketFlow *self)
{
  g_return_val_if_fail (CG_IS_KIOSK_TICKET_FLOW (self), NULL);
  return self->ticket;
}

void
cg_kiosk_ticket_flow_set_print_export (CgKioskTicketFlow *self,
                                       const char        *pdf_path)
{
  g_return_if_fail (CG_IS_KIOSK_TICKET_FLOW (self));
  g_free (self->print_export);
  self->print_export = g_strdup (pdf_path);
}
