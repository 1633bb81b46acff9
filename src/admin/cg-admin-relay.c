/* cg-admin-relay.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * changgu-admin relay: the two filtered replications that join a store's
 * kiosk database to its store database (SYNC.md "Databases and scoping"),
 * for servers without a _replicator (pouchdb-server). With Apache CouchDB,
 * `provision` creates _replicator documents instead and this is not needed.
 *
 *   kiosk → store   changgu-kiosk-S → changgu-store-S
 *                   checkin, case, feedback, device
 *   store → kiosk   changgu-store-S → changgu-kiosk-S
 *                   article, pickup, config, and check-ins reduced to what
 *                   the "now serving" display needs
 *
 * Design: a direct database-to-database replication, server side to server
 * side, one batch at a time, with the admin's credentials and the same
 * protocol steps as the devices' replicator (cg-replicator.c, SYNC.md):
 *
 *   GET  source/_changes?style=all_docs&since=S&limit=B
 *        keep rows whose id is "<type>:…" with a type of this direction
 *   POST target/_revs_diff               which of those revisions it lacks
 *   POST source/_bulk_get?revs=true&latest=true  (GET ?open_revs=[…] where
 *        the server has no _bulk_get); a live body whose "type" is not the
 *        one its id names is dropped
 *   POST target/_bulk_docs new_edits:false   (revision ids and histories as
 *        they are, so replaying a batch is harmless and nothing loops back:
 *        the other direction's _revs_diff finds those revisions present)
 *   PUT  target/_local/<id>, then source/_local/<id>: {session_id, last_seq}
 *
 * The checkpoint id is a hash of the server, both databases and the
 * direction; a run resumes from last_seq when both sides hold the same
 * session, else from 0 (safe: _revs_diff skips what is there). So --once
 * catches up and exits, a second --once copies nothing, and without --once
 * the same runs every --interval seconds.
 *
 * Why not a relay-local CgStore per direction (pull into a SQLite store,
 * push from it): the store takes pulled revisions as acknowledged by the
 * central side, so its push would never send them; and it would index every
 * document for search on the way through. The direct relay keeps no state
 * but the two checkpoints.
 *
 * Personal data never reaches the kiosk database: only the four types
 * above are copied (decided from the id, so tombstones too, and checked
 * against the body), and a check-in is copied with these fields only:
 *   _id, _rev, _revisions, _deleted, type, ticket, store_id, reason, status,
 *   created_at, called_at, done_at, updated_at
 * — no customer_id, order_number, display_name (even a first name is too
 * much on a public screen), served_by or updated_by. The reduced body keeps
 * its revision id, so the kiosk database's check-in differs from the store
 * database's under the same revision: kiosks create check-ins and never
 * edit ones they received, so no kiosk revision is built on a reduced body.
 * A check-in a kiosk made is never sent back (the store→kiosk _revs_diff
 * finds it on the kiosk side), so it keeps what the kiosk wrote.
 */
#define G_LOG_DOMAIN "changgu-admin"

#include "config.h"

#include <string.h>
#include <signal.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "cg-admin.h"
#include "cg-admin-http.h"

#define COMMAND "relay"
#define DEFAULT_INTERVAL_S 10
#define DEFAULT_BATCH_SIZE 500

static const char * const kiosk_to_store_types[] = { "checkin", "case", "feedback", "device", NULL };
static const char * const store_to_kiosk_types[] = { "article", "pickup", "config", "checkin", NULL };

/* What of a check-in the kiosk side may see. */
static const char * const kiosk_checkin_fields[] = {
  "_id", "_rev", "_revisions", "_deleted", "type", "ticket", "store_id", "reason", "status",
  "created_at", "called_at", "done_at", "updated_at", NULL };

typedef struct {
  const char         *key;           /* for --json and the checkpoint id */
  const char         *source;
  const char         *target;
  const char * const *types;
  gboolean            to_kiosk;

  /* One run. */
  guint64             read;          /* change rows read */
  guint64             skipped;       /* rows of other types */
  guint64             copied;        /* revisions written to the target */
  guint64             reduced;       /* check-ins copied without personal fields */
  guint64             refused;       /* revisions the target refused */
  char               *last_refusal;
} Direction;

