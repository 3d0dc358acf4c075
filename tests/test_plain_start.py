"""A plain start of the app (kamplanner, --db, --as, gui) is read without the command line's
parser, so the window is not delayed by it: both must read every such start the same way, and
anything else must be left to the command line."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from kamplanner.app import plain_start
from kamplanner.cli import build_parser
from kamplanner.cli.parser import check_db_argument

TOKENS = st.sampled_from(
    [
        "--db",
        "--as",
        "gui",
        "list",
        "--help",
        "--version",
        "--d",
        "plans.db",
        "客户 plans.db",
        "",
        " ",
        "-x",
        "--db=plans.db",
        "--db=",
        "--as=王伟:senior-manager",
        "--as=lin",
        "lin:nobody",
        "postgresql+psycopg://kam@host/kam",
        "\x1b[2J",
    ]
)


def full_parse(args: list[str]):  # type: ignore[no-untyped-def]
    """What the command line makes of ``args``: (command, db, actor), or None for a usage error."""
    parser = build_parser()
    try:
        parsed = parser.parse_args(args)
        check_db_argument(parser, parsed)
    except SystemExit:
        return None
    return parsed.command, parsed.db, parsed.actor


@given(st.lists(TOKENS, max_size=5))
def test_a_plain_start_means_the_same_to_both(args):
    plain = plain_start(args)
    if plain is None:
        return  # the command line reads it, as it did before
    full = full_parse(args)
    assert full is not None, args
    command, db, actor = full
    assert command in (None, "gui")
    assert plain == (db, actor)


def test_the_usual_starts_are_plain():
    assert plain_start([]) == (None, None)
    assert plain_start(["gui"]) == (None, None)
    db, actor = plain_start(["--db", "客户.db", "--as", "王伟:senior-manager"])
    assert db == "客户.db" and actor.name == "王伟" and actor.role.value == "senior_manager"
    assert plain_start(["--db=x.db", "gui"]) == ("x.db", None)


def test_everything_else_goes_to_the_command_line():
    for args in (
        ["list"],
        ["--help"],
        ["--version"],
        ["--db"],
        ["--db", ""],
        ["--as", "lin:nobody"],
        ["gui", "--db", "x"],
    ):
        assert plain_start(args) is None, args


def test_a_bad_as_on_a_plain_start_is_still_a_usage_error(tmp_path):
    # Left to the command line, which says what is wrong and exits 2 (no window is opened).
    result = subprocess.run(
        [sys.executable, "-m", "kamplanner", "--db", str(tmp_path / "x.db"), "--as", "lin:nobody"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "no role 'nobody'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.db").exists()
