/* cg-kpi-csv.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A CgKpiReport as CSV (RFC 4180: fields quoted when they hold a comma, a
 * quote or a line break, quotes doubled, CRLF line ends), one row per
 * figure, for a spreadsheet. The file starts with a UTF-8 byte order mark:
 * without it Excel, which Korean stores use, reads UTF-8 as the ANSI code
 * page and garbles the Korean figure names.
 *
 * Columns (CG_KPI_CSV_HEADER):
 *   key          stable machine name: "csat", "sla.first_response",
 *                "backlog.urgent.1d_3d", …
 *   figure       the figure's name in the user's language
 *   value        C locale number ("." decimal point); empty when there is
 *                no value (nothing measured: never 0 for "no data")
 *   unit         "cases", "percent", "seconds", "score", "responses",
 *                "time" (value is RFC 3339 UTC)
 *   numerator    for a percentage: what was counted (met, satisfied, …)
 *   denominator  for a percentage: out of how many; for a duration: how
 *                many were measured
 */
#pragma once

#include <gio/gio.h>

#include "cg-kpi.h"

G_BEGIN_DECLS

#define CG_KPI_CSV_HEADER "key,figure,value,unit,numerator,denominator"

/* Machine names (static, not translated) and names for people (static,
 * translated) of the dimensions of a report. */
const char *cg_kpi_priority_key        (CgKpiPriority priority);
const char *cg_kpi_priority_label      (CgKpiPriority priority);
const char *cg_kpi_age_key             (CgKpiAge      age);
const char *cg_kpi_age_label           (CgKpiAge      age);
const char *cg_kpi_sla_target_key      (CgSlaTarget   target);
const char *cg_kpi_sla_target_label    (CgSlaTarget   target);

/* @field quoted for CSV when it needs to be, else copied. (transfer full) */
char       *cg_csv_quote               (const char   *field);
/* Rows of CSV @text (a leading BOM skipped; CRLF or LF line ends), each a
 * NULL-terminated array of fields. NULL with @error when a quoted field is
 * not closed. (transfer full) (element-type GStrv) */
GPtrArray  *cg_csv_parse               (const char   *text,
                                        GError      **error);

/* The report as CSV text, BOM and header first. (transfer full) */
char       *cg_kpi_report_to_csv       (const CgKpiReport *report);
/* Writes cg_kpi_report_to_csv() to @file, replacing it atomically. FALSE
 * with @error (a message a person can act on) when it cannot be written. */
gboolean    cg_kpi_report_write_csv    (const CgKpiReport *report,
                                        GFile             *file,
                                        GCancellable      *cancellable,
                                        GError           **error);

G_END_DECLS
