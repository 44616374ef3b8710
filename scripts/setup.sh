#!/usr/bin/env bash
# Installs every Debian package Chevet needs (Debian bookworm, as root or with sudo), then builds.
# Safe to run again: it installs only what is missing and rebuilds incrementally.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${CHEVET_BUILD_DIR:-$top/build}

packages=(
    cmake ninja-build g++ pkg-config clang-format
    clang libclang-rt-14-dev
    libsqlite3-dev libssl-dev zlib1g-dev
    qt6-base-dev qt6-declarative-dev qt6-httpserver-dev qt6-websockets-dev qt6-networkauth-dev qt6-svg-dev
    libqt6sql6-sqlite
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-templates qml6-module-qtquick-window
    qml6-module-qtquick-layouts qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript
    qml6-module-qttest qml6-module-qtquick-dialogs qml6-module-qtmultimedia
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-multimedia-dev
    libzxing-dev libsecret-1-dev dbus gnome-keyring
    xvfb xauth libgl1-mesa-dri libegl-mesa0 libglx-mesa0
    curl
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done

# Debian's nodejs and npm, unless an npm is already there (a Node.js that bundles its own npm
# conflicts with Debian's npm package).
if ! command -v npm >/dev/null 2>&1; then
    for package in nodejs npm; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
    done
fi

if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The independent FHIR R4 test server (Medplum's engine, run by the Node 22 that its npm
# dependencies ship): installed from its lock file, again only when the lock file changed.
fhir_server="$top/tools/fhir-independent"
if command -v npm >/dev/null 2>&1; then
    if [ ! -f "$fhir_server/node_modules/.package-lock.json" ] ||
        [ "$fhir_server/package-lock.json" -nt "$fhir_server/node_modules/.package-lock.json" ]; then
        echo "setup: installing the independent FHIR server's npm packages"
        npm ci --prefix "$fhir_server" --no-audit --no-fund --loglevel=error
    fi
fi

echo "setup: configuring and building in $build"
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${CHEVET_BUILD_TYPE:-RelWithDebInfo}" -DCHEVET_WERROR=ON >/dev/null
cmake --build "$build" -j"${CHEVET_JOBS:-2}"
echo "setup: done"
