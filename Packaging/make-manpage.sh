#!/usr/bin/env bash
# Writes lumascan(1) in roff to stdout from the command's own help (`lumascan --help` and
# `lumascan help SUBCOMMAND`), so the manual says exactly what the binary says.
#
#   Packaging/make-manpage.sh LUMASCAN_BINARY VERSION > lumascan.1
#
# The binary must run here (an arm64 one through binfmt/qemu). SOURCE_DATE_EPOCH sets the date.
set -euo pipefail
bin="$1" version="$2"
date=$(date -u -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}" +%Y-%m-%d)

# Help text as literal roff: backslashes escaped, lines that start with . or ' protected.
literal() { sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"; }

abstract=$("$bin" --help | head -1 | sed -n 's/^OVERVIEW: //p')
cat <<ROFF
.TH LUMASCAN 1 "$date" "lumascan $version" "User Commands"
.SH NAME
lumascan \\- ${abstract:-barcode and QR-code scanner runtime}
.SH SYNOPSIS
.B lumascan
.I subcommand
.RI [ options ]
.SH DESCRIPTION
.nf
ROFF
"$bin" --help | literal
echo ".fi"
subcommands=$("$bin" --help | awk '/^SUBCOMMANDS:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ && seen { exit } on { seen = 1 }')
for sub in $subcommands; do
    echo ".SH \"lumascan $sub\""
    echo ".nf"
    "$bin" help "$sub" | literal
    echo ".fi"
done
cat <<'ROFF'
.SH FILES
.TP
.I /etc/lumascan/lumascan.toml
The configuration: every key with its default and what it does. Check it with
.BR "lumascan check-config" .
.TP
.I /usr/lib/systemd/system/lumascan.service
The hardened service; enable it with
.BR "systemctl enable \-\-now lumascan" ,
reload the configuration with
.BR "systemctl reload lumascan" .
.TP
.I /usr/lib/udev/rules.d/60-lumascan.rules
Stable names /dev/lumascan-camera and /dev/lumascan-serial by USB vendor and product; copy it to
/etc/udev/rules.d/ to adapt it.
.SH PRIVACY
Nothing is ever written to storage: no frames, no results, no logs on disk. Decoded data leaves
the device only over the configured serial line; messages go to standard error (the journal under
systemd). Core dumps are disabled, so a crash keeps nothing either.
.SH "SEE ALSO"
.BR systemctl (1),
.BR journalctl (1),
.BR udevadm (8)
ROFF
