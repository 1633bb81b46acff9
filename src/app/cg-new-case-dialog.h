/* cg-new-case-dialog.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens a case: subject, description, and category and priority with a
 * suggestion learned on this device from the store's resolved cases
 * (cg-case-suggest.h), updated as the agent types; the agent accepts it
 * or picks another. Escape or Cancel closes without a case.
 */
#pragma once

#include <adwaita.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_NEW_CASE_DIALOG (cg_new_case_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CgNewCaseDialog, cg_new_case_dialog, CG, NEW_CASE_DIALOG, AdwWindow)

/* @customer_id and @order_id may be NULL. Emits "case-created" (const
 * char *case_id) and closes once the case is written. */
GtkWidget  *cg_new_case_dialog_new          (GtkWindow       *parent,
                                             CgStore         *store,
                                             CgSession       *session,
                                             const char      *customer_id,
                                             const char      *order_id);
/* The category id and priority selected now (static). */
const char *cg_new_case_dialog_get_category (CgNewCaseDialog *self);
const char *cg_new_case_dialog_get_priority (CgNewCaseDialog *self);
/* Whether the suggestion model is loaded (it trains on a worker). */
gboolean    cg_new_case_dialog_is_ready     (CgNewCaseDialog *self);

G_END_DECLS
