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
    assigned = []
    for source in _sources():
        for node in ast.walk(ast.parse(source.read_text("utf-8"), str(source))):
            if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "LANGUAGES" for t in node.targets):
                assigned.append(str(source.relative_to(PACKAGE)))
    assert assigned == []
    assert LANGUAGES == ("zh_CN", "en") and template.LANGUAGES is LANGUAGES


def test_reading_a_column_no_table_has_is_an_error_not_an_empty_cell():
    row = Record("o1", {"value": 5.0})
    assert row.get("value") == 5.0 and row.get("probability") is None
    assert "probability" in COLUMN_KEYS
    with pytest.raises(KeyError, match="valeu"):
        row.get("valeu")
