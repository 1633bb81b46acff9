/* cg-kiosk.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a customer does at a self-service kiosk, without GTK: take a queue
 * ticket, check in for an order pickup (verified against the kiosk-safe
 * pickup document only), report a problem (after being offered FAQ
 * answers; whether one helped is recorded for the deflection rate), rate
 * the visit; and what keeps the kiosk locked and clean: the exit PIN with
 * rate limits, the kiosk settings from config, and the local purge of what
 * the kiosk created once the central side has it.
 *
 * Everything here works offline: it writes the local store only; the
 * replicator delivers it later. Nothing here ever reads a customer or an
 * order document (a kiosk's database has none, SYNC.md).
 *
 * Fields this module writes besides DATA-MODEL.md's:
 *   case.contact        { "phone"?, "email"? } typed by the customer at the
 *                       kiosk (optional), so staff can reply
 *   case.language       "ko" | "en", the language the customer used
 *   case.self_service   { "offered": [article ids], "helped": false }
 *   feedback.self_service { "category", "offered": [ids], "helped": true,
 *                       "article_id" } — a problem that an FAQ answer solved
 *                       (no case was opened); csat/nps absent
 *   checkin.channel     "kiosk"
 */
#pragma once

#include "cg-types.h"

G_BEGIN_DECLS

#define CG_KIOSK_ERROR (cg_kiosk_error_quark ())
GQuark cg_kiosk_error_quark (void);

typedef enum {
  CG_KIOSK_ERROR_INVALID,       /* a value the customer typed is not acceptable (message says why) */
  CG_KIOSK_ERROR_RATE_LIMITED,  /* too many wrong attempts: wait (retry_after) */
  CG_KIOSK_ERROR_WRONG_PIN,     /* exit PIN wrong */
  CG_KIOSK_ERROR_NO_PIN,        /* no exit PIN configured: the kiosk cannot be left by PIN */
} CgKioskError;

/* ------------------------------------------------------------ settings */

/* The kiosk part of the effective config (CONFIG.md "kiosk"), with the
 * defaults for what is not configured: idle 60 s, warning 20 s (clamped
 * below the timeout), all features, both languages, no exit PIN. */
typedef struct {
  guint   idle_timeout_s;
  guint   idle_warning_s;
  char  **features;        /* "checkin", "pickup", "faq", "report_problem", "feedback" */
  char  **languages;       /* "ko", "en" */
  char   *exit_pin_hash;   /* nullable: $argon2id$… */
  char   *store_name_ko;   /* kiosk.store_name.ko, nullable */
  char   *store_name_en;   /* kiosk.store_name.en, nullable */
} CgKioskSettings;

CgKioskSettings *cg_kiosk_settings_load   (CgStore         *store);
void             cg_kiosk_settings_free   (CgKioskSettings *settings);
gboolean         cg_kiosk_settings_has_feature (const CgKioskSettings *settings,
                                                const char            *feature);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgKioskSettings, cg_kiosk_settings_free)

/* A category a customer can choose when reporting a problem. */
typedef struct {
  char *id;      /* as stored in case.category */
  char *label;   /* in the language asked for */
} CgKioskCategory;

void cg_kiosk_category_free (CgKioskCategory *category);

/* The categories, in order: the config's "categories" (label in
 * @language, "ko" or "en", falling back to the other), else the built-in
 * ones (cg-categories.h) translated with gettext. (transfer full)
 * (element-type CgKioskCategory; the array frees its elements) */
GPtrArray *cg_kiosk_problem_categories (CgStore    *store,
                                        const char *language);

/* ------------------------------------------------------------ tickets */

/* A walk-in takes a ticket. @reason: help, pickup, return or other.
 * Numbered with this device's prefix, per day (K1-042), so two kiosks
 * never collide, even offline. Returns the check-in id (transfer full);
 * *@ticket receives the number. */
char     *cg_kiosk_take_ticket     (CgStore     *store,
                                    const char  *reason,
                                    char       **ticket,
                                    GError     **error);

/* ------------------------------------------------------------ pickup */

typedef enum {
  CG_KIOSK_PICKUP_UNKNOWN,      /* no such order, or the digits do not match: the same answer,
                                 * so that the kiosk never tells which order numbers exist */
  CG_KIOSK_PICKUP_NOT_READY,    /* found and verified, not ready yet */
  CG_KIOSK_PICKUP_READY,        /* ready: the customer may check in */
  CG_KIOSK_PICKUP_COLLECTED,    /* already picked up */
  CG_KIOSK_PICKUP_CANCELLED,    /* cancelled or returned */
} CgKioskPickupStatus;

/* Looks up @order_number (as printed: digits, letters, no spaces) with the
 * last 4 digits of the customer's phone against the pickup document's
 * salted hash. Wrong attempts are counted per kiosk (in the store, so a
 * restart does not reset them): after 5 failures within 10 minutes every
 * lookup is refused for 60 s, doubling up to 15 min
 * (CG_KIOSK_ERROR_RATE_LIMITED, *@retry_after_s set). Malformed input
 * (empty, not 4 digits) is CG_KIOSK_ERROR_INVALID and not counted. */
