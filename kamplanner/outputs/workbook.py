"""The plan workbook (.xlsx): a plan's record tables as sheets to edit in Excel or Calc, with
drop-down lists, typed cells and a live forecast summary; book_layout.py says the layout and
workbook_read.py reads an edited workbook back."""

from __future__ import annotations

import datetime as dt
import io
import tomllib
from functools import cache

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .. import paths
from ..domain.analysis import forecast_totals
from ..domain.limits import MAX_ROWS
from ..domain.model import Plan, Value
from ..domain.template import FORECAST, TEMPLATE, Cell, Column, Kind, Table
from ..domain.text import clean_text
from .book_layout import (
    FLAG_WORDS,
    FORMAT_NAME,
    FORMAT_VERSION,
    META,
    META_FIRST_ROW,
    SUMMARY,
    column_letter,
    headers,
    ref_labels,
    sheet_names,
)

# Rows given drop-downs and formats below the last row, for rows typed at the bottom.
LAST_ROW = MAX_ROWS + 1
NUMBER_FORMATS = {
    Kind.MONEY: "#,##0.00",
    Kind.NUMBER: "General",
    Kind.PERCENT: "General",
    Kind.INTEGER: "0",
    Kind.YEAR: "0",
    Kind.DATE: "yyyy-mm-dd",
}


@cache
def _primary() -> str:
    """The PDF's primary colour (templates/style.toml), as openpyxl writes colours: RRGGBB."""
    try:
        with open(paths.templates() / "style.toml", "rb") as file:
            colour = tomllib.load(file)["colours"]["primary"]
        if isinstance(colour, str) and len(colour) == 7 and colour.startswith("#"):
            return colour[1:].upper()
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        pass
    return "0F3557"


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def write_workbook(plan: Plan, *, lang: str | None = None) -> bytes:
    """The plan's record tables as an .xlsx workbook in ``lang`` (default: the plan's own)."""
    lang = lang or plan.language
    names = sheet_names(lang)
    book = Workbook()
    about = book.active
    assert about is not None
    about.title = names["about"]
    lists = book.create_sheet(names["lists"])
    lists.sheet_state = "hidden"
    list_columns: dict[object, str] = {}  # a list's identity -> its absolute range on the Lists sheet

    def list_range(identity: object, items: list[str]) -> str | None:
        if not items:
            return None
        if identity not in list_columns:
            letter = column_letter(len(list_columns) + 1)
            for i, item in enumerate(items, 1):
                _text(lists.cell(i, len(list_columns) + 1), item)
            list_columns[identity] = f"{_quoted(names['lists'])}!${letter}$1:${letter}${len(items)}"
        return list_columns[identity]

    for table in TEMPLATE.tables():
        sheet = book.create_sheet(names[table.path], index=len(book.sheetnames) - 1)
        _table_sheet(sheet, plan, table, lang, list_range)
    summary = book.create_sheet(names["summary"], index=len(book.sheetnames) - 1)
    _summary_sheet(summary, plan, lang, names[FORECAST])
    _about_sheet(about, plan, lang, names)
    for sheet in book.worksheets:  # printed, each sheet is as wide as the page
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(cell, text: str) -> None:  # type: ignore[no-untyped-def]
    """A text as text, never as a formula (a name may start with "="), and without the
    characters a workbook cannot hold."""
    text = clean_text(text)
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.data_type = "s"


def _header_row(sheet: Worksheet, row: int, count: int) -> None:
    fill = PatternFill("solid", start_color=_primary(), end_color=_primary())
    font = Font(bold=True, color="FFFFFF")
    for column in range(1, count + 1):
        cell = sheet.cell(row, column)
        cell.fill, cell.font = fill, font
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def _width(texts: list[str], hint: int) -> float:
    """A column width (in characters) for its texts: CJK characters count twice."""

    def shown(text: str) -> int:
        longest = max((len(line) + sum(1 for ch in line if ord(ch) > 0x2E80) for line in text.split("\n")), default=0)
        return longest

    widest = max((shown(t) for t in texts), default=0)
    return float(min(max(widest + 2, 8 * hint, 10), 60))


