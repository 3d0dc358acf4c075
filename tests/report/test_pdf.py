"""The plan PDF, rendered for real and read back with pypdf and pdfminer.six."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pdfminer.high_level import extract_text

from kamplanner.domain import analysis, planfile, template
from kamplanner.domain.model import Record
from kamplanner.domain.template import TEMPLATE
from kamplanner.domain.values import format_value
from kamplanner.report import SignOff, render_plan
from kamplanner.report.document import well_past
from tests.factories import full_plan

from .helpers import demo, fonts, outline_titles, pages_text, reader, squeeze

BASE_14 = {
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Helvetica-BoldOblique",
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Times-BoldItalic",
    "Courier",
    "Courier-Bold",
    "Courier-Oblique",
    "Courier-BoldOblique",
    "Symbol",
    "ZapfDingbats",
}


@pytest.fixture(scope="module")
def bank():
    return demo("bank-2026")


@pytest.fixture(scope="module")
def bank_pdfs(bank):
    return {lang: render_plan(bank, lang=lang) for lang in ("zh_CN", "en")}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_eight_section_titles_appear_in_template_order(bank_pdfs, lang):
    pages = pages_text(bank_pdfs[lang])
    contents, body = squeeze(pages[2]), squeeze("".join(pages[3:]))
    for text in (contents, body):
        positions = [text.find(squeeze(f"{s.number}{s.label(lang)}")) for s in TEMPLATE.sections]
        assert -1 not in positions, [s.label(lang) for s, p in zip(TEMPLATE.sections, positions, strict=True) if p < 0]
        assert positions == sorted(positions)


def test_the_languages_differ_only_in_fixed_texts(bank_pdfs):
    zh, en = (squeeze("".join(pages_text(bank_pdfs[lang]))) for lang in ("zh_CN", "en"))
    assert "客户目标" in zh and "Accountobjectives" in en and "客户目标" not in en
    # the plan's own words are the same in both: the account and a stakeholder's name
    assert "浦瀚联合银行" in en and "邵启明" in en


def test_chinese_text_extracts_as_written(bank, bank_pdfs):
    text = squeeze("".join(pages_text(bank_pdfs["zh_CN"])))
    assert "核心系统上云、数据中心整合、监管合规加码、AI风控落地" in text
    assert "邵启明" in text and "首席信息官" in text
    # pdfminer reads it the same way
    assert "浦瀚联合银行" in squeeze(extract_text(io.BytesIO(bank_pdfs["zh_CN"]), page_numbers=[0]))


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_font_is_embedded_truetype_and_none_is_base14(bank_pdfs, lang):
    used = fonts(bank_pdfs[lang])
    assert used
    for name, font in used:
        assert font["/Subtype"] == "/TrueType", name
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), name
        assert name.split("+")[-1].lstrip("/") not in BASE_14
    assert {name.split("+")[-1] for name, _ in used} == {"NotoSansSC-Regular", "NotoSansSC-Bold"}


def test_the_buying_role_symbols_and_arrows_have_glyphs():
    from kamplanner.report import fonts as report_fonts
    from kamplanner.report import style

    look = style.load()
    family = report_fonts.register_style(look)
    for char in "※+=−→⚠✓□◆•":
        assert family.has_glyph(char), char


def test_forecast_totals_appear_formatted(bank, bank_pdfs):
    totals = analysis.forecast_totals(bank)
    money = TEMPLATE.table(template.FORECAST).column("revenue")
    text = "".join(pages_text(bank_pdfs["zh_CN"]))
    figures = [
        *totals.revenue_by_year.values(),
        totals.revenue_total,
        *totals.margin_by_year.values(),
        totals.margin_total,
    ]
    for figure in figures:
        assert format_value(money, figure, "zh_CN") in text, figure
    assert "71,250" in text  # the five-year revenue of the demo bank, with a thousands separator


def test_short_fingerprint_on_every_page_full_one_in_metadata(bank, bank_pdfs):
    fingerprint = planfile.fingerprint(bank)
    for lang, data in bank_pdfs.items():
        pages = pages_text(data)
        assert len(pages) > 10
        for number, text in enumerate(pages, 1):
            assert fingerprint[:12] in text, (lang, number)
            assert f"{number}" in text
        meta = reader(data).metadata
        assert fingerprint in meta.subject and fingerprint in meta["/Keywords"]
        assert meta.author == "王立群"
        assert "浦瀚联合银行" in meta.title and "2026" in meta.title


def test_page_x_of_y_in_both_languages(bank_pdfs):
    zh = pages_text(bank_pdfs["zh_CN"])
    en = pages_text(bank_pdfs["en"])
    assert f"第 3 页，共 {len(zh)} 页" in zh[2]
    assert f"Page 3 of {len(en)}" in en[2]


def test_contents_and_bookmarks_lead_to_every_section(bank_pdfs):
    titles = outline_titles(bank_pdfs["en"])
    top = [title for depth, title in titles if depth == 0]
    assert top[2:] == [f"{s.number} {s.label.en}" for s in TEMPLATE.sections]
    assert (1, "Opportunities") in titles and (1, "8.4 Action detail") in titles
    # the contents page lists the sections with the page each starts on
    pdf = reader(bank_pdfs["en"])
    pages = pages_text(bank_pdfs["en"])
    for depth, title in titles:
        if depth == 0 and title[0].isdigit():
            start = next(i for i, text in enumerate(pages[3:], 4) if title.split(" ", 1)[1] in text)
            assert squeeze(f"{title.split(' ', 1)[1]}") in squeeze(pages[2])
            assert start >= 4
    assert pdf.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_same_version_same_bytes_changed_plan_other_bytes(bank):
    first = render_plan(bank)
    render_plan(full_plan(text="other 👍 text שלום"))  # whatever was rendered in between
    assert render_plan(bank) == first
    changed = bank.copy()
    changed.prose["summary.strategy"] += " 一处修改。"
    other = render_plan(changed)
    assert other != first
    assert planfile.fingerprint(changed)[:12] in pages_text(other)[5]


def test_dates_come_from_the_version_not_the_clock(bank):
    plan = bank.copy()
    plan.saved_at = dt.datetime(2026, 6, 15, 9, 30, tzinfo=dt.UTC)
    data = render_plan(plan)
    meta = reader(data).metadata
    assert meta["/CreationDate"].startswith("D:20260615093000") and meta["/ModDate"] == meta["/CreationDate"]
    assert "2026 年 6 月 15 日" in pages_text(data)[0]
    plan.saved_at = None
    assert reader(render_plan(plan)).metadata["/CreationDate"].startswith("D:20260101000000")


HOSTILE = (
    "<font size=80>big</font> & R&D ]]> <b>not bold</b> &amp; <para> "
    "emoji 👍🏽 ✅ 👨‍👩‍👧 done; Hebrew שלום עולם; Arabic مرحبا بكم; \u202eevil\u202c; bell\x07 esc\x1b[31m end"
)
LONG_WORD = "ж" * 10_000


def hostile_plan():
    plan = full_plan(text=HOSTILE)
    plan.prose["summary.strategy"] = f"**start** {LONG_WORD} *finish*\n\n- {HOSTILE}\n1. {HOSTILE}"
    plan.account.name = "<b>Acme</b> & Co ]]>"
    plan.account.manager = "王 <i>&</i>"
    people = plan.rows(template.STAKEHOLDERS)
    people[0].values["name"] = "<font color=red>赵总</font> ✅"
    people[1].values["notes"] = HOSTILE + " " + "长" * 3000  # a cell taller than a page
    plan.rows(template.ACTIONS)[0].values["description"] = HOSTILE
    return plan


def test_hostile_text_prints_literally_and_never_breaks_the_build():
    data = render_plan(hostile_plan())
    pages = pages_text(data)
    text = "".join(pages)
    for literal in (
        "<font size=80>big</font>",
        "& R&D ]]>",
        "<b>not bold</b>",
        "&amp;",
        "<para>",
        "<b>Acme</b> & Co ]]>",
        "<font color=red>赵总</font>",
        "王 <i>&</i>",
    ):
        assert squeeze(literal) in squeeze(text), literal  # a table cell may wrap it
    # emoji print as typed (in the fallback font); what only shapes them (skin tone, joiners) goes
    assert "emoji 👍 ✅ 👨👩👧 done" in text
    assert "start" in text and "**" not in text  # the Markdown made it bold
    assert "\x07" not in text and "\x1b" not in text and "\u202e" not in text
    assert "bell esc [31m end" in text  # a control character between two words is a space
    assert squeeze(text).count("ж") == 10_000  # the whole long word, broken across lines
    assert squeeze(text).count("长") >= 3000
    assert reader(data).metadata.author == "王 <i>&</i>"
    # pdfminer keeps right-to-left text in the order it was typed
    mined = extract_text(io.BytesIO(data), page_numbers=[i for i, p in enumerate(pages) if "Hebrew" in p][:2])
    assert "שלום עולם" in mined and "مرحبا بكم" in mined
    assert "emoji 👍 ✅ 👨👩👧 done" in mined


def test_hostile_text_is_not_markup():
    data = render_plan(hostile_plan())
    # an injected <font size=80> would have made a font resource of that size; no text is that big
    pdf = reader(data)
    content = b"".join(page.get_contents().get_data() for page in pdf.pages[3:5])
    assert b" 80 Tf" not in content


def test_fields_not_written_yet_are_named_in_one_line_not_printed_empty():
    plan = full_plan()
    plan.tables["team.budget"] = []
    plan.tables["appendix.performance.last_year"] = []
    plan.tables[template.FORECAST] = []
    plan.prose["summary.risks"] = ""
    text = "".join(pages_text(render_plan(plan)))
    assert "暂无记录。" not in text and "尚未填写。" not in text  # no heading over nothing
    assert "尚未填写：风险概要。" in text  # each run of empty fields is one line naming them
    assert "尚未填写：资源和预算。" in text and "尚未填写：去年计划回顾。" in text
    assert "提供部门" not in text  # the budget table's header is not drawn
    # nor the forecast's grids of zeros, nor a chart of nothing
    assert "收入：按区域和平台" not in text and "收入预测" not in text
    en = "".join(pages_text(render_plan(plan, lang="en")))
    assert "Not written yet: Risks in brief." in en and "Not written yet: Resources and budget." in en


def test_a_draft_mostly_empty_prints_its_empty_sections_together():
    from kamplanner.domain.model import Account, Plan

    plan = Plan(Account("Sparse Co"), 2027)
    plan.prose["summary.strategy"] = "We grow with Sparse Co."
    pages = pages_text(render_plan(plan, lang="en"))
    # cover, sign-off, contents, then the summary and the seven sections not written yet
    assert len(pages) <= 5, len(pages)
    body = "".join(pages[3:])
    assert (body.count("Not written yet:") >= 7 and "2  Strategic choices" in body) or "2 Strategic choices" in body
    assert all("DRAFT" in page for page in pages[1:])  # a draft says so on every page


def test_a_long_table_splits_across_pages_with_its_header_repeated():
    plan = full_plan()
    plan.tables[template.ACTIONS] = [
        Record(
            f"a{i}",
            {
                "horizon": "year1" if i % 3 else "five_year",
                "category": "platform",
                "description": f"行动第{i:03d}项",
                "owner": "m1" if i % 2 else "m2",
                "due": dt.date(2027, 1 + i % 12, 1),
                "status": "planned",
                "milestone": i % 5 == 0,
            },
        )
        for i in range(200)
    ]
    pages = pages_text(render_plan(plan))
    text = "".join(pages)
    assert all(f"行动第{i:03d}项" in text for i in range(200))
    # in section 5 and again, by owner, in the appendix: the header row on every page of both
    with_header = [p for p in pages if "完成日期" in p and "行动第" in p]
    assert len(with_header) >= 6
    # A page that carries a group on says which: its group row again, "continued".
    continued = [p for p in with_header[1:] if "（续）" in p]
    assert len(continued) >= 4
    for page in continued:
        lines = page.splitlines()
        assert "（续）" in next(line for line in lines if "（续）" in line or "行动第" in line)
    english = [p for p in pages_text(render_plan(plan, lang="en")) if "(continued)" in p]
    assert len(english) >= 4


def test_a_section_past_its_page_budget_is_marked_in_the_contents():
    plan = full_plan()
    plan.prose["summary.strategy"] = "\n\n".join(["很长的摘要段落。" * 40] * 30)  # several pages
    contents = pages_text(render_plan(plan))[2]
    assert "⚠" in contents and "预算 1.5 页" in contents
    first_line = next(line for line in contents.splitlines() if "总摘要" in line)
    assert "⚠" in first_line
    assert "⚠" not in pages_text(render_plan(full_plan()))[2]


@pytest.mark.parametrize(
    ("pages", "budget", "marked"),
    [
        (2.2, 2, False),
        (2.5, 2, False),
        (2.6, 2, True),
        (1.4, 1, False),
        (1.6, 1, True),
        (7.4, 6, False),
        (7.6, 6, True),
    ],
)
def test_only_a_section_well_past_its_budget_is_marked(pages, budget, marked):
    assert well_past(pages, budget) is marked


def test_the_sign_off_block_is_blank_or_filled():
    plan = full_plan()
    blank = pages_text(render_plan(plan))[1]
    assert "审批签字" in blank and "□ 批准" in blank and planfile.fingerprint(plan) in squeeze(blank)
    assert "□ 修改后批准" in blank and "编制人" in blank  # each box with its own label; who prepared it
    signed = render_plan(plan, signoff=SignOff("李总", "华东区总经理", dt.date(2027, 2, 3), "批准", 4))
    pages = pages_text(signed)
    page = pages[1]
    assert "李总" in page and "华东区总经理" in page and "2027 年 2 月 3 日" in page and "□ 批准" not in page
    assert "总体评分 4/5" in page and plan.account.manager in page
    # the approval on the cover too, and no draft mark anywhere once signed
    assert squeeze("已于 2027 年 2 月 3 日由李总（华东区总经理）批准 · 总体评分 4/5") in squeeze(pages[0])
    assert "草稿" not in "".join(pages[1:]).replace("（草稿）", "")
    assert "草稿，尚未批准" in pages_text(render_plan(plan))[0]


def test_every_demo_plan_renders_in_both_languages():
    for name in ("bank-2026", "grid-2027", "electronics-2027"):
        plan = demo(name)
        for lang in ("zh_CN", "en"):
            pages = pages_text(render_plan(plan, lang=lang))
            assert len(pages) >= 15
            assert plan.account.name in pages[0]
            assert "⚠" not in pages[2]  # a few lines past a budget is not worth a warning
            text = "".join(pages)
            # one unit style per language: an English reader counts CNY in millions
            assert ("金额单位：万元" if lang == "zh_CN" else "Amounts in CNY m") in text
            assert "CNY 10k" not in text
            assert ("Amounts in" if lang == "zh_CN" else "金额单位") not in text


def test_the_action_detail_lists_the_items_by_owner():
    plan = full_plan()
    pages = pages_text(render_plan(plan))
    appendix = "".join(pages[[i for i, p in enumerate(pages) if "8.4" in p][-1] :])
    assert "行动项（按负责人）" in appendix
    assert appendix.index("王立群 · 客户经理") < appendix.index("拜访首席信息官")
    assert appendix.index("李娜 · 解决方案架构师") < appendix.index("完成核心系统迁移")


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language"):
        render_plan(full_plan(), lang="fr")


def test_a_table_never_carries_a_lone_row_over_to_the_next_page():
    from reportlab.platypus import PageBreak

    from kamplanner.report.tables import MIN_ROWS_OVER, PlanTable

    def table(body_rows: int) -> PlanTable:
        made = PlanTable(
            [["head"]] + [[f"row {i}"] for i in range(body_rows)],
            colWidths=[100],
            rowHeights=[10] * (body_rows + 1),
            repeatRows=1,
        )
        made.page_room = 1000
        made.wrap(100, 1000)
        return made

    # Room for the header and 9 of 10 rows: the 10th would go over alone, so 3 go together.
    first, page_break, rest = table(10).split(100, 105)
    assert isinstance(page_break, PageBreak)
    assert len(rest._cellvalues) - 1 == MIN_ROWS_OVER and rest._cellvalues[0] == ["head"]
    assert len(first._cellvalues) - 1 == 10 - MIN_ROWS_OVER
    # Room for 5 of 10: an ordinary split.
    first, rest = table(10).split(100, 65)
    assert len(first._cellvalues) - 1 == 5 and len(rest._cellvalues) - 1 == 5
    # A short table keeps what fits rather than leave a page with almost nothing of it.
    first, rest = table(5).split(100, 55)
    assert len(first._cellvalues) - 1 == 4 and len(rest._cellvalues) - 1 == 1


def test_the_managers_figures_are_printed():
    plan = demo("electronics-2027")
    en = squeeze("".join(pages_text(render_plan(plan, lang="en"))))
    assert squeeze("Weighted pipeline (value × probability):") in en
    assert "Shareweightedbydemand" in en and "Growthontheyearbefore" in en and "CAGR" in en
    zh = squeeze("".join(pages_text(render_plan(plan, lang="zh_CN"))))
    assert "加权商机" in zh and "按需求加权的份额" in zh and "同比增长" in zh and "年复合" in zh


def test_open_actions_past_due_on_the_versions_date_are_marked_overdue():
    from kamplanner.domain.model import Phase

    plan = full_plan()  # one action due 31 March 2027 (planned), one due 2029
    plan.saved_at = dt.datetime(2027, 9, 1, tzinfo=dt.UTC)
    assert "已逾期" not in "".join(pages_text(render_plan(plan)))  # a plan not yet carried out has none
    plan.phase = Phase.MONITORING
    text = "".join(pages_text(render_plan(plan)))
    assert text.count("已逾期") == 2  # in the action plan and again in the appendix's list by owner
    plan.rows(template.ACTIONS)[0].values["status"] = "done"
    assert "已逾期" not in "".join(pages_text(render_plan(plan)))


def test_the_pdf_says_the_language_its_content_is_in():
    plan = full_plan()  # written in Chinese
    for lang in ("zh_CN", "en"):  # an English edition has English labels over Chinese text
        assert reader(render_plan(plan, lang=lang)).trailer["/Root"]["/Lang"] == "zh-CN"
    plan.language = "en"
    assert reader(render_plan(plan, lang="en")).trailer["/Root"]["/Lang"] == "en"


def _fill(data: bytes) -> list[float]:
    """How far down each page its text reaches, 0 (empty) to 1 (full)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    out = []
    for page in extract_pages(io.BytesIO(data)):
        top, bottom = page.height - 62, 70.0  # below the header, above the footer
        ys = [
            e.y0
            for e in page
            if isinstance(e, LTTextContainer) and bottom < e.y0 < top and e.get_text().strip() not in ("DRAFT", "草稿")
        ]
        out.append((top - min(ys)) / (top - bottom) if ys else 0.0)
    return out


@pytest.mark.parametrize("name", ["bank-2026", "grid-2027", "electronics-2027"])
def test_no_page_but_the_last_is_left_under_a_quarter_full(name):
    for lang in ("zh_CN", "en"):
        fills = _fill(render_plan(demo(name), lang=lang))
        nearly_empty = [i + 1 for i, f in enumerate(fills[1:-1], 1) if f < 0.25]
        assert not nearly_empty, (lang, nearly_empty, [round(f, 2) for f in fills])
