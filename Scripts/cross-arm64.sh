#!/usr/bin/env bash
# Cross-builds lumascan_<version>_arm64.deb with Debian trixie's own Swift 6.0.3 (amd64, no emulated
# compiler) against an arm64 sysroot made from trixie's arm64 packages, then proves the result on
# arm64 under qemu-aarch64: installs the .deb into an arm64 trixie (debootstrap) and runs
# `lumascan --version`, `lumascan check-config` and `lumascan run --demo` there.
#
#   Scripts/cross-arm64.sh [TRIXIE_CHROOT]     (default .build-trixie/root, made by check-trixie.sh; root)
#
# What it makes, under .build-arm64/ (bind-mounted into the chroot as /cross):
#   debs/                        trixie's arm64 packages (apt-get download with a private apt state)
#   sdk/sysroot/                 those packages unpacked (dpkg-deb -x): glibc, libstdc++, libgpiod,
#                                libv4l, libpng, libjpeg, and the arm64 Swift runtime, modules and static
#                                libraries from swiftlang:arm64 / libswiftlang:arm64
#   sdk/swift-sdk.json           a Swift SDK (schema 4) for aarch64-unknown-linux-gnu on that sysroot,
#   sdk/toolset.json             linked with the toolchain's lld (-use-ld=lld)
#   deb/lumascan_<v>_arm64.deb   the package
#   arm64-root/                  an arm64 trixie (debootstrap through binfmt) the package is tested in
#
# Needs: debootstrap, qemu-user-static and binfmt-support on the host (installed if missing), the
# binfmt_misc file system (mounted if missing). Prints the time of each step. CROSS_PREPARE_ONLY=1
# stops after the downloads, the sysroot and the arm64 root (no compiler run). Not part of CI (it takes
# longer than CI's budget allows); run it before a release.
set -euo pipefail
start=$(date +%s)
stamp() { echo "== cross-arm64: $1 ($(( $(date +%s) - start )) s)"; }
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
root="${1:-$here/.build-trixie/root}"
work="$here/.build-arm64"
mirror="${DEBIAN_MIRROR:-$( (grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null || true) | awk '{print $2}' | grep -v security | head -1)}"
mirror="${mirror:-http://deb.debian.org/debian}"
triple=aarch64-unknown-linux-gnu
mkdir -p "$work"

