/* cg-test-util.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the core tests: temporary stores and document builders.
 */
#pragma once

#include "changgu-core.h"

G_BEGIN_DECLS

/* A fresh directory under the test's tmp dir, removed at exit. */
char       *cg_test_make_tmpdir     (void);
/* A new store in a fresh directory; the path is returned in *@path if given. */
CgStore    *cg_test_open_store      (char      **path);
/* Parses @json (a JSON object literal) or fails the test. */
JsonObject *cg_test_json            (const char *json);
/* A valid customer document with this id and name. */
JsonObject *cg_test_customer_doc    (const char *id,
                                     const char *name);
/* A replicated revision: @doc plus _rev and _revisions from @ancestry, a
 * space-separated list of revision ids, newest first ("3-c 2-b 1-a"). */
JsonObject *cg_test_replicated      (JsonObject *doc,
                                     const char *ancestry,
                                     gboolean    deleted);
/* Runs a single-value SQL query against the store's file. */
gint64      cg_test_query_int       (CgStore    *store,
                                     const char *sql);

/* Fails the test unless SQLite's integrity_check of the file at @path
 * says "ok". */
void        cg_test_assert_integrity (const char *path);

G_END_DECLS
