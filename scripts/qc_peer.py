#!/usr/bin/python3
"""The QC speed and cross-check peer: SAROS Review's QC rules on nibabel and
scipy.ndimage (Debian's python3-nibabel and python3-scipy).

    /usr/bin/python3 scripts/qc_peer.py CASE_DIR [--no-image]

Reads image.nii.gz, body-regions.nii.gz and body-parts.nii.gz of a case
folder, runs the default rules of docs/qc-rules.md the obvious scipy way
(ndimage.label per label and slice, 8-connected) and prints one JSON object:
{"findings": [{"rule", "slice", "map", "label", "count"}...]}, one per
slice, rule, map and label, as saros-review groups them. It is the peer the
Go benchmark BenchmarkQCProcess512 times as a process beside
`saros-review qc`, and the independent check of TestQCPeerAgrees.
"""
import json
import sys

import nibabel as nib
import numpy as np
from scipy import ndimage as ndi

REGIONS, PARTS = "regions", "parts"
DEFINED = {REGIONS: set(range(14)) | {255}, PARTS: set(range(7)) | {255}}
MAX_COMPONENTS = {
    REGIONS: {3: 1, 4: 2, 7: 1, 9: 1, 11: 1, 10: 4, 12: 2, 6: 2, 13: 2, 8: 2},
    PARTS: {1: 1, 2: 3, 3: 1, 4: 1, 5: 1, 6: 1},
}
COMPONENTS_MIN_MM2, ISLAND_MAX_MM2, ISLAND_RATIO = 20.0, 5.0, 20.0
CAVITIES = [3, 4, 9, 7]
FORBIDDEN = {(5, a) for a in (3, 4, 9, 10)} | {(1, a) for a in CAVITIES} | {(2, 3), (2, 4)}
CONTINUITY = {REGIONS: {3, 4, 9, 11, 10}, PARTS: {1, 2, 3, 4, 5, 6}}
EIGHT = np.ones((3, 3), bool)


def wrong_part(r, p):
    if r == 10:
        return p != 2
    if r in (3, 4, 9, 7):
        return p != 1
    return False


def main(argv):
    case = argv[1]
    need_image = "--no-image" not in argv
    img = nib.load(f"{case}/image.nii.gz")
    maps = {REGIONS: nib.load(f"{case}/body-regions.nii.gz"), PARTS: nib.load(f"{case}/body-parts.nii.gz")}
    out = []

    def add(rule, k, m, label, count):
        out.append({"rule": rule, "slice": int(k), "map": m, "label": int(label), "count": int(count)})

    for m, im in maps.items():
        if im.shape != img.shape or not np.allclose(im.affine, img.affine, atol=1e-3):
            add("geometry", -1, m, -1, 0)
    if need_image:
        hu = np.asanyarray(img.dataobj)
        if ((hu < -1024) | (hu > 3071)).any():
            add("hu-range", -1, "image", -1, 0)
    data = {m: np.asanyarray(im.dataobj).astype(np.uint8, copy=False) for m, im in maps.items()}
    zooms = img.header.get_zooms()
    px = float(zooms[0] * zooms[1])
    nz = img.shape[2]
    states = {}
    for m, d in data.items():
        na = (d == 255).sum(axis=(0, 1))
        full = d.shape[0] * d.shape[1]
        states[m] = np.where(na == 0, "annotated", np.where(na == full, "ignored", "mixed"))
    present = {REGIONS: {}, PARTS: {}}
    for k in range(nz):
        ann = {}
        for m, d in data.items():
            st = states[m][k]
            ann[m] = st == "annotated"
            sl = d[:, :, k]
            if st == "mixed":
                add("mixed-slice", k, m, 255, 1)
            if st != "ignored":
                bad = [v for v in np.unique(sl) if int(v) not in DEFINED[m]]
                if bad:
                    add("label-value", k, m, -1, len(bad))
        if (states[REGIONS][k] == "ignored") != (states[PARTS][k] == "ignored"):
            add("ignore-mismatch", k, "both", -1, 1)
        for m in (REGIONS, PARTS):
            if ann[m]:
                present[m][k] = slice_rules(data[m][:, :, k], k, m, px, add)
        if ann[REGIONS]:
            r = data[REGIONS][:, :, k]
            if any(v not in (0, 255) for v in present[REGIONS][k]):
                for l in (1, 2, 5):
                    if l not in present[REGIONS][k]:
                        add("expected-present", k, REGIONS, l, 1)
        if ann[REGIONS] and ann[PARTS]:
            r, p = data[REGIONS][:, :, k], data[PARTS][:, :, k]
            mis = (r > 0) != (p > 0)
            if mis.any():
                _, n = ndi.label(mis, EIGHT)
                add("foreground-mismatch", k, "both", -1, n)
            wrong = np.zeros(r.shape, np.uint8)
            for rv in (10, 3, 4, 9, 7):
                for pv in range(1, 7):
                    if wrong_part(rv, pv):
                        wrong[(r == rv) & (p == pv)] = rv
            for rv in np.unique(wrong):
                if rv:
                    _, n = ndi.label(wrong == rv, EIGHT)
                    add("context", k, "both", rv, n)
        if ann[PARTS]:
            laterality(data[PARTS][:, :, k], k, img.affine, add)
    continuity_and_stride(states, present, add)
    json.dump({"findings": out}, sys.stdout)
    sys.stdout.write("\n")


