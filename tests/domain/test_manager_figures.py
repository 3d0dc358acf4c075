"""The figures a senior manager looks for: weighted pipeline, share weighted by demand, growth and CAGR."""

from __future__ import annotations

import math

from kamplanner.domain import analysis
from kamplanner.domain.model import Account, Plan, Record
from kamplanner.domain.template import FORECAST, OPPORTUNITIES, SHARE


def _plan() -> Plan:
    plan = Plan(Account("A"), 2027)
    plan.tables[OPPORTUNITIES] = [
        Record("o1", {"name": "x", "value": 100.0, "probability": 50.0}),
        Record("o2", {"name": "y", "value": 300.0, "probability": 10.0}),
        Record("o3", {"name": "z", "value": 40.0}),  # no probability: counts at 0 %
    ]
    plan.tables[SHARE] = [
        Record(
            "s1", {"platform": "p", "region": "r", "total_demand": 100.0, "current_share": 10.0, "target_share": 20.0}
        ),
        Record("s2", {"platform": "q", "region": "r", "total_demand": 300.0, "current_share": 30.0}),
        Record("s3", {"platform": "t", "region": "r", "current_share": 90.0}),  # no demand: no weight
    ]
    plan.tables[FORECAST] = [
        Record(f"f{y}", {"year": y, "region": "r", "platform": "p", "revenue": 100.0 * 1.1 ** (y - 2027)})
        for y in plan.years
    ]
    return plan


def test_the_weighted_pipeline_counts_each_value_at_its_probability():
    pipe = analysis.pipeline(_plan())
    assert pipe.total == 440.0 and pipe.count == 3
    assert math.isclose(pipe.weighted, 100 * 0.5 + 300 * 0.1)


def test_the_share_of_account_is_weighted_by_demand():
    share = analysis.weighted_share(_plan())
    assert share.demand == 400.0
    assert math.isclose(share.current or 0, (100 * 10 + 300 * 30) / 400)
    assert math.isclose(share.target or 0, 20.0)  # only the row that states a target counts


def test_growth_and_cagr_of_the_forecast():
    totals = analysis.forecast_totals(_plan())
    growth = analysis.growth_by_year(totals)
    assert growth[2027] is None and all(math.isclose(growth[y] or 0, 10.0) for y in range(2028, 2032))
    assert math.isclose(analysis.cagr(totals) or 0, 10.0)
    empty = analysis.forecast_totals(Plan(Account("B"), 2027))
    assert analysis.cagr(empty) is None and analysis.growth_by_year(empty)[2028] is None
