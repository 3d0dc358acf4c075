"""The plan file: a versioned JSON document that carries one plan between machines.

It holds no database ids; references between rows use row keys local to the file. From
version 3 it carries the account's and the plan's UUIDs, which stay the same in every database
the plan goes to (importing a file whose plan UUID is there already is importing that plan). Reading a
file checks all of it and reports every problem with its JSON path, so an import can refuse
the file whole. See docs/plan-format.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import uuid as uuid_module
from collections.abc import Callable
from typing import Any

from .cycle import (
    ATTITUDES,
    MAX_ACTUAL,
    MAX_REVIEW_VERSION,
    MAX_WEEKS,
    MAX_YEAR,
    MIN_WEEKS,
    MIN_YEAR,
    QUESTION_KEYS,
    STEP_KEYS,
    Cycle,
    Decision,
    cycle_to_json,
    read_cycle,
)
from .limits import (
    MAX_CELL,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_KEY,
    MAX_LONG_CELL,
    MAX_NAME,
    MAX_PLAN_TEXT,
    MAX_PROSE,
    MAX_ROWS,
)
from .model import Account, Phase, Plan, Record, Scope, Tier, Value
from .template import LANGUAGES, TEMPLATE, Column, Kind, Part, Prose, Section, Table
from .text import clean_text, text_problem
from .validation import plan_text_size
from .values import (
    MAX_INTEGER,
    MIN_INTEGER,
    ValueProblem,
    describe,
    from_json,
    member_path,
    plain_number,
    quote,
    ref_keys,
    to_json,
    too_long,
)

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "PlanFileError", "clean_text", "text_problem"]

FORMAT_NAME = "kamplanner-plan"
FORMAT_VERSION = 4
LEGACY_UNIT = "万元"  # the money unit of a file that names none (domain/money.py reads it as CNY 10k)


def _v1_to_v2(document: dict[str, Any]) -> dict[str, Any]:
    # Version 2 added the cycle record (phase history, timetable, steps, reviews, progress).
    return {**document, "format_version": 2, "cycle": cycle_to_json(Cycle())}


def _v2_to_v3(document: dict[str, Any]) -> dict[str, Any]:
    # Version 3 added the account's and the plan's UUIDs. An older file has none: its plan
    # gets new ones when it is imported, as a plan of its own.
    return {**document, "format_version": 3}


def _v3_to_v4(document: dict[str, Any]) -> dict[str, Any]:
    # Version 4 added the contact log (appendix.account_info.contacts) and several-row
    # references (an array of row keys). An older file has no contacts: its log starts empty.
    return {**document, "format_version": 4}


# Upgrade steps: UPGRADES[n] turns a version-n document into a version-(n+1) one.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}

ACCOUNT_KEYS = ("name", "tier", "industry", "region", "scope", "customer_since", "annual_revenue", "manager", "uuid")
PLAN_KEYS = ("year", "language", "version", "phase", "currency", "uuid")
# Identities, not content: a plan's fingerprint is the same in every database it is copied to.
IDENTITY_KEYS = ("uuid",)


# Bounds on the numbers a plan file gives, so that every one fits the database and reads sensibly.
MAX_VERSION = 2**31 - 1
MAX_AMOUNT = 1e15  # an account's annual revenue, in the money unit


def _is_whole(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _is_number(value: object, bound: float) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return abs(value) <= bound  # NaN is never <= anything


class PlanFileError(ValueError):
    """A plan file that cannot be read; ``problems`` has one line per problem, path first."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


# --------------------------------------------------------------------------- writing


def to_document(plan: Plan, cycle: Cycle | None = None) -> dict[str, Any]:
    """The plan (and its cycle record) as a JSON-ready document, in template order."""
    account = plan.account
    sections: dict[str, Any] = {}
    for section in TEMPLATE.sections:
        body: dict[str, Any] = {}
        for f in section.fields:
            body[f.key] = _field_to_json(plan, f)
        for part in section.parts:
            body[part.key] = {f.key: _field_to_json(plan, f) for f in part.fields}
        sections[section.key] = body
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "account": {
            "name": account.name,
            "tier": account.tier.value,
            "industry": account.industry,
            "region": account.region,
            "scope": account.scope.value,
            "customer_since": account.customer_since,
            "annual_revenue": _number_or_none(account.annual_revenue),
            "manager": account.manager,
            "uuid": account.uuid,
        },
        "plan": {
            "year": plan.year,
            "language": plan.language,
            "version": plan.version,
            "phase": plan.phase.slug,
            "currency": plan.currency,
            "uuid": plan.uuid,
        },
        "sections": sections,
        "cycle": cycle_to_json(cycle or Cycle()),
    }


