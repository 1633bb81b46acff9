/* cg-provision.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-provision"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "cg-device.h"
#include "cg-json.h"
#include "cg-provision.h"
#include "cg-store.h"

static const SecretSchema *
device_schema (void)
{
  static const SecretSchema schema = {
    "io.github.changgu.DeviceCredentials", SECRET_SCHEMA_NONE,
    {
      { "device-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

void
cg_provisioning_free (CgProvisioning *p)
{
  if (p == NULL)
    return;
  g_free (p->server);
  g_free (p->database);
  g_free (p->store_id);
  g_free (p->role);
  g_free (p->device_id);
  g_free (p->device_prefix);
  g_free (p->username);
  if (p->password)
    memset (p->password, 0, strlen (p->password));
  g_free (p->password);
  g_free (p->ca_certificate);
  g_free (p->trusted_keys);
  g_free (p);
}

static char *
required (JsonObject  *object,
          const char  *path,
          const char  *field,
          GError     **error)
{
  const char *value = cg_json_get_string (object, field);

  if (value == NULL && json_object_has_member (object, field) &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, field)))
    {
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_CONFIG,
                   _("In the provisioning file %s, “%s” must be text. Ask your regional admin for a new one."),
                   path, field);
      return NULL;
    }
  if (value == NULL || *value == '\0')
    {
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_CONFIG,
                   _("The provisioning file %s has no “%s”. Ask your regional admin for a new one."),
                   path, field);
      return NULL;
    }
  return g_strdup (value);
}

CgProvisioning *
cg_provisioning_load (const char  *path,
                      GError     **error)
{
  g_autoptr(CgProvisioning) p = g_new0 (CgProvisioning, 1);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  JsonArray *keys;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_CONFIG,
                   _("Cannot read the provisioning file %s: %s"), path, g_strerror (errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_CONFIG,
                   _("%s is not a provisioning file (it is a folder or a device). Give the file that “changgu-admin add-device” wrote."),
                   path);
      return NULL;
    }
  if ((st.st_mode & 0077) != 0)
    {
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_CONFIG,
                   _("The provisioning file %s holds a password but other users can read it. Run “chmod 600 %s” and try again."),
                   path, path);
      return NULL;
    }
  if (!g_file_get_contents (path, &text, NULL, &local_error))
    {
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_CONFIG,
                   _("Cannot read the provisioning file %s: %s"), path, local_error->message);
      return NULL;
    }
  object = cg_json_from_string (text, &local_error);
  if (object == NULL)
    {
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_CONFIG,
                   _("The provisioning file %s is not valid JSON: %s"), path, local_error->message);
      return NULL;
    }

  if (!(p->server = required (object, path, "server", error)) ||
      !(p->database = required (object, path, "database", error)) ||
      !(p->store_id = required (object, path, "store_id", error)) ||
      !(p->role = required (object, path, "role", error)) ||
      !(p->device_id = required (object, path, "device_id", error)) ||
      !(p->device_prefix = required (object, path, "device_prefix", error)) ||
      !(p->username = required (object, path, "username", error)) ||
      !(p->password = required (object, path, "password", error)))
    return NULL;

  if (!g_str_equal (p->role, "counter") && !g_str_equal (p->role, "kiosk"))
    {
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_CONFIG,
                   _("The provisioning file %s names the role “%s”; a device is a “counter” or a “kiosk”."),
                   path, p->role);
      return NULL;
    }
  {
    /* Checks the URL now rather than at the first sync. */
    g_autoptr(CgRemote) remote = cg_remote_new (p->server, p->database, p->username, p->password, error);
    if (remote == NULL)
      return NULL;
  }
  /* A pin that is not a certificate is a broken file, said now: never a
   * silent fallback to the system's CAs at the first sync. */
  if (json_object_has_member (object, "ca_certificate") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "ca_certificate")))
    {
      const char *pem = cg_json_get_string (object, "ca_certificate");
      g_autoptr(GTlsCertificate) cert = NULL;

      if (pem != NULL)
        cert = g_tls_certificate_new_from_pem (pem, -1, &local_error);
      if (cert == NULL)
        {
          g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_CONFIG,
                       _("The provisioning file %s has a “ca_certificate” that is not a PEM certificate. Ask your regional admin for a new one."),
                       path);
          return NULL;
        }
      p->ca_certificate = g_strdup (pem);
    }
  keys = cg_json_get_array (object, "trusted_keys");
  if (keys == NULL && json_object_has_member (object, "trusted_keys") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "trusted_keys")))
    {
      /* Ignoring it would leave a device that accepts no configuration. */
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_CONFIG,
                   _("In the provisioning file %s, “%s” must be a list. Ask your regional admin for a new one."),
                   path, "trusted_keys");
      return NULL;
    }
  if (keys != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (node, keys);
      p->trusted_keys = json_to_string (node, FALSE);
    }
  return g_steal_pointer (&p);
}

