/* cg-fault-proxy.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fault-injecting HTTP/1.1 proxy for the sync tests (SYNC.md, "Test
 * peers").
 *
 * The listening socket belongs to a GSocketService whose accept sources run
 * on the proxy's own thread and main context, so the test's main thread can
 * block in synchronous requests without starving it. Each accepted
 * connection is served by a thread of its own with plain blocking I/O (with
 * timeouts), which keeps the byte-level faults straightforward to write.
 *
 * One request per connection: the proxy answers with `Connection: close`
 * and asks the upstream for the same, so every response is delimited by its
 * own framing or by the end of the connection, and no connection state has
 * to survive a fault.
 *
 * Responses are relayed as they arrive (a longpoll or continuous _changes
 * feed works through the proxy), except for the faults that cut the body,
 * which first read the upstream's whole body.
 */
#define G_LOG_DOMAIN "cg-fault-proxy"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#ifdef __linux__
#include <linux/sockios.h>
#endif
#include <libsoup/soup.h>

#include "cg-fault-proxy.h"

#define IO_TIMEOUT_S         120
#define MAX_HEAD_BYTES       (64 * 1024)
#define MAX_LINE_BYTES       (8 * 1024)
#define MAX_BODY_BYTES       ((gsize) 1024 * 1024 * 1024)
#define READ_SIZE            (64 * 1024)
#define DEFAULT_DELAY_MS     2000
#define FREE_TIMEOUT_S       10
#define DRAIN_TIMEOUT_MS     2000

/* Plainly not JSON to any parser, however lenient, yet starting like the
 * real thing so that a client cannot tell from the first bytes. */
#define MALFORMED_BODY "{\"ok\":true,\"rows\":[{\"id\":<garbage from cg-fault-proxy>}]}"

struct _CgFaultProxy
{
  char           *url;
  guint16         port;
  GSocketAddress *upstream;
  char           *upstream_host;   /* for the Host header */

  GMainContext   *context;
  GMainLoop      *loop;
  GThread        *thread;
  GSocketService *service;
  GCancellable   *cancellable;     /* cancelled by free: cuts open connections */

  GMutex          lock;
  GCond           cond;            /* active dropped, or closing */
  CgFault         fault;
  guint           times;           /* remaining; unused while unlimited */
  guint           skip;            /* matching requests let through first */
  gboolean        unlimited;
  char           *path_contains;
  guint           delay_ms;
  gsize           max_body;        /* 0: no limit */
  guint           injected;
  guint           requests;
  guint           active;          /* connections being served */
  gboolean        closing;
  gboolean        verbose;         /* log every request, not only faults */
};

typedef struct {
  CgFaultProxy      *proxy;
  GSocketConnection *connection;
} Job;

/* A buffered reader over a blocking stream. */
typedef struct {
  GInputStream *stream;
  GCancellable *cancellable;
  GByteArray   *buffer;
  gsize         start;           /* consumed bytes at the front of buffer */
  gboolean      eof;
} Reader;

/* Names */

static const struct {
  CgFault     fault;
  const char *name;
} fault_names[] = {
  { CG_FAULT_NONE, "none" },
  { CG_FAULT_RESET_MID_BODY, "reset-mid-body" },
  { CG_FAULT_TRUNCATE_JSON, "truncate-json" },
  { CG_FAULT_MALFORMED_JSON, "malformed-json" },
  { CG_FAULT_STATUS_500, "500" },
  { CG_FAULT_STATUS_503, "503" },
  { CG_FAULT_STATUS_401, "401" },
  { CG_FAULT_STATUS_413, "413" },
  { CG_FAULT_SLOW, "slow" },
  { CG_FAULT_REFUSE, "refuse" },
};

const char *
cg_fault_to_string (CgFault fault)
{
  for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
    if (fault_names[i].fault == fault)
      return fault_names[i].name;
  return "unknown";
}

gboolean
cg_fault_from_string (const char *name,
                      CgFault    *fault)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (fault_names); i++)
    if (g_ascii_strcasecmp (fault_names[i].name, name) == 0)
      {
        *fault = fault_names[i].fault;
        return TRUE;
      }
  return FALSE;
}

/* Reading */

static void
reader_init (Reader       *reader,
             GInputStream *stream,
             GCancellable *cancellable)
{
  reader->stream = stream;
  reader->cancellable = cancellable;
  reader->buffer = g_byte_array_new ();
  reader->start = 0;
  reader->eof = FALSE;
}

