#!/usr/bin/env node
// interop.js
//
// Copyright 2026 The Changgu authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// An independent client for the interop tests: PouchDB 9 with an in-memory
// database, replicating with a CouchDB-protocol server (TEST-PEER.md).
// Whatever Changgu writes to the server must read back correctly here, and
// revisions that PouchDB makes itself must replicate into Changgu.
//
//   node interop.js pull URL/DB
//       Replicates the server database into memory and prints JSON:
//       {"ok":true,"replication":{...},"docs":[{"_id","_rev","_deleted"?,
//        "_conflicts":[...],"doc":{winning body}|null,
//        "leaves":[{"rev","deleted","revisions":[newest … oldest]}]}]}
//       sorted by _id. Deleted documents are listed too ("doc": null).
//   node interop.js write URL/DB FILE.json
//       FILE.json is an array of documents. They are written in order into a
//       fresh in-memory database, PouchDB making the revisions (a document
//       whose _id came earlier becomes a new revision on top of it; `"_deleted":
//       true` deletes), then replicated to the server. Prints
//       {"ok":true,"replication":{...},"written":[{"id","rev"}]}.
//   node interop.js edit-conflict URL/DB ID
//       Pulls ID into two in-memory databases, edits it differently in each
//       ("interop_edit": "a" / "b") and pushes both back: the server gets two
//       sibling revisions made by PouchDB. Prints
//       {"ok":true,"id","revs":[a,b],"winner","conflicts":[...]}.
//
// Credentials go in the URL (http://user:password@127.0.0.1:PORT/db).
// Exits 1 with a message on stderr on any error or replication failure, and
// 2 on a usage error. CG_INTEROP_TIMEOUT_S (default 60) bounds the run.

'use strict';

const fs = require('fs');
const path = require('path');

const modules = path.join(__dirname, 'node_modules');
const PouchDB = require(path.join(modules, 'pouchdb-node'))
  .plugin(require(path.join(modules, 'pouchdb-adapter-memory')));

let memoryCount = 0;

function usage(message) {
  process.stderr.write(`interop.js: ${message}\n` +
    'usage: node interop.js pull URL/DB | write URL/DB FILE.json | edit-conflict URL/DB ID\n');
  process.exit(2);
}

function memoryDb() {
  memoryCount += 1;
  return new PouchDB(`interop-${process.pid}-${memoryCount}`, { adapter: 'memory' });
}

function remoteDb(url) {
  if (!/^http:\/\/[^/]+\/[^/]+/.test(url))
    usage(`not a database URL: ${url}`);
  // skip_setup: never PUT the database (a non-admin PUT /db crashes the
  // test peer once an admin exists).
  return new PouchDB(url, { skip_setup: true });
}

function summary(result) {
  return {
    ok: result.ok,
    status: result.status,
    docs_read: result.docs_read,
    docs_written: result.docs_written,
    doc_write_failures: result.doc_write_failures,
    errors: (result.errors || []).map(String),
  };
}

async function replicate(source, target) {
  const result = await PouchDB.replicate(source, target, { batch_size: 100 });
  if (!result.ok || result.doc_write_failures > 0 || (result.errors || []).length > 0)
    throw new Error(`replication failed: ${JSON.stringify(summary(result))}`);
  return summary(result);
}

