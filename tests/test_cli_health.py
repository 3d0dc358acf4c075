"""``kamplanner check``: the health checks of one plan, their exit codes and their JSON."""

from __future__ import annotations

import json

import pytest

from kamplanner.cli import main
from kamplanner.services import Portfolio
from kamplanner.store.database import Database


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "plans.db"
    database = Database.open(path)
    portfolio = Portfolio(database)
    portfolio.add_demo()
    ids = {s.account: s.id for s in portfolio.list_plans()}
    database.close()
    return str(path), ids


def test_a_healthy_plan_exits_0_and_lists_every_check(capsys, demo_db):
    db, ids = demo_db
    code, out, err = run(capsys, "--db", db, "check", str(ids["Jadewave Electronics Group"]))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 7 and all(line.startswith("ok") for line in lines[:6])
    assert "ok    First forecast year meets the revenue target: 2027 forecast 14,100, target 14,100" in lines
    assert lines[-1] == "6 of 6 checks pass"


def test_a_plan_failing_a_check_exits_1_and_names_what_fails(capsys, demo_db):
    db, ids = demo_db
    code, out, _ = run(capsys, "--db", db, "check", str(ids["江南省电网有限公司"]))
    assert code == 1
    assert (
        "FAIL  Every doubting or opposing decision maker has an action aimed at them: no action is aimed at: 唐卫东 (D)"
        in out.splitlines()
    )
    assert out.splitlines()[-1] == "4 of 6 checks pass"


def test_json_has_one_object_per_check_in_the_language_asked(capsys, demo_db):
    db, ids = demo_db
    code, out, _ = run(capsys, "--db", db, "check", str(ids["浦瀚联合银行"]), "--json", "--lang", "zh_CN")
    assert code == 1
    checks = json.loads(out)
    assert [c["check"] for c in checks] == [
        "forecast_target", "pipeline_gap", "objectives_actions", "decision_makers", "action_owners", "qualified",
    ]  # fmt: skip
    failed = [c for c in checks if not c["passed"]]
    assert [(c["check"], c["severity"], c["section"]) for c in failed] == [
        ("objectives_actions", "warning", "objectives"),
        ("qualified", "warning", "strategy"),
    ]
    assert failed[0]["message"] == "没有行动指向这些目标：客户管理成本（团队、售前、差旅）"
    assert set(checks[0]) == {"check", "passed", "severity", "section", "title", "message"}


def test_a_bad_plan_id_exits_2_with_one_line(capsys, demo_db):
    db, _ = demo_db
    code, out, err = run(capsys, "--db", db, "check", "999")
    assert (code, out) == (2, "")
    assert err == "kamplanner: no plan with id 999 (see 'kamplanner list')\n"
    code, _, err = run(capsys, "--db", db, "check", "x")
    assert code == 2 and "expected a plan id" in err


def test_help_says_what_the_exit_codes_mean(capsys):
    code, out, _ = run(capsys, "check", "--help")
    assert code == 0
    assert "0 every check passes; 1 some check fails; 2 bad input" in " ".join(out.split())
