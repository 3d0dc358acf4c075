"""One Markdown corpus, read by every reader of the prose fields: the editor (as it opens a field), the
PDF (its flowables and the rendered file), completeness and CommonMark itself (markdown-it-py's
full "commonmark" preset). They must agree on which characters print, and which of them print
bold or italic.

A reading is the printed characters, white space left out, each with (bold, italic).
"""

from __future__ import annotations

import io
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar
from PySide6.QtGui import QFont, QTextDocument
from reportlab.lib import colors
from reportlab.platypus import ListFlowable, SimpleDocTemplate

from kamplanner.domain import markdown
from kamplanner.domain.template import TEMPLATE, Prose
from kamplanner.domain.validation import section_completeness
from kamplanner.report import fonts, style
from kamplanner.report import markdown as pdf_markdown
from kamplanner.report.para import Para
from tests.factories import full_plan

Reading = list[tuple[str, bool, bool]]

# Every text here reads the same in the subset as in CommonMark (what the subset leaves out,
# SUBSET_ONLY below, is tested on its own).
CORPUS = [
    # emphasis and strong, with "*" and "_"
    "**bold** and *italic*",
    "__bold__ and _italic_",
    "**bold with *italic* inside**",
    "*italic with **bold** inside*",
    "***both*** and ___both___",
    "*a **b** c* then **a *b* c**",
    # stray stars and underscores print as typed
    "3*4 m",
    "10**6 units, 2**10 bytes",
    "2 * 3 * 4 and a lone * star",
    "a * b _ c __ d",
    "snake_case_name and my_var_name_",
    "file_name_v2.txt, __init__ and _private",
    "** not bold ** and * not italic *",
    # unclosed or unmatched marks
    "**unclosed bold",
    "*unclosed italic",
    "closing only** here*",
    "**one*",
    "*one**",
    "***three* two**",
    "*中 *a中**",
    # nested markers
    "**a **b** c**",
    "*a *b* c*",
    "_a *b* c_",
    # Chinese text right next to the marks
    "这是**重点**内容",
    "**重点**。",
    "这是*强调*的文字",
    "“**引号里的重点**”",
    "重点**加粗**，继续",
    "这是**“重点”**内容",  # CommonMark: not bold (the mark sits between a letter and punctuation)
    "**重点。**内容",  # CommonMark: not bold, for the same reason at the close
    "_下划线_强调",  # CommonMark: "_" inside a word never emphasises, and Chinese has no spaces
    "中文*斜体*和**粗体**混排，English *mixed* 文字。",
    "　　首行缩进的段落，**重点**在后",
    # emoji (two UTF-16 units each in the editor)
    "😀*强调*😀 and **emoji 👍 inside**",
    # escapes
    "\\*not italic\\* and \\_not\\_ either",
    "a\\\\b and C:\\Users\\plan and 5 \\* 3",
    "\\**still bold?**",
    # lines and paragraphs
    "*emphasis across\ntwo lines*",
    "line one  \nline two\\\nline three",
    "First para\nsame para\n\nSecond **para**",
    # lists
    "- item one\n- item **two**\n  continued *line*",
    "* star bullet *with italic*\n* second",
    "1. first\n2. second *with emphasis*\n\n3) other list",
    "- outer\n  - nested **bold**\n    - deeper *it*\n- back out",
    "1. one\n   - bullet in a number *x*\n2. two",
    "- *emphasis\n- across items*",
    "- item\ncontinued lazily **bold**",
    "- \n- **\n- real",
    "Revenue grew.\n2024. was a year",
    "2026. starts a numbered list",
    "- a\n\n  second paragraph of *a*\n- b",
    "-not a bullet and *x*",
]

# What only the subset reads its own way: these print as typed (CommonMark would make them
# headings, quotes, code, links, HTML, "+" bullets) or are lists CommonMark would not see.
SUBSET_ONLY = {
    "# not a heading": "# not a heading",
    "> not a quote": "> not a quote",
    "`code` and *it*": "`code` and it",
    "[a link](http://x) <b>html</b> &amp;": "[a link](http://x) <b>html</b> &amp;",
    "+ not a bullet": "+ not a bullet",
    "***": "***",
    "text\n---": "text\n---",
}


# --------------------------------------------------------------------------- the readers


class _HtmlReader(HTMLParser):
    def __init__(self, bold: tuple[str, ...], italic: tuple[str, ...]):
        super().__init__(convert_charrefs=True)
        self.tags = {t: True for t in bold} | {t: False for t in italic}
        self.depth = {True: 0, False: 0}
        self.out: Reading = []

    def handle_starttag(self, tag, attrs):
        if tag in self.tags:
            self.depth[self.tags[tag]] += 1

    def handle_endtag(self, tag):
        if tag in self.tags:
            self.depth[self.tags[tag]] -= 1

    def handle_data(self, data):
        self.out += [(c, self.depth[True] > 0, self.depth[False] > 0) for c in data if not c.isspace()]


def commonmark(text: str) -> Reading:
    reader = _HtmlReader(("strong",), ("em",))
    reader.feed(MarkdownIt("commonmark").render(text))
    return reader.out


