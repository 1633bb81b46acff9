/* cg-config.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signed configuration (CONFIG.md). A `config` document is signed with
 * Ed25519 over the RFC 8785 canonical JSON of the document without _id,
 * _rev, _revisions and signature. A device verifies it against its trusted
 * keys (from the provisioning file, plus keys added by an already-trusted
 * config), requires its version to be greater than the last one applied
 * for that scope, validates the settings, and only then applies it. The
 * scopes that apply to a device merge global < region < store < device
 * (objects key by key, arrays replace).
 *
 * Everything here is GIO-only: changgu-admin signs with the same code the
 * device verifies with.
 */
#pragma once

#include "cg-sla.h"
#include "cg-types.h"

G_BEGIN_DECLS

#define CG_CONFIG_ERROR (cg_config_error_quark ())
GQuark cg_config_error_quark (void);

/* Why a config document was refused. Messages name the scope, the
 * version and the reason, for the admin who reads the device report. */
typedef enum {
  CG_CONFIG_ERROR_MALFORMED,      /* not a config document, or fields of the wrong type */
  CG_CONFIG_ERROR_UNKNOWN_KEY,    /* key_id not trusted by this device */
  CG_CONFIG_ERROR_BAD_SIGNATURE,  /* the signature does not verify */
  CG_CONFIG_ERROR_STALE,          /* version not greater than the one applied (rollback, replay) */
  CG_CONFIG_ERROR_INVALID,        /* settings of the wrong type or out of range */
  CG_CONFIG_ERROR_NOT_FOR_DEVICE, /* a scope that does not apply to this device */
} CgConfigError;

/* ----------------------------------------------------------- signing */

/* A new Ed25519 key pair as base64 (transfer full, caller frees both). */
void      cg_config_keygen            (char       **public_key_b64,
                                       char       **secret_key_b64);
/* The bytes a signature covers: the canonical JSON of @doc without _id,
 * _rev, _revisions and signature (transfer full). */
char     *cg_config_signing_input     (JsonObject  *doc,
                                       GError     **error);
/* Sets "key_id" and "signature" (base64) on @doc. */
gboolean  cg_config_sign              (JsonObject  *doc,
                                       const char  *key_id,
                                       const char  *secret_key_b64,
                                       GError     **error);
/* Checks @doc's signature against @trusted_keys (a JSON array of
 * {key_id, public_key}). Does not look at versions. */
gboolean  cg_config_verify_signature  (JsonObject  *doc,
                                       JsonArray   *trusted_keys,
                                       GError     **error);

/* ---------------------------------------------------------- settings */

/* Validates a "settings" object against the known schema (CONFIG.md):
 * unknown keys are kept and ignored; a known key of the wrong type or out
 * of range fails with CG_CONFIG_ERROR_INVALID naming the key path
 * ("kiosk.idle_timeout_s must be a whole number from 10 to 3600"). */
gboolean  cg_config_validate_settings (JsonObject  *settings,
                                       GError     **error);
/* Deep merge: objects key by key with @over winning, arrays and scalars
 * replaced. Returns a new object (transfer full). */
JsonObject *cg_config_merge           (JsonObject  *base,
                                       JsonObject  *over);

/* --------------------------------------------------------- on a device */

/* The scopes that apply to this device, most general first:
 * "global", "region:<r>" (when the store's region is known), "store:<s>",
 * "device:<d>" (transfer full, NULL-terminated). */
GStrv     cg_config_device_scopes     (CgStore     *store);

/* Verifies and applies the config document @doc (as pulled) for this
 * device: signature, version, schema; then records it as the applied
 * version of its scope and stores its settings; new trusted keys from an
 * accepted config are added. On refusal nothing changes and the refusal
 * is recorded (cg_config_dup_rejection()). */
gboolean  cg_config_accept            (CgStore     *store,
                                       JsonObject  *doc,
                                       GError     **error);
/* Looks at every config document in the store that applies to this
 * device and accepts those not yet applied (after a sync, at start).
 * Returns TRUE when the effective settings changed. Refusals are recorded,
 * not returned. */
gboolean  cg_config_refresh           (CgStore     *store);
/* The merged settings in force (transfer full; an empty object when none). */
JsonObject *cg_config_dup_effective   (CgStore     *store);
/* Per scope: {"store:0421": {"version": 7, "issued_at": …}, …} (transfer full). */
JsonObject *cg_config_dup_applied     (CgStore     *store);
/* The last refusal as {"scope", "version", "reason", "at"}, or NULL
 * (transfer full). */
JsonObject *cg_config_dup_rejection   (CgStore     *store);
/* Where a setting in force comes from: its scope and version, or FALSE
 * when it is a built-in default. @path is dotted ("kiosk.idle_timeout_s"). */
gboolean  cg_config_get_source        (CgStore     *store,
                                       const char  *path,
                                       char       **scope,
                                       gint64      *version);

/* The SLA policies the effective settings describe (defaults for what is
 * not configured) (transfer full). */
CgSlaPolicies *cg_config_dup_sla_policies (CgStore *store);

/* The keys this device trusts now (transfer full): those of the
 * provisioning file (meta "trusted_keys") and those listed by the latest
 * accepted config of each scope (meta "config.trusted_keys"), less those
 * any latest accepted config revokes (meta "config.revoked_keys"). */
JsonArray *cg_config_dup_trusted_keys (CgStore *store);

/* Pushes the settings in force into the running process: the SLA
 * policies (cg_case_set_sla_policies()) and the case categories
 * (cg_categories_set()). cg_config_refresh() calls it when something
 * changed; the app calls it once at start. */
void       cg_config_apply            (CgStore *store);

G_END_DECLS
