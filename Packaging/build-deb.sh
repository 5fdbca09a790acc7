#!/usr/bin/env bash
# Builds lumascan_<version>_<arch>.deb from a release build, with dpkg-deb.
#
#   Packaging/build-deb.sh                 build (swift build -c release --static-swift-stdlib) and package
#   LUMASCAN_BIN=path Packaging/build-deb.sh   package a binary built elsewhere (a cross build)
#
# Environment:
#   OUT_DIR             where the .deb goes (default .build/deb)
#   DEB_ARCH            Debian architecture of the binary (default: read from the ELF header)
#   SWIFT_BUILD_FLAGS   extra flags for swift build (e.g. --swift-sdk … for a cross build)
#   DEB_MAINTAINER      the Maintainer field (default: Lumascan developers <lumascan@example.org>)
#   (a cross build links with -z relro -z now too)
#   STRIP               strip tool for the binary (default strip; llvm-strip or <triple>-strip for arm64)
#
# Contents: /usr/bin/lumascan (Swift runtime linked statically), /etc/lumascan/lumascan.toml (a
# conffile: local edits survive upgrades), the systemd unit, udev rules, board profiles (Board/, when
# the tree has them), lumascan(1) generated from the command's own --help, and maintainer scripts that
# create the system user. Depends: the runtime packages of the shared libraries the binary links
# (libgpiod, libv4l, libpng, libjpeg, libstdc++, glibc), named as the build machine's dpkg knows them,
# so a trixie build depends on trixie's packages. Needs: dpkg-deb, readelf (binutils), gzip.
set -euo pipefail
start=$(date +%s)
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
out="${OUT_DIR:-.build/deb}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

maintainer="${DEB_MAINTAINER:-Lumascan developers <lumascan@example.org>}"
version=$(sed -n 's/^ *public static let text: StaticString = "\(.*\)"$/\1/p' Sources/Runtime/Run/LumascanVersion.swift)
[ -n "$version" ] || { echo "build-deb: no version in Sources/Runtime/Run/LumascanVersion.swift" >&2; exit 1; }

# --- The binary --------------------------------------------------------------------------------
if [ -n "${LUMASCAN_BIN:-}" ]; then
    bin="$LUMASCAN_BIN"
else
    # shellcheck disable=SC2086
    # Full RELRO (-z relro -z now), as Debian builds binaries: linked with the toolchain's lld (gold,
    # the default, leaves out the RELRO segment here).
    swift build -c release --product lumascan --static-swift-stdlib -Xswiftc -use-ld=lld \
        -Xlinker -z -Xlinker relro -Xlinker -z -Xlinker now ${SWIFT_BUILD_FLAGS:-}
    # shellcheck disable=SC2086
    bin="$(swift build -c release --static-swift-stdlib ${SWIFT_BUILD_FLAGS:-} --show-bin-path)/lumascan"
fi
[ -x "$bin" ] || { echo "build-deb: no executable at $bin" >&2; exit 1; }
machine=$(readelf -h "$bin" | sed -n 's/^ *Machine: *//p')
case "$machine" in
    *X86-64*) elf_arch=amd64 ;;
    *AArch64*) elf_arch=arm64 ;;
    *ARM*) elf_arch=armhf ;;
    *) echo "build-deb: unknown machine '$machine'" >&2; exit 1 ;;
esac
arch="${DEB_ARCH:-$elf_arch}"
if readelf -d "$bin" | grep -q 'libswiftCore.so'; then
    echo "build-deb: $bin links the Swift runtime dynamically; build with --static-swift-stdlib" >&2
    exit 1
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/root"
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/etc/lumascan" "$root/usr/lib/systemd/system" \
    "$root/usr/lib/udev/rules.d" "$root/usr/share/man/man1" "$root/usr/share/doc/lumascan" \
    "$root/usr/share/lintian/overrides"
