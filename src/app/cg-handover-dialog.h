/* cg-handover-dialog.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Handing an order over: staff choose how they verify the person (last 4
 * phone digits, an ID document, the pickup code), enter what the customer
 * gives, and confirm. A value that does not match shows inline and keeps
 * the dialog open; a match hands the order over (cg_order_hand_over),
 * emits ::handed-over and closes.
 */
#pragma once

#include <adwaita.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_HANDOVER_DIALOG (cg_handover_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CgHandoverDialog, cg_handover_dialog, CG, HANDOVER_DIALOG, AdwWindow)

/* NULL with @error set when the order cannot be read. @actor is the staff id. */
CgHandoverDialog *cg_handover_dialog_new       (CgStore          *store,
                                                const char       *order_id,
                                                const char       *actor,
                                                GError          **error);
/* "phone_last4", "id_document" or "code". */
void        cg_handover_dialog_set_method      (CgHandoverDialog *self,
                                                const char       *method);
const char *cg_handover_dialog_get_method      (CgHandoverDialog *self);
void        cg_handover_dialog_set_value       (CgHandoverDialog *self,
                                                const char       *value);
/* What the Hand Over button does. TRUE when the order was handed over. */
gboolean    cg_handover_dialog_confirm         (CgHandoverDialog *self);
/* The inline error shown, or NULL. */
const char *cg_handover_dialog_get_error_text  (CgHandoverDialog *self);

G_END_DECLS
