#!/bin/sh
# Copyright 2026 The Samplan developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# with-keyring.sh COMMAND [ARG…]: runs COMMAND with an unlocked GNOME Keyring (Secret Service)
# on a session bus of its own, so that tests never touch the keyring of the person running
# them. The keyring lives in a fresh folder under $XDG_DATA_HOME, which the test environment
# points into the build folder; it starts empty on every run. Exits with COMMAND's status.
set -eu

# A private bus first: the daemon dies with it, and nothing else can answer on it. Services
# the bus starts (the accessibility registry) write to its stdout, which would break the
# test's TAP output: the bus gets stderr, the test the real stdout as fd 3.
if [ -z "${SAMPLAN_WITH_KEYRING_BUS:-}" ]; then
  exec 3>&1
  SAMPLAN_WITH_KEYRING_BUS=1 exec dbus-run-session -- "$0" "$@" >&2
fi

# meson runs test binaries side by side: each gets a data folder (and so a keyring) of its own,
# or one daemon would rewrite the keyring file under another's feet.
mkdir -p "${XDG_DATA_HOME:?}"
XDG_DATA_HOME=$(mktemp -d "$XDG_DATA_HOME/run.XXXXXX")
export XDG_DATA_HOME
mkdir -p "$XDG_DATA_HOME/keyrings"

# --unlock reads the login keyring's password from stdin (without it, storing fails with
# "Object does not exist at path …/collection/login").
password=$(mktemp)
printf %s test-keyring-password > "$password"
gnome-keyring-daemon --foreground --unlock --components=secrets < "$password" > /dev/null &
daemon=$!
trap 'kill "$daemon" 2>/dev/null || :; wait "$daemon" 2>/dev/null || :; rm -f "$password"; rm -rf "$XDG_DATA_HOME"' EXIT

gdbus wait --session --timeout 20 org.freedesktop.secrets

status=0
"$@" >&3 3>&- || status=$?
exit "$status"
