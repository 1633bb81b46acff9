/* cg-kiosk-feedback-flow.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rate your visit: satisfaction 1–5 → likelihood to recommend 0–10
 * (skippable) → an optional comment → thank you. Emits "done" when the
 * customer leaves it.
 */
#pragma once

#include <adwaita.h>

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_TYPE_KIOSK_FEEDBACK_FLOW (cg_kiosk_feedback_flow_get_type ())
G_DECLARE_FINAL_TYPE (CgKioskFeedbackFlow, cg_kiosk_feedback_flow, CG, KIOSK_FEEDBACK_FLOW, AdwBin)

GtkWidget *cg_kiosk_feedback_flow_new (CgStore *store);

G_END_DECLS
