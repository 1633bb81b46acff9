/* cg-case-list.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SQL query over the `cases` projection picks, orders and counts the
 * rows; then only the documents of the rows returned are read, to
 * evaluate their SLA clocks exactly (cg_sla_evaluate()).
 *
 * The projection has the stored due times but not whether the first
 * response happened. A customer-visible note is what sets it
 * (cg_case_add_note()), so "first response still open" is "no customer
 * note": one probe of case_notes_by_case per candidate row.
 *
 * "Breaching soon" is decided in SQL too, so that the limit and the count
 * are right: a running target warns once 80% of it is used, that is when
 * at most 20% of it is left, that is when its due time is at most 20% of
 * the target (in the policy's clock) after now. Per priority that is one
 * instant, computed here and bound as a parameter. A paused case is not
 * "breaching soon": its clock is stopped. The exact states then come from
 * the documents, and rows that turn out not to be at risk (a due time
 * written under an older config) are dropped.
 */
#define G_LOG_DOMAIN "cg-case-list"

#include "config.h"

#include "cg-case.h"
#include "cg-case-list.h"
#include "cg-store-private.h"

#define DEFAULT_LIMIT 200

struct _CgCaseSummary
{
  GObject     parent_instance;
  char       *id;
  char       *number;
  char       *subject;
  char       *status;
  char       *priority;
  char       *category;
  char       *channel;
  char       *assignee;
  char       *customer_id;
  char       *customer_name;
  char       *created_at;
  CgSlaClock  clocks[CG_SLA_N_TARGETS];
};

G_DEFINE_FINAL_TYPE (CgCaseSummary, cg_case_summary, G_TYPE_OBJECT)

static void
cg_case_summary_finalize (GObject *object)
{
  CgCaseSummary *self = CG_CASE_SUMMARY (object);

  g_free (self->id);
  g_free (self->number);
  g_free (self->subject);
  g_free (self->status);
  g_free (self->priority);
  g_free (self->category);
  g_free (self->channel);
  g_free (self->assignee);
  g_free (self->customer_id);
  g_free (self->customer_name);
  g_free (self->created_at);
  G_OBJECT_CLASS (cg_case_summary_parent_class)->finalize (object);
}

static void
cg_case_summary_class_init (CgCaseSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_case_summary_finalize;
}

static void
cg_case_summary_init (CgCaseSummary *self)
{
}

const char *cg_case_summary_get_id (CgCaseSummary *self) { return self->id; }
const char *cg_case_summary_get_number (CgCaseSummary *self) { return self->number; }
const char *cg_case_summary_get_subject (CgCaseSummary *self) { return self->subject; }
const char *cg_case_summary_get_status (CgCaseSummary *self) { return self->status; }
const char *cg_case_summary_get_priority (CgCaseSummary *self) { return self->priority; }
const char *cg_case_summary_get_category (CgCaseSummary *self) { return self->category; }
const char *cg_case_summary_get_channel (CgCaseSummary *self) { return self->channel; }
const char *cg_case_summary_get_assignee (CgCaseSummary *self) { return self->assignee; }
const char *cg_case_summary_get_customer_id (CgCaseSummary *self) { return self->customer_id; }
const char *cg_case_summary_get_customer_name (CgCaseSummary *self) { return self->customer_name; }
const char *cg_case_summary_get_created_at (CgCaseSummary *self) { return self->created_at; }

const CgSlaClock *
cg_case_summary_get_sla (CgCaseSummary *self,
                         CgSlaTarget    target)
{
  g_return_val_if_fail (CG_IS_CASE_SUMMARY (self), NULL);
  g_return_val_if_fail (target < CG_SLA_N_TARGETS, NULL);

  return &self->clocks[target];
}

static gboolean
is_complete (const CgSlaClock *clock)
{
  return clock->state == CG_SLA_STATE_MET || clock->state == CG_SLA_STATE_MET_LATE;
}

