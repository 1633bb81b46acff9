/* cg-return-dialog.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Taking items back: per line of the order, how many come back (up to what
 * is left after earlier returns), and why. Confirming records the return
 * and opens a linked case (cg_order_return), emits ::returned with the
 * case's id and closes; an error shows inline and keeps the dialog.
 */
#pragma once

#include <adwaita.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_RETURN_DIALOG (cg_return_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CgReturnDialog, cg_return_dialog, CG, RETURN_DIALOG, AdwWindow)

CgReturnDialog *cg_return_dialog_new            (CgStore        *store,
                                                 const char     *order_id,
                                                 const char     *actor,
                                                 GError        **error);
/* Sets the quantity to return of @sku (clamped to what may be returned). */
void        cg_return_dialog_set_quantity       (CgReturnDialog *self,
                                                 const char     *sku,
                                                 gint64          qty);
void        cg_return_dialog_set_reason         (CgReturnDialog *self,
                                                 const char     *reason);
/* What the Return button does. TRUE when the return was recorded. */
gboolean    cg_return_dialog_confirm            (CgReturnDialog *self);
/* The case the return opened, after a successful confirm. */
const char *cg_return_dialog_get_case_id        (CgReturnDialog *self);
const char *cg_return_dialog_get_error_text     (CgReturnDialog *self);

G_END_DECLS