def slice_rules(sl, k, m, px, add):
    """components, island and (regions) enclosed on one slice; returns the labels present."""
    labels = [int(v) for v in np.unique(sl)]
    comps = {}
    for l in labels:
        lab, n = ndi.label(sl == l, EIGHT)
        sizes = np.bincount(lab.ravel())[1:]
        comps[l] = (lab, n, sizes)
    for l, (lab, n, sizes) in comps.items():
        if l in MAX_COMPONENTS[m]:
            big = int((sizes * px >= COMPONENTS_MIN_MM2).sum())
            if big > MAX_COMPONENTS[m][l]:
                add("components", k, m, l, big)
        if l != 0:
            small = (sizes * px < ISLAND_MAX_MM2) & (sizes.max() >= ISLAND_RATIO * sizes)
            if small.any():
                add("island", k, m, l, int(small.sum()))
    if m == REGIONS:
        inside = {a for a, _ in FORBIDDEN}
        for l, (lab, n, sizes) in comps.items():
            if l != 0 and l not in inside:
                continue  # no forbidden pair: nothing to look at
            found = 0
            for c, box in enumerate(ndi.find_objects(lab), start=1):
                y, x = box
                if y.start == 0 or x.start == 0 or y.stop == sl.shape[0] or x.stop == sl.shape[1]:
                    continue
                if l == 0:
                    found += 1
                    continue
                win = (slice(y.start - 1, y.stop + 1), slice(x.start - 1, x.stop + 1))
                comp = lab[win] == c
                ring = ndi.binary_dilation(comp, EIGHT) & ~comp
                around = np.unique(sl[win][ring])
                if len(around) == 1 and (l, int(around[0])) in FORBIDDEN:
                    found += 1
            if found:
                add("enclosed", k, REGIONS, l, found)
    return set(labels)


def laterality(p, k, affine, add):
    centre = {}
    comps = []
    for l in range(1, 7):
        lab, n = ndi.label(p == l, EIGHT)
        if n == 0:
            continue
        idx = np.arange(1, n + 1)
        area = ndi.sum(np.ones_like(lab), lab, idx)
        ci = ndi.mean(np.indices(p.shape)[0], lab, idx)
        cj = ndi.mean(np.indices(p.shape)[1], lab, idx)
        x = affine[0, 0] * np.asarray(ci) + affine[0, 1] * np.asarray(cj) + affine[0, 2] * k + affine[0, 3]
        centre[l] = float((x * area).sum() / area.sum())
        comps.append((l, x))
    refs = {5: (1, True), 6: (1, False), 3: (4, True), 4: (3, False)}
    for l, xs in comps:
        if l not in refs or refs[l][0] not in centre:
            continue
        ref, right = refs[l]
        wrong = int(sum(1 for x in xs if right != (x > centre[ref])))
        if wrong:
            add("laterality", k, PARTS, l, wrong)


def continuity_and_stride(states, present, add):
    m0 = REGIONS
    ks = [k for k, s in enumerate(states[m0]) if s == "annotated"]
    if len(ks) < 2:
        return
    stride = sorted(b - a for a, b in zip(ks, ks[1:]))[(len(ks) - 2) // 2]
    limit = 2 * stride
    for m in (REGIONS, PARTS):
        for x in range(1, len(ks) - 1):
            prev, k, nxt = ks[x - 1], ks[x], ks[x + 1]
            hp, hk, hn = present[m].get(prev), present[m].get(k), present[m].get(nxt)
            if hp is None or hk is None or hn is None or k - prev > limit or nxt - k > limit:
                continue
            for l in sorted(CONTINUITY[m]):
                if l in hp and l in hn and l not in hk:
                    add("continuity", k, m, l, 1)
    have = set(ks)
    for k in range(ks[0], ks[-1] + 1, stride):
        if k not in have and states[m0][k] == "ignored":
            add("stride", k, m0, -1, 1)


if __name__ == "__main__":
    main(sys.argv)
