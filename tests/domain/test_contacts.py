"""The contact log: last contact, contacts per quarter, stale decision makers by tier, the
contacts between progress reviews, open next steps, and a new contact built from names."""

from __future__ import annotations

import datetime as dt

import pytest

from kamplanner.domain import contacts
from kamplanner.domain.contacts import ContactProblem, NewContact, contact_record
from kamplanner.domain.cycle import STALE_AFTER_DAYS, Cycle, ProgressReview, roll_forward
from kamplanner.domain.edits import dropped_references
from kamplanner.domain.model import Phase, Tier
from kamplanner.domain.template import CONTACTS, INTERNAL_FIELDS, STAKEHOLDERS, TEMPLATE, Cell
from kamplanner.domain.validation import validate
from tests.factories import full_plan, with_contacts

d = dt.date


def test_each_stakeholder_has_a_last_contact_and_contacts_per_quarter():
    plan = with_contacts(full_plan())
    assert contacts.last_contact(plan, "k1") == d(2026, 3, 20)
    assert contacts.last_contact(plan, "k2") == d(2026, 11, 5)
    assert contacts.last_contact(plan, "k2", as_of=d(2026, 6, 30)) == d(2026, 1, 10)
    assert contacts.last_contact(plan, "k3") is None
    assert contacts.per_quarter(plan, "k1") == {(2026, 1): 2}
    assert contacts.per_quarter(plan, "k2") == {(2026, 1): 1, (2026, 4): 1}


@pytest.mark.parametrize(
    ("tier", "flagged"),
    [(Tier.KEY, ["k1"]), (Tier.IMPORTANT, ["k1"]), (Tier.GENERAL, [])],
)
def test_a_key_decision_maker_not_seen_for_longer_than_the_tier_allows_is_stale(tier, flagged):
    plan = with_contacts(full_plan())
    plan.account.tier = tier
    as_of = d(2026, 11, 23)  # 赵总 last seen 2026-03-20: 248 days; 钱工 18 days; 孙工 is no decider
    assert [s.stakeholder for s in contacts.stale_deciders(plan, as_of)] == flagged
    assert STALE_AFTER_DAYS == {Tier.KEY: 90, Tier.IMPORTANT: 180, Tier.GENERAL: 365}


def test_the_tier_rule_counts_days_exactly():
    plan = with_contacts(full_plan())
    last = d(2026, 3, 20)
    assert "k1" not in contacts.stale_keys(plan, last + dt.timedelta(days=90))
    assert "k1" in contacts.stale_keys(plan, last + dt.timedelta(days=91))


def test_a_decision_maker_never_seen_is_stale_once_a_log_is_kept_and_not_before():
    plan = with_contacts(full_plan())
    plan.rows(STAKEHOLDERS)[2].values[Cell.role] = "decision_maker"  # 孙工, never seen
    stale = contacts.stale_deciders(plan, d(2026, 11, 23))
    assert stale[0].stakeholder == "k3" and stale[0].last is None and stale[0].days is None
    assert contacts.stale_deciders(full_plan(), d(2026, 11, 23)) == []  # no log: nothing to tell


def test_a_progress_review_shows_the_contacts_since_the_last_one_beside_each_attitude():
    plan = with_contacts(full_plan())
    cycle = Cycle(
        progress=[
            ProgressReview(d(2026, 3, 31), attitudes={"k1": "D", "k2": "B"}),
            ProgressReview(d(2026, 11, 30), attitudes={"k1": "B", "k2": "B"}),
        ]
    )
    changes = contacts.review_contacts(plan, cycle)
    first, second = changes[:2], changes[2:]
    assert [(c.stakeholder, c.before, c.after) for c in first] == [("k1", None, "D"), ("k2", None, "B")]
    assert [r.key for r in first[0].contacts] == ["v1", "v2"]
    k1, k2 = second
    assert (k1.before, k1.after, k1.changed, k1.since) == ("D", "B", True, d(2026, 3, 31))
    assert k1.contacts == []  # the attitude changed with no contact since the last review
    assert (k2.changed, [r.key for r in k2.contacts]) == (False, ["v3"])
    assert [r.key for r in contacts.since_last_review(plan, cycle, "k2", d(2026, 12, 31))] == []
    assert [r.key for r in contacts.since_last_review(plan, cycle, "k2", d(2026, 11, 29))] == ["v3"]


