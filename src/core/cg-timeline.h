/* cg-timeline.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_TYPE_TIMELINE_ENTRY (cg_timeline_entry_get_type ())
G_DECLARE_FINAL_TYPE (CgTimelineEntry, cg_timeline_entry, CG, TIMELINE_ENTRY, GObject)

/* One row of a customer's history, as raw values that the page words in the
 * user's language. What each field holds depends on @kind:
 *
 *   kind      title             detail                      status   amount
 *   order     order number      first item names, "…"       status   total (currency)
 *   case      subject           case number                 status   —
 *   note      body (≤160 chars) visibility (internal/customer) —     —
 *   visit     ticket            reason code                 status   —
 *   feedback  comment           "csat=4 nps=9"              —        CSAT score
 */
const char *cg_timeline_entry_get_doc_id   (CgTimelineEntry *self);
const char *cg_timeline_entry_get_kind     (CgTimelineEntry *self);
const char *cg_timeline_entry_get_at       (CgTimelineEntry *self);
const char *cg_timeline_entry_get_title    (CgTimelineEntry *self);
const char *cg_timeline_entry_get_detail   (CgTimelineEntry *self);
const char *cg_timeline_entry_get_status   (CgTimelineEntry *self);
gboolean    cg_timeline_entry_get_amount   (CgTimelineEntry *self,
                                            gint64          *amount);
const char *cg_timeline_entry_get_currency (CgTimelineEntry *self);

/* The customer's history, newest first, at most @limit rows, including
 * that of the customers merged into it (cg_customer_merge). One indexed
 * query over the timeline projection. (transfer full) (element-type CgTimelineEntry) */
GPtrArray  *cg_timeline_load               (CgStore    *store,
                                            const char *customer_id,
                                            guint       limit);

G_END_DECLS
