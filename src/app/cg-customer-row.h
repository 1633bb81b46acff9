/* cg-customer-row.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "changgu-core.h"

G_BEGIN_DECLS

#define CG_TYPE_CUSTOMER_ROW (cg_customer_row_get_type ())
G_DECLARE_FINAL_TYPE (CgCustomerRow, cg_customer_row, CG, CUSTOMER_ROW, GtkWidget)

GtkWidget         *cg_customer_row_new          (void);
CgCustomerSummary *cg_customer_row_get_summary  (CgCustomerRow     *self);
void               cg_customer_row_set_summary  (CgCustomerRow     *self,
                                                 CgCustomerSummary *summary);
/* The name as shown (tests). */
const char        *cg_customer_row_get_name_text (CgCustomerRow    *self);

G_END_DECLS
