/* cg-chart.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small chart drawn with cairo: vertical bars with their values, or
 * lines with a legend. Colours come from the theme (the accent colour and
 * the text colour), so it reads in light and dark styles; text is laid
 * out with Pango, so Korean labels render and wrap. The accessible
 * description lists every value.
 */
#pragma once

#include <gtk/gtk.h>

#include "cg-report-format.h"

G_BEGIN_DECLS

typedef enum {
  CG_CHART_BARS,
  CG_CHART_LINES,
} CgChartKind;

#define CG_TYPE_CHART (cg_chart_get_type ())
G_DECLARE_FINAL_TYPE (CgChart, cg_chart, CG, CHART, GtkWidget)

GtkWidget         *cg_chart_new      (CgChartKind        kind);
CgChartKind        cg_chart_get_kind (CgChart           *self);
void               cg_chart_set_kind (CgChart           *self,
                                      CgChartKind        kind);
/* Shows @data (copied; NULL: nothing). */
void               cg_chart_set_data (CgChart           *self,
                                      const CgChartData *data);
const CgChartData *cg_chart_get_data (CgChart           *self);

G_END_DECLS
