"""Draws the default logo, logo.png: a placeholder mark a company replaces with its own.

    python templates/make_logo.py

Run once; the PNG is committed. Needs Pillow (installed with ReportLab) and the bundled font.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parent / "resources" / "fonts" / "NotoSansSC-Bold.ttf"
NAVY, GOLD = (15, 53, 87, 255), (200, 150, 62, 255)


def main() -> None:
    scale = 4  # draw large, then shrink: smooth edges without anti-aliasing options
    font = ImageFont.truetype(str(FONT), 130 * scale)
    text_width = int(font.getlength("kamplanner"))
    w, h = 290 * scale + text_width + 10 * scale, 240 * scale
    image = Image.new("RGBA", (w, h), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    # The mark: a rounded square with three rising bars, the last one gold.
    s = 240 * scale
    draw.rounded_rectangle((0, 0, s, s), radius=44 * scale, fill=NAVY)
    bar = 36 * scale
    for i, height in enumerate((70, 115, 160)):
        x = (50 + i * 54) * scale
        colour = GOLD if i == 2 else (255, 255, 255, 255)
        draw.rounded_rectangle((x, (195 - height) * scale, x + bar, 195 * scale), radius=6 * scale, fill=colour)
    # The word mark.
    draw.text((280 * scale, 124 * scale), "kamplanner", font=font, fill=NAVY, anchor="lm")
    image = image.resize((w // scale, h // scale), Image.Resampling.LANCZOS)
    image.save(HERE / "logo.png", optimize=True)


if __name__ == "__main__":
    main()
