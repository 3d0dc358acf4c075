"""edits_between: the edits from one version of a plan to another, checked by applying them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kamplanner.domain.delta import edits_between
from kamplanner.domain.edits import InsertRow, MoveRow, RemoveRow, SetAccount, SetCell, SetProse
from tests.factories import full_plan

STAKEHOLDERS = "appendix.account_info.stakeholders"


def applied(old, edits):
    work = old.copy()
    for edit in edits:
        edit.apply(work)
    return work


def same_content(a, b) -> bool:
    keys = {k for k in set(a.prose) | set(b.prose)}
    return (
        all(a.text(k) == b.text(k) for k in keys)
        and a.currency == b.currency
        and vars(a.account) == vars(b.account)
        and {p: [(r.key, r.values) for r in rows] for p, rows in a.tables.items() if rows}
        == {p: [(r.key, r.values) for r in rows] for p, rows in b.tables.items() if rows}
    )


def test_the_same_plan_needs_no_edit():
    plan = full_plan()
    assert edits_between(plan, plan.copy()) == []


def test_each_kind_of_difference_is_the_edit_a_person_would_have_made():
    old = full_plan()
    new = old.copy()
    new.prose["summary.risks"] = "新的风险"
    new.account.region = "华南"
    rows = new.rows(STAKEHOLDERS)
    first, second = rows[0], rows[1]
    first.values["title"] = "总经理"
    removed = rows.pop(2)
    rows.insert(0, rows.pop(1))  # the second row first
    edits = edits_between(old, new)
    kinds = [type(e) for e in edits]
    assert SetProse("summary.risks", old.text("summary.risks"), "新的风险") in edits
    assert SetAccount("region", old.account.region, "华南") in edits
    assert any(isinstance(e, SetCell) and e.row == first.key and e.column == "title" for e in edits)
    assert any(isinstance(e, RemoveRow) and e.record.key == removed.key for e in edits)
    assert MoveRow in kinds and InsertRow not in kinds
    assert second.key == new.rows(STAKEHOLDERS)[0].key
    assert same_content(applied(old, edits), new)
    assert len(edits) == 5  # the prose, the region, the title, the removal, the move


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_applying_the_edits_always_gives_the_new_plan(data):
    old = full_plan()
    new = old.copy()
    for path, rows in new.tables.items():
        if rows and data.draw(st.booleans()):
            order = data.draw(st.permutations(range(len(rows))))
            kept = [rows[i] for i in order if data.draw(st.booleans())]
            for record in kept:
                if record.values and data.draw(st.booleans()):
                    column = sorted(record.values)[0]
                    record.values[column] = data.draw(st.text(max_size=5)) or None
                    if record.values[column] is None:
                        del record.values[column]
            new.tables[path] = kept
            if data.draw(st.booleans()) and old.rows(path):
                extra = old.rows(path)[0].copy()
                extra.key = f"x{data.draw(st.integers(0, 10**6))}"
                if extra.key not in {r.key for r in old.rows(path)} | {r.key for r in kept}:
                    # (a plan's row keys are distinct: the factory's own rows are keyed x1, x2…)
                    new.tables[path].append(extra)
    for field in list(new.prose)[:5]:
        if data.draw(st.booleans()):
            new.prose[field] = data.draw(st.text(max_size=8))
    assert same_content(applied(old, edits_between(old, new)), new)
