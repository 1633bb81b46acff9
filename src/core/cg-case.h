/* cg-case.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cases (DATA-MODEL.md "Case workflow and SLA"): opening one, moving it
 * along its workflow, notes and replies, assignment and priority. Every
 * write keeps the SLA clock (cg-sla.h) right under the store's policies
 * and records who changed what on which device (cg_device_stamp_change).
 *
 * The functions ending in _at take "now" as Unix seconds, so that tests
 * (and tools replaying history) can drive the SLA clock; the others use
 * the current time.
 */
#pragma once

#include "cg-sla.h"
#include "cg-types.h"

G_BEGIN_DECLS

/* What a person fills in to open a case. Strings are borrowed. */
typedef struct {
  const char *customer_id;   /* nullable */
  const char *order_id;      /* nullable */
  const char *channel;       /* counter, kiosk, phone, email, web */
  const char *category;
  const char *subject;
  const char *description;   /* nullable */
  const char *priority;      /* low, normal, high, urgent */
  const char *created_by;    /* staff id, or the kiosk's device id */
} CgCaseDraft;

/* Opens a case with a number made on this device (0421-C1-000123), status
 * "new" and SLA due times from the store's policy for its priority.
 * Returns its id (transfer full). */
char     *cg_case_create      (CgStore            *store,
                               const CgCaseDraft  *draft,
                               GError            **error);
char     *cg_case_create_at   (CgStore            *store,
                               const CgCaseDraft  *draft,
                               gint64              now,
                               GError            **error);
/* cg_case_create_at() with the members of @extra (nullable; copied) added
 * to the document: fields other modules own (the kiosk's contact,
 * language and self_service, cg-kiosk.h). They never replace a member
 * set here, and are validated with the rest. */
char     *cg_case_create_with (CgStore            *store,
                               const CgCaseDraft  *draft,
                               JsonObject         *extra,
                               gint64              now,
                               GError            **error);
/* Moves a case along its workflow (DATA-MODEL.md); a move the workflow does
 * not allow is CG_VALIDATION_ERROR_BAD_TRANSITION. The SLA clock stops in
 * pending_customer and resolved and runs again when the case leaves them.
 * Resolving records @resolution and resolved_at and, in the same
 * transaction, queues a `csat_request` notification for the customer (if
 * they can be reached); reopening counts in reopened_count. */
gboolean  cg_case_set_status  (CgStore            *store,
                               const char         *case_id,
                               const char         *status,
                               const char         *actor,
                               const char         *resolution,
                               GError            **error);
gboolean  cg_case_set_status_at (CgStore          *store,
                               const char         *case_id,
                               const char         *status,
                               const char         *actor,
                               const char         *resolution,
                               gint64              now,
                               GError            **error);
/* Adds a note. @visibility is "internal" (staff only) or "customer" (a
 * reply the customer sees). A customer-visible one is the first response
 * if the case has none yet; internal notes never are. Returns the note's
 * id (transfer full). */
char     *cg_case_add_note    (CgStore            *store,
                               const char         *case_id,
                               const char         *author,
                               const char         *visibility,
                               const char         *body,
                               GError            **error);
char     *cg_case_add_note_at (CgStore            *store,
                               const char         *case_id,
                               const char         *author,
                               const char         *visibility,
                               const char         *body,
                               gint64              now,
                               GError            **error);
/* Gives the case to @assignee (a staff id), or to nobody (NULL or ""). */
gboolean  cg_case_assign      (CgStore            *store,
                               const char         *case_id,
                               const char         *assignee,
                               const char         *actor,
                               GError            **error);
/* Changes the priority; the due times of targets not yet complete follow
 * the new priority's policy. */
gboolean  cg_case_set_priority (CgStore           *store,
                               const char         *case_id,
                               const char         *priority,
                               const char         *actor,
                               GError            **error);

/* The SLA policies cases of @store are measured by (transfer none): those
 * set with cg_case_set_sla_policies(), or cg_sla_policies_new_default().
 * Kept on the store object, so every page and function sharing the store
 * agrees; issue 5 sets them from the signed config. */
const CgSlaPolicies *cg_case_get_sla_policies (CgStore       *store);
/* Replaces the policies (@policies NULL: back to the defaults). Due times
 * already stored are not rewritten; cg_sla_evaluate() follows the new
 * policies for targets not yet complete. */
void      cg_case_set_sla_policies (CgStore              *store,
                                    CgSlaPolicies        *policies);

/* Default SLA targets in minutes (first response, resolution) per priority,
 * until a signed config says otherwise. */
gboolean  cg_case_default_sla (const char         *priority,
                               gint64             *first_response_min,
                               gint64             *resolution_min);

G_END_DECLS
