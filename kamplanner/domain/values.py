"""Typed cell values: reading them from JSON or from what a user typed, and writing them back."""

from __future__ import annotations

import datetime as dt
import json
import math
import re

from .model import Value
from .template import Column, Kind


class ValueProblem(ValueError):
    """A value that does not fit its column; the message says what was expected and what came."""


_NUMERIC = (Kind.NUMBER, Kind.MONEY, Kind.PERCENT)

# The whole numbers a database column holds everywhere: signed 64-bit.
MIN_INTEGER, MAX_INTEGER = -(2**63), 2**63 - 1


def quote(text: str, width: int = 40) -> str:
    """A text as a message quotes it: JSON-escaped (one line, printable anywhere), cut short."""
    cut = text if len(text) <= width else text[: width - 3]
    quoted = json.dumps(cut, ensure_ascii=False)
    # Unpaired surrogates cannot be printed; show them as the escapes JSON writes for them.
    quoted = quoted.encode("utf-8", "backslashreplace").decode("utf-8")
    return quoted if cut is text else quoted[:-1] + '..."'


def describe(raw: object) -> str:
    """How a bad value is quoted in a message: short, JSON-like, one line."""
    if raw is None:
        return "null"
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, str):
        return quote(raw)
    if isinstance(raw, (list, dict)):
        return "an array" if isinstance(raw, list) else "an object"
    if isinstance(raw, int) and abs(raw) >= 10**24:  # too long to quote usefully
        return f"a number of about {int(raw.bit_length() * 0.30103) + 1} digits"
    return repr(raw)


def member_path(path: str, key: str) -> str:
    """The JSON path of ``key`` inside the object at ``path`` ("" for the top level)."""
    if key and len(key) <= 64 and key.isascii() and (key.replace("_", "a").isalnum()):
        return f"{path}.{key}" if path else key
    return f"{path or '$'}[{quote(key)}]"


def too_long(text: str, limit: int) -> str | None:
    """Why a text is too long for a field that holds at most ``limit`` characters, or None."""
    if len(text) <= limit:
        return None
    return f"text is {len(text):,} characters long; at most {limit:,} are allowed here"


def from_json(column: Column, raw: object) -> Value:
    """The domain value for a JSON value, or ValueProblem saying what is wrong."""
    if raw is None:
        return None
    return _READERS[column.kind](column, raw)


def _text_from_json(column: Column, raw: object) -> Value:
    if not isinstance(raw, str):
        raise ValueProblem(f"expected a string, got {describe(raw)}")
    return raw


def _number_from_json(column: Column, raw: object) -> Value:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise ValueProblem(f"expected a number, got {describe(raw)}")
    if isinstance(raw, int) and not MIN_INTEGER <= raw <= MAX_INTEGER:
        raise ValueProblem(f"expected a number of at most 19 digits, got {describe(raw)}")
    if not math.isfinite(raw):
        raise ValueProblem(f"expected a finite number, got {describe(raw)}")
    return float(raw)


def _integer_from_json(column: Column, raw: object) -> Value:
    if isinstance(raw, bool) or not isinstance(raw, int):
        if not (isinstance(raw, float) and raw.is_integer()):
            raise ValueProblem(f"expected a whole number, got {describe(raw)}")
        if not MIN_INTEGER <= raw <= MAX_INTEGER:
            raise ValueProblem(f"expected a whole number of at most 19 digits, got {describe(raw)}")
        return int(raw)
    if not MIN_INTEGER <= raw <= MAX_INTEGER:
        raise ValueProblem(f"expected a whole number of at most 19 digits, got {describe(raw)}")
    return raw


def _flag_from_json(column: Column, raw: object) -> Value:
    if not isinstance(raw, bool):
        raise ValueProblem(f"expected true or false, got {describe(raw)}")
    return raw


def _date_from_json(column: Column, raw: object) -> Value:
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    raise ValueProblem(f"expected a date (YYYY-MM-DD), got {describe(raw)}")


def ref_keys(value: Value) -> tuple[str, ...]:
    """The row keys a REFS cell (or a filled REF cell) holds, in order: the one place that
    knows how several keys sit in one value."""
    if not isinstance(value, str):
        return ()
    return tuple(value.split())


def join_refs(keys: list[str] | tuple[str, ...]) -> str | None:
    """The REFS value for these keys (duplicates dropped, order kept); None for none."""
    unique = list(dict.fromkeys(k for k in keys if k))
    return " ".join(unique) or None


def _refs_from_json(column: Column, raw: object) -> Value:
    if not isinstance(raw, list) or not all(isinstance(k, str) for k in raw):
        raise ValueProblem(f"expected an array of row keys, got {describe(raw)}")
    for key in raw:
        if not key or key.split() != [key]:
            raise ValueProblem(f"expected row keys without spaces, got {describe(key)}")
    return join_refs(raw)


def _choice_from_json(column: Column, raw: object) -> Value:
    if not isinstance(raw, str) or column.choice(raw) is None:
        allowed = ", ".join(c.key for c in column.choices)
        raise ValueProblem(f"expected one of {allowed}, got {describe(raw)}")
    return raw


# One reader for each kind of column (a test checks that every kind has one).
_READERS = {
    Kind.TEXT: _text_from_json,
    Kind.LONGTEXT: _text_from_json,
    Kind.REF: _text_from_json,
    Kind.REFS: _refs_from_json,
    Kind.NUMBER: _number_from_json,
    Kind.MONEY: _number_from_json,
    Kind.PERCENT: _number_from_json,
    Kind.INTEGER: _integer_from_json,
    Kind.YEAR: _integer_from_json,
    Kind.FLAG: _flag_from_json,
    Kind.DATE: _date_from_json,
    Kind.CHOICE: _choice_from_json,
}


