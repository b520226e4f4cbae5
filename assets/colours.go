package assets

// RGB is an sRGB colour.
type RGB struct{ R, G, B uint8 }

func hex(v uint32) RGB { return RGB{uint8(v >> 16), uint8(v >> 8), uint8(v)} }

// RegionColours is the fixed colour of each body-regions label (index =
// label value; 0 is background and never drawn). The 13 colours come from
// Paul Tol's and Okabe & Ito's colour-blind-safe palettes, chosen so that
// every pair differs by at least ΔE*ab 15 in normal vision and under
// simulated protanopia, deuteranopia and tritanopia (Machado et al. 2009,
// severity 1); TestColoursTellLabelsApart checks it.
var RegionColours = [...]RGB{
	0:  {0, 0, 0},
	1:  hex(0xEEDD88), // subcutaneous tissue: light yellow
	2:  hex(0xEE6677), // muscle: red
	3:  hex(0x117733), // abdominal cavity: green
	4:  hex(0x99DDFF), // thoracic cavity: light blue
	5:  hex(0xFFAABB), // bones: light pink
	6:  hex(0xAA4499), // parotid glands: purple
	7:  hex(0x882255), // pericardium: wine
	8:  hex(0xCC79A7), // breast implant: pink
	9:  hex(0x77AADD), // mediastinum: blue
	10: hex(0xEE8866), // brain: orange
	11: hex(0xAAAA00), // spinal cord: olive
	12: hex(0x332288), // thyroid glands: indigo
	13: hex(0x997700), // submandibular glands: brown
}

// PartColours is the fixed colour of each body-parts label (Okabe & Ito),
// right and left limbs warm and cool so they never look alike.
var PartColours = [...]RGB{
	0: {0, 0, 0},
	1: hex(0x0072B2), // torso: blue
	2: hex(0xE69F00), // head: orange
	3: hex(0xD55E00), // right leg: vermillion
	4: hex(0x56B4E9), // left leg: sky blue
	5: hex(0xCC79A7), // right arm: reddish purple
	6: hex(0x009E73), // left arm: bluish green
}

// HatchColour marks voxels that are not annotated (label 255).
var HatchColour = hex(0xC8A040)
