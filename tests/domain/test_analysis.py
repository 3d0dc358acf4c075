from kamplanner.domain import analysis, template
from kamplanner.domain.analysis import Quadrant
from tests.factories import full_plan


def test_quadrants_follow_value_and_probability():
    plan = full_plan()  # values 1200, 900, 200, 50: mean 587.5
    assert analysis.opportunity_quadrants(plan) == {
        "o1": Quadrant.ACT_NOW,
        "o2": Quadrant.GO_AFTER,
        "o3": Quadrant.TAKE_WHEN_COMES,
        "o4": Quadrant.SHELVE,
    }
    assert Quadrant.ACT_NOW.label.zh == "马上行动" and Quadrant.SHELVE.label.zh == "搁置"


def test_forecast_totals_by_year_region_and_platform():
    plan = full_plan(year=2027)
    totals = analysis.forecast_totals(plan)
    assert totals.years == (2027, 2028, 2029, 2030, 2031)
    assert totals.revenue_by_year[2027] == 1000 + 1100
    assert totals.revenue_by_region_year[("华北", 2031)] == 1900
    assert totals.revenue_total == sum(1000 + 100 * i for i in range(10))
    assert totals.regions == ("华东", "华北") and totals.platforms == ("云平台",)


def test_weighted_competitive_scores():
    scores = analysis.competitive_scores(full_plan(), us="我方")
    assert scores.weighted[""] == (40 * 6 + 60 * 8) / 100
    assert scores.weighted["c1"] == (40 * 8 + 60 * 5) / 100
    assert scores.names["c2"] == "外资硬件商"


def test_attitude_change_reads_old_to_new():
    rows = full_plan().rows(template.STAKEHOLDERS)
    assert analysis.attitude_text(rows[0]) == "D→B" and analysis.attitude_change(rows[0]) == 2
    assert analysis.attitude_text(rows[2]) == "C" and analysis.attitude_change(rows[2]) == 0
