#!/usr/bin/env bash
# Reads FyneApp.toml, the version's single source, for the packaging
# scripts and the Makefile, and runs the pinned fyne tool:
#   fyneapp.sh version            the Version, x.y.z
#   fyneapp.sh build              the Build number
#   fyneapp.sh fyne ARGS...       fyne.io/tools' fyne command, pinned (`go
#                                 run` builds it once into the Go build
#                                 cache); FyneApp.toml is put back after,
#                                 because `fyne package` counts Build up
#                                 and rewrites the file without its comments
set -euo pipefail
cd "$(dirname "$0")/.."
case ${1:-} in
version) sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml ;;
build) sed -n 's/^Build *= *\([0-9]*\)/\1/p' FyneApp.toml ;;
fyne)
	shift
	saved=$(mktemp)
	cp FyneApp.toml "$saved"
	trap 'cp "$saved" FyneApp.toml; rm -f "$saved"' EXIT
	go run fyne.io/tools/cmd/fyne@v1.7.4 "$@"
	;;
*)
	echo "usage: fyneapp.sh version | build | fyne ARGS..." >&2
	exit 2
	;;
esac
