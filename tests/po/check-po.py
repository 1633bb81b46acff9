#!/usr/bin/env python3
# check-po.py — every translatable string of the sources is in po/ko.po,
# translated, not fuzzy, and msgfmt --check accepts the catalogue.
#
# Extracts a fresh template from po/POTFILES.in (as meson's glib preset
# does) instead of trusting po/changgu.pot, so a string added without
# running the update target is caught too. Also checks that every source
# file that marks strings for translation is listed in POTFILES.in.
import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
po = os.path.join(root, "po", "ko.po")
potfiles = os.path.join(root, "po", "POTFILES.in")
problems = []

listed = {l.strip() for l in open(potfiles, encoding="utf-8") if l.strip() and not l.startswith("#")}
marker = re.compile(r'\b(N?_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"|translatable="yes"')
for folder in ("src", "ui"):
    for dirpath, _, files in os.walk(os.path.join(root, folder)):
        for name in files:
            if not name.endswith((".c", ".ui")):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if marker.search(open(path, encoding="utf-8").read()) and rel not in listed:
                problems.append(f"{rel} has translatable strings but is not in po/POTFILES.in")

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "fresh.pot")
    subprocess.run(["xgettext", "--from-code=UTF-8", "--add-comments", "--sort-output",
                    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
                    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
                    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
                    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
                    "--flag=g_set_error:4:c-format", "--flag=g_print:1:c-format",
                    "-o", pot, "-D", root, "--files-from", potfiles], check=True)
    missing = subprocess.run(["msgcmp", "--use-untranslated", po, pot], capture_output=True, text=True)
    if missing.returncode != 0:
        problems.append("po/ko.po lacks strings of the sources (run `ninja -C build changgu-update-po`):\n"
                        + missing.stderr.strip())
    stats = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po],
                           capture_output=True, text=True)
    if stats.returncode != 0:
        problems.append("msgfmt --check po/ko.po failed:\n" + stats.stderr.strip())
    elif "untranslated" in stats.stderr or "fuzzy" in stats.stderr:
        problems.append("po/ko.po is incomplete: " + stats.stderr.strip())
    else:
        print("ko.po:", stats.stderr.strip())

for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
