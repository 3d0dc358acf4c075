#!/usr/bin/env python3
"""Make static Regular (wght 400) and Bold (wght 700) TrueType instances of
the variable Noto Sans SC font.

Why: ReportLab can only embed TrueType (glyf) outlines, so the Noto Sans CJK
.otf (CFF) files are unusable, and when given a *variable* TTF it ignores the
wght axis and draws the default master, which for Noto Sans SC is Thin.
Static instances fix both problems.  We keep the full glyph set (no
subsetting) because users type arbitrary Chinese.

Usage:
    python make_static_instances.py "path/to/NotoSansSC[wght].ttf" [OUTDIR]

OUTDIR defaults to the directory containing this script.
Requires fontTools (pip install fonttools).  Takes ~15 s per instance.
"""
import sys
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.varLib.instancer import instantiateVariableFont

FAMILY = "Noto Sans SC"
# style name -> (wght value, is bold)
STYLES = {"Regular": (400, False), "Bold": (700, True)}


def set_names(font, style, bold, weight):
    """Rewrite the name table: a static instance otherwise still carries the
    variable font's names ("Noto Sans SC Thin", "NotoSansSC-Thin"), so Qt,
    ReportLab and PDF viewers would report the wrong face."""
    name = font["name"]
    ps_name = "NotoSansSC-" + style
    version = font["head"].fontRevision
    new = {
        1: FAMILY,                                    # family (RIBBI style-linked)
        2: style,                                     # subfamily: Regular / Bold
        3: f"{version:.3f};ADBO;{ps_name};ADOBE",     # unique ID
        4: f"{FAMILY} {style}",                       # full name
        6: ps_name,                                   # PostScript name
    }
    # Typographic family/subfamily and the variations PostScript prefix only
    # describe the variable font; for a plain Regular/Bold pair nameIDs 1/2
    # say everything, so drop them to avoid contradicting names.
    for name_id in list(new) + [16, 17, 25]:
        name.removeNames(nameID=name_id)
    for name_id, value in new.items():
        name.setName(value, name_id, 3, 1, 0x409)
    # The source only has stray Macintosh (platform 1) records for the weight
    # names; keep just the Windows Unicode records, which is what every
    # current renderer reads, so no platform can show a stale name.
    name.names = [r for r in name.names if r.platformID == 3]

    # Style-linking bits so apps pair Regular with Bold correctly.
    os2 = font["OS/2"]
    os2.usWeightClass = weight
    fs = os2.fsSelection & ~((1 << 0) | (1 << 5) | (1 << 6))  # clear ITALIC, BOLD, REGULAR
    fs |= (1 << 5) if bold else (1 << 6)
    os2.fsSelection = fs
    head = font["head"]
    head.macStyle = (head.macStyle & ~0b11) | (1 if bold else 0)  # bit0 bold, bit1 italic

    # Drop name records (axis/instance names, IDs 256+) nothing refers to any more.
    name.removeUnusedNames(font)


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    src = Path(argv[1])
    outdir = Path(argv[2]) if len(argv) == 3 else Path(__file__).resolve().parent
    outdir.mkdir(parents=True, exist_ok=True)
    for style, (weight, bold) in STYLES.items():
        varfont = TTFont(src)  # reload: instancing modifies the font in place
        static = instantiateVariableFont(varfont, {"wght": weight}, inplace=False)
        set_names(static, style, bold, weight)
        out = outdir / f"NotoSansSC-{style}.ttf"
        static.save(out)
        print(f"wrote {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(sys.argv)
