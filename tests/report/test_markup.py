"""User text on its way into ReportLab markup: cleaned, escaped, the Markdown subset parsed."""

from __future__ import annotations

import pytest

from kamplanner.report.markdown import Block, parse
from kamplanner.report.markup import clean, escape, in_font, inline, inline_lines


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


def test_emoji_and_symbols_stay_as_typed_without_what_only_shapes_them():
    # skin tones, joiners and variation selectors shape an emoji in a colour font; the fonts here
    # draw each emoji on its own, so they go and the people of a family stay
    assert clean("ok 👍🏽 👨\u200d👩\u200d👧 ✅ ※ ❤️ 😀🏦") == "ok 👍 👨👩👧 ✅ ※ ❤ 😀🏦"
    assert clean("❤\ufe0f") == "❤"  # printable, but still dropped
    assert clean("𠮷野家 \U000f0000 ★") == "𠮷野家 \U000f0000 ★"  # rare CJK, private use: as typed
    assert clean("שלום مرحبا") == "שלום مرحبا"


def test_in_font_wraps_runs_between_tags_and_entities_only():
    markup = escape("<b>😀</b> & 😀🏦 x")  # escaped first: the user's "<b>" is text
    assert in_font(markup, {"😀", "🏦"}, "Symbola") == (
        '&lt;b&gt;<font name="Symbola">😀</font>&lt;/b&gt; &amp; <font name="Symbola">😀🏦</font> x'
    )
    assert in_font(inline("**粗 ✅**"), {"✅"}, "Symbola") == '<b>粗 <font name="Symbola">✅</font></b>'
    assert in_font("abc", set(), "Symbola") == "abc"
    with pytest.raises(ValueError, match="ASCII"):
        in_font("a<b>", {"<"}, "Symbola")  # would let text become markup


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