static char *
credentials_file (const char *device_id)
{
  g_autofree char *name = g_strconcat (device_id, ".secret", NULL);
  return g_build_filename (g_get_user_config_dir (), "changgu", "credentials", name, NULL);
}

static gboolean
use_secret_service (void)
{
  return g_strcmp0 (g_getenv ("CHANGGU_SECRET_BACKEND"), "file") != 0;
}

gboolean
cg_credentials_store (const char  *device_id,
                      const char  *password,
                      GError     **error)
{
  g_autofree char *path = credentials_file (device_id);
  g_autofree char *dir = g_path_get_dirname (path);

  if (use_secret_service ())
    {
      g_autoptr(GError) secret_error = NULL;
      g_autofree char *label = g_strdup_printf ("Changgu device %s", device_id);
      if (secret_password_store_sync (device_schema (), SECRET_COLLECTION_DEFAULT, label,
                                      password, NULL, &secret_error,
                                      "device-id", device_id, NULL))
        {
          g_unlink (path);   /* one place only */
          return TRUE;
        }
      g_debug ("No Secret Service (%s); keeping the credentials in a private file", secret_error->message);
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_CONFIG,
                   _("Cannot create %s: %s"), dir, g_strerror (errno));
      return FALSE;
    }
  g_chmod (dir, 0700);
  return g_file_set_contents_full (path, password, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

char *
cg_credentials_lookup (const char  *device_id,
                       GError     **error)
{
  g_autofree char *path = credentials_file (device_id);
  char *password = NULL;

  if (use_secret_service ())
    {
      password = secret_password_lookup_sync (device_schema (), NULL, NULL,
                                              "device-id", device_id, NULL);
      if (password != NULL)
        {
          char *copy = g_strdup (password);
          secret_password_free (password);
          return copy;
        }
    }
  if (g_file_get_contents (path, &password, NULL, NULL))
    return password;
  g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_UNAUTHORIZED,
               _("This device’s credentials are missing. Provision the device again."));
  return NULL;
}

gboolean
cg_provisioning_apply (CgProvisioning  *p,
                       CgStore         *store,
                       GError         **error)
{
  if (!cg_credentials_store (p->device_id, p->password, error))
    return FALSE;
  if (!cg_store_begin (store, error))
    return FALSE;
  if (!cg_store_set_meta (store, "device_id", p->device_id, error) ||
      !cg_device_set_identity (store, p->store_id, p->device_prefix, p->role, error) ||
      !cg_store_set_meta (store, "sync_server", p->server, error) ||
      !cg_store_set_meta (store, "sync_database", p->database, error) ||
      !cg_store_set_meta (store, "sync_username", p->username, error) ||
      !cg_store_set_meta (store, "sync_ca_certificate", p->ca_certificate, error) ||
      !cg_store_set_meta (store, "trusted_keys", p->trusted_keys, error))
    {
      cg_store_rollback (store);
      return FALSE;
    }
  return cg_store_commit (store, error);
}

gboolean
cg_provisioning_is_set (CgStore *store)
{
  g_autofree char *server = cg_store_get_meta (store, "sync_server");
  return server != NULL;
}

CgRemote *
cg_provisioning_open_remote (CgStore  *store,
                             GError  **error)
{
  g_autofree char *server = cg_store_get_meta (store, "sync_server");
  g_autofree char *database = cg_store_get_meta (store, "sync_database");
  g_autofree char *username = cg_store_get_meta (store, "sync_username");
  g_autofree char *ca = cg_store_get_meta (store, "sync_ca_certificate");
  g_autofree char *device_id = cg_device_get_id (store);
  g_autofree char *password = NULL;
  g_autoptr(CgRemote) remote = NULL;
  g_autoptr(GError) ca_error = NULL;

  if (server == NULL || database == NULL)
    {
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_CONFIG,
                   _("This device is not provisioned for sync. Use “changgu --provision FILE”."));
      return NULL;
    }
  password = cg_credentials_lookup (device_id, error);
  if (password == NULL)
    return NULL;
  remote = cg_remote_new (server, database, username, password, error);
  memset (password, 0, strlen (password));
  if (remote == NULL)
    return NULL;
  if (ca != NULL && !cg_remote_set_ca_pem (remote, ca, &ca_error))
    {
      g_set_error (error, CG_SYNC_ERROR, CG_SYNC_ERROR_CONFIG,
                   _("The pinned CA certificate of this device cannot be used (%s). Provision the device again."),
                   ca_error->message);
      return NULL;
    }
  return g_steal_pointer (&remote);
}
