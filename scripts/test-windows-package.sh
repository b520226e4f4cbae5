#!/usr/bin/env bash
# Checks the Windows build: the program and the installer are PE
# executables and the installer carries the program, the README and the
# uninstaller.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
exe=dist/saros-review.exe
setup=dist/saros-review-$version-setup.exe
fail() { echo "test-windows-package: $*" >&2; exit 1; }
file "$exe" | grep -q 'PE32+ executable (GUI) x86-64' || fail "$exe is not a 64-bit Windows GUI program: $(file -b "$exe")"
file "$setup" | grep -q 'Nullsoft Installer' || fail "$setup is not an NSIS installer: $(file -b "$setup")"
listing=$(7z l "$setup")
for f in saros-review.exe README.md uninstall.exe; do
	grep -q " $f\$" <<<"$listing" || fail "$setup does not install $f"
done
echo "test-windows-package: $exe and $setup checked"
