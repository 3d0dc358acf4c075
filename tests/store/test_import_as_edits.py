"""An import onto a plan that exists keeps the plan's identity and is recorded as the edits it
makes: history shows the fields, cells and rows the file changed, nothing else."""

from __future__ import annotations

from kamplanner.domain import planfile
from kamplanner.domain.changelog import ChangeKind
from kamplanner.domain.model import Phase
from tests.ui.conftest import GRID, plan_id_named

STAKEHOLDERS = "appendix.account_info.stakeholders"


def test_import_replace_records_the_differences_as_edits_and_keeps_the_plan(demo_portfolio):
    portfolio = demo_portfolio
    plan_id = plan_id_named(portfolio, GRID)
    before = portfolio.load_plan(plan_id)
    logged_before = len(portfolio.history(plan_id))
    plan, cycle = planfile.loads_with_cycle(portfolio.export_json(plan_id))
    plan.prose["summary.risks"] = "文件里改过的风险"
    first = plan.rows(STAKEHOLDERS)[0]
    first.values["title"] = "总经理（新）"
    removed = plan.rows(STAKEHOLDERS).pop(-1)  # one no contact names (the file would be refused)

    assert portfolio.import_json(planfile.dumps(plan, cycle), replace=True) == plan_id
    after = portfolio.load_plan(plan_id)
    assert after.uuid == before.uuid and after.version == before.version + 1
    assert after.text("summary.risks") == "文件里改过的风险"
    assert after.row(STAKEHOLDERS, first.key).get("title") == "总经理（新）"
    assert after.row(STAKEHOLDERS, removed.key) is None
    assert [r.key for r in after.rows(STAKEHOLDERS)] == [r.key for r in plan.rows(STAKEHOLDERS)]

    new = portfolio.history(plan_id)[logged_before:]
    kinds = [(c.change.kind, c.change.path, c.change.row, c.change.column) for c in new]
    assert (ChangeKind.EDIT, "summary.risks", None, None) in kinds
    assert (ChangeKind.EDIT, STAKEHOLDERS, first.key, "title") in kinds
    assert (ChangeKind.REMOVE_ROW, STAKEHOLDERS, removed.key, None) in kinds
    assert [k for k in kinds if k[0] is ChangeKind.IMPORT] == [(ChangeKind.IMPORT, None, None, None)]
    assert len(new) == 4  # the three edits and the import itself
    assert new[-1].change.after == {"version": before.version + 1, "replaced": True, "edits": 3}


def test_importing_the_same_file_again_changes_no_content(demo_portfolio):
    plan_id = plan_id_named(demo_portfolio, GRID)
    text = demo_portfolio.export_json(plan_id)
    before = demo_portfolio.load_plan(plan_id)
    logged = len(demo_portfolio.history(plan_id))
    demo_portfolio.import_json(text, replace=True)
    new = demo_portfolio.history(plan_id)[logged:]
    assert [c.change.kind for c in new] == [ChangeKind.IMPORT]
    after = demo_portfolio.load_plan(plan_id)
    assert after.prose == before.prose and after.version == before.version + 1
    assert {p: [(r.key, r.values) for r in rows] for p, rows in after.tables.items()} == {
        p: [(r.key, r.values) for r in rows] for p, rows in before.tables.items()
    }
    assert after.phase is Phase.DEVELOPMENT