def test_next_steps_are_open_until_a_later_contact_with_all_the_same_people():
    plan = with_contacts(full_plan())
    steps = contacts.open_next_steps(plan)
    # v1's (with 赵总 and 钱工) is open: each was seen since, but never the two together
    assert [(s.due, s.what, s.people) for s in steps] == [
        (d(2026, 1, 31), "发送方案", ("赵总", "钱工")),
        (d(2026, 12, 1), "提交报价", ("钱工",)),
    ]
    assert [s.contact.key for s in contacts.next_steps_due(plan, d(2026, 11, 30))] == ["v1"]
    plan.rows(CONTACTS)[2].values[Cell.theirs] = "k2 k1"  # the demo in November was with both
    assert [s.contact.key for s in contacts.open_next_steps(plan)] == ["v3"]


def test_the_log_is_internal_not_yearly_and_kept_when_a_plan_rolls_forward():
    plan = with_contacts(full_plan(year=2026))
    plan.phase = Phase.MONITORING
    assert CONTACTS in INTERNAL_FIELDS and TEMPLATE.table(CONTACTS).log
    new = roll_forward(plan, Cycle())
    assert [r.key for r in new.rows(CONTACTS)] == ["v1", "v2", "v3", "v4"]
    # its dates fall before the new plan's years, which the five-year rule allows for a log
    assert not [i for i in validate(new) if i.field == CONTACTS]


def test_validation_names_an_unknown_person_in_a_contact():
    plan = with_contacts(full_plan())
    plan.rows(CONTACTS)[0].values[Cell.theirs] = "k1 k9"
    (issue,) = [i for i in validate(plan) if i.field == CONTACTS]
    assert (
        issue.describe()
        == "sections.appendix.account_info.contacts[0].theirs: 'k9' is not one of the organisation and key decision makers"
    )


def test_removing_a_stakeholder_takes_him_out_of_the_contacts_he_was_in():
    plan = with_contacts(full_plan())
    edits = dropped_references(plan, STAKEHOLDERS, {"k1"})
    assert [(e.row, e.old, e.new) for e in edits] == [("v1", "k1 k2", "k2"), ("v2", "k1", None)]


def test_a_new_contact_is_built_from_names():
    plan = with_contacts(full_plan())
    contact = NewContact(d(2026, 11, 25), "技术交流会", "交流", theirs=("钱工", "孙工"), ours=("李娜",),
                         next_step="试点", next_date=d(2026, 12, 5))  # fmt: skip
    record = contact_record(plan, contact)
    assert record.key not in {r.key for r in plan.rows(CONTACTS)} and record.key.startswith("c")
    assert record.values == {
        "date": d(2026, 11, 25), "kind": "seminar", "ours": "m2", "theirs": "k2 k3", "purpose": "交流",
        "next_step": "试点", "next_date": d(2026, 12, 5),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"kind": "party"},
            'kind: expected one of visit, seminar, demo, executive_visit, site_tour, negotiation, call, other, got "party"',
        ),
        (
            {"theirs": ("王五",)},
            'stakeholder: no "王五" in the plan of 示例银行 Example Bank 2027 (known: 赵总, 钱工, 孙工)',
        ),
        ({"ours": ("Nobody",)}, 'team member: no "Nobody" in the plan'),
        ({"purpose": "  "}, "purpose is required"),
        ({"next_date": d(2026, 12, 1)}, "next-step date given without a next step"),
        (
            {"next_step": "x", "next_date": d(2026, 1, 1)},
            "next-step date 2026-01-01 is before the contact (2026-11-25)",
        ),
        ({"date": d(1066, 10, 14)}, "date 1066-10-14 is outside the years 1900 to 2200"),
    ],
)
def test_a_contact_that_does_not_fit_is_refused_naming_what(change, message):
    plan = with_contacts(full_plan())
    fields = {"date": d(2026, 11, 25), "kind": "call", "purpose": "p", **change}
    with pytest.raises(ContactProblem) as caught:
        contact_record(plan, NewContact(**fields))
    assert message in str(caught.value)