async function describe(db) {
  // changes lists every document, deleted ones included; allDocs with keys
  // then gives the winner of each (value.deleted for a deleted winner).
  const changes = await db.changes({ since: 0, style: 'all_docs' });
  const ids = changes.results.map((row) => row.id).sort();
  if (ids.length === 0)
    return [];
  const all = await db.allDocs({ keys: ids, include_docs: true, conflicts: true });
  const docs = [];
  for (const row of all.rows) {
    if (row.error)
      throw new Error(`allDocs: ${row.id}: ${row.error}`);
    const leaves = await db.get(row.id, { open_revs: 'all', revs: true });
    const entry = {
      _id: row.id,
      _rev: row.value.rev,
      _conflicts: row.doc && row.doc._conflicts ? row.doc._conflicts.slice().sort() : [],
      doc: null,
      leaves: leaves
        .filter((leaf) => leaf.ok)
        .map((leaf) => ({
          rev: leaf.ok._rev,
          deleted: leaf.ok._deleted === true,
          revisions: leaf.ok._revisions.ids.map(
            (hash, i) => `${leaf.ok._revisions.start - i}-${hash}`),
        }))
        .sort((a, b) => (a.rev < b.rev ? -1 : a.rev > b.rev ? 1 : 0)),
    };
    if (row.value.deleted)
      entry._deleted = true;
    if (row.doc) {
      const body = Object.assign({}, row.doc);
      delete body._conflicts;
      entry.doc = body;
    }
    docs.push(entry);
  }
  return docs;
}

async function pull(url) {
  const local = memoryDb();
  const replication = await replicate(remoteDb(url), local);
  return { ok: true, replication, docs: await describe(local) };
}

async function write(url, file) {
  let docs;
  try {
    docs = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read ${file}: ${e.message}`);
  }
  if (!Array.isArray(docs))
    throw new Error(`${file} must hold a JSON array of documents`);

  const local = memoryDb();
  const revs = new Map();
  const written = [];
  for (const doc of docs) {
    if (doc === null || typeof doc !== 'object' || typeof doc._id !== 'string')
      throw new Error(`every document needs a string _id: ${JSON.stringify(doc)}`);
    const copy = Object.assign({}, doc);
    delete copy._rev;
    if (revs.has(copy._id))
      copy._rev = revs.get(copy._id);
    const result = await local.put(copy);
    revs.set(result.id, result.rev);
    written.push({ id: result.id, rev: result.rev });
  }
  const replication = await replicate(local, remoteDb(url));
  return { ok: true, replication, written };
}

async function editConflict(url, id) {
  const remote = remoteDb(url);
  const sides = [memoryDb(), memoryDb()];
  const revs = [];
  for (const [i, db] of sides.entries()) {
    await PouchDB.replicate(remote, db, { doc_ids: [id] });
    const doc = await db.get(id);
    doc.interop_edit = i === 0 ? 'a' : 'b';
    revs.push((await db.put(doc)).rev);
  }
  for (const db of sides)
    await replicate(db, remote);
  const winner = await remote.get(id, { conflicts: true });
  return {
    ok: true,
    id,
    revs,
    winner: winner._rev,
    conflicts: (winner._conflicts || []).slice().sort(),
  };
}

async function main(argv) {
  const [command, url, extra] = argv;
  switch (command) {
    case 'pull':
      if (!url) usage('pull needs URL/DB');
      return pull(url);
    case 'write':
      if (!url || !extra) usage('write needs URL/DB FILE.json');
      return write(url, extra);
    case 'edit-conflict':
      if (!url || !extra) usage('edit-conflict needs URL/DB ID');
      return editConflict(url, extra);
    default:
      return usage(`unknown command: ${command || '(none)'}`);
  }
}

const timeoutS = Number(process.env.CG_INTEROP_TIMEOUT_S || 60);
const timer = setTimeout(() => {
  process.stderr.write(`interop.js: no result within ${timeoutS} s\n`);
  process.exit(1);
}, timeoutS * 1000);
timer.unref();

main(process.argv.slice(2)).then((result) => {
  process.stdout.write(JSON.stringify(result, null, 1) + '\n');
  process.exitCode = 0;
}, (error) => {
  // PouchDB's HTTP errors carry status/name/reason and a useless stack.
  const detail = error && error.status
    ? `HTTP ${error.status} ${error.name}: ${error.reason || error.message}`
    : error && (error.stack || error.message || JSON.stringify(error));
  process.stderr.write(`interop.js: ${detail}\n`);
  process.exitCode = 1;
});
