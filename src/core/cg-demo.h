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

/* Called with 0 before the first batch and after every committed batch
 * with the customers written so far, in the thread that called
 * cg_demo_generate(). */
typedef void (*CgDemoProgressFunc) (guint64  done_customers,
                                    guint64  total_customers,
                                    gpointer user_data);

typedef struct {
  guint64 customers, orders, cases, notes, checkins, feedback, articles;
} CgDemoCounts;

/* Writes a realistic demo store into @store (DATA-MODEL.md documents through
 * the store's own write path, many per transaction): Korean and English
 * customers with phones and e-mails, orders with items in every status
 * (with pickup documents for the ready ones), cases in every status with
 * notes (kiosk ones with the answers the kiosk offered first), check-ins
 * taken at the kiosk (channel "kiosk"; a queue for today), feedback
 * (ratings, and problems an FAQ answer solved at the kiosk), and FAQ
 * articles.
 * Also sets the device identity (store 0421, prefix C1) if unset; case
 * numbers come from the device's counter, which is left at the last one.
 *
 * Deterministic for a given seed and count (ids and contents; revision
 * hashes are random, as for every local write). Times end at the start of
 * the current hour, or at $CHANGGU_DEMO_NOW (RFC 3339) when set.
 *
 * A store that already holds demo customers is appended to: numbering
 * continues (meta "demo:*"), so phones, e-mails and numbers stay unique, and
 * articles that exist are kept. Memory use does not grow with the count.
 *
 * Cancellable (G_IO_ERROR_CANCELLED): the batch being written is rolled
 * back, earlier batches stay. @counts (optional) receives what was written
 * and committed, also on failure. */
gboolean cg_demo_generate (CgStore             *store,
                           const CgDemoOptions *options,
                           CgDemoProgressFunc   progress,
                           gpointer             user_data,
                           GCancellable        *cancellable,
                           CgDemoCounts        *counts,
                           GError             **error);

G_END_DECLS
