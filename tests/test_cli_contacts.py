"""kamplanner contact / contacts, as a user runs them: a new process on a real database file.
Every refusal exits 2 with one line naming what is wrong, and writes nothing."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.test_cli import dump_db, kamplanner

BANK = "浦瀚联合银行"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    db = tmp_path_factory.mktemp("contacts") / "demo.db"
    assert kamplanner("--db", str(db), "demo").returncode == 0
    return db


@pytest.fixture
def db(demo_file, tmp_path):
    copy = tmp_path / "a.db"
    shutil.copy(demo_file, copy)
    return copy


def _bank_plan(db) -> int:
    plans = json.loads(kamplanner("--db", str(db), "list", "--json").stdout)
    return next(p["id"] for p in plans if p["account"] == BANK)


def test_a_contact_is_logged_by_names_as_one_recorded_edit(db):
    plan = _bank_plan(db)
    before = len(json.loads(kamplanner("--db", str(db), "history", str(plan), "--json").stdout))
    done = kamplanner(
        "--db", str(db), "contact", BANK, "--kind", "拜访", "--date", "2026-11-25",
        "--with", "严俊", "钱卫东", "--ours", "王立群", "--purpose", "回访试点价格",
        "--outcome", "同意再谈", "--next", "发送新报价", "--next-date", "2026-12-02", "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    added = json.loads(done.stdout)
    assert added["plan"] == plan
    assert (added["kind"], added["theirs"], added["ours"]) == ("visit", ["s5", "s4"], ["m1"])
    history = json.loads(kamplanner("--db", str(db), "history", str(plan), "--json").stdout)
    assert len(history) == before + 1
    assert history[-1]["kind"] == "add_row" and history[-1]["row"] == added["key"]
    exported = json.loads(kamplanner("--db", str(db), "export-json", str(plan), "-o", "-").stdout)
    log = exported["sections"]["appendix"]["account_info"]["contacts"]
    assert log[-1]["purpose"] == "回访试点价格" and log[-1]["next_date"] == "2026-12-02"
    # 严俊 is seen now: no longer stale; the next step shows
    shown = json.loads(kamplanner("--db", str(db), "contacts", str(plan), "--today", "2026-11-26", "--json").stdout)
    stale = {p["name"] for p in shown["stakeholders"] if p["stale"]}
    assert "严俊" not in stale
    assert {"due": "2026-12-02", "what": "发送新报价", "with": ["严俊", "钱卫东"], "overdue": False} in shown[
        "next_steps"
    ]


def test_the_demo_shows_stale_decision_makers(db):
    shown = json.loads(kamplanner("--db", str(db), "contacts", BANK, "--today", "2026-11-23", "--json").stdout)
    assert [p["name"] for p in shown["stakeholders"] if p["stale"]] == ["严俊"]
    gu = next(c for c in shown["attitude_changes"] if c["stakeholder"] == "顾文涛")
    assert gu == {
        "review": "2026-09-30",
        "stakeholder": "顾文涛",
        "before": "C",
        "after": "B",
        "contacts_since_last_review": ["2026-07-08"],
    }
    plain = kamplanner("--db", str(db), "contacts", BANK, "--today", "2026-11-23")
    assert (
        plain.returncode == 0 and "严俊" in plain.stdout.decode() and "not seen for too long" in plain.stdout.decode()
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["无此客户", "--kind", "visit"], 'no account "无此客户" with a plan'),
        (["999", "--kind", "visit"], "no plan 999"),
        ([BANK, "--kind", "party"], "kind: expected one of visit, seminar"),
        ([BANK, "--kind", "visit", "--with", "无名氏"], 'stakeholder: no "无名氏" in the plan of 浦瀚联合银行 2026'),
        ([BANK, "--kind", "visit", "--ours", "Nobody"], 'team member: no "Nobody"'),
        ([BANK, "--kind", "visit", "--next", "x"], "--next needs --next-date"),
        (
            [BANK, "--kind", "visit", "--date", "2026-11-31"],
            "argument --date: expected a date as YYYY-MM-DD, got '2026-11-31'",
        ),
        ([BANK, "--kind", "visit", "--purpose", " "], "purpose is required"),
        (["Jadewave Electronics Group", "--kind", "call"], "while it is under senior review"),
    ],
)
def test_bad_input_exits_2_naming_it_and_writes_nothing(db, args, message):
    before = dump_db(db)
    argv = ["--db", str(db), "contact", *args]
    if "--date" not in args:
        argv += ["--date", "2026-11-25"]
    if "--purpose" not in args:
        argv += ["--purpose", "p"]
    result = kamplanner(*argv)
    assert result.returncode == 2, result.stdout
    err = result.stderr.decode()
    assert message in err, err
    assert err.count("\n") == 1 or "usage:" in err  # one line (argparse adds its usage above)
    assert dump_db(db) == before
