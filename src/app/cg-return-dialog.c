/* cg-return-dialog.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-return-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-format.h"
#include "cg-order-format.h"
#include "cg-return-dialog.h"

typedef struct {
  char          *sku;
  GtkSpinButton *spin;
} Line;

struct _CgReturnDialog
{
  AdwWindow       parent_instance;

  CgStore        *store;
  char           *order_id;
  char           *actor;
  char           *case_id;
  char           *error_text;
  GArray         *lines;          /* Line */

  AdwWindowTitle *window_title;
  GtkButton      *confirm_button;
  GtkListBox     *lines_list;
  AdwEntryRow    *reason_row;
  GtkLabel       *error_label;
};

enum {
  SIGNAL_RETURNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CgReturnDialog, cg_return_dialog, ADW_TYPE_WINDOW)

static void
line_clear (Line *line)
{
  g_free (line->sku);
}

static void
show_error (CgReturnDialog *self,
            const char     *text)
{
  g_free (self->error_text);
  self->error_text = g_strdup (text);
  gtk_label_set_text (self->error_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static void
on_input_changed (CgReturnDialog *self)
{
  if (self->error_text != NULL)
    show_error (self, NULL);
}

static void
on_confirm_clicked (CgReturnDialog *self)
{
  cg_return_dialog_confirm (self);
}

static void
cg_return_dialog_finalize (GObject *object)
{
  CgReturnDialog *self = CG_RETURN_DIALOG (object);

  g_clear_object (&self->store);
  g_free (self->order_id);
  g_free (self->actor);
  g_free (self->case_id);
  g_free (self->error_text);
  g_clear_pointer (&self->lines, g_array_unref);
  G_OBJECT_CLASS (cg_return_dialog_parent_class)->finalize (object);
}

static void
cg_return_dialog_class_init (CgReturnDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cg_return_dialog_finalize;

  /* The return was recorded; the argument is the new case's id. */
  signals[SIGNAL_RETURNED] =
    g_signal_new ("returned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-return-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CgReturnDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CgReturnDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, CgReturnDialog, lines_list);
  gtk_widget_class_bind_template_child (widget_class, CgReturnDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, CgReturnDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cg_return_dialog_init (CgReturnDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_array_set_clear_func (self->lines, (GDestroyNotify) line_clear);
}

static GtkWidget *
new_line_row (CgReturnDialog *self,
              JsonObject     *order,
              JsonObject     *item,
              const char     *currency)
{
  const char *sku = cg_json_get_string (item, "sku");
  const char *name = cg_json_get_string (item, "name");
  gint64 qty = 0, price = 0, left = cg_order_returnable (order, sku);
  g_autofree char *price_text = NULL;
  g_autofree char *returned = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, (double) MAX (left, 0), 1);
  Line line = { g_strdup (sku), GTK_SPIN_BUTTON (spin) };

  cg_json_get_int (item, "qty", &qty);
  cg_json_get_int (item, "unit_price", &price);
  price_text = cg_order_format_quantity_price (qty, price, currency);
  returned = cg_order_format_returned (qty - left, qty);
  subtitle = returned ? g_strdup_printf ("%s · %s", price_text, returned) : g_strdup (price_text);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name ? name : sku);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_name (row, sku);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_sensitive (spin, left > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: the spin button's name for screen readers. */
                                  _("Quantity to return"), -1);
  gtk_widget_set_tooltip_text (spin, _("Quantity to return"));
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_input_changed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);

  g_array_append_val (self->lines, line);
  return row;
}

CgReturnDialog *
cg_return_dialog_new (CgStore     *store,
                      const char  *order_id,
                      const char  *actor,
                      GError     **error)
{
  g_autoptr(JsonObject) order = NULL;
  g_autofree char *subtitle = NULL;
  CgReturnDialog *self;
  JsonArray *items;
  const char *currency;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  g_return_val_if_fail (order_id != NULL, NULL);

  order = cg_store_get (store, order_id, FALSE, error);
  if (order == NULL)
    return NULL;

  self = g_object_new (CG_TYPE_RETURN_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->order_id = g_strdup (order_id);
  self->actor = g_strdup (actor);

  subtitle = g_strdup_printf (_("Order %s"), cg_json_get_string (order, "number"));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  currency = cg_json_get_string (order, "currency");
  items = cg_json_get_array (order, "items");
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (item != NULL && cg_json_get_string (item, "sku") != NULL)
        gtk_list_box_append (self->lines_list, new_line_row (self, order, item, currency));
    }
  return self;
}

void
cg_return_dialog_set_quantity (CgReturnDialog *self,
                               const char     *sku,
                               gint64          qty)
{
  g_return_if_fail (CG_IS_RETURN_DIALOG (self));

  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = &g_array_index (self->lines, Line, i);
      if (g_strcmp0 (line->sku, sku) == 0)
        gtk_spin_button_set_value (line->spin, (double) qty);
    }
}

void
cg_return_dialog_set_reason (CgReturnDialog *self,
                             const char     *reason)
{
  g_return_if_fail (CG_IS_RETURN_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), reason ? reason : "");
}

gboolean
cg_return_dialog_confirm (CgReturnDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (CgReturnLine));
  g_autofree char *reason = NULL;
  g_autofree char *case_id = NULL;

  g_return_val_if_fail (CG_IS_RETURN_DIALOG (self), FALSE);

  for (guint i = 0; i < self->lines->len; i++)
    {
      Line *line = &g_array_index (self->lines, Line, i);
      CgReturnLine wanted = { line->sku, gtk_spin_button_get_value_as_int (line->spin) };

      if (wanted.qty > 0)
        g_array_append_val (lines, wanted);
    }
  if (lines->len == 0)
    {
      show_error (self, _("Choose how many of an item the customer returns."));
      return FALSE;
    }
  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
  if (*reason == '\0')
    {
      show_error (self, _("Write why the customer returns the items."));
      gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
      return FALSE;
    }

  if (!cg_order_return (self->store, self->order_id, (const CgReturnLine *) lines->data,
                        lines->len, reason, self->actor, &case_id, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  show_error (self, NULL);
  g_free (self->case_id);
  self->case_id = g_steal_pointer (&case_id);
  g_signal_emit (self, signals[SIGNAL_RETURNED], 0, self->case_id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

const char *
cg_return_dialog_get_case_id (CgReturnDialog *self)
{
  g_return_val_if_fail (CG_IS_RETURN_DIALOG (self), NULL);
  return self->case_id;
}

const char *
cg_return_dialog_get_error_text (CgReturnDialog *self)
{
  g_return_val_if_fail (CG_IS_RETURN_DIALOG (self), NULL);
  return self->error_text;
}