def _table_sheet(sheet: Worksheet, plan: Plan, table: Table, lang: str, list_range) -> None:  # type: ignore[no-untyped-def]
    titles = headers(table, plan.money, lang)
    for i, title in enumerate(titles, 1):
        _text(sheet.cell(1, i), title)
    _header_row(sheet, 1, len(titles))
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].hidden = True
    refs = {c.ref: ref_labels(plan, c.ref) for c in table.columns if c.kind is Kind.REF and c.ref}
    shown: list[list[str]] = [[t] for t in titles[1:]]
    for r, record in enumerate(plan.tables.get(table.path, []), 2):
        _text(sheet.cell(r, 1), record.key)
        for i, column in enumerate(table.columns):
            text = _write_cell(sheet.cell(r, i + 2), column, record.get(column.key), lang, refs)
            shown[i].append(text)
    for i, column in enumerate(table.columns):
        letter = column_letter(i + 2)
        sheet.column_dimensions[letter].width = _width(shown[i], column.width)
        cells = f"{letter}2:{letter}{LAST_ROW}"
        if column.kind in NUMBER_FORMATS:
            for row in range(2, len(shown[i]) + 1):
                sheet.cell(row, i + 2).number_format = NUMBER_FORMATS[column.kind]
        if column.kind is Kind.LONGTEXT:
            for row in range(2, len(shown[i]) + 1):
                sheet.cell(row, i + 2).alignment = Alignment(wrap_text=True, vertical="top")
        items: list[str] = []
        strict = True
        if column.kind is Kind.CHOICE:
            items = [c.label(lang) for c in column.choices]
        elif column.kind is Kind.FLAG:
            items = [FLAG_WORDS[True](lang), FLAG_WORDS[False](lang)]
        elif column.kind is Kind.REF and column.ref:
            items = list(refs[column.ref].values())
            strict = False  # a row added to the referred table in the workbook is not in the list yet
        identity = (table.path, column.key) if column.kind is Kind.CHOICE else (column.kind, column.ref)
        source = list_range(identity, items)
        if source is not None:
            _drop_down(sheet, cells, source, strict, column, lang)


def _drop_down(sheet: Worksheet, cells: str, source: str, strict: bool, column: Column, lang: str) -> None:
    check = DataValidation(type="list", formula1=source, allow_blank=True, showDropDown=False)
    check.error = (
        f"请从“{column.label(lang)}”的列表中选择。"
        if lang.startswith("zh")
        else f"Choose from the {column.label(lang)} list."
    )
    check.errorStyle = "stop" if strict else "warning"
    check.showErrorMessage = True
    check.add(cells)
    sheet.add_data_validation(check)


def _write_cell(cell, column: Column, value: Value, lang: str, refs: dict[str | None, dict[str, str]]) -> str:  # type: ignore[no-untyped-def]
    """Put ``value`` in ``cell`` as its kind is kept in a workbook; returns the text it shows."""
    if value is None or value == "":
        return ""
    kind = column.kind
    if kind is Kind.CHOICE:
        choice = column.choice(str(value))
        text = choice.label(lang) if choice else str(value)
    elif kind is Kind.FLAG:
        text = FLAG_WORDS[bool(value)](lang)
    elif kind is Kind.REF:
        text = refs.get(column.ref, {}).get(str(value), str(value))
    elif kind is Kind.DATE and isinstance(value, dt.date):
        cell.value = value
        return value.isoformat()
    elif kind in NUMBER_FORMATS and isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.value = value
        return f"{value:,.2f}" if kind is Kind.MONEY else str(value)
    else:
        text = str(value)
    _text(cell, text)
    return text


