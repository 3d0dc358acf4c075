"""Text at the door: what the editor keeps of pasted control characters."""

from __future__ import annotations

from kamplanner.domain.text import clean_text, plain_lines, text_problem


def test_pasted_breaks_become_line_and_paragraph_breaks():
    assert clean_text("Line one\x0bLine two") == "Line one\nLine two"
    assert clean_text("Page one\x0cPage two") == "Page one\n\nPage two"
    assert clean_text("a\r\nb\rc\u2028d\u2029e\x85f") == "a\nb\nc\nd\n\ne\nf"


def test_other_controls_are_a_space_between_words_and_nothing_elsewhere():
    assert clean_text("Hello\x07World") == "Hello World"
    assert clean_text("Hello \x1b\x7fWorld\x9f") == "Hello World"
    assert clean_text("tabs\tstay") == "tabs\tstay"


def test_nul_and_unpaired_surrogates_are_still_dropped():
    assert clean_text("a\x00b") == "ab"
    assert clean_text("x\ud800y") == "xy"
    assert text_problem("a\x00b") is not None  # and refused by the plan file reader
    assert text_problem("Line one\x0bLine two") is None


def test_plain_text_is_returned_as_it_is():
    text = "普通文字 plain text\nsecond line"
    assert plain_lines(text) is text
