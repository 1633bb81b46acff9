#!/bin/bash
# check-kiosk.sh
#
# Copyright 2026 The Changgu authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the GNOME Kiosk appliance files in data/kiosk/ without a GNOME
# Kiosk session: syntax (bash -n, shellcheck when installed), the installer
# against a fake system tree (--root), in a dry run and for real, twice, and
# the kiosk script's restart loop with a stand-in for changgu.
#
#   check-kiosk.sh SOURCE_ROOT
#
# TAP output; exits non-zero when a check fails.

set -u

src=${1:?usage: check-kiosk.sh SOURCE_ROOT}
kiosk_script=$src/data/kiosk/gnome-kiosk-script
installer=$src/data/kiosk/install-kiosk-appliance.sh

n=0
failed=0
ok () {
  n=$((n + 1))
  printf 'ok %d - %s\n' "$n" "$1"
}
not_ok () {
  n=$((n + 1))
  failed=$((failed + 1))
  printf 'not ok %d - %s\n' "$n" "$1"
  shift
  for line in "$@"; do
    printf '%s\n' "$line" | sed 's/^/# /'
  done
}
check () {   # check DESCRIPTION COMMAND...
  local what=$1 out
  shift
  if out=$("$@" 2>&1); then
    ok "$what"
  else
    not_ok "$what" "$out"
  fi
}
# contains DESCRIPTION FILE FIXED-STRING: the file has the line exactly.
has_line () {
  if [ -f "$2" ] && grep -qxF -- "$3" "$2"; then
    ok "$1"
  else
    not_ok "$1" "no line '$3' in $2:" "$(cat "$2" 2> /dev/null || echo '(missing)')"
  fi
}

work=$(mktemp -d)
# shellcheck disable=SC2317  # called by the trap below
cleanup () {
  rm -rf "$work"
}
trap cleanup EXIT

# ------------------------------------------------------------------ syntax

check "gnome-kiosk-script: bash -n" bash -n "$kiosk_script"
check "install-kiosk-appliance.sh: bash -n" bash -n "$installer"
check "gnome-kiosk-script is executable" test -x "$kiosk_script"
check "install-kiosk-appliance.sh is executable" test -x "$installer"
if command -v shellcheck > /dev/null 2>&1; then
  check "gnome-kiosk-script: shellcheck" shellcheck "$kiosk_script"
  check "install-kiosk-appliance.sh: shellcheck" shellcheck "$installer"
else
  n=$((n + 1))
  printf 'ok %d - shellcheck # SKIP shellcheck is not installed (apt-get install shellcheck)\n' "$n"
fi

# ------------------------------------------------------- a fake system tree

# A Debian-like tree: GDM's stock daemon.conf, the two kiosk sessions, and
# the kiosk user already in /etc/passwd (useradd --root needs real root).
make_root () {
  local r=$1
  mkdir -p "$r/etc/gdm3" "$r/usr/share/wayland-sessions" "$r/usr/share/xsessions" "$r/home/kiosk"
  cat > "$r/etc/gdm3/daemon.conf" << 'EOF'
# GDM configuration storage
[daemon]
# Enabling automatic login
#  AutomaticLoginEnable = true
#  AutomaticLogin = user1

# Uncomment the line below to force the login screen to use Xorg
#WaylandEnable=false

[security]

[xdmcp]

[chooser]

[debug]
EOF
  printf '[Desktop Entry]\nName=Kiosk Script Session (Wayland Display Server)\n' \
    > "$r/usr/share/wayland-sessions/gnome-kiosk-script-wayland.desktop"
  printf '[Desktop Entry]\nName=Kiosk Script Session (X11 Display Server)\n' \
    > "$r/usr/share/xsessions/gnome-kiosk-script-xorg.desktop"
  # Unprivileged, only our own uid can own the files; as root, any.
  local uid gid
  uid=$(id -u)
  gid=$(id -g)
  if [ "$uid" -eq 0 ]; then
    uid=1001
    gid=1001
  fi
  printf 'root:x:0:0:root:/root:/bin/bash\nkiosk:x:%s:%s:Changgu kiosk:/home/kiosk:/bin/bash\n' \
    "$uid" "$gid" > "$r/etc/passwd"
  if [ "$(id -u)" -eq 0 ]; then
    chown "$uid:$gid" "$r/home/kiosk"
  fi
  kiosk_uid=$uid
}

snapshot () {
  (cd "$1" && find . -printf '%p %m %s\n' | sort && find . -type f -exec md5sum {} + | sort)
}

root=$work/root
make_root "$root"

# --------------------------------------------------------------- dry run

