#!/bin/sh
# Runs a test under a private session bus (started by dbus-run-session) with a fresh, unlocked GNOME
# Keyring whose files live in a throw-away folder, so the user's own keyring is never touched.
set -eu
home=$(mktemp -d)
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run" XDG_CONFIG_HOME="$home/config"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME"
chmod 700 "$XDG_RUNTIME_DIR"
printf 'test-password' | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null &
keyring_pid=$!
trap 'kill "$keyring_pid" 2>/dev/null || true; rm -rf "$home"' EXIT
# Wait until this daemon owns the name: a call before that would make the bus activate another,
# locked, instance.
for _ in $(seq 50); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true && break
    sleep 0.1
done
"$@"