typedef struct {
  CgAdminHttp *http;
  guint        batch_size;
  char        *session_id;
  gboolean     bulk_get_missing;     /* the server answered _bulk_get with 404/400/405/501 */
} Relay;

static void
direction_reset (Direction *dir)
{
  dir->read = dir->skipped = dir->copied = dir->reduced = dir->refused = 0;
  g_clear_pointer (&dir->last_refusal, g_free);
}

/* A request, retried once when the connection failed (the test peer drops
 * kept-alive connections after 5 s; every request here is idempotent). */
static JsonNode *
request (Relay       *relay,
         const char  *method,
         const char  *path,
         JsonNode    *body,
         guint       *status,
         GError     **error)
{
  g_autoptr(GError) first_error = NULL;
  JsonNode *node = cg_admin_http_request (relay->http, method, path, body, status, &first_error);

  if (node != NULL || !g_error_matches (first_error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_CONNECT))
    {
      if (node == NULL)
        g_propagate_error (error, g_steal_pointer (&first_error));
      return node;
    }
  return cg_admin_http_request (relay->http, method, path, body, status, error);
}

static char *
db_path (const char *db,
         const char *rest)
{
  g_autofree char *escaped = cg_admin_http_escape (db);
  return g_strconcat (escaped, rest ? "/" : "", rest ? rest : "", NULL);
}

/* The type an id names ("checkin:…" → "checkin") if this direction copies
 * it, else NULL. */
static const char *
wanted_type (Direction  *dir,
             const char *id)
{
  const char *colon = id ? strchr (id, ':') : NULL;

  if (colon == NULL)
    return NULL;
  for (guint i = 0; dir->types[i] != NULL; i++)
    if (strlen (dir->types[i]) == (gsize) (colon - id) && strncmp (dir->types[i], id, colon - id) == 0)
      return dir->types[i];
  return NULL;
}

static char *
checkpoint_path (Relay      *relay,
                 Direction  *dir,
                 const char *db)
{
  g_autofree char *hash = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *types = g_strjoinv (",", (char **) dir->types);
  g_autofree char *input = g_strdup_printf ("changgu-relay-v1\n%s\n%s\n%s\n%s\n%s",
                                            cg_admin_http_get_url (relay->http), dir->source,
                                            dir->target, dir->key, types);

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, input, -1);
  rest = g_strdup_printf ("_local/changgu-relay-%.32s", hash);
  return db_path (db, rest);
}

