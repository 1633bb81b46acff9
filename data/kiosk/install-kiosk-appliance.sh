#!/bin/bash
# install-kiosk-appliance.sh
#
# Copyright 2026 The Changgu authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Turns a machine with GDM and the GNOME Kiosk script session into a Changgu
# kiosk (docs/KIOSK-APPLIANCE.md explains each step):
#   1. a dedicated unprivileged user without a password,
#   2. GDM logs it in automatically,
#   3. into the GNOME Kiosk script session (AccountsService),
#   4. which runs ~/.local/bin/gnome-kiosk-script (starts changgu --kiosk),
#   5. with screen blanking and automatic suspend off for that user.
# Run it as root. It is idempotent: a second run changes nothing. Files it
# edits are backed up once, as FILE.changgu-orig.
#
# Options:
#   --user NAME      the kiosk user (default: kiosk)
#   --x11            use the X11 variant of the session (default: Wayland)
#   --session NAME   use this session (a .desktop file in
#                    /usr/share/wayland-sessions or /usr/share/xsessions)
#   --script FILE    the kiosk script to install (default: the one next to
#                    this file, else the one Changgu installs)
#   --root DIR       work on the system tree under DIR instead of / (for
#                    tests and image building; allowed without root, and
#                    skips the steps that need the running system)
#   --dry-run        print what would be done, change nothing
#   -h, --help       this text

set -euo pipefail

