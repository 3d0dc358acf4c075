"""Long text and long tables: printed whole within the limits, clipped with a mark past them.

No test here is timed (the figures are bench/bench_render_limits.py's); each case is one that
took seconds to minutes before: a 20,000-character account name in every page header, a prose
paragraph of hundreds of thousands of characters, tables of thousands of rows.
"""

from __future__ import annotations

import io
import re

from pdfminer.high_level import extract_text

from kamplanner.domain import template
from kamplanner.domain.limits import MAX_NAME, MAX_PLAN_TEXT, MAX_PROSE, MAX_ROWS
from kamplanner.domain.model import Record
from kamplanner.report import render_plan
from kamplanner.report.clip import over_limits, within_limits
from kamplanner.report.drawing import fit, width
from kamplanner.report.fonts import register_style
from kamplanner.report.style import load
from tests.factories import full_plan

from .helpers import pages_text, reader, squeeze


def note(count: int) -> str:
    return f"… ({count:,} more characters not printed)"


def test_fit_cuts_by_bisection_to_what_fits():
    family = register_style(load())
    font = family.regular
    for value in ("示例银行 Example Bank " * 1000, "x" * 20_000, "短"):
        cut = fit(value, font, 7.5, 200)
        assert width(cut, font, 7.5) <= 200
        if cut != value:
            assert cut.endswith("…") and len(cut) < 200
            longer = value[: len(cut)] + "…"  # one character more does not fit
            assert width(longer, font, 7.5) > 200 or longer.rstrip("…") == value.rstrip()


def test_a_20000_character_account_name_is_clipped_in_the_headers_and_marked():
    plan = full_plan()
    plan.account.name = "江南省电网" * 4_000
    data = render_plan(plan)
    pages = pages_text(data)
    for page in pages[3:]:  # each body page's header: the name cut to what fits, with "…"
        header = next(line for line in page.splitlines() if line.startswith("江南省电网江南省电网"))
        assert "…" in header and len(header) < 200
    everything = squeeze("".join(pages))
    assert squeeze(f"（另有 {20_000 - MAX_NAME:,} 个字符未打印）") in everything  # where the name is in full
    assert len(reader(data).metadata.title) < MAX_NAME + 100