CgSlaTarget
cg_case_summary_get_badge_target (CgCaseSummary *self)
{
  g_return_val_if_fail (CG_IS_CASE_SUMMARY (self), CG_SLA_RESOLUTION);

  return is_complete (&self->clocks[CG_SLA_FIRST_RESPONSE]) ? CG_SLA_RESOLUTION : CG_SLA_FIRST_RESPONSE;
}

static gboolean
is_at_risk (const CgSlaClock *clock)
{
  return clock->state == CG_SLA_STATE_WARNING || clock->state == CG_SLA_STATE_BREACHED;
}

const char * const *
cg_case_list_open_statuses (void)
{
  static const char * const open[] = { "new", "open", "pending_customer", "escalated", NULL };

  return open;
}

/* ------------------------------------------------------------------ query */

static const char * const priorities[] = { "low", "normal", "high", "urgent" };

static char *
stamp_for (gint64 instant)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (MIN (instant, (gint64) 253402300799));

  return cg_json_timestamp (dt);
}

/* The latest due time at which a running target of @minutes under
 * @policy is in warning at @now. */
static char *
warning_threshold (const CgSlaPolicies *policies,
                   const CgSlaPolicy   *policy,
                   gint64               minutes,
                   gint64               now)
{
  g_autoptr(CgBusinessHours) always = cg_business_hours_new_always_open ();
  CgBusinessHours *hours = cg_sla_policies_get_business_hours (policies);
  const CgBusinessHours *clock = policy->business_hours && !cg_business_hours_is_always_open (hours)
    ? hours : always;
  /* left * 5 <= target: round the fifth up, the documents decide exactly. */
  gint64 fifth = (minutes * 60 + 4) / 5;

  return stamp_for (cg_business_hours_add_seconds (clock, now, fifth));
}