gboolean  cg_kiosk_pickup_check    (CgStore              *store,
                                    const char           *order_number,
                                    const char           *last4,
                                    CgKioskPickupStatus  *status,
                                    gint64               *retry_after_s,
                                    GError              **error);
/* The same at @now (Unix seconds), so that tests can drive the limiter.
 * TRUE whenever a lookup was made (CG_KIOSK_PICKUP_UNKNOWN included);
 * FALSE with CG_KIOSK_ERROR_INVALID, CG_KIOSK_ERROR_RATE_LIMITED or a
 * store error. A successful lookup does not reset the count: someone
 * trying numbers could otherwise interleave their own order. The count
 * starts afresh after 10 quiet minutes (no failure, no lock). */
gboolean  cg_kiosk_pickup_check_at (CgStore              *store,
                                    const char           *order_number,
                                    const char           *last4,
                                    gint64                now,
                                    CgKioskPickupStatus  *status,
                                    gint64               *retry_after_s,
                                    GError              **error);

/* Checks in a verified, ready order for pickup: a check-in with reason
 * "pickup" and the order number, which reaches the counter's queue.
 * Verifies again (the same rules as cg_kiosk_pickup_check). Returns the
 * check-in id; *@ticket the ticket number. */
char     *cg_kiosk_pickup_check_in (CgStore     *store,
                                    const char  *order_number,
                                    const char  *last4,
                                    char       **ticket,
                                    GError     **error);
/* The same at @now. An order that is not ready (or unknown, or the
 * digits do not match) is CG_KIOSK_ERROR_INVALID with a message for the
 * customer; the unknown and the mismatched answer are the same. */
char     *cg_kiosk_pickup_check_in_at (CgStore     *store,
                                       const char  *order_number,
                                       const char  *last4,
                                       gint64       now,
                                       char       **ticket,
                                       GError     **error);

/* ------------------------------------------------------------ problems */

typedef struct {
  const char         *category;       /* an id from cg_kiosk_problem_categories() */
  const char         *description;    /* 1–500 characters after trimming */
  const char         *contact_phone;  /* nullable; checked like a phone staff type */
  const char         *contact_email;  /* nullable; checked like an e-mail staff type */
  const char         *language;       /* "ko" or "en" */
  const char * const *offered;        /* nullable: article ids shown as "Does this help?" */
} CgKioskProblem;

/* A problem no FAQ answer solved: a new case (channel kiosk, priority
 * normal, SLA as configured) numbered with this device's prefix. Returns
 * the case id; *@number receives the reference the customer notes
 * (0421-K1-000012). */
char     *cg_kiosk_report_problem  (CgStore              *store,
                                    const CgKioskProblem *problem,
                                    char                **number,
                                    GError              **error);

/* A problem an FAQ answer solved: records it (a feedback document with
 * self_service.helped = true and @article_id), so that Reports can show
 * the self-service deflection rate. No case is opened. */
gboolean  cg_kiosk_record_helped   (CgStore            *store,
                                    const char         *category,
                                    const char * const *offered,
                                    const char         *article_id,
                                    GError            **error);

/* ------------------------------------------------------------ feedback */

/* Rates the visit: @csat 1–5 or 0 for none, @nps 0–10 or -1 for none (at
 * least one of them), @comment nullable (at most 1000 characters). */
gboolean  cg_kiosk_rate_visit      (CgStore     *store,
                                    int          csat,
                                    int          nps,
                                    const char  *comment,
                                    GError     **error);

/* ------------------------------------------------------------ lockdown */

/* Checks the exit PIN against kiosk.exit_pin_hash (Argon2id; slow: call
 * from a worker thread). Wrong PINs are rate limited like staff sign-in:
 * 3 free failures, then 30 s doubling up to 15 min
 * (CG_KIOSK_ERROR_RATE_LIMITED with *@retry_after_s); the count is kept in
 * the store. CG_KIOSK_ERROR_WRONG_PIN, CG_KIOSK_ERROR_NO_PIN otherwise. */
gboolean  cg_kiosk_check_exit_pin  (CgStore     *store,
                                    const char  *pin,
                                    gint64      *retry_after_s,
                                    GError     **error);
/* The same at @now (Unix seconds). An empty PIN is CG_KIOSK_ERROR_INVALID
 * and not counted; the right PIN resets the count. */
gboolean  cg_kiosk_check_exit_pin_at (CgStore     *store,
                                      const char  *pin,
                                      gint64       now,
                                      gint64      *retry_after_s,
                                      GError     **error);

/* ------------------------------------------------------------ clean-up */

/* Purges locally what this kiosk created and the central side now has
 * (no pending change left): cases and feedback at once (they hold what a
 * customer typed); check-ins once done or no-show, or from an earlier day
 * (until then the "now serving" board needs them). Returns how many
 * documents were purged. The device agent calls it on every tick of a
 * kiosk. */
guint     cg_kiosk_purge_delivered (CgStore     *store,
                                    GDateTime   *now,
                                    GError     **error);

G_END_DECLS
