import datetime as dt

from kamplanner.domain.model import Record
from kamplanner.domain.validation import (
    Severity,
    completeness_percent,
    section_completeness,
    validate,
)
from tests.factories import full_plan


def messages(plan):
    return [i.describe("en") for i in validate(plan)]


def test_a_well_formed_plan_breaks_no_rule():
    assert validate(full_plan()) == []


def test_probability_above_100_names_the_cell_and_the_rule():
    plan = full_plan()
    plan.rows("strategy.opportunities")[1].values["probability"] = 140.0
    assert messages(plan) == [
        "sections.strategy.opportunities[1].probability: Probability must be at most 100 %, got 140"
    ]


def test_target_share_over_100_is_refused():
    plan = full_plan()
    plan.rows("objectives.share")[0].values["target_share"] = 120.0
    (issue,) = validate(plan)
    assert issue.column == "target_share" and "at most 100" in issue.message.en


def test_due_date_must_fall_inside_the_plans_five_years():
    plan = full_plan(year=2027)
    plan.rows("action_plan.actions")[0].values["due"] = dt.date(2032, 1, 1)
    (issue,) = validate(plan)
    assert issue.location == "sections.action_plan.actions[0].due"
    assert "2027-01-01 to 2031-12-31" in issue.message.en
    assert "五年" in issue.message.zh


def test_owner_must_be_a_team_member():
    plan = full_plan()
    plan.rows("action_plan.actions")[1].values["owner"] = "nobody"
    (issue,) = validate(plan)
    assert issue.describe() == "sections.action_plan.actions[1].owner: 'nobody' is not one of the team members"


def test_reports_to_cycle_is_reported_once_with_the_names():
    plan = full_plan()
    plan.rows("appendix.account_info.stakeholders")[0].values["reports_to"] = "k3"
    issues = [i for i in validate(plan) if i.column == "reports_to"]
    assert len(issues) == 1
    assert "cycle" in issues[0].message.en and "赵总" in issues[0].message.en


def test_reporting_to_oneself_is_refused():
    plan = full_plan()
    plan.rows("appendix.account_info.stakeholders")[2].values["reports_to"] = "k3"
    assert any("own row" in m for m in messages(plan))


def test_required_cells_and_duplicate_forecast_rows():
    plan = full_plan()
    rows = plan.rows("forecast.rows")
    rows.append(Record("dup", dict(rows[0].values)))
    rows.append(Record("empty", {"year": 2027}))
    found = messages(plan)
    assert any("same year, region and platform as row 1" in m for m in found)
    assert "sections.forecast.rows[11].region: Region is required" in found
    assert "sections.forecast.rows[11].revenue: Revenue is required" in found


def test_forecast_year_outside_the_five_years():
    plan = full_plan(year=2027)
    plan.rows("forecast.rows")[0].values["year"] = 2026
    assert any("year must be one of 2027 to 2031, got 2026" in m for m in messages(plan))


def test_weights_not_adding_to_100_is_a_warning_not_an_error():
    plan = full_plan()
    plan.rows("appendix.competition.criteria")[0].values["weight"] = 10.0
    (issue,) = validate(plan)
    assert issue.severity is Severity.WARNING and "add up to 70" in issue.message.en


def test_completeness_names_what_is_missing_per_section():
    plan = full_plan()
    assert completeness_percent(section_completeness(plan)) == 100
    plan.prose["summary.risks"] = "   "
    plan.tables["forecast.rows"] = []
    sections = {s.section.key: s for s in section_completeness(plan)}
    assert [f.path for f in sections["summary"].missing] == ["summary.risks"]
    assert [f.path for f in sections["forecast"].missing] == ["forecast.rows"]
    assert sections["team"].complete
    assert 0 < completeness_percent(list(sections.values())) < 100
