"""Plan versions that mean something: numbered when the plan is submitted for review, signed
off, or saved as a version on purpose, never by an autosave.

Two counters, kept apart:
- the *revision* (``Plan.version``, the store's ``plan.version`` column) moves with every save.
  It tells concurrent writers apart and is what the change log records; people never see it.
- the *version number* (第 N 版) is what people talk about, print and sign. A new one is made
  only at the three moments above, and only when the content moved since the last one: signing
  off the version that was submitted signs that version, with the fingerprint its reviewer saw.

Between two versions the plan is a draft of the next: "Version 3 (draft)" until it is
submitted, signed off or saved as version 3.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from .template import Text

MAX_NOTE = 500  # characters of a version's note


class VersionKind(StrEnum):
    """Why a version was made."""

    SAVED = "saved"  # "Save as version…", with a note
    SUBMITTED = "submitted"  # submitted for senior review
    SIGNED_OFF = "signed_off"  # signed off after an adjustment made during the review

    @property
    def label(self) -> Text:
        return {
            VersionKind.SAVED: Text("另存为版本", "saved as a version"),
            VersionKind.SUBMITTED: Text("提交审阅", "submitted for review"),
            VersionKind.SIGNED_OFF: Text("签批", "signed off"),
        }[self]


@dataclass(frozen=True)
class PlanVersion:
    """One numbered version: the revision it is, when, by whom, why, and its fingerprint."""

    number: int
    revision: int
    kind: VersionKind
    at: dt.datetime
    by: str
    note: str = ""
    fingerprint: str = ""


@dataclass(frozen=True)
class VersionLabel:
    """What a revision is called: version ``number``, or a draft of it (not yet made)."""

    number: int
    draft: bool

    def __str__(self) -> str:  # as the command line says it
        return f"version {self.number} (draft)" if self.draft else f"version {self.number}"

    def astuple(self) -> tuple[int, bool]:
        return self.number, self.draft


class NothingToSave(ValueError):
    """ "Save as version" on a plan unchanged since its last version."""

    def __init__(self, number: int):
        self.number = number
        super().__init__(f"nothing to save: the plan is unchanged since version {number}")


DRAFT_OF_FIRST = VersionLabel(1, True)  # a plan before any version


class NoteTooLong(ValueError):
    def __init__(self, length: int):
        super().__init__(f"the note is {length:,} characters long; a version's note has at most {MAX_NOTE:,}")


def latest(versions: Sequence[PlanVersion]) -> PlanVersion | None:
    return max(versions, key=lambda v: v.number, default=None)


def label(versions: Sequence[PlanVersion], revision: int) -> VersionLabel:
    """The name of ``revision``: the version made at it, else a draft of the one after the
    last version made before it (of version 1 before any)."""
    return label_of([(v.number, v.revision) for v in versions], revision)


def label_of(made: Sequence[tuple[int, int]], revision: int) -> VersionLabel:
    """label() from each version's (number, revision) alone: what a long list reads."""
    if not made:
        return DRAFT_OF_FIRST
    at = [number for number, rev in made if rev == revision]
    if at:
        return VersionLabel(max(at), False)
    return VersionLabel(max((number for number, rev in made if rev < revision), default=0) + 1, True)


def number_of(versions: Sequence[PlanVersion], revision: int) -> int | None:
    """The number of the version made at ``revision``, or None when it is no version."""
    found = label(versions, revision)
    return None if found.draft else found.number


def clean_note(note: str) -> str:
    """A version's note as kept: one paragraph, its control characters spaces; NoteTooLong
    past MAX_NOTE characters (it is refused, never cut)."""
    kept = " ".join("".join(c if c.isprintable() else " " for c in note).split())
    if len(kept) > MAX_NOTE:
        raise NoteTooLong(len(kept))
    return kept


def next_version(
    versions: Sequence[PlanVersion],
    revision: int,
    kind: VersionKind,
    at: dt.datetime,
    by: str,
    fingerprint: str,
    note: str = "",
) -> PlanVersion | None:
    """The version to make at ``revision`` for ``kind``; None when the revision is a version
    already (submitting or signing off a version just saved makes no new number)."""
    if number_of(versions, revision) is not None:
        return None
    last = latest(versions)
    return PlanVersion(
        number=(last.number if last else 0) + 1,
        revision=revision,
        kind=kind,
        at=at,
        by=by,
        note=clean_note(note),
        fingerprint=fingerprint,
    )


def history_naming(named: VersionLabel, revision: int, at: dt.datetime) -> list[PlanVersion]:
    """A version history under which ``revision`` is called ``named``: what a plan read back
    from a PDF (whose plan file carries no history) needs to be rendered as it was."""
    if not named.draft:
        return [PlanVersion(named.number, revision, VersionKind.SAVED, at, "", "", "")]
    if named.number <= 1:
        return []
    return [PlanVersion(named.number - 1, revision - 1, VersionKind.SAVED, at, "", "", "")]
