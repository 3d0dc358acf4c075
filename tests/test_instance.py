"""One app per database file, also when Preferences switches to another file."""

import pytest

from kamplanner.app import _switch
from kamplanner.instance import InstanceLock, held_elsewhere
from kamplanner.store.database import DatabaseError


def test_switching_database_claims_the_new_file_and_frees_the_old(tmp_path):
    locks: list = []
    first = _switch(str(tmp_path / "a.db"), locks)
    assert held_elsewhere(tmp_path / "a.db")
    again = _switch(str(tmp_path / "a.db"), locks)  # the same file: kept, not refused
    second = _switch(str(tmp_path / "b.db"), locks)
    assert held_elsewhere(tmp_path / "b.db") and not held_elsewhere(tmp_path / "a.db")
    for portfolio in (first, again, second):
        portfolio.db.close()
    for lock in locks:
        lock.release()


def test_a_file_another_app_has_open_is_not_switched_to(tmp_path):
    other = InstanceLock(tmp_path / "c.db")
    assert other.acquire()
    try:
        with pytest.raises(DatabaseError, match="another kamplanner"):
            _switch(str(tmp_path / "c.db"), [])
    finally:
        other.release()
    assert not held_elsewhere(tmp_path / "c.db")
