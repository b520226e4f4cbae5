#!/usr/bin/env bash
# Checks a built .deb as a workstation would use it: installs it, validates
# the desktop entry, runs the smoke test from /usr/bin in a virtual X
# server, removes it and checks that nothing it installed is left behind.
# Needs root (CI runs as root).
set -euo pipefail
deb=${1:?usage: test-package.sh PACKAGE.deb}
fail() { echo "test-package: $*" >&2; exit 1; }
# Debian's own checker; errors fail (warnings are printed).
lintian --tag-display-limit 0 --fail-on error "$deb" || fail "lintian found errors in $deb"
dpkg -s saros-review >/dev/null 2>&1 && fail "saros-review is already installed; remove it first"
dpkg -i "$deb" >/dev/null || fail "dpkg -i $deb failed"
trap 'dpkg --purge saros-review >/dev/null 2>&1 || true' EXIT
# Installing over an installed copy (as an upgrade does) must work too.
dpkg -i "$deb" >/dev/null || fail "dpkg -i $deb over the installed package failed"
mapfile -t files < <(dpkg -L saros-review | while read -r f; do [ -f "$f" ] && echo "$f"; done)
[ -x /usr/bin/saros-review ] || fail "no /usr/bin/saros-review"
desktop=/usr/share/applications/org.sarosreview.app.desktop
desktop-file-validate "$desktop" || fail "$desktop does not validate"
grep -q 'MimeType=.*application/dicom' "$desktop" || fail "$desktop declares no DICOM type"
[ -f /usr/share/icons/hicolor/16x16/apps/org.sarosreview.app.png ] || fail "no 16 px icon in the hicolor theme"
grep -q 'github.com/suyashkumar/dicom' /usr/share/doc/saros-review/copyright || fail "the copyright file lacks the bundled licences"
manpage=$(zcat /usr/share/man/man1/saros-review.1.gz) || fail "no manual page"
grep -q '^\.TH SAROS-REVIEW 1' <<<"$manpage" || fail "the manual page has no title"
cfg=$(mktemp -d)
LANGUAGE=en XDG_CONFIG_HOME=$cfg timeout 60 xvfb-run -a /usr/bin/saros-review --smoke-test || fail "the installed binary failed its smoke test"
rm -rf "$cfg"
LANGUAGE=en /usr/bin/saros-review --version
dpkg --purge saros-review >/dev/null || fail "dpkg --purge failed"
trap - EXIT
for f in "${files[@]}"; do
	[ -e "$f" ] && fail "$f left behind after removal"
done
echo "test-package: $deb installed, validated, smoke-tested and removed cleanly (${#files[@]} files)"
