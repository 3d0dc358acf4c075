"""The plan PDF's appendix on request: changes since the last approved (signed-off) version.

Real database (the demo portfolio), real edits after the bank plan's sign-off, real PDFs read back.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kamplanner.domain import template
from kamplanner.domain.cycle import ProgressReview
from kamplanner.domain.diff import diff_plans
from kamplanner.domain.edits import SetCell, SetProse
from kamplanner.report import render_plan
from tests.factories import full_plan

from .helpers import outline_titles, pages_text, squeeze

TITLE = {"zh_CN": "自上次批准版本以来的变化", "en": "Changes since the last approved version"}
HOSTILE = "<font size=80>big</font> & R&D ]]> <b>not bold</b> &amp; <para> 赵总"


def plan_id(portfolio, account: str) -> int:
    return next(p.id for p in portfolio.list_plans() if p.account == account)


def appendix(data: bytes, lang: str) -> str:
    """The text from the changes part's heading on (the contents page names it too)."""
    pages = pages_text(data)
    start = max(i for i, page in enumerate(pages) if TITLE[lang] in page)
    return "".join(pages[start:])


@pytest.fixture
def edited_bank(demo_portfolio):
    """The bank plan after its sign-off: a progress review that changed a stakeholder's
    attitude, then a rewritten sentence in the summary and a new revenue target."""
    bank = plan_id(demo_portfolio, "浦瀚联合银行")
    plan = demo_portfolio.load_plan(bank)
    first = plan.rows(template.STAKEHOLDERS)[0]
    assert first.get("attitude") == "C"
    demo_portfolio.record_progress(bank, ProgressReview(dt.date(2026, 12, 15), "周海峰", "年末", {first.key: "B"}))
    plan = demo_portfolio.load_plan(bank)
    old = plan.text("summary.strategy")
    assert "核心系统上云" in old
    revenue = plan.rows("objectives.financial")[0]
    demo_portfolio.save_edits(
        bank,
        plan.version,
        [
            SetProse("summary.strategy", old, old.replace("核心系统上云", "核心系统全面上云", 1)),
            SetCell("objectives.financial", revenue.key, "target", revenue.get("target"), 10800.0),
        ],
    )
    return bank


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_changes_since_sign_off_are_listed(demo_portfolio, edited_bank, lang):
    data = demo_portfolio.render_pdf(edited_bank, lang=lang, with_changes=True)
    text = squeeze(appendix(data, lang))
    # The demo bank's versions: 1 submitted (reviewed, sent back), 2 signed off; edited since.
    assert demo_portfolio.load_plan(edited_bank).version_label.astuple() == (3, True)
    if lang == "zh_CN":
        assert "当前版本（第3版（草稿））与最近一次签批的第2版（2026年1月15日，周海峰签批）" in text
        assert "文字1处，表格行2行" in text
        assert "1总摘要" in text and "战略概要（修改）" in text
        assert "4客户目标" in text and "今年目标：10,200→10,800" in text
        assert "8附录" in text and "邵启明" in text and "态度：C认可→B支持" in text
    else:
        assert "thisversion(version3(draft))sinceversion2," in text and "15January2026" in text
        assert "1Executivesummary" in text and "Strategyinbrief(changed)" in text
        assert "Thisyeartarget:10,200→10,800" in text
        assert "邵启明" in text and "Attitude:CAccepts→BSupports" in text
    # the prose change is shown where it happened, with the words around it, not the whole text
    assert "核心系统全面上云" in text and "核心系统上云" in text
    whole = squeeze(demo_portfolio.load_plan(edited_bank).text("summary.strategy"))
    assert whole not in text


