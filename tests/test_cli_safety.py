"""The command line where users get it wrong or where their text is hostile: -o onto the database,
impossible plan ids, terminal escapes in names and values, closed pipes, bad database URLs, bugs.

Most tests run main([...]) in this process on a real SQLite file (fast); those about bytes on
standard output and about pipes run a new process, as a user does.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kamplanner.app import main
from tests.test_cli import DEMO_PLANS, kamplanner

RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
EVIL = "Evil \x1b]0;pwned\x07 Ltd \x1b[2J\u202etxt.exe\x9b31m"
EVIL_SHOWN = r"Evil \x1b]0;pwned\x07 Ltd \x1b[2J\u202etxt.exe\u009b31m"


def run(capsys, *args: str) -> tuple[int, str, str]:
    """main() as the kamplanner command runs it: (exit code, stdout, stderr)."""
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def own_folders(tmp_path, monkeypatch):
    """No test reads $KAMPLANNER_DB or touches the user's data or log folders."""
    monkeypatch.delenv("KAMPLANNER_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "t.db"
    assert main(["--db", str(path), "demo"]) == 0
    return path


@pytest.fixture
def demo_db(demo_template, tmp_path) -> Path:
    path = tmp_path / "t.db"
    shutil.copy(demo_template, path)
    return path


def plan_file(name: str, source: Path = DEMO_PLANS[0]) -> bytes:
    document = json.loads(source.read_text("utf-8"))
    document["account"]["name"] = name
    del document["account"]["uuid"], document["plan"]["uuid"]  # another account's plan, not the demo's
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def import_plan(capsys, db: Path, folder: Path, name: str, source: Path = DEMO_PLANS[0]) -> int:
    path = folder / f"plan-{len(list(folder.glob('plan-*.json')))}.json"
    path.write_bytes(plan_file(name, source))
    code, out, err = run(capsys, "--db", str(db), "import-json", str(path))
    assert code == 0, err
    return int(out)


def snapshot(capsys, db: Path) -> tuple[bytes, str]:
    """The database file's bytes and what export-json says of plan 1: both must not change."""
    code, out, err = run(capsys, "--db", str(db), "export-json", "1", "-o", "-")
    assert code == 0, err
    return db.read_bytes(), out


# ---- -o onto the database (item 2)

WRITERS = {
    "export-json": ["export-json", "1"],
    "export-pdf": ["export-pdf", "1"],
    "export-pdf --all": ["export-pdf", "--all"],
    "progress-report": ["progress-report"],
    "calendar": ["calendar"],
    "dashboard": ["dashboard"],
    "sign-off": ["sign-off", "1", "--reviewer", "Helen Zhou"],
}


def _through(kind: str, db: Path) -> str:
    """Another name for the database, or the name of one of its files."""
    folder = db.parent
    if kind == "same":
        return str(db)
    if kind == "relative":
        os.chdir(folder)
        return f"./{db.name}"
    if kind == "roundabout":
        (folder / "sub").mkdir()
        return str(folder / "sub" / ".." / db.name)
    if kind == "symlink":
        (folder / "link.db").symlink_to(db)
        return str(folder / "link.db")
    if kind == "hardlink":
        os.link(db, folder / "hard.db")
        return str(folder / "hard.db")
    return str(db) + kind  # -wal, -shm, -journal


@pytest.mark.parametrize("kind", ["same", "relative", "roundabout", "symlink", "hardlink", "-wal", "-shm", "-journal"])
@pytest.mark.parametrize("command", list(WRITERS))
def test_output_onto_the_database_is_refused(capsys, demo_db, monkeypatch, command, kind):
    monkeypatch.chdir(demo_db.parent)
    before = snapshot(capsys, demo_db)
    target = _through(kind, demo_db)
    companions_before = sorted(p.name for p in demo_db.parent.iterdir())
    code, out, err = run(capsys, "--db", str(demo_db), *WRITERS[command], "-o", target)
    assert code == 2, err
    assert out == ""
    message = err.strip()
    assert "\n" not in message and "Traceback" not in err
    expected_file = str(demo_db.resolve()) + (kind if kind.startswith("-") else "")
    shown = str(Path(target)) if command == "sign-off" else target  # its -o is a Path: ./t.db is t.db
    assert message == (
        f"kamplanner: -o {shown} is the database's own file {expected_file}; refusing to write over it"
        " (nothing was written)"
    )
    assert sorted(p.name for p in demo_db.parent.iterdir()) == companions_before  # no -wal made, no temp file left
    if kind == "symlink":
        assert Path(target).is_symlink()
    assert snapshot(capsys, demo_db) == before


@pytest.mark.parametrize("command", list(WRITERS))
def test_an_empty_output_is_refused(capsys, demo_db, command):
    before = snapshot(capsys, demo_db)
    code, out, err = run(capsys, "--db", str(demo_db), *WRITERS[command], "-o", "")
    assert code == 2 and out == ""
    hint = "a folder" if command.endswith("--all") else "a file name, or - for standard output"
    # sign-off's -o is a Path, and Path("") is "."; it is refused all the same
    assert err in (f"kamplanner: -o is empty: give {hint}\n", "kamplanner: -o . is a folder; give a file name\n")
    assert snapshot(capsys, demo_db) == before


@pytest.mark.parametrize("command", [c for c in WRITERS if not c.endswith("--all")])
def test_a_folder_is_not_a_file_to_write(capsys, demo_db, tmp_path, command):
    folder = tmp_path / "out"
    folder.mkdir()
    code, out, err = run(capsys, "--db", str(demo_db), *WRITERS[command], "-o", str(folder))
    assert (code, out, err) == (2, "", f"kamplanner: -o {folder} is a folder; give a file name\n")
    assert list(folder.iterdir()) == []


def test_all_plans_need_a_folder(capsys, demo_db, tmp_path):
    code, _, err = run(capsys, "--db", str(demo_db), "export-pdf", "--all", "-o", "-")
    assert code == 2 and "the plans go to a folder" in err
    # sign-off writes one file, so -o - is standard output for it too (issue 10): a version signed
    # off by another is refused for that reason, not for the -o, and nothing reaches standard output.
    code, out, err = run(capsys, "--db", str(demo_db), "sign-off", "1", "--reviewer", "x", "-o", "-")
    assert (code, out) == (1, "") and "was signed off by" in err and "standard output" not in err
    file = tmp_path / "file"
    file.write_text("keep")
    code, _, err = run(capsys, "--db", str(demo_db), "export-pdf", "--all", "-o", str(file))
    assert code == 2 and "is a file, not a folder" in err and file.read_text() == "keep"


def test_dash_writes_the_document_to_stdout_in_every_command(demo_db, tmp_path):
    """The document, byte for byte, on stdout; the messages on stderr; no file called "-"."""
    db = str(demo_db)
    cases = {
        "export-json": (["export-json", "1"], b"{"),
        "export-pdf": (["export-pdf", "1"], b"%PDF"),
        "progress-report": (["progress-report", "--date", "2026-12-31"], b"%PDF"),
        "calendar": (["calendar", "--today", "2026-11-23"], b"BEGIN:VCALENDAR"),
    }
    for name, (args, start) in cases.items():
        to_stdout = subprocess.run(
            [sys.executable, "-m", "kamplanner", "--db", db, *args, "-o", "-"], capture_output=True, cwd=tmp_path
        )
        assert to_stdout.returncode == 0, (name, to_stdout.stderr)
        assert to_stdout.stdout.startswith(start), name
        target = tmp_path / f"{name}.out"
        to_file = kamplanner("--db", db, *args, "-o", str(target))
        assert to_file.returncode == 0, to_file.stderr
        if start != b"%PDF":  # a PDF carries the moment it was made
            assert to_stdout.stdout == target.read_bytes(), name
        assert not (tmp_path / "-").exists()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(capsys, demo_db, tmp_path):
    target = tmp_path / "plan.json"
    target.write_text("old")
    os.chmod(tmp_path, 0o500)
    try:
        if os.access(tmp_path, os.W_OK):
            pytest.skip("running as a user who may write anywhere")
        code, _, err = run(capsys, "--db", str(demo_db), "export-json", "1", "-o", str(target))
    finally:
        os.chmod(tmp_path, 0o700)
    assert code == 1 and err == f"kamplanner: cannot write {target}: Permission denied\n"
    assert target.read_text() == "old"


# ---- plan ids (item 9)

PLAN_COMMANDS = {
    "export-json": ["-o", "x.json"],
    "export-pdf": ["-o", "x.pdf"],
    "cycle": [],
    "phase": ["review", "--by", "x"],
    "prepare": [],
    "step": ["objectives"],
    "review": ["--reviewer", "x", "--decision", "approved", "--score", "4"],
    "progress": [],
    "roll-forward": ["--by", "x"],
    "diff": [],
    "sign-off": ["--reviewer", "x", "-o", "x.pdf"],
}


@pytest.mark.parametrize("value", ["99999999999999999999", "9223372036854775808", "0", "seven"])
@pytest.mark.parametrize("command", list(PLAN_COMMANDS))
def test_a_plan_id_a_database_cannot_hold_is_bad_input(capsys, demo_db, tmp_path, monkeypatch, command, value):
    monkeypatch.chdir(tmp_path)
    before = snapshot(capsys, demo_db)
    extra = PLAN_COMMANDS[command]
    if command == "step":
        from kamplanner.domain.cycle import STEP_KEYS

        extra = [STEP_KEYS[0]]
    code, out, err = run(capsys, "--db", str(demo_db), command, value, *extra)
    assert code == 2 and out == ""
    assert f"kamplanner {command}: error: argument PLAN: expected a plan id" in err
    assert repr(value) in err and "Traceback" not in err
    assert snapshot(capsys, demo_db) == before
    assert not list(tmp_path.glob("x.*"))


def test_the_largest_plan_id_is_simply_not_there(capsys, demo_db):
    code, _, err = run(capsys, "--db", str(demo_db), "cycle", str(2**63 - 1))
    assert code == 1 and err.count("\n") == 1 and str(2**63 - 1) in err


# ---- terminal escapes (item 11)


def assert_harmless(*texts: str) -> None:
    for text in texts:
        assert not RAW_CONTROLS.search(text), repr(text)


def test_escapes_in_an_account_name_are_shown_not_obeyed(capsys, demo_db, tmp_path):
    plan = import_plan(capsys, demo_db, tmp_path, EVIL)
    db = str(demo_db)
    code, out, err = run(capsys, "--db", db, "list")
    assert code == 0 and EVIL_SHOWN in out
    assert_harmless(out, err)
    code, out, err = run(capsys, "--db", db, "list", "--json")
    assert code == 0
    assert_harmless(out, err)
    assert EVIL in [p["account"] for p in json.loads(out)]  # valid JSON, the name as it is
    for args, shown in (
        (["cycle", str(plan)], True),
        (["diff", str(plan), "--against", "last-year"], True),  # "… has no 2025 plan to compare with"
        (["cycle", str(plan), "--json"], False),
        (["dashboard", "--today", "2026-02-01"], False),
        (["dashboard", "--json", "--today", "2026-02-01"], False),
        (["diff", str(plan)], False),
    ):
        code, out, err = run(capsys, "--db", db, *args)
        assert code in (0, 1) and "Traceback" not in err, (args, err)
        assert_harmless(out, err)
        if shown:
            assert EVIL_SHOWN in out + err, args
    code, out, err = run(capsys, "--db", db, "export-pdf", "--all", "-o", str(tmp_path / "pdfs"), "--jobs", "1")
    assert code == 0, err
    assert_harmless(out, err)
    assert EVIL_SHOWN in err
    (written,) = [p.name for p in (tmp_path / "pdfs").iterdir() if p.name.startswith("Evil")]
    assert_harmless(written)
    assert written == "Evil ]0;pwned Ltd [2J txt.exe 31m 2026.pdf"


def test_escapes_in_bad_values_are_shown_not_obeyed(capsys, demo_db, tmp_path):
    db = str(demo_db)
    (tmp_path / "file").write_text("")
    for args in (
        ["--db", str(tmp_path / "file" / EVIL), "list"],
        ["import-json", str(tmp_path / f"{EVIL}.json")],
        ["export-json", "1", "-o", str(tmp_path / EVIL / "x.json")],
        ["review", "1", "--reviewer", "x", "--decision", "approved", "--score", "4", "--answer", f"{EVIL}=yes"],
        ["progress", "1", "--actual", f"revenue={EVIL}"],
        ["dashboard", "--lang", EVIL],
        ["cycle", EVIL],
        [EVIL],
    ):
        code, out, err = run(capsys, *(args if args[0] == "--db" else ["--db", db, *args]))
        assert code in (1, 2), args
        assert_harmless(out, err)
        assert "\\x1b]0;pwned\\x07" in err or "\\x1b]0;pwned\\x07" in out, (args, err)


def test_a_pdf_on_stdout_is_never_altered(capsys, demo_db, tmp_path):
    """Escaping is for text; a PDF holding the hostile name goes out byte for byte."""
    plan = import_plan(capsys, demo_db, tmp_path, EVIL)
    result = kamplanner("--db", str(demo_db), "export-pdf", str(plan), "-o", "-")
    assert result.returncode == 0 and result.stdout.startswith(b"%PDF") and result.stdout.rstrip().endswith(b"%%EOF")
    from tests.report.helpers import pages_text

    assert "pwned" in pages_text(result.stdout)[0]
    assert_harmless(result.stderr.decode())


# ---- pipes, interrupts, bugs, database errors (item 9)


def test_list_into_head_ends_quietly(tmp_path, capsys):
    db = tmp_path / "many.db"
    for i in range(110):  # more than a pipe holds, so the reader goes away while kamplanner writes
        import_plan(capsys, db, tmp_path, f"{i:03d} " + "名" * 190)
    for listing in ("list", "list --json"):
        result = subprocess.run(
            f'{sys.executable} -m kamplanner --db {db} {listing} | head -1; echo "exit ${{PIPESTATUS[0]}}"',
            shell=True,
            executable="/bin/bash",
            capture_output=True,
            timeout=120,
        )
        assert result.stderr == b""  # no traceback, no "Exception ignored"
        first, exit_line = result.stdout.decode().splitlines()
        assert first.startswith(("   id", "["))
        assert exit_line in ("exit 0", "exit 141")


def test_a_reader_gone_before_anything_is_written(demo_db):
    for args in (["list"], ["export-json", "1", "-o", "-"], ["export-pdf", "1", "-o", "-"]):
        process = subprocess.Popen(
            [sys.executable, "-m", "kamplanner", "--db", str(demo_db), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        process.stdout.close()
        err = process.stderr.read()
        assert process.wait(timeout=120) in (0, 141)
        assert b"Traceback" not in err and b"Exception ignored" not in err and b"Broken pipe" not in err


def test_a_bug_is_one_line_and_the_traceback_goes_to_the_log(capsys, demo_db, tmp_path, monkeypatch):
    from kamplanner import cli

    def broken(db, args):
        raise RuntimeError("boom at postgresql://u:secretpw@db/x \x1b[2J\nsecond line\nBackground on this error")

    monkeypatch.setitem(cli.COMMANDS, "list", broken)
    code, out, err = run(capsys, "--db", str(demo_db), "list")
    assert code == 1 and out == ""
    log = tmp_path / "state" / "kamplanner" / "log" / "kamplanner.log"
    assert err.splitlines() == [
        r"kamplanner: internal error: RuntimeError: boom at postgresql://u:***@db/x \x1b[2J",
        f"kamplanner: the full traceback is in {log}",
    ]
    written = log.read_text("utf-8")
    assert "Traceback (most recent call last)" in written and "in broken" in written
    assert "secretpw" not in written and "second line" in written


def test_ctrl_c_is_one_line_and_exit_130(capsys, demo_db, monkeypatch):
    from kamplanner import cli

    def interrupted(db, args):
        raise KeyboardInterrupt

    monkeypatch.setitem(cli.COMMANDS, "list", interrupted)
    assert run(capsys, "--db", str(demo_db), "list") == (130, "", "kamplanner: interrupted\n")


def test_a_database_error_in_a_command_is_one_line(capsys, demo_db, monkeypatch):
    from kamplanner.services import Portfolio
    from kamplanner.store.database import DatabaseBusy

    def busy(self):
        raise DatabaseBusy("the database t.db is busy: another program holds it; try again\nBackground on this error")

    monkeypatch.setattr(Portfolio, "list_plans", busy)
    for args in (["list"], ["export-pdf", "--all", "-o", "pdfs"], ["diff", "1", "--against", "last-year"]):
        assert run(capsys, "--db", str(demo_db), *args) == (
            1,
            "",
            "kamplanner: the database t.db is busy: another program holds it; try again\n",
        ), args


def test_an_empty_db_is_refused_and_an_empty_variable_is_unset(capsys, tmp_path, monkeypatch):
    code, out, err = run(capsys, "--db", "", "list")
    assert code == 2 and out == "" and err.endswith("kamplanner: error: --db is empty: give a file or a URL\n")
    assert not (tmp_path / "data").exists()  # the default database was not opened
    monkeypatch.setenv("KAMPLANNER_DB", "")
    code, out, err = run(capsys, "list")
    assert code == 0, err
    assert (tmp_path / "data" / "kamplanner" / "kamplanner.db").is_file()


@pytest.mark.parametrize(
    ("url", "code", "message"),
    [
        (
            "postgresql://u:secretpw@host:notaport/db",
            2,
            "kamplanner: --db postgresql://u:***@host:notaport/db: the port is not a number from 0 to 65535",
        ),
        (
            "nosuchdriver://x",
            2,
            "kamplanner: --db nosuchdriver://x: cannot use this database URL",
        ),
        (
            "mysql://u:secretpw@localhost/db",
            2,
            "kamplanner: --db mysql://u:***@localhost/db: cannot use this database URL: its driver is not installed",
        ),
        ("no such://x", 2, "kamplanner: --db no such://x: 'no such' is not a database kind"),
        (
            "postgresql+psycopg://u:secretpw@127.0.0.1:1/db",
            1,
            "kamplanner: cannot open the database postgresql+psycopg://u:***@127.0.0.1:1/db",
        ),
    ],
)
def test_a_bad_database_url_is_one_line_without_the_password(capsys, url, code, message):
    if url.startswith("postgresql+psycopg:"):
        pytest.importorskip("psycopg")
    got, out, err = run(capsys, "--db", url, "list")
    assert got == code and out == ""
    assert err.startswith(message) and err.count("\n") == 1, err
    assert "secretpw" not in err and "Background on this error" not in err and "Traceback" not in err


def test_a_password_in_the_environment_is_masked_too(capsys, monkeypatch):
    monkeypatch.setenv("KAMPLANNER_DB", "nosuchdriver://u:secretpw@x/db")
    code, _, err = run(capsys, "list")
    assert code == 2 and err.startswith("kamplanner: $KAMPLANNER_DB nosuchdriver://u:***@x/db:")


# ---- batch file names (item 13)


def test_names_alike_in_their_first_100_characters_give_two_pdfs(capsys, tmp_path):
    db = tmp_path / "t.db"
    stem = "Acme Holdings International " * 4  # 112 characters
    import_plan(capsys, db, tmp_path, stem + "North")
    import_plan(capsys, db, tmp_path, stem + "South")
    long = "Z" * 195  # alike beyond what a file name keeps: told apart by their ids
    import_plan(capsys, db, tmp_path, long + "East")
    west = import_plan(capsys, db, tmp_path, long + "West")
    import_plan(capsys, db, tmp_path, "😀" * 100, DEMO_PLANS[1])
    import_plan(capsys, db, tmp_path, "👨‍👩‍👧" * 30 + "e\u0301" * 20, DEMO_PLANS[2])
    out = tmp_path / "pdfs"
    code, _, err = run(capsys, "--db", str(db), "export-pdf", "--all", "-o", str(out), "--jobs", "1")
    assert code == 0, err
    files = sorted(out.iterdir())
    assert len(files) == 6 and err.count(" ok ") == 6
    for path in files:
        assert len(path.name.encode("utf-8")) <= 200 and path.read_bytes().startswith(b"%PDF")
    names = {p.name for p in files}
    assert {stem + "North 2026.pdf", stem + "South 2026.pdf"} <= names
    zs = [n for n in names if n.startswith("ZZZ")]
    assert len(zs) == 2 and {n.endswith(f" 2026 (id {west}).pdf") for n in zs} == {True, False}
    (smileys,) = [n for n in names if n.startswith("😀")]
    assert smileys == "😀" * 47 + " 2027.pdf"
    (family,) = [n for n in names if n.startswith("👨")]
    assert family.count("👨") == family.count("👩") == family.count("👧")  # no family cut apart
    assert not list(out.glob(".*"))  # no temporary file left behind


def test_the_database_in_the_output_folder_is_not_overwritten(capsys, tmp_path):
    """The database's own file may have the very name a plan's PDF would get."""
    from kamplanner.domain.filenames import pdf_file_name

    folder = tmp_path / "pdfs"
    folder.mkdir()
    db = folder / pdf_file_name("Acme", 2026)
    plan = import_plan(capsys, db, tmp_path, "Acme")
    before = snapshot(capsys, db)
    code, _, err = run(capsys, "--db", str(db), "export-pdf", "--all", "-o", str(folder), "--jobs", "1")
    assert code == 0, err
    assert (folder / f"Acme 2026 (id {plan}).pdf").read_bytes().startswith(b"%PDF")
    assert snapshot(capsys, db) == before


def test_a_file_in_a_missing_folder_is_one_line(capsys, demo_db, tmp_path):
    target = tmp_path / "missing" / "plan.json"
    code, out, err = run(capsys, "--db", str(demo_db), "export-json", "1", "-o", str(target))
    assert (code, out, err) == (1, "", f"kamplanner: cannot write {target}: No such file or directory\n")
    assert not (tmp_path / "missing").exists()


def test_escaping_keeps_json_valid_and_plain_text_plain():
    """Whatever JSON goes through the streams' escaping decodes to the same text."""
    from kamplanner.cli.output import escape

    text = "".join(chr(c) for c in range(0x3000) if not 0xD800 <= c <= 0xDFFF)
    for dumped in (json.dumps(text, ensure_ascii=False), json.dumps({"k": text}, ensure_ascii=False, indent=2)):
        shown = escape(dumped)
        assert not RAW_CONTROLS.search(shown.replace("\n", ""))
        assert json.loads(shown) in (text, {"k": text})
    assert escape("a\tb\nc") == "a\tb\nc"
    assert escape("\x1b[2J\x7f\x85\u202e\u2066\udcff") == r"\x1b[2J\u007f\u0085\u202e\u2066\udcff"


def test_jobs_must_be_positive(capsys, demo_db, tmp_path):
    code, out, err = run(capsys, "--db", str(demo_db), "export-pdf", "--all", "-o", str(tmp_path / "p"), "--jobs", "0")
    assert code == 2 and out == "" and "argument --jobs: expected a whole number from 1 up, got '0'" in err
    assert not (tmp_path / "p").exists()


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("postgresql+psycopg://u:secretpw@h/db", "postgresql+psycopg://u:***@h/db"),
        ("at mysql://root:p@ss@h:3306/x: refused", "at mysql://root:***@h:3306/x: refused"),
        ("dsn host=h password=secretpw user=u", "dsn host=h password=*** user=u"),
        ("sqlite:////tmp/a.db", "sqlite:////tmp/a.db"),
    ],
)
def test_passwords_are_masked(text, shown):
    from kamplanner.cli.output import mask_passwords

    assert mask_passwords(text) == shown


def test_a_line_break_in_a_name_cannot_fake_a_row(capsys, demo_db, tmp_path):
    plan = import_plan(capsys, demo_db, tmp_path, "Real\n99999  2026  key  fake row\tX")
    code, out, err = run(capsys, "--db", str(demo_db), "list")
    assert code == 0, err
    assert r"Real\n99999  2026  key  fake row\tX" in out
    assert not any(line.startswith("99999") for line in out.splitlines())
    code, out, _ = run(capsys, "--db", str(demo_db), "cycle", str(plan))
    assert out.splitlines()[0].startswith(r"Real\n99999")


def test_writing_to_a_device_writes_to_it_and_never_replaces_it(tmp_path, capsys):
    import stat

    db = tmp_path / "plans.db"
    assert main(["--db", str(db), "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "export-json", "1", "-o", os.devnull]) == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    import threading

    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    assert main(["--db", str(db), "export-json", "1", "-o", str(fifo)]) == 0
    reader.join(10)
    assert got and got[0].startswith(b"{") and stat.S_ISFIFO(os.stat(fifo).st_mode)
