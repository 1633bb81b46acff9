/* cg-handover-dialog.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-handover-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-handover-dialog.h"

struct _CgHandoverDialog
{
  AdwWindow       parent_instance;

  CgStore        *store;
  char           *order_id;
  char           *actor;
  char           *error_text;

  AdwWindowTitle *window_title;
  GtkButton      *confirm_button;
  GtkLabel       *intro_label;
  GtkCheckButton *phone_check;
  GtkCheckButton *code_check;
  GtkCheckButton *id_check;
  AdwActionRow   *phone_row;
  AdwEntryRow    *value_row;
  GtkLabel       *error_label;
};

enum {
  SIGNAL_HANDED_OVER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CgHandoverDialog, cg_handover_dialog, ADW_TYPE_WINDOW)

static void
show_error (CgHandoverDialog *self,
            const char       *text)
{
  g_free (self->error_text);
  self->error_text = g_strdup (text);
  gtk_label_set_text (self->error_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
  if (text != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->value_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->value_row), "error");
}

/* What the value row asks for depends on the method. */
static void
update_value_row (CgHandoverDialog *self)
{
  const char *method = cg_handover_dialog_get_method (self);
  GtkInputPurpose purpose = GTK_INPUT_PURPOSE_FREE_FORM;
  const char *title;

  if (g_strcmp0 (method, "phone_last4") == 0)
    {
      title = _("Last 4 digits of the phone number");
      purpose = GTK_INPUT_PURPOSE_DIGITS;
    }
  else if (g_strcmp0 (method, "code") == 0)
    {
      title = _("Pickup code (6 digits)");
      purpose = GTK_INPUT_PURPOSE_DIGITS;
    }
  else
    title = _("Kind of document (optional)");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->value_row), title);
  adw_entry_row_set_input_purpose (self->value_row, purpose);
  show_error (self, NULL);
}

static void
on_method_toggled (CgHandoverDialog *self,
                   GtkCheckButton   *check)
{
  if (!gtk_check_button_get_active (check))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->value_row), "");
  update_value_row (self);
}

static void
on_value_changed (CgHandoverDialog *self)
{
  /* The message was about the old value. */
  if (self->error_text != NULL)
    show_error (self, NULL);
}

static void
on_confirm_clicked (CgHandoverDialog *self)
{
  cg_handover_dialog_confirm (self);
}

static void
cg_handover_dialog_finalize (GObject *object)
{
  CgHandoverDialog *self = CG_HANDOVER_DIALOG (object);

  g_clear_object (&self->store);
  g_free (self->order_id);
  g_free (self->actor);
  g_free (self->error_text);
  G_OBJECT_CLASS (cg_handover_dialog_parent_class)->finalize (object);
}

static void
cg_handover_dialog_class_init (CgHandoverDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cg_handover_dialog_finalize;

  /* The order was handed over; the dialog closes after this. */
  signals[SIGNAL_HANDED_OVER] =
    g_signal_new ("handed-over", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-handover-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CgHandoverDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CgHandoverDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, CgHandoverDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, CgHandoverDialog, phone_check);
  gtk_widget_class_bind_template_child (widget_class, CgHandoverDialog, code_check);
  gtk_widget_class_bind_template_child (widget_class, CgHandoverDialog, id_check);
  gtk_widget_class_bind_template_child (widget_class, CgHandoverDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CgHandoverDialog, value_row);
  gtk_widget_class_bind_template_child (widget_class, CgHandoverDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_method_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cg_handover_dialog_init (CgHandoverDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CgHandoverDialog *
cg_handover_dialog_new (CgStore     *store,
                        const char  *order_id,
                        const char  *actor,
                        GError     **error)
{
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(JsonObject) customer = NULL;
  CgHandoverDialog *self;
  const char *customer_id, *name = NULL;
  JsonArray *phones = NULL;
  g_autofree char *intro = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  g_return_val_if_fail (order_id != NULL, NULL);

  order = cg_store_get (store, order_id, FALSE, error);
  if (order == NULL)
    return NULL;
  customer_id = cg_json_get_string (order, "customer_id");
  if (customer_id != NULL)
    customer = cg_store_get (store, customer_id, FALSE, NULL);
  if (customer != NULL)
    {
      name = cg_json_get_string (customer, "name");
      phones = cg_json_get_array (customer, "phones");
    }

  self = g_object_new (CG_TYPE_HANDOVER_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->order_id = g_strdup (order_id);
  self->actor = g_strdup (actor);

  /* Translators: the dialog's subtitle, "Order W24001234". */
  subtitle = g_strdup_printf (_("Order %s"), cg_json_get_string (order, "number"));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  if (name != NULL)
    /* Translators: %s is the customer's name. */
    intro = g_strdup_printf (_("Make sure the person collecting is %s, or is sent by them."), name);
  else
    intro = g_strdup (_("This order has no customer on record: check the pickup code or an ID document."));
  gtk_label_set_text (self->intro_label, intro);

  /* Phone digits are the quickest; without a phone, the code. */
  if (phones != NULL && json_array_get_length (phones) > 0)
    gtk_check_button_set_active (self->phone_check, TRUE);
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->phone_row), FALSE);
      gtk_check_button_set_active (self->code_check, TRUE);
    }
  update_value_row (self);
  return self;
}

void
cg_handover_dialog_set_method (CgHandoverDialog *self,
                               const char       *method)
{
  g_return_if_fail (CG_IS_HANDOVER_DIALOG (self));

  if (g_strcmp0 (method, "phone_last4") == 0)
    gtk_check_button_set_active (self->phone_check, TRUE);
  else if (g_strcmp0 (method, "code") == 0)
    gtk_check_button_set_active (self->code_check, TRUE);
  else if (g_strcmp0 (method, "id_document") == 0)
    gtk_check_button_set_active (self->id_check, TRUE);
  else
    g_return_if_reached ();
}

const char *
cg_handover_dialog_get_method (CgHandoverDialog *self)
{
  g_return_val_if_fail (CG_IS_HANDOVER_DIALOG (self), NULL);

  if (gtk_check_button_get_active (self->phone_check))
    return "phone_last4";
  if (gtk_check_button_get_active (self->code_check))
    return "code";
  return "id_document";
}

void
cg_handover_dialog_set_value (CgHandoverDialog *self,
                              const char       *value)
{
  g_return_if_fail (CG_IS_HANDOVER_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->value_row), value ? value : "");
}

gboolean
cg_handover_dialog_confirm (CgHandoverDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *value;

  g_return_val_if_fail (CG_IS_HANDOVER_DIALOG (self), FALSE);

  value = gtk_editable_get_text (GTK_EDITABLE (self->value_row));
  if (!cg_order_hand_over (self->store, self->order_id, cg_handover_dialog_get_method (self),
                           value, self->actor, &error))
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->value_row));
      return FALSE;
    }
  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNAL_HANDED_OVER], 0);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

const char *
cg_handover_dialog_get_error_text (CgHandoverDialog *self)
{
  g_return_val_if_fail (CG_IS_HANDOVER_DIALOG (self), NULL);
  return self->error_text;
}
