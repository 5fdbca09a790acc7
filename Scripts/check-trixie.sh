#!/usr/bin/env bash
# Builds and tests Lumascan with Debian trixie's own toolchain (Swift 6.0.3, libgpiod 2.2), the one
# Raspberry Pi OS trixie users get from `apt install swiftlang`, in a debootstrap chroot.
#
#   Scripts/check-trixie.sh [CHROOT_DIR]        (default: .build-trixie/root; needs root)
#
# The chroot is made on first use (about 3 minutes, ~540 MB of downloads) and reused afterwards. The
# package is copied into it (sources only) and tested there with `swift test -c release`, which
# builds every target in release mode, the `lumascan` executable included (the CLI tests run it); a
# separate `swift build -c release` first would compile everything twice (test builds differ in
# flags). Environment: TRIXIE_SKIP_TESTS=1 runs `swift build -c release` only.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
root="${1:-$here/.build-trixie/root}"
# The machine's own Debian mirror (deb822 "URIs:" lines), else deb.debian.org.
mirror="${DEBIAN_MIRROR:-$( (grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null || true) | awk '{print $2}' | grep -v security | head -1)}"
mirror="${mirror:-http://deb.debian.org/debian}"

mounts=()
cleanup() {
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT

if [ ! -L "$root/usr/bin/swift" ] && [ ! -x "$root/usr/bin/swift" ]; then  # an absolute symlink inside the chroot
    command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap; }
    echo "check-trixie: debootstrap trixie into $root from $mirror"
    mkdir -p "$root"
    debootstrap --variant=minbase \
        --include=swiftlang,libgpiod-dev,libv4l-dev,pkg-config,libc6-dev,libpng-dev,libjpeg-dev,git,ca-certificates,strace,libstdc++-14-dev \
        trixie "$root" "$mirror" >"$root.debootstrap.log" 2>&1 || { tail -20 "$root.debootstrap.log"; exit 1; }
fi

mount -t proc proc "$root/proc"; mounts+=("$root/proc")
# Pseudo-terminals for the serial end-to-end tests (openpty): the host's devpts.
mount --bind /dev/pts "$root/dev/pts"; mounts+=("$root/dev/pts")
# Packages added to the list above after a chroot was made: install them into it.
# libstdc++-14-dev: --static-swift-stdlib links libstdc++ statically (Packaging/build-deb.sh).
for p in strace libstdc++-14-dev; do
    chroot "$root" dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
            bash -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends $p" >/dev/null
done
# Swift packages come from the machine's mirror of GitHub (see /etc/gitconfig), when it has one.
if [ -d /opt/swift-packages ]; then
    mkdir -p "$root/opt/swift-packages"
    mount --bind /opt/swift-packages "$root/opt/swift-packages"; mounts+=("$root/opt/swift-packages")
    mount -o remount,bind,ro "$root/opt/swift-packages" 2>/dev/null || true
    [ -f /etc/gitconfig ] && cp /etc/gitconfig "$root/etc/gitconfig"
fi
# The benchmark corpus that corpus tests read from ../shared/corpus.
if [ -d "$here/../shared" ]; then
    mkdir -p "$root/shared"
    mount --bind "$here/../shared" "$root/shared"; mounts+=("$root/shared")
fi

rm -rf "$root/src/lumascan"
mkdir -p "$root/src/lumascan"
(cd "$here" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$root/src/lumascan")
# ../shared relative to the package: /src/shared → bind of the host's shared folder.
[ -d "$root/shared" ] && ln -sfn /shared "$root/src/shared"

if [ "${TRIXIE_SKIP_TESTS:-0}" = 1 ]; then
    cmd='cd /src/lumascan && swift --version && swift build -c release'
else
    cmd='cd /src/lumascan && swift --version && swift test -c release'
fi
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/bin:/bin LANG=C.UTF-8 bash -c "$cmd"
