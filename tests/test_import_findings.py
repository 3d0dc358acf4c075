"""Each finding of the lenient reading, through the real command line: one plain problem line naming
the path, exit 2, and the database byte for byte as it was."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from kamplanner.app import main
from kamplanner.domain import planfile
from kamplanner.domain.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_PROSE, MAX_ROWS
from tests.factories import full_plan
from tests.test_import_fuzz import full_cycle

BASE = planfile.dumps(full_plan(), full_cycle())


def in_part(part: str, old: str, new: str):
    """Replace the first ``old`` after the ``"part": {`` line: the same text occurs elsewhere."""

    def change(text: str) -> str:
        start = text.index(f'"{part}": ')
        assert old in text[start:], old
        return text[:start] + text[start:].replace(old, new, 1)

    return change


def in_document(change_document):
    def change(text: str) -> str:
        document = json.loads(text)
        change_document(document)
        return json.dumps(document, ensure_ascii=False, indent=2)

    return change


def big_table(document: dict) -> None:
    rows = document["sections"]["team"]["budget"]
    document["sections"]["team"]["budget"] = [{**rows[0], "key": f"b{i}"} for i in range(MAX_ROWS + 1)]


REVIEW = {"reviewer": "周海峰", "date": "2027-01-08", "version": 3, "decision": "approved", "score": 4}

FINDINGS = [
    # item 10
    (
        "step 'no'",
        in_part("steps", '"gather": true', '"gather": "no"'),
        'cycle.steps.gather: expected true or false, got "no"',
    ),
    (
        "unknown step",
        in_part("steps", '"gather": true', '"gather": true, "dance": true'),
        "cycle.steps.dance: unknown field",
    ),
    (
        "unknown key in preparation",
        in_part("preparation", '"guidelines": ""', '"guidelines": "", "colour": "red"'),
        "cycle.preparation.colour: unknown field",
    ),
    (
        "score 1000000",
        in_part("reviews", '"score": 4', '"score": 1000000'),
        "cycle.reviews[0].score: expected a whole number from 1 to 5",
    ),
    (
        "attitude Z",
        in_part("attitudes", '"k1": "A"', '"k1": "Z"'),
        "cycle.progress[0].attitudes.k1: expected an attitude, one of A",
    ),
    (
        "time without a time zone",
        in_part("events", '"at": "2026-11-23T09:00:00+00:00"', '"at": "2026-11-23T09:00:00"'),
        "cycle.events[0].at: the time has no time zone",
    ),
    (
        "duplicate key, the last would win",
        in_part("plan", '"year": 2027,', '"year": 2027,\n    "year": 2031,'),
        'plan.year: the key "year" appears more than once',
    ),
    (
        "annual_revenue NaN",
        in_part("account", '"annual_revenue": 8600', '"annual_revenue": NaN'),
        "account.annual_revenue: NaN is not a number",
    ),
    (
        "annual_revenue Infinity",
        in_part("account", '"annual_revenue": 8600', '"annual_revenue": Infinity'),
        "account.annual_revenue: Infinity is not a number",
    ),
    (
        "a cell NaN",
        in_part("opportunities", '"value": 1200', '"value": NaN'),
        "sections.strategy.opportunities[0].value: NaN",
    ),
    (
        "an actual -Infinity",
        in_part("actuals", '"f1": 2050.0', '"f1": -Infinity'),
        "cycle.progress[0].actuals.f1: -Infinity",
    ),
    # item 9
    (
        "nested 100,000 deep",
        in_part("account", '"annual_revenue": 8600', '"annual_revenue": ' + "[" * 100_000 + "]" * 100_000),
        f"$: arrays and objects nested more than {MAX_DEPTH} deep",
    ),
    (
        "customer_since 1e20",
        in_part("account", '"customer_since": 2015', '"customer_since": 1e20'),
        "account.customer_since: expected a year from 1900 to 2200",
    ),
    (
        "plan.version 2**63",
        in_part("plan", '"version": 3', f'"version": {2**63}'),
        "plan.version: expected a whole number from 1 to 2,147,483,647",
    ),
    (
        "development_weeks 1e309",
        in_part("preparation", '"development_weeks": 10', '"development_weeks": 1e309'),
        "cycle.preparation.development_weeks: 1e309 is too large a number",
    ),
    (
        "a 5,000-digit number",
        in_part("preparation", '"development_weeks": 10', '"development_weeks": ' + "9" * 5000),
        "cycle.preparation.development_weeks: 9999999999",
    ),
    ("plan.year 9999", in_part("plan", '"year": 2027', '"year": 9999'), "plan.year: expected a year from 1900 to 2200"),
    (
        "a development start in the year 9999 (the dashboard's date arithmetic overflowed)",
        in_part("preparation", '"development_start": "2026-10-12"', '"development_start": "9999-12-31"'),
        "cycle.preparation.development_start: expected a date in the years 1900 to 2200",
    ),
    # item 8
    (
        "prose over its limit",
        in_document(lambda d: d["sections"]["summary"].update(strategy="x" * (MAX_PROSE + 1))),
        f"sections.summary.strategy: text is {MAX_PROSE + 1:,} characters long; at most {MAX_PROSE:,}",
    ),
    (
        "a table over the row limit",
        in_document(big_table),
        f"sections.team.budget: {MAX_ROWS + 1:,} rows; a table holds at most",
    ),
    (
        "a file over the byte limit",
        lambda text: text + " " * MAX_FILE_BYTES,
        f"$: the file is {len(BASE.encode()) + MAX_FILE_BYTES:,} bytes; a plan file holds at most {MAX_FILE_BYTES:,}",
    ),
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("findings") / "seed.db"
    source = path.with_suffix(".json")
    source.write_text(BASE, "utf-8")
    assert main(["--db", str(path), "import-json", str(source)]) == 0
    return path


def test_the_base_file_imports(seeded, tmp_path, capsys):
    db = tmp_path / "plans.db"
    shutil.copy(seeded, db)
    (tmp_path / "plan.json").write_text(BASE, "utf-8")
    assert main(["--db", str(db), "import-json", "--replace", str(tmp_path / "plan.json")]) == 0, capsys.readouterr()


@pytest.mark.parametrize(("change", "expected"), [f[1:] for f in FINDINGS], ids=[f[0] for f in FINDINGS])
def test_each_finding_is_one_plain_line_exit_2_and_nothing_written(change, expected, seeded, tmp_path, capsys):
    text = change(BASE)
    assert text != BASE
    db, source = tmp_path / "plans.db", tmp_path / "plan.json"
    shutil.copy(seeded, db)
    source.write_bytes(text.encode("utf-8"))
    before = db.read_bytes()
    for replace in ([], ["--replace"]):
        capsys.readouterr()
        code = main(["--db", str(db), "import-json", *replace, str(source)])
        err = capsys.readouterr().err
        assert code == 2, err
        assert "Traceback" not in err
        lines = err.splitlines()
        assert len(lines) == 2 and lines[0].startswith(f"{source}: {expected}"), err
        assert re.fullmatch(
            rf"kamplanner: {re.escape(str(source))} was not imported \(1 problem\); nothing was written", lines[-1]
        )
        assert db.read_bytes() == before
