#!/usr/bin/env bash
# Builds dist/saros-review-VERSION-linux-ARCH.tar.xz with `fyne package -os
# linux`: the release binary, the icon, the desktop entry made from
# FyneApp.toml and fyne's install Makefile (`sudo make install`, or
# `make user-install` into ~/.local).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(bash scripts/fyneapp.sh version)
arch=$(go env GOARCH)
work=$(mktemp -d)
trap 'rm -rf "$work" "SAROS Review.tar.xz"' EXIT
bash scripts/fyneapp.sh fyne package -os linux --release
# fyne tools v1.7.4 writes the desktop entry's "%F" (there because of
# FyneApp.toml's [CanOpen]) into the Makefile's Exec as well, so its
# install rules look for a file named "saros-review %F". Repair that
# and pack the tarball again.
tar -xJf "SAROS Review.tar.xz" -C "$work"
sed -i 's/^Exec := "\([^" ]*\) %F"$/Exec := "\1"/' "$work/saros-review/Makefile"
grep -q '^Exec := "saros-review"$' "$work/saros-review/Makefile" ||
	{ echo "package-tarball: unexpected Exec in fyne's Makefile: $(grep '^Exec' "$work/saros-review/Makefile")" >&2; exit 1; }
# The licences of everything bundled, beside fyne's Makefile.
bash scripts/third-party-notices.sh linux >"$work/saros-review/THIRD-PARTY-NOTICES.txt"
mkdir -p dist
out=dist/saros-review-$version-linux-$arch.tar.xz
tar -cJf "$out" --owner=0 --group=0 -C "$work" saros-review
echo "$out"