def editor(text: str) -> Reading:
    """The real editor's document, filled from the text as a field opens: the formats it shows,
    character by character (the marks are not in it: they became formatting)."""
    from kamplanner.domain import rich
    from kamplanner.ui.rich_text import fill

    document = QTextDocument()
    fill(document, rich.lines(text))
    out: Reading = []
    block = document.firstBlock()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            look = fragment.charFormat()
            out += [
                (c, look.fontWeight() >= QFont.Weight.Bold, look.fontItalic())
                for c in fragment.text()
                if not c.isspace()
            ]
            it += 1
        block = block.next()
    return out


@pytest.fixture(scope="module")
def styles():
    look = style.load()
    family = fonts.register_style(look)
    return style.paragraph_styles(look, family.regular, family.bold)


def _paragraphs(flowable):
    if isinstance(flowable, Para):
        yield flowable
    elif hasattr(flowable, "_flowable"):  # a list item, indented
        inner = flowable._flowable
        for part in inner if isinstance(inner, list | tuple) else [inner]:
            yield from _paragraphs(part)
    elif isinstance(flowable, ListFlowable):
        for part in flowable._content:
            yield from _paragraphs(part)
    else:
        for part in getattr(flowable, "_content", []):
            yield from _paragraphs(part)


def pdf_flowables(text: str, styles) -> Reading:
    """The PDF's paragraphs, by the <b> and <i> of their markup (the Chinese font has no italic
    face, so the page itself cannot tell)."""
    out: Reading = []
    for flowable in pdf_markdown.flowables(text, styles["body"], styles["list"], colors.red):
        for paragraph in _paragraphs(flowable):
            reader = _HtmlReader(("b",), ("i",))
            reader.feed(paragraph.text)
            out += reader.out
    return out


def pdf_file(text: str, styles) -> list[tuple[str, bool | None]]:
    """A real PDF of the field, read back with pdfminer: each character, and whether its font is
    the bold face (None for an emoji, drawn in the fallback font, which has no bold). The list
    bullets, drawn in red here, are left out."""
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build(pdf_markdown.flowables(text, styles["body"], styles["list"], colors.red))
    out = []

    def visit(item):
        if isinstance(item, LTChar):
            if item.graphicstate.ncolor != (1, 0, 0) and not item.get_text().isspace():
                face = item.fontname.split("+")[-1]
                bold = None if not face.startswith("NotoSansSC") else face.endswith("Bold")
                out.append((item.get_text(), bold))
        elif hasattr(item, "__iter__"):
            for child in item:
                visit(child)

    for page in extract_pages(io.BytesIO(buffer.getvalue())):
        visit(page)
    return out


REQUIRED = next(f for f in TEMPLATE.fields() if isinstance(f, Prose) and f.required)


def completeness(text: str) -> tuple[str, bool]:
    """What completeness reads: the written words, and whether the field counts as filled."""
    plan = full_plan()
    plan.prose[REQUIRED.path] = text
    missing = {f.path for s in section_completeness(plan) for f in s.missing}
    return "".join(c for c in markdown.written(text) if not c.isspace()), REQUIRED.path not in missing


# --------------------------------------------------------------------------- the agreement


@pytest.mark.parametrize("text", CORPUS)
def test_every_reader_reads_the_corpus_as_commonmark_does(text, qapp, styles):
    expected = commonmark(text)
    assert editor(text) == expected
    assert pdf_flowables(text, styles) == expected
    printed = pdf_file(text, styles)
    assert [c for c, _ in printed] == [c for c, _, _ in expected]
    assert [bold for _, bold in printed] == [
        b if f is not None else None for (_, f), (_, b, _) in zip(printed, expected, strict=True)
    ]
    words, filled = completeness(text)
    assert words == "".join(c for c, _, _ in expected)
    assert filled == bool(expected)


def test_the_corpus_has_what_it_claims(styles):
    # (a corpus of texts without any emphasis, or without any stray mark, would agree trivially)
    readings = [commonmark(t) for t in CORPUS]
    assert sum(any(b for _, b, _ in r) for r in readings) > 15
    assert sum(any(i for _, _, i in r) for r in readings) > 15
    assert sum("*" in "".join(c for c, _, _ in r) for r in readings) > 10
    assert sum("_" in "".join(c for c, _, _ in r) for r in readings) > 3


@pytest.mark.parametrize("text", ["", "   ", "- ", "1.", "- \n- \n\n3) ", "*", "  \n\t\n"])
def test_what_has_nothing_written_is_empty_to_every_reader(text, qapp, styles):
    assert commonmark(text) == [] == editor(text) == pdf_flowables(text, styles)
    assert completeness(text) == ("", False)


@pytest.mark.parametrize("text", SUBSET_ONLY)
def test_what_the_subset_leaves_out_prints_as_typed(text, qapp, styles):
    printed = "".join(c for c in SUBSET_ONLY[text] if not c.isspace())
    for reading in (editor(text), pdf_flowables(text, styles)):
        assert "".join(c for c, _, _ in reading) == printed
    assert completeness(text)[0] == printed
    assert "".join(c for c, _, _ in commonmark(text)) != printed  # (so each is a real difference)
