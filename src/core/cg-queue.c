/* cg-queue.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads go through the checkins projection (index checkins_by_status on
 * status, created_at) for the day's ids, then the documents for the times
 * the projection does not keep (called_at, done_at): a day has dozens or
 * hundreds of tickets, not millions.
 */
#define G_LOG_DOMAIN "cg-queue"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cg-device.h"
#include "cg-queue.h"
#include "cg-store-private.h"
#include "cg-visit.h"

struct _CgQueueTicket
{
  GObject    parent_instance;
  char      *id;
  char      *ticket;
  char      *status;
  char      *reason;
  char      *display_name;
  char      *customer_id;
  char      *order_number;
  char      *served_by;
  GDateTime *created_at;
  GDateTime *called_at;
  GDateTime *done_at;
};

G_DEFINE_FINAL_TYPE (CgQueueTicket, cg_queue_ticket, G_TYPE_OBJECT)

static void
cg_queue_ticket_finalize (GObject *object)
{
  CgQueueTicket *self = CG_QUEUE_TICKET (object);

  g_free (self->id);
  g_free (self->ticket);
  g_free (self->status);
  g_free (self->reason);
  g_free (self->display_name);
  g_free (self->customer_id);
  g_free (self->order_number);
  g_free (self->served_by);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->called_at, g_date_time_unref);
  g_clear_pointer (&self->done_at, g_date_time_unref);
  G_OBJECT_CLASS (cg_queue_ticket_parent_class)->finalize (object);
}

static void
cg_queue_ticket_class_init (CgQueueTicketClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_queue_ticket_finalize;
}

static void
cg_queue_ticket_init (CgQueueTicket *self)
{
}

const char *cg_queue_ticket_get_id (CgQueueTicket *self) { g_return_val_if_fail (CG_IS_QUEUE_TICKET (self), NULL); return self->id; }
const char *cg_queue_ticket_get_ticket (CgQueueTicket *self) { g_return_val_if_fail (CG_IS_QUEUE_TICKET (self), NULL); return self->ticket; }
const char *cg_queue_ticket_get_status (CgQueueTicket *self) { g_return_val_if_fail (CG_IS_QUEUE_TICKET (self), NULL); return self->status; }
const char *cg_queue_ticket_get_reason (CgQueueTicket *self) { g_return_val_if_fail (CG_IS_QUEUE_TICKET (self), NULL); return self->reason; }
const char *cg_queue_ticket_get_display_name (CgQueueTicket *self) { g_return_val_if_fail (CG_IS_QUEUE_TICKET (self), NULL); return self->display_name; }
const char *cg_queue_ticket_get_customer_id (CgQueueTicket *self) { g_return_val_if_fail (CG_IS_QUEUE_TICKET (self), NULL); return self->customer_id; }
const char *cg_queue_ticket_get_order_number (CgQueueTicket *self) { g_return_val_if_fail (CG_IS_QUEUE_TICKET (self), NULL); return self->order_number; }
const char *cg_queue_ticket_get_served_by (CgQueueTicket *self) { g_return_val_if_fail (CG_IS_QUEUE_TICKET (self), NULL); return self->served_by; }
GDateTime *cg_queue_ticket_get_created_at (CgQueueTicket *self) { g_return_val_if_fail (CG_IS_QUEUE_TICKET (self), NULL); return self->created_at; }
GDateTime *cg_queue_ticket_get_called_at (CgQueueTicket *self) { g_return_val_if_fail (CG_IS_QUEUE_TICKET (self), NULL); return self->called_at; }

gint64
cg_queue_ticket_get_wait (CgQueueTicket *self,
                          GDateTime     *now)
{
  GDateTime *until;

  g_return_val_if_fail (CG_IS_QUEUE_TICKET (self), 0);

  until = self->called_at ? self->called_at : self->done_at ? self->done_at : now;
  if (self->created_at == NULL || until == NULL)
    return 0;
  return MAX (g_date_time_difference (until, self->created_at) / G_TIME_SPAN_SECOND, 0);
}

