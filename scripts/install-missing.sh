#!/usr/bin/env bash
# Installs those of the named Debian packages that are missing, quietly;
# uses sudo when not root. Used by the Makefile's deps targets.
set -euo pipefail
missing=()
for p in "$@"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "make: installing ${missing[*]}"
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
	install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