static void
reader_clear (Reader *reader)
{
  g_clear_pointer (&reader->buffer, g_byte_array_unref);
}

static gsize
reader_available (Reader *reader)
{
  return reader->buffer->len - reader->start;
}

static const guint8 *
reader_data (Reader *reader)
{
  return reader->buffer->data + reader->start;
}

static void
reader_consume (Reader *reader,
                gsize   n)
{
  reader->start += n;
  if (reader->start == reader->buffer->len)
    {
      g_byte_array_set_size (reader->buffer, 0);
      reader->start = 0;
    }
}

/* Reads more bytes into the buffer; FALSE on error, TRUE with eof set at
 * the end of the stream. */
static gboolean
reader_fill (Reader  *reader,
             GError **error)
{
  guint8 chunk[READ_SIZE];
  gssize n;

  if (reader->start > 0)
    {
      g_byte_array_remove_range (reader->buffer, 0, reader->start);
      reader->start = 0;
    }
  n = g_input_stream_read (reader->stream, chunk, sizeof chunk, reader->cancellable, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    reader->eof = TRUE;
  else
    g_byte_array_append (reader->buffer, chunk, n);
  return TRUE;
}

static gssize
find_bytes (const guint8 *data,
            gsize         length,
            const char   *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (data + i, needle, needle_length) == 0)
      return i;
  return -1;
}

/* Reads up to and including @terminator; returns what came before it.
 * NULL with no error at a clean end of stream before any byte. */
static char *
reader_read_until (Reader      *reader,
                   const char  *terminator,
                   gsize        max,
                   GError     **error)
{
  gssize at;

  while ((at = find_bytes (reader_data (reader), reader_available (reader), terminator)) < 0)
    {
      if (reader_available (reader) > max)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       "more than %" G_GSIZE_FORMAT " bytes without a line end", max);
          return NULL;
        }
      if (!reader_fill (reader, error))
        return NULL;
      if (reader->eof)
        {
          if (reader_available (reader) > 0)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                 "the connection closed in the middle of a line");
          return NULL;
        }
    }

  {
    char *text = g_strndup ((const char *) reader_data (reader), at);
    reader_consume (reader, at + strlen (terminator));
    return text;
  }
}

/* Hands up to @max buffered-or-fresh bytes to the caller. */
static gssize
reader_read_some (Reader   *reader,
                  guint8   *out,
                  gsize     max,
                  GError  **error)
{
  gsize n;

  if (reader_available (reader) == 0)
    {
      if (!reader_fill (reader, error))
        return -1;
      if (reader->eof)
        return 0;
    }
  n = MIN (max, reader_available (reader));
  memcpy (out, reader_data (reader), n);
  reader_consume (reader, n);
  return n;
}

/* Body framing */

typedef enum {
  FRAMING_NONE,
  FRAMING_LENGTH,
  FRAMING_CHUNKED,
  FRAMING_EOF,
} Framing;

/* Reads a body in @framing, passing each piece to @sink as it arrives.
 * @sink returns FALSE (with an error) to stop. */
typedef gboolean (*BodySink) (const guint8  *data,
                              gsize          length,
                              gpointer       user_data,
                              GError       **error);

static gboolean
read_body (Reader    *reader,
           Framing    framing,
           goffset    length,
           BodySink   sink,
           gpointer   user_data,
           GError   **error)
{
  g_autofree guint8 *piece = g_malloc (READ_SIZE);

  switch (framing)
    {
    case FRAMING_NONE:
      return TRUE;

    case FRAMING_LENGTH:
      while (length > 0)
        {
          gssize n = reader_read_some (reader, piece, MIN ((goffset) READ_SIZE, length), error);
          if (n < 0)
            return FALSE;
          if (n == 0)
            {
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                   "the body ended before its Content-Length");
              return FALSE;
            }
          if (!sink (piece, n, user_data, error))
            return FALSE;
          length -= n;
        }
      return TRUE;

    case FRAMING_EOF:
      for (;;)
        {
          gssize n = reader_read_some (reader, piece, READ_SIZE, error);
          if (n < 0)
            return FALSE;
          if (n == 0)
            return TRUE;
          if (!sink (piece, n, user_data, error))
            return FALSE;
        }

    case FRAMING_CHUNKED:
      for (;;)
        {
          g_autofree char *line = reader_read_until (reader, "\r\n", MAX_LINE_BYTES, error);
          guint64 size;
          char *end;

          if (line == NULL)
            {
              if (error != NULL && *error == NULL)
                g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                     "the chunked body ended early");
              return FALSE;
            }
          size = g_ascii_strtoull (line, &end, 16);
          if (end == line || (*end != '\0' && *end != ';' && *end != ' ') ||
              size > MAX_BODY_BYTES)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "bad chunk size line: %s", line);
              return FALSE;
            }
          if (size == 0)
            {
              /* Trailers, up to the empty line. Bounded by the line limit
               * and the stream's timeout. */
              for (guint i = 0; i < 100; i++)
                {
                  g_autofree char *trailer = reader_read_until (reader, "\r\n", MAX_LINE_BYTES, error);
                  if (trailer == NULL)
                    return error == NULL || *error == NULL;
                  if (*trailer == '\0')
                    return TRUE;
                }
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   "too many trailers");
              return FALSE;
            }
          if (!read_body (reader, FRAMING_LENGTH, size, sink, user_data, error))
            return FALSE;
          {
            g_autofree char *crlf = reader_read_until (reader, "\r\n", 2, error);
            if (crlf == NULL || *crlf != '\0')
              {
                if (error != NULL && *error == NULL)
                  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                       "no CRLF after a chunk");
                return FALSE;
              }
          }
        }
    }
  g_assert_not_reached ();
}