def _summary_sheet(sheet: Worksheet, plan: Plan, lang: str, source: str) -> None:
    """The forecast by region and platform (rows) and year (columns), revenue then margin, in
    SUMPRODUCT formulas over the forecast sheet (exact matches: SUMIFS would read * and ? in a
    region's name as wildcards), with totals per line, per region and per year."""
    zh = lang.startswith("zh")
    table = TEMPLATE.table(FORECAST)
    totals = forecast_totals(plan)
    letters = {c.key: column_letter(i + 2) for i, c in enumerate(table.columns)}

    def rng(key: str) -> str:
        return f"{_quoted(source)}!${letters[key]}$2:${letters[key]}${LAST_ROW}"

    note = (
        f"本表由“{source}”表计算得出（公式）：请在“{source}”表中修改预测，导入时不读取本表。新的区域或平台请重新导出后查看。"
        if zh
        else f"Computed from the sheet {source} (formulas): edit the forecast there. Import does not read this"
        " sheet; export again to see new regions or platforms here."
    )
    _text(sheet.cell(1, 1), SUMMARY(lang))
    sheet.cell(1, 1).font = Font(bold=True, size=13, color=_primary())
    _text(sheet.cell(2, 1), note)
    sheet.cell(2, 1).font = Font(italic=True, color="6B7785")
    years = totals.years
    lines: list[tuple[str, str]] = []
    for row in plan.rows(FORECAST):
        line = (str(row.get(Cell.region) or ""), str(row.get(Cell.platform) or ""))
        if isinstance(row.get(Cell.year), int) and line not in lines:
            lines.append(line)
    by_region: dict[str, list[tuple[str, str]]] = {}
    for line in lines:
        by_region.setdefault(line[0], []).append(line)
    r = 4
    for measure in (Cell.revenue, Cell.margin):
        title = table.column(measure).label(lang) + (
            f"（{plan.money.label(lang)}）" if zh else f" ({plan.money.label(lang)})"
        )
        _text(sheet.cell(r, 1), title)
        sheet.cell(r, 1).font = Font(bold=True, color=_primary())
        r += 1
        head = [table.column(Cell.region).label(lang), table.column(Cell.platform).label(lang)]
        for i, text in enumerate(head, 1):
            _text(sheet.cell(r, i), text)
        for i, year in enumerate(years):
            sheet.cell(r, 3 + i, year)
        _text(sheet.cell(r, 3 + len(years)), "合计" if zh else "Total")
        _header_row(sheet, r, 3 + len(years))
        for i in range(len(years) + 1):  # over figures, headers stand right as the figures do
            sheet.cell(r, 3 + i).alignment = Alignment(horizontal="right", vertical="center")
        year_row = r
        r += 1
        subtotal_rows = []
        for region, region_lines in by_region.items():
            first = r
            for _, platform in region_lines:
                _text(sheet.cell(r, 1), region)
                _text(sheet.cell(r, 2), platform)
                for i in range(len(years)):
                    y = f"{column_letter(3 + i)}${year_row}"
                    sheet.cell(r, 3 + i).value = (
                        f"=SUMPRODUCT(--({rng(Cell.year)}={y}),--({rng(Cell.region)}=$A{r}),"
                        f"--({rng(Cell.platform)}=$B{r}),{rng(measure)})"
                    )
                sheet.cell(r, 3 + len(years)).value = f"=SUM(C{r}:{column_letter(2 + len(years))}{r})"
                r += 1
            _text(sheet.cell(r, 1), f"{region} 合计" if zh else f"{region} total")
            for i in range(len(years) + 1):
                letter = column_letter(3 + i)
                sheet.cell(r, 3 + i).value = f"=SUM({letter}{first}:{letter}{r - 1})"
            for i in range(1, len(years) + 4):
                sheet.cell(r, i).font = Font(bold=True)
            subtotal_rows.append(r)
            r += 1
        _text(sheet.cell(r, 1), "总计" if zh else "Total")
        for i in range(len(years) + 1):
            letter = column_letter(3 + i)
            parts = ",".join(f"{letter}{s}" for s in subtotal_rows)
            sheet.cell(r, 3 + i).value = f"=SUM({parts})" if parts else "=0"
        for i in range(1, len(years) + 4):
            cell = sheet.cell(r, i)
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", start_color=_primary(), end_color=_primary())
        for row in range(year_row + 1, r + 1):
            for i in range(len(years) + 1):
                sheet.cell(row, 3 + i).number_format = NUMBER_FORMATS[Kind.MONEY]
        r += 2
    sheet.column_dimensions["A"].width = _width([a for a, _ in lines] + ["总计 合计"], 2)
    sheet.column_dimensions["B"].width = _width([b for _, b in lines], 2)
    for i in range(len(years) + 1):
        sheet.column_dimensions[column_letter(3 + i)].width = 14
    sheet.freeze_panes = "C4"


