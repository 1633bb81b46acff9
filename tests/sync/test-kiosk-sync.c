/* test-kiosk-sync.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 6's scoping, end to end against the real test peer
 * (pouchdb-server), as a regional admin sets it up from a shell: a store
 * provisioned with changgu-admin, a counter and a kiosk added; the counter
 * filled with a demo store (customers, orders ready for pickup, a queue)
 * and synced; `changgu-admin relay --once` between the store and kiosk
 * databases; the kiosk synced. Then:
 *
 *  1. Privacy scan: the kiosk's SQLite file (the .db and its -wal, read as
 *     bytes after a checkpoint) holds none of the demo customers' names,
 *     phone numbers (E.164, national digits, formatted), e-mail addresses
 *     or ids.
 *  2. Offline at the kiosk: a ticket, a pickup check-in for a ready order,
 *     a problem report (with a contact), a problem an answer solved and a
 *     rating; then kiosk sync, relay, counter sync: both check-ins are in
 *     the counter's queue, the case and the feedback reached the counter
 *     (the server's rules accepted the kiosk's new fields).
 *  3. The counter calls the next ticket; counter sync, relay, kiosk sync:
 *     the kiosk's "now serving" shows it.
 *  4. After the push was acknowledged, the kiosk's next sync (its device
 *     agent tick) purged the case and the feedback locally, they do not
 *     come back, and what the customer typed is not in the kiosk's file.
 *
 * The devices are `changgu-admin sync --once` runs on their own store
 * files; what a device does in between is done here, through the core
 * API, on the same files.
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "changgu-core.h"
#include "cg-demo.h"
#include "cg-test-peer.h"
#include "../admin/cg-admin-test-util.h"

#define ADMIN_NAME     "region-admin"
#define ADMIN_PASSWORD "kiosk-sync-secret"
#define STAFF          "staff:0421-01"

static CgTestPeer *peer;

static char *
run (const char         *dir,
     const char * const *argv)
{
  g_auto(CgAdminResult) result = { 0 };
  const char * const env[] = { "CHANGGU_ADMIN_PASSWORD=" ADMIN_PASSWORD, NULL };

  cg_admin_test_run (&result, dir, NULL, env, argv);
  g_test_message ("changgu-admin %s → %d\n%s%s", argv[0], result.status, result.out, result.err);
  if (result.status != 0)
    g_error ("changgu-admin %s failed (%d): %s%s", argv[0], result.status, result.out, result.err);
  return g_steal_pointer (&result.out);
}

#define RUN(dir, ...) \
  g_free (run ((dir), (const char * const[]) { __VA_ARGS__, NULL }))

static CgStore *
open_store (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  CgStore *store = cg_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* --------------------------------------------------------- privacy scan */

/* @kind is a static string: "name", "id", "phone", "phone (national)",
 * "phone (formatted)", "e-mail". */
static void
add_needle (GHashTable *needles,
            const char *text,
            const char *kind)
{
  /* Shorter strings could turn up by chance (a 4-digit number). */
  if (text != NULL && strlen (text) >= 6)
    g_hash_table_insert (needles, g_strdup (text), (gpointer) kind);
}

typedef struct {
  CgStore    *store;
  GHashTable *needles;
} Collect;

static gboolean
collect_customer (const char *id,
                  const char *rev,
                  gint64      seq,
                  gpointer    user_data)
{
  Collect *c = user_data;
  g_autoptr(JsonObject) doc = cg_store_get (c->store, id, FALSE, NULL);
  JsonArray *phones, *emails;

  g_assert_nonnull (doc);
  add_needle (c->needles, id, "id");
  add_needle (c->needles, cg_json_get_string (doc, "name"), "name");
  phones = cg_json_get_array (doc, "phones");
  for (guint i = 0; phones != NULL && i < json_array_get_length (phones); i++)
    {
      const char *phone = cg_json_array_get_string (phones, i);
      g_autofree char *national = cg_phone_national_digits (phone);
      g_autofree char *formatted = cg_phone_format (phone);

      add_needle (c->needles, phone, "phone");
      add_needle (c->needles, national, "phone (national)");
      add_needle (c->needles, formatted, "phone (formatted)");
    }
  emails = cg_json_get_array (doc, "emails");
  for (guint i = 0; emails != NULL && i < json_array_get_length (emails); i++)
    add_needle (c->needles, cg_json_array_get_string (emails, i), "e-mail");
  return TRUE;
}

