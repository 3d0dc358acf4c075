"""Breaking Chinese (and mixed Chinese and Latin) paragraphs into lines.

ReportLab's own CJK wrapping follows Japanese rules: its list of characters that may not start
a line lacks the Chinese comma, semicolon, colon, question and exclamation marks and closing
quotes, it never keeps an opening bracket off a line's end, it splits numbers such as 1,680 or
15 %, and it lets one mark hang into the margin (across a table's rule, in a cell). This module
breaks lines the way Chinese typesetting does, following the parts of Unicode's line-breaking
algorithm (UAX #14) that matter to Chinese and Latin text:

- a line may break between two Chinese characters, and between Chinese and Latin text;
- never before closing punctuation (，。、；：！？ ）」》 ” …) and never after opening
  punctuation (（「《 “), so a mark stays with the character it belongs to;
- Latin words and numbers (1,680 · 15% · 2026) break only at spaces;
- nothing hangs into the margin: when a mark does not fit, the character before it moves to
  the next line with it;
- a run longer than the line with no break in it (a 10,000-character word) is cut where the
  line is full, so any text still comes out.

uniseg implements UAX #14 in full but costs about 70 µs a character here, which would put a
plan's render far past its 0.25 s budget; these rules are a few set lookups a character.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus.paragraph import _FUZZ, FragLine, ParaLines, cjkFragSplit

# Characters that may not begin a line (UAX #14 classes CL, CP, EX, IS, NS, PO, and the
# closing quotation marks).
NO_BREAK_BEFORE = frozenset(
    "，。、；：！？）］｝〕〉》」』】〗〙〛”’＂＇…‥·・ー～〜ゝゞヽヾ々〻"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    ",.;:!?)]}%‰‱°℃¢′″％"
    "\u00a0\u202f\u2060\u200b"
)
# Characters that may not end a line (UAX #14 classes OP and PR, and opening quotes).
NO_BREAK_AFTER = frozenset("（［｛〔〈《「『【〖〘〚“‘＂＇([{$£¥€￥＄\u00a0\u202f\u2060")
SPACES = frozenset(" \t\u3000")
WIDE_START = 0x2E80  # CJK radicals onwards: ideographs, kana, fullwidth forms, CJK punctuation


def is_wide(char: str) -> bool:
    code = ord(char)
    return WIDE_START <= code <= 0xFFEF or 0x20000 <= code <= 0x3FFFF


def has_wide(text: str) -> bool:
    """Whether the text holds any Chinese (or other East Asian) character."""
    return any(ord(c) >= WIDE_START and is_wide(c) for c in text)


def may_break_between(before: str, after: str) -> bool:
    """Whether a line may end after ``before`` when ``after`` follows it."""
    if after in NO_BREAK_BEFORE or after in SPACES:
        return False
    if before in NO_BREAK_AFTER:
        return False
    if before in SPACES:
        return True
    if after == before == "—":  # the Chinese dash is two em dashes, never split
        return False
    # Two narrow characters form a Latin word or a number: no break inside it.
    return is_wide(before) or is_wide(after)


def break_points(text: str, widths: Sequence[float], max_widths: Sequence[float]) -> list[tuple[int, int, bool]]:
    """Where the lines of ``text`` start and end, as (start, end, ends_with_a_hard_break); a
    "\n" in the text is a hard break. ``widths`` holds each character's advance."""
    ranges: list[tuple[int, int, bool]] = []
    count = len(text)
    start = 0
    while start < count:
        max_width = max_widths[min(len(ranges), len(max_widths) - 1)]
        used = 0.0
        cut = -1  # the last place this line may end (index of the next line's first character)
        i = start
        end = count
        hard = False
        while i < count:
            c = text[i]
            if c == "\n":
                end, hard = i + 1, True
                break
            if i > start and may_break_between(text[i - 1], c):
                cut = i
            if used + widths[i] > max_width + _FUZZ and i > start and c not in SPACES:
                end = cut if cut > start else i
                break
            used += widths[i]
            i += 1
        line_end = end - 1 if hard else end
        while line_end > start + 1 and text[line_end - 1] in SPACES:
            line_end -= 1  # a space at the end of a line is neither set nor measured
        ranges.append((start, line_end, hard))
        start = end
        if not hard:
            while start < count and text[start] in SPACES:
                start += 1  # nor at the start of the next one
        elif len(ranges) >= 2:
            _no_lone_last_character(text, widths, max_widths, ranges)
    if ranges and not ranges[-1][2] and len(ranges) >= 2:
        _no_lone_last_character(text, widths, max_widths, ranges)
    return ranges


