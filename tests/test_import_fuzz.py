"""Mutated plan files through the real command line: exit 0 or 2, never a traceback, nothing written on 2.

Real plan files (the demo plans, and the test plan with a full cycle record) are mutated the
ways files get broken and attacked: bytes flipped, cut short, keys deleted or given twice,
values swapped for other JSON types, huge and non-finite numbers, deep nesting, control
characters, huge strings. Each goes to ``kamplanner --db X import-json --replace FILE`` in
process, on a real SQLite file that already holds the demo plans.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kamplanner.app import main
from kamplanner.domain import planfile
from kamplanner.domain.cycle import Cycle, Decision, PhaseEvent, ProgressReview, Review, ReviewAnswer
from kamplanner.domain.model import Phase
from tests.factories import full_plan

DEMO_PLANS = sorted((Path(__file__).resolve().parents[1] / "resources" / "demo" / "plans").glob("*.json"))


def full_cycle() -> Cycle:
    at = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
    cycle = Cycle()
    cycle.preparation.expectations = "拿下调度云"
    cycle.preparation.development_start = dt.date(2026, 10, 12)
    cycle.preparation.review_date = dt.date(2027, 1, 8)
    cycle.steps = {"gather": True, "strategy": True}
    cycle.events.append(PhaseEvent(Phase.DEVELOPMENT, at, "王立群", "开始"))
    cycle.reviews.append(
        Review("周海峰", "高级经理", at.date(), 3, Decision.APPROVED, 4, {"return": ReviewAnswer(True, "好")}, "同意")
    )
    cycle.progress.append(ProgressReview(dt.date(2027, 3, 31), "周海峰", "一季度", {"k1": "A"}, {"f1": 2050.0}))
    return cycle


BASES: list[str] = [p.read_text("utf-8") for p in DEMO_PLANS] + [planfile.dumps(full_plan(), full_cycle())]

# Raw JSON put where a value was: other types, numbers no database keeps, what JSON refuses.
RAW_VALUES = [
    "null",
    "true",
    "false",
    "0",
    "-1",
    "0.5",
    '""',
    "[]",
    "{}",
    '[{"key": "x"}]',
    '{"key": "x"}',
    "NaN",
    "Infinity",
    "-Infinity",
    "1e309",
    "-1e309",
    "1e20",
    "1e300",
    str(2**63),
    str(-(2**63) - 1),
    str(2**31),
    "9" * 5000,
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 100_000 + "1" + "}" * 100_000,
    '"\\u0000"',
    '"\\ud800"',
    '"' + "x" * 200_000 + '"',
    '"' + "鬼" * 60_000 + '"',
    '"no"',
    '"Z"',
    '"2027-01-01T09:00:00"',
    '"2027-13-45"',
    '"9999-12-31"',
    '"0001-01-01"',
    '"9999-12-31T23:59:59-23:59"',
    '"0001-01-01T00:00:00+23:59"',
    "[" + ",".join(['{"key": "k"}'] * 1_001) + "]",
]
CONTROL = ["\x00", "\x01", "\x1b", "\x7f", "\u2028", "\ufeff", "\ud800", '"', "\\", "{", "]", ","]


def locations(node: object, found: list[tuple[object, object, str]], top: str = "") -> list[tuple[object, object, str]]:
    """Every (container, key or index, top-level key) in the document, parents before children."""
    if isinstance(node, dict):
        for key in list(node):
            found.append((node, key, top or key))
            locations(node[key], found, top or key)
    elif isinstance(node, list):
        for index in range(len(node)):
            found.append((node, index, top))
            locations(node[index], found, top)
    return found


def mutate(data: st.DataObject) -> bytes:
    doc = json.loads(data.draw(st.sampled_from(BASES), label="base"))
    raw: dict[str, str] = {}  # placeholder -> raw JSON text put in its place after dumping
    for n in range(data.draw(st.integers(0, 3), label="document mutations")):
        places = locations(doc, [])
        # Half the time in the smaller parts (sections hold most of a file's places).
        focus = data.draw(st.sampled_from(["", "", "", "account", "plan", "cycle"]), label="focus")
        places = [p for p in places if p[2] == focus] or places if focus else places
        container, key, _ = places[data.draw(st.integers(0, len(places) - 1), label="where")]
        op = data.draw(st.sampled_from(["replace", "delete", "duplicate", "unknown", "swap"]), label="how")
        placeholder = f"@@RAW{n}@@"
        if op == "replace":
            raw[placeholder] = data.draw(st.sampled_from(RAW_VALUES), label="raw value")
            container[key] = placeholder  # type: ignore[index]
        elif op == "delete":
            del container[key]  # type: ignore[attr-defined]
        elif op == "duplicate" and isinstance(container, dict):
            # The same key a second time, with a value of its own; json.dumps cannot write that.
            raw[f'"{placeholder}"'] = json.dumps(key)
            container[placeholder] = data.draw(st.sampled_from([container[key], 2031, None, "dup"]), label="dup")
        elif op == "unknown" and isinstance(container, dict):
            container[data.draw(st.sampled_from(["extra", "key", "id", "", "a\nb", "x" * 100]))] = 1
        else:  # swap: a value from elsewhere in the document
            donor, other_key, _ = places[data.draw(st.integers(0, len(places) - 1), label="donor")]
            container[key] = copy.deepcopy(donor[other_key])  # type: ignore[index]
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    for placeholder, value in raw.items():
        text = text.replace(placeholder if placeholder.startswith('"') else f'"{placeholder}"', value)
    blob = text.encode("utf-8", "surrogatepass")
    how = data.draw(st.sampled_from(["none"] * 5 + ["flip", "truncate", "insert"]), label="text mutation")
    if how == "flip" and blob:
        at = data.draw(st.integers(0, len(blob) - 1), label="at")
        blob = blob[:at] + bytes([blob[at] ^ data.draw(st.integers(1, 255), label="xor")]) + blob[at + 1 :]
    elif how == "truncate":
        blob = blob[: data.draw(st.integers(0, len(blob)), label="cut")]
    elif how == "insert":
        at = data.draw(st.integers(0, len(blob)), label="at")
        char = data.draw(st.sampled_from(CONTROL), label="char")
        blob = blob[:at] + char.encode("utf-8", "surrogatepass") + blob[at:]
    return blob


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the demo plans, copied fresh for every example."""
    path = tmp_path_factory.mktemp("fuzz") / "seed.db"
    for plan in DEMO_PLANS:
        assert main(["--db", str(path), "import-json", str(plan)]) == 0
    return path


@settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_mutated_plan_files_import_or_are_refused_cleanly(data, seeded_db, capsys):
    blob = mutate(data)
    with tempfile.TemporaryDirectory() as folder:
        db, source = Path(folder) / "plans.db", Path(folder) / "plan.json"
        shutil.copy(seeded_db, db)
        source.write_bytes(blob)
        before = db.read_bytes()
        code, out, err = run(capsys, "--db", str(db), "import-json", "--replace", str(source))
        event(f"exit {code}")
        assert "Traceback" not in err
        assert code in (0, 2), err
        if code == 2:
            assert db.read_bytes() == before, "a refused file changed the database"
            problems = [line for line in err.splitlines() if line.startswith(f"{source}: ")]
            assert problems and err.rstrip().endswith("nothing was written")
            event(problems[0].split(": ", 2)[1].split(" (line")[0][:60])
        else:
            # What was imported exports again, as a plan file that reads back, and the views
            # built from every plan's cycle record (the dashboard, the calendar) still work.
            exported, calendar = Path(folder) / "again.json", Path(folder) / "reviews.ics"
            plan_id = out.strip()
            for args in (
                ["export-json", plan_id, "-o", str(exported)],
                ["cycle", plan_id, "--json"],
                ["dashboard", "--today", "2027-03-01", "--json"],
                ["calendar", "-o", str(calendar), "--today", "2027-03-01"],
            ):
                again, _, err = run(capsys, "--db", str(db), *args)
                assert again == 0 and "Traceback" not in err, (args, err)
            planfile.loads(exported.read_bytes())


def test_the_unmutated_bases_import(seeded_db, capsys, tmp_path):
    for index, text in enumerate(BASES):
        db, source = tmp_path / f"{index}.db", tmp_path / f"{index}.json"
        shutil.copy(seeded_db, db)
        source.write_text(text, "utf-8")
        code, _, err = run(capsys, "--db", str(db), "import-json", "--replace", str(source))
        assert code == 0, err