/* The checkpoint document on @db, or NULL (none yet). */
static JsonObject *
read_checkpoint (Relay       *relay,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = request (relay, "GET", path, NULL, NULL, &local_error);

  if (node == NULL)
    {
      if (!g_error_matches (local_error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return JSON_NODE_HOLDS_OBJECT (node) ? json_object_ref (json_node_get_object (node)) : NULL;
}

static gboolean
write_checkpoint (Relay       *relay,
                  const char  *path,
                  JsonObject **checkpoint,     /* in: the last one read or written */
                  JsonNode    *last_seq,
                  GError     **error)
{
  g_autoptr(JsonObject) doc = json_object_new ();
  g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) reply = NULL;
  const char *rev = *checkpoint ? cg_json_get_string (*checkpoint, "_rev") : NULL;

  if (rev != NULL)
    json_object_set_string_member (doc, "_rev", rev);
  json_object_set_string_member (doc, "session_id", relay->session_id);
  json_object_set_member (doc, "last_seq", json_node_copy (last_seq));
  json_node_set_object (body, doc);
  reply = cg_admin_http_request (relay->http, "PUT", path, body, NULL, error);
  if (reply == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (reply) && cg_json_get_string (json_node_get_object (reply), "rev") != NULL)
    json_object_set_string_member (doc, "_rev", cg_json_get_string (json_node_get_object (reply), "rev"));
  g_clear_pointer (checkpoint, json_object_unref);
  *checkpoint = json_object_ref (doc);
  return TRUE;
}

/* The since= value: a JSON string as its text, anything else as JSON
 * (sequences are opaque: never parsed or compared). */
static char *
since_param (JsonNode *since)
{
  g_autofree char *text = NULL;

  if (since == NULL)
    return g_strdup ("0");
  if (json_node_get_value_type (since) == G_TYPE_STRING)
    return g_uri_escape_string (json_node_get_string (since), NULL, FALSE);
  text = json_to_string (since, FALSE);
  return g_uri_escape_string (text, NULL, FALSE);
}

/* The body as the target may have it, or NULL to drop it. */
static JsonObject *
prepare (Direction  *dir,
         JsonObject *doc)
{
  const char *id = cg_json_get_string (doc, "_id");
  const char *type = wanted_type (dir, id);
  gboolean deleted = cg_json_get_bool (doc, "_deleted", FALSE);
  JsonObject *out;

  if (type == NULL)
    return NULL;
  /* A live body must be what its id says (a "checkin:x" that holds a
   * customer is not copied). */
  if (!deleted && g_strcmp0 (cg_json_get_string (doc, "type"), type) != 0)
    return NULL;
  if (!dir->to_kiosk || !g_str_equal (type, "checkin"))
    return json_object_ref (doc);

  out = json_object_new ();
  for (guint i = 0; kiosk_checkin_fields[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (doc, kiosk_checkin_fields[i]);
      if (node != NULL)
        json_object_set_member (out, kiosk_checkin_fields[i], json_node_copy (node));
    }
  dir->reduced++;
  return out;
}

/* One result of _bulk_get or open_revs: {"ok": doc}; errors and missing
 * revisions ({"error"}, {"missing"}, {}) are left for the next run. */
static void
take_result (Direction *dir,
             GPtrArray *docs,
             JsonNode  *node)
{
  JsonObject *item = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonObject *doc = cg_json_get_object (item, "ok");
  JsonObject *prepared;

  if (doc == NULL)
    return;
  prepared = prepare (dir, doc);
  if (prepared != NULL)
    g_ptr_array_add (docs, prepared);
}

/* Bodies of @missing ({id: [revs]}) from the source. */
static gboolean
fetch (Relay      *relay,
       Direction  *dir,
       JsonObject *missing,
       GPtrArray  *docs,
       GError    **error)
{
  g_autoptr(GList) ids = json_object_get_members (missing);

  if (!relay->bulk_get_missing)
    {
      g_autoptr(JsonObject) body = json_object_new ();
      g_autoptr(JsonNode) body_node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) reply = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *path = db_path (dir->source, "_bulk_get?revs=true&latest=true");
      JsonArray *wanted = json_array_new ();
      guint status = 0;

      for (GList *l = ids; l != NULL; l = l->next)
        {
          JsonArray *revs = json_object_get_array_member (missing, l->data);
          for (guint i = 0; i < json_array_get_length (revs); i++)
            {
              JsonObject *one = json_object_new ();
              json_object_set_string_member (one, "id", l->data);
              json_object_set_string_member (one, "rev", json_array_get_string_element (revs, i));
              json_array_add_object_element (wanted, one);
            }
        }
      json_object_set_array_member (body, "docs", wanted);
      json_node_set_object (body_node, body);
      reply = request (relay, "POST", path, body_node, &status, &local_error);
      if (reply != NULL)
        {
          JsonArray *results = cg_json_get_array (JSON_NODE_HOLDS_OBJECT (reply) ? json_node_get_object (reply) : NULL,
                                                  "results");
          for (guint i = 0; results != NULL && i < json_array_get_length (results); i++)
            {
              JsonNode *r = json_array_get_element (results, i);
              JsonArray *items = JSON_NODE_HOLDS_OBJECT (r) ? cg_json_get_array (json_node_get_object (r), "docs") : NULL;
              for (guint j = 0; items != NULL && j < json_array_get_length (items); j++)
                take_result (dir, docs, json_array_get_element (items, j));
            }
          return TRUE;
        }
      if (status != 400 && status != 404 && status != 405 && status != 501)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      relay->bulk_get_missing = TRUE;
    }

  /* A server without _bulk_get: one GET with open_revs per document. */
  for (GList *l = ids; l != NULL; l = l->next)
    {
      g_autoptr(JsonNode) revs = json_node_new (JSON_NODE_ARRAY);
      g_autoptr(JsonNode) reply = NULL;
      g_autofree char *revs_text = NULL;
      g_autofree char *revs_escaped = NULL;
      g_autofree char *id = cg_admin_http_escape (l->data);
      g_autofree char *rest = NULL;
      g_autofree char *path = NULL;

      json_node_set_array (revs, json_object_get_array_member (missing, l->data));
      revs_text = json_to_string (revs, FALSE);
      revs_escaped = g_uri_escape_string (revs_text, NULL, FALSE);
      rest = g_strdup_printf ("%s?revs=true&latest=true&open_revs=%s", id, revs_escaped);
      path = db_path (dir->source, rest);
      reply = request (relay, "GET", path, NULL, NULL, error);
      if (reply == NULL)
        return FALSE;
      if (JSON_NODE_HOLDS_ARRAY (reply))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (reply)); i++)
          take_result (dir, docs, json_array_get_element (json_node_get_array (reply), i));
    }
  return TRUE;
}

