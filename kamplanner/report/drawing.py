"""Small helpers for strings drawn outside paragraphs (in charts, on the page's header and footer)
in the document font: drawing, measuring, wrapping, ticks. Whatever the font lacks is drawn
in the fallback font (fonts.runs), as in paragraphs."""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import runs
from .markup import one_line


def new_drawing(w: float, h: float, font: str, size: float) -> Drawing:
    """A drawing whose default font is the document's (ReportLab's default would pull in Helvetica)."""
    drawing = Drawing(w, h)
    drawing.initialFontName = font
    drawing.initialFontSize = size
    return drawing


def text(
    x: float, y: float, value: str, font: str, size: float, colour: colors.Color, anchor: str = "start"
) -> String | Group:
    """A string for a drawing; ``anchor`` is "start", "middle" or "end"."""
    parts = runs(value, font)
    if len(parts) == 1:
        return String(x, y, value, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor)
    x -= _share(anchor) * width(value, font, size)
    group = Group()
    for name, part in parts:
        group.add(String(x, y, part, fontName=name, fontSize=size, fillColor=colour))
        x += stringWidth(part, name, size)
    return group


def draw_string(canvas: Canvas, x: float, y: float, value: str, font: str, size: float, anchor: str = "start") -> None:
    """A string drawn on the canvas in ``font`` (which is set already); ``anchor`` as for ``text``."""
    parts = runs(value, font)
    if len(parts) == 1:
        {"start": canvas.drawString, "middle": canvas.drawCentredString, "end": canvas.drawRightString}[anchor](
            x, y, value
        )
        return
    x -= _share(anchor) * width(value, font, size)
    for name, part in parts:
        canvas.setFont(name, size)
        canvas.drawString(x, y, part)
        x += stringWidth(part, name, size)
    canvas.setFont(font, size)


def _share(anchor: str) -> float:
    return {"start": 0.0, "middle": 0.5, "end": 1.0}[anchor]


def width(value: str, font: str, size: float) -> float:
    """The width of ``value`` drawn in ``font`` (what it lacks in the fallback font), in points."""
    return sum(stringWidth(part, name, size) for name, part in runs(value, font))


# No glyph of the document's fonts is narrower than this share of the em (the narrowest, a
# thin space or "i", are wider): a line of ``room`` points holds at most room / (size * this)
# characters, so a string is clipped to that before it is measured at all.
NARROWEST = 0.1


def most_characters(room: float, size: float) -> int:
    """More characters than a line of ``room`` points can hold at ``size``."""
    return max(1, int(room / (size * NARROWEST))) + 2


def fit(value: str, font: str, size: float, room: float, cut: bool = False) -> str:
    """The text cut with "…" so it fits in ``room`` points (``cut``: it was cut already).

    However long the text (an account name of 20,000 characters), only what can fit is looked
    at, and the cut is found by bisection: a dozen measurements of a line's worth of text.
    """
    most = most_characters(room, size)
    if len(value) > most * 4:
        value, cut = value[: most * 4], True  # (room for what one_line takes out)
    value = one_line(value)
    if len(value) > most:
        value, cut = value[:most], True
    if not cut and width(value, font, size) <= room:
        return value
    low, high = 0, len(value)  # value[:low] + "…" fits; value[:high + 1] + "…" does not
    while low < high:
        middle = (low + high + 1) // 2
        if width(value[:middle] + "…", font, size) <= room:
            low = middle
        else:
            high = middle - 1
    return value[:low].rstrip() + "…"


def wrap(value: str, font: str, size: float, room: float, max_lines: int) -> list[str]:
    """Lines of at most ``room`` points: breaks at spaces, or anywhere in Chinese or overlong words.

    Only the first ``max_lines`` lines are made (the last cut with "…" if text is left over)."""
    most = most_characters(room, size) * (max_lines + 1)
    clipped = len(value) > most * 4
    words = one_line(value[: most * 4] if clipped else value).split(" ")
    lines: list[str] = []
    line = ""
    for word in words:
        if len(lines) > max_lines:
            break
        candidate = f"{line} {word}" if line else word
        if width(candidate, font, size) <= room:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:  # the word alone is too long: break it where it must
            if len(lines) > max_lines:
                break
            if width(line + char, font, size) > room and line:
                lines.append(line)
                line = ""
            line += char
    if line:
        lines.append(line)
    if len(lines) > max_lines or clipped:
        lines = lines[:max_lines]
        lines[-1] = fit(lines[-1], font, size, room, cut=True)
    return lines


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``top``: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    ticks = [0.0]
    while ticks[-1] < top - 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def tint(colour: colors.Color, amount: float) -> colors.Color:
    """The colour mixed with white: amount 0 is the colour, 1 is white."""
    return colors.Color(*(c + (1 - c) * amount for c in (colour.red, colour.green, colour.blue)))
