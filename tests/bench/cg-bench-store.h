/* cg-bench-store.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store a benchmark measures: the one given (argument, else
 * $CG_BENCH_STORE), or a 20,000-customer demo store generated in a
 * temporary directory and removed afterwards.
 */
#pragma once

#include <glib.h>

typedef struct {
  char *path;     /* the store's file */
  char *tmpdir;   /* NULL for a given store */
} CgBenchStore;

/* Exits with a message when the demo store cannot be made. */
void cg_bench_store_open  (CgBenchStore *store,
                           const char   *given,
                           const char   *prefix);
/* Removes a generated store; leaves a given one alone. */
void cg_bench_store_clear (CgBenchStore *store);
