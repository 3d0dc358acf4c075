"""Unsaved edits put on a newer stored version: what nobody else touched applies, a collision keeps both."""

from kamplanner.domain.edits import InsertRow, RemoveRow, SetCell, SetProse
from kamplanner.domain.model import Record
from kamplanner.domain.rebase import insist, rebase
from tests.factories import full_plan

OPPS = "strategy.opportunities"


def test_an_edit_to_something_untouched_elsewhere_applies():
    old = full_plan()
    fresh = full_plan()
    fresh.prose["summary.risks"] = "changed elsewhere"
    edit = SetProse("summary.strategy", old.prose["summary.strategy"], "mine")
    result = rebase(fresh, [edit])
    assert result.kept == [edit] and result.collisions == []
    assert fresh.prose["summary.strategy"] == "mine" and fresh.prose["summary.risks"] == "changed elsewhere"


def test_the_same_text_changed_in_two_places_keeps_the_stored_one_and_reports_both():
    old = full_plan()
    fresh = full_plan()
    fresh.prose["summary.strategy"] = "window A wrote this"
    mine = SetProse("summary.strategy", old.prose["summary.strategy"], "window B wrote this")
    result = rebase(fresh, [mine])
    assert result.kept == []
    (collision,) = result.collisions
    assert (collision.mine, collision.theirs) == ("window B wrote this", "window A wrote this")
    assert fresh.prose["summary.strategy"] == "window A wrote this"
    again = insist(fresh, collision)
    assert again == SetProse("summary.strategy", "window A wrote this", "window B wrote this")


def test_a_cell_changed_in_two_places_is_a_collision_not_an_overwrite():
    fresh = full_plan()
    fresh.row(OPPS, "o1").values["value"] = 111.0
    result = rebase(fresh, [SetCell(OPPS, "o1", "value", 1200.0, 222.0)])
    assert fresh.row(OPPS, "o1").get("value") == 111.0
    assert [(c.mine, c.theirs) for c in result.collisions] == [(222.0, 111.0)]


def test_the_same_change_made_in_both_places_is_nothing_to_do():
    fresh = full_plan()
    fresh.row(OPPS, "o1").values["value"] = 222.0
    result = rebase(fresh, [SetCell(OPPS, "o1", "value", 1200.0, 222.0)])
    assert result.kept == [] and result.collisions == []


def test_rows_added_on_both_sides_under_one_key_are_both_kept():
    fresh = full_plan()
    fresh.rows(OPPS).append(Record("o9", {"name": "theirs"}))
    mine = [InsertRow(OPPS, 4, Record("o9", {"name": "mine"})), SetCell(OPPS, "o9", "value", None, 5.0)]
    result = rebase(fresh, mine)
    assert result.collisions == [] and len(result.kept) == 2
    names = {r.key: r.get("name") for r in fresh.rows(OPPS)}
    assert names["o9"] == "theirs" and names["o9-2"] == "mine"
    assert fresh.row(OPPS, "o9-2").get("value") == 5.0 and fresh.row(OPPS, "o9").get("value") is None


def test_removing_a_row_changed_elsewhere_keeps_it_and_says_so():
    old = full_plan()
    fresh = full_plan()
    fresh.row(OPPS, "o2").values["name"] = "renamed elsewhere"
    removed = old.row(OPPS, "o2")
    result = rebase(fresh, [RemoveRow(OPPS, 1, removed)])
    assert fresh.row(OPPS, "o2") is not None and len(result.collisions) == 1


def test_a_collision_is_named_in_the_words_of_the_plan():
    from kamplanner.domain.rebase import Collision, describe_place

    plan = full_plan()
    cell = Collision(SetCell(OPPS, "o1", "value", 1200.0, 222.0), "x", 222.0, 111.0)
    assert describe_place(cell, "zh_CN", plan) == "战略选择 ▸ 机会, 核心系统上云, 价值"
    prose = Collision(SetProse("summary.strategy", "", "b"), "summary.strategy", "b", "a")
    assert describe_place(prose, "en").startswith("Executive summary ▸ ")
