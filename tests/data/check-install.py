#!/usr/bin/env python3
# check-install.py — `meson install` works and the installed app runs.
#
# Copyright 2026 The Changgu authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-install.py BUILD_DIR PREFIX APP_ID SCREENSHOT_DIR
#
# 1. `meson install --destdir` puts every file a desktop needs where the
#    desktop looks: desktop file, metainfo, icons, settings schema, the
#    Korean catalogue, the D-Bus service, both programs.
# 2. `meson install` into PREFIX (inside the build directory; build-aux/dev
#    configures it so) and the installed programs find their translations
#    and settings schema at their compiled-in paths, with no CHANGGU_LOCALEDIR
#    or GSETTINGS_SCHEMA_DIR help from the build tree.
# 3. The installed app starts on the display in Korean: its window is titled
#    "창구" (translated at run time from the installed catalogue), stays up,
#    logs no warning; a screenshot is saved for people to look at.
#
# TAP output; exit 77 (skip) when there is no display for part 3.

import os
import shutil
import subprocess
import sys
import tempfile
import time

build, prefix, app_id, shots = sys.argv[1:5]
count = 0
failed = 0


def check(ok, what, detail=""):
    global count, failed
    count += 1
    print(("ok" if ok else "not ok"), count, "-", what)
    if not ok:
        failed += 1
        for line in detail.splitlines():
            print("#", line)
    return ok


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def clean_env(**extra):
    """The environment of a user's session: none of the build tree's
    overrides (tests set them for uninstalled binaries)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("CHANGGU_LOCALEDIR", "GSETTINGS_SCHEMA_DIR", "G_DEBUG",
                        "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(extra)
    return env


expected = [
    "bin/changgu",
    "bin/changgu-admin",
    f"share/applications/{app_id}.desktop",
    f"share/metainfo/{app_id}.metainfo.xml",
    f"share/icons/hicolor/scalable/apps/{app_id}.svg",
    f"share/icons/hicolor/symbolic/apps/{app_id}-symbolic.svg",
    f"share/glib-2.0/schemas/{app_id}.gschema.xml",
    f"share/dbus-1/services/{app_id}.service",
    "share/locale/ko/LC_MESSAGES/changgu.mo",
    "share/changgu/couchdb/changgu-rules.js",
    "share/changgu/kiosk/gnome-kiosk-script",
]

# 1. The destdir tree, as a distribution package would be built.
with tempfile.TemporaryDirectory(prefix="changgu-destdir-") as destdir:
    r = run(["meson", "install", "-C", build, "--no-rebuild", "--quiet", "--destdir", destdir])
    if check(r.returncode == 0, "meson install --destdir", r.stdout + r.stderr):
        root = destdir + prefix
        for path in expected:
            check(os.path.isfile(os.path.join(root, path)), f"destdir has {path}")
        desktop = open(os.path.join(root, f"share/applications/{app_id}.desktop"), encoding="utf-8").read()
        check("Name[ko]=" in desktop and "Comment[ko]=" in desktop, "the desktop file is translated into Korean")
        check(f"Icon={app_id}" in desktop, "the desktop file names the installed icon")
        metainfo = open(os.path.join(root, f"share/metainfo/{app_id}.metainfo.xml"), encoding="utf-8").read()
        check('xml:lang="ko"' in metainfo, "the metainfo is translated into Korean")

# 2. A real prefix install: compiled-in paths only.
r = run(["meson", "install", "-C", build, "--no-rebuild", "--quiet"])
check(r.returncode == 0, f"meson install into {prefix}", r.stdout + r.stderr)
schemas = os.path.join(prefix, "share/glib-2.0/schemas/gschemas.compiled")
if not os.path.exists(schemas):
    # gnome.post_install compiles them, except for a staged install.
    run(["glib-compile-schemas", os.path.dirname(schemas)])
check(os.path.exists(schemas), "the installed schemas are compiled")

home = tempfile.mkdtemp(prefix="changgu-home-")
env = clean_env(
    HOME=home,
    XDG_CONFIG_HOME=os.path.join(home, ".config"),
    XDG_DATA_HOME=os.path.join(home, ".local/share"),
    XDG_CACHE_HOME=os.path.join(home, ".cache"),
    XDG_DATA_DIRS=os.path.join(prefix, "share") + ":/usr/local/share:/usr/share",
    LANGUAGE="ko",
)
r = run([os.path.join(prefix, "bin/changgu-admin"), "--help"], env=env)
check(r.returncode == 0 and any("\uac00" <= ch <= "\ud7a3" for ch in r.stdout),
      "installed changgu-admin --help speaks Korean", r.stdout + r.stderr)
r = run([os.path.join(prefix, "bin/changgu"), "--help"], env=env)
check(r.returncode == 0 and any("\uac00" <= ch <= "\ud7a3" for ch in r.stdout),
      "installed changgu --help speaks Korean", r.stdout + r.stderr)
r = run(["gsettings", "list-keys", app_id], env=env)
check(r.returncode == 0 and "window-width" in r.stdout, "the installed settings schema is found", r.stderr)

# 3. The app on the display.
if not os.environ.get("DISPLAY"):
    print("# no DISPLAY: the installed app was not started")
    print(f"1..{count}")
    sys.exit(1 if failed else 77)

log = open(os.path.join(home, "changgu.log"), "w+")
app = subprocess.Popen([os.path.join(prefix, "bin/changgu")], env=dict(env, G_DEBUG="fatal-criticals"),
                       stdout=log, stderr=subprocess.STDOUT)
title_found = False
deadline = time.monotonic() + 30
while time.monotonic() < deadline and app.poll() is None:
    tree = run(["xwininfo", "-root", "-tree"]).stdout
    if '"창구"' in tree:
        title_found = True
        break
    time.sleep(0.3)
check(title_found, "the installed app shows its window, titled in Korean")
time.sleep(2)   # let it draw
alive = app.poll() is None
if alive and shutil.which("import"):
    os.makedirs(shots, exist_ok=True)
    run(["import", "-window", "root", os.path.join(shots, "installed-ko.png")])
    print(f"# screenshot: {os.path.join(shots, 'installed-ko.png')}")
check(alive, "the installed app is still running after it drew")
app.terminate()
try:
    app.wait(10)
except subprocess.TimeoutExpired:
    app.kill()
log.seek(0)
output = log.read()
noise = [l for l in output.splitlines() if "WARNING" in l or "CRITICAL" in l or "ERROR" in l]
check(not noise, "the installed app logged no warning", "\n".join(noise))
shutil.rmtree(home, ignore_errors=True)

print(f"1..{count}")
sys.exit(1 if failed else 0)
