"""The one rule for a plan's PDF file name (kamplanner/domain/filenames.py)."""

from __future__ import annotations

import unicodedata

import pytest

from kamplanner.domain.filenames import MAX_NAME_BYTES, cut_to_bytes, distinct_pdf_file_names, graphemes, pdf_file_name


@pytest.mark.parametrize(
    ("account", "expected"),
    [
        ("浦瀚联合银行", "浦瀚联合银行 2026.pdf"),
        (".hidden", "hidden 2026.pdf"),
        ("..\\..\\x", "x 2026.pdf"),
        ("COM1", "_COM1 2026.pdf"),
        ("lpt¹.doc", "_lpt¹.doc 2026.pdf"),
        ("a\u202eb\x1b[2Jc", "a b [2Jc 2026.pdf"),
        ("", "plan 2026.pdf"),
    ],
)
def test_names(account, expected):
    assert pdf_file_name(account, 2026) == expected


@pytest.mark.parametrize(
    "account",
    ["😀" * 100, "名" * 200, "👨‍👩‍👧" * 40, "e\u0301" * 150, "🇨🇳" * 80, "x" * 300, "👍🏽" * 60],
)
def test_long_names_fit_and_keep_whole_characters(account):
    name = pdf_file_name(account, 2026, 12, tag="id 77")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.endswith(" 2026 v12 (id 77).pdf")  # never cut
    stem = name.removesuffix(" 2026 v12 (id 77).pdf")
    account = unicodedata.normalize("NFC", account)  # as macOS would store it anyway
    assert account.startswith(stem)
    assert list(graphemes(stem)) == list(graphemes(account))[: len(list(graphemes(stem)))]


def test_graphemes_hold_together():
    assert list(graphemes("e\u0301a")) == ["e\u0301", "a"]
    assert list(graphemes("👨‍👩‍👧x")) == ["👨‍👩‍👧", "x"]
    assert list(graphemes("🇨🇳🇫🇷")) == ["🇨🇳", "🇫🇷"]
    assert list(graphemes("👍🏽!")) == ["👍🏽", "!"]
    assert cut_to_bytes("ab👨‍👩‍👧", 10) == "ab"


def test_names_alike_as_far_as_a_file_name_goes_get_told_apart():
    long = "Z" * 250
    names = distinct_pdf_file_names(
        [(long + "1", 2026, 3), (long + "2", 2026, 4), ("acme", 2026, 5), ("ACME", 2026, 6)]
    )
    assert len({n.casefold() for n in names}) == 4
    assert names[1].endswith(" 2026 (id 4).pdf") and names[3] == "ACME 2026 (id 6).pdf"
    assert all(len(n.encode("utf-8")) <= MAX_NAME_BYTES for n in names)


def test_a_taken_name_is_not_used():
    assert distinct_pdf_file_names([("Acme", 2026, 9)], taken=lambda n: n == "Acme 2026.pdf") == [
        "Acme 2026 (id 9).pdf"
    ]
