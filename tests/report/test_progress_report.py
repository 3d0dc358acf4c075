"""The 6-monthly key-account progress report: the demo portfolio in a real database, the PDF read back."""

from __future__ import annotations

import datetime as dt

import pytest

from kamplanner.domain.cycle import ProgressReview
from kamplanner.domain.model import Tier
from kamplanner.report.progress_report import render_progress_report
from kamplanner.services import progress_report, progress_report_pdf

from .helpers import fonts, outline_titles, pages_text, reader, squeeze

YEAR_END = dt.date(2026, 12, 31)
BANK_NOTES = (
    "一季度：核心系统迁移按计划完成第一批次；收入进度略慢于预期。",
    "二季度：收入进度 45%，灾备项目招标推迟到三季度。",
    "三季度：灾备项目中标；信息科技部对我方的态度明显改善。",
)


@pytest.fixture
def report_pdfs(demo_portfolio):
    return {lang: progress_report_pdf(demo_portfolio, YEAR_END, lang) for lang in ("zh_CN", "en")}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_key_account_is_named_in_the_overview_and_has_a_section(demo_portfolio, report_pdfs, lang):
    keys = [a.name for a in demo_portfolio.list_accounts() if a.tier is Tier.KEY]
    assert len(keys) == 4
    pages = pages_text(report_pdfs[lang])
    overview = squeeze(pages[1])
    for name in keys:
        assert squeeze(name) in overview, name
    titles = outline_titles(report_pdfs[lang])
    assert [t for depth, t in titles if depth == 0] == ["概览" if lang == "zh_CN" else "Overview", *sorted(keys)]
    # one section per key account, each starting on a page of its own
    for name in keys:
        assert any(squeeze(name) in squeeze(page) for page in pages[2:]), name


def test_the_period_is_in_the_title(report_pdfs, demo_portfolio):
    zh, en = (pages_text(report_pdfs[lang]) for lang in ("zh_CN", "en"))
    assert "关键客户半年进度报告" in zh[0] and "2026 年下半年" in zh[0] and "2026 年 7 月 1 日至 12 月 31 日" in zh[0]
    assert "Second half of 2026" in en[0] and "1 July to 31 December 2026" in en[0]
    assert reader(report_pdfs["en"]).metadata.title == "Key account progress report: Second half of 2026"
    assert reader(report_pdfs["zh_CN"]).metadata.title == "关键客户半年进度报告：2026 年下半年"
    first_half = pages_text(progress_report_pdf(demo_portfolio, dt.date(2026, 9, 15), "en"))[0]
    assert "First half of 2026" in first_half and "1 January to 30 June 2026" in first_half


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_bank_shows_its_three_reviews_and_the_actual_to_date(report_pdfs, lang):
    text = squeeze("".join(pages_text(report_pdfs[lang])))
    for note in BANK_NOTES:
        assert squeeze(note) in text, note
    # revenue: 7,380 of the 10,200 target (万元), recorded at the review of 30 September (72%);
    # the English edition counts in millions: CNY 73.8 m of 102 m
    if lang == "zh_CN":
        assert "7,380" in text and "10,200" in text and "72%" in text
    else:
        assert "73.8/102CNYm(72%)" in text and "CNY10k" not in text
    if lang == "zh_CN":
        assert "年度收入：7,380/10,200万元（72%）" in text  # the overview line
        assert "本期（2026年7月1日至12月31日）" in text and "本规划年度此前" in text
        assert "已签批：第2版，2026年1月15日，周海峰" in text
    else:
        # the objective's own label as written; its unit 万元 in the report's language
        assert "年度收入:73.8/102CNYm(72%)" in text and "万元" not in text
        assert "Thisperiod(1Julyto31December2026)" in text and "Earlierintheplanyear" in text


def test_overdue_items_attitude_changes_and_milestones(demo_portfolio, report_pdfs):
    report = progress_report(demo_portfolio, YEAR_END)
    bank = next(a for a in report.accounts if a.account.name == "浦瀚联合银行")
    assert [r.date for r in bank.reviews_in_period] == [dt.date(2026, 9, 30)]
    assert [r.date for r in bank.earlier_reviews] == [dt.date(2026, 3, 31), dt.date(2026, 6, 30)]
    assert bank.next_review == dt.date(2026, 12, 31) and not bank.review_overdue
    assert len(bank.overdue) == 7 and all(d.due < YEAR_END for d in bank.overdue)
    assert bank.attitude_changes and report.horizon == dt.date(2027, 6, 30)
    text = squeeze("".join(pages_text(report_pdfs["zh_CN"])))
    assert "逾期（7项）" in text and "未来6个月的里程碑（至2027-06-30）" in text
    assert "C怀疑" not in text and "D怀疑→C认可" in text  # 钱卫东 moved from D to C
    # a plan not yet carried out has no overdue items, but its coming milestones are listed
    jadewave = next(a for a in report.accounts if a.account.name == "Jadewave Electronics Group")
    assert not jadewave.monitoring and not jadewave.overdue and jadewave.next_review is None
    assert [m.due for m in jadewave.milestones] == [dt.date(2027, 4, 30), dt.date(2027, 6, 30)]