static void
bind_text (GPtrArray  *params,
           const char *text)
{
  g_ptr_array_add (params, g_strdup (text));
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static char *
lookup_customer_name (CgStore    *store,
                      const char *customer_id)
{
  sqlite3_stmt *stmt;
  char *name = NULL;

  if (customer_id == NULL)
    return NULL;
  stmt = cg_store_stmt (store, "SELECT name FROM customers WHERE id = ?1 LIMIT 1");
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = dup_column (stmt, 0);
  sqlite3_reset (stmt);
  return name;
}

static CgCaseSummary *
summary_from_doc (CgStore             *store,
                  JsonObject          *doc,
                  const CgSlaPolicies *policies,
                  gint64               now)
{
  CgCaseSummary *self = g_object_new (CG_TYPE_CASE_SUMMARY, NULL);

  self->id = g_strdup (cg_json_get_string (doc, "_id"));
  self->number = g_strdup (cg_json_get_string (doc, "number"));
  self->subject = g_strdup (cg_json_get_string (doc, "subject"));
  self->status = g_strdup (cg_json_get_string (doc, "status"));
  self->priority = g_strdup (cg_json_get_string (doc, "priority"));
  self->category = g_strdup (cg_json_get_string (doc, "category"));
  self->channel = g_strdup (cg_json_get_string (doc, "channel"));
  self->assignee = g_strdup (cg_json_get_string (doc, "assignee"));
  self->customer_id = g_strdup (cg_json_get_string (doc, "customer_id"));
  self->created_at = g_strdup (cg_json_get_string (doc, "created_at"));
  self->customer_name = lookup_customer_name (store, self->customer_id);
  cg_sla_evaluate (doc, policies, now, self->clocks);
  return self;
}

/* Whether the first response of the case is still to come: no
 * customer-visible note (module comment). */
static gboolean
first_response_open (CgStore    *store,
                     const char *case_id)
{
  sqlite3_stmt *stmt = cg_store_stmt (store,
    "SELECT 1 FROM case_notes WHERE case_id = ?1 AND visibility = 'customer' LIMIT 1");
  gboolean open;

  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
  open = sqlite3_step (stmt) != SQLITE_ROW;
  sqlite3_reset (stmt);
  return open;
}

typedef struct {
  char *id;
  char *key;      /* the nearest due time of a target not yet complete */
  char *number;
} Candidate;

static void
candidate_clear (Candidate *candidate)
{
  g_free (candidate->id);
  g_free (candidate->key);
  g_free (candidate->number);
}

static int
candidate_compare (const Candidate *a,
                   const Candidate *b)
{
  int order = g_strcmp0 (a->key, b->key);

  return order != 0 ? order : g_strcmp0 (a->number, b->number);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

GPtrArray *
cg_case_list_query (CgStore            *store,
                    const CgCaseQuery  *query,
                    guint              *total,
                    GError            **error)
{
  static const CgCaseQuery defaults = { NULL };
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) top = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GString) sql = g_string_new (NULL);
  const CgSlaPolicies *policies;
  const char * const *statuses;
  sqlite3_stmt *stmt = NULL;
  gint64 now;
  guint limit, count = 0;
  int rc;

  g_return_val_if_fail (CG_IS_STORE (store), NULL);

  if (query == NULL)
    query = &defaults;
  statuses = query->statuses != NULL ? query->statuses : cg_case_list_open_statuses ();
  now = query->now != 0 ? query->now : g_get_real_time () / G_USEC_PER_SEC;
  limit = query->limit != 0 ? query->limit : DEFAULT_LIMIT;
  policies = cg_case_get_sla_policies (store);
  g_array_set_clear_func (top, (GDestroyNotify) candidate_clear);

  /* Status through cases_by_status, then the cheap filters. Rows come
   * ordered by the earlier of the two stored due times, which is never
   * later than a row's key (the due time of its first open target): the
   * loop below stops probing case_notes once that bound passes the last
   * of the @limit best keys. */
  g_string_append (sql,
    "SELECT c.id, c.number, c.status, c.first_response_due, c.resolution_due"
    " FROM cases c WHERE c.status IN (");
  for (guint i = 0; statuses[i] != NULL; i++)
    {
      g_string_append (sql, i > 0 ? ", ?" : "?");
      bind_text (params, statuses[i]);
    }
  if (statuses[0] == NULL)
    g_string_append (sql, "NULL");
  g_string_append (sql, ")");

  if (query->priority != NULL)
    {
      g_string_append (sql, " AND c.priority = ?");
      bind_text (params, query->priority);
    }
  if (g_strcmp0 (query->assignee, CG_CASE_LIST_UNASSIGNED) == 0)
    g_string_append (sql, " AND c.assignee IS NULL");
  else if (query->assignee != NULL)
    {
      g_string_append (sql, " AND c.assignee = ?");
      bind_text (params, query->assignee);
    }

  if (query->breaching_soon)
    {
      /* Per priority: resolution due by its threshold, or first response
       * due by its threshold and still open. The cheap comparisons come
       * first: SQLite stops at the first true term of an OR and the first
       * false one of an AND, so case_notes is probed only when it
       * decides. Paused cases are left out: their clock is stopped, and
       * nothing is about to breach until the customer answers. */
      g_string_append (sql, " AND c.status IN ('new', 'open', 'escalated') AND (");
      for (guint t = CG_SLA_RESOLUTION + 1; t-- > 0;)
        {
          g_string_append (sql, t == CG_SLA_RESOLUTION
                           ? "c.resolution_due <= CASE c.priority"
                           : " OR (c.first_response_due <= CASE c.priority");
          for (guint p = 0; p < G_N_ELEMENTS (priorities); p++)
            {
              const CgSlaPolicy *policy = cg_sla_policies_lookup (policies, priorities[p]);
              gint64 minutes = t == CG_SLA_FIRST_RESPONSE ? policy->first_response_min : policy->resolution_min;

              g_string_append (sql, " WHEN ? THEN ?");
              bind_text (params, priorities[p]);
              g_ptr_array_add (params, warning_threshold (policies, policy, minutes, now));
            }
          /* An unknown priority is measured as normal. */
          {
            const CgSlaPolicy *policy = cg_sla_policies_lookup (policies, "normal");
            gint64 minutes = t == CG_SLA_FIRST_RESPONSE ? policy->first_response_min : policy->resolution_min;

            g_string_append (sql, " ELSE ? END");
            g_ptr_array_add (params, warning_threshold (policies, policy, minutes, now));
          }
          if (t == CG_SLA_FIRST_RESPONSE)
            g_string_append (sql, " AND NOT EXISTS (SELECT 1 FROM case_notes n"
                                  " WHERE n.case_id = c.id AND n.visibility = 'customer'))");
        }
      g_string_append (sql, ")");
    }

  g_string_append (sql,
    " ORDER BY min(ifnull(c.first_response_due, '~'), ifnull(c.resolution_due, '~')), c.number");

  rc = sqlite3_prepare_v2 (cg_store_get_db (store), sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      cg_store_set_sqlite_error (store, error, "Listing cases");
      return NULL;
    }
  for (guint i = 0; i < params->len; i++)
    sqlite3_bind_text (stmt, (int) i + 1, g_ptr_array_index (params, i), -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *first_due = column_text (stmt, 3);
      const char *resolution_due = column_text (stmt, 4);
      const char *bound = g_strcmp0 (first_due ? first_due : "~", resolution_due ? resolution_due : "~") <= 0
        ? (first_due ? first_due : "~") : (resolution_due ? resolution_due : "~");
      const char *status = column_text (stmt, 2);
      Candidate candidate;
      guint at;

      count++;
      if (top->len == limit &&
          g_strcmp0 (bound, g_array_index (top, Candidate, limit - 1).key) > 0)
        continue;   /* cannot make the list; only counted */

      candidate.id = g_strdup (column_text (stmt, 0));
      candidate.number = g_strdup (column_text (stmt, 1));
      if (first_due != NULL && g_strv_contains (cg_case_list_open_statuses (), status ? status : "") &&
          first_response_open (store, candidate.id))
        candidate.key = g_strdup (first_due);
      else
        candidate.key = g_strdup (resolution_due ? resolution_due : "~");

      /* Insertion into the sorted top @limit. */
      for (at = top->len; at > 0 && candidate_compare (&candidate, &g_array_index (top, Candidate, at - 1)) < 0; at--)
        ;
      if (at >= limit)
        {
          candidate_clear (&candidate);
          continue;
        }
      g_array_insert_val (top, at, candidate);
      if (top->len > limit)
        g_array_remove_index (top, top->len - 1);
    }
  if (rc != SQLITE_DONE)
    {
      cg_store_set_sqlite_error (store, error, "Listing cases");
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < top->len; i++)
    {
      g_autoptr(JsonObject) doc = cg_store_get (store, g_array_index (top, Candidate, i).id, FALSE, NULL);
      CgCaseSummary *summary;

      if (doc == NULL)
        continue;   /* deleted meanwhile by another connection */
      summary = summary_from_doc (store, doc, policies, now);
      /* A due time stored under another config can put a case in the
       * pre-selection that its clocks do not put at risk. */
      if (query->breaching_soon &&
          !(is_at_risk (&summary->clocks[CG_SLA_FIRST_RESPONSE]) ||
            is_at_risk (&summary->clocks[CG_SLA_RESOLUTION])))
        {
          g_object_unref (summary);
          count = count > 0 ? count - 1 : 0;
          continue;
        }
      g_ptr_array_add (result, summary);
    }

  if (total != NULL)
    *total = MAX (count, result->len);
  return g_steal_pointer (&result);
}

GPtrArray *
cg_case_list_notes (CgStore    *store,
                    const char *case_id)
{
  GPtrArray *notes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CG_IS_STORE (store), notes);
  g_return_val_if_fail (case_id != NULL, notes);

  stmt = cg_store_stmt (store,
    "SELECT id FROM case_notes WHERE case_id = ?1 ORDER BY created_at, id");
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, dup_column (stmt, 0));
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *note = cg_store_get (store, g_ptr_array_index (ids, i), FALSE, NULL);
      if (note != NULL)
        g_ptr_array_add (notes, note);
    }
  return notes;
}