before=$(snapshot "$root")
if out=$("$installer" --dry-run --user kiosk --root "$root" 2>&1); then
  ok "installer --dry-run --user kiosk --root DIR succeeds"
else
  not_ok "installer --dry-run --user kiosk --root DIR succeeds" "$out"
fi
after=$(snapshot "$root")
if [ "$before" = "$after" ]; then
  ok "dry run changes nothing under the root"
else
  not_ok "dry run changes nothing under the root" "$(diff <(printf '%s\n' "$before") <(printf '%s\n' "$after"))"
fi
for expect in "would change /etc/gdm3/daemon.conf:" \
              "    +AutomaticLoginEnable=true" \
              "    +AutomaticLogin=kiosk" \
              "would create /var/lib/AccountsService/users/kiosk (mode 0600):" \
              "    Session=gnome-kiosk-script-wayland" \
              "would create /home/kiosk/.local/bin/gnome-kiosk-script (mode 0755, $(wc -l < "$kiosk_script") lines)"; do
  if printf '%s\n' "$out" | grep -qxF -- "$expect"; then
    ok "dry run says: $expect"
  else
    not_ok "dry run says: $expect" "$out"
  fi
done

# -------------------------------------------------------------- real run

if out=$("$installer" --user kiosk --root "$root" 2>&1); then
  ok "installer --user kiosk --root DIR succeeds"
else
  not_ok "installer --user kiosk --root DIR succeeds" "$out"
fi
has_line "GDM: auto-login enabled" "$root/etc/gdm3/daemon.conf" "AutomaticLoginEnable=true"
has_line "GDM: auto-login user is kiosk" "$root/etc/gdm3/daemon.conf" "AutomaticLogin=kiosk"
has_line "GDM: commented examples kept" "$root/etc/gdm3/daemon.conf" "#  AutomaticLogin = user1"
check "GDM: the original is kept as daemon.conf.changgu-orig" test -f "$root/etc/gdm3/daemon.conf.changgu-orig"
if [ "$(awk '/^\[/{s=$0} /^AutomaticLogin=/{print s}' "$root/etc/gdm3/daemon.conf")" = "[daemon]" ]; then
  ok "GDM: AutomaticLogin is in [daemon]"
else
  not_ok "GDM: AutomaticLogin is in [daemon]" "$(cat "$root/etc/gdm3/daemon.conf")"
fi
acc=$root/var/lib/AccountsService/users/kiosk
has_line "AccountsService: [User] section" "$acc" "[User]"
has_line "AccountsService: Wayland kiosk script session" "$acc" "Session=gnome-kiosk-script-wayland"
check "AccountsService: file is mode 600" test "$(stat -c %a "$acc" 2> /dev/null)" = 600
installed=$root/home/kiosk/.local/bin/gnome-kiosk-script
check "kiosk script installed, identical to data/kiosk/gnome-kiosk-script" cmp "$kiosk_script" "$installed"
check "kiosk script installed executable" test -x "$installed"
check "kiosk script owned by the kiosk user" test "$(stat -c %u "$installed" 2> /dev/null)" = "$kiosk_uid"
check "gnome-initial-setup-done marker" test -f "$root/home/kiosk/.config/gnome-initial-setup-done"

first=$(snapshot "$root")
if out=$("$installer" --user kiosk --root "$root" 2>&1) && [ "$(snapshot "$root")" = "$first" ]; then
  ok "second run changes nothing (idempotent)"
else
  not_ok "second run changes nothing (idempotent)" "$out"
fi
count=$(grep -c '^AutomaticLogin=' "$root/etc/gdm3/daemon.conf")
check "second run leaves a single AutomaticLogin line" test "$count" = 1

# Another user, the X11 session: replaces, does not add.
if out=$("$installer" --user kiosk --x11 --root "$root" 2>&1); then
  ok "installer --x11 succeeds"
else
  not_ok "installer --x11 succeeds" "$out"
fi
has_line "--x11: the X11 kiosk script session" "$acc" "Session=gnome-kiosk-script-xorg"
check "--x11: a single Session line" test "$(grep -c '^Session=' "$acc")" = 1

# ---------------------------------------------------------------- refusals

expect_failure () {   # expect_failure DESCRIPTION MESSAGE-PART COMMAND...
  local what=$1 part=$2 out
  shift 2
  if out=$("$@" 2>&1); then
    not_ok "$what" "succeeded, but should have failed:" "$out"
  elif printf '%s\n' "$out" | grep -qF -- "$part"; then
    ok "$what"
  else
    not_ok "$what" "failed without saying '$part':" "$out"
  fi
}

