/* cg-kiosk-pickup-flow.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Privacy: the kiosk says only what cg_kiosk_pickup_check() says, the
 * status, and says the same words for "no such order" and "wrong digits"
 * (the core already answers UNKNOWN for both), so that nobody can find out
 * which order numbers exist. The typed numbers stay in the two entries
 * (for Back) and go with the flow when the visit ends.
 */
#define G_LOG_DOMAIN "cg-kiosk-pickup"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "changgu-core.h"
#include "cg-kiosk.h"
#include "cg-kiosk-flow-util.h"
#include "cg-kiosk-keypad.h"
#include "cg-kiosk-pickup-flow.h"

struct _CgKioskPickupFlow
{
  AdwBin             parent_instance;

  CgStore           *store;
  CgKioskSteps       steps;

  GtkEditable       *number_entry;
  GtkWidget         *number_next;
  GtkEditable       *digits_entry;
  GtkWidget         *digits_next;
  GtkLabel          *digits_error;
  CgKioskStepHeader *status_header;
  GtkLabel          *status_title;
  GtkLabel          *status_message;
  GtkWidget         *status_icon;
  GtkWidget         *check_in_button;
  GtkLabel          *ticket_label;
};

G_DEFINE_FINAL_TYPE (CgKioskPickupFlow, cg_kiosk_pickup_flow, ADW_TYPE_BIN)

