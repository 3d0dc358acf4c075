"""The customer version's plan: nothing the template marks internal is left in it."""

from __future__ import annotations

from kamplanner.domain import planfile
from kamplanner.domain.audience import Audience, columns, for_audience, sections, shows
from kamplanner.domain.template import (
    FORECAST,
    INTERNAL_COLUMNS,
    INTERNAL_FIELDS,
    MEMBERS,
    STAKEHOLDERS,
    TEMPLATE,
    Cell,
)
from tests.factories import full_plan


def test_the_internal_version_is_the_whole_plan():
    plan = full_plan()
    assert planfile.dumps(for_audience(plan, Audience.INTERNAL)) == planfile.dumps(plan)
    assert all(shows(Audience.INTERNAL, f.path) for f in TEMPLATE.fields())


def test_the_customer_version_holds_no_internal_field_or_cell():
    plan = full_plan()
    assert plan.rows(FORECAST) and plan.rows(STAKEHOLDERS)[0].get(Cell.attitude)
    customer = for_audience(plan, Audience.CUSTOMER)
    assert not INTERNAL_FIELDS & set(customer.prose)
    assert not INTERNAL_FIELDS & set(customer.tables)
    for path, hidden in INTERNAL_COLUMNS.items():
        for row in customer.tables.get(path, []):
            assert not hidden & set(row.values), (path, row.values)
    # what is kept is kept whole
    names = [r.get(Cell.name) for r in plan.rows(STAKEHOLDERS)]
    assert [r.get(Cell.name) for r in customer.rows(STAKEHOLDERS)] == names
    assert customer.text("summary.strategy") == plan.text("summary.strategy")
    # and the plan it came from is untouched
    assert plan.rows(STAKEHOLDERS)[0].get(Cell.attitude)


def test_the_customer_sees_no_risks_or_forecast_section_and_fewer_columns():
    keys = [s.key for s in sections(Audience.CUSTOMER)]
    assert "risks" not in keys and "forecast" not in keys and "summary" in keys
    shown = [c.key for c in columns(Audience.CUSTOMER, TEMPLATE.table(MEMBERS))]
    assert "development" not in shown and "name" in shown
