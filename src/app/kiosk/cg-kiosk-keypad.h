/* cg-kiosk-keypad.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A large on-screen keypad for the kiosk (GNOME Kiosk has no on-screen
 * keyboard): digits 0–9, Clear and Delete, and optionally a second page of
 * letters A–Z for order numbers that have them. It types into a
 * GtkEditable it is attached to; a physical keyboard still works on the
 * editable itself. Used for order numbers, the last 4 phone digits, a
 * contact phone number and the exit PIN (masked).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CG_TYPE_KIOSK_KEYPAD (cg_kiosk_keypad_get_type ())
G_DECLARE_FINAL_TYPE (CgKioskKeypad, cg_kiosk_keypad, CG, KIOSK_KEYPAD, GtkWidget)

GtkWidget   *cg_kiosk_keypad_new            (void);

/* Types into @editable (nullable: detach). The keypad holds a weak
 * reference only. */
void         cg_kiosk_keypad_attach         (CgKioskKeypad *self,
                                             GtkEditable   *editable);
GtkEditable *cg_kiosk_keypad_get_editable   (CgKioskKeypad *self);

/* Offers an "ABC" key that switches to the letters A–Z (and "123" back).
 * Off by default. */
void         cg_kiosk_keypad_set_letters    (CgKioskKeypad *self,
                                             gboolean       letters);
/* Keys stop typing once the text has @max_length characters (0: no
 * limit). */
void         cg_kiosk_keypad_set_max_length (CgKioskKeypad *self,
                                             guint          max_length);
/* Masked: the attached entry shows dots instead of what was typed (the
 * exit PIN). Only for a GtkEntry or GtkPasswordEntry. */
void         cg_kiosk_keypad_set_masked     (CgKioskKeypad *self,
                                             gboolean       masked);

/* The key that types @key: "0"…"9", "A"…"Z", or "delete", "clear",
 * "letters" (ABC), "digits" (123). For tests and the shell. (transfer none) */
GtkWidget   *cg_kiosk_keypad_get_key        (CgKioskKeypad *self,
                                             const char    *key);
/* Presses the keys of @keys one after the other, as a person would
 * (switching between digits and letters as needed). For tests. */
void         cg_kiosk_keypad_press          (CgKioskKeypad *self,
                                             const char    *keys);

G_END_DECLS
