/* cg-kiosk-language.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk speaks the language the customer chose on the attract screen,
 * without a restart: gettext is switched at run time. Call it before the
 * visit's widgets are created; widgets built earlier keep the text they
 * were given.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Makes later _() calls translate into @language ("ko" or "en"). */
void        cg_kiosk_set_language (const char *language);
/* "ko" or "en": the last one set, or, before any, the one the process
 * started in (LANGUAGE, then the locale). */
const char *cg_kiosk_get_language (void);
/* The one the process started in: what the kiosk returns to between
 * visits when the configuration does not say. */
const char *cg_kiosk_get_startup_language (void);

G_END_DECLS
