/* cg-sync-format.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the sync indicator says for a given sync status, as a pure function
 * (tested without a display): the icon, a headline, a badge, the details in
 * the popover and whether "Sync Now" makes sense.
 */
#pragma once

#include "changgu-core.h"

G_BEGIN_DECLS

typedef struct {
  CgSyncState  state;
  guint64      done;
  guint64      total;
  guint        pending;
  guint        conflicts;
  guint        rejected;
  gint64       last_pull;          /* Unix seconds, 0 = never */
  gint64       last_push;
  gint64       up_to_date_since;
  gint64       next_retry;         /* Unix seconds, 0 = none */
  gint64       now;                /* Unix seconds */
  const char  *error_message;      /* nullable */
  const char  *last_rejection;     /* nullable */
} CgSyncView;

typedef struct {
  const char *icon_name;           /* static */
  char       *headline;            /* "Up to date", "Pulling 1,200 of 10,000" */
  char       *badge;               /* the pending count, or NULL */
  char       *details;             /* lines for the popover */
  double      fraction;            /* progress 0–1, or -1 for none */
  gboolean    can_sync_now;
} CgSyncText;

void  cg_sync_describe        (const CgSyncView *view,
                               CgSyncText       *text);
void  cg_sync_text_clear      (CgSyncText       *text);
/* "just now", "2 minutes ago", "at 14:05" relative to @now. (transfer full) */
char *cg_sync_format_ago      (gint64            when,
                               gint64            now);

G_END_DECLS
