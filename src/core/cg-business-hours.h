/* cg-business-hours.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The opening hours of a store, from the "business_hours" config setting
 * (CONFIG.md), and the two sums an SLA clock needs from them: how much
 * business time lies between two instants, and when a given amount of
 * business time will have passed.
 *
 * Instants are Unix times in seconds (UTC). Opening hours are wall-clock
 * times in the store's time zone, so a day on which daylight saving time
 * starts or ends is an hour shorter or longer if the store is open across
 * the change.
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

typedef struct _CgBusinessHours CgBusinessHours;

/* At most this many opening periods per day (a lunch break makes two). */
#define CG_BUSINESS_HOURS_MAX_PERIODS 6

/* Open around the clock: counting business time is counting time. */
CgBusinessHours *cg_business_hours_new_always_open (void);

/* Parses the "business_hours" setting:
 *
 *   { "tz": "Asia/Seoul", "mon": ["10:00", "22:00"], …, "sun": [] }
 *
 * Day keys are mon, tue, wed, thu, fri, sat, sun. A day's value is a list
 * of opening and closing times, "HH:MM" in 24-hour form, strictly
 * increasing; "24:00" closes at midnight; ["10:00","14:00","15:00","22:00"]
 * closes for an hour at 14:00. A missing day or an empty list is closed.
 * Other keys are ignored (CONFIG.md: unknown keys are kept and ignored).
 *
 * @settings NULL, or an object without members, means no business hours:
 * the result is always open. Otherwise "tz" is required and the store must
 * open on at least one day. Errors are CG_VALIDATION_ERROR with a message
 * for the admin who wrote the setting. Returns (transfer full). */
CgBusinessHours *cg_business_hours_new_from_json   (JsonObject            *settings,
                                                    GError               **error);

CgBusinessHours *cg_business_hours_ref             (CgBusinessHours       *self);
void             cg_business_hours_unref           (CgBusinessHours       *self);

gboolean         cg_business_hours_is_always_open  (const CgBusinessHours *self);
/* The store's time zone (transfer none); UTC when always open. */
GTimeZone       *cg_business_hours_get_timezone    (const CgBusinessHours *self);

/* Business seconds in [@from, @to). Negative (minus the business seconds of
 * [@to, @from)) when @to is before @from. */
gint64           cg_business_hours_count_seconds   (const CgBusinessHours *self,
                                                    gint64                 from,
                                                    gint64                 to);
/* The earliest instant at which @seconds (≥ 0) business seconds have passed
 * since @start: inside an opening period or exactly at its closing time,
 * never in the night after it. 0 returns @start unchanged, even when the
 * store is closed then. G_MAXINT64 if that instant is beyond the year 9999
 * (a store open one minute a week and a target of many years). */
gint64           cg_business_hours_add_seconds     (const CgBusinessHours *self,
                                                    gint64                 start,
                                                    gint64                 seconds);
/* The due time of a target of @minutes business minutes from @start. */
gint64           cg_business_hours_add_minutes     (const CgBusinessHours *self,
                                                    gint64                 start,
                                                    gint64                 minutes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgBusinessHours, cg_business_hours_unref)

G_END_DECLS
