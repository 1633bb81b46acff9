/* cg-fuzz-util.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the libFuzzer targets (tests/fuzz/README.md): logging that
 * turns every warning and critical into a crash, one store per process,
 * and JSON parsing the way CgRemote parses a server's answer.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "changgu-core.h"

G_BEGIN_DECLS

/* Once per process: warnings and criticals abort (as G_DEBUG=fatal-warnings
 * does in the test suite: each is a bug when the input comes from outside),
 * messages and debug output are dropped (they would drown libFuzzer's
 * output), and the locale is C.UTF-8. */
void        cg_fuzz_init         (void);

/* CG_FUZZ_VERBOSE=1: the targets say what each input came to (to check
 * that the seeds reach what they are meant to, and when reproducing). */
gboolean    cg_fuzz_verbose      (void);
#define cg_fuzz_note(...) \
  G_STMT_START { if (cg_fuzz_verbose ()) g_printerr (__VA_ARGS__); } G_STMT_END

/* A new store in a temporary directory removed at exit, provisioned as
 * device DEVICE_ID of store 0421 (transfer full). */
#define CG_FUZZ_DEVICE_ID "6f1c0000-0000-4000-8000-000000000001"
#define CG_FUZZ_STORE_ID  "0421"
CgStore    *cg_fuzz_open_store   (void);

/* @data as JSON, as CgRemote reads a response body (nesting checked, bad
 * escapes neutralised): NULL when it is empty or not JSON (transfer full). */
JsonNode   *cg_fuzz_parse        (const uint8_t *data,
                                  size_t         size);

/* Writes @json (a replicated document with _rev and _revisions) into
 * @store or aborts: the fixed documents the targets start from. */
void        cg_fuzz_put_fixture  (CgStore       *store,
                                  const char    *json);

/* Aborts with @what when @condition is false: an invariant the target
 * checks (kept in release builds, unlike g_assert with G_DISABLE_ASSERT). */
#define cg_fuzz_check(condition, what) \
  G_STMT_START { \
    if (G_UNLIKELY (!(condition))) \
      { \
        g_printerr ("fuzz invariant broken at %s:%d: %s\n", __FILE__, __LINE__, (what)); \
        abort (); \
      } \
  } G_STMT_END

G_END_DECLS
