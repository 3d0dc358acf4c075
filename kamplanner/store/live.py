"""Live work together on a team server: PostgreSQL's LISTEN/NOTIFY, heard in a thread.

The team server's triggers (store/team.py) announce each committed change to a plan, its
cycle record, its sign-offs or its account on one channel. A Listener holds a connection of
its own, listening, and hands each notice from another process to a callback, in its thread
(the caller moves it to where it belongs; the app, to Qt's main thread). A lost connection is
tried again, more slowly each time, and reported through ``on_state``.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from .database import Database
from .team import CHANNEL

log = logging.getLogger(__name__)

POLL_S = 0.5  # how often the thread looks up from waiting to see whether it should stop
RETRY_S = (1.0, 2.0, 5.0, 10.0, 30.0)


@dataclass(frozen=True)
class RemoteChange:
    """Something another process committed: to which table, which plan (or account), by whom."""

    table: str
    op: str
    plan_id: int | None
    account_id: int | None
    version: int | None
    login: str

    @property
    def lists_change(self) -> bool:
        """Whether the portfolio's list of plans changed (a plan added or removed, an account)."""
        return self.table == "account" or (self.table == "plan" and self.op in ("INSERT", "DELETE"))


def parse(payload: str, own_app: str) -> RemoteChange | None:
    """A notice as a RemoteChange; None for one of this process's own or one unreadable."""
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("app") == own_app:
        return None

    def number(key: str) -> int | None:
        value = data.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    return RemoteChange(
        str(data.get("table", "")),
        str(data.get("op", "")),
        number("plan"),
        number("account"),
        number("version"),
        str(data.get("login", "")),
    )


class Listener:
    """Hears the team server's change notices until stopped."""

    def __init__(
        self,
        db: Database,
        on_change: Callable[[RemoteChange], None],
        on_state: Callable[[bool], None] | None = None,
    ):
        self.db = db
        self.on_change = on_change
        self.on_state = on_state or (lambda _connected: None)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kamplanner-listen", daemon=True)
        self.listening = threading.Event()  # set while a connection is listening

    def start(self) -> Listener:
        self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            try:
                self._listen()
                attempt = 0
            except Exception as exc:  # noqa: BLE001 - a lost server: say so, try again later
                log.info("listening for team changes stopped: %s", exc)
            if self.listening.is_set():
                self.listening.clear()
                self.on_state(False)
            self._stop.wait(RETRY_S[min(attempt, len(RETRY_S) - 1)])
            attempt += 1

    def _listen(self) -> None:
        raw = self.db.engine.raw_connection()
        connection = raw.driver_connection
        raw.detach()  # this connection is the listener's alone, never back in the pool
        try:
            connection.autocommit = True
            connection.execute(f"LISTEN {CHANNEL}")
            self.listening.set()
            self.on_state(True)
            while not self._stop.is_set():
                for notice in connection.notifies(timeout=POLL_S):
                    change = parse(notice.payload, self.db.application_name)
                    if change is not None:
                        self.on_change(change)
                    if self._stop.is_set():
                        break
        finally:
            try:
                connection.close()
            except Exception:  # noqa: BLE001 - it is gone already
                pass