static gboolean
collect_sink (const guint8  *data,
              gsize          length,
              gpointer       user_data,
              GError       **error)
{
  GByteArray *collected = user_data;

  if (collected->len + length > MAX_BODY_BYTES)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                           "body too large for the proxy");
      return FALSE;
    }
  g_byte_array_append (collected, data, length);
  return TRUE;
}

static GBytes *
read_whole_body (Reader   *reader,
                 Framing   framing,
                 goffset   length,
                 GError  **error)
{
  g_autoptr(GByteArray) collected = g_byte_array_new ();

  if (!read_body (reader, framing, length, collect_sink, collected, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&collected));
}

static Framing
framing_of (SoupMessageHeaders *headers,
            goffset            *length)
{
  *length = 0;
  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_CONTENT_LENGTH:
      *length = soup_message_headers_get_content_length (headers);
      return *length > 0 ? FRAMING_LENGTH : FRAMING_NONE;
    case SOUP_ENCODING_CHUNKED:
      return FRAMING_CHUNKED;
    case SOUP_ENCODING_EOF:
      return FRAMING_EOF;
    case SOUP_ENCODING_NONE:
    case SOUP_ENCODING_UNRECOGNIZED:
    case SOUP_ENCODING_BYTERANGES:
    default:
      return FRAMING_NONE;
    }
}

/* Writing */

static gboolean
write_all (GOutputStream  *out,
           const void     *data,
           gsize           length,
           GCancellable   *cancellable,
           GError        **error)
{
  return g_output_stream_write_all (out, data, length, NULL, cancellable, error);
}

static gboolean
is_hop_by_hop (const char *name)
{
  static const char * const names[] = {
    "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate",
    "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    "Expect", "Content-Length", "Host",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (names[i], name) == 0)
      return TRUE;
  return FALSE;
}

static void
append_header (const char *name,
               const char *value,
               gpointer    user_data)
{
  GString *head = user_data;

  if (!is_hop_by_hop (name))
    g_string_append_printf (head, "%s: %s\r\n", name, value);
}

/* A response head with the end-to-end headers of @headers (nullable) and
 * our own framing. @content_length < 0: chunked; G_MAXINT64: delimited by
 * the end of the connection; else Content-Length. */
static GString *
response_head (guint               status,
               const char         *reason,
               SoupMessageHeaders *headers,
               gint64              content_length)
{
  GString *head = g_string_new (NULL);

  g_string_append_printf (head, "HTTP/1.1 %u %s\r\n", status,
                          reason != NULL ? reason : soup_status_get_phrase (status));
  if (headers != NULL)
    soup_message_headers_foreach (headers, append_header, head);
  if (content_length < 0)
    g_string_append (head, "Transfer-Encoding: chunked\r\n");
  else if (content_length != G_MAXINT64)
    g_string_append_printf (head, "Content-Length: %" G_GINT64_FORMAT "\r\n", content_length);
  g_string_append (head, "Connection: close\r\n\r\n");
  return head;
}

static gboolean
write_json_response (GOutputStream  *out,
                     guint           status,
                     const char     *json,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GString) head = NULL;

  soup_message_headers_replace (headers, "Content-Type", "application/json");
  soup_message_headers_replace (headers, "Cache-Control", "must-revalidate");
  head = response_head (status, NULL, headers, strlen (json));
  return write_all (out, head->str, head->len, cancellable, error) &&
         write_all (out, json, strlen (json), cancellable, error);
}

