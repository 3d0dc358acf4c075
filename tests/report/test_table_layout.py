"""How tables sit on the page: widths from what the columns hold, continued tables that say
whose rows they carry on, and no lone character at a paragraph's end."""

from __future__ import annotations

import re

import pytest

from kamplanner.domain import template
from kamplanner.domain.model import Record
from kamplanner.domain.template import Cell
from kamplanner.report import render_plan
from kamplanner.report.linebreak import break_points
from kamplanner.report.tables import fitted_widths
from tests.factories import full_plan

from .helpers import demo, pages_text


def test_the_free_width_goes_where_it_saves_lines_and_short_values_are_not_broken():
    # three columns: names (short), a department (medium), long notes
    rows = [[[30.0], [70.0], [900.0]], [[32.0], [60.0], [700.0]], [[28.0], [75.0], [1200.0]]]
    header = [[20.0], [40.0], [20.0]]
    widths = fitted_widths(480.0, [25.0, 25.0, 25.0], [header, *rows], [2, 2, 3])
    assert abs(sum(widths) - 480.0) < 1e-6
    assert widths[0] >= 32.0 + 8.5  # the longest name fits on its line
    assert widths[2] > widths[1] > widths[0]  # the notes get the slack
    # a table whose columns all fit gets their natural widths, the rest shared by the hints
    narrow = fitted_widths(480.0, [25.0, 25.0], [[[40.0], [50.0]]], [1, 1])
    assert narrow[0] >= 48.5 and narrow[1] >= 58.5 and abs(sum(narrow) - 480.0) < 1e-6


def test_stakeholder_names_and_titles_are_not_broken_in_either_language():
    plan = demo("grid-2027")
    names = [str(r.get(Cell.name)) for r in plan.rows(template.STAKEHOLDERS)]
    lines = {line.strip() for page in pages_text(render_plan(plan)) for line in page.splitlines()}
    # each name is set whole on a line of its cell (a broken one would come out as "郑国" and "华")
    broken = [n for n in names if not any(line.startswith(n) or line == n for line in lines)]
    assert not broken, broken


def test_a_continued_table_repeats_its_caption_and_the_group_it_is_in():
    plan = full_plan()
    regions = [f"区域{i}" for i in range(6)]
    plan.tables[template.FORECAST] = [
        Record(
            f"f{r}{p}{y}",
            {"year": y, "region": region, "platform": f"平台{p}", "revenue": 100.0 + p, "margin": 30.0 + p},
        )
        for r, region in enumerate(regions)
        for p in range(5)
        for y in plan.years
    ]
    pages = pages_text(render_plan(plan))
    continued = [p for p in pages if "贡献毛利：按区域和平台（续）" in p or "收入：按区域和平台（续）" in p]
    assert continued, "a forecast table this long goes on over a page"
    # the page it goes on to names the region its first rows belong to
    for page in continued:
        after = page.split("（续）", 1)[1]
        first_region = re.search(r"区域\d", after)
        assert first_region is not None
        assert f"{first_region.group(0)}（续）" in after or after.index(first_region.group(0)) < after.index("平台")


def test_no_paragraph_ends_on_a_lone_chinese_character():
    text = "我们的目标是成为客户的战略级科技合作伙伴。"
    for width in range(60, 220, 10):
        lines = [text[s:e] for s, e, _ in break_points(text, [10.0] * len(text), [float(width)])]
        assert "".join(lines) == text
        last = lines[-1].rstrip("。，")
        assert len(lines) == 1 or len(last) >= 2, (width, lines)


def test_a_very_long_note_is_set_under_its_row_across_the_table():
    plan = full_plan()
    long_note = "这位决策者非常关注数据安全和成本，" * 12  # ~200 characters
    rows = plan.rows(template.STAKEHOLDERS)
    rows[0].values[Cell.notes] = long_note
    short_note = rows[1].values[Cell.notes] = "关注交付周期"
    text = "".join(pages_text(render_plan(plan)))
    flat = re.sub(r"\s+", "", text)
    # the long note comes whole, named, after its row; the short one stays in its column
    assert "备注：" + long_note[:16] in flat and flat.count("这位决策者") == 12
    assert re.sub(r"\s+", "", short_note) in flat
    assert len(long_note) > 180


def test_chinese_body_text_is_justified_and_latin_text_is_not_stretched_between_letters():
    from .helpers import reader

    def spacings(data: bytes) -> set[str]:
        found = set()
        for page in reader(data).pages[3:]:
            found |= set(re.findall(rb"(-?[0-9.]+) Tc", page.get_contents().get_data()))
        return {s.decode() for s in found} - {"0"}

    plan = full_plan()
    plan.prose["summary.strategy"] = "我们的目标是成为客户的战略级科技合作伙伴，" * 8
    assert spacings(render_plan(plan)), "a Chinese paragraph's lines are spread to the right edge"
    plan = full_plan(language="en", text="We lead with outcomes, not with price per virtual machine. " * 6)
    assert not spacings(render_plan(plan, lang="en"))


@pytest.mark.parametrize("name", ["grid-2027", "electronics-2027", "bank-2026"])
def test_a_table_never_begins_with_one_row_at_a_pages_foot(name):
    plan = demo(name)
    names = [str(r.get(Cell.name)) for r in plan.rows(template.STAKEHOLDERS)]
    for lang in ("zh_CN", "en"):
        # the table's header row, ending "…owner Notes" / "…负责人 备注"
        header = re.compile(r"我方关系负责人\s*备注" if lang == "zh_CN" else r"relationship\s*owner\s*Notes")
        seen = 0
        for page in pages_text(render_plan(plan, lang=lang)):
            found = header.search(page)
            if found:  # a page the stakeholder table is on holds two of its rows at least
                seen += 1
                rows_here = sum(1 for n in names if n in page[found.end() :])
                assert rows_here >= 2, (lang, rows_here)
        assert seen, lang
