#!/usr/bin/env bash
# run-fuzz.sh BINARY SEED_CORPUS WORK_DIR SECONDS
#
# Runs one libFuzzer target (tests/fuzz/README.md) for SECONDS on a copy of
# its seed corpus kept in WORK_DIR/corpus (it grows from run to run; the
# seeds in the source tree are never written). SECONDS=0 runs every input of
# the corpus once (the regression check). Prints one line:
#   fuzz-NAME: N executions in S s, corpus C inputs, 0 crashes
# and exits 1 after a crash, a leak, a timeout or a broken invariant,
# naming the input that caused it (WORK_DIR/crashes/…).
set -uo pipefail

# CHANGGU_FUZZ_SECONDS overrides SECONDS (build-aux/dev test sets it).
bin=$1 seeds=$2 work=$3 seconds=${CHANGGU_FUZZ_SECONDS:-$4}
name=$(basename "$bin")
mkdir -p "$work/corpus" "$work/crashes" "$work/tmp"
cp -n "$seeds"/* "$work/corpus/" 2>/dev/null || true
log=$work/last.log

# The targets' stores go under work/tmp, removed below even when a
# crash skipped their atexit cleanup.
export TMPDIR=$work/tmp
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Only for GLib's own one-time allocations: see lsan.supp.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(dirname "$0")/lsan.supp:print_suppressions=0}

if [ "$seconds" -gt 0 ]; then
  set -- -max_total_time="$seconds"
else
  set -- -runs=0
fi
start=$(date +%s)
"$bin" "$@" -print_final_stats=1 -timeout=25 -rss_limit_mb=2048 \
  -artifact_prefix="$work/crashes/" "$work/corpus" >"$log" 2>&1
status=$?
elapsed=$(( $(date +%s) - start ))
rm -rf "${work:?}/tmp"

execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
units=$(find "$work/corpus" -type f | wc -l)
if [ $status -eq 0 ]; then
  printf '%s: %s executions in %s s, corpus %s inputs, 0 crashes\n' "$name" "${execs:-?}" "$elapsed" "$units"
  exit 0
fi
artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
printf '%s: CRASH after %s executions in %s s (exit %s)\n' "$name" "${execs:-?}" "$elapsed" "$status"
grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|fuzz invariant broken|CRITICAL|WARNING' "$log" || true
printf '  input: %s\n  log:   %s\n  again: %s %s\n' "${artifact:-(none written)}" "$log" "$bin" "${artifact:-}"
exit 1
