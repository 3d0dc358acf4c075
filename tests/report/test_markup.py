"""User text on its way into ReportLab markup: cleaned, escaped, the Markdown subset parsed."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kamplanner.domain import markdown
from kamplanner.report.markup import clean, escape, in_font, inline, inline_lines


@dataclass(frozen=True)
class Block:
    """A top-level block as these tests name it: a paragraph's text, or each item's."""

    kind: str  # "paragraph", "bullets" or "numbers"
    items: tuple[str, ...]
    start: int = 1


def parse(text: str) -> list[Block]:
    """The domain's reading of cleaned text, told as top-level blocks and their items' text."""
    out = []
    for block in markdown.parse(clean(text)).blocks:
        if isinstance(block, markdown.Paragraph):
            out.append(Block("paragraph", (block.content,)))
        else:
            items = tuple("\n\n".join(p.content for p in markdown.paragraphs(i.blocks)) for i in block.items)
            out.append(Block("numbers" if block.ordered else "bullets", items, block.first))
    return out


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


def test_control_characters_are_spaces_between_words_and_invisible_characters_are_dropped():
    # a control character between two words is a space (deleted, it would run them together);
    # next to a space or at an end it is nothing; invisible format characters are dropped
    assert clean("a\x00b\x07c\x1b[31m\u202ed\u200be\ufeff") == "a b c [31mde"
    assert clean("\x07lead, trail\x1f and space \x01 kept") == "lead, trail and space  kept"
    assert clean("tab\there\r\nwindows\rmac\u2028sep") == "tab here\nwindows\nmac\nsep"


def test_what_word_and_powerpoint_paste_are_line_and_paragraph_breaks():
    assert clean("Line one\x0bLine two") == "Line one\nLine two"  # Shift+Enter in Word
    assert clean("Page one\x0cPage two") == "Page one\n\nPage two"  # a page break
    assert clean("第一段\u2029第二段\x85第三行") == "第一段\n\n第二段\n第三行"
    assert clean("中文\x07文字") == "中文 文字"
    assert parse("Page one\x0cPage two") == [Block("paragraph", ("Page one",)), Block("paragraph", ("Page two",))]


@pytest.mark.parametrize(
    "text",
    ["**a " * 5000, "*a " * 5000, "** " * 5000, "**a**" * 3000 + "*", "- x\n" + "y\n" * 20_000],
)
def test_unclosed_stars_and_long_items_take_one_pass(text):
    # (ran for seconds to minutes when every "*" looked to the end of the text for its closer)
    markup = str(inline(text)) if not text.startswith("- ") else parse(text)[0].items[0]
    assert markup


def test_emphasis_is_found_as_commonmark_finds_it():
    # (this compared with a regular expression, the subset's grammar before it was CommonMark's;
    # "*中 *a中**" is where they part: CommonMark nests the second emphasis in the first)
    import random

    from markdown_it import MarkdownIt

    commonmark = MarkdownIt("commonmark")
    pieces = ["*", "**", "***", " ", "a", "中", "\n", " *", "* ", "_", "。"]
    rng = random.Random(12)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        expected = (
            commonmark.renderInline(text)
            .replace("<em>", "<i>")
            .replace("</em>", "</i>")
            .replace("<strong>", "<b>")
            .replace("</strong>", "</b>")
            .replace("<br />\n", "\n")
            .replace("\n", "<br/>")  # (a hard break is a break)
        )
        assert str(inline(text)) == expected, text
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