mounts=()
cleanup() {
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
in_chroot() { local r="$1"; shift; chroot "$r" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

for tool in debootstrap qemu-aarch64-static update-binfmts; do
    command -v "$tool" >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap qemu-user-static binfmt-support >/dev/null; break; }
done
if [ ! -L "$root/usr/bin/swift" ] && [ ! -x "$root/usr/bin/swift" ]; then
    stamp "no trixie build chroot at $root: making it (Scripts/check-trixie.sh, build only)"
    TRIXIE_SKIP_TESTS=1 Scripts/check-trixie.sh "$root"
fi
swift_version=$(in_chroot "$root" dpkg-query -W -f='${Version}' swiftlang)

# --- 1. trixie's arm64 packages --------------------------------------------------------------------
stamp "download trixie arm64 packages"
apt_dir="$work/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$work/debs"
cat >"$apt_dir/sources.list" <<EOF
deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main
EOF
cat >"$apt_dir/apt.conf" <<EOF
Dir::Etc::SourceList "$apt_dir/sources.list";
Dir::Etc::SourceParts "/nonexistent";
Dir::Etc::Preferences "/nonexistent";
Dir::Etc::PreferencesParts "/nonexistent";
Dir::State "$apt_dir";
Dir::State::Lists "$apt_dir/lists";
Dir::State::status "/dev/null";
Dir::Cache "$apt_dir";
Dir::Cache::Archives "$apt_dir/archives";
APT::Architecture "arm64";
APT::Architectures { "arm64"; };
APT::Sandbox::User "root";
EOF
export APT_CONFIG="$apt_dir/apt.conf"
apt-get update -qq
packages=(libc6 libc6-dev linux-libc-dev libcrypt1 libcrypt-dev libgcc-s1 libgcc-14-dev libstdc++6 libstdc++-14-dev
          libgpiod3 libgpiod-dev libv4l-0t64 libv4lconvert0t64 libv4l-dev libpng16-16t64 libpng-dev
          libjpeg62-turbo libjpeg62-turbo-dev zlib1g zlib1g-dev libswiftlang swiftlang)
(cd "$work/debs" && for p in "${packages[@]}"; do ls "${p}"_*_arm64.deb "${p}"_*_all.deb >/dev/null 2>&1 || apt-get download -qq "$p"; done)
unset APT_CONFIG

# --- 2. The sysroot and the Swift SDK ---------------------------------------------------------------
stamp "unpack the arm64 sysroot"
sdk="$work/sdk"
sysroot="$sdk/sysroot"
if [ ! -f "$sysroot/.complete" ]; then
    rm -rf "$sysroot"
    mkdir -p "$sysroot"
    for deb in "$work"/debs/*.deb; do
        case "$(basename "$deb")" in
            swiftlang_*)  # 2 GB unpacked: only the arm64 runtime, modules, static libraries and clang headers
                dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$sysroot" --wildcards \
                    './usr/libexec/swift/lib/swift/*' './usr/libexec/swift/lib/swift_static/*' './usr/libexec/swift/lib/clang/*' ;;
            *) dpkg-deb -x "$deb" "$sysroot" ;;
        esac
    done
    # Debian's absolute symlinks (libfoo.so -> /lib/aarch64-linux-gnu/libfoo.so.1) would point into
    # the build machine: make them relative to the sysroot.
    find "$sysroot" -type l -lname '/*' | while read -r link; do
        ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$sysroot$(readlink "$link")")" "$link"
    done
    # trixie is merged-/usr: /lib is /usr/lib.
    [ -e "$sysroot/lib" ] || ln -s usr/lib "$sysroot/lib"
    touch "$sysroot/.complete"
fi
cat >"$sdk/swift-sdk.json" <<EOF
{
  "schemaVersion": "4.0",
  "targetTriples": {
    "$triple": {
      "sdkRootPath": "sysroot",
      "swiftResourcesPath": "sysroot/usr/libexec/swift/lib/swift",
      "swiftStaticResourcesPath": "sysroot/usr/libexec/swift/lib/swift_static",
      "toolsetPaths": ["toolset.json"]
    }
  }
}
EOF
cat >"$sdk/toolset.json" <<EOF
{
  "schemaVersion": "1.0",
  "swiftCompiler": { "extraCLIOptions": ["-use-ld=lld"] }
}
EOF
# `swift build --swift-sdks-path /cross/bundles --swift-sdk lumascan-trixie-arm64`: an artifact bundle.
bundle="$work/bundles/lumascan-trixie-arm64.artifactbundle"
mkdir -p "$bundle"
ln -sfn ../../sdk "$bundle/sdk"
cat >"$bundle/info.json" <<EOF
{
  "schemaVersion": "1.0",
  "artifacts": {
    "lumascan-trixie-arm64": {
      "type": "swiftSDK",
      "version": "$swift_version",
      "variants": [ { "path": "sdk", "supportedTriples": ["x86_64-unknown-linux-gnu", "x86_64-pc-linux-gnu"] } ]
    }
  }
}
EOF

# --- An arm64 trixie to test in (debootstrap; its second stage runs under qemu-aarch64) -------------
stamp "binfmt_misc for qemu-aarch64"
[ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
update-binfmts --enable qemu-aarch64 2>/dev/null || true
arm="$work/arm64-root"
if [ ! -x "$arm/usr/bin/apt-get" ]; then
    stamp "debootstrap an arm64 trixie"
    rm -rf "$arm"
    debootstrap --arch=arm64 --variant=minbase trixie "$arm" "$mirror" >"$work/arm64-debootstrap.log" 2>&1 \
        || { tail -20 "$work/arm64-debootstrap.log"; exit 1; }
fi
[ "${CROSS_PREPARE_ONLY:-0}" = 1 ] && { stamp "prepared (CROSS_PREPARE_ONLY=1)"; exit 0; }

# --- 3. Cross-compile in the trixie chroot ------------------------------------------------------------
stamp "cross-compile with Swift $swift_version (release, --static-swift-stdlib)"
mount -t proc proc "$root/proc"; mounts+=("$root/proc")
mkdir -p "$root/cross"
mount --bind "$work" "$root/cross"; mounts+=("$root/cross")
if [ -d /opt/swift-packages ]; then
    mkdir -p "$root/opt/swift-packages"
    mount --bind /opt/swift-packages "$root/opt/swift-packages"; mounts+=("$root/opt/swift-packages")
    [ -f /etc/gitconfig ] && cp /etc/gitconfig "$root/etc/gitconfig"
fi
in_chroot "$root" dpkg-query -W -f='${Status}' binutils-aarch64-linux-gnu 2>/dev/null | grep -q "install ok installed" \
    || in_chroot "$root" bash -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends binutils-aarch64-linux-gnu" >/dev/null
src=/src/lumascan-arm64
mkdir -p "$root$src"
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$root$src"
sdkflags="--swift-sdks-path /cross/bundles --swift-sdk lumascan-trixie-arm64"
build_start=$(date +%s)
# pkg-config (the CGPIOD and CV4L2 system-library targets) must read the sysroot's .pc files, not the
# build machine's: its -L/usr/lib/x86_64-linux-gnu would link x86-64 libraries.
s=/cross/bundles/lumascan-trixie-arm64.artifactbundle/sdk/sysroot
pc="$s/usr/lib/aarch64-linux-gnu/pkgconfig:$s/usr/share/pkgconfig"
in_chroot "$root" PKG_CONFIG_SYSROOT_DIR="$s" PKG_CONFIG_LIBDIR="$pc" PKG_CONFIG_PATH="$pc" \
    bash -c "cd $src && swift build -c release --static-swift-stdlib --product lumascan $sdkflags \
    -Xlinker -z -Xlinker relro -Xlinker -z -Xlinker now"
bin="$root$src/.build/$triple/release/lumascan"
stamp "cross-compiled in $(( $(date +%s) - build_start )) s: $(file -b "$bin" | cut -d, -f1-2)"

# --- 4. The .deb (its man page is made by running the arm64 binary through binfmt) ---------------------
in_chroot "$root" bash -c "cd $src && rm -rf .build/deb-arm64 && OUT_DIR=.build/deb-arm64 LUMASCAN_BIN=.build/$triple/release/lumascan \
    STRIP=aarch64-linux-gnu-strip QEMU_LD_PREFIX=/cross/sdk/sysroot Packaging/build-deb.sh"
mkdir -p "$work/deb"
cp "$root$src"/.build/deb-arm64/lumascan_*_arm64.deb "$work/deb/"
deb=$(ls "$work"/deb/lumascan_*_arm64.deb)
stamp "packaged $(basename "$deb"): $(du -k "$deb" | cut -f1) KiB"
dpkg-deb --field "$deb" Depends

# --- 5. Install and run it on arm64 (qemu-aarch64) ------------------------------------------------
mount -t proc proc "$arm/proc"; mounts+=("$arm/proc")
cp "$deb" "$arm/tmp/"
stamp "apt install the arm64 .deb (under qemu)"
in_chroot "$arm" bash -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends --reinstall /tmp/$(basename "$deb")" \
    | grep -Ev '^(Selecting|Preparing|Unpacking|Setting up|Processing|\(Reading)' || true
echo "-- uname -m in the arm64 root: $(in_chroot "$arm" uname -m)"
echo "-- lumascan --version: $(in_chroot "$arm" lumascan --version)"
in_chroot "$arm" lumascan check-config /etc/lumascan/lumascan.toml >/dev/null && echo "-- check-config: ok"
set +e
in_chroot "$arm" setpriv --reuid=lumascan --regid=lumascan --init-groups \
    timeout --preserve-status -s TERM 8 lumascan run --demo --fps 10 >"$work/demo.out" 2>"$work/demo.err"
status=$?
set -e
echo "-- lumascan run --demo (8 s under qemu-aarch64, as user lumascan): exit $status"
head -c 120 "$work/demo.out" | tr '\r\n' '  '; echo
tail -1 "$work/demo.err"
[ "$status" = 0 ] && grep -q "LUMASCAN DEMO 1" "$work/demo.out"
stamp "done: $deb"
