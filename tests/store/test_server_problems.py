"""A server connection that fails says so in one plain sentence, whatever libpq's wording."""

from __future__ import annotations

import pytest

from kamplanner.store.database import refusal, server_problem


@pytest.mark.parametrize(
    ("libpq", "plain"),
    [
        (
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: FATAL:  password'
            ' authentication failed for user "wang"',
            "the server refused the login: wrong password, or the login has expired",
        ),
        (
            'connection failed: connection to server at "127.0.0.1", port 5999 failed: Connection refused',
            "the server is not reachable: is it running, and are the address and port right?",
        ),
        ("failed to resolve host 'x.invalid': [Errno -2] Name or service not known", "the server's name is not known"),
        ('connection failed: FATAL:  database "kam" does not exist', 'database "kam" does not exist'),
        ("fe_sendauth: no password supplied", "put it in ~/.pgpass"),
        ("something new", "something new"),
    ],
)
def test_connection_failures_read_plainly(libpq, plain):
    assert plain in server_problem(libpq)


def test_a_team_servers_refusals_name_what_the_table_holds():
    assert (
        refusal("permission denied for table signoff") == "the team server refused: your login may not change sign-offs"
    )
    assert refusal('new row violates row-level security policy for table "prose"') == (
        "the team server refused: this plan is not yours to change (or it is under senior review)"
    )
    assert refusal("only a senior manager records a review") == (
        "the team server refused: only a senior manager records a review"
    )
