"""Reading an edited plan workbook back: the plan as the workbook has it, and the changes in
words, or WorkbookError with every problem at its sheet and cell.

The file is untrusted: its size, the zip archive's declared sizes and entries, the sheets, rows
and columns read and each text are bounded before and while openpyxl reads it, so a zip bomb
or a sheet of a million rows is refused in a moment. A cell is read by the rules the editor
reads what is typed (values.parse_input after text.clean_text) and the plan file refuses by
(planfile.cell_problem); the plan that results is checked by validation.validate, and an
error in a cell the workbook changes refuses the import (problems the plan already had do not).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Any

from ..domain.diff import ChangeKind, diff_plans
from ..domain.limits import MAX_KEY, MAX_PLAN_TEXT, MAX_ROWS
from ..domain.model import Plan, Record, Value
from ..domain.planfile import cell_problem
from ..domain.rebase import field_place
from ..domain.template import LANGUAGES, TEMPLATE, Column, Kind, Table, Text
from ..domain.text import text_problem
from ..domain.validation import Severity, plan_text_size, validate
from ..domain.values import ValueProblem, describe, quote
from .book_cells import check_archive, is_percent_format, typed
from .book_layout import (
    ABOUT,
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_META_ROWS,
    BookChange,
    WorkbookError,
    column_letter,
    headers,
    ref_labels,
    sheet_names,
)

MAX_SHEETS = 64
MAX_SHEET_ROWS = 1_000  # lines of a table's sheet read, blank ones included (a table holds MAX_ROWS)
MAX_SHEET_COLUMNS = 64

NEW_ROW = Text("新增一行", "new row")
DELETED = Text("删除这一行", "row deleted")
REORDERED = Text("行的顺序改变", "rows in a new order")


@dataclass(frozen=True)
class ReadBook:
    """What a workbook holds: the plan as the workbook has it, what that changes, in words."""

    plan: Plan
    changes: list[BookChange]
    lang: str


def read_workbook(data: bytes, plan: Plan, *, lang: str | None = None) -> ReadBook:
    """The plan as the workbook ``data`` (written for ``plan``) has it, with the changes in
    ``lang`` (default: the workbook's language); WorkbookError listing every problem."""
    check_archive(data)
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of extensions it does not read
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # noqa: BLE001 - untrusted input: whatever openpyxl raises is a bad file
        raise WorkbookError([f"workbook: not a workbook kamplanner can read ({_reason(exc)})"]) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _Reader(book, plan).read(lang)
    except WorkbookError:
        raise
    except Exception as exc:  # noqa: BLE001 - sheets are parsed as they are read: a broken one shows here
        raise WorkbookError([f"workbook: a part of it cannot be read ({_reason(exc)})"]) from None
    finally:
        book.close()


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


class _Bad:
    """A cell that could not be read (its problem is recorded)."""


BAD = _Bad()


@dataclass
class _Ref:
    path: str  # the table the reference is in
    record: Record
    column: Column
    where: str
    text: str


class _Reader:
    def __init__(self, book: Any, plan: Plan):
        self.book = book
        self.old = plan
        self.problems: list[str] = []
        self.refs: list[_Ref] = []
        self.rows: dict[tuple[str, str], int] = {}  # (table path, row key) -> its line in the sheet
        self.new_keys: set[tuple[str, str]] = set()
        self.bad: set[tuple[str, str, str]] = set()  # (table path, row key, column key) with a problem

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def refuse(self) -> None:
        if self.problems:
            raise WorkbookError(self.problems)

    # ---- the workbook as a whole

    def read(self, lang: str | None) -> ReadBook:
        sheets = list(self.book.sheetnames)
        if len(sheets) > MAX_SHEETS:
            raise WorkbookError([f"workbook: it has {len(sheets):,} sheets; a plan workbook has at most {MAX_SHEETS}"])
        about = next((s for s in sheets if s in (ABOUT.zh, ABOUT.en)), None)
        if about is None:
            raise WorkbookError(
                [f"workbook: no sheet {ABOUT.en} ({ABOUT.zh}): not a plan workbook written by kamplanner"]
            )
        written_in = self._about(about)
        self.names = sheet_names(written_in)
        lang = lang or written_in
        expected = {t.path: self.names[t.path] for t in TEMPLATE.tables()}
        known = set(expected.values()) | {self.names["about"], self.names["summary"], self.names["lists"]}
        others = [s for s in sheets if s not in known]
        for name in expected.values():
            if name not in sheets:
                hint = (
                    f"; the workbook has sheets kamplanner did not write: {', '.join(map(quote, others))}"
                    if others
                    else ""
                )
                self.problem(name, f"the sheet is missing (renamed or removed?){hint}")
        self.refuse()
        new = self.old.copy()
        for table in TEMPLATE.tables():
            records = self._table(self.book[expected[table.path]], table, written_in)
            if records is not None:
                new.tables[table.path] = records
        # Every problem in one round: references and the plan's rules are checked beside the
        # cells' own problems (a cell that could not be read is not checked again).
        self._resolve(new)
        self._check(new)
        self.refuse()
        return ReadBook(new, self._changes(new, lang), lang)

    def _about(self, name: str) -> str:
        """The About sheet's facts checked against the plan; the workbook's language."""
        meta: dict[str, tuple[object, str]] = {}
        for r, cells in enumerate(self.book[name].iter_rows(max_row=MAX_META_ROWS, max_col=3), 1):
            if len(cells) >= 3 and isinstance(cells[0].value, str):
                meta[cells[0].value] = (cells[2].value, f"{name}!C{r}")

        def fact(key: str) -> tuple[object, str]:
            return meta.get(key, (None, f"{name}!C?"))

        value, where = fact("format")
        if value != FORMAT_NAME:
            if "format" not in meta:
                raise WorkbookError([f"{name}: no format row: not a plan workbook written by kamplanner"])
            raise WorkbookError([f"{where}: expected {quote(FORMAT_NAME)}, got {describe(value)}"])
        value, where = fact("format_version")
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise WorkbookError([f"{where}: expected a format version (a whole number from 1), got {describe(value)}"])
        if value != FORMAT_VERSION:
            newer = (
                " newer than this kamplanner reads; update kamplanner to import it" if value > FORMAT_VERSION else ""
            )
            raise WorkbookError(
                [f"{where}: this workbook is format version {value}{newer} (this kamplanner reads {FORMAT_VERSION})"]
            )
        value, where = fact("plan_uuid")
        if (value or None) != (self.old.uuid or None):
            account, year = fact("account")[0], fact("year")[0]
            of = f"{account} {year}" if isinstance(account, str) else "another plan"
            raise WorkbookError(
                [
                    f"{where}: this is the workbook of {of} (plan {describe(value)}), not of"
                    f" {self.old.account.name} {self.old.year}: import it into that plan"
                ]
            )
        value, where = fact("language")
        if value not in LANGUAGES:
            raise WorkbookError([f"{where}: expected one of {', '.join(LANGUAGES)}, got {describe(value)}"])
        assert isinstance(value, str)
        lang = value
        value, where = fact("revision")
        if value != self.old.version:
            raise WorkbookError(
                [
                    f"{where}: the plan has been saved since this workbook was written (revision"
                    f" {describe(value)} then, {self.old.version} now); export a new workbook and edit that, so"
                    " that the changes made meanwhile are not undone"
                ]
            )
        return lang

    # ---- one table's sheet

    def _table(self, sheet: Any, table: Table, lang: str) -> list[Record] | None:
        name = sheet.title
        width = len(table.columns) + 1
        declared_rows, declared_columns = sheet.max_row, sheet.max_column
        if isinstance(declared_rows, int) and declared_rows > MAX_SHEET_ROWS:
            self.problem(
                name,
                f"the sheet reaches row {declared_rows:,}; a table holds at most {MAX_ROWS} rows (a sheet at most {MAX_SHEET_ROWS:,} lines)",
            )
            return None
        if isinstance(declared_columns, int) and declared_columns > MAX_SHEET_COLUMNS:
            self.problem(
                name,
                f"the sheet reaches column {column_letter(declared_columns)}; this table ends at {column_letter(width)}",
            )
            return None
        columns = max(width, declared_columns if isinstance(declared_columns, int) else width)
        lines = sheet.iter_rows(min_row=1, max_row=MAX_SHEET_ROWS, max_col=columns)
        first = next(lines, ())
        want = headers(table, self.old.money, lang)
        got = [_cell_value(first, i) for i in range(columns)]
        bad_header = False
        for i, text in enumerate(want):
            if got[i] != text:
                self.problem(
                    f"{name}!{column_letter(i + 1)}1", f"expected the header {quote(text)}, got {describe(got[i])}"
                )
                bad_header = True
        for i in range(width, columns):
            if got[i] not in (None, ""):
                self.problem(
                    f"{name}!{column_letter(i + 1)}1",
                    f"a column this table does not have (it ends at {column_letter(width)})",
                )
                bad_header = True
        if bad_header:
            return None
        existing = {r.key for r in self.old.tables.get(table.path, [])}
        seen: dict[str, int] = {}
        records: list[Record] = []
        taken = set(existing)
        for r, cells in enumerate(lines, 2):
            if all(_blank(c) for c in cells):
                continue
            for i in range(width, len(cells)):
                if not _blank(cells[i]):
                    self.problem(
                        f"{name}!{column_letter(i + 1)}{r}",
                        f"outside the table, whose columns end at {column_letter(width)}: move or delete it",
                    )
            if all(_blank(c) for c in cells[1:width]):
                continue  # every cell cleared: the row is deleted
            if len(records) == MAX_ROWS:
                self.problem(f"{name}!A{r}", f"more than {MAX_ROWS} rows; a table holds at most {MAX_ROWS}")
                return None
            key = self._key(name, r, cells[0] if cells else None, existing, seen)
            if key is BAD:
                continue
            if key is None:
                key = _new_key(self.old, table.path, taken)
                self.new_keys.add((table.path, key))
            assert isinstance(key, str)
            taken.add(key)
            self.rows[(table.path, key)] = r
            record = Record(key)
            for i, column in enumerate(table.columns):
                where = f"{name}!{column_letter(i + 2)}{r}"
                cell = cells[i + 1] if i + 1 < len(cells) else None
                value = self._value(where, column, cell)
                if value is BAD:
                    self.bad.add((table.path, key, column.key))
                if value is BAD or value is None:
                    continue
                if column.kind is Kind.REF:
                    self.refs.append(_Ref(table.path, record, column, where, str(value)))
                record.values[column.key] = value  # type: ignore[assignment]
            records.append(record)
        return records

    def _key(self, sheet: str, r: int, cell: Any, existing: set[str], seen: dict[str, int]) -> str | _Bad | None:
        raw = getattr(cell, "value", None)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        key = str(raw).strip() if isinstance(raw, str) else str(raw)
        where = f"{sheet}!A{r}"
        if len(key) > MAX_KEY or text_problem(key) or key not in existing:
            self.problem(
                where,
                f"{describe(raw)} is no row key of this table in the plan (column A holds each row's key:"
                " leave it as written, and empty on a new row)",
            )
            return BAD
        if key in seen:
            self.problem(
                where,
                f"the same row key as row {seen[key]} (a copied row?): clear {where.split('!')[1]} to make it a new row",
            )
            return BAD
        seen[key] = r
        return key

    def _value(self, where: str, column: Column, cell: Any) -> Value | _Bad:
        if cell is None:
            return None
        raw = cell.value
        if getattr(cell, "data_type", None) == "f" or type(raw).__name__ in ("ArrayFormula", "DataTableFormula"):
            text = raw if isinstance(raw, str) else getattr(raw, "text", "") or "a formula"
            self.problem(where, f"a formula ({quote(str(text))}) where a value belongs: paste the value instead")
            return BAD
        if getattr(cell, "data_type", None) == "e":
            self.problem(where, f"the cell shows the error {raw}; type a value")
            return BAD
        if raw is None:
            return None
        try:
            value = typed(column, raw, is_percent_format(getattr(cell, "number_format", "")))
        except ValueProblem as exc:
            self.problem(where, str(exc))
            return BAD
        problem = cell_problem(column, value)
        if problem:
            self.problem(where, problem)
            return BAD
        return value

    # ---- references and rules, over the whole plan

    def _resolve(self, new: Plan) -> None:
        """Each reference's text (a row's label as the drop-down shows it) as the row's key."""
        cache: dict[str, tuple[dict[str, str], dict[str, list[str]], dict[str, str]]] = {}
        for ref in self.refs:
            target = ref.column.ref
            assert target is not None
            if target not in cache:
                exact = {label: key for key, label in ref_labels(new, target).items()}
                plain: dict[str, list[str]] = {}
                for row in new.rows(target):
                    plain.setdefault(new.label_of(target, row.key), []).append(row.key)
                present = {r.key for r in new.rows(target)}
                before = {label: key for key, label in ref_labels(self.old, target).items() if key in present}
                cache[target] = (exact, plain, before)
            exact, plain, before = cache[target]
            text = ref.text
            if text in exact:
                key = exact[text]
            elif len(plain.get(text, [])) > 1:
                self.problem(
                    ref.where,
                    f"{quote(text)} names {len(plain[text])} rows of {self.names[target]}: choose one from the list",
                )
                self.bad.add((ref.path, ref.record.key, ref.column.key))
                continue
            elif text in plain:
                key = plain[text][0]
            elif text in before:
                key = before[text]
            elif any(r.key == text for r in new.rows(target)):
                key = text
            else:
                self.problem(ref.where, f"{quote(text)} matches no row of the sheet {self.names[target]}")
                self.bad.add((ref.path, ref.record.key, ref.column.key))
                continue
            ref.record.values[ref.column.key] = key

    def _check(self, new: Plan) -> None:
        """The plan's rules, on the cells the workbook changes or adds."""
        size = plan_text_size(new)
        if size > MAX_PLAN_TEXT:
            self.problem(
                "workbook", f"the plan would hold {size:,} characters of text; a plan holds at most {MAX_PLAN_TEXT:,}"
            )
            return
        for issue in validate(new):
            if issue.severity is not Severity.ERROR or issue.row is None or issue.column is None:
                continue
            line = self.rows.get((issue.field, issue.row))
            if line is None or (issue.field, issue.row, issue.column) in self.bad:
                continue
            if (issue.field, issue.row) not in self.new_keys:
                before = self.old.row(issue.field, issue.row)
                after = new.row(issue.field, issue.row)
                if before is not None and after is not None and before.get(issue.column) == after.get(issue.column):
                    continue  # the plan had this problem already; the workbook did not make it
            table = TEMPLATE.table(issue.field)
            letter = column_letter(table.column_keys.index(issue.column) + 2)
            self.problem(f"{self.names[issue.field]}!{letter}{line}", issue.message("en"))

    # ---- what changes, in words

    def _changes(self, new: Plan, lang: str) -> list[BookChange]:
        out: list[BookChange] = []
        diff = diff_plans(self.old, new, lang)
        for change in diff.changes:
            sheet = self.names[change.field]
            table = TEMPLATE.table(change.field)
            line = self.rows.get((change.field, change.row or ""))
            if change.kind is ChangeKind.ADDED:
                place = f"{field_place(change.field, lang)}, {change.label}"
                cells = [
                    c.label(lang) + ": " + shown
                    for c in table.columns
                    if (shown := _shown(new, table, c, change.row, lang))
                ]
                out.append(BookChange(sheet, f"B{line}", place, "", f"{NEW_ROW(lang)}: " + "; ".join(cells)))
            elif change.kind is ChangeKind.REMOVED:
                place = f"{field_place(change.field, lang)}, {change.label}"
                out.append(BookChange(sheet, "", place, change.label, DELETED(lang)))
            else:
                for cell in change.cells:
                    letter = column_letter(table.column_keys.index(cell.column) + 2)
                    place = (
                        f"{field_place(change.field, lang)}, {change.label}, {table.column(cell.column).label(lang)}"
                    )
                    out.append(BookChange(sheet, f"{letter}{line}", place, cell.old, cell.new))
        for table in TEMPLATE.tables():
            kept = {r.key for r in new.rows(table.path)}
            before = [r.key for r in self.old.rows(table.path) if r.key in kept]
            after = [r.key for r in new.rows(table.path) if r.key in {*before}]
            if before != after:
                out.append(
                    BookChange(self.names[table.path], "", field_place(table.path, lang) or "", "", REORDERED(lang))
                )
        return out


def _shown(plan: Plan, table: Table, column: Column, key: str | None, lang: str) -> str:
    from ..domain.values import format_value

    row = plan.row(table.path, key or "")
    value = row.get(column.key) if row else None
    if column.kind is Kind.REF and column.ref:
        return plan.label_of(column.ref, value)
    return format_value(column, value, lang)


def _new_key(plan: Plan, path: str, taken: set[str]) -> str:
    while True:
        key = plan.new_row_key(path)
        if key not in taken:
            return key


def _cell_value(cells: Any, i: int) -> object:
    if i >= len(cells):
        return None
    value = cells[i].value
    return value.strip() if isinstance(value, str) else value


def _blank(cell: Any) -> bool:
    value = getattr(cell, "value", None)
    return value is None or (isinstance(value, str) and not value.strip())
