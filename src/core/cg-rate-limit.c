/* cg-rate-limit.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lock after the (free_failures + k)-th failure is
 * first_lockout_s × 2^(k − 1), at most max_lockout_s: with 4 free
 * failures and 30 s, the 5th failure locks for 30 s, the 6th for 60 s, …
 * An attempt made while locked is refused by the caller before it is
 * checked and is not a failure (it would otherwise extend the lock
 * forever).
 */
#define G_LOG_DOMAIN "cg-rate-limit"

#include "config.h"

#include "cg-rate-limit.h"
#include "cg-store.h"

typedef struct {
  gint64 failures;
  gint64 locked_until;
  gint64 last_failure;
} State;

static State
state_load (CgStore    *store,
            const char *key)
{
  g_autofree char *value = cg_store_get_meta (store, key);
  State st = { 0, 0, 0 };
  g_auto (GStrv) parts = NULL;

  if (value == NULL)
    return st;
  parts = g_strsplit (value, " ", 3);
  if (parts[0] != NULL)
    {
      st.failures = MAX (g_ascii_strtoll (parts[0], NULL, 10), 0);
      if (parts[1] != NULL)
        {
          st.locked_until = g_ascii_strtoll (parts[1], NULL, 10);
          if (parts[2] != NULL)
            st.last_failure = g_ascii_strtoll (parts[2], NULL, 10);
        }
    }
  return st;
}

static gboolean
state_save (CgStore     *store,
            const char  *key,
            State        st,
            GError     **error)
{
  g_autofree char *value = NULL;

  if (st.failures > 0 || st.locked_until > 0)
    value = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                             st.failures, st.locked_until, st.last_failure);
  return cg_store_set_meta (store, key, value, error);
}

/* The state as it counts at @now: a quiet period forgets old failures. */
static State
state_at (State                    st,
          const CgRateLimitPolicy *policy,
          gint64                   now)
{
  if (policy != NULL && policy->quiet_reset_s > 0 && st.failures > 0 &&
      now - MAX (st.last_failure, st.locked_until) >= policy->quiet_reset_s)
    return (State) { 0, 0, 0 };
  return st;
}

gint64
cg_rate_limit_retry_after (CgStore    *store,
                           const char *key,
                           gint64      now)
{
  State st;

  g_return_val_if_fail (CG_IS_STORE (store), 0);
  g_return_val_if_fail (key != NULL, 0);

  st = state_load (store, key);
  return MAX (st.locked_until - now, 0);
}

gint64
cg_rate_limit_failures (CgStore                 *store,
                        const char              *key,
                        const CgRateLimitPolicy *policy,
                        gint64                   now)
{
  g_return_val_if_fail (CG_IS_STORE (store), 0);
  g_return_val_if_fail (key != NULL, 0);

  return state_at (state_load (store, key), policy, now).failures;
}

gint64
cg_rate_limit_record_failure (CgStore                 *store,
                              const char              *key,
                              const CgRateLimitPolicy *policy,
                              gint64                   now)
{
  g_autoptr(GError) error = NULL;
  gint64 lock = 0;
  State st;

  g_return_val_if_fail (CG_IS_STORE (store), 0);
  g_return_val_if_fail (key != NULL && policy != NULL, 0);

  /* Load, update and save in one write transaction (batches nest, so a
   * caller may hold one already). */
  if (!cg_store_begin (store, &error))
    {
      g_warning ("Could not record a failed attempt: %s", error->message);
      return 0;
    }
  st = state_at (state_load (store, key), policy, now);
  st.failures++;
  st.last_failure = now;
  if (st.failures > (gint64) policy->free_failures)
    {
      lock = policy->first_lockout_s;
      for (gint64 i = policy->free_failures + 1; i < st.failures && lock < policy->max_lockout_s; i++)
        lock *= 2;
      lock = MIN (lock, policy->max_lockout_s);
      st.locked_until = now + lock;
    }
  if (!state_save (store, key, st, &error))
    {
      cg_store_rollback (store);
      g_warning ("Could not record a failed attempt: %s", error->message);
      return lock;
    }
  if (!cg_store_commit (store, &error))
    g_warning ("Could not record a failed attempt: %s", error->message);
  return lock;
}

void
cg_rate_limit_reset (CgStore    *store,
                     const char *key)
{
  g_autoptr(GError) error = NULL;
  State st;

  g_return_if_fail (CG_IS_STORE (store));
  g_return_if_fail (key != NULL);

  st = state_load (store, key);
  if (st.failures == 0 && st.locked_until == 0)
    return;
  if (!state_save (store, key, (State) { 0, 0, 0 }, &error))
    g_warning ("Could not reset a rate limit: %s", error->message);
}
