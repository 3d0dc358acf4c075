"""The plan's rules, and completeness: each problem names its place and the rule it breaks."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from .limits import MAX_CELL, MAX_LONG_CELL, MAX_PLAN_TEXT, MAX_PROSE, MAX_ROWS
from .model import Plan, Record
from .template import CRITERIA, FORECAST, STAKEHOLDERS, TEMPLATE, Cell, Column, Kind, Prose, Section, Table, Text
from .values import ref_keys


class Severity(StrEnum):
    ERROR = "error"  # the record is wrong and the PDF would mislead
    WARNING = "warning"  # probably wrong; the plan can still go to review


@dataclass(frozen=True)
class Issue:
    """One broken rule, located down to the cell where there is one."""

    field: str  # template field path
    message: Text
    severity: Severity = Severity.ERROR
    row: str | None = None  # row key
    index: int | None = None  # row position, for messages
    column: str | None = None

    @property
    def location(self) -> str:
        where = f"sections.{self.field}"
        if self.index is not None:
            where += f"[{self.index}]"
        if self.column:
            where += f".{self.column}"
        return where

    def describe(self, lang: str = "en") -> str:
        return f"{self.location}: {self.message(lang)}"


def validate(plan: Plan) -> list[Issue]:
    """Every rule the plan breaks, in template order."""
    issues: list[Issue] = list(_prose_limit_issues(plan))
    for table in TEMPLATE.tables():
        rows = plan.tables.get(table.path, [])
        if len(rows) > MAX_ROWS:
            issues.append(
                Issue(
                    table.path,
                    Text(
                        f"表格有 {len(rows):,} 行，最多 {MAX_ROWS:,} 行",
                        f"the table has {len(rows):,} rows; at most {MAX_ROWS:,} are allowed",
                    ),
                )
            )
        for index, row in enumerate(rows):
            issues.extend(_cell_issues(plan, table, index, row))
    issues.extend(_plan_text_issue(plan))
    issues.extend(_forecast_issues(plan))
    issues.extend(_reports_to_cycles(plan))
    issues.extend(_weights_issue(plan))
    issues.extend(_duplicate_key_issues(plan))
    return issues


def _cell_issues(plan: Plan, table: Table, index: int, row: Record) -> Iterator[Issue]:
    def issue(column: Column, zh: str, en: str, severity: Severity = Severity.ERROR) -> Issue:
        return Issue(table.path, Text(zh, en), severity, row.key, index, column.key)

    first, last = dt.date(plan.year, 1, 1), dt.date(plan.year + 4, 12, 31)
    for column in table.columns:
        value = row.get(column.key)
        if value is None or value == "":
            if column.required:
                yield issue(column, f"“{column.label.zh}”不能为空", f"{column.label.en} is required")
            continue
        if isinstance(value, str):
            limit = cell_limit(column)
            if len(value) > limit:
                yield issue(column, *_too_long(len(value), limit))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if column.minimum is not None and value < column.minimum:
                yield issue(
                    column,
                    f"“{column.label.zh}”不能小于 {column.minimum:g}",
                    f"{column.label.en} must be at least {column.minimum:g}, got {value:g}",
                )
            if column.maximum is not None and value > column.maximum:
                unit = " %" if column.kind is Kind.PERCENT else ""
                yield issue(
                    column,
                    f"“{column.label.zh}”不能超过 {column.maximum:g}{unit}",
                    f"{column.label.en} must be at most {column.maximum:g}{unit}, got {value:g}",
                )
        if column.kind is Kind.DATE and isinstance(value, dt.date) and not table.log and not first <= value <= last:
            yield issue(
                column,
                f"日期必须在计划的五年内（{first} 至 {last}）",
                f"date must fall inside the plan's five years ({first} to {last}), got {value}",
            )
        if column.kind is Kind.YEAR and isinstance(value, int) and value not in plan.years:
            yield issue(
                column,
                f"年份必须是 {plan.year} 至 {plan.year + 4} 之一",
                f"year must be one of {plan.year} to {plan.year + 4}, got {value}",
            )
        if column.kind is Kind.REF and column.ref and plan.row(column.ref, str(value)) is None:
            target = TEMPLATE.table(column.ref)
            yield issue(
                column,
                f"“{value}”不在“{target.label.zh}”中",
                f"{value!r} is not one of the {target.label.en.lower()}",
            )
        if column.kind is Kind.REFS and column.ref:
            target = TEMPLATE.table(column.ref)
            for key in ref_keys(value):
                if plan.row(column.ref, key) is None:
                    yield issue(
                        column,
                        f"“{key}”不在“{target.label.zh}”中",
                        f"{key!r} is not one of the {target.label.en.lower()}",
                    )
        if column.kind is Kind.REF and column.ref == table.path and value == row.key:
            yield issue(column, "不能指向自己", "cannot refer to its own row")


def cell_limit(column: Column) -> int:
    """How many characters a text cell of this column may hold."""
    return MAX_LONG_CELL if column.kind is Kind.LONGTEXT else MAX_CELL


def _too_long(length: int, limit: int) -> tuple[str, str]:
    return (
        f"文字有 {length:,} 个字符，最多 {limit:,} 个",
        f"the text is {length:,} characters long; at most {limit:,} are allowed",
    )


def _prose_limit_issues(plan: Plan) -> Iterator[Issue]:
    for f in TEMPLATE.fields():
        if isinstance(f, Prose) and len(plan.prose.get(f.path, "")) > MAX_PROSE:
            yield Issue(f.path, Text(*_too_long(len(plan.prose[f.path]), MAX_PROSE)))


def plan_text_size(plan: Plan) -> int:
    """Characters of text in the plan: prose and text cells together (what MAX_PLAN_TEXT bounds)."""
    size = sum(len(text) for text in plan.prose.values())
    for rows in plan.tables.values():
        for row in rows:
            size += sum(len(v) for v in row.values.values() if isinstance(v, str))
    return size


def _plan_text_issue(plan: Plan) -> Iterator[Issue]:
    size = plan_text_size(plan)
    if size <= MAX_PLAN_TEXT:
        return
    # Shown on the field holding the most text: that is where cutting helps most.
    sizes = {path: len(text) for path, text in plan.prose.items()}
    for path, rows in plan.tables.items():
        sizes[path] = sum(len(v) for row in rows for v in row.values.values() if isinstance(v, str))
    biggest = max(sizes, key=lambda p: sizes[p])
    yield Issue(
        biggest,
        Text(
            f"整个计划共有 {size:,} 个字符，最多 {MAX_PLAN_TEXT:,} 个；这里的文字最多",
            f"the plan holds {size:,} characters of text, at most {MAX_PLAN_TEXT:,} are allowed; this field holds the most",
        ),
    )


def _forecast_issues(plan: Plan) -> Iterator[Issue]:
    seen: dict[tuple[object, object, object], int] = {}
    for index, row in enumerate(plan.tables.get(FORECAST, [])):
        cell = (row.get(Cell.year), row.get(Cell.region), row.get(Cell.platform))
        if None in cell:
            continue
        if cell in seen:
            yield Issue(
                FORECAST,
                Text(
                    f"与第 {seen[cell] + 1} 行的年份、区域和平台重复",
                    f"same year, region and platform as row {seen[cell] + 1}",
                ),
                Severity.ERROR,
                row.key,
                index,
                "platform",
            )
        else:
            seen[cell] = index


def _reports_to_cycles(plan: Plan) -> Iterator[Issue]:
    rows = plan.tables.get(STAKEHOLDERS, [])
    boss = {r.key: r.get(Cell.reports_to) for r in rows}
    reported: set[str] = set()
    for index, row in enumerate(rows):
        chain = [row.key]
        current = boss.get(row.key)
        while isinstance(current, str) and current in boss and current not in chain:
            chain.append(current)
            current = boss.get(current)
        if current == row.key and len(chain) > 1 and row.key not in reported:
            reported.update(chain)
            names = " → ".join(plan.label_of(STAKEHOLDERS, k) for k in [*chain, row.key])
            yield Issue(
                STAKEHOLDERS,
                Text(f"汇报关系形成循环：{names}", f"reports-to forms a cycle: {names}"),
                Severity.ERROR,
                row.key,
                index,
                "reports_to",
            )


def _weights_issue(plan: Plan) -> Iterator[Issue]:
    weights = [r.get(Cell.weight) for r in plan.tables.get(CRITERIA, [])]
    numbers = [float(w) for w in weights if isinstance(w, (int, float))]
    if numbers and abs(math.fsum(numbers) - 100.0) > 0.01:
        total = math.fsum(numbers)
        yield Issue(
            CRITERIA,
            Text(f"权重合计应为 100%，现为 {total:g}%", f"weights should add up to 100 %, they add up to {total:g} %"),
            Severity.WARNING,
            column="weight",
        )


def _duplicate_key_issues(plan: Plan) -> Iterator[Issue]:
    for path, rows in plan.tables.items():
        seen: set[str] = set()
        for index, row in enumerate(rows):
            if row.key in seen:
                yield Issue(
                    path, Text(f"行键“{row.key}”重复", f"duplicate row key {row.key!r}"), row=row.key, index=index
                )
            seen.add(row.key)


# --------------------------------------------------------------------------- completeness


@dataclass(frozen=True)
class SectionCompleteness:
    section: Section
    missing: tuple[Prose | Table, ...]  # required fields still empty
    required: int

    @property
    def filled(self) -> int:
        return self.required - len(self.missing)

    @property
    def complete(self) -> bool:
        return not self.missing


def section_completeness(plan: Plan) -> list[SectionCompleteness]:
    return completeness_from_filled({p for p in TEMPLATE.paths if not plan.is_empty(p)})


def completeness_from_filled(filled: set[str]) -> list[SectionCompleteness]:
    """Completeness from the set of non-empty field paths (the store can find that set cheaply)."""
    result = []
    for section in TEMPLATE.sections:
        required = [f for f in section.all_fields() if f.required]
        missing = tuple(f for f in required if f.path not in filled)
        result.append(SectionCompleteness(section, missing, len(required)))
    return result


def completeness_percent(sections: list[SectionCompleteness]) -> int:
    required = sum(s.required for s in sections)
    filled = sum(s.filled for s in sections)
    return round(100 * filled / required) if required else 100
