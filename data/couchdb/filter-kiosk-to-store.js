function (doc, req) {
  /* filter-kiosk-to-store.js — _design/changgu/_filter/kiosk_to_store
   *
   * Copyright 2026 The Changgu authors
   * SPDX-License-Identifier: GPL-3.0-or-later
   *
   * What the kiosk database hands to the store database: what kiosks
   * create. A tombstone has no "type", so the _id prefix decides then.
   */
  var type = doc.type || String(doc._id).split(":")[0];
  return type === "checkin" || type === "case" || type === "feedback" || type === "device";
}