install -m 0755 "$bin" "$root/usr/bin/lumascan"
"${STRIP:-strip}" --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/lumascan"
install -m 0644 Config/lumascan.toml "$root/etc/lumascan/lumascan.toml"
install -m 0644 Packaging/lumascan.service "$root/usr/lib/systemd/system/lumascan.service"
install -m 0644 Packaging/60-lumascan.rules "$root/usr/lib/udev/rules.d/60-lumascan.rules"
install -m 0644 Packaging/journald@lumascan.conf "$root/usr/lib/systemd/journald@lumascan.conf"
# Board profiles: their notes are documentation; any profile files beside them are data.
if [ -d Board ]; then
    for f in Board/*; do
        case "$f" in
            *.md) gzip -9nc "$f" >"$root/usr/share/doc/lumascan/Board-$(basename "$f").gz" ;;
            *) mkdir -p "$root/usr/share/lumascan/boards"; cp -r "$f" "$root/usr/share/lumascan/boards/" ;;
        esac
    done
    [ -d "$root/usr/share/lumascan" ] && find "$root/usr/share/lumascan" \( -type d -exec chmod 0755 {} + \) -o \( -type f -exec chmod 0644 {} + \)
fi

# --- Documentation ------------------------------------------------------------------------------
# Reproducible dates: the last commit's, else now.
epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
export SOURCE_DATE_EPOCH="$epoch"
Packaging/make-manpage.sh "$bin" "$version" | gzip -9n >"$root/usr/share/man/man1/lumascan.1.gz"
gzip -9nc README.md >"$root/usr/share/doc/lumascan/README.md.gz"
cat >"$root/usr/share/doc/lumascan/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: lumascan
Comment: Built from the Lumascan source tree with Packaging/build-deb.sh. The binary links
 swift-argument-parser (Apache-2.0) and the Swift standard library (Apache-2.0 with Runtime
 Library Exception) statically.

Files: *
Copyright: $(date -u -d "@$epoch" +%Y) the Lumascan authors
License: unstated
 The Lumascan source tree does not state a license yet; ask its authors before
 redistributing this package.
EOF
{
    echo "lumascan ($version) unstable; urgency=medium"
    echo
    echo "  * Release $version, built from git $(git rev-parse --short HEAD 2>/dev/null || echo unknown)."
    echo
    echo " -- $maintainer  $(date -R -u -d "@$epoch")"
} | gzip -9n >"$root/usr/share/doc/lumascan/changelog.gz"
install -m 0644 Packaging/lintian-overrides "$root/usr/share/lintian/overrides/lumascan"

# --- Dependencies from the binary's own NEEDED entries ------------------------------------------
# Each shared library is looked up among the build machine's libraries (same names on every
# architecture); glibc's lower bound is the newest GLIBC_x.y symbol version the binary uses.
depends=()
for soname in $(readelf -d "$bin" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
    case "$soname" in
        ld-linux*|libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*|libutil.so.*) pkg=libc6 ;;
        *)
            path=$(ldconfig -p | awk -v s="$soname" '$1 == s { print $NF; exit }')
            [ -n "$path" ] || { echo "build-deb: $soname (needed by lumascan) is not installed here" >&2; exit 1; }
            pkg=$(dpkg-query -S "$(readlink -f "$path")" 2>/dev/null | head -1 | cut -d: -f1) \
                || pkg=$(dpkg-query -S "$path" | head -1 | cut -d: -f1)
            ;;
    esac
    depends+=("$pkg")
done
glibc=$(readelf -V "$bin" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
deps=$(printf '%s\n' "${depends[@]}" | sort -u | sed "s/^libc6\$/libc6 (>= $glibc)/" | paste -sd, | sed 's/,/, /g')

installed=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<EOF
Package: lumascan
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed
Depends: $deps, passwd
Section: misc
Priority: optional
Description: barcode and QR-code scanner runtime for Raspberry Pi class boards
 Lumascan turns a board, a V4L2 camera, LEDs, a buzzer and a serial cable into
 a fixed-mount barcode reader: frames are decoded (QR Code, EAN/UPC, Code 128,
 Code 39, Code 93, ITF, Codabar) in a loop that allocates nothing per frame,
 and each read goes out over the serial line as industrial readers send it.
 It stores nothing: no files, no logs on disk.
 .
 The package runs it as a hardened systemd service (lumascan.service) with a
 watchdog, and gives cameras and serial adapters stable names through udev.
EOF
echo "/etc/lumascan/lumascan.toml" >"$root/DEBIAN/conffiles"
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
install -m 0755 Packaging/debian/postinst Packaging/debian/prerm Packaging/debian/postrm "$root/DEBIAN/"

deb="$out/lumascan_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "build-deb: $deb ($(du -k "$deb" | cut -f1) KiB; Depends: $deps) in $(( $(date +%s) - start )) s"