def test_the_part_is_in_the_contents_and_the_bookmarks(demo_portfolio, edited_bank):
    for lang in ("zh_CN", "en"):
        data = demo_portfolio.render_pdf(edited_bank, lang=lang, with_changes=True)
        assert TITLE[lang] in pages_text(data)[2]  # the contents page
        titles = outline_titles(data)
        assert (1, f"8.5 {TITLE[lang]}") in titles
        parts = [title for depth, title in titles if depth == 1 and title.startswith("8.")]
        assert parts[-1] == f"8.5 {TITLE[lang]}"  # after the appendix's four parts
        assert (2, "4 Account objectives" if lang == "en" else "4 客户目标") in titles
        # without the option there is no such part
        plain = demo_portfolio.render_pdf(edited_bank, lang=lang)
        assert TITLE[lang] not in "".join(pages_text(plain))


def test_an_unchanged_plan_says_so(demo_portfolio):
    bank = plan_id(demo_portfolio, "浦瀚联合银行")  # as signed off: version 2
    data = demo_portfolio.render_pdf(bank, with_changes=True)
    text = appendix(data, "zh_CN")
    assert "没有变化" in text and "当前版本（第 2 版）与最近一次签批的第 2 版" in text
    assert "之前" not in text and "修改" not in text
    en = appendix(demo_portfolio.render_pdf(bank, lang="en", with_changes=True), "en")
    assert "No changes" in en


def test_a_plan_never_signed_off_says_there_is_no_approved_version(demo_portfolio):
    plan = plan_id(demo_portfolio, "Jadewave Electronics Group")
    assert demo_portfolio.load_cycle(plan).last_signoff is None
    en = appendix(demo_portfolio.render_pdf(plan, lang="en", with_changes=True), "en")
    assert "No approved version yet" in en
    zh = appendix(demo_portfolio.render_pdf(plan, lang="zh_CN", with_changes=True), "zh_CN")
    assert "尚无经批准的版本" in zh


def test_hostile_text_in_changed_fields_prints_literally(demo_portfolio):
    bank = plan_id(demo_portfolio, "浦瀚联合银行")
    plan = demo_portfolio.load_plan(bank)
    person = plan.rows(template.STAKEHOLDERS)[1]
    demo_portfolio.save_edits(
        bank,
        plan.version,
        [
            SetProse("risks.gaps", plan.text("risks.gaps"), HOSTILE),
            SetCell(template.STAKEHOLDERS, person.key, "title", person.get("title"), HOSTILE),
            SetProse("summary.risks", plan.text("summary.risks"), plan.text("summary.risks") + " " + HOSTILE),
        ],
    )
    data = demo_portfolio.render_pdf(bank, with_changes=True)
    text = squeeze(appendix(data, "zh_CN"))
    assert text.count(squeeze(HOSTILE)) >= 3  # rewritten text, table cell, added words
    assert "改写" in text  # the gaps text was replaced whole
    assert b" 80 Tf" not in data  # no 80-point font anywhere: the markup stayed text


def test_same_changes_same_bytes(demo_portfolio, edited_bank):
    first = demo_portfolio.render_pdf(edited_bank, with_changes=True)
    assert demo_portfolio.render_pdf(edited_bank, with_changes=True) == first
    assert demo_portfolio.render_pdf(edited_bank) != first


def test_a_plain_plan_diff_renders_too():
    old, new = full_plan(), full_plan()
    new.version = 4
    new.prose["risks.gaps"] = ""
    new.rows("team.budget").pop()
    text = squeeze("".join(pages_text(render_plan(new, changes=diff_plans(old, new, "zh_CN")))))
    assert "8.5自上次批准版本以来的变化" in text
    assert "2027v4与2027v3相比的全部变化" in text
    assert "需要加强的领域（删除）" in text and "删除" in text


def test_many_small_edits_in_a_long_text_are_counted_not_all_shown():
    old, new = full_plan(), full_plan()
    words = [f"word{i:03d}" for i in range(400)]
    old.prose["summary.strategy"] = " ".join(words)
    new.prose["summary.strategy"] = " ".join(w.upper() if i % 20 == 0 else w for i, w in enumerate(words))
    text = appendix(render_plan(new, lang="en", changes=diff_plans(old, new, "en")), "en")
    assert "WORD000" in text and "WORD140" in text
    assert "and 12 more changes" in text  # 20 changed words: 8 shown
    assert "word090" not in text  # unchanged text far from any change is left out
