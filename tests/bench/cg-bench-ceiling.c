/* cg-bench-ceiling.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server's own ceiling for the sync benchmarks: the HTTP requests a
 * replication needs, sent over one keep-alive libsoup session configured as
 * cg-remote.c configures its own (no gzip), with the response bodies read and
 * thrown away and no local work in between.
 *
 *   cg-bench-ceiling pull URL DB PAGE INFLIGHT…
 *       An untimed pass walks _changes?style=all_docs in pages of PAGE and
 *       builds, for every page, its since= value and the _bulk_get body for
 *       its revisions (and sends that _bulk_get too, so that the server is
 *       as warm for the first timed pass as for the next). Then, once per INFLIGHT argument, the timed pass
 *       replays exactly those requests — GET _changes, POST
 *       _bulk_get?revs=true&latest=true, page after page — with at most
 *       INFLIGHT requests outstanding (1: strictly one after another, as the
 *       replicator does today; 2: what a pipelined client could reach).
 *   cg-bench-ceiling push URL DB FILE INFLIGHT
 *       POSTs every line of FILE (ready-made {"docs":[…],"new_edits":false}
 *       bodies, see cg-bench-prepare export) to DB/_bulk_docs, at most
 *       INFLIGHT at a time. DB must exist. Also used, untimed, for seeding.
 *
 * Prints one JSON object per line:
 *   {"mode":"pull","inflight":1,"docs":N,"requests":R,"seconds":S,"bytes":B,
 *    "server_cpu_s":C}
 * where server_cpu_s is the user+system time of the process whose pid is in
 * CG_BENCH_SERVER_PID over the timed pass (-1 without it).
 * Exits 1 on any failed request.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#define REQUEST_TIMEOUT_S 300

typedef struct {
  char   *method;
  char   *uri;
  GBytes *body;      /* nullable */
} Request;

static void
request_free (Request *r)
{
  g_free (r->method);
  g_free (r->uri);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_free (r);
}

static Request *
request_new (const char *method,
             char       *uri,
             GBytes     *body)
{
  Request *r = g_new0 (Request, 1);

  r->method = g_strdup (method);
  r->uri = uri;
  r->body = body;
  return r;
}

/* As cg-remote.c: keep-alive, several connections allowed, no decoder (so
 * no Accept-Encoding: gzip, which costs the peer CPU). */
static SoupSession *
new_session (void)
{
  SoupSession *session = soup_session_new_with_options ("max-conns-per-host", 6,
                                                        "timeout", REQUEST_TIMEOUT_S,
                                                        "idle-timeout", 4,
                                                        NULL);
  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);
  soup_session_set_user_agent (session, "Changgu-bench/" PACKAGE_VERSION);
  return session;
}

static SoupMessage *
make_message (Request *r)
{
  SoupMessage *msg = soup_message_new (r->method, r->uri);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "Accept", "application/json");
  if (r->body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", r->body);
  soup_message_set_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
  return msg;
}

/* One synchronous request (the untimed pass). */
static GBytes *
fetch_sync (SoupSession *session,
            Request     *r)
{
  g_autoptr(SoupMessage) msg = make_message (r);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = soup_session_send_and_read (session, msg, NULL, &error);
  guint status = soup_message_get_status (msg);

  if (bytes == NULL || status < 200 || status >= 300)
    {
      fprintf (stderr, "cg-bench-ceiling: %s %s: %s (HTTP %u)\n", r->method, r->uri,
               error ? error->message : "failed", status);
      exit (1);
    }
  return bytes;
}

