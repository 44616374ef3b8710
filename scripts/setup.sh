#!/usr/bin/env bash
# Installs every Debian package Chevet needs (Debian bookworm, as root or with sudo), then builds.
# Safe to run again: it installs only what is missing and rebuilds incrementally.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${CHEVET_BUILD_DIR:-$top/build}

packages=(
    cmake ninja-build g++ pkg-config clang-format
    libsqlite3-dev libssl-dev
    qt6-base-dev qt6-declarative-dev qt6-httpserver-dev qt6-websockets-dev qt6-networkauth-dev qt6-svg-dev
    libqt6sql6-sqlite
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-templates qml6-module-qtquick-window
    qml6-module-qtquick-layouts qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript
    qml6-module-qttest qml6-module-qtquick-dialogs qml6-module-qtmultimedia
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-multimedia-dev
    libzxing-dev libsecret-1-dev dbus gnome-keyring
    xvfb xauth libgl1-mesa-dri libegl-mesa0 libglx-mesa0
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "setup: configuring and building in $build"
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${CHEVET_BUILD_TYPE:-RelWithDebInfo}" -DCHEVET_WERROR=ON >/dev/null
cmake --build "$build" -j"${CHEVET_JOBS:-2}"
echo "setup: done"