/* Writes @docs to the target; counts what it refused. */
static gboolean
write_docs (Relay      *relay,
            Direction  *dir,
            GPtrArray  *docs,
            GError    **error)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) body_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *path = db_path (dir->target, "_bulk_docs");
  JsonArray *array = json_array_new ();
  guint64 refused = 0;

  for (guint i = 0; i < docs->len; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (docs, i)));
  json_object_set_array_member (body, "docs", array);
  json_object_set_boolean_member (body, "new_edits", FALSE);
  json_node_set_object (body_node, body);
  reply = request (relay, "POST", path, body_node, NULL, error);
  if (reply == NULL)
    return FALSE;
  /* A 201 can still hold per-document errors (validate_doc_update). */
  if (JSON_NODE_HOLDS_ARRAY (reply))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (reply)); i++)
      {
        JsonNode *r = json_array_get_element (json_node_get_array (reply), i);
        JsonObject *o = JSON_NODE_HOLDS_OBJECT (r) ? json_node_get_object (r) : NULL;
        const char *err = cg_json_get_string (o, "error");

        if (err == NULL)
          continue;
        refused++;
        g_free (dir->last_refusal);
        dir->last_refusal = g_strdup_printf ("%s: %s (%s)", cg_json_get_string (o, "id") ? cg_json_get_string (o, "id") : "?",
                                             cg_json_get_string (o, "reason") ? cg_json_get_string (o, "reason") : "",
                                             err);
      }
  dir->refused += refused;
  dir->copied += docs->len - MIN (refused, docs->len);
  return TRUE;
}

