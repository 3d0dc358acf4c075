import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamplanner.domain import planfile
from kamplanner.domain.limits import MAX_CELL, MAX_NAME, MAX_PROSE
from kamplanner.domain.planfile import FORMAT_VERSION, PlanFileError
from kamplanner.domain.text import text_problem
from tests.factories import full_plan


def problems_of(document) -> list[str]:
    with pytest.raises(PlanFileError) as caught:
        planfile.from_document(document)
    return caught.value.problems


def test_writing_then_reading_gives_the_same_bytes():
    text = planfile.dumps(full_plan())
    assert planfile.dumps(planfile.loads(text)) == text
    assert text.endswith("}\n") and "示例银行" in text  # UTF-8, not \u escapes


def test_the_file_carries_no_database_ids_and_uses_row_keys_for_references():
    plan = full_plan()
    plan.id = 77
    plan.account.id = 55
    document = planfile.to_document(plan)
    assert "id" not in document["plan"] and "id" not in document["account"]
    assert document["sections"]["action_plan"]["actions"][0]["owner"] == "m1"
    assert document["sections"]["team"]["members"][0]["key"] == "m1"


def test_a_mistyped_file_gets_one_message_per_problem_with_its_path():
    document = planfile.to_document(full_plan())
    document["sections"]["forecast"]["rows"][3]["revenue"] = "abc"
    document["sections"]["action_plan"]["actions"][0]["due"] = "31/03/2027"
    document["sections"]["strategy"]["opportunities"][1]["kind"] = "bribe"
    document["sections"]["summary"]["strategy"] = 42
    document["account"]["tier"] = "vip"
    document["sections"]["team"]["salaries"] = []
    assert problems_of(document) == [
        'account.tier: expected one of key, important, general, got "vip"',
        "sections.summary.strategy: expected a string, got 42",
        "sections.strategy.opportunities[1].kind: expected one of more_share, cross_sell, price_mix,"
        ' drop_unprofitable, new_customers, other, got "bribe"',
        'sections.action_plan.actions[0].due: expected a date (YYYY-MM-DD), got "31/03/2027"',
        "sections.team.salaries: unknown field (not part of the plan format)",
        'sections.forecast.rows[3].revenue: expected a number, got "abc"',
    ]


def test_a_truncated_file_says_where_the_json_breaks():
    text = planfile.dumps(full_plan())
    with pytest.raises(PlanFileError) as caught:
        planfile.loads(text[: len(text) // 2])
    (problem,) = caught.value.problems
    assert problem.startswith("$: not valid JSON:") and "line" in problem


def test_a_newer_format_version_is_refused_with_a_message_saying_so():
    document = planfile.to_document(full_plan())
    document["format_version"] = FORMAT_VERSION + 1
    (problem,) = problems_of(document)
    assert "newer than this kamplanner reads" in problem and problem.startswith("format_version:")


def test_not_a_plan_file():
    assert problems_of([1, 2]) == ["$: expected an object, got an array"]
    assert problems_of({"format": "something-else"})[0].startswith('format: expected "kamplanner-plan"')


def test_duplicate_and_missing_row_keys():
    document = planfile.to_document(full_plan())
    members = document["sections"]["team"]["members"]
    members[1]["key"] = "m1"
    del document["sections"]["team"]["budget"][0]["key"]
    found = problems_of(document)
    assert 'sections.team.members[1].key: duplicate row key "m1"' in found
    assert any(p.startswith("sections.team.budget[0].key: expected a non-empty string") for p in found)


def test_text_the_database_cannot_keep_is_refused_at_the_door():
    document = planfile.to_document(full_plan())
    document["sections"]["risks"]["gaps"] = "bad\x00text"
    assert problems_of(document) == ["sections.risks.gaps: text contains a NUL character (\\u0000)"]


def test_bad_utf8_bytes():
    with pytest.raises(PlanFileError, match="not UTF-8"):
        planfile.loads(b'{"format": "\xff"}')


def test_the_fingerprint_follows_the_content_not_the_phase():
    plan = full_plan()
    first = planfile.fingerprint(plan)
    assert len(first) == 64
    plan.phase = type(plan.phase)(4)
    assert planfile.fingerprint(plan) == first
    plan.prose["summary.risks"] += "!"
    assert planfile.fingerprint(plan) != first


def test_the_documented_schema_is_the_one_the_template_makes():
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs" / "plan-format.schema.json"
    assert json.loads(docs.read_text("utf-8")) == planfile.json_schema()


# Text a user might type, or paste, or that an attacker might put in a file.
hostile_text = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from("客户规划总摘要😀🏦<b>&amp;]]>\x01\x07\x1b\t\n\r\u202e\u200b")),
    st.sampled_from(["<b>&amp;", "<font size=80>big</font>", "]]>", "x" * 100_000, "鬼" * 100_000, "\r\n\r\n"]),
).filter(lambda s: text_problem(s) is None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    # As long as each field may hold (domain/limits.py): longer text is refused on reading.
    prose=hostile_text.map(lambda s: s[:MAX_PROSE]),
    cell=hostile_text.map(lambda s: s[:MAX_CELL]),
    name=hostile_text.map(lambda s: s[:MAX_NAME]).filter(lambda s: s.strip() != ""),
)
def test_round_trip_over_arbitrary_text(prose, cell, name):
    plan = full_plan()
    plan.account.name = name
    plan.prose["summary.strategy"] = prose
    plan.rows("team.members")[0].values["responsibilities"] = cell
    text = planfile.dumps(plan)
    again = planfile.loads(text)
    assert again.text("summary.strategy") == prose
    assert planfile.dumps(again) == text


def test_an_older_format_version_is_upgraded_on_reading():
    document = planfile.to_document(full_plan())
    del document["cycle"]
    document["format_version"] = 1
    plan, cycle = planfile.from_document_with_cycle(json.loads(json.dumps(document)))
    assert plan.text("summary.strategy") == full_plan().text("summary.strategy")
    assert cycle.events == [] and cycle.reviews == []
    assert json.loads(planfile.dumps(plan, cycle))["format_version"] == FORMAT_VERSION == 4


def test_a_malformed_cycle_record_is_reported_with_its_path():
    document = planfile.to_document(full_plan())
    document["cycle"]["reviews"] = [{"reviewer": "周海峰", "date": "not a date"}]
    (problem,) = problems_of(document)
    assert problem.startswith("cycle.reviews[0]: malformed entry")
