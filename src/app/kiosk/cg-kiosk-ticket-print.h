/* cg-kiosk-ticket-print.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A queue ticket on the kiosk's thermal printer: an 80 mm roll, one
 * 120 mm slip with the store, the number (as large as it fits), the
 * reason, the time and what to do next, in the visit's language.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The slip's size: 80 mm wide (the usual receipt roll), 120 mm long,
 * 4 mm margins. */
#define CG_KIOSK_TICKET_WIDTH_MM  80.0
#define CG_KIOSK_TICKET_HEIGHT_MM 120.0
#define CG_KIOSK_TICKET_MARGIN_MM 4.0

/* The page set-up for the slip (transfer full). */
GtkPageSetup *cg_kiosk_ticket_page_setup (void);

/* Prints @ticket ("K1-042") without a dialog: to the default printer, or,
 * with @export_pdf_path, into that PDF file instead (tests, and a kiosk
 * without a printer). @reason_label is already translated ("Help", …),
 * nullable; @at is when the ticket was taken (NULL: now). Blocks until
 * the job is handed over. */
gboolean cg_kiosk_print_ticket (GtkWindow   *parent,
                                const char  *ticket,
                                const char  *store_name,
                                const char  *reason_label,
                                GDateTime   *at,
                                const char  *export_pdf_path,
                                GError     **error);

G_END_DECLS
