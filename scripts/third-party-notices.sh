#!/usr/bin/env bash
# Prints the licence notices of everything compiled into saros-review for
# GOOS (default: this machine's): the Go runtime and standard library, and
# every module the build uses, each with its licence files in full. The
# packages ship the result; BSD and MIT licences ask binary distributions
# to carry these notices. Fails when a module has no licence file. With
# DEBIAN=1, full Apache 2.0 texts are replaced by a pointer to Debian's
# copy in /usr/share/common-licenses, as Debian policy asks.
set -euo pipefail
cd "$(dirname "$0")/.."
goos=${1:-$(go env GOOS)}
version=$(bash scripts/fyneapp.sh version)
mods=$(CGO_ENABLED=1 GOOS=$goos go list -deps \
	-f '{{with .Module}}{{if not .Main}}{{.Path}}@{{.Version}} {{.Dir}}{{end}}{{end}}' . | sort -u)
[ -n "$mods" ] || { echo "third-party-notices: no modules listed for $goos" >&2; exit 1; }
cat <<HEAD
SAROS Review $version ($goos) includes the following third-party software.
Each part is listed with the licence files of its source, in full.

HEAD
# apache_to_pointer prints a licence file with each full Apache 2.0 text
# (from its title to END OF TERMS AND CONDITIONS) replaced by a pointer;
# everything else in the file, other licences included, stays.
apache_to_pointer() {
	awk '
		skip { if ($0 ~ /END OF TERMS AND CONDITIONS/) skip = 0; next }
		/^[[:space:]]*Apache License[[:space:]]*$/ { held = $0; next }
		held != "" && /Version 2\.0, January 2004/ {
			print "Apache License, Version 2.0: see /usr/share/common-licenses/Apache-2.0"
			held = ""; skip = 1; next
		}
		held != "" { print held; held = "" }
		{ print }
		END { if (held != "") print held }
	' "$1"
}
section() { # name, then licence files
	local name=$1
	shift
	printf '%s\n%s\n' "$name" "$(printf '=%.0s' $(seq ${#name}))"
	for f in "$@"; do
		printf '\n-- %s --\n\n' "$(basename "$f")"
		if [ "${DEBIAN:-}" = 1 ]; then
			apache_to_pointer "$f"
		else
			cat "$f"
		fi
	done
	printf '\n\n'
}
section "Go $(go env GOVERSION) runtime and standard library" "$(go env GOROOT)/LICENSE"
while read -r mod dir; do
	files=() # (no mapfile: macOS has bash 3.2)
	while IFS= read -r f; do files+=("$f"); done < <(find "$dir" -maxdepth 4 \( -name testdata -o -name examples -o -name example \) -prune -o \
		-type f \( -iname 'LICENSE*' -o -iname 'LICENCE*' -o -iname 'COPYING*' -o -iname 'NOTICE*' \) -print | sort)
	[ ${#files[@]} -gt 0 ] || { echo "third-party-notices: $mod has no licence file in $dir" >&2; exit 1; }
	section "$mod" "${files[@]}"
done <<<"$mods"
