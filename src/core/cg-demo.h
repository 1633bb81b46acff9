/* cg-demo.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

typedef struct {
  guint   customers;    /* how many customers; orders, cases, … scale with it */
  guint64 seed;         /* same seed and count → the same documents */
  gboolean articles;    /* write the ~200 FAQ articles (ko and en) */
} CgDemoOptions;

/* Called now and then with what has been written so far. */
typedef void (*CgDemoProgressFunc) (guint64  done_customers,
                                    guint64  total_customers,
                                    gpointer user_data);

typedef struct {
  guint64 customers, orders, cases, notes, checkins, feedback, articles;
} CgDemoCounts;

/* Writes a realistic demo store into @store (DATA-MODEL.md documents through
 * the store's own write path, many per transaction): Korean and English
 * customers with phones and e-mails, orders with items in every status,
 * cases in every status with notes, check-ins, feedback, and FAQ articles.
 * Also sets the device identity (store 0421, prefix C1) if unset.
 * Deterministic for a given seed and count (ids and contents; revision
 * hashes are random, as for every local write).
 * Cancellable; @counts (optional) receives what was written. */
gboolean cg_demo_generate (CgStore             *store,
                           const CgDemoOptions *options,
                           CgDemoProgressFunc   progress,
                           gpointer             user_data,
                           GCancellable        *cancellable,
                           CgDemoCounts        *counts,
                           GError             **error);

G_END_DECLS