nogdm=$work/nogdm
make_root "$nogdm"
rm -rf "$nogdm/etc/gdm3"
expect_failure "refuses when GDM is not installed" "GDM is not installed" \
  "$installer" --dry-run --user kiosk --root "$nogdm"

nosession=$work/nosession
make_root "$nosession"
rm -f "$nosession"/usr/share/wayland-sessions/*.desktop
expect_failure "refuses when the GNOME Kiosk script session is missing" "gnome-kiosk-script-session" \
  "$installer" --dry-run --user kiosk --root "$nosession"

expect_failure "refuses a bad user name" "invalid user name" \
  "$installer" --dry-run --user 'Kiosk;rm' --root "$root"
expect_failure "refuses unknown options" "unknown option" \
  "$installer" --frobnicate

if [ "$(id -u)" -ne 0 ]; then
  expect_failure "refuses to change the real system when not root" "must be run as root" \
    "$installer" --user kiosk
elif command -v setpriv > /dev/null 2>&1; then
  # A copy that nobody (uid 65534) can read: the source tree may not be.
  chmod 755 "$work"
  cp "$installer" "$work/installer.sh"
  chmod 755 "$work/installer.sh"
  expect_failure "refuses to change the real system when not root" "must be run as root" \
    setpriv --reuid=65534 --regid=65534 --clear-groups bash "$work/installer.sh" --user kiosk
else
  n=$((n + 1))
  printf 'ok %d - not-root refusal # SKIP running as root and setpriv is missing\n' "$n"
fi

# ------------------------------------------------ the kiosk script's loop

# A stand-in for changgu that fails at once and counts its starts: the
# script must restart it, with a growing pause (2 s, then 4 s), and end
# promptly on SIGTERM as the session does at logout.
home=$work/home
mkdir -p "$home/.config/changgu" "$work/bin"
cat > "$work/bin/fake-changgu" << EOF
#!/bin/sh
echo "\$(date +%s%N) \$* secret=\$CHANGGU_SECRET_BACKEND" >> "$work/starts"
exit 3
EOF
chmod +x "$work/bin/fake-changgu"
printf 'CHANGGU_KIOSK_COMMAND="%s --kiosk"\n' "$work/bin/fake-changgu" > "$home/.config/changgu/kiosk-script.conf"
env -u XDG_CONFIG_HOME -u CHANGGU_SECRET_BACKEND HOME="$home" \
  bash "$kiosk_script" > "$work/script.log" 2>&1 &
pid=$!
count_starts () {
  if [ -f "$work/starts" ]; then
    wc -l < "$work/starts"
  else
    echo 0
  fi
}
# Wait for the second start (due about 2 s after the first), then a little
# longer: a third start must not follow at once.
for _ in $(seq 1 60); do
  [ "$(count_starts)" -ge 2 ] && break
  sleep 0.1
done
sleep 0.5
starts=$(count_starts)
gap_ms=$(awk 'NR == 1 { a = $1 } NR == 2 { printf "%d", ($1 - a) / 1000000 }' "$work/starts" 2> /dev/null)
kill -TERM "$pid" 2> /dev/null
stopped=false
for _ in $(seq 1 30); do
  if ! kill -0 "$pid" 2> /dev/null; then
    stopped=true
    break
  fi
  sleep 0.1
done
wait "$pid" 2> /dev/null
status=$?
if [ "$starts" -eq 2 ] && [ "${gap_ms:-0}" -ge 1500 ]; then
  ok "kiosk script restarts a failing changgu after a pause (${gap_ms} ms)"
else
  not_ok "kiosk script restarts a failing changgu after a pause of about 2 s" \
    "started $starts times; gap between the first two starts: ${gap_ms:-none} ms" \
    "$(tail -n 20 "$work/script.log")"
fi
if [ "$(head -n 1 "$work/starts" 2> /dev/null | cut -d' ' -f2-)" = "--kiosk secret=file" ]; then
  ok "kiosk script runs changgu --kiosk with the file secret backend"
else
  not_ok "kiosk script runs changgu --kiosk with the file secret backend" "$(cat "$work/starts" 2> /dev/null)"
fi
if $stopped && [ "$status" -eq 0 ]; then
  ok "kiosk script ends within 3 s on SIGTERM, with status 0"
else
  kill -KILL "$pid" 2> /dev/null
  not_ok "kiosk script ends within 3 s on SIGTERM, with status 0" "stopped=$stopped status=$status" \
    "$(tail -n 20 "$work/script.log")"
fi

printf '1..%d\n' "$n"
if [ "$failed" -gt 0 ]; then
  printf 'check-kiosk: %d of %d checks failed\n' "$failed" "$n" >&2
  exit 1
fi
exit 0
