"""`kamplanner export-pdf`, run as a user runs it: a new process on a real database file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kamplanner.domain.filenames import pdf_file_name

from .helpers import pages_text, reader


def kamplanner(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kamplanner", *args], capture_output=True, timeout=120, env=os.environ.copy()
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("db") / "plans.db"
    result = kamplanner("--db", str(path), "demo")
    assert result.returncode == 0, result.stderr
    return path


def plans(db: Path) -> list[tuple[int, str, int]]:
    import json

    listing = json.loads(kamplanner("--db", str(db), "list", "--json").stdout)
    return [(p["id"], p["account"], p["year"]) for p in listing]


def test_one_plan_to_a_file(demo_db, tmp_path):
    plan_id, _, _ = next(p for p in plans(demo_db) if p[1] == "浦瀚联合银行")
    target = tmp_path / "bank.pdf"
    result = kamplanner("--db", str(demo_db), "export-pdf", str(plan_id), "-o", str(target))
    assert result.returncode == 0, result.stderr
    stderr = result.stderr.decode()
    assert "[1/1] 浦瀚联合银行 2026" in stderr and " ok " in stderr
    assert "浦瀚联合银行" in pages_text(target.read_bytes())[0]
    en = kamplanner("--db", str(demo_db), "export-pdf", str(plan_id), "-o", "-", "--lang", "en")
    assert en.returncode == 0 and en.stdout.startswith(b"%PDF")
    assert "Executive summary" in "".join(pages_text(en.stdout)[:4])
    assert not list(tmp_path.glob(".*.tmp"))  # written through a temporary file, nothing left over


def test_all_plans_go_on_when_one_fails(demo_db, tmp_path):
    everything = plans(demo_db)
    assert len(everything) >= 3
    out = tmp_path / "pdfs"
    out.mkdir()
    # A real failure: where the bank's PDF should go there is a folder, which no file replaces.
    blocked = next(p for p in everything if p[1] == "浦瀚联合银行")
    (out / pdf_file_name(blocked[1], blocked[2])).mkdir()
    result = kamplanner("--db", str(demo_db), "export-pdf", "--all", "-o", str(out))
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "浦瀚联合银行 2026" in stderr and "FAILED" in stderr and "1 of" in stderr
    for plan_id, account, year in everything:
        target = out / pdf_file_name(account, year)
        if (plan_id, account, year) == blocked:
            assert target.is_dir()
            continue
        assert f"{account} {year}" in stderr
        assert reader(target.read_bytes()).metadata.title.startswith(account)
    assert stderr.count(" ok ") == len(everything) - 1


def test_plan_or_all_is_required(demo_db, tmp_path):
    result = kamplanner("--db", str(demo_db), "export-pdf", "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 2 and b"--all" in result.stderr
    result = kamplanner("--db", str(demo_db), "export-pdf", "999", "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 1 and b"999" in result.stderr


@pytest.mark.parametrize(
    ("account", "expected"),
    [
        ("浦瀚联合银行", "浦瀚联合银行 2026.pdf"),
        ('A/B\\C: <D>?*|"E\x07\n', "A B C D E 2026.pdf"),
        ("../../etc/passwd", "etc passwd 2026.pdf"),
        ("CON", "_CON 2026.pdf"),
        ("nul.txt", "_nul.txt 2026.pdf"),
        ("...", "plan 2026.pdf"),
        ("名" * 200, "名" * 63 + " 2026.pdf"),  # 200 bytes of UTF-8 at most, whole characters
    ],
)
def test_file_names_are_safe_and_keep_chinese(account, expected):
    assert pdf_file_name(account, 2026) == expected


# ---- export-pdf --changes


def bank_id(db: Path) -> int:
    return next(p[0] for p in plans(db) if p[1] == "浦瀚联合银行")


def test_export_with_the_changes_since_sign_off(tmp_path):
    db = tmp_path / "plans.db"
    assert kamplanner("--db", str(db), "demo").returncode == 0
    bank = bank_id(db)
    target = tmp_path / "bank.pdf"
    result = kamplanner("--db", str(db), "export-pdf", str(bank), "-o", str(target), "--changes")
    assert result.returncode == 0, result.stderr
    pages = pages_text(target.read_bytes())
    assert "自上次批准版本以来的变化" in pages[2]  # in the contents
    assert "没有变化" in pages[-1]  # the bank plan is as it was signed off
    # a progress review changes a stakeholder's attitude: that is a change since the sign-off
    review = kamplanner(
        "--db", str(db), "progress", str(bank), "--attitude", "s1=B", "--date", "2026-12-15", "--reviewer", "周海峰"
    )
    assert review.returncode == 0, review.stderr
    result = kamplanner("--db", str(db), "export-pdf", str(bank), "-o", "-", "--changes", "--lang", "en")
    assert result.returncode == 0, result.stderr
    last = "".join(pages_text(result.stdout)[-2:])
    assert "Changes since the last approved version" in last
    assert "邵启明" in last and "C Accepts → B Supports" in last
    plain = kamplanner("--db", str(db), "export-pdf", str(bank), "-o", "-")
    assert "自上次批准版本以来的变化" not in "".join(pages_text(plain.stdout))


def test_export_all_with_changes(demo_db, tmp_path):
    out = tmp_path / "pdfs"
    result = kamplanner("--db", str(demo_db), "export-pdf", "--all", "-o", str(out), "--changes", "--lang", "en")
    assert result.returncode == 0, result.stderr
    for _, account, year in plans(demo_db):
        text = "".join(pages_text((out / pdf_file_name(account, year)).read_bytes())[-2:])
        assert "Changes since the last approved version" in text
        assert ("No changes" if account == "浦瀚联合银行" else "No approved version yet") in text


# ---- progress-report


def test_progress_report_to_a_file_and_to_stdout(demo_db, tmp_path):
    target = tmp_path / "report.pdf"
    result = kamplanner("--db", str(demo_db), "progress-report", "-o", str(target), "--date", "2026-12-31")
    assert result.returncode == 0, result.stderr
    assert "as of 2026-12-31" in result.stderr.decode() and " ok " in result.stderr.decode()
    data = target.read_bytes()
    text = "".join(pages_text(data))
    assert "关键客户半年进度报告" in text and "2026 年下半年" in text
    for _, account, _ in plans(demo_db):  # every demo plan is a key account's
        assert account in text
    assert "7,380" in text
    again = kamplanner("--db", str(demo_db), "progress-report", "-o", "-", "--date", "2026-12-31")
    assert again.returncode == 0 and again.stdout == data  # the same date, the same bytes
    en = kamplanner("--db", str(demo_db), "progress-report", "-o", "-", "--date", "2026-07-01", "--lang", "en")
    assert en.returncode == 0, en.stderr
    assert "First half of 2026" in pages_text(en.stdout)[0]
    assert reader(en.stdout).metadata.title == "Key account progress report: First half of 2026"


def test_progress_report_defaults_to_today_and_refuses_a_bad_date(demo_db, tmp_path):
    import datetime as dt

    result = kamplanner("--db", str(demo_db), "progress-report", "-o", str(tmp_path / "r.pdf"))
    assert result.returncode == 0, result.stderr
    today = dt.date.today()  # (or yesterday, if midnight passed while the command ran)
    assert any(f"as of {day.isoformat()}" in result.stderr.decode() for day in (today, today - dt.timedelta(days=1)))
    bad = kamplanner("--db", str(demo_db), "progress-report", "-o", str(tmp_path / "x.pdf"), "--date", "31.12.2026")
    assert bad.returncode == 2 and b"YYYY-MM-DD" in bad.stderr
    assert not (tmp_path / "x.pdf").exists()
