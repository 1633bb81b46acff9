/* cg-admin.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of changgu-admin share: the exit codes, the entry point of
 * each subcommand, and the helpers that make every subcommand report errors
 * the same way.
 */
#pragma once

#include <gio/gio.h>

#include "changgu-core.h"

G_BEGIN_DECLS

/* Exit codes, the same for every subcommand, so that scripts can tell a
 * mistake in the command line from a failure while running. */
typedef enum {
  CG_ADMIN_EXIT_OK = 0,
  CG_ADMIN_EXIT_FAILURE = 1,   /* the command ran and failed */
  CG_ADMIN_EXIT_USAGE = 2,     /* the command line makes no sense */
} CgAdminExit;

/* Subcommands. @argv[0] is the subcommand's name; they return an exit code. */
int       cg_admin_doc_main        (int          argc,
                                    char       **argv);
int       cg_admin_demo_main       (int          argc,
                                    char       **argv);
int       cg_admin_index_main      (int          argc,
                                    char       **argv);
int       cg_admin_sync_main       (int          argc,
                                    char       **argv);
int       cg_admin_import_main     (int          argc,
                                    char       **argv);
int       cg_admin_relay_main      (int          argc,
                                    char       **argv);
int       cg_admin_provision_main  (int          argc,
                                    char       **argv);
int       cg_admin_add_device_main (int          argc,
                                    char       **argv);
int       cg_admin_keygen_main     (int          argc,
                                    char       **argv);
int       cg_admin_config_main     (int          argc,
                                    char       **argv);
int       cg_admin_fleet_main      (int          argc,
                                    char       **argv);

/* A key id (cg-admin-keygen.c): letters, digits, '.', '_', '-', not
 * starting with '.', at most 64 characters (it becomes a file name). */
gboolean  cg_admin_key_id_is_valid (const char  *key_id);

/* Error reporting (cg-admin-util.c). @command is what the user typed, e.g.
 * "doc get"; the message goes to stderr as "changgu-admin doc get: …". A
 * usage error adds how to get help. Both return their exit code. */
int       cg_admin_usage_error     (const char  *command,
                                    const char  *format,
                                    ...) G_GNUC_PRINTF (2, 3);
int       cg_admin_failure         (const char  *command,
                                    const char  *format,
                                    ...) G_GNUC_PRINTF (2, 3);

/* An option context whose --help reads "changgu-admin @command [OPTION…]
 * @parameters", with the translation domain set. */
GOptionContext *cg_admin_option_context_new (const char         *command,
                                             const char         *parameters,
                                             const char         *summary,
                                             const char         *description,
                                             const GOptionEntry *entries);
/* Parses, turning a bad option into a usage error: returns FALSE with
 * *@exit_code set. --help prints and exits 0 inside. */
gboolean  cg_admin_parse_options   (GOptionContext *context,
                                    const char     *command,
                                    int            *argc,
                                    char         ***argv,
                                    int            *exit_code);

/* Opens the store at @path for @command. A missing --db is a usage error;
 * with @must_exist a path with no file is a failure (rather than a new,
 * empty store); a file that is not a store fails with the store's message.
 * Returns NULL with *@exit_code set. */
CgStore  *cg_admin_open_store      (const char  *command,
                                    const char  *path,
                                    gboolean     must_exist,
                                    int         *exit_code);

/* A whole number in [@min, @max] written in decimal (no sign, no spaces,
 * digits may be grouped with “,” or “_”). */
gboolean  cg_admin_parse_count     (const char  *text,
                                    guint64      min,
                                    guint64      max,
                                    guint64     *value);

/* 1234567 → "1,234,567" (transfer full). */
char     *cg_admin_format_count    (guint64      value);
/* Seconds as "0:42", "12:05" or "1:02:03" (transfer full). */
char     *cg_admin_format_duration (double       seconds);
/* Appends @text as a JSON string literal. */
void      cg_admin_append_json_string (GString    *out,
                                       const char *text);

/* Progress on stderr (cg-admin-progress.c): on a terminal a bar redrawn in
 * place with the rate and the time left; otherwise a line every 10%. */
typedef struct _CgAdminProgress CgAdminProgress;

CgAdminProgress *cg_admin_progress_new    (const char      *command,
                                           const char      *unit);
void             cg_admin_progress_update (CgAdminProgress *progress,
                                           guint64          done,
                                           guint64          total);
/* Ends the bar's line (on a terminal). */
void             cg_admin_progress_free   (CgAdminProgress *progress);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgAdminProgress, cg_admin_progress_free)

G_END_DECLS
