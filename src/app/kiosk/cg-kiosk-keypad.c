/* cg-kiosk-keypad.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keys never take the focus (focus-on-click off): the attached entry
 * keeps it, so a customer with a physical keyboard can type there too,
 * and the caret stays where the keypad types (at the end).
 */
#define G_LOG_DOMAIN "cg-kiosk-keypad"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cg-kiosk-keypad.h"

struct _CgKioskKeypad
{
  GtkWidget    parent_instance;

  GtkStack    *stack;      /* "digits", "letters" */
  GtkWidget   *letters_key;
  GtkWidget   *letters_page;
  GHashTable  *keys;       /* key name → GtkButton (owned by the grids) */
  GWeakRef     editable;
  guint        max_length;
  gboolean     masked;
};

G_DEFINE_FINAL_TYPE (CgKioskKeypad, cg_kiosk_keypad, GTK_TYPE_WIDGET)

static void
type_text (CgKioskKeypad *self,
           const char    *key)
{
  g_autoptr(GtkEditable) editable = g_weak_ref_get (&self->editable);
  g_autofree char *text = NULL;
  const char *old;

  if (editable == NULL)
    return;
  old = gtk_editable_get_text (editable);
  if (g_str_equal (key, "delete"))
    {
      glong n = g_utf8_strlen (old, -1);

      if (n == 0)
        return;
      text = g_utf8_substring (old, 0, n - 1);
    }
  else if (g_str_equal (key, "clear"))
    text = g_strdup ("");
  else
    {
      if (self->max_length > 0 && g_utf8_strlen (old, -1) >= self->max_length)
        {
          gtk_widget_error_bell (GTK_WIDGET (self));
          return;
        }
      text = g_strconcat (old, key, NULL);
    }
  gtk_editable_set_text (editable, text);
  gtk_editable_set_position (editable, -1);
}

static void
on_key_clicked (GtkButton     *button,
                CgKioskKeypad *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "cg-key");

  if (g_str_equal (key, "letters"))
    gtk_stack_set_visible_child_name (self->stack, "letters");
  else if (g_str_equal (key, "digits"))
    gtk_stack_set_visible_child_name (self->stack, "digits");
  else
    type_text (self, key);
}

static GtkWidget *
add_key (CgKioskKeypad *self,
         GtkGrid       *grid,
         const char    *key,
         const char    *label,
         const char    *tooltip,
         int            column,
         int            row,
         int            width)
{
  GtkWidget *button = gtk_button_new_with_label (label);
  g_autofree char *name = g_strconcat ("key-", key, NULL);

  gtk_widget_set_name (button, name);
  gtk_widget_add_css_class (button, "kiosk-key");
  /* Keys with words (Clear, Delete, ABC) take a smaller font than digits. */
  if (strlen (key) > 1)
    gtk_widget_add_css_class (button, "kiosk-key-word");
  else if (g_ascii_isalpha (*key))
    gtk_widget_add_css_class (button, "kiosk-letter-key");
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_set_hexpand (button, TRUE);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data_full (G_OBJECT (button), "cg-key", g_strdup (key), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_key_clicked), self);
  gtk_grid_attach (grid, button, column, row, width, 1);
  /* The hash table does not own: a key lives as long as its grid. */
  g_hash_table_insert (self->keys, g_strdup (key), button);
  return button;
}

static GtkGrid *
new_grid (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (grid, GTK_ALIGN_START);
  return GTK_GRID (grid);
}