def to_json(column: Column, value: Value) -> object:
    """The JSON value for a domain value (dates as ISO text, numbers as numbers).

    An empty text is written as null: a cell is either filled or empty, never both ways.
    """
    if value is None or value == "":
        return None
    if column.kind is Kind.DATE:
        assert isinstance(value, dt.date)
        return value.isoformat()
    if column.kind is Kind.REFS:
        return list(ref_keys(value)) or None
    if column.kind in _NUMERIC:
        assert isinstance(value, (int, float))
        number = float(value)
        # NaN and infinities are not JSON: a number that is not a number is an empty cell.
        return _plain_number(number) if math.isfinite(number) else None
    return value


def plain_number(x: float) -> float | int:
    """A finite number as a plan file writes it; see _plain_number."""
    return _plain_number(x)


def _plain_number(x: float) -> float | int:
    # Whole numbers are written without ".0" so files read naturally; reading gives float again.
    return int(x) if x.is_integer() and abs(x) < 2**53 else x


_GROUPING = re.compile(r"[,\s_，]")
# Between the names or keys of several references: commas (either width), 、 and semicolons.
_SEPARATORS = re.compile(r"[,，、;；\s]+")
NAME_SEPARATORS = re.compile(r"\s*[,，、;；]\s*")


def parse_input(column: Column, text: str) -> Value:
    """The value for what a user typed in a cell; empty text clears the cell."""
    text = text.strip()
    if not text:
        return None
    kind = column.kind
    if kind in (Kind.TEXT, Kind.LONGTEXT, Kind.REF):
        return text
    if kind is Kind.REFS:  # keys as typed: apart by commas or spaces (names are the editor's, see Plan.refs_from_names)
        return join_refs(_SEPARATORS.split(text))
    if kind in _NUMERIC:
        cleaned = _GROUPING.sub("", text).rstrip("%％")
        try:
            number = float(cleaned)
        except ValueError:
            raise ValueProblem(f"expected a number, got {describe(text)}") from None
        if not math.isfinite(number):
            raise ValueProblem(f"expected a finite number, got {describe(text)}")
        return number
    if kind in (Kind.INTEGER, Kind.YEAR):
        try:
            whole = int(_GROUPING.sub("", text))
        except ValueError:
            raise ValueProblem(f"expected a whole number, got {describe(text)}") from None
        if not MIN_INTEGER <= whole <= MAX_INTEGER:
            raise ValueProblem(f"expected a whole number of at most 19 digits, got {describe(text)}")
        return whole
    if kind is Kind.FLAG:
        lowered = text.lower()
        if lowered in ("1", "true", "yes", "y", "是", "✓", "x"):
            return True
        if lowered in ("0", "false", "no", "n", "否"):
            return False
        raise ValueProblem(f"expected yes or no, got {describe(text)}")
    if kind is Kind.DATE:
        try:
            return dt.date.fromisoformat(text.replace("/", "-"))
        except ValueError:
            raise ValueProblem(f"expected a date (YYYY-MM-DD), got {describe(text)}") from None
    if kind is Kind.CHOICE:
        for choice in column.choices:
            if text in (choice.key, choice.label.zh, choice.label.en):
                return choice.key
        allowed = ", ".join(c.key for c in column.choices)
        raise ValueProblem(f"expected one of {allowed}, got {describe(text)}")
    raise AssertionError(kind)  # pragma: no cover


def format_number(x: float, decimals: int = 0) -> str:
    """Thousands separators, fixed decimals; the same in both languages."""
    return f"{x:,.{decimals}f}"


def format_value(column: Column, value: Value, lang: str) -> str:
    """How a value reads in a table, in the editor and in the PDF."""
    if value is None or value == "":
        return ""
    kind = column.kind
    if kind is Kind.MONEY:
        assert isinstance(value, (int, float))
        return format_number(float(value), 0 if float(value).is_integer() else 1)
    if kind is Kind.NUMBER:
        assert isinstance(value, (int, float))
        x = float(value)
        # As many decimals as the number has, up to two (one from 100 up): 14.6, not 14.60.
        text = format_number(x, 0 if x.is_integer() else 2 if abs(x) < 100 else 1)
        return text.rstrip("0").rstrip(".") if "." in text else text
    if kind is Kind.PERCENT:
        assert isinstance(value, (int, float))
        x = float(value)
        return f"{x:.0f}%" if x.is_integer() else f"{x:.1f}%"
    if kind is Kind.DATE:
        assert isinstance(value, dt.date)
        return value.isoformat()
    if kind is Kind.FLAG:
        return "✓" if value else ""
    if kind is Kind.CHOICE:
        choice = column.choice(str(value))
        return choice.label(lang) if choice else str(value)
    return str(value)


# The money units plans commonly use, as each language writes them. A plan keeps its unit as
# its author typed it; a document in the other language shows the unit in its own words.
MONEY_UNITS: tuple[tuple[str, str], ...] = (
    ("元", "CNY"),
    ("千元", "CNY 1k"),
    ("万元", "CNY 10k"),
    ("百万元", "CNY m"),
    ("亿元", "CNY 100m"),
)


def money_unit(unit: str, lang: str) -> str:
    """The plan's money unit in ``lang`` when it is a common one, else as written."""
    key = unit.strip()
    for zh, en in MONEY_UNITS:
        if key.casefold() in (zh, en.casefold()):
            return zh if lang.startswith("zh") else en
    return unit