/* A store's file as bytes: the database and its WAL, after a checkpoint
 * (what a thief with the disk would read). */
static GBytes *
kiosk_file_bytes (const char *path)
{
  g_autoptr(GByteArray) all = g_byte_array_new ();
  const char *suffixes[] = { "", "-wal" };
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(FULL);", NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (file, &contents, &length, NULL))
        g_byte_array_append (all, (const guint8 *) contents, (guint) length);
    }
  sqlite3_close (db);
  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size = 0, n = strlen (needle);
  const char *data = g_bytes_get_data (bytes, &size);

  for (gsize i = 0; n > 0 && i + n <= size; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------- helpers */

typedef struct {
  CgStore *store;
  char    *number;
  char     last4[5];
} ReadyOrder;

static gboolean
find_ready (const char *id,
            const char *rev,
            gint64      seq,
            gpointer    user_data)
{
  ReadyOrder *ready = user_data;
  g_autoptr(JsonObject) order = cg_store_get (ready->store, id, FALSE, NULL);
  g_autoptr(JsonObject) customer = NULL;
  const char *customer_id;
  JsonArray *phones;

  if (ready->number != NULL || order == NULL ||
      g_strcmp0 (cg_json_get_string (order, "status"), "ready_for_pickup") != 0)
    return TRUE;
  customer_id = cg_json_get_string (order, "customer_id");
  customer = customer_id ? cg_store_get (ready->store, customer_id, FALSE, NULL) : NULL;
  phones = customer ? cg_json_get_array (customer, "phones") : NULL;
  if (phones == NULL || json_array_get_length (phones) == 0 ||
      !cg_pickup_phone_last4 (cg_json_array_get_string (phones, 0), ready->last4))
    return TRUE;
  ready->number = g_strdup (cg_json_get_string (order, "number"));
  return FALSE;
}

static gboolean
ticket_listed (GPtrArray  *tickets,
               const char *id)
{
  for (guint i = 0; i < tickets->len; i++)
    if (g_str_equal (cg_queue_ticket_get_id (g_ptr_array_index (tickets, i)), id))
      return TRUE;
  return FALSE;
}

static gboolean
exists (CgStore    *store,
        const char *id)
{
  g_autoptr(JsonObject) doc = cg_store_get (store, id, FALSE, NULL);
  return doc != NULL;
}

static gboolean
collect_id (const char *id,
            const char *rev,
            gint64      seq,
            gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (id));
  return TRUE;
}

/* ---------------------------------------------------------------- test */

