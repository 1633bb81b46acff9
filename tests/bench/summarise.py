#!/usr/bin/env python3
# summarise.py — the one table of `build-aux/dev bench`.
#
# Copyright 2026 The Changgu authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every benchmark prints its verdicts as tab-separated RESULT lines
# (tests/bench/cg-bench-result.c) among its detailed output. This reads them
# from meson's test log(s) and prints them as one Markdown table, in the
# order the benchmarks printed them, then how many targets were met (rows
# marked "—" are figures without a target).
#
#   summarise.py BUILD/meson-logs/testlog.json [more.json …]
import json
import sys

HEADER = ("benchmark", "Changgu", "reference", "ratio", "target", "met")


def results(paths):
    for path in paths:
        with open(path, encoding="utf-8") as log:
            for line in log:
                test = json.loads(line)
                for out in (test.get("stdout") or "").splitlines():
                    if out.startswith("RESULT\t"):
                        fields = out.split("\t")[1:]
                        if len(fields) == len(HEADER):
                            yield fields


def main():
    if len(sys.argv) < 2:
        print("usage: summarise.py TESTLOG.json [...]", file=sys.stderr)
        return 2
    rows = list(results(sys.argv[1:]))
    if not rows:
        print("No benchmark printed a RESULT line (did they run?)", file=sys.stderr)
        return 1
    print("| " + " | ".join(HEADER) + " |")
    print("|" + "---|" * len(HEADER))
    for row in rows:
        print("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    met = sum(1 for row in rows if row[-1] == "met")
    targets = sum(1 for row in rows if row[-1] != "—")
    print(f"\n{met} of {targets} targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
