/* cg-provision.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cg-remote.h"

G_BEGIN_DECLS

/* The provisioning file of CONFIG.md, as changgu-admin add-device writes it. */
typedef struct {
  char *server;
  char *database;
  char *store_id;
  char *role;            /* counter | kiosk */
  char *device_id;
  char *device_prefix;
  char *username;
  char *password;
  char *ca_certificate;  /* PEM, optional */
  char *trusted_keys;    /* JSON array text, optional */
} CgProvisioning;

/* Reads and checks a provisioning file; every problem is reported with the
 * field named. The file holds a secret: one readable by others is refused.
 * (transfer full) */
CgProvisioning *cg_provisioning_load     (const char      *path,
                                          GError         **error);
void            cg_provisioning_free     (CgProvisioning  *provisioning);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgProvisioning, cg_provisioning_free)

/* Makes @store this device: identity, server and database in the store's
 * metadata; the password with cg_credentials_store(). */
gboolean        cg_provisioning_apply    (CgProvisioning  *provisioning,
                                          CgStore         *store,
                                          GError         **error);
/* Whether @store has been provisioned for sync. */
gboolean        cg_provisioning_is_set   (CgStore         *store);
/* The remote the store is provisioned for, with its credentials.
 * (transfer full) */
CgRemote       *cg_provisioning_open_remote (CgStore      *store,
                                          GError         **error);

/* Device credentials: libsecret where a Secret Service answers, otherwise a
 * file readable only by this user (0600) under the user config dir. Never
 * GSettings, never the store, never a log. CHANGGU_SECRET_BACKEND=file
 * forces the file (tests, appliances without a keyring). */
gboolean        cg_credentials_store     (const char      *device_id,
                                          const char      *password,
                                          GError         **error);
char           *cg_credentials_lookup    (const char      *device_id,
                                          GError         **error);

G_END_DECLS