enum { SIGNAL_DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

#define ORDER_NUMBER_MAX 20

static void
finish (CgKioskPickupFlow *self)
{
  g_signal_emit (self, signals[SIGNAL_DONE], 0);
}

static void
on_back (CgKioskPickupFlow *self)
{
  if (!cg_kiosk_steps_back (&self->steps))
    finish (self);
}

static gboolean
is_last4 (const char *text)
{
  if (strlen (text) != 4)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* What the customer typed, as printed: no spaces or dashes, upper case. */
static char *
order_number_from_entry (CgKioskPickupFlow *self)
{
  const char *text = gtk_editable_get_text (self->number_entry);
  GString *number = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (number, g_ascii_toupper (*p));
  return g_string_free (number, FALSE);
}

static void
on_number_changed (CgKioskPickupFlow *self)
{
  g_autofree char *number = order_number_from_entry (self);

  gtk_widget_set_sensitive (self->number_next, *number != '\0');
}

static void
on_digits_changed (CgKioskPickupFlow *self)
{
  gtk_widget_set_sensitive (self->digits_next, is_last4 (gtk_editable_get_text (self->digits_entry)));
  gtk_widget_set_visible (GTK_WIDGET (self->digits_error), FALSE);
}

static void
on_number_next (CgKioskPickupFlow *self)
{
  g_autofree char *number = order_number_from_entry (self);

  if (*number == '\0')
    return;
  cg_kiosk_steps_go (&self->steps, "digits");
  gtk_widget_grab_focus (GTK_WIDGET (self->digits_entry));
}

static void
show_status (CgKioskPickupFlow *self,
             const char        *icon,
             const char        *title,
             const char        *message,
             gboolean           ready)
{
  gtk_image_set_from_icon_name (GTK_IMAGE (self->status_icon), icon);
  gtk_label_set_label (self->status_title, title);
  gtk_label_set_label (self->status_message, message);
  gtk_widget_set_visible (self->check_in_button, ready);
  cg_kiosk_steps_go (&self->steps, "status");
}

static void
show_rate_limited (CgKioskPickupFlow *self,
                   gint64             retry_after_s)
{
  guint minutes = (guint) MAX (1, (retry_after_s + 59) / 60);
  g_autofree char *message =
    g_strdup_printf (g_dngettext (NULL,
                                  "Too many attempts. Please try again in %u minute or ask at the counter.",
                                  "Too many attempts. Please try again in %u minutes or ask at the counter.",
                                  minutes),
                     minutes);

  show_status (self, "dialog-warning-symbolic", _("Please Wait a Moment"), message, FALSE);
}

static void
on_digits_next (CgKioskPickupFlow *self)
{
  g_autofree char *number = order_number_from_entry (self);
  const char *last4 = gtk_editable_get_text (self->digits_entry);
  CgKioskPickupStatus status = CG_KIOSK_PICKUP_UNKNOWN;
  gint64 retry_after = 0;
  g_autoptr(GError) error = NULL;

  if (!is_last4 (last4))
    return;
  if (!cg_kiosk_pickup_check (self->store, number, last4, &status, &retry_after, &error))
    {
      if (g_error_matches (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_RATE_LIMITED))
        show_rate_limited (self, retry_after);
      else
        {
          g_message ("Pickup check failed: %s", error->message);
          gtk_label_set_label (self->digits_error,
                               _("Sorry, something went wrong. Please try again or ask at the counter."));
          gtk_widget_set_visible (GTK_WIDGET (self->digits_error), TRUE);
        }
      return;
    }

  switch (status)
    {
    case CG_KIOSK_PICKUP_READY:
      show_status (self, "emblem-ok-symbolic", _("Your Order Is Ready"),
                   _("Check in now and we will call your number when it is your turn."), TRUE);
      break;
    case CG_KIOSK_PICKUP_NOT_READY:
      show_status (self, "document-open-recent-symbolic", _("Your Order Is Not Ready Yet"),
                   _("We will send you a text message when it is ready. "
                     "Please come back then, or ask at the counter."), FALSE);
      break;
    case CG_KIOSK_PICKUP_COLLECTED:
      show_status (self, "emblem-ok-symbolic", _("This Order Has Already Been Picked Up"),
                   _("If you have a question about it, please ask at the counter."), FALSE);
      break;
    case CG_KIOSK_PICKUP_CANCELLED:
      show_status (self, "dialog-information-symbolic", _("This Order Was Cancelled or Returned"),
                   _("If you have a question about it, please ask at the counter."), FALSE);
      break;
    case CG_KIOSK_PICKUP_UNKNOWN:
    default:
      show_status (self, "dialog-question-symbolic", C_("kiosk", "Order Not Found"),
                   _("We could not find an order with that number and phone digits. "
                     "Please check the numbers or ask at the counter."), FALSE);
      break;
    }
}

static void
on_check_in (CgKioskPickupFlow *self)
{
  g_autofree char *number = order_number_from_entry (self);
  g_autofree char *ticket = NULL;
  g_autofree char *checkin = NULL;
  g_autoptr(GError) error = NULL;

  checkin = cg_kiosk_pickup_check_in (self->store, number,
                                      gtk_editable_get_text (self->digits_entry),
                                      &ticket, &error);
  if (checkin == NULL)
    {
      if (g_error_matches (error, CG_KIOSK_ERROR, CG_KIOSK_ERROR_RATE_LIMITED))
        {
          /* Not from here in practice: the check just passed. */
          show_rate_limited (self, 60);
          return;
        }
      g_message ("Pickup check-in failed: %s", error->message);
      show_status (self, "dialog-warning-symbolic", _("We Could Not Check You In"),
                   _("Sorry, something went wrong. Please ask at the counter."), FALSE);
      return;
    }
  gtk_label_set_label (self->ticket_label, ticket);
  cg_kiosk_steps_finish (&self->steps, "ticket");
}

static GtkWidget *
keypad_step (CgKioskPickupFlow  *self,
             const char         *title,
             const char         *question,
             const char         *hint,
             const char         *entry_label,
             gboolean            letters,
             guint               max_length,
             GtkEditable       **entry_out,
             GtkWidget         **next_out,
             GtkBox            **column_out)
{
  CgKioskStepHeader *header;
  GtkBox *content;
  GtkWidget *page = cg_kiosk_step_new (title, &header, &content);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *entry = cg_kiosk_entry_new (entry_label);
  GtkWidget *keypad = cg_kiosk_keypad_new ();
  GtkWidget *next = cg_kiosk_action_button_new (_("Next"), TRUE);

  /* Wide enough for the entry and the keypad side by side in landscape
   * (the letters page is wider), and no wider: the two stay together. */
  cg_kiosk_step_set_max_width (page, letters ? 1800 : 1300);
  g_signal_connect_swapped (header, "back", G_CALLBACK (on_back), self);
  g_signal_connect_swapped (header, "home", G_CALLBACK (finish), self);
  gtk_box_append (content, cg_kiosk_label_new (question, "kiosk-question"));
  if (hint != NULL)
    gtk_box_append (content, cg_kiosk_label_new (hint, "kiosk-message"));
  gtk_entry_set_max_length (GTK_ENTRY (entry), (int) max_length);
  gtk_entry_set_alignment (GTK_ENTRY (entry), 0.5);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), letters ? GTK_INPUT_PURPOSE_FREE_FORM : GTK_INPUT_PURPOSE_DIGITS);
  gtk_box_append (GTK_BOX (column), entry);
  gtk_box_append (GTK_BOX (column), next);
  cg_kiosk_keypad_attach (CG_KIOSK_KEYPAD (keypad), GTK_EDITABLE (entry));
  cg_kiosk_keypad_set_letters (CG_KIOSK_KEYPAD (keypad), letters);
  cg_kiosk_keypad_set_max_length (CG_KIOSK_KEYPAD (keypad), max_length);
  gtk_widget_set_sensitive (next, FALSE);
  gtk_widget_set_halign (column, GTK_ALIGN_CENTER);
  gtk_box_append (content, cg_kiosk_keypad_layout_new (column, keypad));

