/* cg-case.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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
 * "new" and SLA due times from the default policy for its priority.
 * Returns its id (transfer full). */
char     *cg_case_create      (CgStore            *store,
                               const CgCaseDraft  *draft,
                               GError            **error);
/* Moves a case along its workflow (DATA-MODEL.md); a move the workflow does
 * not allow is CG_VALIDATION_ERROR_BAD_TRANSITION. Resolving records
 * @resolution and resolved_at; reopening counts in reopened_count. */
gboolean  cg_case_set_status  (CgStore            *store,
                               const char         *case_id,
                               const char         *status,
                               const char         *actor,
                               const char         *resolution,
                               GError            **error);
/* Adds a note. A customer-visible one is the first response if the case has
 * none yet. Returns the note's id (transfer full). */
char     *cg_case_add_note    (CgStore            *store,
                               const char         *case_id,
                               const char         *author,
                               const char         *visibility,
                               const char         *body,
                               GError            **error);

/* Default SLA targets in minutes (first response, resolution) per priority,
 * until a signed config says otherwise. */
gboolean  cg_case_default_sla (const char         *priority,
                               gint64             *first_response_min,
                               gint64             *resolution_min);

G_END_DECLS