def _number_or_none(x: float | None) -> float | int | None:
    # NaN and infinities are not JSON (and SQLite keeps NaN as NULL): they are written as null.
    if x is None or not math.isfinite(x):
        return None
    return plain_number(float(x))


def _field_to_json(plan: Plan, f: Prose | Table) -> Any:
    if isinstance(f, Prose):
        return plan.text(f.path)
    return [
        {"key": row.key, **{c.key: to_json(c, row.get(c.key)) for c in f.columns}}
        for row in plan.tables.get(f.path, [])
    ]


def dumps(plan: Plan, cycle: Cycle | None = None) -> str:
    """The plan file's text: stable key order, UTF-8 friendly, one trailing newline."""
    return json.dumps(to_document(plan, cycle), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def canonical_bytes(plan: Plan) -> bytes:
    """The bytes the fingerprint is taken over: the content, not the cycle state."""
    document = to_document(plan)
    del document["plan"]["phase"]
    del document["cycle"]
    for key in IDENTITY_KEYS:
        del document["account"][key], document["plan"][key]
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8")


def fingerprint(plan: Plan) -> str:
    """SHA-256 of the plan version's canonical JSON, in hex."""
    return hashlib.sha256(canonical_bytes(plan)).hexdigest()


# --------------------------------------------------------------------------- reading


def loads(text: str | bytes) -> Plan:
    """The plan in a plan file's text, or PlanFileError listing every problem."""
    return loads_with_cycle(text)[0]


def loads_with_cycle(text: str | bytes) -> tuple[Plan, Cycle]:
    """The plan and its cycle record in a plan file's text, or PlanFileError."""
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_FILE_BYTES:
        raise PlanFileError([f"$: the file is {size:,} bytes; a plan file holds at most {MAX_FILE_BYTES:,}"])
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PlanFileError([f"$: the file is not UTF-8 text (byte {exc.start})"]) from None
    return from_document_with_cycle(parse_json(text))


class _NotANumber:
    """Where the file has a number JSON does not allow (NaN, Infinity) or no database can keep."""

    def __init__(self, text: str, why: str):
        self.text, self.why = text, why


_MAX_DIGITS = 20  # a whole number longer than this is over any bound the format has
_DEPTH_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|["\[\]{}]')


def parse_json(text: str) -> object:
    """Strict JSON for plan files, or PlanFileError with one line per problem.

    Refused: nesting deeper than MAX_DEPTH (checked before parsing, so deep input never
    reaches the recursive parser), NaN and Infinity, numbers too large to keep, and an object
    giving the same key twice (JSON lets the last one win silently).
    """
    deep = _too_deep(text)
    if deep is not None:
        line = text.count("\n", 0, deep) + 1
        column = deep - (text.rfind("\n", 0, deep) + 1) + 1
        raise PlanFileError([f"$: arrays and objects nested more than {MAX_DEPTH} deep (line {line}, column {column})"])
    duplicates: dict[int, tuple[dict[str, Any], list[str]]] = {}
    refused: list[_NotANumber] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) != len(items):
            seen: set[str] = set()
            twice = [k for k, _ in items if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
            duplicates[id(obj)] = (obj, list(dict.fromkeys(twice)))
        return obj

    def refuse(literal: str, why: str) -> _NotANumber:
        refused.append(_NotANumber(literal, why))
        return refused[-1]

    def constant(name: str) -> _NotANumber:
        return refuse(name, "is not a number JSON allows (NaN and Infinity are refused)")

    def real(literal: str) -> float | _NotANumber:
        number = float(literal)
        if not math.isfinite(number):
            return refuse(literal, "is too large a number (it overflows to infinity)")
        return number

    def whole(literal: str) -> int | _NotANumber:
        if len(literal.lstrip("-")) > _MAX_DIGITS:
            return refuse(literal, "is too large a number")
        return int(literal)

    try:
        document = json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_float=real, parse_int=whole)
    except json.JSONDecodeError as exc:
        raise PlanFileError([f"$: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"]) from None
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise PlanFileError([f"$: arrays and objects nested more than {MAX_DEPTH} deep"]) from None
    if duplicates or refused:
        raise PlanFileError(_strange_values(document, duplicates))
    return document


def _too_deep(text: str) -> int | None:
    """Where the text first nests arrays and objects deeper than MAX_DEPTH, or None."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for token in _DEPTH_TOKENS.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return token.start()
        elif char in "]}":
            depth -= 1
        elif char == '"':  # an unterminated string: the parser reports it
            return None
    return None


def _strange_values(document: object, duplicates: dict[int, tuple[dict[str, Any], list[str]]]) -> list[str]:
    """Duplicate keys and refused numbers, each with its JSON path, in document order."""
    problems: list[str] = []
    stack: list[tuple[str, object]] = [("$", document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, _NotANumber):
            literal = value.text if len(value.text) <= 40 else value.text[:37] + "..."
            problems.append(f"{path}: {literal} {value.why}")
        elif isinstance(value, dict):
            base = "" if path == "$" else path
            if id(value) in duplicates:
                for key in duplicates[id(value)][1]:
                    problems.append(
                        f"{member_path(base, key)}: the key {quote(key)} appears more than once in this object"
                    )
            stack.extend((member_path(base, k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", v) for i, v in reversed(list(enumerate(value))))
    return problems


def from_document(document: object) -> Plan:
    return from_document_with_cycle(document)[0]


def from_document_with_cycle(document: object) -> tuple[Plan, Cycle]:
    reader = _Reader()
    plan = reader.read(document)
    if reader.problems or plan is None:
        raise PlanFileError(reader.problems or ["$: not a plan file"])
    return plan, reader.cycle


def account_from_json(value: object) -> Account:
    """An account object as the plan file writes it (the demo's account list uses it too)."""
    reader = _Reader()
    account = reader._account(value)
    if reader.problems:
        raise PlanFileError(reader.problems)
    return account


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    """Bring an older document up to FORMAT_VERSION, one step at a time."""
    version = document["format_version"]
    while version < FORMAT_VERSION:
        document = UPGRADES[version](document)
        version = document["format_version"]
    return document


class _Reader:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.cycle = Cycle()
        self.row_paths: dict[tuple[str, str], str] = {}  # (table path, row key) -> its JSON path

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def read(self, document: object) -> Plan | None:
        if not isinstance(document, dict):
            self.problem("$", f"expected an object, got {describe(document)}")
            return None
        if document.get("format") != FORMAT_NAME:
            self.problem("format", f'expected "{FORMAT_NAME}", got {describe(document.get("format"))}')
            return None
        version = document.get("format_version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            self.problem("format_version", f"expected a whole number from 1, got {describe(version)}")
            return None
        if version > FORMAT_VERSION:
            self.problem(
                "format_version",
                f"this file is format version {version}, newer than this kamplanner reads"
                f" (up to {FORMAT_VERSION}); update kamplanner to open it",
            )
            return None
        document = upgrade(dict(document))
        self._unknown_keys("", document, ("format", "format_version", "account", "plan", "sections", "cycle"))
        account = self._account(document.get("account"))
        plan = self._plan(document.get("plan"), account)
        self._cycle(document.get("cycle"))
        sections = document.get("sections")
        if sections is None:  # an empty plan
            return plan
        if not isinstance(sections, dict):
            self.problem("sections", f"expected an object, got {describe(sections)}")
            return plan
        self._unknown_keys("sections", sections, tuple(s.key for s in TEMPLATE.sections))
        for section in TEMPLATE.sections:
            self._section(section, sections.get(section.key), plan)
        self._several_refs(plan)
        size = plan_text_size(plan)
        if size > MAX_PLAN_TEXT:
            self.problem(
                "sections", f"the plan holds {size:,} characters of text; a plan holds at most {MAX_PLAN_TEXT:,}"
            )
        return plan

    # ---- pieces

    def _unknown_keys(self, path: str, obj: dict[str, Any], known: tuple[str, ...]) -> None:
        for key in obj:
            if key not in known:
                self.problem(member_path(path, key), "unknown field (not part of the plan format)")

    def _object(self, path: str, value: object) -> dict[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(path, f"expected an object, got {describe(value)}")
            return None
        return value

    def _text(self, path: str, value: object, limit: int, required: bool = False) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            self.problem(path, f"expected a string, got {describe(value)}")
            return ""
        problem = too_long(value, limit) or text_problem(value)
        if problem:
            self.problem(path, problem)
            return ""
        if required and not value.strip():
            self.problem(path, "must not be empty")
        return value

    def _account(self, value: object) -> Account:
        account = Account(name="")
        obj = self._object("account", value)
        if obj is None:
            self.problem("account", "missing: a plan file names its account")
            return account
        self._unknown_keys("account", obj, ACCOUNT_KEYS)
        account.name = self._text("account.name", obj.get("name"), MAX_NAME, required=True)
        account.industry = self._text("account.industry", obj.get("industry"), MAX_NAME)
        account.region = self._text("account.region", obj.get("region"), MAX_NAME)
        account.manager = self._text("account.manager", obj.get("manager"), MAX_NAME)
        account.uuid = self._uuid("account.uuid", obj.get("uuid"))
        tier = obj.get("tier", "general")
        if isinstance(tier, str) and tier in set(Tier):
            account.tier = Tier(tier)
        else:
            self.problem("account.tier", f"expected one of key, important, general, got {describe(tier)}")
        scope = obj.get("scope", "national")
        if isinstance(scope, str) and scope in set(Scope):
            account.scope = Scope(scope)
        else:
            self.problem("account.scope", f"expected one of national, regional, got {describe(scope)}")
        since = obj.get("customer_since")
        if since is not None and not _is_whole(since, MIN_YEAR, MAX_YEAR):
            self.problem(
                "account.customer_since", f"expected a year from {MIN_YEAR} to {MAX_YEAR}, got {describe(since)}"
            )
        else:
            account.customer_since = since
        revenue = obj.get("annual_revenue")
        if revenue is not None and not _is_number(revenue, MAX_AMOUNT):
            self.problem(
                "account.annual_revenue", f"expected a number of at most {MAX_AMOUNT:,.0f}, got {describe(revenue)}"
            )
        else:
            account.annual_revenue = float(revenue) if revenue is not None else None
        return account

    def _plan(self, value: object, account: Account) -> Plan:
        plan = Plan(account=account, year=0)
        obj = self._object("plan", value)
        if obj is None:
            self.problem("plan", "missing: a plan file gives the plan's year")
            return plan
        self._unknown_keys("plan", obj, PLAN_KEYS)
        year = obj.get("year")
        if not _is_whole(year, MIN_YEAR, MAX_YEAR):
            self.problem("plan.year", f"expected a year from {MIN_YEAR} to {MAX_YEAR}, got {describe(year)}")
        else:
            assert isinstance(year, int)
            plan.year = year
        language = obj.get("language", "zh_CN")
        if not isinstance(language, str) or language not in LANGUAGES:
            self.problem("plan.language", f"expected one of {', '.join(LANGUAGES)}, got {describe(language)}")
        else:
            plan.language = language
        version = obj.get("version", 1)
        if not _is_whole(version, 1, MAX_VERSION):
            self.problem("plan.version", f"expected a whole number from 1 to {MAX_VERSION:,}, got {describe(version)}")
        else:
            plan.version = version
        phase = obj.get("phase", "preparation")
        try:
            plan.phase = Phase.from_slug(phase) if isinstance(phase, str) else Phase(0)
        except (KeyError, ValueError):
            names = ", ".join(p.slug for p in Phase)
            self.problem("plan.phase", f"expected one of {names}, got {describe(phase)}")
        plan.currency = self._money_unit(obj.get("currency", LEGACY_UNIT))
        plan.uuid = self._uuid("plan.uuid", obj.get("uuid"))
        return plan

    def _money_unit(self, value: object) -> str:
        """The plan's money unit as the file writes it, kept as written so the fingerprint stays
        (a file without one is in 万元, as every plan was before plans chose; a text that names
        no unit reads as that too, domain/money.py)."""
        return self._text("plan.currency", value, MAX_NAME) or LEGACY_UNIT

    def _uuid(self, path: str, value: object) -> str | None:
        """A UUID in its usual text form (lower case, with hyphens), or None when not given."""
        if value is None:
            return None
        try:
            if not isinstance(value, str) or len(value) != 36:
                raise ValueError
            return str(uuid_module.UUID(value))
        except ValueError:
            self.problem(path, f"expected a UUID (like 123e4567-e89b-12d3-a456-426614174000), got {describe(value)}")
            return None

    def _cycle(self, value: object) -> None:
        obj = self._object("cycle", value)
        if obj is None:
            return
        self.cycle, problems = read_cycle(obj, "cycle", bounded=True)
        self.problems.extend(problems)

    def _section(self, section: Section, value: object, plan: Plan) -> None:
        path = f"sections.{section.key}"
        obj = self._object(path, value)
        if obj is None:
            return
        known = tuple(f.key for f in section.fields) + tuple(p.key for p in section.parts)
        self._unknown_keys(path, obj, known)
        for f in section.fields:
            self._field(f"{path}.{f.key}", f, obj.get(f.key), plan)
        for part in section.parts:
            self._part(f"{path}.{part.key}", part, obj.get(part.key), plan)

    def _part(self, path: str, part: Part, value: object, plan: Plan) -> None:
        obj = self._object(path, value)
        if obj is None:
            return
        self._unknown_keys(path, obj, tuple(f.key for f in part.fields))
        for f in part.fields:
            self._field(f"{path}.{f.key}", f, obj.get(f.key), plan)

    def _field(self, path: str, f: Prose | Table, value: object, plan: Plan) -> None:
        if value is None:
            return
        if isinstance(f, Prose):
            text = self._text(path, value, MAX_PROSE)
            if text:
                plan.prose[f.path] = text
            return
        if not isinstance(value, list):
            self.problem(path, f"expected an array of rows, got {describe(value)}")
            return
        if len(value) > MAX_ROWS:
            self.problem(path, f"{len(value):,} rows; a table holds at most {MAX_ROWS:,}")
            return
        rows: list[Record] = []
        keys: set[str] = set()
        for index, raw in enumerate(value):
            row_path = f"{path}[{index}]"
            if not isinstance(raw, dict):
                self.problem(row_path, f"expected an object, got {describe(raw)}")
                continue
            self._unknown_keys(row_path, raw, ("key", *f.column_keys))
            key = raw.get("key")
            if not isinstance(key, str) or not key.strip() or text_problem(key) or len(key) > MAX_KEY:
                self.problem(
                    f"{row_path}.key",
                    f"expected a non-empty string of at most {MAX_KEY} characters, got {describe(key)}",
                )
                continue
            if key in keys:
                self.problem(f"{row_path}.key", f"duplicate row key {describe(key)}")
                continue
            keys.add(key)
            self.row_paths[(f.path, key)] = row_path
            record = Record(key)
            for column in f.columns:
                raw_value = raw.get(column.key)
                try:
                    cell = from_json(column, raw_value)
                except ValueProblem as exc:
                    self.problem(f"{row_path}.{column.key}", str(exc))
                    continue
                problem = cell_problem(column, cell)
                if problem:
                    self.problem(f"{row_path}.{column.key}", problem)
                    continue
                if cell is not None and cell != "":
                    record.values[column.key] = cell
            rows.append(record)
        if rows:
            plan.tables[f.path] = rows

    def _several_refs(self, plan: Plan) -> None:
        # Several-row references (a contact's people) must name rows the file has: a contact
        # with someone who is not there would silently drop out of that person's history.
        for table in TEMPLATE.tables():
            for column in table.columns:
                if column.kind is not Kind.REFS or not column.ref:
                    continue
                target = TEMPLATE.table(column.ref)
                known = {r.key for r in plan.tables.get(column.ref, [])}
                for row in plan.tables.get(table.path, []):
                    missing = [k for k in ref_keys(row.get(column.key)) if k not in known]
                    if missing:
                        where = self.row_paths.get((table.path, row.key), table.path)
                        names = ", ".join(describe(k) for k in missing)
                        self.problem(
                            f"{where}.{column.key}", f"no row {names} in {target.path} ({target.label.en.lower()})"
                        )


def cell_problem(column: Column, cell: Value) -> str | None:
    """Why a typed cell value cannot be imported into ``column`` (dates and years outside the
    years a plan may give, text too long for the column or not storable), or None. The plan
    file and the workbook (outputs/workbook_read.py) both refuse by this rule."""
    if isinstance(cell, dt.date) and not MIN_YEAR <= cell.year <= MAX_YEAR:
        return f"expected a date in the years {MIN_YEAR} to {MAX_YEAR}, got {cell}"
    if column.kind is Kind.YEAR and isinstance(cell, int) and not MIN_YEAR <= cell <= MAX_YEAR:
        return f"expected a year from {MIN_YEAR} to {MAX_YEAR}, got {cell}"
    if isinstance(cell, str):
        limit = MAX_LONG_CELL if column.kind is Kind.LONGTEXT else MAX_CELL
        return too_long(cell, limit) or text_problem(cell)
    return None


# --------------------------------------------------------------------------- JSON Schema


UUID_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": "string", "format": "uuid", "minLength": 36, "maxLength": 36}, {"type": "null"}],
    "description": "the identity that stays the same in every database (from format version 3)",
}


def json_schema() -> dict[str, Any]:
    """A JSON Schema (2020-12) for the current format, made from the template."""

    def text(limit: int) -> dict[str, Any]:
        return {"type": "string", "maxLength": limit}

    def column_schema(kind: Kind, choices: list[str]) -> dict[str, Any]:
        base: dict[str, Any]
        if kind in (Kind.TEXT, Kind.REF):
            base = text(MAX_CELL)
        elif kind is Kind.LONGTEXT:
            base = text(MAX_LONG_CELL)
        elif kind in (Kind.NUMBER, Kind.MONEY, Kind.PERCENT):
            base = {"type": "number"}
        elif kind is Kind.INTEGER:
            base = {"type": "integer", "minimum": MIN_INTEGER, "maximum": MAX_INTEGER}
        elif kind is Kind.YEAR:
            base = {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}
        elif kind is Kind.FLAG:
            base = {"type": "boolean"}
        elif kind is Kind.DATE:
            base = {"type": "string", "format": "date"}
        elif kind is Kind.REFS:
            key = {"type": "string", "minLength": 1, "maxLength": MAX_KEY, "pattern": "^\\S+$"}
            base = {"type": "array", "items": key, "maxItems": MAX_ROWS}
        else:
            base = {"enum": choices}
        return {"anyOf": [base, {"type": "null"}]}

    def field_schema(f: Prose | Table) -> dict[str, Any]:
        if isinstance(f, Prose):
            return {**text(MAX_PROSE), "description": f.label.en}
        properties: dict[str, Any] = {"key": {"type": "string", "minLength": 1, "maxLength": MAX_KEY}}
        for c in f.columns:
            schema = column_schema(c.kind, [ch.key for ch in c.choices])
            schema["description"] = c.label.en + (f" (row key in {c.ref})" if c.ref else "")
            properties[c.key] = schema
        return {
            "type": "array",
            "description": f.label.en,
            "maxItems": MAX_ROWS,
            "items": {
                "type": "object",
                "required": ["key"],
                "additionalProperties": False,
                "properties": properties,
            },
        }

    sections: dict[str, Any] = {}
    for section in TEMPLATE.sections:
        props: dict[str, Any] = {f.key: field_schema(f) for f in section.fields}
        for part in section.parts:
            props[part.key] = {
                "type": "object",
                "description": part.label.en,
                "additionalProperties": False,
                "properties": {f.key: field_schema(f) for f in part.fields},
            }
        sections[section.key] = {
            "type": "object",
            "description": f"{section.number}. {section.label.en} / {section.label.zh}",
            "additionalProperties": False,
            "properties": props,
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "kamplanner plan file",
        "type": "object",
        "required": ["format", "format_version", "account", "plan"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT_NAME},
            "format_version": {"type": "integer", "minimum": 1, "maximum": FORMAT_VERSION},
            "account": {
                "type": "object",
                "required": ["name"],
                "additionalProperties": False,
                "properties": {
                    "name": {**text(MAX_NAME), "minLength": 1},
                    "tier": {"enum": [t.value for t in Tier]},
                    "industry": text(MAX_NAME),
                    "region": text(MAX_NAME),
                    "scope": {"enum": [s.value for s in Scope]},
                    "customer_since": {"type": ["integer", "null"], "minimum": MIN_YEAR, "maximum": MAX_YEAR},
                    "annual_revenue": {"type": ["number", "null"], "minimum": -MAX_AMOUNT, "maximum": MAX_AMOUNT},
                    "manager": text(MAX_NAME),
                    "uuid": UUID_SCHEMA,
                },
            },
            "plan": {
                "type": "object",
                "required": ["year"],
                "additionalProperties": False,
                "properties": {
                    "year": {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
                    "language": {"enum": list(LANGUAGES)},
                    "version": {"type": "integer", "minimum": 1, "maximum": MAX_VERSION},
                    "phase": {"enum": [p.slug for p in Phase]},
                    "currency": text(MAX_NAME),
                    "uuid": UUID_SCHEMA,
                },
            },
            "sections": {"type": "object", "additionalProperties": False, "properties": sections},
            "cycle": cycle_schema(),
        },
    }


def cycle_schema() -> dict[str, Any]:
    """The JSON Schema of the cycle record, as read_cycle reads it with the plan file's bounds."""

    def text(limit: int) -> dict[str, Any]:
        return {"anyOf": [{"type": "string", "maxLength": limit}, {"type": "null"}]}

    def entries(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
        item = {"type": "object", "required": required, "additionalProperties": False, "properties": properties}
        return {"type": "array", "maxItems": MAX_ROWS, "items": item}

    date = {"type": "string", "format": "date"}
    by_row_key: dict[str, Any] = {"type": "object", "maxProperties": MAX_ROWS, "propertyNames": {"maxLength": MAX_KEY}}
    return {
        "type": "object",
        "description": "the cycle record: phase history, timetable, development steps, reviews, progress reviews",
        "additionalProperties": False,
        "properties": {
            "events": entries(
                {
                    "phase": {"enum": [p.slug for p in Phase]},
                    "at": {"type": "string", "format": "date-time", "description": "with a time zone"},
                    "by": text(MAX_NAME),
                    "note": text(MAX_LONG_CELL),
                    "role": text(MAX_NAME),
                },
                ["phase", "at"],
            ),
            "preparation": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "expectations": text(MAX_PROSE),
                    "guidelines": text(MAX_PROSE),
                    "development_start": {"anyOf": [date, {"type": "null"}]},
                    "development_weeks": {"type": ["integer", "null"], "minimum": MIN_WEEKS, "maximum": MAX_WEEKS},
                    "review_date": {"anyOf": [date, {"type": "null"}]},
                    "reviewed_in_person": {"type": ["boolean", "null"]},
                },
            },
            "steps": {
                "type": "object",
                "additionalProperties": False,
                "properties": {k: {"type": "boolean"} for k in STEP_KEYS},
            },
            "reviews": entries(
                {
                    "reviewer": {"type": "string", "maxLength": MAX_NAME},
                    "role": text(MAX_NAME),
                    "date": date,
                    "version": {"type": "integer", "minimum": 1, "maximum": MAX_REVIEW_VERSION},
                    "decision": {"enum": [d.value for d in Decision]},
                    "score": {"type": "integer", "minimum": 1, "maximum": 5},
                    "summary": text(MAX_LONG_CELL),
                    "answers": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            k: {
                                "type": "object",
                                "additionalProperties": False,
                                "properties": {
                                    "satisfied": {"type": ["boolean", "null"]},
                                    "comment": text(MAX_LONG_CELL),
                                },
                            }
                            for k in QUESTION_KEYS
                        },
                    },
                },
                ["reviewer", "date", "version", "decision", "score"],
            ),
            "progress": entries(
                {
                    "date": date,
                    "reviewer": text(MAX_NAME),
                    "notes": text(MAX_LONG_CELL),
                    "attitudes": {**by_row_key, "additionalProperties": {"enum": list(ATTITUDES)}},
                    "actuals": {
                        **by_row_key,
                        "additionalProperties": {"type": "number", "minimum": -MAX_ACTUAL, "maximum": MAX_ACTUAL},
                    },
                },
                ["date"],
            ),
        },
    }
