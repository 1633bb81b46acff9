/* cg-kiosk-step-header.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The top of every kiosk step: a big Back button on the left, the step's
 * title, and "Start over" on the right. Signals "back" and "home" (no
 * arguments); the flow decides what they mean.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CG_TYPE_KIOSK_STEP_HEADER (cg_kiosk_step_header_get_type ())
G_DECLARE_FINAL_TYPE (CgKioskStepHeader, cg_kiosk_step_header, CG, KIOSK_STEP_HEADER, GtkWidget)

GtkWidget  *cg_kiosk_step_header_new             (const char        *title);
void        cg_kiosk_step_header_set_title       (CgKioskStepHeader *self,
                                                  const char        *title);
const char *cg_kiosk_step_header_get_title       (CgKioskStepHeader *self);
/* An end screen has nothing to go back to: Back is hidden (its place is
 * kept, so the title does not move). */
void        cg_kiosk_step_header_set_back_visible (CgKioskStepHeader *self,
                                                   gboolean           visible);
/* (transfer none) For tests. */
GtkWidget  *cg_kiosk_step_header_get_back_button (CgKioskStepHeader *self);
GtkWidget  *cg_kiosk_step_header_get_home_button (CgKioskStepHeader *self);

G_END_DECLS
