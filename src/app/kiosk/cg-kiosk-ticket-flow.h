/* cg-kiosk-ticket-flow.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Take a ticket: the reason for the visit → the ticket number, shown large
 * and printable. Emits "done" when the customer leaves it.
 */
#pragma once

#include <adwaita.h>

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_TYPE_KIOSK_TICKET_FLOW (cg_kiosk_ticket_flow_get_type ())
G_DECLARE_FINAL_TYPE (CgKioskTicketFlow, cg_kiosk_ticket_flow, CG, KIOSK_TICKET_FLOW, AdwBin)

GtkWidget  *cg_kiosk_ticket_flow_new              (CgStore           *store);
/* The ticket taken, or NULL before. */
const char *cg_kiosk_ticket_flow_get_ticket       (CgKioskTicketFlow *self);
/* For tests: Print exports to this PDF instead of asking the printer. */
void        cg_kiosk_ticket_flow_set_print_export (CgKioskTicketFlow *self,
                                                   const char        *pdf_path);

G_END_DECLS
