/* cg-queue.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The walk-in queue of one local day: tickets taken at the kiosk or the
 * counter (cg_checkin_create), called to a counter first come first served,
 * then served, done or no-show (cg_checkin_set_status).
 *
 * "Today" is the local calendar day of @now: a ticket left waiting
 * yesterday is not called today (the customer has long gone home).
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_TYPE_QUEUE_TICKET (cg_queue_ticket_get_type ())
G_DECLARE_FINAL_TYPE (CgQueueTicket, cg_queue_ticket, CG, QUEUE_TICKET, GObject)

const char *cg_queue_ticket_get_id           (CgQueueTicket *self);   /* checkin:<uuid> */
const char *cg_queue_ticket_get_ticket       (CgQueueTicket *self);   /* K1-042 */
const char *cg_queue_ticket_get_status       (CgQueueTicket *self);
const char *cg_queue_ticket_get_reason       (CgQueueTicket *self);
const char *cg_queue_ticket_get_display_name (CgQueueTicket *self);   /* nullable */
const char *cg_queue_ticket_get_customer_id  (CgQueueTicket *self);   /* nullable */
const char *cg_queue_ticket_get_order_number (CgQueueTicket *self);   /* nullable */
const char *cg_queue_ticket_get_served_by    (CgQueueTicket *self);   /* nullable */
GDateTime  *cg_queue_ticket_get_created_at   (CgQueueTicket *self);
GDateTime  *cg_queue_ticket_get_called_at    (CgQueueTicket *self);   /* nullable */
/* Seconds waited: until called, or until @now while still waiting. A
 * ticket closed without being called waited until done_at. */
gint64      cg_queue_ticket_get_wait         (CgQueueTicket *self,
                                              GDateTime     *now);

/* Today's tickets with @status (NULL: every status), oldest first.
 * (transfer full) (element-type CgQueueTicket) */
GPtrArray  *cg_queue_list_today     (CgStore     *store,
                                     GDateTime   *now,
                                     const char  *status,
                                     GError     **error);

/* Calls the oldest ticket still waiting today to @actor's counter. The
 * choice is made inside the write transaction, so two counters pressing
 * "Call next" at once (two connections to one file) never call the same
 * ticket. TRUE with *@checkin_id set to the called ticket's id (transfer
 * full), or TRUE with *@checkin_id NULL when nobody is waiting. */
gboolean    cg_queue_call_next      (CgStore     *store,
                                     const char  *actor,
                                     GDateTime   *now,
                                     char       **checkin_id,
                                     GError     **error);

/* What the "now serving" screen shows: today's called and serving tickets,
 * most recently called first, at most @limit. (transfer full) */
GPtrArray  *cg_queue_now_serving    (CgStore     *store,
                                     GDateTime   *now,
                                     guint        limit,
                                     GError     **error);

/* The ticket @actor called and is still serving today (the most recent), or
 * NULL. (transfer full) */
CgQueueTicket *cg_queue_current_for (CgStore     *store,
                                     const char  *actor,
                                     GDateTime   *now);

typedef struct {
  guint  waiting;
  guint  called;          /* called, not yet being served */
  guint  serving;
  guint  done;
  guint  no_show;
  guint  n_waits;         /* tickets called today: the average's sample */
  gint64 average_wait_s;  /* created → called, mean over n_waits; 0 when none */
  gint64 longest_wait_s;  /* of those still waiting, at @now */
} CgQueueStats;

/* Counts of today so far. The no-show rate is no_show / (done + no_show). */
gboolean    cg_queue_stats_today    (CgStore       *store,
                                     GDateTime     *now,
                                     CgQueueStats  *stats,
                                     GError       **error);

G_END_DECLS
