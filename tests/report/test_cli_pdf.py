"""`kamplanner export-pdf`, run as a user runs it: a new process on a real database file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kamplanner.cli import pdf_file_name

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
        ("A/B\\C: <D>?*|\"E\x07\n", "A B C D E 2026.pdf"),
        ("../../etc/passwd", "etc passwd 2026.pdf"),
        ("CON", "_CON 2026.pdf"),
        ("nul.txt", "_nul.txt 2026.pdf"),
        ("...", "plan 2026.pdf"),
        ("名" * 200, "名" * 80 + " 2026.pdf"),
    ],
)
def test_file_names_are_safe_and_keep_chinese(account, expected):
    assert pdf_file_name(account, 2026) == expected
