/* cg-kiosk-faq-flow.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Find an answer: search or choose a topic → the articles → one article,
 * in the visit's language. Emits "done" when the customer leaves it.
 */
#pragma once

#include <adwaita.h>

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_TYPE_KIOSK_FAQ_FLOW (cg_kiosk_faq_flow_get_type ())
G_DECLARE_FINAL_TYPE (CgKioskFaqFlow, cg_kiosk_faq_flow, CG, KIOSK_FAQ_FLOW, AdwBin)

GtkWidget *cg_kiosk_faq_flow_new (CgStore *store);

G_END_DECLS
