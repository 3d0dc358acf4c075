"""The contact log in the plan file: written and read back whole, refused with its path when a
contact does not fit, and an older file (format 3) read with no contacts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kamplanner.domain import planfile
from kamplanner.domain.planfile import FORMAT_VERSION, PlanFileError
from kamplanner.domain.template import CONTACTS
from tests.factories import full_plan, with_contacts

V3 = Path(__file__).resolve().parents[1] / "fixtures" / "plan-v3-bank-2026.json"
WHERE = "sections.appendix.account_info.contacts"


def test_the_contact_log_makes_the_round_trip():
    plan = with_contacts(full_plan())
    text = planfile.dumps(plan)
    document = json.loads(text)
    assert document["format_version"] == FORMAT_VERSION == 4
    first = document["sections"]["appendix"]["account_info"]["contacts"][0]
    assert first["theirs"] == ["k1", "k2"] and first["ours"] == ["m1"] and first["date"] == "2026-01-10"
    again = planfile.loads(text)
    assert [r.values for r in again.rows(CONTACTS)] == [r.values for r in plan.rows(CONTACTS)]
    assert planfile.dumps(again) == text


def test_a_format_3_file_is_upgraded_and_has_no_contacts():
    document = json.loads(V3.read_bytes())
    assert document["format_version"] == 3
    plan, cycle = planfile.loads_with_cycle(V3.read_bytes())
    assert plan.rows(CONTACTS) == [] and plan.rows("appendix.account_info.stakeholders")
    assert json.loads(planfile.dumps(plan, cycle))["format_version"] == 4


def _refused(change) -> list[str]:
    document = planfile.to_document(with_contacts(full_plan()))
    rows = document["sections"]["appendix"]["account_info"]["contacts"]
    change(rows)
    with pytest.raises(PlanFileError) as caught:
        planfile.from_document(json.loads(json.dumps(document)))
    return caught.value.problems


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda rows: rows[1].update(theirs=["k1", "k9"]),
            f'{WHERE}[1].theirs: no row "k9" in appendix.account_info.stakeholders'
            " (organisation and key decision makers)",
        ),
        (lambda rows: rows[0].update(ours=["m7"]), f'{WHERE}[0].ours: no row "m7" in team.members'),
        (
            lambda rows: rows[2].update(date="2026-02-30"),
            f'{WHERE}[2].date: expected a date (YYYY-MM-DD), got "2026-02-30"',
        ),
        (lambda rows: rows[0].update(kind="party"), f"{WHERE}[0].kind: expected one of visit, seminar, demo"),
        (lambda rows: rows[0].update(theirs="k1"), f'{WHERE}[0].theirs: expected an array of row keys, got "k1"'),
        (lambda rows: rows[0].update(theirs=["k1 k2"]), f"{WHERE}[0].theirs: expected row keys without spaces"),
        (lambda rows: rows[0].update(where="office"), f"{WHERE}[0].where: unknown field"),
    ],
)
def test_a_contact_that_does_not_fit_refuses_the_file_naming_where(change, problem):
    problems = _refused(change)
    assert any(p.startswith(problem) for p in problems), problems


def test_the_schema_knows_several_references():
    schema = planfile.json_schema()
    contacts = schema["properties"]["sections"]["properties"]["appendix"]["properties"]["account_info"]
    theirs = contacts["properties"]["contacts"]["items"]["properties"]["theirs"]
    assert theirs["anyOf"][0]["type"] == "array"
