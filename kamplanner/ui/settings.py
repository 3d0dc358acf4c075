"""Typed options over QSettings, with numbered upgrade steps for settings written by older versions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from ..domain.actor import Actor, Role, local_actor

T = TypeVar("T")

SETTINGS_VERSION = 2


class Option(Generic[T]):
    """One setting: its key, its type and the value it has until the user chooses one."""

    def __init__(self, key: str, kind: type, default: T):
        self.key, self.kind, self.default = key, kind, default

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Settings | None, owner: type | None = None) -> T:
        if obj is None:
            return self  # type: ignore[return-value]
        raw = obj.qsettings.value(self.key, None)
        if raw is None:
            return self.default
        try:
            if self.kind is bool:
                return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1")  # type: ignore[return-value]
            if self.kind is QByteArray:
                return raw if isinstance(raw, QByteArray) else QByteArray(raw)  # type: ignore[return-value]
            if self.kind is list:
                return list(raw) if isinstance(raw, (list, tuple)) else [raw]  # type: ignore[return-value]
            return self.kind(raw)  # type: ignore[no-any-return]
        except (TypeError, ValueError):
            return self.default

    def __set__(self, obj: Settings, value: T) -> None:
        obj.qsettings.setValue(self.key, value)


def _upgrade_1_to_2(s: QSettings) -> None:
    # Version 1 kept the language as "zh"; the translations are named zh_CN.
    if s.value("general/language") == "zh":
        s.setValue("general/language", "zh_CN")


UPGRADES: dict[int, Callable[[QSettings], None]] = {1: _upgrade_1_to_2}


class Settings:
    """The user's preferences and the window's remembered state."""

    language: Option[str] = Option("general/language", str, "system")  # "system", "zh_CN" or "en"
    author: Option[str] = Option("general/author", str, "")  # empty: the OS user name
    role: Option[str] = Option("general/role", str, Role.ACCOUNT_MANAGER.value)  # a Role's value
    database: Option[str] = Option("general/database", str, "")  # empty: the default location
    # A folder of trusted root certificates (an organisation's CA): a reviewer's signature that
    # chains to none is shown as not verified. Empty: none trusted.
    trust_roots: Option[str] = Option("review/trust_roots", str, "")
    # The team server this laptop syncs with (a PostgreSQL URL, no password); empty: none.
    team_server: Option[str] = Option("sync/server", str, "")
    geometry: Option[QByteArray] = Option("window/geometry", QByteArray, QByteArray())
    window_state: Option[QByteArray] = Option("window/state", QByteArray, QByteArray())
    navigator_state: Option[QByteArray] = Option("window/navigator", QByteArray, QByteArray())
    last_plan: Option[int] = Option("session/last_plan", int, 0)
    last_section: Option[str] = Option("session/last_section", str, "")
    last_folder: Option[str] = Option("session/last_folder", str, "")

    def __init__(self, qsettings: QSettings | None = None):
        self.qsettings = qsettings or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, "kamplanner", "kamplanner"
        )
        self.upgrade()

    def upgrade(self) -> None:
        s = self.qsettings
        if not s.allKeys():
            s.setValue("version", SETTINGS_VERSION)
            return
        version = int(s.value("version", 1))
        while version < SETTINGS_VERSION:
            UPGRADES[version](s)
            version += 1
            s.setValue("version", version)

    def actor(self) -> Actor:
        """Who the app acts as: the author name (else the OS user) in the chosen role."""
        try:
            return local_actor(self.author, self.role)
        except ValueError:  # a hand-edited settings file: the name or the role cannot be used
            return local_actor()

    def sync(self) -> None:
        self.qsettings.sync()

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name, o in vars(type(self)).items() if isinstance(o, Option)}
