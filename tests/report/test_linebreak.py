"""Chinese and mixed text breaks into lines by Chinese rules, in the document's real font."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from kamplanner.report import fonts, style
from kamplanner.report.linebreak import NO_BREAK_AFTER, NO_BREAK_BEFORE, SPACES, break_points
from kamplanner.report.para import Para

MIXED = (
    "公司计划在2026—2028年间投入1,680万元，约占15%左右的预算（2008年起）。我们提出“数字化”转型，"
    "先做POC deployment, then extraordinary rollouts；银行约420人，其中信用卡中心（上海）约400万元，"
    "毛利率约3%左右！问题：谁来负责？"
)
ENGLISH = "We plan to invest in the proof-of-concept deployment across the extraordinary northern region."


@pytest.fixture(scope="module")
def cell_style():
    look = style.load()
    family = fonts.register_style(look)
    return style.paragraph_styles(look, family.regular, family.bold)["cell"]


def lines_of(paragraph: Para, width: float) -> list[tuple[str, float]]:
    paragraph.wrap(width, 10_000)
    block = paragraph.blPara
    if block.kind == 0:
        return [(" ".join(words), width - extra) for extra, words in block.lines]
    return [("".join(w.text for w in line.words), line.currentWidth) for line in block.lines]


@pytest.mark.parametrize("width", [60, 85, 110, 140, 200, 330])
def test_chinese_lines_keep_punctuation_numbers_and_words_whole_and_inside_the_width(cell_style, width):
    lines = lines_of(Para(MIXED, cell_style), width)
    assert len(lines) > 1
    assert "".join(text for text, _ in lines).replace(" ", "") == MIXED.replace(" ", "")
    for n, (text, used) in enumerate(lines):
        assert used <= width + 0.01, f"line {n} sticks out: {text!r}"
        assert text[0] not in NO_BREAK_BEFORE, f"line {n} starts with a closing mark: {text!r}"
        if n < len(lines) - 1:
            assert text[-1] not in NO_BREAK_AFTER, f"line {n} ends with an opening mark: {text!r}"
    at = 0  # no break inside a number or a Latin word: find each break in the text
    for text, _ in lines[:-1]:
        at = MIXED.index(text, at) + len(text)
        before, after = MIXED[at - 1], MIXED[at]
        assert not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()), text


def test_a_chinese_paragraph_breaks_by_chinese_rules_in_an_english_document(cell_style):
    # The style says nothing of Chinese: the text decides.
    english_style = cell_style.clone("english-cell", wordWrap=None)
    lines = [text for text, _ in lines_of(Para(MIXED, english_style), 110)]
    assert all(text[0] not in NO_BREAK_BEFORE for text in lines)
    assert any("1,680" in text for text in lines) and any("15%" in text for text in lines)


def test_english_breaks_at_spaces_only(cell_style):
    lines = [text for text, _ in lines_of(Para(ENGLISH, cell_style), 100)]
    assert " ".join(lines) == ENGLISH
    assert "proof-of-concept" in lines


def test_a_run_longer_than_the_line_is_cut_where_the_line_is_full(cell_style):
    word = "汉" + "x" * 400 + "。"
    lines = lines_of(Para(word, cell_style), 80)
    assert "".join(text for text, _ in lines) == word
    assert all(used <= 80.01 for _, used in lines[:-1])


def test_bold_and_emoji_runs_keep_their_fonts_across_lines(cell_style):
    lines = Para("客户<b>战略选择</b>很重要 ✅，" * 6, cell_style)
    lines.wrap(90, 10_000)
    fonts_used = {w.fontName for line in lines.blPara.lines for w in line.words}
    assert len(fonts_used) == 3  # regular, bold and the emoji fallback


def test_a_hard_line_break_ends_its_line(cell_style):
    lines = [text for text, _ in lines_of(Para("第一行<br/>第二行，很长很长很长很长很长很长", cell_style), 300)]
    assert lines == ["第一行", "第二行，很长很长很长很长很长很长"]


ALPHABET = st.sampled_from(list("客户计划战略的一二三abcXYZ0129 ，。、；：！？（）《》“”%,.-—"))


@settings(max_examples=300, deadline=None)
@given(st.text(ALPHABET, min_size=1, max_size=120), st.integers(min_value=1, max_value=30))
def test_every_character_comes_out_once_and_lines_fit(text, room):
    widths = [2.0 if ord(c) > 0x2E80 else 1.0 for c in text]
    ranges = break_points(text, widths, [float(room)])
    # Nothing lost or repeated; only spaces at the breaks are dropped.
    kept = "".join(text[s:e] for s, e, _ in ranges)
    assert kept.replace(" ", "") == text.replace(" ", "")
    previous_end = 0
    for s, e, _ in ranges:
        assert s >= previous_end and text[previous_end:s].strip(" ") == ""
        assert sum(widths[s:e]) <= room or e - s == 1
        previous_end = e
    assert text[previous_end:].strip("".join(SPACES)) == ""


@pytest.mark.parametrize(
    "text",
    [MIXED, ENGLISH, "  two\n  lines,   loose\tspacing  ", "x", "Symbols ※ + = − and 一个字"],
)
def test_plain_text_gets_the_fragment_and_lines_the_markup_parser_would_give(cell_style, text):
    # Para spares plain text ReportLab's parser: its text and fragments must be what the parser
    # makes of the same text in the same style.
    fast = Para(text, cell_style)
    parsed = Paragraph(text, fast.style)
    assert fast.text == parsed.text
    assert [vars(f) for f in fast.frags] == [vars(f) for f in parsed.frags]


def test_a_plain_paragraph_of_nothing_but_spaces_is_empty(cell_style):
    assert Para("   \n  ", cell_style).frags == []
