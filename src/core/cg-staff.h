/* cg-staff.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Staff sign-in at a counter: staff id + PIN, checked against the Argon2id
 * hash in the `staff` document (libsodium crypto_pwhash_str format), with
 * failed attempts rate-limited. The limiter's state is kept in the store's
 * metadata, so restarting the app does not reset it.
 */
#pragma once

#include "cg-session.h"
#include "cg-types.h"

G_BEGIN_DECLS

#define CG_STAFF_ERROR (cg_staff_error_quark ())
GQuark cg_staff_error_quark (void);

typedef enum {
  /* Unknown id or wrong PIN: one message for both, so that the screen does
   * not tell a stranger which staff ids exist. */
  CG_STAFF_ERROR_WRONG_CREDENTIALS,
  /* Too many failures: wait cg_staff_retry_after() seconds. */
  CG_STAFF_ERROR_RATE_LIMITED,
  /* The staff document says "active": false. */
  CG_STAFF_ERROR_INACTIVE,
} CgStaffError;

/* Checks @pin for @staff_id at @now (Unix seconds). @staff_id is what the
 * person typed: "0421-01" or "staff:0421-01", surrounding spaces ignored.
 * Returns the new session (transfer full), or NULL with @error. Slow on
 * purpose (Argon2id, ~0.1 s): call it from a worker thread in the UI. */
CgSession *cg_staff_sign_in       (CgStore     *store,
                                   const char  *staff_id,
                                   const char  *pin,
                                   gint64       now,
                                   GError     **error);
/* Seconds until @staff_id may try again at @now; 0 when it may now. */
gint64     cg_staff_retry_after   (CgStore     *store,
                                   const char  *staff_id,
                                   gint64       now);
/* An Argon2id hash of @pin for a staff document (transfer full); NULL
 * with @error when @pin is not 4 to 8 digits. */
char      *cg_staff_hash_pin      (const char  *pin,
                                   GError     **error);
/* The active staff of the store, by name (element-type CgSession: id,
 * name and role of each person who could sign in; used to pick an
 * assignee). (transfer full) */
GPtrArray *cg_staff_list_active   (CgStore     *store);
/* The display name of @staff_id, or when unknown the staff ID as people
 * type it ("0421-01" for "staff:0421-01"). (transfer full) */
char      *cg_staff_dup_name      (CgStore     *store,
                                   const char  *staff_id);

G_END_DECLS