typedef struct {
  GOutputStream *out;
  GCancellable  *cancellable;
  gboolean       chunked;
} RelaySink;

static gboolean
relay_sink (const guint8  *data,
            gsize          length,
            gpointer       user_data,
            GError       **error)
{
  RelaySink *relay = user_data;

  if (relay->chunked)
    {
      char size[32];
      int n = g_snprintf (size, sizeof size, "%" G_GSIZE_MODIFIER "x\r\n", length);

      return write_all (relay->out, size, n, relay->cancellable, error) &&
             write_all (relay->out, data, length, relay->cancellable, error) &&
             write_all (relay->out, "\r\n", 2, relay->cancellable, error);
    }
  return write_all (relay->out, data, length, relay->cancellable, error);
}

/* Connections */

static GSocket *
socket_of (GSocketConnection *connection)
{
  return g_socket_connection_get_socket (connection);
}

/* Waits (briefly) until the kernel has handed everything we wrote to the
 * peer, so that a reset does not throw away bytes the fault promises. */
static void
drain_send_queue (GSocket *socket)
{
#ifdef SIOCOUTQ
  gint64 deadline = g_get_monotonic_time () + DRAIN_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  int pending = 0;

  while (g_get_monotonic_time () < deadline &&
         ioctl (g_socket_get_fd (socket), SIOCOUTQ, &pending) == 0 && pending > 0)
    g_usleep (2 * G_TIME_SPAN_MILLISECOND);
#else
  g_usleep (50 * G_TIME_SPAN_MILLISECOND);
#endif
}

/* Closes with RST instead of FIN: SO_LINGER with a zero timeout. */
static void
reset_connection (GSocketConnection *connection)
{
  GSocket *socket = socket_of (connection);
  struct linger linger = { .l_onoff = 1, .l_linger = 0 };

  drain_send_queue (socket);
  if (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger) != 0)
    g_debug ("SO_LINGER: %s", g_strerror (errno));
  g_socket_close (socket, NULL);
}

/* FIN after the response, then close. */
static void
finish_connection (GSocketConnection *connection)
{
  GSocket *socket = socket_of (connection);

  if (!g_socket_is_closed (socket))
    {
      g_socket_shutdown (socket, FALSE, TRUE, NULL);
      g_socket_close (socket, NULL);
    }
}

static CgFault
take_fault (CgFaultProxy *self,
            const char   *target,
            guint        *delay_ms)
{
  CgFault fault = CG_FAULT_NONE;

  g_mutex_lock (&self->lock);
  self->requests++;
  if (self->fault != CG_FAULT_NONE &&
      (self->path_contains == NULL || strstr (target, self->path_contains) != NULL) &&
      self->skip > 0)
    self->skip--;
  else if (self->fault != CG_FAULT_NONE &&
           (self->path_contains == NULL || strstr (target, self->path_contains) != NULL))
    {
      fault = self->fault;
      self->injected++;
      if (!self->unlimited && --self->times == 0)
        {
          self->fault = CG_FAULT_NONE;
          g_clear_pointer (&self->path_contains, g_free);
        }
    }
  *delay_ms = self->delay_ms;
  g_mutex_unlock (&self->lock);
  return fault;
}

/* The request size limit, as a fault of its own. */
static gboolean
over_max_body (CgFaultProxy *self,
               gsize         size)
{
  gboolean over;

  g_mutex_lock (&self->lock);
  over = self->max_body > 0 && size > self->max_body;
  if (over)
    self->injected++;
  g_mutex_unlock (&self->lock);
  return over;
}

/* Sleeps @delay_ms, or less if the proxy is being freed. */
static void
interruptible_sleep (CgFaultProxy *self,
                     guint         delay_ms)
{
  gint64 end = g_get_monotonic_time () + delay_ms * G_TIME_SPAN_MILLISECOND;

  g_mutex_lock (&self->lock);
  while (!self->closing && g_get_monotonic_time () < end)
    g_cond_wait_until (&self->cond, &self->lock, end);
  g_mutex_unlock (&self->lock);
}

