"""The review meeting's slides: real .pptx files, read back with python-pptx and LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from kamplanner.cli import main
from kamplanner.domain import analysis
from kamplanner.domain.audience import Audience
from kamplanner.domain.currency_change import for_edition
from kamplanner.domain.model import Record
from kamplanner.domain.template import (
    ACTIONS,
    BUDGET,
    COMPETITORS,
    FORECAST,
    INTERNAL_FIELDS,
    MEMBERS,
    OPPORTUNITIES,
    STAKEHOLDERS,
    TEMPLATE,
    Cell,
)
from kamplanner.outputs.deck import render_deck
from tests.factories import full_plan

ROOT = Path(__file__).resolve().parents[2]


def slides_of(data: bytes):
    return Presentation(io.BytesIO(data))


def all_text(data: bytes) -> str:
    """Every XML part of the package (slides, notes, charts, the charts' workbooks) as one text."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            blob = package.read(name)
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(blob)) as book:
                    parts += [book.read(n).decode("utf-8", "replace") for n in book.namelist()]
            elif name.endswith((".xml", ".rels")):
                parts.append(blob.decode("utf-8"))
    return "\n".join(parts)


def charts_of(prs):
    return [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]


def demo_plan(portfolio, account_start: str):
    summary = next(s for s in portfolio.list_plans() if s.account.startswith(account_start))
    return summary.id, portfolio.load_plan(summary.id)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_deck_of_a_demo_plan_has_ten_to_fifteen_widescreen_slides_with_notes(demo_portfolio, lang):
    plan_id, plan = demo_plan(demo_portfolio, "浦瀚")
    prs = slides_of(demo_portfolio.render_deck(plan_id, lang=lang))
    assert 10 <= len(prs.slides) <= 15
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 16:9
    titles = [s.shapes[2].text_frame.text for s in list(prs.slides)[1:]]  # band, rule, then the title
    expected = "Five-year forecast" if lang == "en" else "五年财务预测"
    assert any(t.startswith(expected) for t in titles)
    with_notes = [s for s in prs.slides if s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip()]
    assert len(with_notes) >= len(prs.slides) - 2
    cover = prs.slides[0]
    cover_text = " ".join(sh.text_frame.text for sh in cover.shapes if sh.has_text_frame)
    assert plan.account.name in cover_text and str(plan.year) in cover_text and plan.account.manager in cover_text


def test_the_forecast_chart_is_native_and_its_columns_add_up_to_the_forecast_per_year(demo_portfolio):
    plan_id, plan = demo_plan(demo_portfolio, "浦瀚")
    prs = slides_of(demo_portfolio.render_deck(plan_id, lang="en"))
    (chart,) = charts_of(prs)
    totals = analysis.forecast_totals(for_edition(plan, "en"))  # (an English deck counts CNY in millions)
    assert totals.revenue_total == pytest.approx(analysis.forecast_totals(plan).revenue_total / 100)
    plot = chart.plots[0]
    assert list(plot.categories) == [str(y) for y in totals.years]
    stacked = [math.fsum(s.values[i] for s in plot.series) for i in range(len(totals.years))]
    assert stacked == pytest.approx([totals.revenue_by_year[y] for y in totals.years])
    assert len(plot.series) == len(totals.regions) and all(v > 0 for v in stacked)


def test_regions_past_eight_are_one_series_and_the_totals_still_hold():
    plan = full_plan(language="en")
    plan.tables[FORECAST] = [
        Record(f"r{i}", {"year": 2027 + i % 5, "region": f"R{i % 11}", "platform": "P", "revenue": 10.0 + i})
        for i in range(55)
    ]
    (chart,) = charts_of(slides_of(render_deck(plan)))
    totals = analysis.forecast_totals(for_edition(plan, "en"))
    series = chart.plots[0].series
    assert len(series) == 8 and series[7].name == "4 other regions"
    assert [math.fsum(s.values[i] for s in series) for i in range(5)] == pytest.approx(
        [totals.revenue_by_year[y] for y in plan.years]
    )


