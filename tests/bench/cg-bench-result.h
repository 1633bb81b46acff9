/* cg-bench-result.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every benchmark prints its verdicts as RESULT lines, tab-separated, next
 * to its own detailed output; `build-aux/dev bench` gathers them from all
 * benchmarks into one table (tests/bench/summarise.py).
 */
#pragma once

#include <glib.h>

/* benchmark, Changgu's figure, the reference's figure (or "—"), the
 * ratio between them (or "—"), the target, and whether it is met. */
void cg_bench_result (const char *benchmark,
                      const char *changgu,
                      const char *reference,
                      const char *ratio,
                      const char *target,
                      gboolean    met);

/* A figure with no target in QUALITY.md (the issue asks for it to be
 * measured): printed with target "none" and "—" for met, and not counted
 * among the targets. */
void cg_bench_figure (const char *benchmark,
                      const char *changgu,
                      const char *reference,
                      const char *ratio);

/* The @p quantile (0 to 1, nearest rank) of @n values; sorts them. */
double cg_bench_percentile (double *values,
                            guint   n,
                            double  p);
