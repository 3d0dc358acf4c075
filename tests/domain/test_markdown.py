"""The prose fields' Markdown grammar: its tree, its offsets, and what it leaves as text."""

from __future__ import annotations

import random
import time
from html.parser import HTMLParser
from itertools import pairwise

import pytest
from markdown_it import MarkdownIt

from kamplanner.domain import markdown
from kamplanner.domain.markdown import MAX_DEPTH, Break, Emphasis, ListBlock, Paragraph, Text


def test_a_paragraph_with_emphasis_carries_the_offsets_of_its_marks_and_words():
    source = "grow **share** in *华东*"
    (paragraph,) = markdown.parse(source).blocks
    assert isinstance(paragraph, Paragraph)
    assert paragraph.inlines == (
        Text(0, 5, "grow "),
        Emphasis(True, (5, 7), (12, 14), (Text(7, 12, "share"),)),
        Text(14, 18, " in "),
        Emphasis(False, (18, 19), (21, 22), (Text(19, 21, "华东"),)),
    )
    document = markdown.parse(source)
    assert [source[a:b] for a, b in document.marks] == ["**", "**", "*", "*"]
    assert [(source[a:b], strong) for a, b, strong in document.spans] == [("share", True), ("华东", False)]


def test_lists_nest_and_their_markers_are_found_on_their_lines():
    source = "- one\n  - two *x*\n    1) three\n- four\n\n7. seven\n• pasted"
    document = markdown.parse(source)
    outer, numbers, pasted = document.blocks
    assert isinstance(outer, ListBlock) and not outer.ordered and len(outer.items) == 2
    inner = outer.items[0].blocks[1]
    assert isinstance(inner, ListBlock) and inner.items[0].blocks[1].ordered  # type: ignore[union-attr]
    assert isinstance(numbers, ListBlock) and numbers.ordered and numbers.first == 7
    assert isinstance(pasted, ListBlock) and pasted.items[0].marker.delimiter == "•"
    assert [(source[m.start : m.end], m.ordered, m.number, m.delimiter) for m in document.markers] == [
        ("-", False, 0, "-"),
        ("-", False, 0, "-"),
        ("1)", True, 1, ")"),
        ("-", False, 0, "-"),
        ("7.", True, 7, "."),
        ("•", False, 0, "•"),
    ]
    assert [source[m.content : m.content + 3] for m in document.markers] == ["one", "two", "thr", "fou", "sev", "pas"]
    assert document.text() == "one\ntwo x\nthree\nfour\nseven\npasted"


def test_what_the_subset_has_not_prints_as_typed():
    for source in ("# heading?", "> quote?", "`code`", "[link](x)", "<b>b</b>", "&amp;", "+ plus", "***", "a\n---"):
        assert markdown.written(source) == source, source
    assert markdown.written("    - four spaces in is still an item") == "four spaces in is still an item"


def test_escapes_and_breaks():
    source = "\\*kept\\* C:\\Users\nnext  \nlast\\\nend"
    document = markdown.parse(source)
    assert document.text() == "*kept* C:\\Users\nnext\nlast\nend"
    assert [source[a:b] for a, b in document.marks] == ["\\", "\\", "\\"]
    (paragraph,) = document.blocks
    assert isinstance(paragraph, Paragraph)
    assert [source[b.start] for b in paragraph.inlines if isinstance(b, Break)] == ["\n", "\n", "\n"]


def test_lists_nested_past_the_limit_keep_their_text():
    deep = "- " * (MAX_DEPTH + 30) + "innermost"
    assert markdown.written(deep).endswith("innermost")
    stairs = "\n".join("  " * i + f"- level {i}" for i in range(40)) + "\n\nafter"
    written = markdown.written(stairs)
    assert all(f"level {i}" in written for i in range(40)) and written.endswith("after")


def test_has_text_is_false_for_markers_and_white_space_alone():
    assert not any(markdown.has_text(t) for t in ("", " \n\t", "- ", "1.", "- \n- ", "*", "  2) "))
    assert all(markdown.has_text(t) for t in ("x", "- x", "**", "\\", "_", "+", "1. 0", "　中"))


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = {"strong": 0, "em": 0}
        self.out: list[tuple[str, bool, bool]] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.depth:
            self.depth[tag] += 1

    def handle_endtag(self, tag):
        if tag in self.depth:
            self.depth[tag] -= 1

    def handle_data(self, data):
        self.out += [(c, self.depth["strong"] > 0, self.depth["em"] > 0) for c in data if not c.isspace()]


def _reading(document: markdown.Document) -> list[tuple[str, bool, bool]]:
    out: list[tuple[str, bool, bool]] = []

    def walk(nodes, strong, em):
        for node in nodes:
            if isinstance(node, Text):
                assert document.source[node.start : node.end] == node.text  # the offsets are right
                out.extend((c, strong, em) for c in node.text if not c.isspace())
            elif isinstance(node, Emphasis):
                walk(node.children, strong or node.strong, em or not node.strong)

    for paragraph in markdown.paragraphs(document.blocks):
        walk(paragraph.inlines, False, False)
    return out


def test_the_tree_reads_as_markdown_it_renders_the_same_rules():
    # markdown-it with the subset's rules renders HTML; the tree built from its tokens, with
    # offsets found here, must say the same, character for character, on any text
    blocks = ["code", "fence", "blockquote", "hr", "heading", "lheading", "html_block", "reference"]
    reference = MarkdownIt("commonmark").disable(
        [*blocks, "backticks", "link", "image", "autolink", "html_inline", "entity"]
    )
    pieces = ["*", "**", "_", " ", "  ", "\t", "a", "中", "。", "“", "\n", "\n\n", "- ", "1. ", "\\", "x_y", "😀", "　"]
    rng = random.Random(3)
    for _ in range(2500):
        source = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        if "+" in source or "•" in source:
            continue
        html = _Reader()
        html.feed(reference.render(source))
        assert _reading(markdown.parse(source)) == html.out, source
        marks = markdown.parse(source).marks
        assert all(source[a:b] in ("*", "**", "_", "__", "\\") for a, b in marks), source


def test_a_text_read_in_parts_reads_as_it_does_whole():
    rng = random.Random(5)
    pieces = ["*", "**", "a", " ", "\n", "\n\n", "- ", "  - ", "1. ", "3) ", "中", "  ", "\t"]
    for _ in range(1500):
        source = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        whole = markdown.parse(source)
        cuts = [*markdown.parts(source), len(source) + 1]
        segments, markers = [], []
        for start, end in pairwise(cuts):
            part = markdown.parse(source[start : end - 1])
            segments += [
                (s.start + start, s.end + start, s.marker, s.mark, s.strong, s.emphasis) for s in part.segments()
            ]
            markers += [(m.start + start, m.number, m.delimiter) for m in part.markers]
        assert segments == [(s.start, s.end, s.marker, s.mark, s.strong, s.emphasis) for s in whole.segments()], source
        assert markers == [(m.start, m.number, m.delimiter) for m in whole.markers], source


@pytest.mark.parametrize(
    "source",
    [
        "**a " * 5000,
        "*a " * 5000,
        "** " * 5000,
        "**a**" * 3000 + "*",
        "- x\n" + "y\n" * 20_000,
        "_a " * 5000,
        "- " * 20_000,
    ],
)
def test_long_texts_of_unclosed_marks_read_in_one_pass(source):
    start = time.perf_counter()
    assert markdown.parse(source).source == source
    assert time.perf_counter() - start < 5  # (~0.2-0.6 s: markdown-it's pace, not a square of the length)