/* One direction, caught up. */
static gboolean
relay_direction (Relay      *relay,
                 Direction  *dir,
                 GError    **error)
{
  g_autofree char *target_cp_path = checkpoint_path (relay, dir, dir->target);
  g_autofree char *source_cp_path = checkpoint_path (relay, dir, dir->source);
  g_autoptr(JsonObject) target_cp = NULL;
  g_autoptr(JsonObject) source_cp = NULL;
  g_autoptr(JsonNode) since = NULL;
  g_autoptr(GError) local_error = NULL;

  direction_reset (dir);

  /* Both databases exist and we may use them (a clear message if not). */
  {
    g_autofree char *source_path = db_path (dir->source, NULL);
    g_autofree char *target_path = db_path (dir->target, NULL);
    g_autoptr(JsonNode) a = request (relay, "GET", source_path, NULL, NULL, error);
    g_autoptr(JsonNode) b = a ? request (relay, "GET", target_path, NULL, NULL, error) : NULL;
    if (b == NULL)
      return FALSE;
  }

  target_cp = read_checkpoint (relay, target_cp_path, &local_error);
  if (local_error == NULL)
    source_cp = read_checkpoint (relay, source_cp_path, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (target_cp != NULL && source_cp != NULL &&
      g_strcmp0 (cg_json_get_string (target_cp, "session_id"), cg_json_get_string (source_cp, "session_id")) == 0 &&
      json_object_has_member (target_cp, "last_seq"))
    since = json_node_copy (json_object_get_member (target_cp, "last_seq"));

  for (;;)
    {
      g_autofree char *since_text = since_param (since);
      g_autofree char *rest = g_strdup_printf ("_changes?style=all_docs&since=%s&limit=%u", since_text, relay->batch_size);
      g_autofree char *path = db_path (dir->source, rest);
      g_autoptr(JsonNode) changes = request (relay, "GET", path, NULL, NULL, error);
      g_autoptr(JsonObject) revs = json_object_new ();
      g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      JsonObject *object;
      JsonArray *results;
      JsonNode *last_seq = NULL;
      guint n;

      if (changes == NULL)
        return FALSE;
      object = JSON_NODE_HOLDS_OBJECT (changes) ? json_node_get_object (changes) : NULL;
      results = cg_json_get_array (object, "results");
      if (results == NULL)
        {
          g_set_error (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_BAD_RESPONSE,
                       _("%s answered _changes of %s without “results”"),
                       cg_admin_http_get_url (relay->http), dir->source);
          return FALSE;
        }
      n = json_array_get_length (results);
      dir->read += n;

      for (guint i = 0; i < n; i++)
        {
          JsonNode *row_node = json_array_get_element (results, i);
          JsonObject *row = JSON_NODE_HOLDS_OBJECT (row_node) ? json_node_get_object (row_node) : NULL;
          const char *id = cg_json_get_string (row, "id");
          JsonArray *changed = cg_json_get_array (row, "changes");
          JsonArray *list;

          if (row != NULL && json_object_has_member (row, "seq"))
            last_seq = json_object_get_member (row, "seq");
          if (wanted_type (dir, id) == NULL || changed == NULL)
            {
              dir->skipped++;
              continue;
            }
          /* _revs_diff values must be lists of strings (anything else
           * crashes the test peer). */
          list = json_array_new ();
          for (guint j = 0; j < json_array_get_length (changed); j++)
            {
              JsonNode *c = json_array_get_element (changed, j);
              const char *rev = JSON_NODE_HOLDS_OBJECT (c) ? cg_json_get_string (json_node_get_object (c), "rev") : NULL;
              if (rev != NULL)
                json_array_add_string_element (list, rev);
            }
          json_object_set_array_member (revs, id, list);
        }
      if (object != NULL && json_object_has_member (object, "last_seq") && n < relay->batch_size)
        last_seq = json_object_get_member (object, "last_seq");

      if (json_object_get_size (revs) > 0)
        {
          g_autoptr(JsonNode) revs_node = json_node_new (JSON_NODE_OBJECT);
          g_autofree char *diff_path = db_path (dir->target, "_revs_diff");
          g_autoptr(JsonNode) diff = NULL;
          g_autoptr(JsonObject) missing = json_object_new ();
          g_autoptr(GList) ids = NULL;

          json_node_set_object (revs_node, revs);
          diff = request (relay, "POST", diff_path, revs_node, NULL, error);
          if (diff == NULL)
            return FALSE;
          if (JSON_NODE_HOLDS_OBJECT (diff))
            ids = json_object_get_members (json_node_get_object (diff));
          for (GList *l = ids; l != NULL; l = l->next)
            {
              JsonArray *m = cg_json_get_array (cg_json_get_object (json_node_get_object (diff), l->data), "missing");
              JsonArray *list = json_array_new ();

              /* Only revisions this source listed (latest=true with a
               * revision the server does not have crashes the peer). */
              for (guint j = 0; m != NULL && j < json_array_get_length (m); j++)
                if (cg_json_array_get_string (m, j) != NULL)
                  json_array_add_string_element (list, cg_json_array_get_string (m, j));
              if (json_array_get_length (list) > 0 && json_object_has_member (revs, l->data))
                json_object_set_array_member (missing, l->data, list);
              else
                json_array_unref (list);
            }
          if (json_object_get_size (missing) > 0 &&
              (!fetch (relay, dir, missing, docs, error) ||
               (docs->len > 0 && !write_docs (relay, dir, docs, error))))
            return FALSE;
        }

      /* Target first, then source (R1 of cg-replicator.c: never ahead of
       * what is written). */
      if (n > 0 && last_seq != NULL)
        {
          g_autoptr(JsonNode) seq = json_node_copy (last_seq);

          if (!write_checkpoint (relay, target_cp_path, &target_cp, seq, error) ||
              !write_checkpoint (relay, source_cp_path, &source_cp, seq, error))
            return FALSE;
          g_clear_pointer (&since, json_node_unref);
          since = g_steal_pointer (&seq);
        }
      if (n < relay->batch_size)
        return TRUE;
    }
}

static const char *
direction_title (Direction *dir)
{
  return dir->to_kiosk ? _("store → kiosk") : _("kiosk → store");
}

static void
print_direction (Direction *dir)
{
  g_autofree char *copied = cg_admin_format_count (dir->copied);
  g_autofree char *read = cg_admin_format_count (dir->read);
  g_autofree char *refused = cg_admin_format_count (dir->refused);

  g_print (_("%s: %s copied, %s changes read, %s refused\n"), direction_title (dir), copied, read, refused);
  if (dir->reduced > 0)
    {
      g_autofree char *reduced = cg_admin_format_count (dir->reduced);
      g_print (_("  %s check-ins sent without personal fields\n"), reduced);
    }
  if (dir->last_refusal != NULL)
    g_print (_("  last refused: %s\n"), dir->last_refusal);
}

static void
append_direction_json (GString   *out,
                       Direction *dir)
{
  g_string_append_printf (out, "\"%s\": {\"source\": ", dir->key);
  cg_admin_append_json_string (out, dir->source);
  g_string_append (out, ", \"target\": ");
  cg_admin_append_json_string (out, dir->target);
  g_string_append_printf (out, ", \"read\": %" G_GUINT64_FORMAT ", \"skipped\": %" G_GUINT64_FORMAT
                          ", \"copied\": %" G_GUINT64_FORMAT ", \"reduced\": %" G_GUINT64_FORMAT
                          ", \"refused\": %" G_GUINT64_FORMAT,
                          dir->read, dir->skipped, dir->copied, dir->reduced, dir->refused);
  if (dir->last_refusal != NULL)
    {
      g_string_append (out, ", \"last_refused\": ");
      cg_admin_append_json_string (out, dir->last_refusal);
    }
  g_string_append_c (out, '}');
}

/* Both directions, kiosk → store first (a check-in reaches the counter
 * before its status comes back). */
static gboolean
relay_once (Relay     *relay,
            Direction *dirs,
            GError   **error)
{
  g_free (relay->session_id);
  relay->session_id = g_uuid_string_random ();
  return relay_direction (relay, &dirs[0], error) && relay_direction (relay, &dirs[1], error);
}

typedef struct {
  Relay     *relay;
  Direction *dirs;
  GMainLoop *loop;
} Live;

static gboolean
on_tick (gpointer data)
{
  Live *live = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%H:%M:%S");

  if (!relay_once (live->relay, live->dirs, &error))
    {
      g_printerr ("%s changgu-admin %s: %s\n", stamp, COMMAND, error->message);
      return G_SOURCE_CONTINUE;
    }
  for (guint i = 0; i < 2; i++)
    if (live->dirs[i].copied > 0 || live->dirs[i].refused > 0)
      {
        g_print ("%s ", stamp);
        print_direction (&live->dirs[i]);
      }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_signal (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

int
cg_admin_relay_main (int    argc,
                     char **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *store_id = NULL;
  g_autofree char *interval_text = NULL;
  g_autofree char *batch_text = NULL;
  gboolean once = FALSE, json = FALSE;
  GOptionEntry entries[] = {
    CG_ADMIN_HTTP_OPTIONS (server, user),
    { "store", 0, 0, G_OPTION_ARG_STRING, &store_id, N_("The store whose two databases to join"), N_("S") },
    { "once", 0, 0, G_OPTION_ARG_NONE, &once, N_("Catch up in both directions, then exit"), NULL },
    { "interval", 0, 0, G_OPTION_ARG_STRING, &interval_text,
      N_("Without --once: seconds between runs (default 10)"), N_("S") },
    { "batch-size", 0, 0, G_OPTION_ARG_STRING, &batch_text, N_("Changes per batch (default 500)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the summary as JSON (with --once)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CgAdminHttp) http = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *store_db = NULL;
  g_autofree char *kiosk_db = NULL;
  guint64 interval = DEFAULT_INTERVAL_S, batch_size = DEFAULT_BATCH_SIZE;
  Relay relay = { 0 };
  Direction dirs[2] = {
    { "kiosk_to_store", NULL, NULL, kiosk_to_store_types, FALSE },
    { "store_to_kiosk", NULL, NULL, store_to_kiosk_types, TRUE },
  };
  int exit_code = CG_ADMIN_EXIT_OK;

  context = cg_admin_option_context_new (COMMAND, "",
                                         _("Runs the two filtered replications between a store's kiosk and store "
                                           "databases, for servers without _replicator (pouchdb-server)."),
                                         _("kiosk → store: check-ins, cases, feedback and device documents.\n"
                                           "store → kiosk: articles, pickups, config, and check-ins with only their\n"
                                           "ticket, status and times (no customer, name or order number).\n"
                                           "Customers, orders and everything else never reach the kiosk database.\n\n"
                                           "Checkpoints on both databases let every run start where the last ended.\n"
                                           "With Apache CouchDB, `provision` creates _replicator documents instead.\n\n"
                                           "Example:\n"
                                           "  CHANGGU_ADMIN_PASSWORD=… changgu-admin relay --server http://127.0.0.1:5984 --user admin --store 0421"),
                                         entries);
  if (!cg_admin_parse_options (context, COMMAND, &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return cg_admin_usage_error (COMMAND, _("Unexpected argument “%s”: relay takes only options."), argv[1]);
  if (server == NULL)
    return cg_admin_usage_error (COMMAND, _("Say which server with --server URL."));
  if (store_id == NULL || *store_id == '\0')
    return cg_admin_usage_error (COMMAND, _("Say which store with --store S."));
  if (interval_text != NULL && !cg_admin_parse_count (interval_text, 1, 86400, &interval))
    return cg_admin_usage_error (COMMAND, _("--interval takes a whole number of seconds from 1 to 86400, not “%s”."),
                                 interval_text);
  if (batch_text != NULL && !cg_admin_parse_count (batch_text, 1, 10000, &batch_size))
    return cg_admin_usage_error (COMMAND, _("--batch-size takes a whole number from 1 to 10000, not “%s”."), batch_text);
  if (json && !once)
    return cg_admin_usage_error (COMMAND, _("--json goes with --once."));

  http = cg_admin_http_new (server, user, &error);
  if (http == NULL)
    return g_error_matches (error, CG_ADMIN_HTTP_ERROR, CG_ADMIN_HTTP_ERROR_BAD_URL)
           ? cg_admin_usage_error (COMMAND, "%s", error->message)
           : cg_admin_failure (COMMAND, "%s", error->message);

  store_db = g_strconcat ("changgu-store-", store_id, NULL);
  kiosk_db = g_strconcat ("changgu-kiosk-", store_id, NULL);
  dirs[0].source = kiosk_db;
  dirs[0].target = store_db;
  dirs[1].source = store_db;
  dirs[1].target = kiosk_db;
  relay.http = http;
  relay.batch_size = (guint) batch_size;

  if (once)
    {
      gint64 start = g_get_monotonic_time ();
      gboolean ok = relay_once (&relay, dirs, &error);
      double seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
      gboolean refused = dirs[0].refused > 0 || dirs[1].refused > 0;

      if (json)
        {
          g_autoptr(GString) out = g_string_new ("{");
          g_string_append_printf (out, "\"ok\": %s, ", ok && !refused ? "true" : "false");
          append_direction_json (out, &dirs[0]);
          g_string_append (out, ", ");
          append_direction_json (out, &dirs[1]);
          g_string_append_printf (out, ", \"seconds\": %.3f", seconds);
          if (error != NULL)
            {
              g_string_append (out, ", \"error\": ");
              cg_admin_append_json_string (out, error->message);
            }
          g_string_append (out, "}\n");
          g_print ("%s", out->str);
        }
      else
        {
          print_direction (&dirs[0]);
          print_direction (&dirs[1]);
        }
      if (!ok)
        exit_code = json ? CG_ADMIN_EXIT_FAILURE : cg_admin_failure (COMMAND, "%s", error->message);
      else if (refused)
        exit_code = CG_ADMIN_EXIT_FAILURE;
    }
  else
    {
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      Live live = { &relay, dirs, loop };
      guint sigint = g_unix_signal_add (SIGINT, on_signal, loop);
      guint sigterm = g_unix_signal_add (SIGTERM, on_signal, loop);
      guint tick;

      g_printerr (_("Relaying %s ⇄ %s every %u s; Ctrl+C stops.\n"), kiosk_db, store_db, (guint) interval);
      on_tick (&live);
      tick = g_timeout_add_seconds ((guint) interval, on_tick, &live);
      g_main_loop_run (loop);
      g_source_remove (tick);
      g_source_remove (sigint);
      g_source_remove (sigterm);
    }

  g_free (relay.session_id);
  for (guint i = 0; i < 2; i++)
    direction_reset (&dirs[i]);
  return exit_code;
}