static GDateTime *
parse_time (JsonObject *doc,
            const char *member)
{
  const char *text = cg_json_get_string (doc, member);
  return text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static CgQueueTicket *
ticket_from_doc (JsonObject *doc)
{
  CgQueueTicket *self = g_object_new (CG_TYPE_QUEUE_TICKET, NULL);

  self->id = g_strdup (cg_json_get_string (doc, "_id"));
  self->ticket = g_strdup (cg_json_get_string (doc, "ticket"));
  self->status = g_strdup (cg_json_get_string (doc, "status"));
  self->reason = g_strdup (cg_json_get_string (doc, "reason"));
  self->display_name = g_strdup (cg_json_get_string (doc, "display_name"));
  self->customer_id = g_strdup (cg_json_get_string (doc, "customer_id"));
  self->order_number = g_strdup (cg_json_get_string (doc, "order_number"));
  self->served_by = g_strdup (cg_json_get_string (doc, "served_by"));
  self->created_at = parse_time (doc, "created_at");
  self->called_at = parse_time (doc, "called_at");
  self->done_at = parse_time (doc, "done_at");
  return self;
}

/* [start, end) of @now's local day as RFC 3339 UTC strings, which compare
 * as text like the created_at values in the projection. */
static void
local_day (GDateTime  *now,
           char      **start,
           char      **end)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (now);
  g_autoptr(GDateTime) midnight =
    g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                           g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_days (midnight, 1);

  *start = cg_json_timestamp (midnight);
  *end = cg_json_timestamp (next);
}

/* Ids of today's tickets with @status, oldest first, at most @limit (0: all). */
static GPtrArray *
ids_today (CgStore     *store,
           GDateTime   *now,
           const char  *status,
           guint        limit,
           GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *start = NULL, *end = NULL;
  sqlite3_stmt *stmt;
  int rc;

  local_day (now, &start, &end);
  if (status != NULL)
    {
      stmt = cg_store_stmt (store,
        "SELECT id FROM checkins WHERE status = ?1 AND created_at >= ?2 AND created_at < ?3 "
        "ORDER BY created_at, ticket LIMIT ?4");
      sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
    }
  else
    /* The IN list keeps the search on checkins_by_status, one range per
     * status, instead of a scan of every visit ever. */
    stmt = cg_store_stmt (store,
      "SELECT id FROM checkins "
      "WHERE status IN ('waiting', 'called', 'serving', 'done', 'no_show') "
      "AND created_at >= ?2 AND created_at < ?3 ORDER BY created_at, ticket LIMIT ?4");
  sqlite3_bind_text (stmt, 2, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, end, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      cg_store_set_sqlite_error (store, error, _("Could not read the queue"));
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&ids);
}

static GPtrArray *
load_tickets (CgStore   *store,
              GPtrArray *ids)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonObject) doc = cg_store_get (store, g_ptr_array_index (ids, i), FALSE, NULL);
      if (doc != NULL)
        g_ptr_array_add (out, ticket_from_doc (doc));
    }
  return out;
}

GPtrArray *
cg_queue_list_today (CgStore     *store,
                     GDateTime   *now,
                     const char  *status,
                     GError     **error)
{
  g_autoptr(GPtrArray) ids = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  ids = ids_today (store, now, status, 0, error);
  return ids ? load_tickets (store, ids) : NULL;
}

gboolean
cg_queue_call_next (CgStore     *store,
                    const char  *actor,
                    GDateTime   *now,
                    char       **checkin_id,
                    GError     **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  const char *id;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (checkin_id != NULL, FALSE);

  *checkin_id = NULL;
  /* BEGIN IMMEDIATE takes the write lock before the oldest ticket is
   * chosen: another counter's call waits for this commit and then sees the
   * ticket as called. */
  if (!cg_store_begin (store, error))
    return FALSE;
  ids = ids_today (store, now, "waiting", 1, error);
  if (ids == NULL)
    {
      cg_store_rollback (store);
      return FALSE;
    }
  if (ids->len == 0)
    {
      cg_store_rollback (store);   /* nothing written */
      return TRUE;
    }
  id = g_ptr_array_index (ids, 0);
  if (!cg_checkin_set_status_at (store, id, "called", actor, now, error))
    {
      cg_store_rollback (store);
      return FALSE;
    }
  if (!cg_store_commit (store, error))
    return FALSE;
  *checkin_id = g_strdup (id);
  return TRUE;
}

