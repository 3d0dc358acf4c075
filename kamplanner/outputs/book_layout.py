"""The plan workbook's layout, shared by its writer and its reader: sheet names, header rows,
the About sheet's keys, and the error an import is refused with. No openpyxl here, so the use
cases can name WorkbookError without loading it.

The layout (format version 1):

- About (说明): what the workbook is and how to edit it, then the plan's identity as key/value
  rows; column A (hidden) holds each row's key (format, format_version, plan_uuid, ...).
- One sheet per record table, named after the table in the workbook's language. Row 1 is the
  header; column A (hidden) holds each row's key; a row with an empty key is a new row.
- Forecast summary (预测汇总): the forecast by region, platform and year, in formulas over the
  forecast sheet. Derived: import never reads it.
- Lists (列表, hidden): the drop-down lists of choice and reference columns.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from ..domain.model import Plan
from ..domain.money import MoneyUnit, with_unit
from ..domain.template import FORECAST, TEMPLATE, Column, Kind, Table, Text

FORMAT_NAME = "kamplanner-workbook"
FORMAT_VERSION = 1

ABOUT = Text("说明", "About")
SUMMARY = Text("预测汇总", "Forecast summary")
LISTS = Text("列表", "Lists")
KEY_HEADER = Text("行键", "Row key")

# The About sheet's key/value rows, in order: (key, label).
META = (
    ("format", Text("格式", "Format")),
    ("format_version", Text("格式版本", "Format version")),
    ("plan_uuid", Text("计划标识", "Plan identity")),
    ("account", Text("客户", "Account")),
    ("year", Text("计划年", "Plan year")),
    ("revision", Text("计划修订号", "Plan revision")),
    ("language", Text("语言", "Language")),
    ("money_unit", Text("金额单位", "Money unit")),
)
META_FIRST_ROW = 12  # where the key/value rows start on the About sheet
MAX_META_ROWS = 60  # rows of the About sheet the reader looks through

_BAD_IN_SHEET_NAMES = str.maketrans({c: "-" for c in "[]:*?/\\"})
MAX_SHEET_NAME = 31  # Excel's limit


class WorkbookError(ValueError):
    """A workbook that cannot be imported; ``problems`` has one line per problem, each starting
    with where it is (Sheet!A1, a sheet's name, or "workbook")."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class BookChange:
    """One thing an import would change, for a person: where in the workbook (sheet and cell;
    no cell for a row deleted), where in the plan in words, before and after."""

    sheet: str
    cell: str
    place: str
    before: str
    after: str

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def line(self) -> str:
        return f"{self.where}: {self.place}: {self.before or '—'} → {self.after or '—'}"


def sheet_name(text: str) -> str:
    """A text as a sheet may be named: none of []:*?/\\ and at most 31 characters (a part in
    brackets goes first, then whole words, an ellipsis marking the cut)."""
    name = " ".join(text.translate(_BAD_IN_SHEET_NAMES).split()).strip("'")
    if len(name) <= MAX_SHEET_NAME:
        return name
    for opening in ("（", "("):
        if opening in name:
            shorter = name.split(opening, 1)[0].strip()
            if shorter:
                return sheet_name(shorter)
    cut = name[: MAX_SHEET_NAME - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


@cache
def sheet_names(lang: str) -> dict[str, str]:
    """Each record table's sheet name in ``lang``, by table path (unique, ignoring case, as
    spreadsheets compare sheet names); "about", "summary" and "lists" name the other sheets."""
    names: dict[str, str] = {}
    taken: set[str] = set()

    def claim(key: str, text: str) -> None:
        name, n = sheet_name(text), 2
        while name.casefold() in taken:
            suffix = f" {n}"
            name, n = sheet_name(text)[: MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
        taken.add(name.casefold())
        names[key] = name

    claim("about", ABOUT(lang))
    claim("summary", SUMMARY(lang))
    claim("lists", LISTS(lang))
    for table in TEMPLATE.tables():
        claim(table.path, table.label(lang))
    return names


def header(column: Column, unit: MoneyUnit, lang: str) -> str:
    """A column's header: its label, with the money unit, or % for a percentage (0-100)."""
    label = column.label(lang)
    if column.kind is Kind.MONEY:
        return with_unit(label, unit, lang)
    if column.kind is Kind.PERCENT:
        return f"{label}（%）" if lang.startswith("zh") else f"{label} (%)"
    return label


def headers(table: Table, unit: MoneyUnit, lang: str) -> list[str]:
    """The header row of a table's sheet, column A (the row key) first."""
    return [KEY_HEADER(lang), *(header(c, unit, lang) for c in table.columns)]


def column_letter(index: int) -> str:
    """The letters of the 1-based column ``index`` (1 is A, 27 is AA)."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


FLAG_WORDS = {True: Text("是", "yes"), False: Text("否", "no")}


def forecast_table() -> Table:
    return TEMPLATE.table(FORECAST)


def ref_labels(plan: Plan, path: str) -> dict[str, str]:
    """What a reference to each row of the table at ``path`` shows in the workbook, by row key:
    the row's display text (Plan.label_of), with the key in brackets where two rows show the
    same, so that every label names one row."""
    plain = {r.key: plan.label_of(path, r.key) for r in plan.tables.get(path, [])}
    counts = Counter(plain.values())
    return {key: label if counts[label] == 1 else f"{label} [{key}]" for key, label in plain.items()}