def test_a_chinese_paragraph_of_many_pages_prints_every_character():
    sentence = "这是一段很长的中文内容，用于测试分页。Some English words too. "
    text = sentence * (MAX_PROSE // len(sentence)) + "全文终点"
    plan = full_plan()
    plan.prose["summary.strategy"] = text
    data = render_plan(plan)
    pages = pages_text(data)
    everything = squeeze("".join(pages))
    # (a sentence split by a page's foot has the footer and the next header inside it)
    assert everything.count(squeeze("用于测试分页。SomeEnglishwordstoo.")) >= MAX_PROSE // len(sentence) - len(pages)
    assert everything.count("这是一段很长的中文内容") >= MAX_PROSE // len(sentence) - len(pages)
    assert "全文终点" in everything  # (the rest of a paragraph split at a page's foot was lost)
    bold = full_plan(text="**粗体开头** " + "中文加粗段落内容。" * 2_000 + "段落终点")
    assert "段落终点" in squeeze("".join(pages_text(render_plan(bold))))


def test_a_plan_over_every_limit_prints_clipped_with_marks():
    plan = full_plan()
    plan.prose["summary.strategy"] = "长文" * 500_000  # 1,000,000 characters
    plan.tables[template.ACTIONS] = [
        Record(f"a{i}", {"horizon": "year1", "category": "relationship", "description": f"行动{i}", "owner": "m1"})
        for i in range(MAX_ROWS + 1234)
    ]
    assert over_limits(plan)
    data = render_plan(plan)
    everything = squeeze(extract_text(io.BytesIO(data)))
    assert squeeze(f"（另有 {1_000_000 - MAX_PROSE:,} 个字符未打印）") in everything
    assert squeeze("……另有 1,234 行未打印。") in everything
    assert f"行动{MAX_ROWS - 1}" in everything and f"行动{MAX_ROWS}" not in everything


def test_within_the_limits_the_plan_is_printed_untouched_and_past_them_cut_to_the_budget():
    plan = full_plan()
    assert within_limits(plan, note).plan is plan
    big = full_plan(text="字" * MAX_PROSE)  # every prose field at its limit: far past the plan's budget
    printed = within_limits(big, note).plan
    kept = sum(len(t.split("…")[0].rstrip()) for t in printed.prose.values())
    assert kept <= MAX_PLAN_TEXT
    assert any(t.startswith(note(MAX_PROSE)) for t in printed.prose.values())  # budget spent: only the mark
    assert big.prose["summary.strategy"] == "字" * MAX_PROSE  # the plan itself is not changed


def test_the_fingerprint_is_the_plans_own_even_when_printed_clipped():
    plan = full_plan()
    plan.account.name = "名" * (MAX_NAME * 3)
    from kamplanner.domain.planfile import fingerprint

    assert fingerprint(plan)[:12] in squeeze(extract_text(io.BytesIO(render_plan(plan))))


def test_a_stakeholder_chain_hundreds_deep_and_many_competitors_still_print():
    plan = full_plan()
    plan.tables[template.STAKEHOLDERS] = [
        Record(
            f"k{i}", {"name": f"人{i}", "role": "evaluator", "attitude": "C", "reports_to": f"k{i - 1}" if i else None}
        )
        for i in range(MAX_ROWS)
    ]
    plan.tables["appendix.competition.competitors"] = [Record(f"c{i}", {"name": f"对手{i}"}) for i in range(MAX_ROWS)]
    text = squeeze("".join(pages_text(render_plan(plan))))
    assert re.search(r"图中为组织的上层\d+人", text)
    assert "得分对比只列出前8个竞争对手" in text


def test_pasted_vertical_tab_and_form_feed_print_as_a_line_and_a_paragraph_break():
    plan = full_plan()
    plan.prose["summary.strategy"] = "Line one\x0bLine two\x0cNew paragraph\x07here"
    plan.rows(template.ACTIONS)[0].values["description"] = "单元格第一行\x0b第二行"
    data = render_plan(plan)
    for text in ("".join(pages_text(data)), extract_text(io.BytesIO(data))):
        lines = [line.strip() for line in text.splitlines()]
        assert "Line one" in lines and "Line two" in lines  # two lines, the words not run together
        assert "New paragraph here" in lines
        assert "单元格第一行" in lines and "第二行" in lines
    # the form feed began a paragraph of its own: below the line before it by more than a line
    page = next(p for p in reader(data).pages if "Line two" in p.extract_text())
    tops: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip() in ("Line one", "Line two", "New paragraph here"):
            tops[text.strip()] = cm[5] + tm[5] * cm[3]  # the text matrix is within the paragraph's own

    page.extract_text(visitor_text=visit)
    line = tops["Line one"] - tops["Line two"]
    assert tops["Line two"] - tops["New paragraph here"] > line * 1.3


def test_a_table_at_the_row_limit_prints_every_row_once_in_order_across_its_parts():
    plan = full_plan()
    plan.tables["team.budget"] = [
        Record(f"b{i}", {"item": f"项目X{i}Y", "amount": 1.0, "provider": "市场部"}) for i in range(MAX_ROWS)
    ]
    plan.tables[template.ACTIONS] = [
        Record(
            f"a{i}",
            {
                "horizon": ("year1", "five_year")[i % 2],
                "category": ("relationship", "platform")[i * 2 // MAX_ROWS],
                "description": f"行动Q{i}W"
                + ("很长的描述" * 300 if i == MAX_ROWS - 20 else ""),  # a row taller than a page
                "owner": "m1",
                "status": "planned",
            },
        )
        for i in range(MAX_ROWS)
    ]
    text = squeeze("".join(pages_text(render_plan(plan))))
    assert re.findall(r"项目X(\d+)Y", text) == [str(i) for i in range(MAX_ROWS)]
    actions = re.findall(r"行动Q(\d+)W", text)  # grouped by horizon and category, then again by owner
    assert sorted(map(int, actions)) == sorted(list(range(MAX_ROWS)) * 2)
    assert "（续）" in text  # a group continued on the next page says so


def test_a_field_of_thousands_of_bullets_prints_every_item():
    from kamplanner.report.markdown import MOST_BLOCKS

    count = MOST_BLOCKS + 700
    plan = full_plan()
    plan.prose["summary.strategy"] = "".join(f"- 第{i}项 **要点**\n" for i in range(count)) + "\n结尾段落"
    text = squeeze("".join(pages_text(render_plan(plan))))
    assert re.findall(r"第(\d+)项", text) == [str(i) for i in range(count)]
    assert len(re.findall(r"•第\d+项", text)) == MOST_BLOCKS and len(re.findall(r"-第\d+项", text)) == 700
    assert "**" not in text and "结尾段落" in text
