"""The cycle commands, run as new processes on a real database."""

import json

from tests.test_cli import kamplanner


def ids_by_phase(db):
    return {p["phase"]: p["id"] for p in json.loads(kamplanner("--db", str(db), "list", "--json").stdout)}


def test_a_refused_move_says_why_and_exits_1(tmp_path):
    db = tmp_path / "a.db"
    kamplanner("--db", str(db), "demo")
    plans = ids_by_phase(db)
    result = kamplanner("--db", str(db), "phase", str(plans["preparation"]), "review", "--by", "x")
    assert result.returncode == 1
    assert b"cannot go from planning and preparation straight to review" in result.stderr
    result = kamplanner("--db", str(db), "phase", str(plans["review"]), "monitoring", "--by", "Helen Zhou")
    assert result.returncode == 1 and b"monitoring starts only after sign-off" in result.stderr


def test_review_with_changes_sends_the_plan_back_and_keeps_the_comments(tmp_path):
    db = tmp_path / "a.db"
    kamplanner("--db", str(db), "demo")
    plan = str(ids_by_phase(db)["review"])
    result = kamplanner(
        "--db",
        str(db),
        "review",
        plan,
        "--reviewer",
        "Helen Zhou",
        "--role",
        "VP Sales",
        "--decision",
        "changes",
        "--score",
        "3",
        "--answer",
        "return=no:Show the payback of the Penang pilot",
        "--date",
        "2026-11-25",
    )
    assert result.returncode == 0, result.stderr
    cycle = json.loads(kamplanner("--db", str(db), "cycle", plan, "--json").stdout)
    assert cycle["phase"] == "development"
    assert cycle["reviews"][-1]["answers"]["return"] == {
        "satisfied": False,
        "comment": "Show the payback of the Penang pilot",
    }
    bad = kamplanner(
        "--db",
        str(db),
        "review",
        plan,
        "--reviewer",
        "x",
        "--decision",
        "approved",
        "--score",
        "4",
        "--answer",
        "nonsense=yes",
    )
    assert bad.returncode == 2 and b"no review question 'nonsense'" in bad.stderr


def test_dashboard_calendar_and_diff(tmp_path):
    db = tmp_path / "a.db"
    kamplanner("--db", str(db), "demo")
    board = json.loads(kamplanner("--db", str(db), "dashboard", "--json", "--today", "2026-11-23").stdout)
    assert board["per_phase"] == {"preparation": 1, "development": 1, "review": 1, "monitoring": 1}
    assert board["overdue"] and board["reviews_this_month"]
    ics = tmp_path / "reviews.ics"
    assert kamplanner("--db", str(db), "calendar", "-o", str(ics), "--today", "2026-11-23").returncode == 0
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
    monitored = str(ids_by_phase(db)["monitoring"])
    # A progress review changes attitudes: a new version, which now differs from the signed one.
    cycle = json.loads(kamplanner("--db", str(db), "cycle", monitored, "--json").stdout)
    assert cycle["signoffs"] and cycle["signoffs"][0]["version"] == cycle["version"]
    assert b"no changes" in kamplanner("--db", str(db), "diff", monitored).stdout
    exported = json.loads(kamplanner("--db", str(db), "export-json", monitored, "-o", "-").stdout)
    stakeholder = exported["sections"]["appendix"]["account_info"]["stakeholders"][0]
    new = "E" if stakeholder["attitude"] != "E" else "A"
    result = kamplanner(
        "--db", str(db), "progress", monitored, "--attitude", f"{stakeholder['key']}={new}", "--date", "2026-11-20"
    )
    assert result.returncode == 0, result.stderr
    diff = json.loads(kamplanner("--db", str(db), "diff", monitored, "--json").stdout)
    (change,) = diff["changes"]
    assert change["row"] == stakeholder["key"]
    assert {c["column"] for c in change["cells"]} >= {"attitude"}


def test_submit_and_approve_with_open_items_need_yes_and_list_what_is_open(tmp_path):
    db = tmp_path / "a.db"
    kamplanner("--db", str(db), "demo")
    plans = ids_by_phase(db)
    developing = str(plans["development"])
    before = json.loads(kamplanner("--db", str(db), "cycle", developing, "--json").stdout)
    unticked = [k for k, done in before["steps"].items() if not done]
    assert unticked  # the demo's plan in development has steps to do
    # Make the plan sound, so only the person's judgement stands between it and review.
    for step in unticked[:-1]:
        assert kamplanner("--db", str(db), "step", developing, step).returncode == 0
    refused = kamplanner("--db", str(db), "phase", developing, "review", "--by", "x")
    assert refused.returncode == 2, refused.stderr
    assert b"not submitted: these are still open" in refused.stderr and b"--yes" in refused.stderr
    assert b"Step not ticked" in refused.stderr
    assert json.loads(kamplanner("--db", str(db), "cycle", developing, "--json").stdout)["phase"] == "development"
    went = kamplanner("--db", str(db), "phase", developing, "review", "--by", "x", "--yes")
    assert went.returncode == 0, went.stderr
    assert b"went ahead with" in went.stderr and b"Step not ticked" in went.stderr

    review = ["review", str(plans["review"]), "--reviewer", "Helen Zhou", "--decision", "approved", "--score", "4"]
    no = kamplanner("--db", str(db), *review, "--answer", "return=no:payback unclear")
    assert no.returncode == 2
    assert b"not approved" in no.stderr and b"Answered No: Will the resources spent bring enough return?" in no.stderr
    assert json.loads(kamplanner("--db", str(db), "cycle", str(plans["review"]), "--json").stdout)["reviews"] == []
    yes = kamplanner("--db", str(db), *review, "--answer", "return=no:payback unclear", "--yes")
    assert yes.returncode == 0, yes.stderr