static const char *
error_body_for (CgFault fault,
                guint  *status)
{
  switch (fault)
    {
    case CG_FAULT_STATUS_500:
      *status = 500;
      return "{\"error\":\"internal_server_error\",\"reason\":\"injected by cg-fault-proxy\"}";
    case CG_FAULT_STATUS_503:
      *status = 503;
      return "{\"error\":\"service_unavailable\",\"reason\":\"injected by cg-fault-proxy\"}";
    case CG_FAULT_STATUS_401:
      *status = 401;
      return "{\"error\":\"unauthorized\",\"reason\":\"Name or password is incorrect.\"}";
    case CG_FAULT_STATUS_413:
      *status = 413;
      return "{\"error\":\"too_large\",\"reason\":\"the request entity is too large\"}";
    case CG_FAULT_NONE:
    case CG_FAULT_RESET_MID_BODY:
    case CG_FAULT_TRUNCATE_JSON:
    case CG_FAULT_MALFORMED_JSON:
    case CG_FAULT_SLOW:
    case CG_FAULT_REFUSE:
    default:
      return NULL;
    }
}

/* Forwards the request and sends back the (possibly damaged) response. */
static gboolean
forward (CgFaultProxy        *self,
         GSocketConnection   *client,
         const char          *method,
         const char          *target,
         SoupMessageHeaders  *request_headers,
         GBytes              *request_body,
         CgFault              fault,
         guint                delay_ms,
         GError             **error)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (client));
  g_autoptr(GSocketClient) connector = g_socket_client_new ();
  g_autoptr(GSocketConnection) upstream = NULL;
  g_autoptr(GString) request_head = g_string_new (NULL);
  g_autoptr(SoupMessageHeaders) response_headers = NULL;
  g_autoptr(GString) head = NULL;
  g_autofree char *upstream_head = NULL;
  g_autofree char *reason = NULL;
  GOutputStream *upstream_out;
  Reader reader;
  guint status = 0;
  Framing framing;
  goffset length;
  gboolean ok = FALSE;

  /* Loopback only: never a proxy from the environment. */
  g_socket_client_set_enable_proxy (connector, FALSE);
  g_socket_client_set_timeout (connector, IO_TIMEOUT_S);
  upstream = g_socket_client_connect (connector, G_SOCKET_CONNECTABLE (self->upstream),
                                      self->cancellable, error);
  if (upstream == NULL)
    {
      g_autofree char *json = g_strdup_printf ("{\"error\":\"bad_gateway\",\"reason\":\"%s\"}",
                                               "cg-fault-proxy cannot reach the upstream");
      write_json_response (out, 502, json, self->cancellable, NULL);
      return FALSE;
    }

  /* The faults that cut or replace the body must work on the JSON bytes,
   * not on a compressed stream (pouchdb-server gzips when asked, and
   * libsoup asks by default). */
  if (fault == CG_FAULT_RESET_MID_BODY || fault == CG_FAULT_TRUNCATE_JSON ||
      fault == CG_FAULT_MALFORMED_JSON)
    soup_message_headers_remove (request_headers, "Accept-Encoding");

  g_string_append_printf (request_head, "%s %s HTTP/1.1\r\nHost: %s\r\n",
                          method, target, self->upstream_host);
  soup_message_headers_foreach (request_headers, append_header, request_head);
  if (request_body != NULL)
    g_string_append_printf (request_head, "Content-Length: %" G_GSIZE_FORMAT "\r\n",
                            g_bytes_get_size (request_body));
  g_string_append (request_head, "Connection: close\r\n\r\n");

  upstream_out = g_io_stream_get_output_stream (G_IO_STREAM (upstream));
  if (!write_all (upstream_out, request_head->str, request_head->len, self->cancellable, error) ||
      (request_body != NULL &&
       !write_all (upstream_out, g_bytes_get_data (request_body, NULL),
                   g_bytes_get_size (request_body), self->cancellable, error)))
    return FALSE;

  reader_init (&reader, g_io_stream_get_input_stream (G_IO_STREAM (upstream)), self->cancellable);

  upstream_head = reader_read_until (&reader, "\r\n\r\n", MAX_HEAD_BYTES, error);
  if (upstream_head == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                             "the upstream closed without a response");
      goto out;
    }
  response_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  {
    g_autofree char *with_crlf = g_strconcat (upstream_head, "\r\n", NULL);
    if (!soup_headers_parse_response (with_crlf, strlen (with_crlf), response_headers,
                                      NULL, &status, &reason))
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             "the upstream's response head does not parse");
        goto out;
      }
  }

  framing = framing_of (response_headers, &length);
  if (g_str_equal (method, "HEAD") || status < 200 || status == 204 || status == 304)
    framing = FRAMING_NONE;

  /* Tests print debug messages, and a sync test makes thousands of
   * requests: only faults are logged, unless asked for. */
  if (fault != CG_FAULT_NONE || self->verbose)
    g_debug ("%s %s -> %u (%s)", method, target, status, cg_fault_to_string (fault));

  switch (fault)
    {
    case CG_FAULT_RESET_MID_BODY:
    case CG_FAULT_TRUNCATE_JSON:
      {
        g_autoptr(GBytes) body = read_whole_body (&reader, framing, length, error);
        gsize half;

        if (body == NULL)
          goto out;
        half = g_bytes_get_size (body) / 2;
        /* RESET promises the whole length and breaks off; TRUNCATE is a
         * well-formed response whose content is cut. */
        head = response_head (status, reason, response_headers,
                              fault == CG_FAULT_RESET_MID_BODY ? (gint64) g_bytes_get_size (body)
                                                               : (gint64) half);
        if (!write_all (out, head->str, head->len, self->cancellable, error) ||
            !write_all (out, g_bytes_get_data (body, NULL), half, self->cancellable, error))
          goto out;
        if (fault == CG_FAULT_RESET_MID_BODY)
          reset_connection (client);
        ok = TRUE;
        break;
      }

    case CG_FAULT_MALFORMED_JSON:
      {
        g_autoptr(GBytes) body = read_whole_body (&reader, framing, length, error);

        if (body == NULL)
          goto out;
        ok = write_json_response (out, 200, MALFORMED_BODY, self->cancellable, error);
        break;
      }

    case CG_FAULT_SLOW:
    case CG_FAULT_NONE:
    case CG_FAULT_STATUS_500:
    case CG_FAULT_STATUS_503:
    case CG_FAULT_STATUS_401:
    case CG_FAULT_STATUS_413:
    case CG_FAULT_REFUSE:
    default:
      {
        RelaySink relay = { out, self->cancellable, framing == FRAMING_CHUNKED };
        gint64 content_length;

        if (fault == CG_FAULT_SLOW)
          interruptible_sleep (self, delay_ms);

        switch (framing)
          {
          case FRAMING_CHUNKED:
            content_length = -1;
            break;
          case FRAMING_EOF:
            content_length = G_MAXINT64;
            break;
          case FRAMING_LENGTH:
            content_length = length;
            break;
          case FRAMING_NONE:
          default:
            /* Keep the upstream's Content-Length for HEAD and the like. */
            content_length = soup_message_headers_get_encoding (response_headers) ==
                               SOUP_ENCODING_CONTENT_LENGTH
                             ? soup_message_headers_get_content_length (response_headers)
                             : 0;
            if (status < 200 || status == 204 || status == 304)
              content_length = G_MAXINT64;
            break;
          }
        head = response_head (status, reason, response_headers, content_length);
        if (!write_all (out, head->str, head->len, self->cancellable, error) ||
            !read_body (&reader, framing, length, relay_sink, &relay, error))
          goto out;
        if (framing == FRAMING_CHUNKED &&
            !write_all (out, "0\r\n\r\n", 5, self->cancellable, error))
          goto out;
        ok = TRUE;
        break;
      }
    }

