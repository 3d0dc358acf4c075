"""Arbitrary text survives the whole trip: plan file → database → plan file, byte for byte."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamplanner.domain import planfile
from kamplanner.domain.limits import MAX_CELL, MAX_NAME, MAX_PROSE
from kamplanner.domain.model import new_uuid
from kamplanner.services import Portfolio
from kamplanner.store.database import Database
from tests.domain.test_planfile import hostile_text
from tests.factories import full_plan


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    # As long as each field may hold (domain/limits.py): longer text is refused on reading.
    prose=hostile_text.map(lambda s: s[:MAX_PROSE]),
    cell=hostile_text.map(lambda s: s[:MAX_CELL]),
    name=hostile_text.map(lambda s: s[:MAX_NAME]).filter(lambda s: s.strip() != ""),
    number=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
)
def test_export_import_export_is_identical_for_any_text(prose, cell, name, number):
    plan = full_plan()
    plan.uuid, plan.account.uuid = new_uuid(), new_uuid()  # as a file exported from a database has them
    plan.account.name = name
    plan.prose["summary.strategy"] = prose
    plan.prose["appendix.action_detail.resources"] = cell
    member = plan.rows("team.members")[0]
    member.values["responsibilities"] = cell
    plan.rows("forecast.rows")[0].values["revenue"] = number
    text = planfile.dumps(plan)
    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(Path(folder) / "p.db")
        try:
            portfolio = Portfolio(db)
            plan_id = portfolio.import_json(text)
            assert portfolio.export_json(plan_id) == text
        finally:
            db.close()