  *entry_out = GTK_EDITABLE (entry);
  *next_out = next;
  if (column_out != NULL)
    *column_out = GTK_BOX (column);
  return page;
}

static void
build (CgKioskPickupFlow *self)
{
  GtkWidget *stack = gtk_stack_new ();
  CgKioskStepHeader *header;
  GtkBox *content;
  GtkWidget *page, *button;

  gtk_stack_set_transition_type (GTK_STACK (stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  cg_kiosk_steps_init (&self->steps, GTK_STACK (stack));

  /* Step 1: the order number, letters allowed ("W24000123"). */
  page = keypad_step (self, _("Pick Up an Order"), _("Enter your order number"),
                      _("You will find it in the text message we sent you."),
                      _("Order number"), TRUE, ORDER_NUMBER_MAX,
                      &self->number_entry, &self->number_next, NULL);
  gtk_widget_set_name (GTK_WIDGET (self->number_entry), "pickup-number");
  gtk_widget_set_name (self->number_next, "pickup-number-next");
  g_signal_connect_swapped (self->number_entry, "changed", G_CALLBACK (on_number_changed), self);
  g_signal_connect_swapped (self->number_entry, "activate", G_CALLBACK (on_number_next), self);
  g_signal_connect_swapped (self->number_next, "clicked", G_CALLBACK (on_number_next), self);
  gtk_stack_add_named (GTK_STACK (stack), page, "number");

  /* Step 2: the last 4 digits of the phone. */
  page = keypad_step (self, _("Pick Up an Order"),
                      _("Enter the last 4 digits of your phone number"),
                      _("The phone number you gave with your order."),
                      _("Last 4 digits of your phone number"), FALSE, 4,
                      &self->digits_entry, &self->digits_next, &content);
  gtk_widget_set_name (GTK_WIDGET (self->digits_entry), "pickup-digits");
  gtk_widget_set_name (self->digits_next, "pickup-digits-next");
  self->digits_error = GTK_LABEL (cg_kiosk_label_new (NULL, "kiosk-error"));
  gtk_widget_set_visible (GTK_WIDGET (self->digits_error), FALSE);
  gtk_box_append (content, GTK_WIDGET (self->digits_error));
  g_signal_connect_swapped (self->digits_entry, "changed", G_CALLBACK (on_digits_changed), self);
  g_signal_connect_swapped (self->digits_entry, "activate", G_CALLBACK (on_digits_next), self);
  g_signal_connect_swapped (self->digits_next, "clicked", G_CALLBACK (on_digits_next), self);
  gtk_stack_add_named (GTK_STACK (stack), page, "digits");

  /* Step 3: the status, in words. */
  page = cg_kiosk_step_new (_("Your Order"), &self->status_header, &content);
  g_signal_connect_swapped (self->status_header, "back", G_CALLBACK (on_back), self);
  g_signal_connect_swapped (self->status_header, "home", G_CALLBACK (finish), self);
  self->status_icon = gtk_image_new ();
  gtk_image_set_pixel_size (GTK_IMAGE (self->status_icon), 128);
  gtk_widget_add_css_class (self->status_icon, "kiosk-status-icon");
  gtk_box_append (content, self->status_icon);
  self->status_title = GTK_LABEL (cg_kiosk_label_new (NULL, "kiosk-question"));
  gtk_widget_set_name (GTK_WIDGET (self->status_title), "pickup-status-title");
  gtk_box_append (content, GTK_WIDGET (self->status_title));
  self->status_message = GTK_LABEL (cg_kiosk_label_new (NULL, "kiosk-message"));
  gtk_widget_set_name (GTK_WIDGET (self->status_message), "pickup-status-message");
  gtk_box_append (content, GTK_WIDGET (self->status_message));
  self->check_in_button = cg_kiosk_action_button_new (_("Check In for Pickup"), TRUE);
  gtk_widget_set_name (self->check_in_button, "pickup-check-in");
  gtk_widget_add_css_class (self->check_in_button, "kiosk-primary");
  gtk_widget_set_halign (self->check_in_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->check_in_button, "clicked", G_CALLBACK (on_check_in), self);
  gtk_box_append (content, self->check_in_button);
  button = cg_kiosk_action_button_new (_("Finish"), FALSE);
  gtk_widget_set_name (button, "pickup-status-finish");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (finish), self);
  gtk_box_append (content, button);
  gtk_stack_add_named (GTK_STACK (stack), page, "status");

  /* Step 4 (end): checked in, the ticket number. */
  page = cg_kiosk_step_new (_("You Are Checked In"), &header, &content);
  cg_kiosk_step_header_set_back_visible (header, FALSE);
  g_signal_connect_swapped (header, "back", G_CALLBACK (on_back), self);
  g_signal_connect_swapped (header, "home", G_CALLBACK (finish), self);
  gtk_box_append (content, cg_kiosk_label_new (_("Your number is"), "kiosk-message"));
  self->ticket_label = GTK_LABEL (cg_kiosk_label_new (NULL, "kiosk-ticket-number"));
  gtk_widget_set_name (GTK_WIDGET (self->ticket_label), "pickup-ticket");
  gtk_box_append (content, GTK_WIDGET (self->ticket_label));
  gtk_box_append (content, cg_kiosk_label_new (_("Please wait, we will call your number."), "kiosk-question"));
  gtk_box_append (content, cg_kiosk_label_new (_("Please have your order number ready at the counter."),
                                               "kiosk-message"));
  button = cg_kiosk_action_button_new (_("Finish"), TRUE);
  gtk_widget_set_name (button, "pickup-finish");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (finish), self);
  gtk_box_append (content, button);
  gtk_stack_add_named (GTK_STACK (stack), page, "ticket");

  gtk_stack_set_visible_child_name (GTK_STACK (stack), "number");
  adw_bin_set_child (ADW_BIN (self), stack);
}

static void
cg_kiosk_pickup_flow_dispose (GObject *object)
{
  CgKioskPickupFlow *self = CG_KIOSK_PICKUP_FLOW (object);

  cg_kiosk_steps_clear (&self->steps);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cg_kiosk_pickup_flow_parent_class)->dispose (object);
}

static void
cg_kiosk_pickup_flow_class_init (CgKioskPickupFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cg_kiosk_pickup_flow_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "cg-kiosk-flow");

  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cg_kiosk_pickup_flow_init (CgKioskPickupFlow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "kiosk-flow");
}

GtkWidget *
cg_kiosk_pickup_flow_new (CgStore *store)
{
  CgKioskPickupFlow *self;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  self = g_object_new (CG_TYPE_KIOSK_PICKUP_FLOW, NULL);
  self->store = g_object_ref (store);
  build (self);
  return GTK_WIDGET (self);
}
