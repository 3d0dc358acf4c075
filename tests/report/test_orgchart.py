"""The stakeholder map's layout: trees from reports-to, loops cut, wide teams stacked."""

from __future__ import annotations

from kamplanner.domain.model import Record
from kamplanner.domain.orgtree import BOX_W, forest
from kamplanner.domain.orgtree import arrange as _chart


def rows(*links: tuple[str, str | None]) -> list[Record]:
    return [Record(key, {"name": key, "reports_to": boss}) for key, boss in links]


def test_reporting_loops_and_unknown_bosses_make_roots():
    roots = forest(rows(("a", "b"), ("b", "c"), ("c", "a"), ("d", "nobody"), ("e", "e"), ("f", "d")))
    names = [r.row.key for r in roots]
    assert "d" in names and "e" in names
    seen = []

    def walk(node):
        seen.append(node.row.key)
        for child in node.children:
            walk(child)

    for root in roots:
        walk(root)
    assert sorted(seen) == ["a", "b", "c", "d", "e", "f"]  # every stakeholder once, no endless loop


def test_a_wide_team_is_stacked_to_fit_the_page():
    wide = rows(("boss", None), *[(f"m{i}", "boss") for i in range(12)])
    block = _chart(forest(wide), 480)
    assert block.width <= 480
    assert len(block.boxes) == 13
    narrow = rows(("boss", None), ("a", "boss"), ("b", "boss"))
    assert _chart(forest(narrow), 480).width == 2 * BOX_W + 10  # two side by side: fits, not stacked
