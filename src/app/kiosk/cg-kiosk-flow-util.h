/* cg-kiosk-flow-util.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the kiosk's customer flows share: a step page (header, then
 * scrollable content of a readable width), the step history behind Back,
 * and the big buttons and labels in the kiosk's classes (kiosk-flows.css).
 */
#pragma once

#include <gtk/gtk.h>

#include "cg-types.h"
#include "cg-kiosk-step-header.h"

G_BEGIN_DECLS

/* A step: a CgKioskStepHeader with @title over a scrolled, centred
 * column; *@content receives the column to fill, *@header the header.
 * (transfer floating) */
GtkWidget  *cg_kiosk_step_new            (const char         *title,
                                          CgKioskStepHeader **header,
                                          GtkBox            **content);

/* A wider column for @step (made by cg_kiosk_step_new()): steps with a
 * keypad beside the entry in landscape. */
void        cg_kiosk_step_set_max_width  (GtkWidget          *step,
                                          int                 max_width);
/* @column (the entry and its buttons) and @keypad, side by side when the
 * width allows, else one above the other. (transfer floating) */
GtkWidget  *cg_kiosk_keypad_layout_new   (GtkWidget          *column,
                                          GtkWidget          *keypad);

/* The steps a customer went through, so that Back returns to the one
 * before. */
typedef struct {
  GtkStack  *stack;
  GPtrArray *history;    /* names of earlier steps (element-type utf8) */
} CgKioskSteps;

void        cg_kiosk_steps_init          (CgKioskSteps       *steps,
                                          GtkStack           *stack);
void        cg_kiosk_steps_clear         (CgKioskSteps       *steps);
/* Shows @name, remembering the current step for Back. */
void        cg_kiosk_steps_go            (CgKioskSteps       *steps,
                                          const char         *name);
/* Shows @name and forgets the way there: an end screen, after which going
 * back would repeat what was done. */
void        cg_kiosk_steps_finish        (CgKioskSteps       *steps,
                                          const char         *name);
/* Shows the step before; FALSE at the first step (the flow then ends). */
gboolean    cg_kiosk_steps_back          (CgKioskSteps       *steps);
const char *cg_kiosk_steps_current       (CgKioskSteps       *steps);

/* A large choice: @label (wrapping) with an optional smaller @description
 * and icon. (transfer floating) */
GtkWidget  *cg_kiosk_choice_button_new   (const char         *label,
                                          const char         *description,
                                          const char         *icon_name);
/* A large action button ("Next", "Finish"); @suggested: the accent
 * colour. (transfer floating) */
GtkWidget  *cg_kiosk_action_button_new   (const char         *label,
                                          gboolean            suggested);
/* A wrapping, centred label in @css_class ("kiosk-question",
 * "kiosk-message", "kiosk-ticket-number", …). (transfer floating) */
GtkWidget  *cg_kiosk_label_new           (const char         *text,
                                          const char         *css_class);
/* A large entry for what the customer types. (transfer floating) */
GtkWidget  *cg_kiosk_entry_new           (const char         *accessible_label);
/* The words of a button made by the functions above (its first label),
 * or its plain label. For tests and accessible names. (transfer none) */
const char *cg_kiosk_button_get_text     (GtkWidget          *button);

/* A row of big buttons that wraps onto more lines on a narrow screen.
 * (transfer floating) */
GtkWidget  *cg_kiosk_button_grid_new     (guint               max_per_line);
void        cg_kiosk_button_grid_append  (GtkWidget          *grid,
                                          GtkWidget          *button);

/* Fills @box (emptied first) with the article's title and body in the
 * kiosk's large text. FALSE (and a short apology in @box) when it cannot
 * be read. */
gboolean    cg_kiosk_show_article        (GtkBox             *box,
                                          CgStore            *store,
                                          const char         *article_id);
/* Removes every child of @box. */
void        cg_kiosk_box_clear           (GtkBox             *box);

G_END_DECLS
