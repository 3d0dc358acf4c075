"""Prose as formatted lines and back to the Markdown subset: the round trip is lossless."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from kamplanner.domain import markdown as md
from kamplanner.domain.rich import BULLET, NUMBER, Line, Run, lines, markdown, merged

words = st.text(
    alphabet=st.sampled_from(list("abc XYZ 中文，。、!?*_\\-•1.)#\nÜé")),
    min_size=1,
    max_size=12,
)
runs = st.builds(Run, words, st.booleans(), st.booleans())
line_kinds = st.sampled_from(["", BULLET, NUMBER])
a_line = st.builds(
    Line, st.lists(runs, min_size=1, max_size=5).map(tuple), line_kinds, st.integers(0, 3), st.integers(1, 12)
)


def printed(source_lines: list[Line]) -> list[str]:
    """What a reader sees, line by line: the words without spaces at the edges of lines."""
    out = []
    for line in source_lines:
        text = re.sub(r"[ \t]*\n[ \t\n]*", "\n", line.text).strip(" \t\n")  # a paragraph holds no blank line
        if text or line.kind:
            out.append(text)
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(a_line, min_size=1, max_size=6))
def test_what_the_editor_writes_reads_back_the_same_and_writes_the_same_again(source_lines):
    text = markdown(source_lines)
    back = lines(text)
    assert markdown(back) == text  # editor -> text -> editor -> text: unchanged
    assert printed(back) == printed(source_lines)  # every character, where it was
    assert md.parse(text).text() == "\n".join(line.text for line in back if line.text)


word = st.text(alphabet=st.sampled_from(list("abcXYZ中文字Üé1")), min_size=1, max_size=8)
formatted_words = st.lists(st.builds(Run, word, st.booleans(), st.booleans()), min_size=1, max_size=6).map(
    lambda words: tuple(run for w in words for run in (w, Run(" ")))
)
word_lines = st.builds(Line, formatted_words, line_kinds, st.integers(0, 2), st.just(1))


@settings(max_examples=300, deadline=None)
@given(st.lists(word_lines, min_size=1, max_size=6))
def test_bold_and_italic_on_whole_words_come_back_exactly(source_lines):
    back = lines(markdown(source_lines))
    assert [line.kind for line in back] == [line.kind for line in source_lines]
    for before, after in zip(source_lines, back, strict=True):
        assert after.runs == merged(before.runs[:-1])  # all but the last space, which no paragraph keeps


@example("Plain *italic* **bold** ***both*** and a\nbreak.\n\n- one\n- **two**\n  - nested\n\n1. first\n2. second")
@given(st.text(alphabet=st.sampled_from(list("ab *_-•1.)\n\\中，")), max_size=40))
def test_any_stored_text_opens_and_saves_with_the_same_words(source):
    text = markdown(lines(source))
    assert md.parse(text).text().split() == md.parse(source).text().split()
    assert markdown(lines(text)) == text


def test_examples_read_as_a_word_processor_shows_them():
    assert lines("A **bold** word") == [Line((Run("A "), Run("bold", bold=True), Run(" word")))]
    assert markdown([Line((Run("item", bold=True),), BULLET)]) == "- **item**"
    assert markdown([Line((Run("中"), Run("文字，", bold=True), Run("中")))]) == "中**文字**，中"
    assert markdown([Line((Run("- not a list"),))]) == "\\- not a list"
    assert markdown([Line((Run("a"),), NUMBER, 0, 1), Line((Run("b"),), NUMBER, 1, 1)]) == "1. a\n   1. b"
