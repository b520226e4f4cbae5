#!/usr/bin/env bash
# Cross-builds dist/saros-review.exe (the GUI program) and
# dist/saros-review.com (the same as a console program, for the command
# line) with Debian's mingw-w64, with the multi-size icon, the manifest and
# the version resource linked in, and the installer
# dist/saros-review-VERSION-setup.exe with NSIS (makensis).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(bash scripts/fyneapp.sh version)
build=$(bash scripts/fyneapp.sh build)
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ && $build =~ ^[0-9]+$ ]] ||
	{ echo "package-windows: FyneApp.toml needs Version = \"x.y.z\" and a numeric Build" >&2; exit 1; }
work=$(mktemp -d)
# The resources go in as a .syso object beside main.go; go build links it
# for windows/amd64 only, and it never stays in the tree.
syso=zz_resources_windows_amd64.syso
trap 'rm -rf "$work" "$syso"' EXIT
cp assets/icon/saros-review.ico packaging/windows/saros-review.exe.manifest "$work/"
sed -i "s/@VERSION4@/$version.$build/" "$work/saros-review.exe.manifest"
sed -e "s/@VERSIONCOMMA@/${version//./,},$build/" -e "s/@VERSION@/$version/" \
	packaging/windows/saros-review.rc >"$work/saros-review.rc"
x86_64-w64-mingw32-windres -I "$work" -O coff -o "$syso" "$work/saros-review.rc"
mkdir -p dist
build() { # ldflags, output
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc go build -trimpath -ldflags "$1" -o "$2" .
}
build "-s -w -H windowsgui" dist/saros-review.exe
# The same program as a console program, for the command line: cmd finds
# saros-review.com before saros-review.exe, waits for it, shows its output
# and gets its exit code, which a GUI program gives none of.
build "-s -w" dist/saros-review.com
bash scripts/third-party-notices.sh windows >"$work/THIRD-PARTY-NOTICES.txt"
makensis -V2 -DVERSION="$version" -DEXE="$PWD/dist/saros-review.exe" -DCOM="$PWD/dist/saros-review.com" -DREADME="$PWD/README.md" \
	-DNOTICES="$work/THIRD-PARTY-NOTICES.txt" \
	-DICON="$PWD/assets/icon/saros-review.ico" \
	-DOUTFILE="$PWD/dist/saros-review-$version-setup.exe" packaging/windows/saros-review.nsi
echo dist/saros-review.exe
echo dist/saros-review.com
echo "dist/saros-review-$version-setup.exe"