static void
test_kiosk_sync (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("changgu-kiosk-sync-XXXXXX", &error);
  g_autofree char *kiosk_path = NULL;
  g_autofree char *demo_now = NULL;
  g_autofree char *ticket_id = NULL;
  g_autofree char *pickup_id = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *pickup_ticket = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *case_number = NULL;
  g_autofree char *called_id = NULL;
  g_autofree char *called_ticket = NULL;
  g_autoptr(GPtrArray) kiosk_feedback = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) needles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *url;
  ReadyOrder ready = { 0 };
  guint found = 0;

  if (peer == NULL)
    {
      g_test_skip ("No test peer (node and pouchdb-server)");
      return;
    }
  g_assert_no_error (error);
  url = cg_test_peer_get_url (peer);
  kiosk_path = g_build_filename (dir, "kiosk.db", NULL);

  /* The region admin sets the store up. */
  RUN (dir, "keygen", "--key-id", "seoul-2026", "--out", dir);
  RUN (dir, "provision", "--server", url, "--user", ADMIN_NAME, "--store", "0421");
  RUN (dir, "add-device", "--server", url, "--user", ADMIN_NAME, "--store", "0421",
       "--role", "counter", "--trust", "seoul-2026.pub", "--out", "counter.json");
  RUN (dir, "add-device", "--server", url, "--user", ADMIN_NAME, "--store", "0421",
       "--role", "kiosk", "--trust", "seoul-2026.pub", "--out", "kiosk.json");
  RUN (dir, "sync", "--db", "counter.db", "--provision", "counter.json", "--once");

  /* The counter holds a demo store. Its clock ends yesterday, so that
   * today's queue is the kiosk's alone. */
  {
    g_autoptr(CgStore) counter = open_store (dir, "counter.db");
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
    CgDemoOptions options = { .customers = 300, .seed = 6, .articles = TRUE };
    CgDemoCounts counts;
    g_autofree char *role = cg_device_get_role (counter);
    Collect c = { counter, needles };

    g_assert_cmpstr (role, ==, "counter");
    demo_now = g_date_time_format (yesterday, "%Y-%m-%dT%H:00:00Z");
    g_setenv ("CHANGGU_DEMO_NOW", demo_now, TRUE);
    g_assert_true (cg_demo_generate (counter, &options, NULL, NULL, NULL, &counts, &error));
    g_assert_no_error (error);
    g_unsetenv ("CHANGGU_DEMO_NOW");
    g_assert_cmpuint (counts.customers, ==, 300);

    cg_store_foreach_document (counter, "customer", collect_customer, &c);
    ready.store = counter;
    cg_store_foreach_document (counter, "order", find_ready, &ready);
    g_assert_nonnull (ready.number);
  }
  RUN (dir, "sync", "--db", "counter.db", "--once");
  RUN (dir, "relay", "--server", url, "--user", ADMIN_NAME, "--store", "0421", "--once");
  RUN (dir, "sync", "--db", "kiosk.db", "--provision", "kiosk.json", "--once");

  /* 1. The kiosk has what it needs and nothing personal. */
  {
    g_autoptr(CgStore) kiosk = open_store (dir, "kiosk.db");
    g_autofree char *role = cg_device_get_role (kiosk);
    g_autofree char *prefix = cg_device_get_prefix (kiosk);

    g_assert_cmpstr (role, ==, "kiosk");
    g_assert_cmpstr (prefix, ==, "K1");
    g_assert_cmpuint (cg_store_count_documents (kiosk, "article"), >, 100);
    g_assert_cmpuint (cg_store_count_documents (kiosk, "pickup"), >, 0);
    g_assert_cmpuint (cg_store_count_documents (kiosk, "customer"), ==, 0);
    g_assert_cmpuint (cg_store_count_documents (kiosk, "order"), ==, 0);
    g_assert_cmpuint (cg_store_count_documents (kiosk, "case"), ==, 0);
    g_assert_cmpuint (cg_store_count_documents (kiosk, "feedback"), ==, 0);
    g_assert_cmpuint (cg_store_count_documents (kiosk, "staff"), ==, 0);
  }
  {
    g_autoptr(GBytes) bytes = kiosk_file_bytes (kiosk_path);
    GHashTableIter iter;
    gpointer needle;
    guint scanned = 0;

    /* The scan finds what is there: the store id and an article title
     * the kiosk did receive. */
    g_assert_true (bytes_contain (bytes, "pickup:0421:"));
    g_hash_table_iter_init (&iter, needles);
    while (g_hash_table_iter_next (&iter, &needle, NULL))
      {
        scanned++;
        if (bytes_contain (bytes, needle))
          {
            g_printerr ("Found on the kiosk: %s\n", (const char *) needle);
            found++;
          }
      }
    g_test_message ("Privacy scan: %u strings of 300 demo customers (names, phones in 3 forms, "
                    "e-mails, ids) in %" G_GSIZE_FORMAT " bytes of the kiosk's files: %u found",
                    scanned, g_bytes_get_size (bytes), found);
    {
      static const char * const kinds[] = { "name", "id", "phone", "phone (national)", "phone (formatted)", "e-mail" };
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          guint n = 0;
          g_hash_table_iter_init (&iter, needles);
          while (g_hash_table_iter_next (&iter, NULL, &needle))
            n += g_str_equal (needle, kinds[k]);
          g_test_message ("  %u of the form “%s”", n, kinds[k]);
        }
    }
    if (g_test_verbose ())
      g_printerr ("PRIVACY SCAN: %u strings scanned, %" G_GSIZE_FORMAT " bytes, %u found\n",
                  scanned, g_bytes_get_size (bytes), found);
    g_assert_cmpuint (scanned, >, 1000);
    g_assert_cmpuint (found, ==, 0);
  }
  /* The same scan over the counter's file finds every one of them: the
   * strings are stored as they were searched for (UTF-8, not escaped). */
  {
    g_autofree char *counter_path = g_build_filename (dir, "counter.db", NULL);
    g_autoptr(GBytes) bytes = kiosk_file_bytes (counter_path);
    g_autoptr(GHashTable) missing = g_hash_table_new (g_str_hash, g_str_equal);
    GHashTableIter iter;
    gpointer needle, kind;

    g_hash_table_iter_init (&iter, needles);
    while (g_hash_table_iter_next (&iter, &needle, &kind))
      if (!bytes_contain (bytes, needle))
        g_hash_table_insert (missing, kind,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (missing, kind)) + 1));
    g_hash_table_iter_init (&iter, missing);
    while (g_hash_table_iter_next (&iter, &kind, &needle))
      g_test_message ("Not in the counter's file either: %u of the form “%s”",
                      GPOINTER_TO_UINT (needle), (const char *) kind);
    /* Names, ids, phones as stored and e-mails are all there; the
     * national and formatted forms of a phone are what people type and
     * are not stored as such, so the kiosk scan of those is belt and
     * braces. */
    g_assert_false (g_hash_table_contains (missing, "name"));
    g_assert_false (g_hash_table_contains (missing, "id"));
    g_assert_false (g_hash_table_contains (missing, "phone"));
    g_assert_false (g_hash_table_contains (missing, "e-mail"));
  }

  /* 2. At the kiosk, offline (no network is involved until the next
   * sync): a ticket, a pickup check-in, a problem, an answer that helped,
   * a rating. */
  {
    g_autoptr(CgStore) kiosk = open_store (dir, "kiosk.db");
    CgKioskPickupStatus status = CG_KIOSK_PICKUP_UNKNOWN;
    const char * const offered[] = { "article:store-hours-ko", "article:membership-ko", NULL };
    CgKioskProblem problem = {
      .category = "defect", .description = "지퍼가 이틀 만에 고장 났어요 (Pangolin-4417)",
      .contact_phone = "010-5550-4417", .contact_email = "pangolin.visitor@example.net",
      .language = "ko", .offered = offered,
    };

    ticket_id = cg_kiosk_take_ticket (kiosk, "help", &ticket, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ticket, ==, "K1-001");
    g_assert_true (cg_kiosk_pickup_check (kiosk, ready.number, ready.last4, &status, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, CG_KIOSK_PICKUP_READY);
    pickup_id = cg_kiosk_pickup_check_in (kiosk, ready.number, ready.last4, &pickup_ticket, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (pickup_ticket, ==, "K1-002");
    case_id = cg_kiosk_report_problem (kiosk, &problem, &case_number, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (case_number, "0421-K1-"));
    g_assert_true (cg_kiosk_record_helped (kiosk, "return", offered, "article:store-hours-ko", &error));
    g_assert_true (cg_kiosk_rate_visit (kiosk, 5, 9, "친절했어요 (Pangolin-4417)", &error));
    g_assert_no_error (error);
    cg_store_foreach_document (kiosk, "feedback", collect_id, kiosk_feedback);
    g_assert_cmpuint (kiosk_feedback->len, ==, 2);
    g_assert_cmpuint (cg_store_count_pending (kiosk), >=, 5);
  }
  RUN (dir, "sync", "--db", "kiosk.db", "--once");
  RUN (dir, "relay", "--server", url, "--user", ADMIN_NAME, "--store", "0421", "--once");
  RUN (dir, "sync", "--db", "counter.db", "--once");
  {
    g_autoptr(CgStore) counter = open_store (dir, "counter.db");
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GPtrArray) queue = cg_queue_list_today (counter, now, NULL, &error);
    g_autoptr(JsonObject) kase = NULL;
    g_autoptr(JsonObject) pickup = NULL;
    JsonObject *contact;

    g_assert_no_error (error);
    g_assert_true (ticket_listed (queue, ticket_id));
    g_assert_true (ticket_listed (queue, pickup_id));
    pickup = cg_store_get (counter, pickup_id, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (cg_json_get_string (pickup, "reason"), ==, "pickup");
    g_assert_cmpstr (cg_json_get_string (pickup, "order_number"), ==, ready.number);
    g_assert_cmpstr (cg_json_get_string (pickup, "channel"), ==, "kiosk");

    /* The server's rules took the kiosk's new fields. */
    kase = cg_store_get (counter, case_id, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (cg_json_get_string (kase, "channel"), ==, "kiosk");
    g_assert_cmpstr (cg_json_get_string (kase, "language"), ==, "ko");
    contact = cg_json_get_object (kase, "contact");
    g_assert_cmpstr (cg_json_get_string (contact, "phone"), ==, "+821055504417");
    g_assert_nonnull (cg_json_get_object (kase, "self_service"));
    for (guint i = 0; i < kiosk_feedback->len; i++)
      g_assert_true (exists (counter, g_ptr_array_index (kiosk_feedback, i)));

    /* 3. The counter calls the next ticket: the kiosk's first. */
    g_assert_true (cg_queue_call_next (counter, STAFF, now, &called_id, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (called_id, ==, ticket_id);
  }
  RUN (dir, "sync", "--db", "counter.db", "--once");
  RUN (dir, "relay", "--server", url, "--user", ADMIN_NAME, "--store", "0421", "--once");
  RUN (dir, "sync", "--db", "kiosk.db", "--once");
  {
    g_autoptr(CgStore) kiosk = open_store (dir, "kiosk.db");
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GPtrArray) serving = cg_queue_now_serving (kiosk, now, 5, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (serving->len, ==, 1);
    called_ticket = g_strdup (cg_queue_ticket_get_ticket (g_ptr_array_index (serving, 0)));
    g_assert_cmpstr (called_ticket, ==, ticket);
    g_assert_cmpstr (cg_queue_ticket_get_status (g_ptr_array_index (serving, 0)), ==, "called");

    /* 4. That sync's device agent purged what the central side had
     * acknowledged: the case and the feedback; the queue stays. */
    g_assert_false (exists (kiosk, case_id));
    for (guint i = 0; i < kiosk_feedback->len; i++)
      g_assert_false (exists (kiosk, g_ptr_array_index (kiosk_feedback, i)));
    g_assert_cmpuint (cg_store_count_documents (kiosk, "case"), ==, 0);
    g_assert_cmpuint (cg_store_count_documents (kiosk, "feedback"), ==, 0);
    g_assert_true (exists (kiosk, ticket_id));
    g_assert_true (exists (kiosk, pickup_id));
    g_assert_cmpuint (cg_store_count_pending (kiosk), ==, 0);
  }
  /* They do not come back with the next pull. */
  RUN (dir, "sync", "--db", "kiosk.db", "--once");
  {
    g_autoptr(CgStore) kiosk = open_store (dir, "kiosk.db");
    g_autoptr(GBytes) bytes = NULL;

    g_assert_cmpuint (cg_store_count_documents (kiosk, "case"), ==, 0);
    g_assert_cmpuint (cg_store_count_documents (kiosk, "feedback"), ==, 0);
    g_clear_object (&kiosk);
    bytes = kiosk_file_bytes (kiosk_path);
    g_assert_false (bytes_contain (bytes, "pangolin.visitor@example.net"));
    g_assert_false (bytes_contain (bytes, "+821055504417"));
    g_assert_false (bytes_contain (bytes, "Pangolin-4417"));
  }

  cg_test_peer_assert_alive (peer);
  cg_admin_test_remove_tree (dir);
  g_free (ready.number);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  peer = cg_test_peer_start (&error);
  if (peer == NULL && !g_error_matches (error, CG_TEST_PEER_ERROR, CG_TEST_PEER_ERROR_UNAVAILABLE))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (peer != NULL)
    {
      cg_test_peer_add_admin (peer, ADMIN_NAME, ADMIN_PASSWORD, &error);
      g_assert_no_error (error);
    }

  g_test_add_func ("/kiosk-sync/scoping", test_kiosk_sync);
  result = g_test_run ();
  if (peer != NULL)
    cg_test_peer_stop (peer);
  return result;
}
