#!/usr/bin/env bash
# Installs what Lumascan needs to build and test on Debian 12 (bookworm) or 13 (trixie) / Pi OS.
# Safe to run again. Needs root (or sudo) for apt.
set -euo pipefail

packages=(pkg-config libc6-dev libpng-dev libjpeg-dev libgpiod-dev libv4l-dev strace)
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v swift >/dev/null 2>&1; then
    # Debian 13 / Pi OS trixie package Swift 6.0.3 as swiftlang; Debian 12 does not.
    if apt-cache show swiftlang >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq swiftlang
    else
        echo "setup: no Swift toolchain found. On Debian 12 install one from https://swift.org/install" >&2
        echo "       (6.0 or newer) and put its usr/bin on PATH, then run this script again." >&2
        exit 1
    fi
fi
swift --version | head -1
