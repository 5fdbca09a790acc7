#!/usr/bin/env bash
# Builds the Debian trixie package with trixie's own Swift 6.0.3 and proves it installs and runs on a
# fresh trixie system:
#   1. Packaging/build-deb.sh inside the trixie build chroot of Scripts/check-trixie.sh (made here if
#      missing; its release build in /src/lumascan is reused);
#   2. lintian on the .deb (installed on the host if missing): no error or warning may remain
#      (Packaging/lintian-overrides explains the few that are overridden);
#   3. a fresh `debootstrap --variant=minbase trixie`, `apt install ./lumascan_…deb` there, then
#      `lumascan --version`, `lumascan check-config /etc/lumascan/lumascan.toml`, `lumascan run --demo`
#      for a few seconds as the lumascan user with the whole file system mounted read-only, and a crash
#      (SIGSEGV) that leaves no core file;
#   4. `systemd-analyze security --offline=true` of the unit (score printed).
#
#   Scripts/test-deb.sh [TRIXIE_CHROOT]      (default .build-trixie/root; needs root)
#
# Environment: OUT_DIR (default .build/deb) receives the .deb; DEB_SRC is the folder inside the build
# chroot (default /src/lumascan, where check-trixie.sh builds); KEEP_INSTALL_ROOT=1 keeps the fresh system.
set -euo pipefail
start=$(date +%s)
stamp() { echo "== test-deb: $1 ($(( $(date +%s) - start )) s)"; }
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
root="${1:-$here/.build-trixie/root}"
src="${DEB_SRC:-/src/lumascan}"
out="${OUT_DIR:-$here/.build/deb}"
mkdir -p "$out"
mirror="${DEBIAN_MIRROR:-$( (grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null || true) | awk '{print $2}' | grep -v security | head -1)}"
mirror="${mirror:-http://deb.debian.org/debian}"

mounts=()
fresh=""
cleanup() {
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[$i]}" 2>/dev/null || true; done
    if [ -n "$fresh" ] && [ "${KEEP_INSTALL_ROOT:-0}" != 1 ]; then rm -rf "$fresh"; fi
}
trap cleanup EXIT
in_chroot() { local r="$1"; shift; chroot "$r" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

# --- 1. Build the .deb with trixie's Swift --------------------------------------------------------
if [ ! -L "$root/usr/bin/swift" ] && [ ! -x "$root/usr/bin/swift" ]; then
    stamp "no trixie build chroot at $root: making it (Scripts/check-trixie.sh, build only)"
    TRIXIE_SKIP_TESTS=1 Scripts/check-trixie.sh "$root"
fi
stamp "build the .deb in $root:$src (Swift $(in_chroot "$root" dpkg-query -W -f='${Version}' swiftlang))"
mount -t proc proc "$root/proc"; mounts+=("$root/proc")
if ! in_chroot "$root" dpkg-query -W -f='${Status}' libstdc++-14-dev 2>/dev/null | grep -q "install ok installed"; then
    in_chroot "$root" bash -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libstdc++-14-dev" >/dev/null
fi
if [ -d /opt/swift-packages ]; then  # the machine's mirror of GitHub, as check-trixie.sh uses it
    mkdir -p "$root/opt/swift-packages"
    mount --bind /opt/swift-packages "$root/opt/swift-packages"; mounts+=("$root/opt/swift-packages")
    [ -f /etc/gitconfig ] && cp /etc/gitconfig "$root/etc/gitconfig"
fi
# The sources over the previous copy, keeping its .build (check-trixie.sh's release build).
mkdir -p "$root$src"
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$root$src"
rm -rf "$root$src/.build/deb"
in_chroot "$root" bash -c "cd '$src' && git config --global --add safe.directory '*' 2>/dev/null; OUT_DIR=.build/deb Packaging/build-deb.sh"
deb=$(ls "$root$src"/.build/deb/lumascan_*_amd64.deb)
cp "$deb" "$out/"
deb="$out/$(basename "$deb")"
stamp "built $(basename "$deb"): $(du -k "$deb" | cut -f1) KiB"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
dpkg-deb --contents "$deb" | awk '{ printf "  %-10s %9s  %s\n", $1, $3, $6 }'

# --- 2. lintian -------------------------------------------------------------------------------------
command -v lintian >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends lintian >/dev/null; }
stamp "lintian $(lintian --version | awk '{print $2}')"
lintian --info --display-level ">=pedantic" --show-overrides --fail-on error,warning "$deb" || { echo "test-deb: lintian failed" >&2; exit 1; }

