#!/usr/bin/env bash
# Builds dist/saros-review_VERSION_ARCH.deb with dpkg-deb: the binary in
# /usr/bin, the desktop entry with the NIfTI and DICOM types, the icon in
# the hicolor theme, the manual page, the copyright file with every
# bundled licence, a changelog, and Depends computed from the binary's
# libraries.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(bash scripts/fyneapp.sh version)
arch=$(dpkg --print-architecture)
id=org.sarosreview.app
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pkg=$work/pkg
share=$pkg/usr/share
install -d "$pkg/DEBIAN" "$pkg/usr/bin" "$share/applications" "$share/mime/packages" "$share/man/man1" \
	"$share/icons/hicolor/scalable/apps" "$share/doc/saros-review"
# Position-independent, as Debian builds its programs.
go build -trimpath -buildmode=pie -ldflags "-s -w" -o "$pkg/usr/bin/saros-review" .
for s in 16 32 48 256; do
	install -D -m644 "assets/icon/saros-review-$s.png" "$share/icons/hicolor/${s}x${s}/apps/$id.png"
done
install -m644 assets/icon/saros-review.svg "$share/icons/hicolor/scalable/apps/$id.svg"
install -m644 "packaging/linux/$id.desktop" "$share/applications/"
install -m644 packaging/linux/saros-review-mime.xml "$share/mime/packages/saros-review.xml"
install -m644 README.md "$share/doc/saros-review/README.md"
gzip -9n <packaging/linux/saros-review.1 >"$share/man/man1/saros-review.1.gz"
chmod 644 "$share/man/man1/saros-review.1.gz"
# copyright: the project's notice, then every bundled licence in full.
{
	printf 'SAROS Review\nUpstream: https://github.com/saros-review/saros-review\n\n'
	printf 'Copyright (c) the SAROS Review developers. All rights reserved.\n\n'
	DEBIAN=1 bash scripts/third-party-notices.sh linux
} >"$share/doc/saros-review/copyright"
# A native package's changelog, dated by the commit it is built from.
when=$(git log -1 --format=%cD 2>/dev/null || date -R)
printf 'saros-review (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' \
	"$version" "$version" "SAROS Review developers <saros-review@users.noreply.github.com>" "$when" |
	gzip -9n >"$share/doc/saros-review/changelog.gz"
chmod 644 "$share/doc/saros-review/copyright" "$share/doc/saros-review/changelog.gz"
install -m755 packaging/linux/postinst packaging/linux/postrm "$pkg/DEBIAN/"

# Depends: the packages holding the libraries the binary links.
mkdir -p "$work/debian"
printf 'Source: saros-review\n\nPackage: saros-review\nArchitecture: any\n' >"$work/debian/control"
depends=$(cd "$work" && dpkg-shlibdeps -O -e pkg/usr/bin/saros-review 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "package-deb: could not work out the library dependencies" >&2; exit 1; }
# GLFW opens these X libraries at run time, so the linker does not list them.
depends="$depends, libxcursor1, libxrandr2, libxinerama1, libxi6, libxxf86vm1"
size=$(du -sk "$pkg/usr" | cut -f1)
cat >"$pkg/DEBIAN/control" <<CONTROL
Package: saros-review
Version: $version
Architecture: $arch
Maintainer: SAROS Review developers <saros-review@users.noreply.github.com>
Installed-Size: $size
Depends: $depends
Section: science
Priority: optional
Homepage: https://github.com/saros-review/saros-review
Description: review and correct sparse CT segmentation label maps
 SAROS Review opens CT data sets with sparse body-region and body-part
 label maps, lets annotators correct them, runs QC rules, carries the
 review workflow and shows body composition.
CONTROL
mkdir -p dist
out=dist/saros-review_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$out" >/dev/null
echo "$out"
