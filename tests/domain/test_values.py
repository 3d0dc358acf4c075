"""How values read in tables, the same in the editor and the PDF."""

from __future__ import annotations

import datetime as dt

import pytest

from kamplanner.domain.template import Choice, Column, Kind, Text
from kamplanner.domain.values import ValueProblem, format_value, from_json, money_unit


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


# A JSON value of each kind that fits it, and one that does not.
FITS = {
    Kind.TEXT: ("a", 1),
    Kind.LONGTEXT: ("a\nb", ["a"]),
    Kind.REF: ("m1", 3),
    Kind.REFS: (["m1", "m2"], ["m1 m2"]),
    Kind.NUMBER: (1.5, "1.5"),
    Kind.MONEY: (1680, True),
    Kind.PERCENT: (12.5, float("nan")),
    Kind.INTEGER: (3, 3.5),
    Kind.YEAR: (2027.0, "2027"),
    Kind.FLAG: (True, 1),
    Kind.DATE: ("2027-03-31", "2027-13-01"),
    Kind.CHOICE: ("open", "nonsense"),
}


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_of_cell_is_read_from_json_and_a_misfit_is_refused(kind):
    column = Column("c", Text("列", "Column"), kind, choices=(Choice("open", Text("进行中", "Open")),))
    good, bad = FITS[kind]
    assert from_json(column, good) is not None
    assert from_json(column, None) is None
    with pytest.raises(ValueProblem):
        from_json(column, bad)
