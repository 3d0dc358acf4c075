"""`kamplanner history` and `--as`, run as new processes on a real database."""

from __future__ import annotations

import datetime as dt
import json

from kamplanner.domain.actor import Actor, Role
from kamplanner.domain.edits import SetCell, SetProse
from kamplanner.services import Portfolio
from kamplanner.store.database import Database
from tests.test_cli import kamplanner


def bank_id(db) -> int:
    plans = json.loads(kamplanner("--db", str(db), "list", "--json").stdout)
    return next(p["id"] for p in plans if p["account"] == "浦瀚联合银行")


def test_history_json_lists_each_saved_edit_with_actor_time_and_before_and_after(tmp_path):
    db = tmp_path / "a.db"
    assert kamplanner("--db", str(db), "--as", "王立群", "demo").returncode == 0
    plan_id = bank_id(db)
    database = Database.open(db)
    try:
        portfolio = Portfolio(database, Actor("周海峰", Role.SENIOR_MANAGER))
        plan = portfolio.load_plan(plan_id)
        old_risks = plan.text("summary.risks")
        row = plan.rows("strategy.opportunities")[0]
        started = dt.datetime.now(dt.UTC).replace(microsecond=0)
        version = portfolio.save_edits(
            plan_id,
            plan.version,
            [
                SetProse("summary.risks", old_risks, "汇率风险\n第二行"),
                SetCell("strategy.opportunities", row.key, "value", row.get("value"), 4321.5),
            ],
        )
    finally:
        database.close()

    result = kamplanner("--db", str(db), "history", str(plan_id), "--json")
    assert result.returncode == 0, result.stderr
    changes = json.loads(result.stdout)
    assert changes[0]["kind"] == "import" and changes[0]["actor"] == "王立群"  # the demo, as --as named
    risks, value = changes[-2:]
    assert risks == {
        "actor": "周海峰",
        "role": "senior_manager",
        "at": risks["at"],
        "kind": "edit",
        "plan": plan_id,
        "plan_uuid": risks["plan_uuid"],
        "version": version,
        "path": "summary.risks",
        "row": None,
        "column": None,
        "before": old_risks,
        "after": "汇率风险\n第二行",
    }
    assert dt.datetime.fromisoformat(risks["at"]) >= started and risks["at"].endswith("+00:00")
    assert (value["path"], value["row"], value["column"]) == ("strategy.opportunities", row.key, "value")
    assert (value["before"], value["after"]) == (row.get("value"), 4321.5)

    human = kamplanner("--db", str(db), "history", str(plan_id))
    assert human.returncode == 0, human.stderr
    lines = human.stdout.decode().splitlines()
    assert len(lines) == len(changes)
    assert "周海峰 (senior manager)  edit" in lines[-2] and "汇率风险\\n第二行" in lines[-2]  # one line each
    assert f"strategy.opportunities[{row.key}].value: {row.get('value'):g} → 4321.5" in lines[-1]


def test_as_names_the_actor_of_a_phase_move_in_the_cycle_record_and_the_history(tmp_path):
    db = tmp_path / "a.db"
    kamplanner("--db", str(db), "demo")
    plans = json.loads(kamplanner("--db", str(db), "list", "--json").stdout)
    plan_id = next(p["id"] for p in plans if p["phase"] == "development")
    result = kamplanner(
        "--db", str(db), "--as", "Helen Zhou:senior-manager", "phase", str(plan_id), "preparation", "--by", "x"
    )
    assert result.returncode == 0, result.stderr
    cycle = json.loads(kamplanner("--db", str(db), "cycle", str(plan_id), "--json").stdout)
    event = cycle["events"][-1]
    assert (event["by"], event["role"], event["phase"]) == ("Helen Zhou", "senior_manager", "preparation")
    (move,) = [
        c
        for c in json.loads(kamplanner("--db", str(db), "history", str(plan_id), "--json").stdout)
        if c["kind"] == "move"
    ]
    assert (move["actor"], move["role"], move["before"], move["after"]) == (
        "Helen Zhou",
        "senior_manager",
        "development",
        "preparation",
    )
    # Without --as, a command's --by names the actor, as account manager
    assert kamplanner("--db", str(db), "phase", str(plan_id), "development", "--by", "王立群").returncode == 0
    last = json.loads(kamplanner("--db", str(db), "history", str(plan_id), "--json").stdout)[-1]
    assert (last["actor"], last["role"], last["after"]) == ("王立群", "account_manager", "development")


def test_a_bad_as_or_an_unknown_plan_is_one_line_and_a_refusal_exits_2(tmp_path):
    db = tmp_path / "a.db"
    kamplanner("--db", str(db), "demo")
    bad = kamplanner("--db", str(db), "--as", "x:boss", "list")
    assert bad.returncode == 2 and b"no role 'boss'" in bad.stderr
    missing = kamplanner("--db", str(db), "history", "999")
    assert missing.returncode == 1 and missing.stderr.decode().strip() == "kamplanner: no plan with id 999"


def test_a_change_the_rules_refuse_is_one_line_exit_2_and_writes_nothing(capsys, tmp_path, monkeypatch):
    from kamplanner.app import main
    from kamplanner.domain import policy

    db = tmp_path / "a.db"
    assert main(["--db", str(db), "demo"]) == 0
    plan_id = bank_id(db)
    capsys.readouterr()
    before = kamplanner("--db", str(db), "history", str(plan_id), "--json").stdout
    # Team mode's kind of table, in this process: a senior manager may not move plans
    monkeypatch.setitem(policy.LAPTOP, Role.SENIOR_MANAGER, policy.EVERYTHING - {policy.Action.MOVE})
    code = main(["--db", str(db), "--as", "周海峰:senior-manager", "phase", str(plan_id), "review", "--by", "x"])
    err = capsys.readouterr().err
    assert code == 2
    assert err == "kamplanner: 周海峰 (senior manager) may not move the plan 浦瀚联合银行 2026\n"
    assert kamplanner("--db", str(db), "history", str(plan_id), "--json").stdout == before
