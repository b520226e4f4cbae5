#!/usr/bin/env bash
# Runs the Windows build under Wine (Debian's wine64) in a scratch prefix:
# installs it with the NSIS installer in silent mode, checks the files,
# the Start-menu entry and the registry (Apps & features, "Open with" for
# .nii and .dcm), runs the installed program's --version, `info` and the
# GUI smoke test in a virtual X server, and its console build's --version
# and `qc` with the exit code, uninstalls it and checks that
# everything is gone. Wine is not Windows, but it runs the same program
# and the same installer.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(bash scripts/fyneapp.sh version)
setup=$PWD/dist/saros-review-$version-setup.exe
fail() { echo "test-windows-wine: $*" >&2; exit 1; }
# Debian's wine64 package puts its programs in /usr/lib/wine.
wine=$(command -v wine64 || echo /usr/lib/wine/wine64)
wineserver=$(command -v wineserver || echo /usr/lib/wine/wineserver)
[ -x "$wine" ] && [ -x "$wineserver" ] || fail "wine64 is not installed (make package-deps installs it)"
work=$(mktemp -d)
export WINEPREFIX=$work/prefix HOME=$work/home WINEDEBUG=-all LANGUAGE=en
# No desktop menu entries, no Mono or Gecko downloads in the scratch prefix.
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
mkdir -p "$HOME"
trap '"$wineserver" -k >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
w() { timeout 120 "$wine" "$@"; }
w wineboot -i >/dev/null 2>&1 || fail "could not make a Wine prefix"
"$wineserver" -w
# Wine 8 lacks bcryptprimitives.dll, which Go programs load at start.
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	packaging/windows/wine/bcryptprimitives.c -ladvapi32

w "$setup" /S || fail "the installer failed"
"$wineserver" -w
# Installing again over it (as an update does) must work too.
w "$setup" /S || fail "installing over an installed copy failed"
"$wineserver" -w
dir="$WINEPREFIX/drive_c/Program Files/SAROS Review"
for f in saros-review.exe saros-review.com README.md THIRD-PARTY-NOTICES.txt uninstall.exe; do
	[ -f "$dir/$f" ] || fail "the installer did not install $f"
done
menu="$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/SAROS Review"
[ -f "$menu/SAROS Review.lnk" ] || fail "no Start-menu entry for all users"
# Outputs are read whole into variables before grep: grep -q on a pipe
# could cut the writer off, and pipefail would count that as a failure.
# reg prints its "unable to find" on stdout, so a missing key prints nothing.
reg() { local o; if o=$(w reg query "$@" 2>/dev/null); then tr -d '\r' <<<"$o"; fi; }
has() { grep -q -- "$2" <<<"$1"; }
uninst='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\SAROSReview'
has "$(reg "$uninst" /v DisplayVersion)" "$version" || fail "Apps & features does not list version $version"
has "$(reg 'HKCR\.nii\OpenWithProgids')" SAROSReview.NIfTI || fail ".nii is not associated"
has "$(reg 'HKCR\.dcm\OpenWithProgids')" SAROSReview.DICOM || fail ".dcm is not associated"
has "$(reg 'HKCR\SAROSReview.NIfTI\shell\open\command')" 'saros-review.exe" "%1"' || fail "the .nii open command is wrong"

exe='C:\Program Files\SAROS Review\saros-review.exe'
out=$(w "$exe" --version | tr -d '\r')
[ "$out" = "saros-review $version" ] || fail "the installed program reports \"$out\", not version $version"
w "$exe" demo 'C:\demo' --cases 1 >/dev/null || fail "demo failed"
has "$(w "$exe" info 'C:\demo\case_000\image.nii.gz')" '"axcodes":"LPS"' || fail "info could not read a .nii.gz"
# The console build, as cmd runs "saros-review": output and exit codes
# (qc exits 1 on the demo case's error finding).
com='C:\Program Files\SAROS Review\saros-review.com'
out=$(w "$com" --version | tr -d '\r')
[ "$out" = "saros-review $version" ] || fail "saros-review.com reports \"$out\", not version $version"
code=0
qc=$(w "$com" qc 'C:\demo' --format text) || code=$?
[ "$code" = 1 ] && has "$qc" "case_000" || fail "saros-review.com qc exited $code (want 1, errors found): $qc"
smoke=$(timeout 120 xvfb-run -a "$wine" "$exe" --smoke-test 2>&1 | tr -d '\r') || fail "the installed program failed its smoke test: $smoke"
has "$smoke" "smoke test passed" || fail "the smoke test did not pass: $smoke"
has "$smoke" "About shows \"SAROS Review $version\"" || fail "About does not show version $version: $smoke"

w "$dir/uninstall.exe" /S || fail "the uninstaller failed"
"$wineserver" -w
[ ! -e "$dir" ] || fail "left behind after uninstalling: $(find "$dir")"
[ ! -e "$menu" ] || fail "the Start-menu folder is left behind"
has "$(reg "$uninst")" DisplayName && fail "the Apps & features entry is left behind"
has "$(reg 'HKCR\.nii\OpenWithProgids')" SAROSReview && fail "the .nii association is left behind"
has "$(reg 'HKCR\SAROSReview.NIfTI')" . && fail "the SAROSReview.NIfTI class is left behind"
echo "test-windows-wine: $setup installed, run (version, info, smoke test; the console build's version and qc exit code) and uninstalled cleanly under $("$wine" --version)"
