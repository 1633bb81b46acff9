/* cg-customer.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_TYPE_CUSTOMER_SUMMARY (cg_customer_summary_get_type ())
G_DECLARE_FINAL_TYPE (CgCustomerSummary, cg_customer_summary, CG, CUSTOMER_SUMMARY, GObject)

/* What a list row shows of a customer, read from the projection. */
const char *cg_customer_summary_get_id     (CgCustomerSummary *self);
const char *cg_customer_summary_get_name   (CgCustomerSummary *self);
/* The first phone, formatted for reading (010-1234-5678), or "". */
const char *cg_customer_summary_get_phone  (CgCustomerSummary *self);
const char *cg_customer_summary_get_email  (CgCustomerSummary *self);
const char *cg_customer_summary_get_tier   (CgCustomerSummary *self);

/* Loads the rows with these projection rowids, in the given order; rows
 * that no longer exist are skipped. (transfer full) (element-type CgCustomerSummary) */
GPtrArray  *cg_customer_summaries_load     (CgStore           *store,
                                            const gint64      *rowids,
                                            guint              n_rowids);

/* Creates a customer. @phone and @email are what a person typed (either may
 * be NULL); the phone is stored in E.164 with the typed form in phone_raw.
 * Returns the new id (transfer full). */
char       *cg_customer_create             (CgStore           *store,
                                            const char        *name,
                                            const char        *phone,
                                            const char        *email,
                                            const char        *language,
                                            GError           **error);
/* Read-modify-write: sets each member of @changes on the current revision
 * (unknown fields are kept) and bumps updated_at. */
gboolean    cg_customer_update             (CgStore           *store,
                                            const char        *id,
                                            JsonObject        *changes,
                                            GError           **error);

G_END_DECLS
