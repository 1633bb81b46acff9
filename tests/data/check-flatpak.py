#!/usr/bin/env python3
# check-flatpak.py
#
# Copyright 2026 The Changgu authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the Flatpak manifests in flatpak/ without building them: the GNOME
# runtime cannot be fetched on CI (its network reaches only Debian's archive
# and npm), so this is what CI can say about them. Standard library only, no
# network.
#
#   check-flatpak.py SOURCE_ROOT
#
# Prints one "ok N - ..." / "not ok N - ..." line per check (TAP) and exits
# non-zero if any check failed.

import json
import os
import re
import sys

APP_ID = "io.github.changgu.Changgu"
RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"
RUNTIME_VERSION = "43"

# What the GNOME 43 runtime ships, from gnome-build-meta's gnome-43 branch
# (final state, 2023-09) and the freedesktop-sdk 22.08.15 it is built on.
# A dependency() in the meson files must be satisfied by these, or built by a
# module of the same name in the manifest.
GNOME_43 = {
    "glib-2.0": "2.74.7",
    "gio-2.0": "2.74.7",
    "gtk4": "4.8.3",
    "libadwaita-1": "1.2.5",
    "json-glib-1.0": "1.6.6",
    "libsoup-3.0": "3.2.2",
    "libsecret-1": "0.20.5",
    "sqlite3": "3.39.4",
}

# Modules that build a pkg-config name the runtime lacks.
MODULE_PROVIDES = {
    "libsodium": "libsodium",
}

FORBIDDEN_ARGS = {
    "--filesystem=home": "the store lives in the app's own data dir",
    "--filesystem=host": "the store lives in the app's own data dir",
    "--filesystem=host-os": "no access to the host system is needed",
    "--talk-name=org.freedesktop.secrets": "libsecret uses the Secret portal in the sandbox",
}
REQUIRED_ARGS = ["--share=network"]


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = []

    def check(self, ok, what, why=""):
        self.n += 1
        if ok:
            print(f"ok {self.n} - {what}")
        else:
            print(f"not ok {self.n} - {what}")
            if why:
                for line in why.splitlines():
                    print(f"# {line}")
            self.failed.append(what)
        return ok


def strip_meson_comments(text):
    """Drops # comments outside strings (meson strings use single quotes)."""
    out = []
    for line in text.splitlines():
        in_str = False
        cut = len(line)
        i = 0
        while i < len(line):
            c = line[i]
            if c == "\\" and in_str:
                i += 2
                continue
            if c == "'":
                in_str = not in_str
            elif c == "#" and not in_str:
                cut = i
                break
            i += 1
        out.append(line[:cut])
    return "\n".join(out)


def call_body(text, start):
    """The text from the "(" at or after START to its matching ")"."""
    open_at = text.index("(", start)
    depth = 0
    in_str = False
    i = open_at
    while i < len(text):
        c = text[i]
        if in_str:
            if c == "\\":
                i += 2
                continue
            if c == "'":
                in_str = False
        elif c == "'":
            in_str = True
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                return text[open_at + 1:i]
        i += 1
    return text[open_at + 1:]


def meson_files(root):
    skip = {".git", ".flatpak-builder", "build-dir", "node_modules", "subprojects"}
    for top, dirs, files in os.walk(root):
        # Build directories (any name) have meson-private/ in them.
        dirs[:] = [d for d in dirs if d not in skip
                   and not os.path.isdir(os.path.join(top, d, "meson-private"))]
        for name in files:
            if name == "meson.build":
                yield os.path.join(top, name)


def installed_executables(root):
    """Names of executable() targets with install: true, over all meson files."""
    names = {}
    for path in meson_files(root):
        with open(path, encoding="utf-8") as f:
            text = strip_meson_comments(f.read())
        for m in re.finditer(r"\bexecutable\s*\(\s*'([^']+)'", text):
            body = call_body(text, m.start())
            if re.search(r"\binstall\s*:\s*true\b", body):
                names[m.group(1)] = os.path.relpath(path, root)
    return names