def test_the_same_plan_gives_the_same_bytes_whatever_the_clock():
    plan = full_plan()
    plan.saved_at = dt.datetime(2027, 2, 3, 4, 5, 6, tzinfo=dt.UTC)
    first = render_deck(plan)
    time.sleep(2.1)  # zip entries keep time to 2 seconds
    assert render_deck(plan) == first
    core = slides_of(first).core_properties
    assert core.created == core.modified == dt.datetime(2027, 2, 3, 4, 5, 6)
    assert "2027-02-03" in " ".join(s.text_frame.text for s in slides_of(first).slides[0].shapes if s.has_text_frame)


def secret_plan():
    """A full plan whose every internal value is a marker no other text contains."""
    plan = full_plan()
    for path in INTERNAL_FIELDS:
        if path in plan.prose:
            plan.prose[path] = f"SECRET prose {path}"
    plan.tables[FORECAST] = [
        Record(f"r{y}", {"year": y, "region": "SECRETREGION", "platform": "X", "revenue": 987654.0 + y, "margin": 1.0})
        for y in plan.years
    ]
    plan.tables[BUDGET] = [Record("b1", {"item": "SECRETBUDGET", "amount": 4321.0, "provider": "SECRETPROVIDER"})]
    plan.tables[COMPETITORS] = [Record("c1", {"name": "SECRETCOMPETITOR"}), Record("c2", {"name": "外资硬件商"})]
    for row in plan.rows(OPPORTUNITIES):
        row.values[Cell.name] = f"SECRETOPP {row.key}"
    for row in plan.rows(STAKEHOLDERS):
        row.values[Cell.notes] = f"SECRETNOTE {row.key}"
    for row in plan.rows(MEMBERS):
        row.values[Cell.development] = f"SECRETDEV {row.key}"
        row.values[Cell.time_share] = 37.25
    return plan


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_customer_version_carries_none_of_what_it_leaves_out(lang):
    plan = secret_plan()
    internal = all_text(render_deck(plan, lang=lang))
    customer_data = render_deck(plan, lang=lang, audience=Audience.CUSTOMER)
    customer = all_text(customer_data)
    # What is left out is in the internal deck, so its absence below means something.
    for marker in ("SECRET prose summary.risks", "SECRETREGION", "SECRETBUDGET", "SECRETOPP o1", "SECRETNOTE k1"):
        assert marker in internal, marker
    assert "SECRET" not in customer
    for figure in ("987654", "988681", "988,681", "4321", "4,321", "37.25"):
        assert figure not in customer
    # Attitudes: neither the letters in the boxes nor the legend's words.
    for choice in TEMPLATE.table(STAKEHOLDERS).column(Cell.attitude).choices:
        assert choice.label(lang) not in customer
    assert "D→B" in internal and "D→B" not in customer
    prs = slides_of(customer_data)
    assert not charts_of(prs)  # no forecast, and no workbook to carry it
    assert 4 <= len(prs.slides) < len(slides_of(render_deck(plan, lang=lang)).slides)
    cover = " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert Audience.CUSTOMER.label(lang) in cover
    # What the customer may see is there: the stakeholders' names and titles, the actions.
    assert "赵总" in customer and "信息科技部总经理" in customer and "拜访首席信息官" in customer


HOSTILE = "A\x00B\x01C\x0bD\x1b[31mE\ufffeF\uffff\ud800G 👨‍👩‍👧 🚀 ]]> <b>&amp; "