/* User+system seconds of the server so far (-1 if unknown). */
static double
server_cpu_seconds (void)
{
  const char *pid = g_getenv ("CG_BENCH_SERVER_PID");
  g_autofree char *path = NULL;
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *close_paren;

  if (pid == NULL)
    return -1;
  path = g_strdup_printf ("/proc/%s/stat", pid);
  if (!g_file_get_contents (path, &stat, NULL, NULL) || (close_paren = strrchr (stat, ')')) == NULL)
    return -1;
  fields = g_strsplit (close_paren + 2, " ", 14);
  if (g_strv_length (fields) < 14)
    return -1;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

/* ------------------------------------------------------------ replay */

typedef struct {
  SoupSession *session;
  GPtrArray   *requests;
  guint        next;
  guint        in_flight;
  guint        max_in_flight;
  guint64      bytes;
  GMainLoop   *loop;
} Replay;

static void replay_fill (Replay *replay);

static void
on_replayed (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Replay *replay = data;
  g_autoptr(GError) error = NULL;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  guint status = msg ? soup_message_get_status (msg) : 0;

  if (bytes == NULL || status < 200 || status >= 300)
    {
      fprintf (stderr, "cg-bench-ceiling: %s (HTTP %u)\n", error ? error->message : "request failed", status);
      exit (1);
    }
  replay->bytes += g_bytes_get_size (bytes);   /* read, then thrown away */
  g_object_unref (msg);
  replay->in_flight--;
  replay_fill (replay);
}

static void
replay_fill (Replay *replay)
{
  while (replay->in_flight < replay->max_in_flight && replay->next < replay->requests->len)
    {
      Request *r = g_ptr_array_index (replay->requests, replay->next++);
      SoupMessage *msg = make_message (r);   /* unreffed in on_replayed */

      replay->in_flight++;
      soup_session_send_and_read_async (replay->session, msg, G_PRIORITY_DEFAULT, NULL,
                                        on_replayed, replay);
    }
  if (replay->in_flight == 0 && replay->next >= replay->requests->len)
    g_main_loop_quit (replay->loop);
}

/* Returns the seconds the requests took; *bytes gets what was read. */
static double
replay_run (SoupSession *session,
            GPtrArray   *requests,
            guint        in_flight,
            guint64     *bytes)
{
  Replay replay = { session, requests, 0, 0, MAX (in_flight, 1), 0, g_main_loop_new (NULL, FALSE) };
  gint64 start = g_get_monotonic_time ();

  replay_fill (&replay);
  if (replay.in_flight > 0)
    g_main_loop_run (replay.loop);
  g_main_loop_unref (replay.loop);
  *bytes = replay.bytes;
  return (g_get_monotonic_time () - start) / 1e6;
}

/* -------------------------------------------------------------- pull */

static char *
db_uri (const char *url,
        const char *db,
        const char *rest)
{
  g_autofree char *escaped = g_uri_escape_string (db, NULL, FALSE);
  return g_strconcat (url, g_str_has_suffix (url, "/") ? "" : "/", escaped, rest, NULL);
}

static char *
since_text (JsonNode *seq)
{
  g_autofree char *json = NULL;

  if (json_node_get_value_type (seq) == G_TYPE_STRING)
    return g_uri_escape_string (json_node_get_string (seq), NULL, FALSE);
  json = json_to_string (seq, FALSE);
  return g_uri_escape_string (json, NULL, FALSE);
}

static int
pull (const char  *url,
      const char  *db,
      guint        page,
      char       **modes)
{
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  g_autofree char *since = g_strdup ("0");
  g_autofree char *bulk_get = db_uri (url, db, "/_bulk_get?revs=true&latest=true");
  guint64 docs = 0;

  /* Untimed: the pages and what each asks _bulk_get for. */
  for (;;)
    {
      g_autofree char *changes = db_uri (url, db, "/_changes?style=all_docs");
      char *uri = g_strdup_printf ("%s&since=%s&limit=%u", changes, since, page);
      Request *r = request_new ("GET", uri, NULL);
      g_autoptr(GBytes) bytes = fetch_sync (session, r);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GString) body = g_string_new ("{\"docs\":[");
      JsonObject *root;
      JsonArray *rows;
      guint n, refs = 0;

      if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          fprintf (stderr, "cg-bench-ceiling: _changes is not JSON\n");
          return 1;
        }
      root = json_node_get_object (json_parser_get_root (parser));
      rows = json_object_get_array_member (root, "results");
      n = json_array_get_length (rows);
      if (n == 0)
        {
          request_free (r);
          break;
        }
      g_ptr_array_add (requests, r);
      for (guint i = 0; i < n; i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          JsonArray *revs = json_object_get_array_member (row, "changes");
          g_autoptr(JsonGenerator) gen = json_generator_new ();
          for (guint j = 0; j < json_array_get_length (revs); j++)
            {
              g_autoptr(JsonNode) id = json_node_init_string (json_node_alloc (), json_object_get_string_member (row, "id"));
              g_autofree char *id_json = json_to_string (id, FALSE);
              const char *rev = json_object_get_string_member (json_array_get_object_element (revs, j), "rev");
              g_string_append_printf (body, "%s{\"id\":%s,\"rev\":\"%s\"}", refs++ ? "," : "", id_json, rev);
            }
        }
      g_string_append (body, "]}");
      docs += refs;
      r = request_new ("POST", g_strdup (bulk_get), g_string_free_to_bytes (g_steal_pointer (&body)));
      g_bytes_unref (fetch_sync (session, r));   /* warm-up */
      g_ptr_array_add (requests, r);
      g_free (since);
      since = since_text (json_object_get_member (json_array_get_object_element (rows, n - 1), "seq"));
      if (n < page)
        break;
    }

  for (guint m = 0; modes[m] != NULL; m++)
    {
      guint in_flight = (guint) strtoul (modes[m], NULL, 10);
      guint64 bytes = 0;
      double cpu0 = server_cpu_seconds ();
      double seconds = replay_run (session, requests, in_flight, &bytes);
      double cpu1 = server_cpu_seconds ();

      printf ("{\"mode\":\"pull\",\"inflight\":%u,\"docs\":%" G_GUINT64_FORMAT ",\"requests\":%u,"
              "\"seconds\":%.3f,\"bytes\":%" G_GUINT64_FORMAT ",\"server_cpu_s\":%.2f}\n",
              in_flight, docs, requests->len, seconds, bytes, cpu0 >= 0 && cpu1 >= 0 ? cpu1 - cpu0 : -1);
      fflush (stdout);
    }
  return 0;
}

