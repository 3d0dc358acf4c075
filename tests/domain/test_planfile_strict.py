"""Strict reading: every value checked where it is read, each problem one line with its JSON path."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from kamplanner.domain import planfile
from kamplanner.domain.cycle import (
    Cycle,
    Decision,
    PhaseEvent,
    ProgressReview,
    Review,
    ReviewAnswer,
    cycle_from_json,
    cycle_to_json,
    read_cycle,
)
from kamplanner.domain.limits import (
    MAX_CELL,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_KEY,
    MAX_LONG_CELL,
    MAX_NAME,
    MAX_PLAN_TEXT,
    MAX_PROSE,
    MAX_ROWS,
)
from kamplanner.domain.model import Phase
from kamplanner.domain.planfile import PlanFileError
from tests.factories import full_plan

NOW = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)


def full_cycle() -> Cycle:
    cycle = Cycle()
    cycle.preparation.expectations = "拿下调度云"
    cycle.preparation.development_start = dt.date(2026, 10, 12)
    cycle.steps = {"gather": True, "strategy": True}
    cycle.events.append(PhaseEvent(Phase.DEVELOPMENT, NOW, "王立群", "开始"))
    cycle.reviews.append(
        Review("周海峰", "高级经理", NOW.date(), 3, Decision.APPROVED, 4, {"return": ReviewAnswer(True, "好")}, "同意")
    )
    cycle.progress.append(ProgressReview(dt.date(2027, 3, 31), "周海峰", "一季度", {"k1": "A"}, {"f1": 2050.0}))
    return cycle


def document() -> dict:
    return json.loads(planfile.dumps(full_plan(), full_cycle()))


def problems_in_text(text: str | bytes) -> list[str]:
    with pytest.raises(PlanFileError) as caught:
        planfile.loads(text)
    return caught.value.problems


def problems_in(doc: dict) -> list[str]:
    return problems_in_text(json.dumps(doc, ensure_ascii=False))


def mutated(change) -> list[str]:
    doc = document()
    change(doc)
    return problems_in(doc)


def test_the_full_cycle_reads_back_as_written():
    text = planfile.dumps(full_plan(), full_cycle())
    plan, cycle = planfile.loads_with_cycle(text)
    assert planfile.dumps(plan, cycle) == text


# ---- item 10: the cycle part as strict as the sections


def test_a_step_value_must_be_true_or_false():
    found = mutated(lambda d: d["cycle"]["steps"].update(gather="no"))
    assert found == ['cycle.steps.gather: expected true or false, got "no"']


def test_an_unknown_step_is_refused_not_dropped():
    found = mutated(lambda d: d["cycle"]["steps"].update(dance=True))
    assert found == ["cycle.steps.dance: unknown field (not part of the plan format)"]


def test_unknown_keys_inside_the_preparation_are_refused():
    found = mutated(lambda d: d["cycle"]["preparation"].update(colour="red"))
    assert found == ["cycle.preparation.colour: unknown field (not part of the plan format)"]


@pytest.mark.parametrize("where", ["events", "reviews", "progress"])
def test_unknown_keys_in_cycle_entries_are_refused(where):
    found = mutated(lambda d: d["cycle"][where][0].update(extra=1))
    assert found == [f"cycle.{where}[0].extra: unknown field (not part of the plan format)"]


def test_unknown_review_question_and_answer_member():
    def change(d):
        d["cycle"]["reviews"][0]["answers"]["bribe"] = {"satisfied": True, "comment": ""}
        d["cycle"]["reviews"][0]["answers"]["return"]["mood"] = "good"

    assert mutated(change) == [
        "cycle.reviews[0].answers.return.mood: unknown field (not part of the plan format)",
        "cycle.reviews[0].answers.bribe: unknown review question (not part of the plan format)",
    ]


@pytest.mark.parametrize("score", [1_000_000, 0, 6, -1, 2.5, "5", True, None])
def test_a_review_score_is_a_whole_number_from_1_to_5(score):
    (problem,) = mutated(lambda d: d["cycle"]["reviews"][0].update(score=score))
    assert problem.startswith("cycle.reviews[0]")
    assert "score" in problem


@pytest.mark.parametrize("attitude", ["Z", "a", "AB", "", 1, None, ["A"]])
def test_an_attitude_in_a_progress_review_is_one_of_a_to_e(attitude):
    (problem,) = mutated(lambda d: d["cycle"]["progress"][0]["attitudes"].update(k1=attitude))
    assert problem.startswith("cycle.progress[0].attitudes.k1: expected an attitude, one of A, B, C, D, E")


@pytest.mark.parametrize("at", ["2026-10-12T09:00:00", "2026-10-12", "2026-10-12 09:00"])
def test_a_time_without_a_time_zone_is_refused(at):
    (problem,) = mutated(lambda d: d["cycle"]["events"][0].update(at=at))
    assert problem.startswith("cycle.events[0].at: the time has no time zone")


def test_times_with_a_zone_are_read():
    doc = document()
    doc["cycle"]["events"][0]["at"] = "2026-10-12T09:00:00+08:00"
    _, cycle = planfile.from_document_with_cycle(doc)
    assert cycle.events[0].at.utcoffset() == dt.timedelta(hours=8)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("preparation", "development_weeks"), 0, "cycle.preparation.development_weeks: expected a whole number"),
        (("preparation", "development_weeks"), 53, "cycle.preparation.development_weeks: expected a whole number"),
        (("preparation", "development_weeks"), "10", "cycle.preparation.development_weeks: expected a whole number"),
        (("preparation", "development_start"), "soon", "cycle.preparation.development_start: expected a date"),
        (("preparation", "reviewed_in_person"), "yes", "cycle.preparation.reviewed_in_person: expected true or"),
        (("preparation", "expectations"), 42, "cycle.preparation.expectations: expected a string"),
        (("preparation",), [], "cycle.preparation: expected an object"),
        (("steps",), ["gather"], "cycle.steps: expected an object"),
        (("events",), {}, "cycle.events: expected an array"),
        (("reviews", 0, "version"), 2**31, "cycle.reviews[0].version: expected a whole number"),
        (("reviews", 0, "decision"), "maybe", "cycle.reviews[0].decision: expected one of"),
        (("reviews", 0, "answers", "return", "satisfied"), "yes", "cycle.reviews[0].answers.return.satisfied"),
        (("progress", 0, "actuals", "f1"), "2050", "cycle.progress[0].actuals.f1: expected a number"),
        (("progress", 0, "actuals", "f1"), True, "cycle.progress[0].actuals.f1: expected a number"),
        (("progress", 0, "actuals", "f1"), 1e300, "cycle.progress[0].actuals.f1: expected a finite number"),
        (("events", 0, "phase"), "party", "cycle.events[0].phase: expected one of"),
        (("preparation", "development_start"), "9999-12-31", "cycle.preparation.development_start: expected a date in"),
        (("progress", 0, "date"), "0001-01-01", "cycle.progress[0].date: expected a date in the years 1900 to 2200"),
        (("events", 0, "at"), "9999-12-31T23:00:00-05:00", "cycle.events[0].at: expected a date in the years"),
    ],
)
def test_cycle_values_of_the_wrong_type_or_range_are_refused(path, value, expected):
    def change(d):
        target = d["cycle"]
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    (problem,) = mutated(change)
    assert problem.startswith(expected)


def test_an_entry_missing_what_it_needs_is_one_problem():
    (problem,) = mutated(lambda d: d["cycle"]["events"][0].pop("at"))
    assert problem == "cycle.events[0]: malformed entry: at missing"


def test_the_store_reads_what_the_app_writes_and_refuses_junk():
    cycle = full_cycle()
    cycle.preparation.development_weeks = 60  # the command line does not bound it
    data = cycle_to_json(cycle)
    assert cycle_to_json(cycle_from_json(data)) == data
    with pytest.raises(ValueError, match=r"cycle\.steps\.gather"):
        cycle_from_json({**data, "steps": {"gather": "no"}})
    assert read_cycle(data, bounded=True)[1] == [
        "cycle.preparation.development_weeks: expected a whole number from 1 to 52, got 60"
    ]


def test_a_non_finite_actual_is_never_written():
    cycle = full_cycle()
    cycle.progress[0].actuals["f2"] = float("nan")
    cycle.progress[0].actuals["f3"] = float("inf")
    assert cycle_to_json(cycle)["progress"][0]["actuals"] == {"f1": 2050.0}


# ---- item 10: duplicate keys, NaN and Infinity


def test_duplicate_keys_are_refused_not_last_one_wins():
    text = planfile.dumps(full_plan())
    start = text.index('"plan": {')
    text = text[:start] + text[start:].replace('"year": 2027,', '"year": 2027,\n    "year": 2031,', 1)
    found = problems_in_text(text)
    assert found == ['plan.year: the key "year" appears more than once in this object']


def test_duplicate_keys_deep_inside_are_found_with_their_path():
    text = planfile.dumps(full_plan())
    text = text.replace('"key": "m1",', '"key": "m1", "key": "m9",', 1)
    (problem,) = problems_in_text(text)
    assert problem.startswith("sections.team.members[0].key: the key")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_everywhere(constant):
    text = planfile.dumps(full_plan(), full_cycle())
    for old in ('"annual_revenue": 8600', '"value": 1200', '"f1": 2050.0'):
        assert old in text
        found = problems_in_text(text.replace(old, old.split(":")[0] + ": " + constant))
        assert len(found) == 1 and f"{constant} is not a number JSON allows" in found[0]
    (first,) = problems_in_text(text.replace('"annual_revenue": 8600', f'"annual_revenue": {constant}'))
    assert first.startswith("account.annual_revenue:")


def test_a_non_finite_annual_revenue_is_written_as_null():
    plan = full_plan()
    for bad in (float("nan"), float("inf"), float("-inf")):
        plan.account.annual_revenue = bad
        text = planfile.dumps(plan)
        assert json.loads(text)["account"]["annual_revenue"] is None
        assert "NaN" not in text and "Infinity" not in text
        planfile.fingerprint(plan)  # the canonical JSON is made without NaN too


def test_a_non_finite_cell_is_written_as_empty():
    plan = full_plan()
    plan.rows("strategy.opportunities")[0].values["value"] = float("nan")
    doc = json.loads(planfile.dumps(plan))
    assert doc["sections"]["strategy"]["opportunities"][0]["value"] is None


# ---- item 9: numbers that do not fit, and deep nesting


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ('"customer_since": 2015', '"customer_since": 1e20', "account.customer_since"),
        ('"customer_since": 2015', '"customer_since": 1800', "account.customer_since"),
        ('"customer_since": 2015', '"customer_since": 2015.5', "account.customer_since"),
        ('"version": 3', f'"version": {2**63}', "plan.version"),
        ('"version": 3', f'"version": {2**31}', "plan.version"),
        ('"version": 3', '"version": 0', "plan.version"),
        ('"year": 2027', '"year": 2201', "plan.year"),
        ('"year": 2027', '"year": 1e4', "plan.year"),
        ('"development_weeks": 10', '"development_weeks": 1e309', "cycle.preparation.development_weeks"),
        ('"development_weeks": 10', '"development_weeks": ' + "9" * 5000, "cycle.preparation.development_weeks"),
        ('"annual_revenue": 8600', '"annual_revenue": 1e16', "account.annual_revenue"),
        ('"annual_revenue": 8600', '"annual_revenue": -1e309', "account.annual_revenue"),
        ('"value": 1200', '"value": 1e400', "sections.strategy.opportunities[0].value"),
        ('"value": 1200', f'"value": {2**70}', "sections.strategy.opportunities[0].value"),
        ('"year": 2027,\n', f'"year": {2**64},\n', "sections.forecast.rows[0].year"),
        ('"format_version": 4', '"format_version": 1e400', "format_version"),
    ],
)
def test_numbers_that_do_not_fit_are_one_line_naming_the_path(old, new, path):
    text = planfile.dumps(full_plan(), full_cycle())
    if path.startswith("sections.forecast"):
        index = text.index('"rows": [')
        text = text[:index] + text[index:].replace(old, new, 1)
    else:
        assert old in text
        text = text.replace(old, new, 1)
    found = problems_in_text(text)
    assert len(found) == 1 and found[0].startswith(path + ":"), found
    assert "\n" not in found[0]


@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_deep_nesting_is_one_problem_line_not_a_recursion_error(opener):
    closer = "]" if opener == "[" else "}"
    deep = opener * 100_000 + "1" + closer * 100_000
    text = planfile.dumps(full_plan()).replace('"annual_revenue": 8600', f'"annual_revenue": {deep}')
    (problem,) = problems_in_text(text)
    assert problem.startswith(f"$: arrays and objects nested more than {MAX_DEPTH} deep (line ")


def test_brackets_inside_strings_do_not_count_as_nesting():
    plan = full_plan()
    plan.prose["summary.strategy"] = '[[[{{{"\\' * 1000
    assert planfile.loads(planfile.dumps(plan)).text("summary.strategy") == plan.prose["summary.strategy"]


def test_nesting_up_to_the_limit_parses():
    assert planfile.parse_json("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    with pytest.raises(PlanFileError):
        planfile.parse_json("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


# ---- item 8: the limits, on reading


def test_a_file_over_the_byte_limit_is_refused_before_parsing():
    (problem,) = problems_in_text(b" " * (MAX_FILE_BYTES + 1))
    assert problem == f"$: the file is {MAX_FILE_BYTES + 1:,} bytes; a plan file holds at most {MAX_FILE_BYTES:,}"


@pytest.mark.parametrize(
    ("path", "limit"),
    [
        (("account", "name"), MAX_NAME),
        (("account", "manager"), MAX_NAME),
        (("plan", "currency"), MAX_NAME),
        (("sections", "summary", "strategy"), MAX_PROSE),
        (("sections", "team", "members", 0, "name"), MAX_CELL),
        (("sections", "team", "members", 0, "responsibilities"), MAX_LONG_CELL),
        (("cycle", "preparation", "expectations"), MAX_PROSE),
        (("cycle", "events", 0, "by"), MAX_NAME),
        (("cycle", "reviews", 0, "summary"), MAX_LONG_CELL),
        (("cycle", "progress", 0, "notes"), MAX_LONG_CELL),
    ],
)
def test_text_over_its_field_limit_is_refused_naming_field_and_limit(path, limit):
    doc = document()
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = "长" * limit  # at the limit: fine
    planfile.from_document_with_cycle(copy.deepcopy(doc))
    target[path[-1]] = "长" * (limit + 1)
    where = ".".join(str(p) for p in path).replace(".0.", "[0].")
    assert problems_in(doc) == [f"{where}: text is {limit + 1:,} characters long; at most {limit:,} are allowed here"]


def test_a_table_over_the_row_limit_is_refused():
    doc = document()
    rows = doc["sections"]["team"]["budget"]
    doc["sections"]["team"]["budget"] = [{**rows[0], "key": f"b{i}"} for i in range(MAX_ROWS + 1)]
    assert problems_in(doc) == [f"sections.team.budget: {MAX_ROWS + 1:,} rows; a table holds at most {MAX_ROWS:,}"]


def test_cycle_lists_over_the_row_limit_are_refused():
    doc = document()
    doc["cycle"]["events"] = doc["cycle"]["events"] * (MAX_ROWS + 1)
    assert problems_in(doc) == [f"cycle.events: {MAX_ROWS + 1:,} entries; at most {MAX_ROWS:,} are allowed"]


def test_a_plan_over_the_total_text_limit_is_refused():
    doc = document()
    per_field = MAX_PROSE
    fields = [(s, k) for s, body in doc["sections"].items() for k, v in body.items() if isinstance(v, str)]
    needed = MAX_PLAN_TEXT // per_field + 1
    assert len(fields) >= needed, "the template has too few prose fields to reach the plan limit"
    for section, key in fields[:needed]:
        doc["sections"][section][key] = "x" * per_field
    (problem,) = problems_in(doc)
    assert problem.startswith("sections: the plan holds") and f"at most {MAX_PLAN_TEXT:,}" in problem


def test_a_row_key_over_its_limit_is_refused():
    (problem,) = mutated(lambda d: d["cycle"]["progress"][0]["attitudes"].update({"k" * (MAX_KEY + 1): "A"}))
    assert "expected a row key of at most" in problem


def test_strange_keys_are_quoted_on_one_line():
    doc = document()
    doc["account"]["bad\nkey\ud800"] = 1
    (problem,) = problems_in_text(json.dumps(doc))
    assert problem == 'account["bad\\nkey\\ud800"]: unknown field (not part of the plan format)'
    assert problem.encode("utf-8")  # printable: no lone surrogate left in the message


def test_control_characters_and_bad_escapes_are_json_errors():
    text = planfile.dumps(full_plan())
    (problem,) = problems_in_text(text.replace('"银行"', '"银\x01行"', 1))
    assert problem.startswith("$: not valid JSON: Invalid control character")


@pytest.mark.parametrize(
    ("table", "column", "value", "expected"),
    [
        (("action_plan", "actions"), "due", "9999-12-31", "expected a date in the years 1900 to 2200, got 9999-12-31"),
        (("forecast", "rows"), "year", 10**18, "expected a year from 1900 to 2200"),
    ],
)
def test_dates_and_years_far_out_are_refused_in_cells(table, column, value, expected):
    # Far-out dates make date arithmetic overflow later (calendar entries, review dates).
    (problem,) = mutated(lambda d: d["sections"][table[0]][table[1]][0].update({column: value}))
    assert problem.startswith(f"sections.{table[0]}.{table[1]}[0].{column}: {expected}")