static gint
compare_called_desc (gconstpointer a,
                     gconstpointer b)
{
  CgQueueTicket *x = *(CgQueueTicket **) a;
  CgQueueTicket *y = *(CgQueueTicket **) b;

  if (x->called_at == NULL || y->called_at == NULL)
    return (x->called_at == NULL) - (y->called_at == NULL);
  return g_date_time_compare (y->called_at, x->called_at);
}

/* Today's called and serving tickets, most recently called first. */
static GPtrArray *
active_today (CgStore     *store,
              GDateTime   *now,
              GError     **error)
{
  g_autoptr(GPtrArray) called = ids_today (store, now, "called", 0, error);
  g_autoptr(GPtrArray) serving = NULL;
  GPtrArray *out;

  if (called == NULL)
    return NULL;
  serving = ids_today (store, now, "serving", 0, error);
  if (serving == NULL)
    return NULL;
  for (guint i = 0; i < serving->len; i++)
    g_ptr_array_add (called, g_strdup (g_ptr_array_index (serving, i)));
  out = load_tickets (store, called);
  g_ptr_array_sort (out, compare_called_desc);
  return out;
}

GPtrArray *
cg_queue_now_serving (CgStore     *store,
                      GDateTime   *now,
                      guint        limit,
                      GError     **error)
{
  GPtrArray *out;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  out = active_today (store, now, error);
  if (out != NULL && limit > 0 && out->len > limit)
    g_ptr_array_set_size (out, limit);
  return out;
}

CgQueueTicket *
cg_queue_current_for (CgStore     *store,
                      const char  *actor,
                      GDateTime   *now)
{
  g_autoptr(GPtrArray) active = NULL;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (actor == NULL)
    return NULL;
  active = active_today (store, now, NULL);
  for (guint i = 0; active != NULL && i < active->len; i++)
    {
      CgQueueTicket *ticket = g_ptr_array_index (active, i);
      if (g_strcmp0 (ticket->served_by, actor) == 0)
        return g_object_ref (ticket);
    }
  return NULL;
}

gboolean
cg_queue_stats_today (CgStore       *store,
                      GDateTime     *now,
                      CgQueueStats  *stats,
                      GError       **error)
{
  g_autoptr(GPtrArray) tickets = NULL;
  gint64 wait_sum = 0;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (now != NULL && stats != NULL, FALSE);

  memset (stats, 0, sizeof *stats);
  tickets = cg_queue_list_today (store, now, NULL, error);
  if (tickets == NULL)
    return FALSE;
  for (guint i = 0; i < tickets->len; i++)
    {
      CgQueueTicket *ticket = g_ptr_array_index (tickets, i);
      const char *status = ticket->status;

      if (g_strcmp0 (status, "waiting") == 0)
        {
          stats->waiting++;
          stats->longest_wait_s = MAX (stats->longest_wait_s, cg_queue_ticket_get_wait (ticket, now));
        }
      else if (g_strcmp0 (status, "called") == 0)
        stats->called++;
      else if (g_strcmp0 (status, "serving") == 0)
        stats->serving++;
      else if (g_strcmp0 (status, "done") == 0)
        stats->done++;
      else if (g_strcmp0 (status, "no_show") == 0)
        stats->no_show++;

      if (ticket->called_at != NULL)
        {
          stats->n_waits++;
          wait_sum += cg_queue_ticket_get_wait (ticket, now);
        }
    }
  stats->average_wait_s = stats->n_waits > 0 ? wait_sum / stats->n_waits : 0;
  return TRUE;
}