/* -------------------------------------------------------------- push */

static int
push (const char *url,
      const char *db,
      const char *file,
      guint       in_flight)
{
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *uri = db_uri (url, db, "/_bulk_docs");
  char **lines = NULL;
  guint64 docs = 0, bytes = 0;
  double seconds, cpu0, cpu1;
  gsize length;

  if (!g_file_get_contents (file, &contents, &length, &error))
    {
      fprintf (stderr, "cg-bench-ceiling: %s\n", error->message);
      return 1;
    }
  lines = g_strsplit (contents, "\n", -1);
  g_clear_pointer (&contents, g_free);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p;
      gsize len = strlen (lines[i]);
      if (len == 0)
        {
          g_free (lines[i]);
          continue;
        }
      /* Each document carries exactly one "_revisions". */
      for (p = strstr (lines[i], "\"_revisions\":"); p != NULL; p = strstr (p + 1, "\"_revisions\":"))
        docs++;
      g_ptr_array_add (requests, request_new ("POST", g_strdup (uri),
                                              g_bytes_new_take (lines[i], len)));
    }
  g_free (lines);

  cpu0 = server_cpu_seconds ();
  seconds = replay_run (session, requests, in_flight, &bytes);
  cpu1 = server_cpu_seconds ();
  printf ("{\"mode\":\"push\",\"inflight\":%u,\"docs\":%" G_GUINT64_FORMAT ",\"requests\":%u,"
          "\"seconds\":%.3f,\"bytes\":%" G_GUINT64_FORMAT ",\"server_cpu_s\":%.2f}\n",
          in_flight, docs, requests->len, seconds, bytes, cpu0 >= 0 && cpu1 >= 0 ? cpu1 - cpu0 : -1);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  if (argc >= 6 && g_str_equal (argv[1], "pull"))
    return pull (argv[2], argv[3], MAX (1, (guint) strtoul (argv[4], NULL, 10)), argv + 5);
  if (argc == 6 && g_str_equal (argv[1], "push"))
    return push (argv[2], argv[3], argv[4], (guint) strtoul (argv[5], NULL, 10));
  fprintf (stderr, "usage: cg-bench-ceiling pull URL DB PAGE INFLIGHT…\n"
                   "       cg-bench-ceiling push URL DB FILE INFLIGHT\n");
  return 2;
}
