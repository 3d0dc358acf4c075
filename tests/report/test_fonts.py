"""Emoji, symbols and rare characters: drawn in the fallback font or as a box, always extracted as typed."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pdfminer.high_level import extract_text
from reportlab.pdfbase import ttfonts

from kamplanner.domain import template
from kamplanner.domain.model import Account, Tier
from kamplanner.report import fonts, render_plan, style
from kamplanner.report.progress_report import render_progress_report
from kamplanner.services import progress_report
from tests.factories import full_plan

from .helpers import fonts as used_fonts
from .helpers import outline_titles, pages_text, reader, squeeze

ROOT = Path(__file__).resolve().parents[2]
# Emoji beyond U+FFFF and one in the Basic Multilingual Plane (the fallback font has them), a star
# the document font has, a CJK Extension B character (set in the rare-Han font) and a CJK
# Extension A character the document font has.
EMOJI = "😀🏦✅"
SYMBOLS = f"{EMOJI}★𠮷㐀"
PLAN_FONTS = {"NotoSansSC-Regular", "NotoSansSC-Bold"}
RARE_HAN = "KamplannerHanSupplement"
# Extension B's first and last, D's first and one of E: rare characters of names and places.
RARE = "𠀀𪚥𫝀𬺓"


def test_reportlab_still_writes_astral_tounicode_entries_wrongly():
    # If this fails, ReportLab has changed how it writes a ToUnicode CMap: when it now writes
    # U+1F600 as <D83DDE00> itself, fonts._to_unicode_cmap (and this test) can go.
    assert "<02> <1F600>" in fonts._reportlab_to_unicode_cmap("AAAAAA+Font", [0, 0x41, 0x1F600])


def test_the_tounicode_cmap_writes_a_surrogate_pair_beyond_u_ffff_and_nothing_else_changes():
    assert ttfonts.makeToUnicodeCMap is fonts._to_unicode_cmap
    subset = [0, 0x41, 0x1F600, 0x5BA2, 0x20BB7, 0x10FFFF]
    theirs = fonts._reportlab_to_unicode_cmap("AAAAAA+Font", subset)
    ours = ttfonts.makeToUnicodeCMap("AAAAAA+Font", subset)
    assert "<02> <D83DDE00>" in ours and "<04> <D842DFB7>" in ours and "<05> <DBFFDFFF>" in ours
    assert "<01> <0041>" in ours and "<03> <5BA2>" in ours
    for old, new in (("<1F600>", "<D83DDE00>"), ("<20BB7>", "<D842DFB7>"), ("<10FFFF>", "<DBFFDFFF>")):
        theirs = theirs.replace(old, new)
    assert ours == theirs
    bmp_only = [0, 0x41, 0x5BA2]
    assert ttfonts.makeToUnicodeCMap("F", bmp_only) == fonts._reportlab_to_unicode_cmap("F", bmp_only)


def test_which_characters_go_to_the_fallback_font():
    look = style.load()
    family = fonts.register_style(look)
    assert family.fallback is not None and family.fallback.name == "Symbola"
    assert family.fallback_characters(f"客户 abc ★ 𠮷 {EMOJI} שלום") == {*EMOJI, "𠮷"}
    assert family.font_of("𠮷") == RARE_HAN and family.font_of("😀") == "Symbola"
    assert family.runs("客😀🏦 x ✅", family.regular) == [
        (family.regular, "客"),
        ("Symbola", "😀🏦"),
        (family.regular, " x "),
        ("Symbola", "✅"),
    ]
    assert family.runs("客户 ★ 㐀", family.bold) == [(family.bold, "客户 ★ 㐀")]
    assert family.runs("王𠀀😀明", family.bold) == [
        (family.bold, "王"),
        (RARE_HAN, "𠀀"),
        ("Symbola", "😀"),
        (family.bold, "明"),
    ]
    assert family.with_fallback("<b>a ✅</b>") == '<b>a <font name="Symbola">✅</font></b>'


def emoji_plan():
    plan = full_plan(text=f"**粗体 {EMOJI}** 正文 {SYMBOLS} *斜体 {EMOJI}* end")
    plan.account.name = f"浦瀚{SYMBOLS}银行"
    people = plan.rows(template.STAKEHOLDERS)
    people[0].values["name"] = f"赵{EMOJI}★"  # also in the org chart, after its role symbol
    plan.rows(template.ACTIONS)[0].values["description"] = f"表格 {SYMBOLS} 单元格"
    return plan


@pytest.fixture(scope="module")
def emoji_pdf():
    return render_plan(emoji_plan())


def test_emoji_and_symbols_extract_as_typed_with_pypdf_and_pdfminer(emoji_pdf):
    pages = [squeeze(p) for p in pages_text(emoji_pdf)]
    mined = [squeeze(extract_text(io.BytesIO(emoji_pdf), page_numbers=[i])) for i in range(len(pages))]
    for text in (pages, mined):
        everything = "".join(text)
        assert f"浦瀚{SYMBOLS}银行" in text[0]  # the cover's title
        assert f"粗体{EMOJI}正文{SYMBOLS}斜体{EMOJI}end" in everything  # prose, bold and italic kept
        assert f"表格{SYMBOLS}单元格" in everything  # a table cell
        assert f"※赵{EMOJI}★" in everything  # the org chart's box (the table has no ※ before it)
        for page in text[3:]:  # the header of every body page
            assert f"浦瀚{SYMBOLS}银行" in page
        assert everything.count("□") == 3  # only the sign-off's three boxes to tick: no emoji became one
    assert reader(emoji_pdf).metadata.title.startswith(f"浦瀚{SYMBOLS}银行")


def test_every_font_is_embedded_and_the_fallback_is_one_of_them(emoji_pdf):
    used = used_fonts(emoji_pdf)
    for name, font in used:
        assert font["/Subtype"] == "/TrueType", name
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), name
        assert "/ToUnicode" in font, name
    assert {name.split("+")[-1] for name, _ in used} == {*PLAN_FONTS, "Symbola", RARE_HAN}


def test_the_same_plan_gives_the_same_bytes_whatever_was_rendered_between(emoji_pdf):
    render_plan(full_plan(text="其他 🚀🎉 ✈ ⛔ 𠀀 \U000f0000 שלום"))
    assert render_plan(emoji_plan()) == emoji_pdf


def test_a_plan_without_such_characters_does_not_embed_the_fallback_font():
    names = {name.split("+")[-1] for name, _ in used_fonts(render_plan(full_plan()))}
    assert names == PLAN_FONTS


def test_the_fallback_font_is_not_even_loaded_until_a_text_needs_it():
    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from reportlab.pdfbase import pdfmetrics\n"
        "from kamplanner.report import render_plan\n"
        "from tests.factories import full_plan\n"
        "render_plan(full_plan())\n"
        "print('Symbola' in pdfmetrics.getRegisteredFontNames())\n"
        "render_plan(full_plan(text='😀'))\n"
        "print('Symbola' in pdfmetrics.getRegisteredFontNames())\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(ROOT)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_a_style_file_without_a_fallback_font_still_prints_emoji_as_typed(tmp_path, monkeypatch):
    source = (ROOT / "templates" / "style.toml").read_text("utf-8")
    assert 'fallback = "Symbola.ttf"' in source and 'file = "logo.png"' in source
    (tmp_path / "style.toml").write_text(
        source.replace('fallback = "Symbola.ttf"', 'fallback = ""').replace('file = "logo.png"', 'file = ""'), "utf-8"
    )
    look = style.load(tmp_path / "style.toml")
    assert look.font_fallback is None
    monkeypatch.setattr(style, "load", lambda path=None: look)
    data = render_plan(full_plan(text=f"无后备字体 {EMOJI}"))
    assert f"无后备字体{EMOJI}" in squeeze("".join(pages_text(data)))  # drawn as boxes, copied as typed
    assert {name.split("+")[-1] for name, _ in used_fonts(data)} == PLAN_FONTS


def test_the_progress_report_prints_an_account_name_with_emoji(demo_portfolio):
    demo_portfolio.add_account(Account(f"新客户{EMOJI}", Tier.KEY, manager="某人"))
    report = progress_report(demo_portfolio, dt.date(2026, 12, 31))
    bank = next(a for a in report.accounts if a.account.name == "浦瀚联合银行")
    bank.account.name = f"浦瀚{SYMBOLS}银行"
    data = render_progress_report(report, lang="zh_CN")
    pages = [squeeze(p) for p in pages_text(data)]
    mined = squeeze(extract_text(io.BytesIO(data)))
    for text in ("".join(pages), mined):
        assert f"新客户{EMOJI}" in text and f"浦瀚{SYMBOLS}银行" in text
    assert squeeze(f"新客户{EMOJI}") in pages[1]  # the overview table
    assert f"浦瀚{SYMBOLS}银行" in [title for _, title in outline_titles(data)]
    used = used_fonts(data)
    assert all("/FontFile2" in font["/FontDescriptor"].get_object() for _, font in used)
    assert {name.split("+")[-1] for name, _ in used} == {*PLAN_FONTS, "Symbola", RARE_HAN}


def test_rare_cjk_beyond_u_ffff_prints_embedded_and_extracts_as_typed(tmp_path):
    plan = full_plan(text=f"姓名：王{RARE}明。")
    plan.account.name = f"{RARE}银行"
    plan.rows(template.ACTIONS)[0].values["description"] = f"拜访{RARE}先生"
    data = render_plan(plan)
    pages = [squeeze(p) for p in pages_text(data)]
    mined = squeeze(extract_text(io.BytesIO(data)))
    for text in ("".join(pages), mined):
        assert f"王{RARE}明" in text and f"拜访{RARE}先生" in text
    assert f"{RARE}银行" in pages[4]  # a page header
    assert mined.count("□") == 3  # the sign-off's three boxes to tick: no character became one
    used = used_fonts(data)
    assert RARE_HAN in {name.split("+")[-1] for name, _ in used}
    # pdffonts (poppler) agrees: every font embedded, the rare-Han one among them
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (Debian poppler-utils) is not installed")
    (tmp_path / "rare.pdf").write_bytes(data)
    listing = subprocess.run(["pdffonts", str(tmp_path / "rare.pdf")], capture_output=True, text=True, check=True)
    rows = [line.split() for line in listing.stdout.splitlines()[2:]]
    assert any(row[0].endswith(f"+{RARE_HAN}") for row in rows)
    assert all(row[-5] == "yes" for row in rows), listing.stdout  # the emb column


def test_the_rare_han_font_is_not_loaded_for_an_emoji_or_a_plain_plan():
    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from reportlab.pdfbase import pdfmetrics\n"
        "from kamplanner.report import render_plan\n"
        "from tests.factories import full_plan\n"
        "render_plan(full_plan(text='😀 שלום'))\n"
        f"print('{RARE_HAN}' in pdfmetrics.getRegisteredFontNames())\n"
        "render_plan(full_plan(text='𠀀'))\n"
        f"print('{RARE_HAN}' in pdfmetrics.getRegisteredFontNames())\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(ROOT)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
