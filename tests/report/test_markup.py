"""User text on its way into ReportLab markup: cleaned, escaped, the Markdown subset parsed."""

from __future__ import annotations

from kamplanner.report.markdown import Block, parse
from kamplanner.report.markup import REPLACEMENT, clean, escape, inline, inline_lines


def test_markup_characters_are_escaped():
    assert escape("<font size=80>&]]>") == "&lt;font size=80&gt;&amp;]]&gt;"
    assert inline("a < b & c") == "a &lt; b &amp; c"
    assert inline_lines("one\ntwo <b>") == "one<br/>two &lt;b&gt;"


def test_bold_and_italic_and_what_is_not():
    assert inline("**bold** and *italic*") == "<b>bold</b> and <i>italic</i>"
    assert inline("**bold with *italic* inside**") == "<b>bold with <i>italic</i> inside</b>"
    assert inline("2 * 3 * 4 and a lone * star") == "2 * 3 * 4 and a lone * star"
    assert inline("**<i>x</i>**") == "<b>&lt;i&gt;x&lt;/i&gt;</b>"
    assert inline("** not bold **") == "** not bold **"


def test_control_and_invisible_characters_are_dropped():
    assert clean("a\x00b\x07c\x1b[31m\u202ed\u200be\ufeff") == "abc[31mde"
    assert clean("tab\there\r\nwindows\rmac\u2028sep") == "tab here\nwindows\nmac\nsep"
    assert clean("中文，保持不变。\n第二行") == "中文，保持不变。\n第二行"


def test_emoji_become_one_box_each_and_bmp_symbols_stay():
    assert clean("ok 👍🏽 👨\u200d👩\u200d👧 ✅ ※") == f"ok {REPLACEMENT} {REPLACEMENT * 3} ✅ ※"
    assert clean("שלום مرحبا") == "שלום مرحبا"


def test_paragraphs_and_lists():
    text = "First para\nsame para\n\n- one\n- two\n  wrapped\n\n- three\n\n3. third\n4. fourth\n\nLast *word*"
    assert parse(text) == [
        Block("paragraph", ("First para\nsame para",)),
        Block("bullets", ("one", "two\nwrapped", "three")),
        Block("numbers", ("third", "fourth"), 3),
        Block("paragraph", ("Last *word*",)),
    ]


def test_what_only_looks_like_markdown_stays_text():
    assert parse("# not a heading\n-not a bullet\n+ 决策者\n2024. was a year") == [
        Block("paragraph", ("# not a heading\n-not a bullet\n+ 决策者\n2024. was a year",)),
    ]
    assert parse("") == [] and parse("  \n\n ") == []


def test_a_list_then_text_without_a_blank_line_continues_the_item():
    assert parse("- item\ncontinued") == [Block("bullets", ("item\ncontinued",))]
