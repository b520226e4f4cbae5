#!/usr/bin/env bash
# Cross-builds dist/saros-review.exe with Debian's mingw-w64 and the
# installer dist/saros-review-VERSION-setup.exe with NSIS (makensis).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
mkdir -p dist
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
	go build -trimpath -ldflags "-s -w -H windowsgui" -o dist/saros-review.exe .
makensis -V2 -DVERSION="$version" -DEXE="$PWD/dist/saros-review.exe" -DREADME="$PWD/README.md" \
	-DOUTFILE="$PWD/dist/saros-review-$version-setup.exe" packaging/windows/saros-review.nsi
echo dist/saros-review.exe
echo "dist/saros-review-$version-setup.exe"
