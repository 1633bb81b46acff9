/* cg-bench-result.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cg-bench-result.h"

void
cg_bench_result (const char *benchmark,
                 const char *changgu,
                 const char *reference,
                 const char *ratio,
                 const char *target,
                 gboolean    met)
{
  printf ("RESULT\t%s\t%s\t%s\t%s\t%s\t%s\n", benchmark, changgu, reference, ratio, target,
          met ? "met" : "NOT MET");
  fflush (stdout);
}

void
cg_bench_figure (const char *benchmark,
                 const char *changgu,
                 const char *reference,
                 const char *ratio)
{
  printf ("RESULT\t%s\t%s\t%s\t%s\tnone (a figure)\t—\n", benchmark, changgu, reference, ratio);
  fflush (stdout);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

double
cg_bench_percentile (double *values,
                     guint   n,
                     double  p)
{
  guint i;

  if (n == 0)
    return -1;
  qsort (values, n, sizeof (double), compare_double);
  i = (guint) (p * (n - 1) + 0.5);
  return values[MIN (i, n - 1)];
}
