#!/usr/bin/env bash
# Checks the fyne package tarball as a user without root would use it:
# unpacks it, runs its `make user-install` into a scratch home, validates
# the desktop entry, runs the smoke test from ~/.local/bin in a virtual X
# server, then `make user-uninstall` and checks nothing is left. Also
# stages the system install (`make install DESTDIR=…`) and checks its
# layout and that `make uninstall` removes it.
set -euo pipefail
tarball=${1:?usage: test-tarball.sh saros-review-VERSION-linux-ARCH.tar.xz}
fail() { echo "test-tarball: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf "$tarball" -C "$work" || fail "$tarball does not unpack"
src=$work/saros-review
for f in Makefile THIRD-PARTY-NOTICES.txt usr/local/bin/saros-review usr/local/share/applications/org.sarosreview.app.desktop \
	usr/local/share/pixmaps/org.sarosreview.app.png; do
	[ -f "$src/$f" ] || fail "$tarball has no saros-review/$f"
done
grep -q 'github.com/suyashkumar/dicom' "$src/THIRD-PARTY-NOTICES.txt" || fail "the notices lack the bundled licences"

home=$work/home
mkdir -p "$home"
HOME=$home make -s -C "$src" user-install >/dev/null || fail "make user-install failed"
desktop=$home/.local/share/applications/org.sarosreview.app.desktop
desktop-file-validate "$desktop" || fail "$desktop does not validate"
grep -q "^Exec=$home/.local/bin/saros-review" "$desktop" || fail "$desktop does not start the installed binary"
grep -q '^MimeType=.*application/dicom' "$desktop" || fail "$desktop declares no DICOM type"
LANGUAGE=en HOME=$home XDG_CONFIG_HOME=$home/.config timeout 60 xvfb-run -a "$home/.local/bin/saros-review" --smoke-test ||
	fail "the unpacked binary failed its smoke test"
HOME=$home make -s -C "$src" user-uninstall >/dev/null
left=$(find "$home/.local" -type f)
[ -z "$left" ] || fail "left behind by make user-uninstall: $left"

root=$work/root
make -s -C "$src" install DESTDIR="$root" >/dev/null || fail "make install DESTDIR=… failed"
for f in usr/bin/saros-review usr/share/applications/org.sarosreview.app.desktop usr/share/pixmaps/org.sarosreview.app.png; do
	[ -f "$root/$f" ] || fail "make install did not install /$f"
done
make -s -C "$src" uninstall DESTDIR="$root" >/dev/null
left=$(find "$root" -type f)
[ -z "$left" ] || fail "left behind by make uninstall: $left"
echo "test-tarball: $tarball unpacked, installed, validated, smoke-tested and removed cleanly"
