"""Make KamplannerHanSupplement.ttf from HanaMinB.ttf: its CJK ideographs beyond U+FFFF only.

    python make_han_supplement.py /usr/share/fonts/truetype/hanazono/HanaMinB.ttf [OUT.ttf]

(Debian 12's fonts-hanazono 20170904-2.1; needs fontTools.) What it does, and why, is in
README.md beside this script: keep the supplementary-plane CJK blocks, drop what the PDF never
uses (vertical metrics, hinting, glyph names, layout tables), store the outlines on a 256-unit
em with points that lie on a straight line within a quarter of a unit left out (the glyphs are
polygons, ~140 points each), and give the result a name of its own, as the OFL asks of a
modified font whose original has Reserved Font Names.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

# CJK Unified Ideographs Extensions B to F (and G to J, should a later source have them), and
# the CJK Compatibility Ideographs Supplement: the ideographs of planes 2 and 3.
RANGES = [(0x20000, 0x2FFFF), (0x30000, 0x3FFFF)]
UNITS_PER_EM = 256
TOLERANCE = 0.25  # units of the new em: a point this close to the line through its neighbours goes
FAMILY = "Kamplanner Han Supplement"
POSTSCRIPT = "KamplannerHanSupplement"


def _straight(points: list[tuple[int, int]], tolerance: float) -> list[tuple[int, int]]:
    """A closed polygon without its duplicate points and points on a line between their neighbours."""
    out = list(points)
    changed = True
    while changed and len(out) > 3:
        changed = False
        kept: list[tuple[int, int]] = []
        n = len(out)
        for i, (x, y) in enumerate(out):
            px, py = kept[-1] if kept else out[i - 1]
            nx, ny = out[(i + 1) % n]
            if (x, y) == (px, py):
                changed = True
                continue
            dx, dy = nx - px, ny - py
            length = (dx * dx + dy * dy) ** 0.5
            if length and abs(dy * (x - px) - dx * (y - py)) / length <= tolerance and (
                min(px, nx) <= x <= max(px, nx) and min(py, ny) <= y <= max(py, ny)
            ):
                changed = True
                continue
            kept.append((x, y))
        if len(kept) < 3:
            break
        out = kept
    return out


def _simplify(font: TTFont) -> None:
    from fontTools.ttLib.tables._g_l_y_f import GlyphCoordinates
    from fontTools.ttLib.tables.ttProgram import Program

    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        if glyph.isComposite() or glyph.numberOfContours <= 0:
            continue
        if any(not flag & 1 for flag in glyph.flags):
            continue  # curves: keep as they are (the source has none)
        coordinates, ends, start = [], [], 0
        for end in glyph.endPtsOfContours:
            contour = _straight([tuple(p) for p in glyph.coordinates[start : end + 1]], TOLERANCE)
            start = end + 1
            if len(contour) >= 3:
                coordinates += contour
                ends.append(len(coordinates) - 1)
        glyph.coordinates = GlyphCoordinates(coordinates)
        glyph.endPtsOfContours = ends
        glyph.flags = bytearray([1] * len(coordinates))
        glyph.numberOfContours = len(ends)
        glyph.program = Program()
        glyph.program.fromBytecode(b"")
        glyph.recalcBounds(glyf)


def _rename(font: TTFont, source: str) -> None:
    name = font["name"]
    notice = (
        f"{FAMILY}: the supplementary-plane CJK ideographs of HanaMinB ({source}), reduced by "
        "kamplanner. Copyright (c) 2011, GlyphWiki Project (kamichi@fonts.jp), with Reserved Font "
        'Names "Hanazono Font", "HanaMinA", "HanaMinB", "花園フォント", "花園明朝A" and "花園明朝B". '
        "Licensed under the SIL Open Font License, Version 1.1."
    )
    name.names = []
    for name_id, value in {
        0: notice,
        1: FAMILY,
        2: "Regular",
        3: f"{POSTSCRIPT}-Regular;{source}",
        4: f"{FAMILY} Regular",
        5: f"Version 1.0; from HanaMinB {source}",
        6: POSTSCRIPT,
        13: "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
        14: "https://openfontlicense.org",
    }.items():
        name.setName(value, name_id, 3, 1, 0x409)


def main() -> None:
    source = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).with_name(f"{POSTSCRIPT}.ttf")
    font = TTFont(source)
    version = font["name"].getDebugName(5) or "?"
    options = subset.Options()
    options.drop_tables += ["vmtx", "vhea", "BASE", "FFTM", "GDEF", "gasp", "DSIG"]
    options.hinting = False
    options.glyph_names = False
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    cmap = font.getBestCmap()
    wanted = [c for c in cmap if any(a <= c <= b for a, b in RANGES)]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    scale_upem(font, UNITS_PER_EM)
    _simplify(font)
    _rename(font, version.split(";")[0].strip())
    font["post"].formatType = 3.0
    font["OS/2"].fsType = 0  # installable embedding, as the source
    font.save(out)
    print(f"{out}: {len(wanted):,} characters, {out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