def _about_sheet(sheet: Worksheet, plan: Plan, lang: str, names: dict[str, str]) -> None:
    zh = lang.startswith("zh")
    unit = plan.money.label(lang)
    forecast, summary = names[FORECAST], names["summary"]
    title = (
        f"{plan.account.name} {plan.year}：客户规划工作簿" if zh else f"{plan.account.name} {plan.year}: plan workbook"
    )
    if zh:
        lines = [
            "计划的每个表格是一张工作表。可以修改单元格、在最后一行下面添加新行、删除不要的行；然后在 kamplanner 中用"
            "“文件 ▸ 导入工作簿…”（或 kamplanner import-xlsx）导入：写入之前会列出所有改动。",
            "每张表的 A 列（已隐藏）是每行的行键，请不要修改；新行的 A 列留空。清空一行的所有单元格等于删除这一行。",
            f"百分比填 0 到 100 的数字（70 表示 70%）。金额的单位是 {unit}。是/否列填“是”或“否”。",
            f"请不要改工作表的名称或表头。“{summary}”表由“{forecast}”表用公式计算，导入时不读取。",
            "计划的文字部分和客户信息不在工作簿中，请在 kamplanner 中修改。",
        ]
    else:
        lines = [
            "Each table of the plan is a sheet. Edit cells, type new rows below the last one, delete rows you no"
            " longer want; then import it in kamplanner with File ▸ Import Workbook… (or kamplanner import-xlsx):"
            " it lists every change before anything is written.",
            "Column A of each sheet (hidden) holds each row's key: leave it as it is, and empty on a new row."
            " A row whose cells you all clear is deleted.",
            f"Percentages are numbers from 0 to 100 (70 means 70 %). Money is in {unit}. Yes/no columns take yes or no.",
            f"Do not rename sheets or change header rows. The sheet {summary} is computed from {forecast} by formulas"
            " and is not read back.",
            "The plan's prose and the account facts are not in this workbook: edit them in kamplanner.",
        ]
    _text(sheet.cell(1, 2), title)
    sheet.cell(1, 2).font = Font(bold=True, size=14, color=_primary())
    for i, line in enumerate(lines, 3):
        _text(sheet.cell(i, 2), line)
        sheet.cell(i, 2).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=i, start_column=2, end_row=i, end_column=3)
        sheet.row_dimensions[i].height = 48
    values = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "plan_uuid": plan.uuid or "",
        "account": plan.account.name,
        "year": plan.year,
        "revision": plan.version,
        "language": lang,
        "money_unit": plan.money.code,
    }
    for i, (key, label) in enumerate(META):
        row = META_FIRST_ROW + i
        _text(sheet.cell(row, 1), key)
        _text(sheet.cell(row, 2), label(lang))
        sheet.cell(row, 2).font = Font(bold=True)
        value = values[key]
        if isinstance(value, int):
            sheet.cell(row, 3, value)
        else:
            _text(sheet.cell(row, 3), value)
        sheet.cell(row, 3).alignment = Alignment(horizontal="left")  # numbers too, beside their label
    sheet.column_dimensions["A"].hidden = True
    sheet.column_dimensions["B"].width = 22
    sheet.column_dimensions["C"].width = 90
