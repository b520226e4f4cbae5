#!/usr/bin/env bash
# Makes the README's screenshots (docs/*.png): runs the app on a demo data
# set in a virtual X server and drives it with xdotool, as a user would.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=./saros-review
tmp=$(mktemp -d)
cleanup() { kill "${app:-}" "${xvfb:-}" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
export LANGUAGE=en
export XDG_CONFIG_HOME="$tmp/config" # default view settings, whatever this machine saved
disp=:$((90 + RANDOM % 9))
Xvfb "$disp" -screen 0 1600x1000x24 >/dev/null 2>&1 & xvfb=$!
export DISPLAY=$disp
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

"$bin" demo "$tmp/demo" --cases 6 >/dev/null
"$bin" "$tmp/demo" >/dev/null 2>&1 & app=$!
for _ in $(seq 100); do xdotool search --name "SAROS Review" >/dev/null 2>&1 && break; sleep 0.1; done
sleep 2

shot() { # name [width height]
	import -window root "$tmp/full.png"
	convert "$tmp/full.png" -crop "${2:-1400}x${3:-900}+0+0" +repage "docs/$1"
	echo "docs/$1"
}
shot worklist.png 1400 360
xdotool mousemove 53 201 click --repeat 2 --delay 80 1   # open case_000
sleep 3
xdotool mousemove 380 360 sleep 0.3 mousemove 382 362     # hover: readout
sleep 0.5
shot case-screen.png
xdotool key q sleep 1 mousemove 1100 445 click 1           # QC tab, choose the bone-speck finding
sleep 1
shot qc-findings.png
xdotool key l sleep 0.3 key 3 sleep 0.3 key o             # three in a row, lung window, outlines
sleep 0.8
shot three-views-lung-outline.png
xdotool key 1 sleep 0.2 key o sleep 0.2 key l sleep 0.2 key l   # back: soft tissue, filled, main + 2
xdotool mousemove 380 360 sleep 0.2 click 5 sleep 0.2 click 5 sleep 0.2 click 5  # onto an ignored slice
sleep 0.8
shot ignored-slice.png

# Editing: a brush stroke and a polygon on case_001, changes shown.
xdotool key ctrl+Next
sleep 3
xdotool mousemove 300 400 key b key plus key plus
xdotool mousemove 200 520 mousedown 1
for x in $(seq 200 10 330); do xdotool mousemove "$x" $((520 - (x - 200) / 4)); sleep 0.02; done
xdotool mouseup 1
xdotool key p
for pt in "380 300" "450 290" "470 360" "400 380"; do xdotool mousemove $pt click 1; sleep 0.2; done
xdotool key Return key x key b mousemove 250 470
sleep 0.8
shot editing.png
xdotool key question
sleep 0.8
shot keys.png

# Body composition tab, then the tissue colours (on case_001).
xdotool mousemove 699 731 click 1 sleep 0.5 mousemove 1096 249 click 1  # close the keys, open the tab
sleep 1.5
shot body-composition.png
xdotool mousemove 940 249 click 1 sleep 0.5 mousemove 925 445 click 1
sleep 1
shot tissue-overlay.png

# L3: tissue colours off, slice 22 chosen on the Body composition plot,
# the tab scrolled to its L3 section, a height typed, Mark L3 here.
xdotool mousemove 925 445 click 1 sleep 0.3 mousemove 1096 249 click 1 sleep 1 mousemove 1069 430 click 1 sleep 0.8 mousemove 1150 450
for _ in $(seq 20); do xdotool click 5; sleep 0.05; done
xdotool mousemove 1146 659 click 1 sleep 0.3 type --delay 60 1.72
xdotool key Return sleep 0.4 mousemove 963 620 click 1 sleep 0.6 mousemove 1150 450
for _ in $(seq 10); do xdotool click 5; sleep 0.05; done
sleep 0.8
shot body-composition-l3.png

# Help › About.
xdotool mousemove 231 14 click 1 sleep 0.6 mousemove 280 84 click 1
sleep 0.8
import -window root "$tmp/full.png"
convert "$tmp/full.png" -crop 380x360+510+270 +repage docs/about.png
echo docs/about.png

# The DICOM tab: the phantom written as a DICOM series (docs/mkdicom),
# imported, opened, all tags shown and one copied.
kill "$app" 2>/dev/null || true
wait "$app" 2>/dev/null || true
go run ./docs/mkdicom "$tmp/dicom"
"$bin" import-dicom "$tmp/dicom" "$tmp/imported/case_000" >/dev/null
"$bin" "$tmp/imported/case_000" >/dev/null 2>&1 & app=$!
for _ in $(seq 100); do xdotool search --name "SAROS Review" >/dev/null 2>&1 && break; sleep 0.1; done
sleep 2
xdotool mousemove 1110 210 click 1 sleep 0.8 mousemove 1329 248 click 1   # DICOM tab, All tags
xdotool sleep 0.5 mousemove 1150 440 click 1 sleep 0.6 mousemove 700 700  # copy Modality
sleep 0.5
shot dicom-tags.png

# QC on the real head CT (internal/realct; needs invesalius-examples, the
# CT is GPL-2 and never committed): the worklist's QC columns, the panel
# filtered to the island rule, a zoomed jump, the Clean specks preview.
kill "$app" 2>/dev/null || true
wait "$app" 2>/dev/null || true
go run ./internal/realct/mkfixture "$tmp/real"
"$bin" "$tmp/real" >/dev/null 2>&1 & app=$!
for _ in $(seq 100); do xdotool search --name "SAROS Review" >/dev/null 2>&1 && break; sleep 0.1; done
sleep 5                                                    # background QC of both cases
shot worklist-qc.png 1400 300
xdotool mousemove 41 241 click --repeat 2 --delay 80 1    # open case_001 (the defects)
sleep 5
xdotool key q sleep 1 mousemove 1186 287 click 1 sleep 0.7 mousemove 1161 673 click 1  # QC tab, rule: island
sleep 1
shot qc-panel-filtered.png
xdotool mousemove 1152 363 click 1 sleep 0.8 key j sleep 0.4 key i sleep 0.4 key j    # open the group, its first slice, its first speck
sleep 1
shot qc-jump-zoomed.png
xdotool key Home sleep 0.5 mousemove 69 13 click 1 sleep 0.7 mousemove 105 328 click 1  # Edit › Clean specks…
sleep 1.2
shot clean-specks-preview.png
xdotool key Escape