out:
  reader_clear (&reader);
  g_io_stream_close (G_IO_STREAM (upstream), NULL, NULL);
  return ok;
}

static void
serve (CgFaultProxy      *self,
       GSocketConnection *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *head = NULL;
  g_autofree char *method = NULL;
  g_autofree char *target = NULL;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (client));
  Reader reader;
  Framing framing;
  goffset length;
  CgFault fault = CG_FAULT_NONE;
  guint delay_ms;
  guint status;
  const char *json;

  g_socket_set_timeout (socket_of (client), IO_TIMEOUT_S);
  reader_init (&reader, g_io_stream_get_input_stream (G_IO_STREAM (client)), self->cancellable);

  head = reader_read_until (&reader, "\r\n\r\n", MAX_HEAD_BYTES, &error);
  if (head == NULL)
    goto out;  /* the client connected and went away, or sent junk */

  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  {
    g_autofree char *with_crlf = g_strconcat (head, "\r\n", NULL);
    if (soup_headers_parse_request (with_crlf, strlen (with_crlf), headers,
                                    &method, &target, NULL) != SOUP_STATUS_OK)
      {
        write_json_response (out, 400, "{\"error\":\"bad_request\",\"reason\":\"cg-fault-proxy: bad request head\"}",
                             self->cancellable, NULL);
        goto out;
      }
  }

  /* curl, for one, waits a second for this before sending a large body. */
  if (soup_message_headers_get_expectations (headers) & SOUP_EXPECTATION_CONTINUE &&
      !write_all (out, "HTTP/1.1 100 Continue\r\n\r\n", 25, self->cancellable, &error))
    goto out;

  framing = framing_of (headers, &length);
  if (framing == FRAMING_EOF)
    framing = FRAMING_NONE;  /* a request without framing has no body */
  if (framing != FRAMING_NONE ||
      soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    {
      body = read_whole_body (&reader, framing, length, &error);
      if (body == NULL)
        goto out;
    }

  fault = take_fault (self, target, &delay_ms);
  if (fault == CG_FAULT_NONE && body != NULL && over_max_body (self, g_bytes_get_size (body)))
    fault = CG_FAULT_STATUS_413;

  switch (fault)
    {
    case CG_FAULT_REFUSE:
      g_debug ("%s %s -> reset (refuse)", method, target);
      reset_connection (client);
      break;

    case CG_FAULT_STATUS_500:
    case CG_FAULT_STATUS_503:
    case CG_FAULT_STATUS_401:
    case CG_FAULT_STATUS_413:
      json = error_body_for (fault, &status);
      g_debug ("%s %s -> %u (injected)", method, target, status);
      write_json_response (out, status, json, self->cancellable, &error);
      break;

    case CG_FAULT_NONE:
    case CG_FAULT_RESET_MID_BODY:
    case CG_FAULT_TRUNCATE_JSON:
    case CG_FAULT_MALFORMED_JSON:
    case CG_FAULT_SLOW:
    default:
      forward (self, client, method, target, headers, body, fault, delay_ms, &error);
      break;
    }

out:
  if (error != NULL && (self->verbose || fault != CG_FAULT_NONE ||
                        !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    g_debug ("%s %s: %s", method ? method : "-", target ? target : "-", error->message);
  reader_clear (&reader);
  finish_connection (client);
}

static gpointer
job_thread (gpointer data)
{
  Job *job = data;
  CgFaultProxy *self = job->proxy;

  serve (self, job->connection);
  g_object_unref (job->connection);
  g_free (job);

  /* The last touch of self: free waits for active to reach 0. */
  g_mutex_lock (&self->lock);
  self->active--;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  return NULL;
}

/* On the proxy thread. */
static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  CgFaultProxy *self = user_data;
  g_autoptr(GError) error = NULL;
  GThread *thread;
  Job *job;

  g_mutex_lock (&self->lock);
  if (self->closing)
    {
      g_mutex_unlock (&self->lock);
      return TRUE;  /* the connection is closed when its last ref drops */
    }
  self->active++;
  g_mutex_unlock (&self->lock);

  job = g_new0 (Job, 1);
  job->proxy = self;
  job->connection = g_object_ref (connection);
  thread = g_thread_try_new ("cg-fault-proxy-conn", job_thread, job, &error);
  if (thread == NULL)
    {
      g_debug ("no thread for a connection: %s", error->message);
      g_object_unref (job->connection);
      g_free (job);
      g_mutex_lock (&self->lock);
      self->active--;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
      return TRUE;
    }
  g_thread_unref (thread);
  return TRUE;
}

static gpointer
proxy_thread (gpointer data)
{
  CgFaultProxy *self = data;

  /* GSocketService re-arms its accept in whatever context is the thread
   * default when a connection comes in: this one. */
  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static gboolean
stop_in_thread (gpointer data)
{
  CgFaultProxy *self = data;

  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
parse_upstream (CgFaultProxy  *self,
                const char    *upstream_url,
                GError       **error)
{
  g_autoptr(GUri) uri = g_uri_parse (upstream_url, G_URI_FLAGS_NONE, error);
  g_autoptr(GInetAddress) address = NULL;
  const char *host;
  int port;

  if (uri == NULL)
    return FALSE;
  if (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "cg-fault-proxy speaks plain http only, not %s", upstream_url);
      return FALSE;
    }
  host = g_uri_get_host (uri);
  if (g_strcmp0 (host, "localhost") == 0)
    host = "127.0.0.1";
  address = host != NULL ? g_inet_address_new_from_string (host) : NULL;
  if (address == NULL || !g_inet_address_get_is_loopback (address))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "the upstream must be a loopback address: %s", upstream_url);
      return FALSE;
    }
  port = g_uri_get_port (uri);
  if (port <= 0)
    port = 80;

  self->upstream = g_inet_socket_address_new (address, port);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    self->upstream_host = g_strdup_printf ("[%s]:%d", host, port);
  else
    self->upstream_host = g_strdup_printf ("%s:%d", host, port);
  return TRUE;
}

