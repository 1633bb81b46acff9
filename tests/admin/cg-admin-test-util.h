/* cg-admin-test-util.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the changgu-admin tests share: running the built binary as a person
 * would (found through CHANGGU_BUILD_ROOT), and cleaning up after.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  int   status;   /* the exit status */
  char *out;
  char *err;
} CgAdminResult;

void cg_admin_result_clear     (CgAdminResult      *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CgAdminResult, cg_admin_result_clear)

/* Runs changgu-admin with @argv (NULL-terminated, without the program) in
 * @dir (NULL: the current directory), with @input on stdin (NULL: empty,
 * so nothing can prompt). @env (NULL-terminated, nullable) sets
 * "NAME=VALUE" or, for a bare "NAME", unsets it. Asserts that the program
 * ran and exited. With --verbose, prints what it said. */
void cg_admin_test_run         (CgAdminResult      *result,
                                const char         *dir,
                                const char         *input,
                                const char * const *env,
                                const char * const *argv);

/* Removes @path and everything under it. */
void cg_admin_test_remove_tree (const char         *path);

G_END_DECLS