def meson_dependencies(root):
    """(name, [version constraints], file) of every required dependency('...')."""
    deps = []
    for path in meson_files(root):
        with open(path, encoding="utf-8") as f:
            text = strip_meson_comments(f.read())
        for m in re.finditer(r"\bdependency\s*\(\s*'([^']+)'", text):
            body = call_body(text, m.start())
            if re.search(r"\brequired\s*:\s*false\b", body):
                continue   # optional: a runtime without it still builds
            versions = []
            vm = re.search(r"\bversion\s*:\s*(\[[^\]]*\]|'[^']*')", body)
            if vm:
                versions = re.findall(r"'([^']*)'", vm.group(1))
            deps.append((m.group(1), versions, os.path.relpath(path, root)))
    return deps


def version_tuple(v):
    return tuple(int(x) for x in re.findall(r"\d+", v))


def satisfies(have, constraint):
    m = re.match(r"\s*(>=|<=|==|!=|>|<)?\s*(\S+)", constraint)
    op, want = (m.group(1) or "=="), m.group(2)
    a, b = version_tuple(have), version_tuple(want)
    n = max(len(a), len(b))
    a += (0,) * (n - len(a))
    b += (0,) * (n - len(b))
    return {">=": a >= b, "<=": a <= b, "==": a == b, "!=": a != b,
            ">": a > b, "<": a < b}[op]


def project_app_id(root):
    with open(os.path.join(root, "meson.build"), encoding="utf-8") as f:
        m = re.search(r"application_id\s*=\s*'([^']+)'", f.read())
    return m.group(1) if m else None


