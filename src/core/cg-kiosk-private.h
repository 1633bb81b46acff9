/* cg-kiosk-private.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the cg-kiosk*.c files; not part of the public API.
 */
#pragma once

#include "cg-kiosk.h"

G_BEGIN_DECLS

/* The current time, Unix seconds. */
gint64  cg_kiosk_now              (void);
/* CG_KIOSK_ERROR_RATE_LIMITED saying how long to wait, for a customer. */
void    cg_kiosk_set_rate_limited (GError     **error,
                                   gint64       seconds);
/* A waiting check-in made at this kiosk (channel "kiosk"), numbered with
 * the device's prefix in the same transaction. @order_number nullable. */
char   *cg_kiosk_create_checkin   (CgStore     *store,
                                   const char  *reason,
                                   const char  *order_number,
                                   char       **ticket,
                                   GError     **error);

/* Whether @id is one of cg_kiosk_problem_categories(). */
gboolean cg_kiosk_is_category     (CgStore     *store,
                                   const char  *id);

G_END_DECLS
