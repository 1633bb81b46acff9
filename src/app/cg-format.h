/* cg-format.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Words for what the store holds as codes: statuses, reasons, money, times
 * and the titles of timeline rows. Pure functions (no GTK, no display), so
 * that what a page shows can be tested on its own. Every result is in the
 * user's language (gettext) and owned by the caller unless it says static.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "changgu-core.h"

G_BEGIN_DECLS

/* Digits grouped by thousands with a comma (1,000), as both Korean and
 * English write them. (transfer full) */
char       *cg_format_count            (gint64       value);

/* Money in the currency's minor unit: KRW and JPY have none (₩128,000),
 * other currencies two decimals ($12.34, €5.00, 12.34 CHF). (transfer full) */
char       *cg_format_money            (gint64       amount,
                                        const char  *currency);

/* Translated words for a code, or the code itself when it is unknown (a
 * newer peer may send new values). (transfer none, static or @code) */
const char *cg_format_order_status     (const char  *status);
const char *cg_format_case_status      (const char  *status);
const char *cg_format_checkin_status   (const char  *status);
const char *cg_format_checkin_reason   (const char  *reason);
const char *cg_format_note_visibility  (const char  *visibility);
const char *cg_format_language         (const char  *language);
const char *cg_format_channel          (const char  *channel);
const char *cg_format_tier             (const char  *tier);

/* An RFC 3339 time for a row of a list, in local time: "Today, 14:05",
 * "Yesterday, 09:12", "Mar 4, 10:00", "Mar 4 2025, 10:00". @now is the
 * reference (NULL: the current time). NULL when @iso8601 is not a time.
 * (transfer full) */
char       *cg_format_time             (const char  *iso8601,
                                        GDateTime   *now);
/* The full date and time in local time, for tooltips. (transfer full) */
char       *cg_format_time_long        (const char  *iso8601);

/* "CSAT 4/5 · NPS 9" from the timeline's language-neutral
 * "csat=4 nps=9", or NULL when neither is there. (transfer full) */
char       *cg_format_feedback_scores  (const char  *detail);

/* The title of a timeline row, for example
 *   Order W24001234 · ₩128,000 · Ready for pickup
 *   Case 0421-C1-000123: Broken zipper · Open
 *   Note (internal): Customer will come back on Friday
 *   Visit K1-042 · Pickup · Done
 *   Feedback: CSAT 4/5 · NPS 9 · Friendly staff
 * The arguments are those of CgTimelineEntry. (transfer full) */
char       *cg_format_timeline_title   (const char  *kind,
                                        const char  *title,
                                        const char  *detail,
                                        const char  *status,
                                        gboolean     has_amount,
                                        gint64       amount,
                                        const char  *currency);
char       *cg_format_timeline_entry   (CgTimelineEntry *entry);
/* The second line of a timeline row (an order's items), or NULL. */
char       *cg_format_timeline_subtitle (CgTimelineEntry *entry);
/* A symbolic icon name for a timeline kind (static). */
const char *cg_format_timeline_icon    (const char  *kind);

/* What the customer page shows about a customer document. */
typedef enum {
  CG_PROFILE_GROUP_CONTACT,
  CG_PROFILE_GROUP_DETAILS,
} CgProfileGroup;

typedef struct {
  CgProfileGroup  group;
  char           *label;      /* "Phone", "E-mail", "Language", ... */
  char           *value;      /* formatted for reading */
  const char     *icon_name;  /* static, or NULL */
} CgProfileLine;

void        cg_profile_line_free       (CgProfileLine *line);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgProfileLine, cg_profile_line_free)

/* The lines of the profile, contact first (every phone, formatted; every
 * e-mail), then preferred channel, language and consent. Missing fields
 * are left out, except consent, which says when nothing is recorded.
 * (transfer full) (element-type CgProfileLine) */
GPtrArray  *cg_profile_lines           (JsonObject  *customer);
/* The line under the customer's name, "Gold · Korean · Customer since
 * Mar 2025" (missing parts left out), or NULL. (transfer full) */
char       *cg_profile_headline        (JsonObject  *customer);

G_END_DECLS
