/* cg-case-format.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the cases pages show, as plain functions (no GTK): words for
 * priorities and status moves, SLA badges, note headers. Statuses and
 * channels are in cg-format.h.
 */
#pragma once

#include <glib.h>

#include "changgu-core.h"

G_BEGIN_DECLS

/* "Low", "Normal", "High", "Urgent" (static; the code when unknown). */
const char *cg_case_format_priority      (const char       *priority);
/* Where a case came in: "Counter", "Kiosk", "Phone", "E-mail", "Web"
 * (static; the code when unknown). */
const char *cg_case_format_channel       (const char       *channel);
/* The button that moves a case from @from to @to: "Start", "Wait for
 * Customer", "Escalate", "Resolve", "Close", "Reopen", "Resume"
 * (static). */
const char *cg_case_format_status_action (const char       *from,
                                          const char       *to);
/* A span of time for a badge: "45 min", "2 h 10 min", "3 d 4 h"
 * (transfer full). Rounded up to the minute, at least "1 min". */
char       *cg_case_format_duration      (gint64            seconds);
/* "First response", "Resolution" (static). */
const char *cg_case_format_sla_target    (CgSlaTarget       target);

/* The SLA badge of one target at @now (Unix seconds): "2 h 10 min left",
 * "Due in 12 min" (warning), "Breached 35 min ago", "Paused", "Met",
 * "Met late", "No SLA" (transfer full). *@style_class (if given) gets a
 * static style class for the label: "accent", "warning", "error",
 * "dim-label" or "success". */
char       *cg_case_format_sla_badge     (const CgSlaClock *clock,
                                          gint64            now,
                                          const char      **style_class);

/* The line under a case's subject: "Open · Urgent · Return · Counter"
 * (transfer full); NULL parts are left out. */
char       *cg_case_format_facts         (const char       *status,
                                          const char       *priority,
                                          const char       *category,
                                          const char       *channel);

/* The header of a note: "Internal note · Kim Jisoo · Today, 14:05" or
 * "Reply to customer · …" (transfer full). */
char       *cg_case_format_note_header   (const char       *visibility,
                                          const char       *author_name,
                                          const char       *created_at,
                                          GDateTime        *now);

/* "Showing 50 of 1,234 cases" / "3 cases" (transfer full). */
char       *cg_case_format_count         (guint             shown,
                                          guint             total);

G_END_DECLS
