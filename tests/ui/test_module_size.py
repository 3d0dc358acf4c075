"""The UI stays in rooms of a readable size, and it is handed its portfolio: it opens no database."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "kamplanner" / "ui"
LIMIT = 500


def test_no_ui_module_is_over_500_lines():
    sizes = {
        path.relative_to(UI).as_posix(): len(path.read_text(encoding="utf-8").splitlines()) for path in UI.rglob("*.py")
    }
    assert len(sizes) > 20 and "cycle/review.py" in sizes  # the subpackages are counted too
    too_long = {name: lines for name, lines in sizes.items() if lines > LIMIT}
    assert not too_long, f"split by responsibility: {too_long}"


def test_the_ui_opens_no_database_and_builds_no_portfolio():
    """The composition root (kamplanner/app.py) opens the database and builds the Portfolio."""
    opening = re.compile(r"\b(Database(\.open)?|Portfolio)\(")
    found = [
        f"{path.relative_to(UI)}:{number}"
        for path in UI.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if opening.search(line)
    ]
    assert found == []
