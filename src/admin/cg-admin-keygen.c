/* cg-admin-keygen.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * changgu-admin keygen: a new Ed25519 key pair for signing configuration.
 * The private half stays with the regional admin (ID.key, mode 0600); the
 * public half (ID.pub) goes into provisioning files with add-device --trust.
 */
#define G_LOG_DOMAIN "cg-admin"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cg-admin.h"

#define COMMAND "keygen"

/* A key id becomes a file name and travels in every signed document: keep
 * it to letters, digits, '.', '_' and '-', not starting with a dot. */
gboolean
cg_admin_key_id_is_valid (const char *key_id)
{
  if (key_id == NULL || *key_id == '\0' || *key_id == '.' || strlen (key_id) > 64)
    return FALSE;
  for (const char *p = key_id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static char *
key_json (const char *key_id,
          const char *member,
          const char *value)
{
  g_autoptr(GString) out = g_string_new ("{\n  \"key_id\": ");

  cg_admin_append_json_string (out, key_id);
  g_string_append_printf (out, ",\n  \"%s\": ", member);
  cg_admin_append_json_string (out, value);
  g_string_append (out, "\n}\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
write_file (const char  *path,
            const char  *contents,
            int          mode,
            GError     **error)
{
  /* Written beside and renamed: a crash never leaves half a key, and the
   * file has its final mode from the start (never 0644 for a moment). */
  return g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                   mode, error);
}

int
cg_admin_keygen_main (int    argc,
                      char **argv)
{
  g_autofree char *key_id = NULL;
  g_autofree char *out_dir = NULL;
  gboolean force = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "key-id", 0, 0, G_OPTION_ARG_STRING, &key_id,
      N_("Name of the key, e.g. seoul-2026 (letters, digits, '.', '_', '-')"), N_("ID") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir,
      N_("Directory to write ID.key and ID.pub into (created if missing)"), N_("DIR") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace an existing key of that name"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *pub_path = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  g_autofree char *key_text = NULL;
  g_autofree char *pub_text = NULL;
  g_autoptr(GError) error = NULL;
  int exit_code;

  context = cg_admin_option_context_new (COMMAND, NULL,
                                         _("Make a new Ed25519 key pair for signing configuration."),
                                         _("Writes DIR/ID.key, the private key (mode 0600; keep it secret: whoever "
                                           "has it can configure every device that trusts it), and DIR/ID.pub, the "
                                           "public key to give to “add-device --trust”. An existing key is never "
                                           "replaced without --force: devices trusting the old public key would "
                                           "reject configuration signed with the new one."),
                                         entries);
  if (!cg_admin_parse_options (context, COMMAND, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return cg_admin_usage_error (COMMAND, _("Unexpected argument “%s”."), argv[1]);
  if (key_id == NULL)
    return cg_admin_usage_error (COMMAND, _("Name the key with --key-id ID."));
  if (!cg_admin_key_id_is_valid (key_id))
    return cg_admin_usage_error (COMMAND,
                                 _("The key id “%s” is not valid: use up to 64 letters, digits, '.', '_' "
                                   "or '-', not starting with '.'."),
                                 key_id);
  if (out_dir == NULL)
    return cg_admin_usage_error (COMMAND, _("Say where to write the key with --out DIR."));

  if (g_mkdir_with_parents (out_dir, 0700) != 0)
    {
      int saved = errno;
      return cg_admin_failure (COMMAND, _("Cannot create the directory %s: %s."),
                               out_dir, g_strerror (saved));
    }
  if (!g_file_test (out_dir, G_FILE_TEST_IS_DIR))
    return cg_admin_failure (COMMAND, _("%s is not a directory: give a directory with --out."), out_dir);

  key_path = g_strconcat (out_dir, G_DIR_SEPARATOR_S, key_id, ".key", NULL);
  pub_path = g_strconcat (out_dir, G_DIR_SEPARATOR_S, key_id, ".pub", NULL);
  if (!force)
    {
      const char *existing = g_file_test (key_path, G_FILE_TEST_EXISTS) ? key_path
                             : g_file_test (pub_path, G_FILE_TEST_EXISTS) ? pub_path : NULL;
      if (existing != NULL)
        return cg_admin_failure (COMMAND,
                                 _("%s already exists: choose another --key-id, or give --force to replace it "
                                   "(devices that trust the old key will reject configs signed with the new one)."),
                                 existing);
    }
  if (g_access (out_dir, W_OK) != 0)
    return cg_admin_failure (COMMAND, _("Cannot write to the directory %s: choose one you can write to with --out."),
                             out_dir);

  cg_config_keygen (&public_key, &secret_key);
  key_text = key_json (key_id, "secret_key", secret_key);
  pub_text = key_json (key_id, "public_key", public_key);
  memset (secret_key, 0, strlen (secret_key));

  if (!write_file (key_path, key_text, 0600, &error))
    {
      memset (key_text, 0, strlen (key_text));
      return cg_admin_failure (COMMAND, _("Cannot write the private key: %s."), error->message);
    }
  memset (key_text, 0, strlen (key_text));
  /* g_file_set_contents_full() applies the mode only to a new file; make
   * sure a replaced key is 0600 too. */
  if (g_chmod (key_path, 0600) != 0)
    {
      int saved = errno;
      return cg_admin_failure (COMMAND, _("Cannot make %s private: %s."), key_path, g_strerror (saved));
    }
  if (!write_file (pub_path, pub_text, 0644, &error))
    return cg_admin_failure (COMMAND, _("Cannot write the public key: %s."), error->message);

  if (json)
    {
      g_autoptr(GString) out = g_string_new ("{\"key_id\": ");

      cg_admin_append_json_string (out, key_id);
      g_string_append (out, ", \"private_key_file\": ");
      cg_admin_append_json_string (out, key_path);
      g_string_append (out, ", \"public_key_file\": ");
      cg_admin_append_json_string (out, pub_path);
      g_string_append (out, ", \"public_key\": ");
      cg_admin_append_json_string (out, public_key);
      g_string_append (out, "}\n");
      g_print ("%s", out->str);
    }
  else
    {
      g_print (_("Private key: %s (keep it secret; mode 0600)\n"), key_path);
      g_print (_("Public key:  %s (give it to “changgu-admin add-device --trust”)\n"), pub_path);
    }
  return CG_ADMIN_EXIT_OK;
}
