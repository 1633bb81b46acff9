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

/* Like cg_customer_update(), and records @actor (a staff id) and this
 * device as the author of the change (cg_device_stamp_change). */
gboolean    cg_customer_update_as          (CgStore           *store,
                                            const char        *id,
                                            JsonObject        *changes,
                                            const char        *actor,
                                            GError           **error);

#define CG_CUSTOMER_ERROR (cg_customer_error_quark ())
GQuark cg_customer_error_quark (void);

typedef enum {
  CG_CUSTOMER_ERROR_CANNOT_MERGE,   /* itself, an already merged one, a chain */
  CG_CUSTOMER_ERROR_NOT_MERGED,     /* unmerge of a customer that is not merged */
} CgCustomerError;

/* Merging duplicates. The duplicate gets "merged_into": @survivor_id and
 * drops out of search (its hits lead to the survivor, see cg-search.c); the
 * survivor gains the duplicate's phones and e-mails it lacked, and remembers
 * the merge in "merged_from": [{ "id", "phones", "emails" (what was added),
 * "phones_after", "emails_after" (its lists right after the merge) }], which
 * is what lets its timeline include the duplicate's history with one indexed
 * query (cg_timeline_load) and lets an undo take exactly the added values
 * back. Refused (CG_CUSTOMER_ERROR_CANNOT_MERGE): a customer into itself,
 * into or from a customer that is itself merged, or a customer that others
 * were merged into (no chains: every merged customer points straight at
 * its survivor). Both documents are written in one batch. */
gboolean    cg_customer_merge              (CgStore           *store,
                                            const char        *survivor_id,
                                            const char        *duplicate_id,
                                            const char        *actor,
                                            GError           **error);
/* Undoes cg_customer_merge(): the duplicate is a customer of its own again,
 * and the phones and e-mails the merge added to the survivor are removed,
 * unless the survivor's list was edited since (then it is left alone). */
gboolean    cg_customer_unmerge            (CgStore           *store,
                                            const char        *duplicate_id,
                                            const char        *actor,
                                            GError           **error);
/* The customer to show for @id: its survivor when it was merged (and the
 * survivor is on this device), else @id itself (transfer full). */
char       *cg_customer_dup_survivor       (CgStore           *store,
                                            const char        *id);
/* The ids of the customers merged into @id (from "merged_from"), or NULL
 * (transfer full). */
GStrv       cg_customer_dup_merged_ids     (JsonObject        *doc);

/* The oldest of the customer's (and merged duplicates') orders that is
 * ready for pickup, or NULL (transfer full). One indexed query. */
char       *cg_customer_dup_ready_order    (CgStore           *store,
                                            const char        *customer_id);
/* What a queue ticket may show of @name (DATA-MODEL.md: first name or
 * initials only): "Emily" of "Emily Carter", "민준" of "김민준" or
 * "김 민준" (a Korean family name is the first syllable). (transfer full) */
char       *cg_customer_given_name         (const char        *name);

G_END_DECLS