CgFaultProxy *
cg_fault_proxy_new (const char  *upstream_url,
                    GError     **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  CgFaultProxy *self;
  gboolean added;

  g_return_val_if_fail (upstream_url != NULL, NULL);

  self = g_new0 (CgFaultProxy, 1);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->delay_ms = DEFAULT_DELAY_MS;
  self->cancellable = g_cancellable_new ();
  self->verbose = g_strcmp0 (g_getenv ("CG_FAULT_PROXY_VERBOSE"), "1") == 0;

  if (!parse_upstream (self, upstream_url, error))
    {
      cg_fault_proxy_free (self);
      return NULL;
    }

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  /* The service is made here, with the proxy's context as the thread
   * default, so that its first accept is attached there; the proxy thread
   * then runs that context. */
  g_main_context_push_thread_default (self->context);
  self->service = g_socket_service_new ();
  added = g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), any_port,
                                         G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                         NULL, &effective, error);
  if (added)
    {
      g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming), self);
      g_socket_service_start (self->service);
    }
  g_main_context_pop_thread_default (self->context);

  if (!added)
    {
      cg_fault_proxy_free (self);
      return NULL;
    }

  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  self->url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  self->thread = g_thread_new ("cg-fault-proxy", proxy_thread, self);
  return self;
}

