"""Changing a plan's money unit as one edit: the unit and every money figure of the plan, so one
undo puts all of it back.

The figures are the plan's money columns (``Kind.MONEY`` in the template: the forecast's revenue
and margin, opportunity values, customers' total demand, budget amounts). Two things keep their
own numbers: a financial objective's target states its unit in its own column, so it is not the
plan's unit; and the account's annual revenue is a portfolio fact in ``money.ACCOUNT_UNIT``.

Between currencies there is no rate to know, so the caller gives one (what one of the old
currency is in the new), or none: then only the label changes, for figures that were already in
the new unit and only wrongly labelled. A change of multiple alone always converts (a rate of 1).
"""

from __future__ import annotations

from collections.abc import Iterator

from .edits import Batch, Edit, SetCell, SetCurrency
from .model import Plan, Record
from .money import MoneyProblem, MoneyUnit, edition_unit, restated
from .template import FINANCIAL, LAST_YEAR, TEMPLATE, Cell, Column, Kind


def money_cells(plan: Plan) -> Iterator[tuple[str, Record, Column, float]]:
    """Every filled money cell of the plan: (table path, row, column, figure)."""
    for table in TEMPLATE.tables():
        columns = [c for c in table.columns if c.kind is Kind.MONEY]
        if not columns:
            continue
        for row in plan.tables.get(table.path, []):
            for column in columns:
                value = row.get(column.key)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    yield table.path, row, column, float(value)


def change_unit(plan: Plan, to: MoneyUnit, rate: float | None = 1.0) -> Edit:
    """The edit that gives the plan the unit ``to``: with ``rate`` (one of the plan's currency in
    ``to``'s; 1 when the currency stays) the figures are converted; with None only relabelled.
    ValueError for a rate that is not a positive number."""
    source = plan.money
    if rate is not None and not rate > 0:
        raise ValueError(f"an exchange rate is a positive number, got {rate!r}")
    if rate is not None and to.currency == source.currency and rate != 1.0:
        raise ValueError("the currency stays: no exchange rate applies")
    edits: list[Edit] = [SetCurrency(plan.currency, to.code)]
    if rate is not None:
        for path, row, column, value in money_cells(plan):
            new = source.convert(value, to, rate)
            if new != value:
                edits.append(SetCell(path, row.key, column.key, row.get(column.key), new))
    return Batch(tuple(edits))


# Tables whose rows state their own unit, and the figures in that unit.
_OWN_UNIT = {FINANCIAL: (Cell.last_actual, Cell.target), LAST_YEAR: (Cell.target, Cell.actual)}


def for_edition(plan: Plan, lang: str) -> Plan:
    """The plan as a document in ``lang`` shows it: a copy with its figures in the unit that
    language counts in (money.edition_unit), and an objective stated in such a unit with its
    figures and unit converted too, so a page never mixes CNY 10k and CNY m. The plan itself is
    untouched (its fingerprint is of the figures as kept)."""
    shown = edition_unit(plan.money, lang)

    def restates(row: Record) -> bool:
        unit = _objective_unit(row)
        return unit is not None and edition_unit(unit, lang) != unit

    own = any(restates(r) for path in _OWN_UNIT for r in plan.rows(path))
    if shown == plan.money and not own:
        return plan
    out = plan.copy()
    if shown != plan.money:
        change_unit(out, shown).apply(out)
    for path, figures in _OWN_UNIT.items():
        for row in out.rows(path):
            if not restates(row):
                continue
            unit_text = str(row.get(Cell.unit))
            for key in figures:
                value = row.get(key)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    row.values[key] = restated(float(value), unit_text, lang)[0]
            row.values[Cell.unit] = restated(None, unit_text, lang)[1]
    return out


def _objective_unit(row: Record) -> MoneyUnit | None:
    text = row.get(Cell.unit)
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        return MoneyUnit.parse(text)
    except MoneyProblem:
        return None
