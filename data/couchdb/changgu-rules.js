function (newDoc, oldDoc, userCtx, secObj) {
  /* changgu-rules.js
   *
   * Copyright 2026 The Changgu authors
   * SPDX-License-Identifier: GPL-3.0-or-later
   *
   * The validate_doc_update of _design/changgu in every Changgu database
   * (installed by `changgu-admin provision`; see README.md next to this
   * file). The server-side half of DATA-MODEL.md's write rules: who may
   * write which type, and the schema checks of src/core/cg-validate.c, so
   * that a device with a leaked password or an old app cannot put what the
   * apps would refuse into the central database.
   *
   * The file is one function expression and nothing else, because both
   * CouchDB (SpiderMonkey) and pouchdb-server (couchdb-eval: "return " +
   * source) evaluate it as such. This comment is inside the function for
   * that reason: a comment before `function` would make pouchdb-server's
   * `return` return nothing. Plain ES5: CouchDB 3 may run SpiderMonkey 1.8.5.
   */

  function deny(reason) {
    throw ({ forbidden: reason });
  }

  function has(list, value) {
    if (!list) {
      return false;
    }
    for (var i = 0; i < list.length; i++) {
      if (list[i] === value) {
        return true;
      }
    }
    return false;
  }

  function roleWithPrefix(prefix) {
    var roles = (userCtx && userCtx.roles) || [];
    for (var i = 0; i < roles.length; i++) {
      if (typeof roles[i] === "string" && roles[i].indexOf(prefix) === 0 && roles[i].length > prefix.length) {
        return roles[i].substring(prefix.length);
      }
    }
    return null;
  }

  var roles = (userCtx && userCtx.roles) || [];
  /* changgu-relay-<store> is the user of the two _replicator documents
   * that join a store's databases on Apache CouchDB: it copies what was
   * validated on the way in, config included, so it passes as an admin. */
  var isAdmin = has(roles, "_admin") || has(roles, "changgu-admin") ||
    roleWithPrefix("changgu-relay-") !== null;
  var kioskOf = roleWithPrefix("changgu-kiosk-");
  var storeOf = roleWithPrefix("changgu-store-");
  var deviceId = roleWithPrefix("changgu-device-");
  var isKiosk = !isAdmin && kioskOf !== null && storeOf === null;
  var who = (userCtx && userCtx.name) ? userCtx.name : "anonymous";

  var MAX_TEXT = 64 * 1024;
  var LANGUAGES = ["ko", "en"];
  var CASE_STATUSES = ["new", "open", "pending_customer", "escalated", "resolved", "closed"];
  var ORDER_STATUSES = ["placed", "ready_for_pickup", "picked_up", "cancelled", "returned", "partially_returned"];
  var CHECKIN_STATUSES = ["waiting", "called", "serving", "done", "no_show"];

  /* The schemas of cg-validate.c: [name, kind, required, values or range]. */
  var SCHEMAS = {
    customer: [
      ["name", "text", true], ["phones", "phones"], ["emails", "emails"],
      ["preferred_channel", "enum", false, ["sms", "email", "phone", "none"]],
      ["language", "enum", false, LANGUAGES], ["tier", "text"], ["consent", "object"],
      ["merged_into", "text"], ["created_at", "time", true], ["updated_at", "time", true]
    ],
    order: [
      ["number", "text", true], ["customer_id", "text"], ["store_id", "text", true],
      ["channel", "enum", true, ["online", "in_store"]], ["items", "items", true],
      ["total", "money", true], ["currency", "currency", true],
      ["status", "enum", true, ORDER_STATUSES], ["ready_at", "time"], ["picked_up_at", "time"],
      ["picked_up_by", "text"],
      ["pickup_verified_with", "enum", false, ["phone_last4", "id_document", "code"]],
      ["created_at", "time"]
    ],
    "case": [
      ["number", "text", true], ["customer_id", "text"], ["order_id", "text"],
      ["store_id", "text", true],
      ["channel", "enum", true, ["counter", "kiosk", "phone", "email", "web"]],
      ["category", "text", true], ["subject", "text", true], ["description", "text"],
      ["priority", "enum", true, ["low", "normal", "high", "urgent"]],
      ["status", "enum", true, CASE_STATUSES], ["assignee", "text"], ["sla", "object"],
      ["first_response_at", "time"], ["resolved_at", "time"], ["resolution", "text"],
      ["reopened_count", "int", false, [0, 2147483647]], ["created_by", "text", true],
      ["created_at", "time", true], ["updated_at", "time", true],
      ["contact", "object"], ["language", "enum", false, LANGUAGES], ["self_service", "object"]
    ],
    case_note: [
      ["case_id", "text", true], ["author", "text", true],
      ["visibility", "enum", true, ["internal", "customer"]], ["body", "text", true],
      ["created_at", "time", true]
    ],
    checkin: [
      ["ticket", "text", true], ["store_id", "text", true],
      ["reason", "enum", true, ["help", "pickup", "return", "other"]],
      ["customer_id", "text"], ["order_number", "text"], ["display_name", "text"],
      ["status", "enum", true, CHECKIN_STATUSES], ["created_at", "time", true],
      ["called_at", "time"], ["served_by", "text"], ["done_at", "time"],
      ["channel", "enum", false, ["kiosk", "counter"]]
    ],
    feedback: [
      ["case_id", "text"], ["checkin_id", "text"], ["customer_id", "text"],
      ["channel", "text", true], ["csat", "int", false, [1, 5]], ["nps", "int", false, [0, 10]],
      ["comment", "text"], ["created_at", "time", true], ["self_service", "object"]
    ],
    article: [
      ["title", "text", true], ["body", "text", true], ["tags", "strings"],
      ["locale", "enum", true, LANGUAGES], ["category", "text", true],
      ["published", "bool", true], ["updated_at", "time", true]
    ],
    pickup: [
      ["order_number", "text", true], ["status", "enum", true, ORDER_STATUSES],
      ["ready_at", "time"], ["verify", "object", true]
    ],
    staff: [
      ["name", "text", true], ["role", "enum", true, ["agent", "supervisor"]],
      ["pin_hash", "text", true], ["active", "bool", true]
    ],
    config: [
      ["scope", "text", true], ["version", "int", true, [1, null]], ["issued_at", "time", true],
      ["key_id", "text", true], ["settings", "object", true], ["signature", "text", true]
    ],
    device: [
      ["role", "enum", true, ["counter", "kiosk"]], ["store_id", "text", true],
      ["app_version", "text"], ["pending_changes", "int", false, [0, null]],
      ["conflicts", "int", false, [0, null]], ["last_pull_at", "time"], ["last_push_at", "time"],
      ["updated_at", "time", true]
    ],
    notification: [
      ["channel", "enum", true, ["sms", "email"]], ["to", "text", true],
      ["template", "enum", true, ["order_ready", "case_update", "csat_request"]],
      ["params", "object"], ["locale", "enum", true, LANGUAGES], ["created_at", "time", true]
    ]
  };

  /* Workflows (cg-validate.c): for each status, where it may go. */
  var ORDER_FLOW = {
    placed: ["ready_for_pickup", "picked_up", "cancelled"],
    ready_for_pickup: ["picked_up", "cancelled"],
    picked_up: ["returned", "partially_returned"],
    partially_returned: ["partially_returned", "returned"],
    cancelled: [], returned: []
  };
  var FLOWS = {
    "case": {
      "new": ["open"],
      open: ["pending_customer", "escalated", "resolved"],
      pending_customer: ["open", "resolved"],
      escalated: ["open", "resolved"],
      resolved: ["open", "closed"],
      closed: []
    },
    order: ORDER_FLOW,
    pickup: ORDER_FLOW,
    checkin: {
      waiting: ["called", "no_show", "done"],
      called: ["serving", "waiting", "no_show", "done"],
      serving: ["done"],
      done: [], no_show: []
    }
  };

  function isInteger(v) {
    return typeof v === "number" && isFinite(v) && Math.floor(v) === v;
  }

  function isTime(v) {
    return typeof v === "string" && v.length >= 20 && v.length <= 40 &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v);
  }

  function checkText(type, name, v) {
    if (typeof v !== "string") {
      deny(type + ": \u201c" + name + "\u201d must be text.");
    }
    if (v.length > MAX_TEXT) {
      deny(type + ": \u201c" + name + "\u201d is too long (at most " + MAX_TEXT + " characters).");
    }
  }

  function checkField(type, f, v) {
    var name = f[0], kind = f[1], i;

    switch (kind) {
    case "text":
      checkText(type, name, v);
      if (f[2] && v === "") {
        deny(type + ": \u201c" + name + "\u201d cannot be empty.");
      }
      return;
    case "enum":
      if (typeof v !== "string" || !has(f[3], v)) {
        deny(type + ": \u201c" + name + "\u201d cannot be \u201c" + String(v).substring(0, 40) +
             "\u201d; use one of: " + f[3].join(", ") + ".");
      }
      return;
    case "time":
      if (!isTime(v)) {
        deny(type + ": \u201c" + name + "\u201d must be a time like 2026-11-22T07:11:34Z.");
      }
      return;
    case "int":
    case "money":
      if (!isInteger(v)) {
        deny(type + ": \u201c" + name + "\u201d must be a whole number.");
      }
      if (kind === "money" && v < 0) {
        deny(type + ": \u201c" + name + "\u201d cannot be negative.");
      }
      if (kind === "int" && f[3] && ((f[3][0] !== null && v < f[3][0]) || (f[3][1] !== null && v > f[3][1]))) {
        deny(type + ": \u201c" + name + "\u201d must be between " + f[3][0] + " and " +
             (f[3][1] === null ? "any larger number" : f[3][1]) + ".");
      }
      return;
    case "bool":
      if (typeof v !== "boolean") {
        deny(type + ": \u201c" + name + "\u201d must be true or false.");
      }
      return;
    case "object":
      if (v === null || typeof v !== "object" || isArray(v)) {
        deny(type + ": \u201c" + name + "\u201d must be an object.");
      }
      return;
    case "currency":
      if (typeof v !== "string" || !/^[A-Z]{3}$/.test(v)) {
        deny(type + ": \u201c" + name + "\u201d must be a currency code like KRW.");
      }
      return;
    case "items":
      if (!isArray(v)) {
        deny(type + ": \u201c" + name + "\u201d must be a list.");
      }
      for (i = 0; i < v.length; i++) {
        var item = v[i];
        if (item === null || typeof item !== "object" || typeof item.sku !== "string" ||
            typeof item.name !== "string" || !isInteger(item.qty) || !isInteger(item.unit_price)) {
          deny(type + ": item " + (i + 1) + " needs \u201csku\u201d, \u201cname\u201d, \u201cqty\u201d and \u201cunit_price\u201d.");
        }
        if (item.qty < 1 || item.unit_price < 0) {
          deny(type + ": item " + (i + 1) + " has a quantity below 1 or a negative price.");
        }
      }
      return;
    default: /* strings, phones, emails */
      if (!isArray(v)) {
        deny(type + ": \u201c" + name + "\u201d must be a list.");
      }
      for (i = 0; i < v.length; i++) {
        if (typeof v[i] !== "string") {
          deny(type + ": \u201c" + name + "\u201d must be a list of text.");
        }
        checkText(type, name, v[i]);
        if (kind === "phones" && !/^\+[1-9][0-9]{7,14}$/.test(v[i])) {
          deny(type + ": phone \u201c" + v[i].substring(0, 40) + "\u201d is not stored in international form (+821012345678).");
        }
        if (kind === "emails" && !/^[^\s,;<>@]+@[^\s,;<>@]+$/.test(v[i])) {
          deny(type + ": \u201c" + v[i].substring(0, 40) + "\u201d is not an e-mail address.");
        }
      }
      return;
    }
  }

  function isArray(v) {
    return Object.prototype.toString.call(v) === "[object Array]";
  }

  /* The nested fields a kiosk writes (check_kiosk_fields in cg-validate.c). */
  var MAX_OFFERED = 10;
  var EMAIL = /^[^\s,;<>@]+@[^\s,;<>@.][^\s,;<>@]*\.[^\s,;<>@.]+$/;

  function present(v) {
    return v !== undefined && v !== null;
  }

  function checkNestedText(type, path, v, required) {
    if (v === undefined || v === null) {
      if (required) {
        deny(type + ": \u201c" + path + "\u201d is required.");
      }
      return;
    }
    checkText(type, path, v);
    if (v === "") {
      deny(type + ": \u201c" + path + "\u201d cannot be empty.");
    }
  }

  function checkOffered(type, ss, required) {
    var offered = ss.offered, i;
    if (offered === undefined || offered === null) {
      if (required) {
        deny(type + ": \u201cself_service.offered\u201d is required.");
      }
      return;
    }
    if (!isArray(offered)) {
      deny(type + ": \u201cself_service.offered\u201d must be a list of text.");
    }
    if (offered.length > MAX_OFFERED) {
      deny(type + ": \u201cself_service.offered\u201d lists more than " + MAX_OFFERED + " articles.");
    }
    for (i = 0; i < offered.length; i++) {
      if (typeof offered[i] !== "string" || offered[i] === "" || offered[i].length > 200) {
        deny(type + ": \u201cself_service.offered\u201d must be a list of article ids.");
      }
    }
  }

  function checkHelped(type, ss) {
    if (ss.helped === undefined || ss.helped === null) {
      deny(type + ": \u201cself_service.helped\u201d is required.");
    }
    if (typeof ss.helped !== "boolean") {
      deny(type + ": \u201cself_service.helped\u201d must be true or false.");
    }
  }

  function checkKioskFields(type, doc) {
    var ss = doc.self_service;
    if (type === "case") {
      var contact = doc.contact;
      if (present(contact)) {
        checkNestedText(type, "contact.phone", contact.phone, false);
        checkNestedText(type, "contact.email", contact.email, false);
        if (!present(contact.phone) && !present(contact.email)) {
          deny(type + ": \u201ccontact\u201d needs a phone or an e-mail.");
        }
        if (present(contact.phone) && !/^\+[1-9][0-9]{7,14}$/.test(contact.phone)) {
          deny(type + ": phone \u201c" + contact.phone.substring(0, 40) + "\u201d is not stored in international form (+821012345678).");
        }
        if (present(contact.email) && (contact.email.length > 254 || !EMAIL.test(contact.email) ||
            contact.email.indexOf("..", contact.email.indexOf("@")) >= 0)) {
          deny(type + ": \u201c" + contact.email.substring(0, 40) + "\u201d is not an e-mail address.");
        }
      }
      if (ss !== undefined && ss !== null) {
        checkOffered(type, ss, true);
        checkHelped(type, ss);
      }
    } else if (type === "feedback" && ss !== undefined && ss !== null) {
      checkNestedText(type, "self_service.category", ss.category, true);
      checkOffered(type, ss, false);
      checkHelped(type, ss);
      checkNestedText(type, "self_service.article_id", ss.article_id, ss.helped === true);
    }
  }

  function typeOfId(id) {
    var colon = String(id).indexOf(":");
    return colon > 0 ? String(id).substring(0, colon) : null;
  }

  function generation(rev) {
    var n = parseInt(String(rev || "").split("-")[0], 10);
    return isNaN(n) ? 0 : n;
  }

  var oldLive = oldDoc && !oldDoc._deleted ? oldDoc : null;

  function same(a, b) {
    var k;
    if (a === b) {
      return true;
    }
    if (a === null || b === null || typeof a !== "object" || typeof b !== "object" ||
        isArray(a) !== isArray(b)) {
      return false;
    }
    for (k in a) {
      if (a.hasOwnProperty(k) && k !== "_revisions" && (!b.hasOwnProperty(k) || !same(a[k], b[k]))) {
        return false;
      }
    }
    for (k in b) {
      if (b.hasOwnProperty(k) && k !== "_revisions" && !a.hasOwnProperty(k)) {
        return false;
      }
    }
    return true;
  }

  /* pouchdb-server validates every revision it is sent, including one it
   * already holds (a push retried after a lost reply); CouchDB skips those.
   * The same revision with the same body changes nothing: let it through.
   * (The revision alone proves nothing: an interactive update carries its
   * parent's _rev.) */
  if (oldDoc && newDoc._rev && oldDoc._rev === newDoc._rev && same(newDoc, oldDoc)) {
    return;
  }

  /* ---------------------------------------------------- deletions */
  if (newDoc._deleted) {
    var goneType = (oldDoc && oldDoc.type) || newDoc.type || typeOfId(newDoc._id);
    if (isAdmin) {
      return;
    }
    if (goneType === "config" || goneType === "staff") {
      deny("Only a regional admin may delete " + goneType + " documents (" + newDoc._id + "); " + who + " is not one.");
    }
    if (isKiosk) {
      deny("A kiosk cannot delete documents on the server (" + newDoc._id + "); it purges what it created locally.");
    }
    if (storeOf === null) {
      deny(who + " has no Changgu store role; add the device again with changgu-admin add-device.");
    }
    return;
  }

  /* ------------------------------------------------------ schema */
  var type = newDoc.type;
  if (typeof type !== "string" || type === "") {
    deny("The document " + newDoc._id + " has no \u201ctype\u201d.");
  }
  var schema = SCHEMAS.hasOwnProperty(type) ? SCHEMAS[type] : null;
  if (schema === null) {
    deny("\u201c" + String(type).substring(0, 40) + "\u201d is not a document type Changgu knows.");
  }
  for (var i = 0; i < schema.length; i++) {
    var v = newDoc[schema[i][0]];
    if (v === undefined || v === null) {
      if (schema[i][2]) {
        deny(type + ": \u201c" + schema[i][0] + "\u201d is required.");
      }
      continue;
    }
    checkField(type, schema[i], v);
  }
  if (type === "feedback" && newDoc.csat === undefined && newDoc.nps === undefined &&
      typeof newDoc.comment !== "string" &&
      (newDoc.self_service === undefined || newDoc.self_service === null)) {
    deny("feedback: give a rating (csat or nps), a comment or a self-service answer.");
  }
  checkKioskFields(type, newDoc);
  if (oldLive && oldLive.type !== type) {
    deny("A " + oldLive.type + " cannot become a " + type + " (" + newDoc._id + ").");
  }

  if (isAdmin) {
    return;
  }

  /* -------------------------------------------------------- roles */
  if (kioskOf === null && storeOf === null) {
    deny(who + " has no Changgu device role; add the device with changgu-admin add-device.");
  }
  if (type === "config" || type === "staff") {
    deny("Only a regional admin may write " + type + " documents (" + newDoc._id +
         "); change them with changgu-admin, not from a device.");
  }

  if (isKiosk) {
    if (type === "case") {
      if (oldLive) {
        deny("A kiosk may only create new cases; " + newDoc._id + " already exists and is changed at the counter.");
      }
      if (newDoc.status !== "new") {
        deny("A kiosk may only create cases with status \u201cnew\u201d, not \u201c" + newDoc.status + "\u201d.");
      }
    } else if (type === "device") {
      /* The device's own document: add-device gives its user the role
       * changgu-device-<device id>; a user made otherwise may still write
       * a device document that names it in "username". */
      var own = deviceId !== null ? newDoc._id === "device:" + deviceId : newDoc.username === userCtx.name;
      if (!own) {
        deny("A kiosk may write only its own device document, not " + newDoc._id + ".");
      }
    } else if (type !== "checkin" && type !== "feedback") {
      deny("A kiosk may write only check-ins, feedback, new cases and its own device document, not a " + type + ".");
    }
  }

  /* Workflow: only when the stored revision is the direct parent (an
   * interactive update names it in _rev; a replicated revision is one
   * generation above it). With new_edits:false pouchdb-server passes the
   * current winner as oldDoc, which may be on another branch; several
   * edits made offline arrive as one revision several generations later.
   * The device checked each step. */
  var flow = FLOWS.hasOwnProperty(type) ? FLOWS[type] : null;
  if (flow && oldLive &&
      (newDoc._rev === oldLive._rev || generation(newDoc._rev) === generation(oldLive._rev) + 1) &&
      typeof oldLive.status === "string" && oldLive.status !== newDoc.status &&
      flow.hasOwnProperty(oldLive.status) && !has(flow[oldLive.status], newDoc.status)) {
    deny("A " + type + " cannot go from \u201c" + oldLive.status + "\u201d to \u201c" + newDoc.status + "\u201d (" + newDoc._id + ").");
  }
}