void
cg_fault_proxy_free (CgFaultProxy *self)
{
  gint64 deadline;
  gboolean idle;

  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->closing = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  g_cancellable_cancel (self->cancellable);

  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, stop_in_thread, self);
      g_thread_join (self->thread);
    }
  else if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
    }

  deadline = g_get_monotonic_time () + FREE_TIMEOUT_S * G_TIME_SPAN_SECOND;
  g_mutex_lock (&self->lock);
  while (self->active > 0 && g_get_monotonic_time () < deadline)
    g_cond_wait_until (&self->cond, &self->lock, deadline);
  idle = self->active == 0;
  g_mutex_unlock (&self->lock);

  if (!idle)
    {
      /* A connection thread is stuck past every timeout; leaking the proxy
       * is better than freeing memory it still uses. */
      g_printerr ("cg-fault-proxy: %u connections still open after %d s; leaking the proxy\n",
                  self->active, FREE_TIMEOUT_S);
      return;
    }

  g_clear_object (&self->service);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->upstream);
  g_free (self->upstream_host);
  g_free (self->path_contains);
  g_free (self->url);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

const char *
cg_fault_proxy_get_url (CgFaultProxy *self)
{
  return self->url;
}

guint16
cg_fault_proxy_get_port (CgFaultProxy *self)
{
  return self->port;
}

void
cg_fault_proxy_set_fault (CgFaultProxy *self,
                          CgFault       fault,
                          guint         times,
                          const char   *path_contains)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  self->fault = fault;
  self->times = times;
  self->skip = 0;
  self->unlimited = times == 0;
  g_free (self->path_contains);
  self->path_contains = fault != CG_FAULT_NONE ? g_strdup (path_contains) : NULL;
  g_mutex_unlock (&self->lock);
}

void
cg_fault_proxy_set_skip (CgFaultProxy *self,
                         guint         skip)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  self->skip = skip;
  g_mutex_unlock (&self->lock);
}

void
cg_fault_proxy_set_delay_ms (CgFaultProxy *self,
                             guint         delay_ms)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  self->delay_ms = delay_ms;
  g_mutex_unlock (&self->lock);
}

void
cg_fault_proxy_set_max_body (CgFaultProxy *self,
                             gsize         bytes)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  self->max_body = bytes;
  g_mutex_unlock (&self->lock);
}

guint
cg_fault_proxy_get_injected (CgFaultProxy *self)
{
  guint injected;

  g_mutex_lock (&self->lock);
  injected = self->injected;
  g_mutex_unlock (&self->lock);
  return injected;
}

guint
cg_fault_proxy_get_requests (CgFaultProxy *self)
{
  guint requests;

  g_mutex_lock (&self->lock);
  requests = self->requests;
  g_mutex_unlock (&self->lock);
  return requests;
}