def _no_lone_last_character(
    text: str, widths: Sequence[float], max_widths: Sequence[float], ranges: list[tuple[int, int, bool]]
) -> None:
    """A paragraph (or a part before a hard break) whose last line would hold one Chinese
    character ("伙/伴。") takes one more from the line before: "伙伴。" ends it instead."""
    start, end, hard = ranges[-1]
    before_start, before_end, before_hard = ranges[-2]
    if before_hard or before_end != start:
        return  # (not one run of text, or spaces between: a Latin line, left alone)
    shown = [c for c in text[start:end] if c not in NO_BREAK_BEFORE]
    if len(shown) != 1 or not is_wide(shown[0]):
        return
    for cut in range(before_end - 1, before_start + 1, -1):  # the last place the line before may end
        if may_break_between(text[cut - 1], text[cut]):
            room = max_widths[min(len(ranges) - 1, len(max_widths) - 1)]
            if before_end - cut > 2 or sum(widths[cut:end]) > room + _FUZZ:
                return  # it would take more than a character or two, or not fit: left as it is
            ranges[-2] = (before_start, cut, False)
            ranges[-1] = (cut, end, hard)
            return


def split_lines(frags: Sequence[Any], max_widths: Sequence[float], calc_bounds: bool) -> ParaLines:
    """The paragraph's fragments broken into ReportLab's lines: one style run (kind 0) or many
    (kind 1). Each fragment keeps its font, size and colour; a <br/> fragment is a hard break."""
    if any(hasattr(f, "cbDefn") for f in frags):  # an inline image: ReportLab's own way
        return cjkFragSplit(frags, max_widths, calc_bounds)
    texts: list[str] = []
    owners: list[int] = []  # for each character, the index of its fragment
    widths: list[float] = []
    for k, frag in enumerate(frags):
        if hasattr(frag, "lineBreak"):
            text = "\n"
        else:
            text = getattr(frag, "text", "")
            text = text.decode("utf-8") if isinstance(text, bytes) else text
        table = _advances(frag.fontName, frag.fontSize)
        for c in text:
            w = table.get(c)
            if w is None:
                w = table[c] = 0.0 if c == "\n" else stringWidth(c, frag.fontName, frag.fontSize)
            widths.append(w)
        texts.append(text)
        owners.extend([k] * len(text))
    full = "".join(texts)
    ranges = break_points(full, widths, max_widths)

    def room(n: int) -> float:
        return max_widths[min(n, len(max_widths) - 1)]

    if len(frags) == 1:
        f = frags[0]
        lines = [(room(n) - sum(widths[s:e]), _line_text(full[s:e], hard)) for n, (s, e, hard) in enumerate(ranges)]
        broken = f.clone(kind=0, lines=lines, ascent=f.fontSize, descent=-0.2 * f.fontSize)
        broken.source = Source(full, [s for s, _e, _hard in ranges], max_widths[-1])
        return broken
    out: list[Any] = []
    for n, (s, e, hard) in enumerate(ranges):
        words: list[Any] = []
        size = ascent = descent = 0.0
        i = s
        while i < e:
            k = owners[i]
            j = i
            while j < e and owners[j] == k:
                j += 1
            frag = frags[k]
            word = frag.clone()
            word.text = full[i:j]
            words.append(word)
            up, down = getAscentDescent(frag.fontName, frag.fontSize)
            size, ascent, descent = max(size, frag.fontSize), max(ascent, up), min(descent, down)
            i = j
        if not words:  # an empty line between two hard breaks keeps the height of its font
            frag = frags[owners[s]] if s < len(owners) else frags[-1]
            size = frag.fontSize
            ascent, descent = getAscentDescent(frag.fontName, frag.fontSize)
        width = sum(widths[s:e])
        out.append(
            FragLine(
                kind=1,
                extraSpace=room(n) - width,
                wordCount=1,
                words=words,
                fontSize=size,
                ascent=ascent,
                descent=descent,
                maxWidth=room(n),
                currentWidth=width,
                lineBreak=hard,
            )
        )
    broken = ParaLines(kind=1, lines=out)
    broken.source = Source(full, [s for s, _e, _hard in ranges], max_widths[-1])
    return broken


class LineText(list):  # type: ignore[type-arg]
    """A one-style line's text as ReportLab holds it ([text]), knowing whether a hard break ends
    it: such a line is never stretched when the paragraph is justified (para.py)."""

    hard = False


def _line_text(text: str, hard: bool) -> LineText:
    line = LineText([text])
    line.hard = hard
    return line


@dataclass(frozen=True)
class Source:
    """What a paragraph's lines were broken from: its text, where each line starts in it, and
    the width of every line but the first; Para.split hands the lines left over to the next page."""

    text: str
    starts: list[int]
    width: float
    first: int = 0  # the index in ``starts`` of the first line these lines begin with


_widths: dict[tuple[str, float], dict[str, float]] = {}


def _advances(font: str, size: float) -> dict[str, float]:
    """Each character's advance in this font and size, measured once."""
    table = _widths.get((font, size))
    if table is None:
        table = _widths[(font, size)] = {}
    return table
