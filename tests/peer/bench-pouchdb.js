#!/usr/bin/env node
// bench-pouchdb.js
//
// Copyright 2026 The Changgu authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The reference client for the sync benchmarks (QUALITY.md, "Benchmarks"):
// PouchDB 9 with an in-memory local database, replicating one-shot with a
// CouchDB-protocol server. The benchmark driver (tests/bench/cg-bench-sync.c)
// runs it as a child process and measures it with wait4(); this script also
// times its replication phase itself.
//
//   node bench-pouchdb.js pull URL/DB BATCH
//       Replicates the server database into a fresh memory database with
//       batch_size BATCH (0: PouchDB's default, 100).
//   node bench-pouchdb.js push URL/DB FILE BATCH
//       Loads FILE (lines of {"docs":[…],"new_edits":false}, as
//       cg-bench-prepare export writes them) into a memory database with
//       bulkDocs new_edits:false — untimed — and then replicates it to the
//       server database (which must exist) with batch_size BATCH.
//
// Prints one JSON object:
//   {"ok":true,"docs":N,"seconds":S,"cpu_s":C,"max_rss_kb":K,"hwm_kb":H,
//    "local_docs":L}
// where seconds and cpu_s (process.cpuUsage, user+system) cover the
// replication phase only, max_rss_kb is getrusage's peak for the whole
// process and hwm_kb /proc/self/status VmHWM (the same, without what a
// spawned child may inherit from its parent at exec).
// Exits 1 with a message on stderr if the replication fails.

'use strict';

const fs = require('fs');
const path = require('path');

const modules = path.join(__dirname, 'node_modules');
const PouchDB = require(path.join(modules, 'pouchdb-node'))
  .plugin(require(path.join(modules, 'pouchdb-adapter-memory')));

function usage(message) {
  process.stderr.write(`bench-pouchdb.js: ${message}\n` +
    'usage: node bench-pouchdb.js pull URL/DB BATCH | push URL/DB FILE BATCH\n');
  process.exit(2);
}

function remoteDb(url) {
  if (!/^http:\/\/[^/]+\/[^/]+/.test(url))
    usage(`not a database URL: ${url}`);
  return new PouchDB(url, { skip_setup: true });
}

function vmHwmKb() {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch (e) {
    return 0;
  }
}

function options(batch) {
  // batch 0: PouchDB's own defaults (batch_size 100, batches_limit 10).
  return batch > 0 ? { batch_size: batch } : {};
}

async function timed(source, target, batch) {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = await PouchDB.replicate(source, target, options(batch));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  if (!result.ok || result.doc_write_failures > 0 || (result.errors || []).length > 0)
    throw new Error(`replication failed: ${JSON.stringify({
      ok: result.ok, status: result.status, docs_read: result.docs_read,
      docs_written: result.docs_written, failures: result.doc_write_failures,
      errors: (result.errors || []).map(String) })}`);
  return {
    docs: result.docs_written,
    docs_read: result.docs_read,
    seconds,
    cpu_s: (cpu.user + cpu.system) / 1e6,
  };
}

async function finish(out, local) {
  const info = await local.info();
  out.local_docs = info.doc_count;
  out.max_rss_kb = process.resourceUsage().maxRSS;
  out.hwm_kb = vmHwmKb();
  process.stdout.write(JSON.stringify(Object.assign({ ok: true }, out)) + '\n');
}

async function pull(url, batch) {
  const local = new PouchDB(`bench-pull-${process.pid}`, { adapter: 'memory' });
  const out = await timed(remoteDb(url), local, batch);
  out.batch = batch || 100;
  await finish(out, local);
}

async function push(url, file, batch) {
  const local = new PouchDB(`bench-push-${process.pid}`, { adapter: 'memory' });
  const t0 = process.hrtime.bigint();
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  let loaded = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].length === 0)
      continue;
    const body = JSON.parse(lines[i]);
    lines[i] = null;
    await local.bulkDocs(body.docs, { new_edits: false });
    loaded += body.docs.length;
  }
  const loadSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const out = await timed(local, remoteDb(url), batch);
  out.batch = batch || 100;
  out.loaded = loaded;
  out.load_seconds = loadSeconds;
  await finish(out, local);
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === 'pull' && args.length === 3)
    await pull(args[1], Number(args[2]));
  else if (args[0] === 'push' && args.length === 4)
    await push(args[1], args[2], Number(args[3]));
  else
    usage('bad arguments');
}

main().catch((error) => {
  process.stderr.write(`bench-pouchdb.js: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
