"""Version numbers apart from revisions: what a revision is called, and when a number is made."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kamplanner.domain.versions import (
    MAX_NOTE,
    NoteTooLong,
    PlanVersion,
    VersionKind,
    VersionLabel,
    clean_note,
    label,
    next_version,
    number_of,
)

AT = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)


def made(number: int, revision: int) -> PlanVersion:
    return PlanVersion(number, revision, VersionKind.SUBMITTED, AT, "王立群")


def test_before_any_version_every_revision_is_a_draft_of_version_1():
    assert label([], 1) == label([], 135) == VersionLabel(1, True)
    assert str(label([], 135)) == "version 1 (draft)"


def test_a_revision_that_is_a_version_is_called_by_its_number_and_later_ones_draft_the_next():
    versions = [made(1, 40), made(2, 97)]
    assert label(versions, 40) == VersionLabel(1, False)
    assert label(versions, 41) == label(versions, 96) == VersionLabel(2, True)
    assert label(versions, 97) == VersionLabel(2, False)
    assert label(versions, 135) == VersionLabel(3, True)
    assert number_of(versions, 97) == 2 and number_of(versions, 98) is None


def test_a_number_is_made_only_when_the_revision_is_not_a_version_already():
    versions = [made(1, 40)]
    assert next_version(versions, 40, VersionKind.SIGNED_OFF, AT, "周海峰", "f" * 64) is None
    second = next_version(versions, 52, VersionKind.SAVED, AT, "王立群", "e" * 64, "  sent to\tthe\x00customer ")
    assert second == PlanVersion(2, 52, VersionKind.SAVED, AT, "王立群", "sent to the customer", "e" * 64)


def test_a_note_longer_than_the_limit_is_refused_not_cut():
    assert clean_note("x" * MAX_NOTE) == "x" * MAX_NOTE
    with pytest.raises(NoteTooLong, match=f"at most {MAX_NOTE}"):
        next_version([], 3, VersionKind.SAVED, AT, "王立群", "", "x" * (MAX_NOTE + 1))


@given(st.lists(st.integers(1, 10_000), unique=True, max_size=12), st.integers(1, 10_000))
def test_numbers_grow_with_revisions_and_a_label_never_names_a_number_not_made(revisions, probe):
    versions: list[PlanVersion] = []
    for revision in sorted(revisions):
        version = next_version(versions, revision, VersionKind.SUBMITTED, AT, "", "")
        assert version is not None and version.number == len(versions) + 1
        versions.append(version)
    named = label(versions, probe)
    if probe in revisions:
        assert not named.draft and versions[named.number - 1].revision == probe
    else:
        assert named.draft and named.number == sum(1 for r in revisions if r < probe) + 1
