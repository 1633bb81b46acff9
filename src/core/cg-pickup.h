/* cg-pickup.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk-safe view of an order that is ready (DATA-MODEL.md `pickup`),
 * and the one place where its verification hash is made and checked.
 *
 *   _id           "pickup:<store>:<order number>"
 *   type          "pickup"
 *   order_number  as in the order
 *   status        the order's status (ready_for_pickup, picked_up, cancelled)
 *   ready_at      RFC 3339 UTC
 *   verify        { "salt": S, "hash": H }, or {} when the order has no
 *                 customer phone (then only the counter can verify)
 *
 * No name, no items, no full phone: a kiosk replicates these documents and
 * anyone at the kiosk may read them.
 *
 * The hash, byte for byte:
 *
 *   S = 32 lowercase hexadecimal ASCII characters (16 random bytes written
 *       as hex); the TEXT is hashed, exactly as it appears in the document,
 *       not the 16 bytes it encodes
 *   N = the order number, its UTF-8 bytes exactly as in the order ("W24001234")
 *   L = the last 4 digits of the customer's first phone, 4 ASCII digits
 *       ("+821012345678" → "5678")
 *
 *   H = lowercase hex (64 characters) of SHA-256 (S ‖ N ‖ L)
 *
 * with no separators and no terminating NUL. Example: S = "00112233445566778899aabbccddeeff",
 * N = "W1", L = "5678" hashes the 38 ASCII bytes
 * "00112233445566778899aabbccddeeffW15678".
 *
 * The salt is per document, so equal (number, last 4) pairs in two stores
 * do not give equal hashes; it does not make 10 000 possible last-4 values
 * hard to try, which is why the kiosk also rate-limits attempts.
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_PICKUP_SALT_CHARS 32

/* A fresh salt: CG_PICKUP_SALT_CHARS lowercase hex characters from
 * libsodium's randombytes. (transfer full) */
char       *cg_pickup_new_salt      (void);

/* H above, as 64 lowercase hex characters (transfer full); NULL when
 * @last4 is not 4 ASCII digits. */
char       *cg_pickup_hash          (const char  *salt,
                                     const char  *order_number,
                                     const char  *last4);

/* The last 4 digits of @phone (any formatting), or FALSE when it has fewer
 * than 4 digits. @out receives 4 digits and a NUL. */
gboolean    cg_pickup_phone_last4   (const char  *phone,
                                     char         out[5]);

/* "pickup:<store>:<number>" (transfer full). */
char       *cg_pickup_doc_id        (const char  *store_id,
                                     const char  *order_number);

/* A new pickup document (without _rev). @last4 may be NULL: the document
 * then carries an empty "verify". @ready_at may be NULL. (transfer full) */
JsonObject *cg_pickup_build         (const char  *store_id,
                                     const char  *order_number,
                                     const char  *status,
                                     const char  *ready_at,
                                     const char  *salt,
                                     const char  *last4);

/* Whether @last4 matches @pickup's hash for @order_number, compared in
 * constant time. */
gboolean    cg_pickup_verify        (JsonObject  *pickup,
                                     const char  *order_number,
                                     const char  *last4);

G_END_DECLS