# --- 3. Install into a fresh trixie and run it ---------------------------------------------------
fresh="$(mktemp -d /var/tmp/lumascan-deb-test.XXXXXX)"
stamp "debootstrap a fresh minimal trixie into $fresh"
debootstrap --variant=minbase trixie "$fresh/root" "$mirror" >"$fresh/debootstrap.log" 2>&1 || { tail -20 "$fresh/debootstrap.log"; exit 1; }
r="$fresh/root"
cp "$deb" "$r/tmp/"
mount -t proc proc "$r/proc"; mounts+=("$r/proc")
stamp "apt install ./$(basename "$deb")"
in_chroot "$r" bash -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/$(basename "$deb")" \
    | grep -Ev '^(Selecting|Preparing|Unpacking|Setting up|Processing|\(Reading)' || true
check() { echo "-- $*"; }
check "lumascan --version"
v=$(in_chroot "$r" lumascan --version)
echo "$v"
[ "$v" = "$(sed -n 's/^ *public static let text: StaticString = "\(.*\)"$/\1/p' Sources/Runtime/Run/LumascanVersion.swift)" ]
check "lumascan check-config /etc/lumascan/lumascan.toml"
in_chroot "$r" lumascan check-config /etc/lumascan/lumascan.toml | head -5
check "the lumascan user and its groups"
in_chroot "$r" id lumascan
in_chroot "$r" id -nG lumascan | tr ' ' '\n' | sort | paste -sd' ' | grep -qx 'dialout gpio lumascan video'
check "/etc/lumascan/lumascan.toml is a conffile"
in_chroot "$r" dpkg-query -W -f='${Conffiles}\n' lumascan | grep -q '/etc/lumascan/lumascan.toml'

# The installed system read-only (a bind mount of it, remounted ro), /proc inside; run as the user.
ro="$fresh/ro"
mkdir -p "$ro"
mount --bind "$r" "$ro"; mounts+=("$ro")
mount -o remount,bind,ro "$ro"
mount -t proc proc "$ro/proc"; mounts+=("$ro/proc")
! touch "$ro/tmp/probe" 2>/dev/null || { echo "test-deb: $ro is writable" >&2; exit 1; }
check "lumascan run --demo for 4 s as user lumascan on a read-only root, then SIGTERM"
set +e
in_chroot "$ro" setpriv --reuid=lumascan --regid=lumascan --init-groups \
    timeout --preserve-status -s TERM 4 lumascan run --demo --fps 10 >"$fresh/demo.out" 2>"$fresh/demo.err"
status=$?
set -e
head -c 200 "$fresh/demo.out" | tr '\r' ' '; echo
tail -2 "$fresh/demo.err"
[ "$status" = 0 ] || { echo "test-deb: lumascan run --demo exited $status" >&2; cat "$fresh/demo.err" >&2; exit 1; }
grep -q "LUMASCAN DEMO 1" "$fresh/demo.out"
grep -q "stopped after" "$fresh/demo.err"

check "a crash (SIGSEGV) with core dumps allowed, in a writable folder, leaves no core file"
set +e
in_chroot "$r" bash -c 'ulimit -c unlimited; cd /tmp; lumascan run --demo --quiet >/dev/null & sleep 2; kill -SEGV $!; wait $!'
status=$?
set -e
[ "$status" = $((128 + 11)) ] || { echo "test-deb: expected death by SIGSEGV (139), got $status" >&2; exit 1; }
echo "killed by SIGSEGV (status $status); core files: $(find "$r" -xdev -name 'core*' -newer "$r/tmp/$(basename "$deb")" -type f | wc -l)"
[ -z "$(find "$r" -xdev -name 'core*' -newer "$r/tmp/$(basename "$deb")" -type f)" ]

# --- 4. The unit's exposure score ----------------------------------------------------------------
stamp "systemd-analyze security (offline; systemd $(systemd-analyze --version | head -1 | awk '{print $2}'))"
systemd-analyze security --offline=true --no-pager "$r/usr/lib/systemd/system/lumascan.service" 2>&1 | tail -3 || true

stamp "done: $deb"