static void
cg_kiosk_keypad_dispose (GObject *object)
{
  CgKioskKeypad *self = CG_KIOSK_KEYPAD (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_weak_ref_set (&self->editable, NULL);
  G_OBJECT_CLASS (cg_kiosk_keypad_parent_class)->dispose (object);
}

static void
cg_kiosk_keypad_finalize (GObject *object)
{
  CgKioskKeypad *self = CG_KIOSK_KEYPAD (object);

  g_weak_ref_clear (&self->editable);
  g_hash_table_unref (self->keys);
  G_OBJECT_CLASS (cg_kiosk_keypad_parent_class)->finalize (object);
}

static void
cg_kiosk_keypad_class_init (CgKioskKeypadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_kiosk_keypad_dispose;
  object_class->finalize = cg_kiosk_keypad_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cg-kiosk-keypad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cg_kiosk_keypad_init (CgKioskKeypad *self)
{
  GtkGrid *digits = new_grid ();
  GtkGrid *letters = new_grid ();
  GtkWidget *button;
  char key[2] = { 0, 0 };

  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_weak_ref_init (&self->editable, NULL);

  for (int i = 0; i < 9; i++)
    {
      key[0] = (char) ('1' + i);
      add_key (self, digits, key, key, NULL, i % 3, i / 3, 1);
    }
  /* Translators: a key on the kiosk's keypad that empties the field. */
  add_key (self, digits, "clear", C_("keypad", "Clear"), _("Clear everything typed"), 0, 3, 1);
  add_key (self, digits, "0", "0", NULL, 1, 3, 1);
  /* Translators: a key on the kiosk's keypad that removes the last character. */
  add_key (self, digits, "delete", C_("keypad", "Delete"), _("Delete the last character"), 2, 3, 1);
  /* Translators: the keypad key that shows the letters A–Z. */
  self->letters_key = add_key (self, digits, "letters", C_("keypad", "ABC"), _("Show letters"), 0, 4, 3);
  gtk_widget_set_visible (self->letters_key, FALSE);

  /* Seven letters a row: A–Z, then 123 and Delete end the fourth row. */
  for (int i = 0; i < 26; i++)
    {
      key[0] = (char) ('A' + i);
      add_key (self, letters, key, key, NULL, i % 7, i / 7, 1);
    }
  /* Translators: the keypad key that shows the digits again. */
  button = add_key (self, letters, "digits", C_("keypad", "123"), _("Show digits"), 5, 3, 1);
  /* Letter-key width on the letters page, or its homogeneous columns
   * would all take the width of a digit key. */
  gtk_widget_add_css_class (button, "kiosk-letter-key");
  /* The letters page has its own Delete; the table keeps the digits one. */
  {
    GtkWidget *delete = gtk_button_new_with_label (C_("keypad", "Delete"));

    gtk_widget_set_name (delete, "key-letters-delete");
    gtk_widget_add_css_class (delete, "kiosk-key");
    gtk_widget_add_css_class (delete, "kiosk-key-word");
    gtk_widget_add_css_class (delete, "kiosk-letter-key");
    gtk_widget_set_focus_on_click (delete, FALSE);
    gtk_widget_set_tooltip_text (delete, _("Delete the last character"));
    g_object_set_data_full (G_OBJECT (delete), "cg-key", g_strdup ("delete"), g_free);
    g_signal_connect (delete, "clicked", G_CALLBACK (on_key_clicked), self);
    gtk_grid_attach (letters, delete, 6, 3, 1, 1);
  }

  /* Homogeneous, so that switching between digits and letters never
   * moves what is around the keypad; the letters page is hidden (and
   * takes no room) until letters are asked for. */
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_hhomogeneous (self->stack, TRUE);
  gtk_stack_set_vhomogeneous (self->stack, TRUE);
  gtk_stack_add_named (self->stack, GTK_WIDGET (digits), "digits");
  gtk_stack_add_named (self->stack, GTK_WIDGET (letters), "letters");
  self->letters_page = GTK_WIDGET (letters);
  gtk_widget_set_visible (self->letters_page, FALSE);
  gtk_widget_set_halign (GTK_WIDGET (digits), GTK_ALIGN_FILL);
  gtk_widget_set_halign (GTK_WIDGET (letters), GTK_ALIGN_FILL);
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
cg_kiosk_keypad_new (void)
{
  return g_object_new (CG_TYPE_KIOSK_KEYPAD, NULL);
}

void
cg_kiosk_keypad_attach (CgKioskKeypad *self,
                        GtkEditable   *editable)
{
  g_return_if_fail (CG_IS_KIOSK_KEYPAD (self));
  g_return_if_fail (editable == NULL || GTK_IS_EDITABLE (editable));

  g_weak_ref_set (&self->editable, editable);
  if (editable != NULL && self->masked && GTK_IS_ENTRY (editable))
    gtk_entry_set_visibility (GTK_ENTRY (editable), FALSE);
}

GtkEditable *
cg_kiosk_keypad_get_editable (CgKioskKeypad *self)
{
  g_autoptr(GtkEditable) editable = NULL;

  g_return_val_if_fail (CG_IS_KIOSK_KEYPAD (self), NULL);
  editable = g_weak_ref_get (&self->editable);
  /* transfer none: the caller attached it and keeps it alive. */
  return editable;
}

void
cg_kiosk_keypad_set_letters (CgKioskKeypad *self,
                             gboolean       letters)
{
  g_return_if_fail (CG_IS_KIOSK_KEYPAD (self));

  gtk_widget_set_visible (self->letters_key, letters);
  if (!letters)
    gtk_stack_set_visible_child_name (self->stack, "digits");
  gtk_widget_set_visible (self->letters_page, letters);
}

void
cg_kiosk_keypad_set_max_length (CgKioskKeypad *self,
                                guint          max_length)
{
  g_return_if_fail (CG_IS_KIOSK_KEYPAD (self));
  self->max_length = max_length;
}

void
cg_kiosk_keypad_set_masked (CgKioskKeypad *self,
                            gboolean       masked)
{
  g_autoptr(GtkEditable) editable = NULL;

  g_return_if_fail (CG_IS_KIOSK_KEYPAD (self));
  self->masked = masked;
  editable = g_weak_ref_get (&self->editable);
  if (editable != NULL && GTK_IS_ENTRY (editable))
    gtk_entry_set_visibility (GTK_ENTRY (editable), !masked);
}

GtkWidget *
cg_kiosk_keypad_get_key (CgKioskKeypad *self,
                         const char    *key)
{
  g_return_val_if_fail (CG_IS_KIOSK_KEYPAD (self), NULL);
  return g_hash_table_lookup (self->keys, key);
}

void
cg_kiosk_keypad_press (CgKioskKeypad *self,
                       const char    *keys)
{
  g_return_if_fail (CG_IS_KIOSK_KEYPAD (self));

  for (const char *p = keys; *p != '\0'; p++)
    {
      char key[2] = { g_ascii_toupper (*p), 0 };
      gboolean letter = g_ascii_isalpha (*p);
      const char *page = gtk_stack_get_visible_child_name (self->stack);
      GtkWidget *button;

      if (letter && g_str_equal (page, "digits"))
        g_signal_emit_by_name (cg_kiosk_keypad_get_key (self, "letters"), "clicked");
      else if (!letter && g_str_equal (page, "letters"))
        g_signal_emit_by_name (cg_kiosk_keypad_get_key (self, "digits"), "clicked");
      button = cg_kiosk_keypad_get_key (self, key);
      g_return_if_fail (button != NULL);
      g_signal_emit_by_name (button, "clicked");
    }
}