def check_manifest(tap, root, path, executables, deps):
    name = os.path.basename(path)
    manifest_dir = os.path.dirname(path)
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        tap.check(False, f"{name}: parses as JSON", str(e))
        return
    tap.check(isinstance(manifest, dict), f"{name}: parses as JSON")
    if not isinstance(manifest, dict):
        return

    app_id = manifest.get("id") or manifest.get("app-id")
    tap.check(app_id is not None and name == app_id + ".json",
              f"{name}: id matches the file name",
              f"id is {app_id!r}")
    tap.check(app_id in (APP_ID, APP_ID + ".Devel"),
              f"{name}: id is the project's ({APP_ID} or {APP_ID}.Devel)",
              f"id is {app_id!r}")

    command = manifest.get("command")
    tap.check(command in executables,
              f"{name}: command {command!r} is an executable the meson build installs",
              "installed executables: " + (", ".join(sorted(executables)) or "none"))

    tap.check(manifest.get("runtime") == RUNTIME and manifest.get("sdk") == SDK
              and manifest.get("runtime-version") == RUNTIME_VERSION,
              f"{name}: runtime {RUNTIME}, sdk {SDK}, runtime-version {RUNTIME_VERSION}",
              "got runtime={!r} sdk={!r} runtime-version={!r}".format(
                  manifest.get("runtime"), manifest.get("sdk"), manifest.get("runtime-version")))

    args = manifest.get("finish-args", [])
    for arg in REQUIRED_ARGS:
        tap.check(arg in args, f"{name}: finish-args has {arg}")
    bad = [f"{a} ({FORBIDDEN_ARGS[a.split(':')[0]]})" for a in args
           if a.split(":")[0] in FORBIDDEN_ARGS]
    tap.check(not bad, f"{name}: finish-args give no home/host access and no direct keyring access",
              "remove: " + ", ".join(bad))

    modules = manifest.get("modules", [])
    tap.check(isinstance(modules, list) and len(modules) > 0, f"{name}: has modules")
    module_names = []
    profile = None
    for module in modules:
        if not isinstance(module, dict):
            tap.check(False, f"{name}: module is an object (not a file reference)", repr(module))
            continue
        mname = module.get("name", "?")
        module_names.append(mname)
        for opt in module.get("config-opts", []):
            if opt.startswith("-Dprofile="):
                profile = opt.split("=", 1)[1]
        sources = module.get("sources", [])
        tap.check(len(sources) > 0, f"{name}: module {mname} has sources")
        for source in sources:
            kind = source.get("type")
            if kind == "dir":
                target = os.path.normpath(os.path.join(manifest_dir, source.get("path", "")))
                tap.check(os.path.isfile(os.path.join(target, "meson.build")),
                          f"{name}: module {mname}: dir {source.get('path')!r} exists and has meson.build",
                          f"resolved to {target}")
                tap.check(os.path.samefile(target, root) if os.path.isdir(target) else False,
                          f"{name}: module {mname}: dir source is the project's source root",
                          f"resolved to {target}, root is {root}")
            elif kind in ("archive", "file"):
                url = source.get("url", "")
                sha = source.get("sha256", "")
                tap.check(url.startswith("https://") and re.fullmatch(r"[0-9a-f]{64}", sha) is not None,
                          f"{name}: module {mname}: {kind} source has an https url and a sha256",
                          f"url={url!r} sha256={sha!r}")
            elif kind == "git":
                tap.check(bool(source.get("url")) and re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")),
                          f"{name}: module {mname}: git source pins a commit")
            else:
                tap.check(False, f"{name}: module {mname}: source type {kind!r} is one this check knows")
        if module.get("buildsystem") == "meson" and mname == "changgu":
            tap.check(not module.get("run-tests", False),
                      f"{name}: module {mname} runs no tests in the Flatpak build")

    tap.check(module_names[-1:] == ["changgu"], f"{name}: the last module is changgu",
              f"modules: {module_names}")
    want_profile = "development" if app_id and app_id.endswith(".Devel") else "default"
    tap.check(profile == want_profile,
              f"{name}: -Dprofile={want_profile} for id {app_id}",
              f"got -Dprofile={profile}")

    # Every library the meson build asks for is in the runtime at the version
    # asked, or built by a module here.
    provided = {MODULE_PROVIDES.get(m, m) for m in module_names}
    for dep, versions, where in deps:
        if dep in provided:
            tap.check(True, f"{name}: {dep} is built by a module")
            continue
        have = GNOME_43.get(dep)
        if have is None:
            tap.check(False, f"{name}: {dep} ({where}) is in the GNOME {RUNTIME_VERSION} runtime or built by a module",
                      f"{dep} is neither in this check's runtime table nor a module of the manifest")
            continue
        unmet = [v for v in versions if not satisfies(have, v)]
        tap.check(not unmet,
                  f"{name}: {dep} {' '.join(versions) or '(any)'} ({where}) is met by the runtime's {have}",
                  f"GNOME {RUNTIME_VERSION} has {dep} {have}: relax the requirement in {where} "
                  f"or build {dep} as a module")


def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} SOURCE_ROOT", file=sys.stderr)
        return 2
    root = os.path.abspath(argv[1])
    tap = Tap()
    flatpak_dir = os.path.join(root, "flatpak")
    manifests = sorted(os.path.join(flatpak_dir, n) for n in os.listdir(flatpak_dir)
                       if n.endswith(".json")) if os.path.isdir(flatpak_dir) else []

    tap.check(project_app_id(root) == APP_ID, f"meson.build's application_id is {APP_ID}",
              f"got {project_app_id(root)!r}")
    tap.check(os.path.join(flatpak_dir, APP_ID + ".json") in manifests,
              f"flatpak/{APP_ID}.json exists")

    executables = installed_executables(root)
    deps = meson_dependencies(root)
    tap.check("changgu" in executables, "the meson build installs an executable named changgu",
              "no executable('changgu', ..., install: true) in any meson.build")

    for path in manifests:
        check_manifest(tap, root, path, executables, deps)

    print(f"1..{tap.n}")
    if tap.failed:
        print(f"check-flatpak: {len(tap.failed)} of {tap.n} checks failed:", file=sys.stderr)
        for what in tap.failed:
            print(f"  - {what}", file=sys.stderr)
        return 1
    print(f"# all {tap.n} checks passed on {len(manifests)} manifests")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
