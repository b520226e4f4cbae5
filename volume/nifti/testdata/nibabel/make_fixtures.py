#!/usr/bin/env python3
"""Write small NIfTI fixtures with nibabel and record what nibabel reports.

Run by hand (needs python3-nibabel); the Go tests only read the committed
output: one file per case and expected.json with nibabel's view of each
file (shape, zooms, best affine, dtype, aff2axcodes, min/max of get_fdata).
"""
import json, os
import numpy as np
import nibabel as nib

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(7)
shape = (7, 6, 5)

def rot(axis, deg):
    t = np.deg2rad(deg); c, s = np.cos(t), np.sin(t)
    m = np.eye(4)
    i, j = [(1, 2), (0, 2), (0, 1)][axis]
    m[i, i], m[i, j], m[j, i], m[j, j] = c, -s, s, c
    return m

def aff(diag, origin, pre=np.eye(4)):
    a = np.diag(list(diag) + [1.0]); a[:3, 3] = origin
    return pre @ a

LPS = aff((-0.8, -0.8, 5), (200, 180, -300))
RAS = aff((0.8, 0.9, 5), (-200, -180, -300))
LAS = aff((-0.7, 0.7, 2.5), (100, -90, 20))
perm = np.array([[0, 0, -3.0, 50], [-1.2, 0, 0, 80], [0, 1.1, 0, -20], [0, 0, 0, 1]])  # PIR-ish
oblique = rot(2, 25) @ rot(0, 10) @ LPS

def data(dtype):
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        lo, hi = max(info.min, -1200), min(info.max, 3000)
        return rng.integers(lo, hi, size=shape, endpoint=True).astype(dtype)
    return (rng.standard_normal(shape) * 300).astype(dtype)

cases = []
def save(name, img):
    path = os.path.join(here, name)
    nib.save(img, path)
    cases.append(name)

def both(arr, a, cls=nib.Nifti1Image):
    img = cls(arr, a)
    img.set_qform(a, code=1); img.set_sform(a, code=1)
    return img

for nm, a in [("lps", LPS), ("ras", RAS), ("las", LAS), ("permuted", perm), ("oblique", oblique)]:
    save(f"{nm}_int16.nii.gz", both(data(np.int16), a))
save("lps_uint8.nii", both(data(np.uint8), LPS))
for dt in (np.int8, np.uint16, np.int32, np.uint32, np.float32, np.float64):
    save(f"las_{np.dtype(dt).name}.nii.gz", both(data(dt), LAS))

q = nib.Nifti1Image(data(np.int16), None)      # qform only
q.set_qform(oblique, code=1); q.set_sform(None, code=0)
save("qform_only.nii.gz", q)
qf = nib.Nifti1Image(data(np.int16), None)     # qform only, qfac = -1
qf.set_qform(aff((0.8, 0.8, -5), (10, 20, 30)), code=2); qf.set_sform(None, code=0)
save("qform_qfac.nii", qf)
s = nib.Nifti1Image(data(np.int16), None)      # sform only (shear allowed)
sa = LAS.copy(); sa[0, 1] = 0.05
s.set_sform(sa, code=2); s.set_qform(None, code=0)
save("sform_only.nii.gz", s)
n = nib.Nifti1Image(data(np.int16), None)      # neither: pixdim fallback
n.set_sform(None, code=0); n.set_qform(None, code=0)
n.header.set_zooms((0.9, 0.8, 3.0))
save("no_form.nii", n)
save("nifti2_int16.nii.gz", both(data(np.int16), oblique, nib.Nifti2Image))
save("nifti2_float32.nii", both(data(np.float32), RAS, nib.Nifti2Image))

be = both(data(np.int16), LPS)                  # big-endian file
beh = be.header.as_byteswapped('>')
save("bigendian_int16.nii", nib.Nifti1Image(be.get_fdata().astype('>i2'), be.affine, beh))
be2 = both(data(np.float32), oblique, nib.Nifti2Image)
save("bigendian_nifti2_float32.nii.gz", nib.Nifti2Image(be2.get_fdata().astype('>f4'), be2.affine, be2.header.as_byteswapped('>')))

sc = both(data(np.int16), LPS)                  # scaled: real = raw * 0.5 - 1024
sc.header.set_slope_inter(0.5, -1024)
raw = data(np.int16)
img = nib.Nifti1Image(raw, LPS, sc.header); img.header.set_slope_inter(0.5, -1024)
img.set_qform(LPS, code=1); img.set_sform(LPS, code=1)
save("scaled_int16.nii.gz", img)
sn = nib.Nifti1Image(data(np.int16), LPS); sn.header.set_slope_inter(-2.0, 10)
sn.set_qform(LPS, code=1); sn.set_sform(LPS, code=1)
save("scaled_negative.nii", sn)

labels = np.full(shape, 255, np.uint8); labels[:, :, ::5] = rng.integers(0, 14, size=(7, 6, 1))
save("labels_sparse.nii.gz", both(labels, LPS))

expected = {}
for name in cases:
    img = nib.load(os.path.join(here, name))
    d = img.get_fdata()
    expected[name] = {
        "dims": [int(x) for x in img.shape],
        "spacing": [float(x) for x in img.header.get_zooms()[:3]],
        "affine": img.affine.tolist(),
        "datatype": str(img.get_data_dtype().newbyteorder('=').name),
        "axcodes": "".join(nib.aff2axcodes(img.affine)),
        "min": float(np.nanmin(d)), "max": float(np.nanmax(d)),
    }
with open(os.path.join(here, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
print(len(cases), "fixtures")
