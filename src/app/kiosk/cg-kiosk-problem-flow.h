/* cg-kiosk-problem-flow.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Report a problem: a category → a short description (quick phrases or
 * typed) → "Does this help?" with up to three FAQ answers (helped: a
 * thank-you; whether it helped is recorded) → optional contact phone → a
 * new case and its reference number. Emits "done" when the customer
 * leaves it.
 */
#pragma once

#include <adwaita.h>

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_TYPE_KIOSK_PROBLEM_FLOW (cg_kiosk_problem_flow_get_type ())
G_DECLARE_FINAL_TYPE (CgKioskProblemFlow, cg_kiosk_problem_flow, CG, KIOSK_PROBLEM_FLOW, AdwBin)

GtkWidget  *cg_kiosk_problem_flow_new        (CgStore            *store);
/* The reference number once the report is sent, else NULL. */
const char *cg_kiosk_problem_flow_get_number (CgKioskProblemFlow *self);

G_END_DECLS
