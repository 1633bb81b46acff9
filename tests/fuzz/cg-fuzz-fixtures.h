/* cg-fuzz-fixtures.h
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The documents the replicator's fuzz targets find in their store, so that
 * _changes rows and _bulk_get answers meet known revisions, ancestors and
 * conflicts (the seed corpora name them).
 */
#pragma once

#include "cg-fuzz-util.h"

static inline void
cg_fuzz_put_replicator_fixtures (CgStore *store)
{
  /* customer:0f22… at 1-80d1…; two branches of case:0c03… (1-p → 2-q and a
   * conflicting 2-c); order:0421:1000001 at 1-d0be…. */
  cg_fuzz_put_fixture (store,
    "{\"_id\":\"customer:0f2280fd-0907-4a6b-90b4-e72df8bc3b08\",\"_rev\":\"1-80d1160cfef8aae9b9a40713da8db19c\","
    "\"_revisions\":{\"start\":1,\"ids\":[\"80d1160cfef8aae9b9a40713da8db19c\"]},"
    "\"type\":\"customer\",\"name\":\"Aaron Price\",\"phones\":[\"+821034022742\"],\"language\":\"en\","
    "\"created_at\":\"2025-12-21T05:20:54Z\",\"updated_at\":\"2025-12-21T05:20:54Z\"}");
  cg_fuzz_put_fixture (store,
    "{\"_id\":\"case:0c03f7a5-94bf-486d-adee-54be81b75a81\",\"_rev\":\"2-7694f4a66316e53c8cdd9d9954bd611d\","
    "\"_revisions\":{\"start\":2,\"ids\":[\"7694f4a66316e53c8cdd9d9954bd611d\",\"83878c91171338902e0fe0fb97a8c47a\"]},"
    "\"type\":\"case\",\"number\":\"0421-C1-000001\",\"customer_id\":\"customer:0f2280fd-0907-4a6b-90b4-e72df8bc3b08\","
    "\"store_id\":\"0421\",\"channel\":\"counter\",\"category\":\"pickup\",\"subject\":\"Pickup\",\"priority\":\"normal\","
    "\"status\":\"new\",\"reopened_count\":0,\"created_by\":\"staff:0421-07\","
    "\"created_at\":\"2026-11-21T00:52:55Z\",\"updated_at\":\"2026-11-21T00:52:55Z\"}");
  cg_fuzz_put_fixture (store,
    "{\"_id\":\"case:0c03f7a5-94bf-486d-adee-54be81b75a81\",\"_rev\":\"2-4a8a08f09d37b73795649038408b5f33\","
    "\"_revisions\":{\"start\":2,\"ids\":[\"4a8a08f09d37b73795649038408b5f33\",\"83878c91171338902e0fe0fb97a8c47a\"]},"
    "\"type\":\"case\",\"number\":\"0421-C1-000001\",\"customer_id\":\"customer:0f2280fd-0907-4a6b-90b4-e72df8bc3b08\","
    "\"store_id\":\"0421\",\"channel\":\"counter\",\"category\":\"pickup\",\"subject\":\"Pickup, other device\",\"priority\":\"high\","
    "\"status\":\"new\",\"reopened_count\":0,\"created_by\":\"staff:0421-07\","
    "\"created_at\":\"2026-11-21T00:52:55Z\",\"updated_at\":\"2026-11-21T00:53:10Z\"}");
  cg_fuzz_put_fixture (store,
    "{\"_id\":\"order:0421:1000001\",\"_rev\":\"1-d0be64ffbda0ce55d8df92a0e5b64f92\","
    "\"_revisions\":{\"start\":1,\"ids\":[\"d0be64ffbda0ce55d8df92a0e5b64f92\"]},"
    "\"type\":\"order\",\"number\":\"1000001\",\"customer_id\":\"customer:0f2280fd-0907-4a6b-90b4-e72df8bc3b08\","
    "\"store_id\":\"0421\",\"channel\":\"online\",\"items\":[{\"sku\":\"FA-5004\",\"name\":\"Denim\",\"qty\":1,\"unit_price\":59000}],"
    "\"total\":59000,\"currency\":\"KRW\",\"status\":\"placed\","
    "\"created_at\":\"2026-11-20T23:52:12Z\",\"updated_at\":\"2026-11-20T23:52:12Z\"}");
}
