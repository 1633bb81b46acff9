/* cg-queue-format.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the queue page and the "now serving" screen show (no GTK).
 */
#pragma once

#include <glib.h>

#include "changgu-core.h"

G_BEGIN_DECLS

/* A wait for a person to read at a glance: "< 1 min" under a minute,
 * "12 min", "1 h 5 min". (transfer full) */
char *cg_queue_format_wait          (gint64         seconds);
/* The line under a ticket: "Pickup · M. K. · order W24001234", the parts
 * that are known. (transfer full) */
char *cg_queue_format_ticket_detail (CgQueueTicket *ticket);
/* "3 waiting", "Nobody waiting". (transfer full) */
char *cg_queue_format_waiting       (guint          waiting);
/* The day so far: "Average wait 7 min · 12 served · 1 no-show", or NULL
 * when nothing happened yet today. (transfer full) */
char *cg_queue_format_summary       (const CgQueueStats *stats);

G_END_DECLS
