#!/usr/bin/env bash
# Checks the Windows build: the program, its console build and the
# installer are PE executables; the program carries the four-size icon, its manifest and a
# version resource naming FyneApp.toml's version; the installer has the
# same icon and carries the program, the README and the uninstaller.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(bash scripts/fyneapp.sh version)
exe=dist/saros-review.exe
setup=dist/saros-review-$version-setup.exe
fail() { echo "test-windows-package: $*" >&2; exit 1; }
file "$exe" | grep -q 'PE32+ executable (GUI) x86-64' || fail "$exe is not a 64-bit Windows GUI program: $(file -b "$exe")"
com=dist/saros-review.com
file "$com" | grep -q 'PE32+ executable (console) x86-64' || fail "$com is not a 64-bit Windows console program: $(file -b "$com")"
file "$setup" | grep -q 'PE32+ executable (GUI) x86-64' || fail "$setup is not a 64-bit Windows program: $(file -b "$setup")"
# (Listings are read whole into variables: grep -q on a pipe would cut
# 7z off and pipefail would count that as a failure.)
for pe in "$exe" "$setup"; do
	resources=$(7z l -tPE "$pe")
	icons=$(grep -c ' \.rsrc/ICON/' <<<"$resources") || true
	[ "$icons" -eq 4 ] || fail "$pe has $icons icon images, want 4 (16, 32, 48 and 256 px)"
done
resources=$(7z l -tPE "$exe")
grep -q ' \.rsrc/MANIFEST/1$' <<<"$resources" || fail "$exe has no manifest"
# The version resource is UTF-16; drop the NULs to read it.
versioninfo=$(7z e -so "$exe" .rsrc/version.txt | tr -d '\0')
grep -q "\"ProductVersion\", *\"$version\"" <<<"$versioninfo" ||
	fail "$exe's version resource does not name version $version"
listing=$(7z l "$setup")
grep -q '^SubType = NSIS-3 Unicode 64-bit' <<<"$listing" || fail "$setup is not a 64-bit NSIS installer"
for f in saros-review.exe saros-review.com README.md THIRD-PARTY-NOTICES.txt uninstall.exe; do
	grep -q " $f\$" <<<"$listing" || fail "$setup does not install $f"
done
echo "test-windows-package: $exe and $setup checked"
