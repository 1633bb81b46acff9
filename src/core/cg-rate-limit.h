/* cg-rate-limit.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lockout counter for things a stranger could guess (a staff PIN, the
 * kiosk's exit PIN, the last 4 digits of a phone at the pickup kiosk).
 * Its state lives in the store's metadata under one key, so quitting the
 * app does not reset it, and it is updated inside a write transaction, so
 * two attempts at once cannot both read N and both write N + 1.
 *
 * The value of the key is "<failures> <locked until> <last failure>"
 * (Unix seconds; an older two-field value reads with last failure 0).
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

typedef struct {
  guint  free_failures;     /* failures that cost nothing; the next one locks */
  gint64 first_lockout_s;   /* the first lock; every further failure doubles it… */
  gint64 max_lockout_s;     /* …up to this */
  /* 0: failures count until cg_rate_limit_reset(). Otherwise the count
   * starts afresh once this long has passed without a failure and without
   * a lock (after the lock ended), so a mistyped PIN last week does not
   * make today's first mistake expensive. */
  gint64 quiet_reset_s;
} CgRateLimitPolicy;

/* Seconds until @key may be tried again at @now; 0 when it may now. */
gint64   cg_rate_limit_retry_after    (CgStore                 *store,
                                       const char              *key,
                                       gint64                   now);
/* How many failures count against @key at @now. */
gint64   cg_rate_limit_failures       (CgStore                 *store,
                                       const char              *key,
                                       const CgRateLimitPolicy *policy,
                                       gint64                   now);
/* Counts a failure at @now and locks when the policy says so. Returns the
 * lock it set, in seconds (0: none). Store failures are logged, not
 * returned: a limiter that cannot write must not turn a wrong PIN into a
 * different answer. */
gint64   cg_rate_limit_record_failure (CgStore                 *store,
                                       const char              *key,
                                       const CgRateLimitPolicy *policy,
                                       gint64                   now);
/* Forgets the failures of @key (after a success). */
void     cg_rate_limit_reset          (CgStore                 *store,
                                       const char              *key);

G_END_DECLS
