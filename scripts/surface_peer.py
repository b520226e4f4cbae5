#!/usr/bin/env python3
"""Independent peer of SAROS Review's metrics package, for its tests.

Written from the published definitions of DeepMind's surface-distance
library (github.com/google-deepmind/surface-distance: metrics.py,
lookup_tables.py) on Debian's python3-scipy and python3-numpy, applied in
2D to each axial slice with the in-plane pixel spacing, and pooled per case:

  Dice  2|A and B| / (|A| + |B|) over voxels.
  Contour elements: corner points of the pixel grid whose 2x2 neighbourhood
        (scipy.ndimage.correlate with the kernel [[8, 4], [2, 1]]) is neither
        empty nor full; each has the contour length of its neighbourhood code
        (create_table_neighbour_code_to_contour_length).
  Distances: scipy.ndimage.distance_transform_edt of the other contour's
        complement with sampling=spacing (exact Euclidean), +inf when the
        other contour is empty.
  NSD   compute_surface_dice_at_tolerance: contour length within tolerance
        (distance <= tol) of both directions over the total length.
  HD95  compute_robust_hausdorff(., 95): per direction, elements sorted by
        (distance, length), cumulative length over the total, the first index
        reaching 0.95 - 1e-9 (np.searchsorted; the slack makes an exact tie
        reach the percentile, as in exact arithmetic, instead of leaving it
        to rounding), the larger direction; inf if none.

Only slices annotated in both maps (not every voxel 255) are compared; 255
is never a label. A label absent from both has no score.

Input: a JSON file named on the command line:
  {"tolerance": 3.0, "cases": [{"id": "...", "maps": [{"map": "regions",
   "a": "A.raw", "b": "B.raw", "dims": [nx, ny, nz], "spacing": [sx, sy]}]}]}
with raw uint8 voxels, i fastest. Output (stdout): {"cases": [{"id": ...,
"labels": [{"map", "label", "dice", "nsd", "hd95"}], "slices": [{"slice": k,
"labels": [...]}]}]}, hd95 null when infinite.
"""

import json
import math
import sys

import numpy as np
from scipy import ndimage

KERNEL = np.array([[8, 4], [2, 1]])
TIE_SLACK = 1e-9


def contour_length_table(spacing):
    """lookup_tables.create_table_neighbour_code_to_contour_length."""
    t = np.zeros(16)
    vertical, horizontal = spacing[0], spacing[1]
    diag = 0.5 * math.sqrt(spacing[0] ** 2 + spacing[1] ** 2)
    for code in (0b0001, 0b0010, 0b0100, 0b1000, 0b0111, 0b1011, 0b1101, 0b1110):
        t[code] = diag
    t[0b0011] = t[0b1100] = horizontal
    t[0b0101] = t[0b1010] = vertical
    t[0b0110] = t[0b1001] = 2 * diag
    return t


def contour(mask):
    """Neighbourhood codes of the corner points of a mask padded by one pixel."""
    padded = np.pad(mask.astype(np.uint8), 1)
    codes = ndimage.correlate(padded, KERNEL, mode="constant", cval=0)
    return codes, (codes != 0) & (codes != 15)


def surface_distances(mask_a, mask_b, spacing, table):
    """compute_surface_distances in 2D: distances and lengths both ways."""
    codes_a, border_a = contour(mask_a)
    codes_b, border_b = contour(mask_b)
    if border_b.any():
        dist_to_b = ndimage.distance_transform_edt(~border_b, sampling=spacing)
    else:
        dist_to_b = np.full(border_b.shape, np.inf)
    if border_a.any():
        dist_to_a = ndimage.distance_transform_edt(~border_a, sampling=spacing)
    else:
        dist_to_a = np.full(border_a.shape, np.inf)
    return (dist_to_b[border_a], table[codes_a[border_a]],
            dist_to_a[border_b], table[codes_b[border_b]])


def robust_hausdorff_direction(d, l, percent):
    if len(d) == 0:
        return np.inf
    order = sorted(zip(d, l))
    d = np.array([x[0] for x in order])
    l = np.array([x[1] for x in order])
    cum = np.cumsum(l) / np.sum(l)
    # An exact tie with the percentile (19 of 20 equal elements) must not
    # be decided by rounding: the fraction may fall short by 1e-9.
    idx = np.searchsorted(cum, percent / 100.0 - TIE_SLACK)
    return d[min(idx, len(d) - 1)]


def score(t, tol):
    d_ab, l_a, d_ba, l_b = (np.concatenate(x) if x else np.array([]) for x in t["surf"])
    dice = 2.0 * t["inter"] / (t["a"] + t["b"])
    nsd = (np.sum(l_a[d_ab <= tol]) + np.sum(l_b[d_ba <= tol])) / (np.sum(l_a) + np.sum(l_b))
    hd = max(robust_hausdorff_direction(d_ab, l_a, 95), robust_hausdorff_direction(d_ba, l_b, 95))
    return {"dice": float(dice), "nsd": float(nsd), "hd95": None if math.isinf(hd) else float(hd)}


def compare_map(m, tol):
    nx, ny, nz = m["dims"]
    sx, sy = m["spacing"]
    spacing = (sy, sx)  # numpy axes (j, i)
    table = contour_length_table(spacing)
    a = np.fromfile(m["a"], dtype=np.uint8).reshape(nz, ny, nx)
    b = np.fromfile(m["b"], dtype=np.uint8).reshape(nz, ny, nx)
    tallies, slices = {}, []
    for k in range(nz):
        if (a[k] == 255).all() or (b[k] == 255).all():
            continue
        labels_here = []
        for v in sorted(set(np.unique(a[k])) | set(np.unique(b[k]))):
            v = int(v)
            if v in (0, 255):
                continue
            ma, mb = a[k] == v, b[k] == v
            s = surface_distances(ma, mb, spacing, table)
            one = {"a": int(ma.sum()), "b": int(mb.sum()), "inter": int((ma & mb).sum()),
                   "surf": [[s[0]], [s[1]], [s[2]], [s[3]]]}
            t = tallies.setdefault(v, {"a": 0, "b": 0, "inter": 0, "surf": [[], [], [], []]})
            for key in ("a", "b", "inter"):
                t[key] += one[key]
            for i in range(4):
                t["surf"][i].append(s[i])
            labels_here.append(dict(map=m["map"], label=v, **score(one, tol)))
        slices.append({"slice": k, "labels": labels_here})
    labels = [dict(map=m["map"], label=v, **score(tallies[v], tol)) for v in sorted(tallies)]
    return labels, slices


def main():
    with open(sys.argv[1]) as f:
        job = json.load(f)
    out = []
    for c in job["cases"]:
        labels, by_slice = [], {}
        for m in c["maps"]:
            ls, ss = compare_map(m, job["tolerance"])
            labels += ls
            for s in ss:
                by_slice.setdefault(s["slice"], []).extend(s["labels"])
        out.append({"id": c["id"], "labels": labels,
                    "slices": [{"slice": k, "labels": by_slice[k]} for k in sorted(by_slice)]})
    json.dump({"cases": out}, sys.stdout)


if __name__ == "__main__":
    main()
