#!/usr/bin/env bash
# macOS only, and untested: these machines cannot build for macOS, so this
# recipe has only ever been read, not run (the README says so). On a Mac
# with Go and Xcode's command-line tools it builds dist/SAROS Review.app
# with `fyne package -os darwin` and a drag-to-Applications disk image
# dist/saros-review-VERSION-macos-ARCH.dmg; .github/workflows/macos.yml
# runs it on a macOS runner. The app is not signed.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname -s)" = Darwin ] ||
	{ echo "package-macos: run this on a Mac (fyne package -os darwin needs Apple's SDK and tools)" >&2; exit 1; }
command -v go >/dev/null || { echo "package-macos: Go 1.26 is needed (go.dev/dl)" >&2; exit 1; }
version=$(bash scripts/fyneapp.sh version)
arch=$(go env GOARCH)
app="SAROS Review.app"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$app"
bash scripts/fyneapp.sh fyne package -os darwin --release
mkdir -p dist "$work/dmg"
rm -rf "dist/$app"
mv "$app" dist/
bash scripts/third-party-notices.sh darwin >"dist/$app/Contents/Resources/THIRD-PARTY-NOTICES.txt"
cp -R "dist/$app" "$work/dmg/"
ln -s /Applications "$work/dmg/Applications"
hdiutil create -volname "SAROS Review $version" -srcfolder "$work/dmg" -ov -format UDZO \
	"dist/saros-review-$version-macos-$arch.dmg"
echo "dist/$app"
echo "dist/saros-review-$version-macos-$arch.dmg"