def hostile_plan(lang: str):
    plan = full_plan(language=lang, text=HOSTILE + "长" * 100_000)
    plan.account.name = HOSTILE * 3 + "X" * 100_000
    plan.account.manager = HOSTILE
    for path, rows in plan.tables.items():
        table = TEMPLATE.table(path)
        for row in rows:
            for column in table.columns:
                if column.kind.value in ("text", "longtext"):
                    row.values[column.key] = HOSTILE + "字" * 100_000
    plan.tables[ACTIONS] = [
        Record(
            f"a{i}",
            {
                "horizon": "year1",
                "category": "relationship",
                "description": HOSTILE + "行动" * 5000,
                "owner": "m1",
                "due": dt.date(2027, 1, 1) + dt.timedelta(days=9 * i),
                "status": "planned",
                "milestone": i % 3 == 0,
            },
        )
        for i in range(40)
    ]
    return plan


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_hostile_text_is_cleaned_bounded_and_still_opens(lang):
    plan = hostile_plan(lang)
    start = time.perf_counter()
    data = render_deck(plan)
    assert time.perf_counter() - start < 10
    prs = slides_of(data)
    assert 10 <= len(prs.slides) <= 15
    text = all_text(data)
    assert "\x1b" not in text and "\ufffe" not in text and "\x01" not in text
    assert "🚀" in text  # what can be shown stays
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                assert len(shape.text_frame.text) < 3_000
        assert len(slide.notes_slide.notes_text_frame.text) < 20_000
    # 40 actions: two slides of them, and the rest counted.
    more = "more in the plan" if lang == "en" else "见规划"
    texts = [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame]
    assert any(more in t and "22" in t for t in texts)  # 40 actions, 18 on two slides
    assert len(data) < 2_000_000


soffice = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(soffice is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_impress_converts_the_decks_to_pdf(tmp_path):
    from pypdf import PdfReader

    files = []
    for name, data in (
        ("zh.pptx", render_deck(full_plan(), lang="zh_CN")),
        ("en.pptx", render_deck(full_plan(language="en"), lang="en")),
        ("customer.pptx", render_deck(full_plan(), lang="en", audience=Audience.CUSTOMER)),
        ("hostile.pptx", render_deck(hostile_plan("en"))),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        files.append(path)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
        + [str(f) for f in files],
        check=True,
        capture_output=True,
        timeout=240,
    )
    for path in files:
        pdf = path.with_suffix(".pdf")
        assert pdf.exists(), f"LibreOffice did not convert {path.name}"
        pages = PdfReader(pdf).pages
        assert len(pages) == len(slides_of(path.read_bytes()).slides)
        assert pages[0].mediabox.width / pages[0].mediabox.height == pytest.approx(16 / 9, rel=0.01)


# --------------------------------------------------------------------------- the command line


@pytest.fixture
def demo_db(demo_portfolio):
    path = demo_portfolio.database_file
    plan_id = next(s.id for s in demo_portfolio.list_plans() if s.account.startswith("浦瀚"))
    demo_portfolio.close()
    return path, plan_id


def test_export_pptx_writes_the_deck_in_the_language_and_for_the_audience_asked(demo_db, tmp_path, capsys):
    db, plan_id = demo_db
    out = tmp_path / "deck.pptx"
    assert main(["--db", str(db), "export-pptx", str(plan_id), "-o", str(out), "--lang", "en"]) == 0
    internal = all_text(out.read_bytes())
    assert "Five-year forecast" in internal
    assert "ok" in capsys.readouterr().err
    customer = tmp_path / "customer.pptx"
    code = main(["--db", str(db), "export-pptx", str(plan_id), "-o", str(customer), "--audience", "customer"])
    assert code == 0
    prs = slides_of(customer.read_bytes())
    assert not charts_of(prs) and "客户版本" in all_text(customer.read_bytes())
    assert not list(tmp_path.glob(".*.tmp"))  # written through a temporary file, nothing left beside


def test_export_pptx_refuses_bad_input_with_one_line_and_exit_2(demo_db, tmp_path, capsys):
    db, plan_id = demo_db
    before = db.read_bytes()
    for args, says in (
        (["-o", str(db)], "refusing to write over it"),
        (["-o", str(tmp_path)], "is a folder"),
        (["-o", str(tmp_path / "no" / "such" / "deck.pptx")], "there is no folder"),
        (["-o", ""], "-o is empty"),
    ):
        assert main(["--db", str(db), "export-pptx", str(plan_id), *args]) == 2
        err = capsys.readouterr().err
        assert says in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert db.read_bytes() == before
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for args in (["--lang", "fr"], ["--audience", "boss"], []):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "kamplanner",
                "--db",
                str(db),
                "export-pptx",
                *([str(plan_id), "-o", "x.pptx"] if args else ["abc", "-o", "x.pptx"]),
                *args,
            ],
            capture_output=True,
            timeout=120,
            env=env,
            cwd=tmp_path,
        )
        assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert not (tmp_path / "x.pptx").exists()
