"""Reading one workbook cell as its column keeps it, and the bounds on the archive before it
is unpacked: the rules workbook_read.py applies, beside it so that module stays about one thing."""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile

from ..domain.limits import MAX_FILE_BYTES
from ..domain.model import Value
from ..domain.template import Column, Kind
from ..domain.text import clean_text
from ..domain.values import ValueProblem, describe, from_json, parse_input, plain_number, quote
from .book_layout import WorkbookError

MAX_ENTRIES = 500  # files in the zip archive
MAX_ENTRY_BYTES = 25_000_000  # one file of it, unpacked (a full plan's sheet is well under 1 MB)
MAX_UNPACKED_BYTES = 100_000_000  # all of them, unpacked
_TEXT_KINDS = (Kind.TEXT, Kind.LONGTEXT, Kind.REF)


def check_archive(data: bytes) -> None:
    """Refuse what is too big or no .xlsx at all, from the zip's own directory, before it is unpacked."""
    if len(data) > MAX_FILE_BYTES:
        raise WorkbookError([f"workbook: the file is {len(data):,} bytes; a workbook holds at most {MAX_FILE_BYTES:,}"])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise WorkbookError(
            ["workbook: not an .xlsx workbook (it is no zip archive, or a damaged or cut-off one)"]
        ) from None
    if len(entries) > MAX_ENTRIES:
        raise WorkbookError(
            [f"workbook: the archive holds {len(entries):,} files; a workbook has at most {MAX_ENTRIES}"]
        )
    biggest = max(entries, key=lambda e: e.file_size, default=None)
    if biggest is not None and biggest.file_size > MAX_ENTRY_BYTES:
        raise WorkbookError(
            [
                f"workbook: {quote(biggest.filename)} unpacks to {biggest.file_size:,} bytes;"
                f" a part of a workbook may be at most {MAX_ENTRY_BYTES:,}"
            ]
        )
    total = sum(e.file_size for e in entries)
    if total > MAX_UNPACKED_BYTES:
        raise WorkbookError(
            [f"workbook: it unpacks to {total:,} bytes; a workbook may unpack to at most {MAX_UNPACKED_BYTES:,}"]
        )
    names = {e.filename for e in entries}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise WorkbookError(["workbook: a zip archive, but not an .xlsx workbook (it has no xl/workbook.xml)"])


def is_percent_format(number_format: object) -> bool:
    """Whether a cell shows a fraction as a percentage (Excel's 0%, 0.00%): typing 75% gives 0.75."""
    if not isinstance(number_format, str):
        return False
    outside_quotes = "".join(part for i, part in enumerate(number_format.split('"')) if i % 2 == 0)
    return "%" in outside_quotes.replace("\\%", "")


def typed(column: Column, raw: object, percent_format: bool) -> Value:
    """A cell's value as the column keeps it; ValueProblem saying what was expected."""
    kind = column.kind
    if isinstance(raw, str):
        return parse_input(column, clean_text(raw))  # as the editor reads what is typed
    if isinstance(raw, bool):
        if kind is Kind.FLAG:
            return raw
        raise ValueProblem(f"expected {_expected(column)}, got {'TRUE' if raw else 'FALSE'}")
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise ValueProblem(f"expected a finite number, got {describe(raw)}")
        if kind in _TEXT_KINDS:
            return str(raw) if isinstance(raw, int) else str(plain_number(raw))
        if kind in (Kind.NUMBER, Kind.MONEY, Kind.PERCENT):
            number = from_json(column, raw)
            if kind is Kind.PERCENT and percent_format and isinstance(number, float):
                number = round(number * 100, 9)  # 0.75 shown as 75 %: the plan keeps 75
            return number
        if kind in (Kind.INTEGER, Kind.YEAR, Kind.FLAG, Kind.CHOICE):
            whole = int(raw) if isinstance(raw, float) and raw.is_integer() else raw
            if kind in (Kind.INTEGER, Kind.YEAR):
                return from_json(column, whole)
            return parse_input(column, str(whole))
        raise ValueProblem(f"expected {_expected(column)}, got the number {describe(raw)}")
    if isinstance(raw, dt.datetime):
        if raw.time() != dt.time(0, 0):
            raise ValueProblem(f"expected {_expected(column)}, got a date and time ({raw.isoformat(' ')})")
        raw = raw.date()
    if isinstance(raw, dt.date):
        if kind is Kind.DATE:
            return raw
        if kind in (Kind.TEXT, Kind.LONGTEXT):
            return raw.isoformat()
        raise ValueProblem(f"expected {_expected(column)}, got the date {raw.isoformat()}")
    raise ValueProblem(f"expected {_expected(column)}, got a time or a duration ({raw})")


def _expected(column: Column) -> str:
    kind = column.kind
    if kind in (Kind.NUMBER, Kind.MONEY, Kind.PERCENT):
        return "a number"
    if kind in (Kind.INTEGER, Kind.YEAR):
        return "a whole number"
    if kind is Kind.DATE:
        return "a date (YYYY-MM-DD)"
    if kind is Kind.FLAG:
        return "yes or no"
    if kind is Kind.CHOICE:
        return "one of the list"
    return "a text"