prog=${0##*/}
user=kiosk
x11=false
session=
script=
root=/
dry_run=false

usage () {
  sed -n '/^# Options:/,/^$/p' "$0" | sed 's/^# \{0,1\}//'
}

die () {
  printf '%s: %s\n' "$prog" "$*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case $1 in
    --user) [ $# -ge 2 ] || die "--user needs a NAME"; user=$2; shift 2 ;;
    --user=*) user=${1#*=}; shift ;;
    --x11) x11=true; shift ;;
    --session) [ $# -ge 2 ] || die "--session needs a NAME"; session=$2; shift 2 ;;
    --session=*) session=${1#*=}; shift ;;
    --script) [ $# -ge 2 ] || die "--script needs a FILE"; script=$2; shift 2 ;;
    --script=*) script=${1#*=}; shift ;;
    --root) [ $# -ge 2 ] || die "--root needs a DIR"; root=$2; shift 2 ;;
    --root=*) root=${1#*=}; shift ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

# A user name useradd accepts, and that is safe inside the files below.
[[ $user =~ ^[a-z_][a-z0-9_-]{0,30}$ ]] || die "invalid user name: $user"
[ "$user" != root ] || die "the kiosk user must not be root"

root=${root%/}
[ -n "$root" ] || root=/
[ -d "$root" ] || die "--root $root is not a directory"
if [ "$root" = / ]; then
  prefix=
else
  prefix=$root
fi
real_system=false
[ "$root" = / ] && real_system=true

if [ "$(id -u)" -ne 0 ] && ! $dry_run && $real_system; then
  die "must be run as root (or try --dry-run to see what it would do)"
fi

say () {
  printf '%s\n' "$*"
}

# What a dry run would do; what a real run does.
run () {
  if $dry_run; then
    say "would run: $*"
  else
    say "running: $*"
    "$@"
  fi
}

# ------------------------------------------------------------ preconditions

# GDM: Debian calls it gdm3 (/etc/gdm3/daemon.conf), Fedora gdm
# (/etc/gdm/custom.conf).
if [ -d "$prefix/etc/gdm3" ]; then
  gdm_conf=$prefix/etc/gdm3/daemon.conf
elif [ -d "$prefix/etc/gdm" ]; then
  gdm_conf=$prefix/etc/gdm/custom.conf
else
  die "GDM is not installed (no /etc/gdm3 or /etc/gdm under $root): apt-get install gdm3, or dnf install gdm"
fi

sessions_dir=$prefix/usr/share/wayland-sessions
$x11 && sessions_dir=$prefix/usr/share/xsessions
if [ -z "$session" ]; then
  # GNOME Kiosk 44 and later name the sessions -wayland and -xorg; older
  # releases have a single gnome-kiosk-script.
  if $x11; then
    candidates=(gnome-kiosk-script-xorg gnome-kiosk-script)
  else
    candidates=(gnome-kiosk-script-wayland gnome-kiosk-script)
  fi
  for c in "${candidates[@]}"; do
    if [ -f "$sessions_dir/$c.desktop" ]; then
      session=$c
      break
    fi
  done
  [ -n "$session" ] || die "the GNOME Kiosk script session is not installed (no gnome-kiosk-script*.desktop in ${sessions_dir#"$prefix"}): install gnome-kiosk-script-session (Debian 13, Fedora; Debian 12 does not package it, see docs/KIOSK-APPLIANCE.md) or name another session with --session"
else
  [ -f "$prefix/usr/share/wayland-sessions/$session.desktop" ] ||
    [ -f "$prefix/usr/share/xsessions/$session.desktop" ] ||
    die "no session named $session (no $session.desktop in /usr/share/wayland-sessions or /usr/share/xsessions)"
fi

if [ -z "$script" ]; then
  here=$(cd "$(dirname "$0")" && pwd)
  for c in "$here/gnome-kiosk-script" \
           "$prefix/usr/share/changgu/kiosk/gnome-kiosk-script" \
           "$prefix/usr/local/share/changgu/kiosk/gnome-kiosk-script"; do
    if [ -f "$c" ]; then
      script=$c
      break
    fi
  done
  [ -n "$script" ] || die "cannot find gnome-kiosk-script: give it with --script FILE"
fi
[ -f "$script" ] || die "no such script: $script"

say "Changgu kiosk appliance: user $user, session $session, root $root$($dry_run && printf ' (dry run: nothing is changed)')"

# --------------------------------------------------------------- helpers

# passwd entry of the user under $root (getent would ask the running system).
passwd_entry () {
  local file=$prefix/etc/passwd
  [ -f "$file" ] || return 1
  awk -F: -v u="$user" '$1 == u { print; found = 1 } END { exit !found }' "$file"
}

# Sets KEY=VALUE in [SECTION] of an ini-style FILE: drops the key's
# uncommented lines in that section and writes it right after the section
# header (adding the section if needed). Commented examples stay. Running
# it again gives the same file.
ini_set () {
  local file=$1 section=$2 key=$3 value=$4
  awk -v section="[$section]" -v key="$key" -v value="$value" '
    function is_key(line,   k) {
      k = line
      sub(/^[ \t]*/, "", k)
      if (substr(k, 1, length(key)) != key) return 0
      k = substr(k, length(key) + 1)
      return k ~ /^[ \t]*=/
    }
    {
      header = $0
      gsub(/[ \t]/, "", header)
      if (header ~ /^\[.*\]$/) {
        in_section = (header == section)
        print
        if (in_section && !done) { print key "=" value; done = 1 }
        next
      }
      if (in_section && is_key($0)) next
      print
    }
    END {
      if (!done) {
        if (NR > 0) print ""
        print section
        print key "=" value
      }
    }' "$file"
}

# Replaces FILE with the standard input if that differs; keeps the first
# original as FILE.changgu-orig. MODE and OWNER apply to a new or changed file.
install_content () {
  local file=$1 mode=$2 owner=$3 tmp
  tmp=$(mktemp)
  cat > "$tmp"
  if [ -f "$file" ] && cmp -s "$tmp" "$file"; then
    say "unchanged: ${file#"$prefix"}"
    rm -f "$tmp"
    return
  fi
  if $dry_run; then
    if [ -f "$file" ]; then
      say "would change ${file#"$prefix"}:"
      diff -u "$file" "$tmp" | sed -n '3,$p' | sed 's/^/    /' || true
    elif [ "$(wc -l < "$tmp")" -le 20 ]; then
      say "would create ${file#"$prefix"} (mode $mode):"
      sed 's/^/    /' "$tmp"
    else
      say "would create ${file#"$prefix"} (mode $mode, $(wc -l < "$tmp") lines)"
    fi
    rm -f "$tmp"
    return
  fi
  if [ -f "$file" ] && [ ! -e "$file.changgu-orig" ]; then
    cp -p "$file" "$file.changgu-orig"
  fi
  mkdir -p "$(dirname "$file")"
  chmod "$mode" "$tmp"
  set_owner "$tmp" "$owner"
  mv "$tmp" "$file"
  say "wrote: ${file#"$prefix"}"
}

set_owner () {
  local path=$1 owner=$2
  # Unprivileged runs under --root can only keep their own files.
  if [ "$(id -u)" -eq 0 ] || [ "${owner%%:*}" = "$(id -u)" ]; then
    chown "$owner" "$path"
  fi
}

make_dir () {
  local dir=$1 owner=$2
  if [ -d "$dir" ]; then
    return
  fi
  if $dry_run; then
    say "would create directory ${dir#"$prefix"}"
  else
    mkdir -p "$dir"
    set_owner "$dir" "$owner"
  fi
}

# ------------------------------------------------------------------ steps

# 1. The user: no password (useradd leaves it locked), so nobody logs in as
#    it at a console or over SSH; GDM's auto-login needs none. No sudo, no
#    extra groups.
if entry=$(passwd_entry); then
  say "user $user exists"
else
  if $real_system; then
    run useradd --create-home --shell /bin/bash --comment "Changgu kiosk" "$user"
  else
    run useradd --root "$root" --create-home --shell /bin/bash --comment "Changgu kiosk" "$user"
  fi
  if $dry_run; then
    entry="$user:x:1001:1001:Changgu kiosk:/home/$user:/bin/bash"
    say "(dry run: assuming home /home/$user)"
  else
    entry=$(passwd_entry) || die "useradd did not create $user"
  fi
fi
uid=$(printf '%s\n' "$entry" | cut -d: -f3)
gid=$(printf '%s\n' "$entry" | cut -d: -f4)
home=$(printf '%s\n' "$entry" | cut -d: -f6)
[ "$uid" != 0 ] || die "user $user has uid 0"
owner=$uid:$gid
home_path=$prefix$home
make_dir "$home_path" "$owner"

# 2. GDM auto-login.
tmp=$(mktemp)
cat "$gdm_conf" > "$tmp" 2> /dev/null || true
{
  ini_set "$tmp" daemon AutomaticLogin "$user" > "$tmp.2"
  ini_set "$tmp.2" daemon AutomaticLoginEnable true
  rm -f "$tmp" "$tmp.2"
} | install_content "$gdm_conf" 0644 0:0

# 3. The session GDM starts for the user.
accounts_dir=$prefix/var/lib/AccountsService/users
accounts_file=$accounts_dir/$user
make_dir "$accounts_dir" 0:0
tmp=$(mktemp)
cat "$accounts_file" > "$tmp" 2> /dev/null || true
{
  ini_set "$tmp" User Session "$session" > "$tmp.2"
  ini_set "$tmp.2" User SystemAccount false
  rm -f "$tmp" "$tmp.2"
} | install_content "$accounts_file" 0600 0:0

# 4. The kiosk script, and no first-login setup assistant in its way.
make_dir "$home_path/.local" "$owner"
make_dir "$home_path/.local/bin" "$owner"
make_dir "$home_path/.config" "$owner"
install_content "$home_path/.local/bin/gnome-kiosk-script" 0755 "$owner" < "$script"
install_content "$home_path/.config/gnome-initial-setup-done" 0644 "$owner" < /dev/null

# 5. Never blank the screen, never suspend. Written to the user's own
#    settings with a private session bus; needs the running system.
settings=(
  "org.gnome.desktop.session idle-delay 0"
  "org.gnome.desktop.screensaver lock-enabled false"
  "org.gnome.desktop.screensaver idle-activation-enabled false"
  "org.gnome.settings-daemon.plugins.power idle-dim false"
  "org.gnome.settings-daemon.plugins.power sleep-inactive-ac-type 'nothing'"
  "org.gnome.settings-daemon.plugins.power sleep-inactive-battery-type 'nothing'"
  "org.gnome.desktop.notifications show-banners false"
)
if $real_system && { $dry_run || command -v dbus-run-session > /dev/null 2>&1; }; then
  for s in "${settings[@]}"; do
    read -r schema key value <<< "$s"
    # runuser keeps root's environment: point dconf at the user's home.
    run runuser -u "$user" -- env -u XDG_RUNTIME_DIR -u DBUS_SESSION_BUS_ADDRESS \
      HOME="$home" XDG_CONFIG_HOME="$home/.config" \
      dbus-run-session -- gsettings set "$schema" "$key" "$value"
  done
else
  say "skipped: the screen and power settings (they need the running system and dbus-run-session); as $user:"
  for s in "${settings[@]}"; do
    say "    gsettings set $s"
  done
fi

say "done. Next: provision the kiosk (docs/KIOSK-APPLIANCE.md, \"Provisioning\"), then reboot."
