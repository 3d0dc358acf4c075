"""How values read in tables, the same in the editor and the PDF."""

from __future__ import annotations

import datetime as dt

import pytest

from kamplanner.domain.template import Column, Kind, Text
from kamplanner.domain.values import format_value, money_unit


@pytest.mark.parametrize(
    ("kind", "value", "shown"),
    [
        (Kind.NUMBER, 14.6, "14.6"),
        (Kind.NUMBER, 16, "16"),
        (Kind.NUMBER, 7.15, "7.15"),
        (Kind.NUMBER, 3.10, "3.1"),
        (Kind.NUMBER, 1234.56, "1,234.6"),
        (Kind.NUMBER, 2.004, "2"),
        (Kind.NUMBER, -0.5, "-0.5"),
        (Kind.MONEY, 1680, "1,680"),
        (Kind.MONEY, 1680.25, "1,680.2"),
        (Kind.PERCENT, 15, "15%"),
        (Kind.PERCENT, 12.5, "12.5%"),
        (Kind.DATE, dt.date(2027, 3, 31), "2027-03-31"),
        (Kind.FLAG, True, "✓"),
        (Kind.NUMBER, None, ""),
    ],
)
def test_numbers_show_the_decimals_they_have_with_thousands_separators(kind, value, shown):
    assert format_value(Column(key="x", label=Text("值", "value"), kind=kind), value, "en") == shown


@pytest.mark.parametrize(
    ("unit", "lang", "shown"),
    [
        ("万元", "en", "CNY 10k"),
        ("万元", "zh_CN", "万元"),
        ("CNY 10k", "zh_CN", "万元"),
        ("cny 10K", "zh_CN", "万元"),
        ("亿元", "en", "CNY 100m"),
        ("EUR k", "zh_CN", "EUR k"),  # not a common one: as the author wrote it
    ],
)
def test_a_common_money_unit_is_shown_in_the_documents_language(unit, lang, shown):
    assert money_unit(unit, lang) == shown
