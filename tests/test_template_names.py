"""Field paths are written once, in the template: everywhere else says FORECAST, not
"forecast.rows", and there is one list of the languages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kamplanner
from kamplanner.domain import template
from kamplanner.domain.model import Record
from kamplanner.domain.template import COLUMN_KEYS, LANGUAGES, TABLE_NAMES, TEMPLATE

PACKAGE = Path(kamplanner.__file__).parent
HOME = PACKAGE / "domain" / "template.py"


def _sources():
    return sorted(p for p in PACKAGE.rglob("*.py") if p != HOME and "migrations" not in p.parts)


def test_every_table_has_its_name_and_every_name_is_a_table():
    assert set(TABLE_NAMES) == {t.path for t in TEMPLATE.tables()}
    assert len(TABLE_NAMES) == len(set(TABLE_NAMES))


def test_no_module_but_the_template_writes_a_field_path_out():
    paths = set(TEMPLATE.paths)
    found = []
    for source in _sources():
        for node in ast.walk(ast.parse(source.read_text("utf-8"), str(source))):
            if isinstance(node, ast.Constant) and node.value in paths:
                found.append(f"{source.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    assert found == []


def test_the_languages_are_listed_once():
    # In domain/languages.py, which the window's first frame can load without the template.
    assigned = []
    for source in [*_sources(), HOME]:
        for node in ast.walk(ast.parse(source.read_text("utf-8"), str(source))):
            if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "LANGUAGES" for t in node.targets):
                assigned.append(str(source.relative_to(PACKAGE)))
    assert assigned == ["domain/languages.py"]
    assert LANGUAGES == ("zh_CN", "en") and template.LANGUAGES is LANGUAGES


def test_reading_a_column_no_table_has_is_an_error_not_an_empty_cell():
    row = Record("o1", {"value": 5.0})
    assert row.get("value") == 5.0 and row.get("probability") is None
    assert "probability" in COLUMN_KEYS
    with pytest.raises(KeyError, match="valeu"):
        row.get("valeu")


def test_the_cell_names_are_the_template_columns():
    from kamplanner.domain.template import Cell

    named = {k: v for k, v in vars(Cell).items() if not k.startswith("_")}
    assert set(named.values()) == COLUMN_KEYS and all(k == v for k, v in named.items())


# Plain dicts read by a key that happens to be a column's name (a plan file's JSON, a review's
# answers, a task's result, the cycle record's JSON): not records.
NOT_RECORDS = {"obj", "answer", "result", "block", "progress[-1]"}


def test_records_are_read_by_the_cell_names_not_by_string_literals():
    found = []
    for source in _sources():
        text = source.read_text("utf-8")
        for node in ast.walk(ast.parse(text, str(source))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "get"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and node.args[0].value in COLUMN_KEYS
                and ast.get_source_segment(text, node.func.value) not in NOT_RECORDS
            ):
                found.append(f"{source.relative_to(PACKAGE)}:{node.lineno}: {ast.get_source_segment(text, node)}")
    assert found == []