def test_a_missed_review_is_overdue(demo_portfolio):
    report = progress_report(demo_portfolio, dt.date(2027, 1, 20))  # the 31 December review never happened
    bank = next(a for a in report.accounts if a.account.name == "浦瀚联合银行")
    assert bank.next_review == dt.date(2026, 12, 31) and bank.review_overdue
    text = "".join(pages_text(render_progress_report(report, lang="en")))
    assert "Next progress review: 31 December 2026 (overdue)" in text


def test_reviews_after_the_report_date_are_left_out(demo_portfolio):
    first_half = progress_report(demo_portfolio, dt.date(2026, 6, 30))
    bank = next(a for a in first_half.accounts if a.account.name == "浦瀚联合银行")
    assert [r.date for r in bank.reviews_in_period] == [dt.date(2026, 3, 31), dt.date(2026, 6, 30)]
    revenue = bank.objectives[0]
    assert (revenue.actual, revenue.actual_on) == (4630.0, dt.date(2026, 6, 30))
    text = squeeze("".join(pages_text(render_progress_report(first_half, lang="zh_CN"))))
    assert squeeze(BANK_NOTES[1]) in text and squeeze(BANK_NOTES[2]) not in text
    # the review of 30 September falls after the first half but before a report dated in November
    later = progress_report(demo_portfolio, dt.date(2026, 11, 30))
    bank = next(a for a in later.accounts if a.account.name == "浦瀚联合银行")
    assert [r.date for r in bank.later_reviews] == [dt.date(2026, 9, 30)]
    assert bank.objectives[0].actual == 7380.0
    text = squeeze("".join(pages_text(render_progress_report(later, lang="zh_CN"))))
    assert "本期之后，至报告日期（2026年11月30日）" in text and squeeze(BANK_NOTES[2]) in text


def test_same_date_same_bytes_other_date_other_bytes(demo_portfolio, report_pdfs):
    assert progress_report_pdf(demo_portfolio, YEAR_END, "zh_CN") == report_pdfs["zh_CN"]
    other = progress_report_pdf(demo_portfolio, dt.date(2027, 1, 5), "zh_CN")
    assert other != report_pdfs["zh_CN"]
    meta = reader(report_pdfs["zh_CN"]).metadata
    assert meta["/CreationDate"].startswith("D:20261231000000")  # the report date, not the clock
    pages = pages_text(report_pdfs["zh_CN"])
    for number, page in enumerate(pages, 1):
        assert "报告日期：2026 年 12 月 31 日" in page
        # the cover is not numbered aloud; every page after it is
        assert (f"第 {number} 页，共 {len(pages)} 页" in page) == (number > 1)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_fonts_are_the_plans_embedded_fonts(report_pdfs, lang):
    used = fonts(report_pdfs[lang])
    assert {name.split("+")[-1] for name, _ in used} == {"NotoSansSC-Regular", "NotoSansSC-Bold"}
    assert all("/FontFile2" in font["/FontDescriptor"].get_object() for _, font in used)


def test_hostile_review_notes_print_literally(demo_portfolio):
    bank = next(p.id for p in demo_portfolio.list_plans() if p.account == "浦瀚联合银行")
    notes = "<font size=80>big</font> & R&D ]]> <b>not bold</b> &amp; 👍"
    demo_portfolio.record_progress(
        bank, ProgressReview(dt.date(2026, 12, 20), "<i>周</i> & co", notes, {}, {"f1": 9900})
    )
    data = progress_report_pdf(demo_portfolio, YEAR_END, "en")
    text = squeeze("".join(pages_text(data)))
    assert squeeze("<font size=80>big</font> & R&D ]]> <b>not bold</b> &amp; 👍") in text
    assert squeeze("<i>周</i> & co") in text
    assert "99/102CNYm(97%)" in text  # 9,900 of 10,200 万元, counted in millions
    assert b" 80 Tf" not in data


def test_a_portfolio_without_key_accounts(portfolio):
    text = "".join(pages_text(progress_report_pdf(portfolio, YEAR_END, "en")))
    assert "The portfolio has no key accounts." in text


def test_a_key_account_without_a_plan_is_named_and_says_so(demo_portfolio):
    from kamplanner.domain.model import Account

    demo_portfolio.add_account(Account("新关键客户 <b>X</b>", Tier.KEY, manager="某人"))
    pages = pages_text(progress_report_pdf(demo_portfolio, YEAR_END, "zh_CN"))
    overview = squeeze(pages[1])
    assert squeeze("新关键客户 <b>X</b>") in overview and "尚无规划" in overview
    text = "".join(pages)
    assert "这个关键客户还没有客户规划。" in text
    assert "5 个，其中 1 个的规划处于实施和监督阶段" in pages[0]
