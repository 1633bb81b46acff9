/* cg-kiosk-pickup-flow.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pick up an order: the order number and the last 4 digits of the
 * customer's phone → the order's status in words (never more) → if ready,
 * a check-in for pickup and its ticket number. Emits "done" when the
 * customer leaves it.
 */
#pragma once

#include <adwaita.h>

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_TYPE_KIOSK_PICKUP_FLOW (cg_kiosk_pickup_flow_get_type ())
G_DECLARE_FINAL_TYPE (CgKioskPickupFlow, cg_kiosk_pickup_flow, CG, KIOSK_PICKUP_FLOW, AdwBin)

GtkWidget *cg_kiosk_pickup_flow_new (CgStore *store);

G_END_DECLS
