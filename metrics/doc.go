// Package metrics measures the agreement of two readers' label maps of a
// case: Dice, the normalised surface Dice (NSD) at a tolerance and the 95th
// percentile Hausdorff distance (HD95), per label and map, per axial slice
// and per case. It never imports a GUI toolkit.
//
// # What is compared
//
// Only axial slices annotated in both readers' map are compared (a slice
// is annotated unless every voxel is 255; a mixed slice, which QC reports
// as an error, is compared with its 255 voxels as background). The value
// 255 is never a label: it is background for every score. A label that
// neither reader has on a slice has no score for that slice, and one that
// neither has on any compared slice has no case score (the pair is left
// out, not scored 1 or 0).
//
// # Definitions
//
// They follow DeepMind's surface-distance library
// (github.com/google-deepmind/surface-distance, metrics.py and
// lookup_tables.py) in two dimensions, applied to each axial slice on its
// own with the in-plane pixel spacing: SAROS slices are 5 mm apart and
// sparse, so surfaces are contours in the slice plane and distances never
// cross slices.
//
//   - Dice = 2|A∩B| / (|A|+|B|), counting voxels.
//   - Contour elements: the corner points of the pixel grid whose 2×2
//     neighbourhood holds both label and non-label pixels (the grid is
//     padded with background). Each carries the length of the
//     marching-squares contour through its cell: the pixel spacing along
//     the edge for a straight edge, half the pixel diagonal for a cut
//     corner, a whole diagonal for the two saddle cells.
//   - Distances: from each contour point of A to the nearest contour point
//     of B (and back), in mm with the anisotropic pixel spacing, exact: the
//     minimum over all of B's points, found by a search of B's points
//     indexed by column (outward until the column offset alone exceeds the
//     best distance), or, where that would cost more, read from the exact
//     Euclidean distance transform of B's contour (EDT2D, Felzenszwalb and
//     Huttenlocher); no chamfer approximation. A contour point on a slice
//     where the other reader has no such label has distance +Inf.
//   - NSD at tolerance τ = (length of A's contour within τ of B's + length
//     of B's contour within τ of A's) / (length of A's + length of B's);
//     "within" is distance ≤ τ.
//   - HD95 = the larger of the two directed 95th percentiles, each taken
//     over the contour points sorted by distance, weighted by length: the
//     distance of the first point whose cumulative length reaches 95 % of
//     the total, less 1e-9 of it (an exact tie, common with elements of
//     equal length, then reaches it as in exact arithmetic instead of by
//     the luck of rounding).
//
// A case score pools the voxels and the contour elements of all compared
// slices (the per-slice contours are not joined across slices).
//
// # Empty maps
//
// A label present in one reader's map and absent from the other's scores
// Dice 0 and NSD 0, and its HD95 is +Inf (undefined); the JSON of the
// command shows an undefined HD95 as null. On a case, HD95 is also +Inf
// when more than 5 % of a reader's contour length lies on slices where the
// other reader lacks the label.
package metrics
