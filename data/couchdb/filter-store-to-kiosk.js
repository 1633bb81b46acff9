function (doc, req) {
  /* filter-store-to-kiosk.js — _design/changgu/_filter/store_to_kiosk
   *
   * Copyright 2026 The Changgu authors
   * SPDX-License-Identifier: GPL-3.0-or-later
   *
   * What the store database hands to the kiosk database: kiosk-safe
   * documents only. A filter selects documents, it cannot remove fields,
   * so a check-in passes only while it carries nothing that points at a
   * person's record (no customer_id); a counter that links a customer to
   * a check-in keeps it on the store side from then on. display_name is
   * first name or initials by the data model, and order_number is what
   * the customer typed at the kiosk. A tombstone has no "type", so the _id
   * prefix decides then.
   */
  var type = doc.type || String(doc._id).split(":")[0];
  if (type === "article" || type === "pickup" || type === "config") {
    return true;
  }
  return type === "checkin" && (doc._deleted || doc.customer_id === undefined || doc.customer_id === null);
}
