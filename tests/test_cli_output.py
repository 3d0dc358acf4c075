"""The command line's one way of writing documents and its one set of exit codes (issue 10).

Every command that writes a file takes -o FILE and -o -; the bytes on standard output are the
bytes of the file, and what the command says goes to stderr then. Each run is a new process, as
a user runs it, on a copy of one demo database.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kamplanner.app import main
from kamplanner.cli import exits
from tests.test_cli import kamplanner

README = Path(__file__).resolve().parents[1] / "README.md"

# Each command that writes a file, as it is given without its -o; plan 1 is the demo's bank plan,
# signed off by 周海峰 at its current version (sign-off renders that sign-off again: same bytes).
FILE_WRITERS = {
    "export-json": ["export-json", "1"],
    "export-pdf": ["export-pdf", "1"],
    "export-pdf --changes": ["export-pdf", "1", "--changes", "--lang", "en"],
    "progress-report": ["progress-report", "--date", "2026-12-31"],
    "calendar": ["calendar", "--today", "2026-11-23"],
    "dashboard": ["dashboard", "--today", "2026-11-23"],
    "sign-off": ["sign-off", "1", "--reviewer", "周海峰", "--date", "2026-01-15"],
}
STARTS = {
    "export-json": b"{",
    "export-pdf": b"%PDF",
    "export-pdf --changes": b"%PDF",
    "progress-report": b"%PDF",
    "calendar": b"BEGIN:VCALENDAR",
    "dashboard": b"{",
    "sign-off": b"%PDF",
}


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "t.db"
    assert kamplanner("--db", str(path), "demo").returncode == 0
    return path


@pytest.fixture
def demo_db(demo_template, tmp_path) -> Path:
    path = tmp_path / "t.db"
    shutil.copy(demo_template, path)
    return path


@pytest.mark.parametrize("name", list(FILE_WRITERS))
def test_dash_puts_the_very_bytes_of_the_file_on_stdout(demo_db, tmp_path, name):
    args = FILE_WRITERS[name]
    target = tmp_path / "out.file"
    to_file = kamplanner("--db", str(demo_db), *args, "-o", str(target))
    assert to_file.returncode == 0, to_file.stderr
    written = target.read_bytes()
    assert written.startswith(STARTS[name])
    to_stdout = subprocess.run(
        [sys.executable, "-m", "kamplanner", "--db", str(demo_db), *args, "-o", "-"],
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert to_stdout.stdout == written
    assert not (tmp_path / "-").exists()
    # What the command says of its work is on stderr then, never inside the document.
    said = to_file.stdout + to_file.stderr
    if said:
        assert to_stdout.stderr.strip(), name


def test_sign_off_to_stdout_says_what_it_signed_on_stderr(demo_db, tmp_path):
    result = kamplanner("--db", str(demo_db), *FILE_WRITERS["sign-off"], "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"%PDF")
    err = result.stderr.decode()
    assert "version 2 signed off by 周海峰; wrote -" in err and "fingerprint sha256:" in err


def test_the_dashboard_file_is_the_dashboard_json(demo_db, tmp_path):
    target = tmp_path / "board.json"
    result = kamplanner("--db", str(demo_db), "dashboard", "--today", "2026-11-23", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == f"wrote the dashboard of 2026-11-23 to {target}\n"
    printed = kamplanner("--db", str(demo_db), "dashboard", "--today", "2026-11-23", "--json")
    assert json.loads(target.read_bytes()) == json.loads(printed.stdout)
    assert json.loads(target.read_bytes())["today"] == "2026-11-23"


def test_a_file_written_through_a_pipe_is_whole(demo_db, tmp_path):
    """-o - into a reader: the reader gets the whole document (nothing half written)."""
    to_file = tmp_path / "cal.ics"
    assert kamplanner("--db", str(demo_db), "calendar", "--today", "2026-11-23", "-o", str(to_file)).returncode == 0
    writer = subprocess.Popen(
        [sys.executable, "-m", "kamplanner", "--db", str(demo_db), "calendar", "--today", "2026-11-23", "-o", "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    assert out == to_file.read_bytes() and out.rstrip().endswith(b"END:VCALENDAR")


# ---- exit codes


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_the_exit_codes_are_one_set():
    assert (exits.OK, exits.FAILED, exits.BAD_INPUT, exits.INTERRUPTED, exits.BROKEN_PIPE) == (0, 1, 2, 130, 141)
    assert exits.UsageProblem("x").code == exits.BAD_INPUT
    assert exits.CommandError("x").code == exits.FAILED


def test_help_lists_every_exit_code(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    listed = re.findall(r"^  (\d+) ", out.split("exit codes:", 1)[1], re.MULTILINE)
    assert listed == ["0", "1", "2", "130", "141"]


def test_the_readme_lists_the_same_exit_codes():
    text = README.read_text("utf-8")
    section = text.split("## The command line", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\d+)` \|", section, re.MULTILINE)
    assert rows == ["0", "1", "2", "130", "141"]


def test_each_outcome_has_its_exit_code(capsys, demo_db, tmp_path):
    db = str(demo_db)
    assert run(capsys, "--db", db, "list")[0] == exits.OK
    # 1: no such plan, a conflict with what is stored, a refused move
    code, _, err = run(capsys, "--db", db, "export-json", "999", "-o", str(tmp_path / "x.json"))
    assert code == exits.FAILED and "no plan with id 999" in err
    plan_file = tmp_path / "bank.json"
    assert run(capsys, "--db", db, "export-json", "1", "-o", str(plan_file))[0] == exits.OK
    code, _, err = run(capsys, "--db", db, "import-json", str(plan_file))
    assert code == exits.FAILED and "import with replace" in err
    code, _, err = run(capsys, "--db", db, "phase", "4", "monitoring", "--by", "x")
    assert code == exits.FAILED and err.startswith("kamplanner: refused:")
    # 2: usage, a bad value, a broken plan file, a file that is not a PDF
    assert run(capsys, "--db", db, "export-json")[0] == exits.BAD_INPUT
    assert run(capsys, "--db", db, "review", "1", "--reviewer", "x", "--decision", "approved", "--score", "4",
               "--answer", "nonsense")[0] == exits.BAD_INPUT  # fmt: skip
    broken = tmp_path / "broken.json"
    broken.write_text("{}")
    assert run(capsys, "--db", db, "import-json", str(broken))[0] == exits.BAD_INPUT
    not_pdf = tmp_path / "x.pdf"
    not_pdf.write_text("hello")
    assert run(capsys, "--db", db, "verify", str(not_pdf))[0] == exits.BAD_INPUT
    code, _, err = run(capsys, "--db", "nosuchdriver://x/db", "list")
    assert code == exits.BAD_INPUT and "cannot use this database URL" in err


def test_the_command_line_loads_no_pdf_or_qt_library():
    """The package reaches the report through the use cases: starting it loads neither ReportLab nor Qt."""
    probe = (
        "import sys, kamplanner.cli; print(sorted(m for m in ('reportlab', 'PySide6', 'jinja2') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == b"[]"
