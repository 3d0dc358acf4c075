"""The four-phase rolling cycle: phase moves and their rules, review, sign-off, monitoring.

A plan goes 1 preparation → 2 development → 3 review → 4 monitoring, and from 4 is rolled
forward into next year's plan. Each move is guarded by a rule from the method; a refused move
says why (in both languages). Nothing here touches a database.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from dataclasses import dataclass, field
from enum import StrEnum

from . import health
from .actor import Actor
from .comments import MAX_COMMENT, CommentStatus, ReviewComment
from .limits import MAX_KEY, MAX_LONG_CELL, MAX_NAME, MAX_PROSE, MAX_ROWS
from .model import Phase, Plan, Record, Tier
from .template import ACTIONS, FINANCIAL, FORECAST, LAST_YEAR, STAKEHOLDERS, TEMPLATE, Cell, Text
from .text import text_problem
from .validation import Severity, section_completeness, validate
from .values import MAX_INTEGER, MIN_INTEGER, describe, member_path, too_long

# --------------------------------------------------------------------------- phase 1


@dataclass
class Preparation:
    """Phase 1: what the senior manager expects and the timetable for the plan."""

    expectations: str = ""
    guidelines: str = ""  # the sales manager's guidelines for the year
    development_start: dt.date | None = None
    development_weeks: int = 10  # the method: 8 to 12 weeks
    review_date: dt.date | None = None
    reviewed_in_person: bool = False  # the senior manager reviews this plan personally

    @property
    def development_end(self) -> dt.date | None:
        if self.development_start is None:
            return None
        return self.development_start + dt.timedelta(weeks=self.development_weeks)

    def problems(self) -> list[Text]:
        found = []
        if not self.expectations.strip():
            found.append(
                Text(
                    "高级经理尚未写下对这个客户的期望",
                    "the senior manager has not set out what is expected of the account",
                )
            )
        if self.development_start is None:
            found.append(Text("尚未确定计划制定的开始日期", "the development window has no start date"))
        if not 8 <= self.development_weeks <= 12:
            found.append(Text("计划制定应安排 8–12 周", "the development window should be 8 to 12 weeks"))
        if self.review_date is None:
            found.append(Text("尚未确定审查日期", "no review date is set"))
        elif self.development_end is not None and self.review_date < self.development_end:
            found.append(Text("审查日期早于计划制定结束", "the review date falls before the development window ends"))
        return found


# --------------------------------------------------------------------------- phase 2

DEVELOPMENT_STEPS = (
    ("gather", Text("收集初步信息", "Gather preliminary information")),
    ("strategy", Text("确定战略", "Decide the strategy")),
    ("support", Text("汇编支持材料", "Compile the supporting material")),
    ("direction", Text("确定方向", "Set the direction")),
    ("actions", Text("制定行动计划", "Draw up the action plans")),
    ("write", Text("撰写客户规划", "Write the account plan")),
    ("consolidate", Text("与其他客户规划整合", "Consolidate with the other account plans")),
    ("current", Text("保持行动计划最新", "Keep the action plans current")),
)
STEP_KEYS = tuple(k for k, _ in DEVELOPMENT_STEPS)


def days_left(preparation: Preparation, today: dt.date) -> int | None:
    """Days left in the development window (negative once it has passed)."""
    end = preparation.development_end
    return None if end is None else (end - today).days


# --------------------------------------------------------------------------- phase 3

REVIEW_QUESTIONS = (
    (
        "reasonable",
        Text(
            "根据客户的战略和状况，目标看来合理但又难以达到吗？",
            "Do the objectives look reasonable yet hard to reach, given the customer's strategy and situation?",
        ),
    ),
    (
        "linked",
        Text(
            "战略、目标以及部门内外的资源是否很好地联系在一起？",
            "Are strategy, objectives and the resources inside and outside the department well linked?",
        ),
    ),
    ("return", Text("投入的资源能带来足够的回报吗？", "Will the resources spent bring enough return?")),
    (
        "product_fit",
        Text("我们的产品线战略与客户战略是否吻合？", "Does our product-line strategy fit the account strategy?"),
    ),
    (
        "compete",
        Text(
            "我们有能力应对竞争、满足客户的要求吗？",
            "Are we able to meet the competition and the customer's requirements?",
        ),
    ),
    (
        "initiatives",
        Text(
            "是否需要新的举措来满足要求或抓住机会？",
            "Are new initiatives needed to meet requirements or seize opportunities?",
        ),
    ),
    (
        "profit_risk",
        Text("是否足够重视提高利润和控制风险？", "Is there enough weight on improving profit and controlling risk?"),
    ),
    (
        "priorities",
        Text(
            "从公司角度看，哪些机会和客户最重要？",
            "From the company's point of view, which opportunities and accounts matter most?",
        ),
    ),
    (
        "business_strategy",
        Text("客户战略对整体业务战略有何影响？", "How do the account strategies affect the overall business strategy?"),
    ),
    (
        "coordination",
        Text("不同客户之间的机会能否联系和协调？", "Can opportunities across accounts be linked and coordinated?"),
    ),
    (
        "resources",
        Text("销售和服务这个客户需要哪些资源？", "What resources does selling to and serving the account need?"),
    ),
)
QUESTION_KEYS = tuple(k for k, _ in REVIEW_QUESTIONS)


class Decision(StrEnum):
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"

    @property
    def label(self) -> Text:
        return DECISION_LABELS[self]


DECISION_LABELS = {
    Decision.CHANGES_REQUESTED: Text("需要修改", "Changes requested"),
    Decision.APPROVED: Text("批准", "Approved"),
}


@dataclass
class ReviewAnswer:
    satisfied: bool | None = None  # None: not answered yet
    comment: str = ""


@dataclass
class Review:
    """A senior manager's review of one plan version (phase 3)."""

    reviewer: str
    role: str
    date: dt.date
    version: int
    decision: Decision
    score: int  # overall, 1 (weak) to 5 (excellent)
    answers: dict[str, ReviewAnswer] = field(default_factory=dict)
    summary: str = ""

    def problems(self) -> list[Text]:
        found = []
        if not self.reviewer.strip():
            found.append(Text("审查人不能为空", "the reviewer must be named"))
        if not 1 <= self.score <= 5:
            found.append(Text("总体评分应为 1–5", "the overall score must be 1 to 5"))
        unknown = set(self.answers) - set(QUESTION_KEYS)
        if unknown:
            found.append(
                Text(
                    f"未知的审查问题：{', '.join(sorted(unknown))}",
                    f"unknown review questions: {', '.join(sorted(unknown))}",
                )
            )
        if self.decision is Decision.CHANGES_REQUESTED and not (
            self.summary.strip() or any(a.comment.strip() for a in self.answers.values())
        ):
            found.append(Text("要求修改时请写明意见", "say what must change when asking for changes"))
        return found


@dataclass(frozen=True)
class SignOff:
    """The senior manager's sign-off of one plan version; that version is frozen from then on."""

    reviewer: str
    role: str
    date: dt.date
    version: int
    fingerprint: str
    snapshot: str = ""  # the signed version's plan file, kept whole
    # The certificate it was made with (its SHA-256 fingerprint and subject); None: without one.
    certificate_sha256: str | None = None
    certificate_subject: str | None = None
    # The version number people know it by (domain/versions.py); ``version`` is its revision.
    number: int = 0


# --------------------------------------------------------------------------- phase 4


@dataclass
class ProgressReview:
    """A progress review in phase 4: notes, stakeholders' attitudes now, actuals to date."""

    date: dt.date
    reviewer: str = ""
    notes: str = ""
    attitudes: dict[str, str] = field(default_factory=dict)  # stakeholder row key -> A..E
    actuals: dict[str, float] = field(default_factory=dict)  # financial objective row key -> actual


@dataclass
class PhaseEvent:
    phase: Phase
    at: dt.datetime
    by: str  # the actor's name (events written before actors: whatever name was typed)
    note: str = ""
    role: str = ""  # the actor's role (Role's value); empty in events written before actors

    @classmethod
    def of(cls, phase: Phase, at: dt.datetime, actor: Actor, note: str = "") -> PhaseEvent:
        return cls(phase, at, actor.name, note, actor.role.value)


@dataclass
class Cycle:
    """A plan's cycle record; the current phase itself is ``Plan.phase``."""

    events: list[PhaseEvent] = field(default_factory=list)
    preparation: Preparation = field(default_factory=Preparation)
    steps: dict[str, bool] = field(default_factory=dict)
    reviews: list[Review] = field(default_factory=list)
    signoffs: list[SignOff] = field(default_factory=list)
    progress: list[ProgressReview] = field(default_factory=list)
    comments: list[ReviewComment] = field(default_factory=list)  # read from reviewed PDFs (domain/comments.py)

    @property
    def step_progress(self) -> tuple[int, int]:
        return sum(1 for k in STEP_KEYS if self.steps.get(k)), len(STEP_KEYS)

    @property
    def last_signoff(self) -> SignOff | None:
        return self.signoffs[-1] if self.signoffs else None

    def signed(self, version: int) -> SignOff | None:
        return next((s for s in self.signoffs if s.version == version), None)

    def entered(self, phase: Phase) -> PhaseEvent | None:
        return next((e for e in reversed(self.events) if e.phase == phase), None)


# --------------------------------------------------------------------------- moves


class MoveRefused(ValueError):
    """A phase move the method does not allow now; ``reasons`` says why, in both languages."""

    def __init__(self, reasons: list[Text]):
        self.reasons = reasons
        super().__init__("; ".join(r.en for r in reasons))

    def describe(self, lang: str) -> str:
        return "；".join(r.zh for r in self.reasons) if lang.startswith("zh") else "; ".join(r.en for r in self.reasons)


def move_problems(plan: Plan, cycle: Cycle, target: Phase) -> list[Text]:
    """Why the plan cannot move to ``target`` now; empty when it can."""
    current = plan.phase
    if target == current:
        return [Text(f"计划已处于“{target.label.zh}”阶段", f"the plan is already in {target.label.en.lower()}")]
    allowed = {
        Phase.PREPARATION: {Phase.DEVELOPMENT},
        Phase.DEVELOPMENT: {Phase.REVIEW, Phase.PREPARATION},
        Phase.REVIEW: {Phase.DEVELOPMENT, Phase.MONITORING},
        Phase.MONITORING: set(),
    }[current]
    if target not in allowed:
        if current is Phase.MONITORING:
            return [
                Text(
                    "实施和监督阶段之后，请把计划滚动到下一年",
                    "after implementation and monitoring, roll the plan forward to next year",
                )
            ]
        return [
            Text(
                f"不能从“{current.label.zh}”直接进入“{target.label.zh}”",
                f"a plan cannot go from {current.label.en.lower()} straight to {target.label.en.lower()}",
            )
        ]
    problems: list[Text] = []
    if target is Phase.DEVELOPMENT and current is Phase.PREPARATION:
        problems.extend(cycle.preparation.problems())
    if target is Phase.REVIEW:
        problems.extend(_incomplete_sections(plan))
        errors = [i for i in validate(plan) if i.severity is Severity.ERROR]
        if errors:
            problems.append(
                Text(
                    f"计划中还有 {len(errors)} 处错误，例如 {errors[0].describe('zh_CN')}",
                    f"the plan still breaks {len(errors)} rules, e.g. {errors[0].describe('en')}",
                )
            )
    if target is Phase.DEVELOPMENT and current is Phase.REVIEW:
        last = cycle.reviews[-1] if cycle.reviews else None
        if last is None or last.decision is not Decision.CHANGES_REQUESTED:
            problems.append(
                Text(
                    "只有审查要求修改时才退回制定阶段",
                    "a plan goes back to development only when a review asks for changes",
                )
            )
    if target is Phase.MONITORING:
        if cycle.signed(plan.version) is None:
            problems.append(
                Text(
                    "当前版本尚未签批：实施和监督只能在签批之后开始",
                    "the current version is not signed off: monitoring starts only after sign-off",
                )
            )
    return problems


def _incomplete_sections(plan: Plan) -> list[Text]:
    """One line for each section whose required fields are not all written yet."""
    found = []
    for s in section_completeness(plan):
        if s.missing:
            names_zh = "、".join(f.label.zh for f in s.missing)
            names_en = ", ".join(f.label.en for f in s.missing)
            found.append(
                Text(f"“{s.section.label.zh}”还缺：{names_zh}", f"{s.section.label.en} still lacks: {names_en}")
            )
    return found


# --------------------------------------------------------------------------- what is still open


class OpenKind(StrEnum):
    STEP = "step"  # a development step not ticked
    SECTION = "section"  # a section with required fields still empty
    PROBLEM = "problem"  # a rule the plan breaks (a validation error)
    WARNING = "warning"  # a validation warning
    NO = "no"  # a review question answered No
    UNANSWERED = "unanswered"  # a review question not answered
    HEALTH = "health"  # a plan health check that fails (domain/health.py)


@dataclass(frozen=True)
class OpenItem:
    """One thing still open when a plan is submitted or approved.

    ``blocking``: the move is refused while it is open (the method's rule); the others are the
    person's judgement: they may go on regardless, having seen them."""

    kind: OpenKind
    text: Text
    blocking: bool = False
    where: str = ""  # the step or question key, or the field's location

    def describe(self, lang: str) -> str:
        return self.text(lang)


SUBMIT, APPROVE = Phase.DEVELOPMENT, Phase.REVIEW  # the phase a plan leaves when it is submitted / approved


def open_items(plan: Plan, cycle: Cycle, leaving: Phase, review: Review | None = None) -> list[OpenItem]:
    """What is still open as the plan leaves ``leaving``: at submit (DEVELOPMENT) the unticked
    development steps, incomplete sections and the rules the plan breaks; at approval (REVIEW)
    the questions of ``review`` (else the latest review of this version) answered No or not at
    all, and the rules the plan breaks. Other phases: nothing. The GUI and the command line
    both show this list before the move."""
    items: list[OpenItem] = []
    if leaving is SUBMIT:
        for key, label in DEVELOPMENT_STEPS:
            if not cycle.steps.get(key):
                items.append(
                    OpenItem(
                        OpenKind.STEP, Text(f"未完成的步骤：{label.zh}", f"Step not ticked: {label.en}"), where=key
                    )
                )
        for text in _incomplete_sections(plan):
            items.append(OpenItem(OpenKind.SECTION, text, blocking=True))
        for failed in health.failing(plan):  # the person's judgement: the method wants them, not the rules
            text = Text(failed.describe("zh_CN"), failed.describe("en"))
            items.append(OpenItem(OpenKind.HEALTH, text, where=failed.key))
    elif leaving is APPROVE:
        if review is None:
            review = next((r for r in reversed(cycle.reviews) if r.version == plan.version), None)
        answers = review.answers if review is not None else {}
        for key, question in REVIEW_QUESTIONS:
            answer = answers.get(key)
            if answer is None or answer.satisfied is None:
                items.append(
                    OpenItem(
                        OpenKind.UNANSWERED, Text(f"未回答：{question.zh}", f"Not answered: {question.en}"), where=key
                    )
                )
            elif answer.satisfied is False:
                comment_zh = f"（{answer.comment}）" if answer.comment.strip() else ""
                comment_en = f" ({answer.comment})" if answer.comment.strip() else ""
                items.append(
                    OpenItem(
                        OpenKind.NO,
                        Text(f"回答“否”：{question.zh}{comment_zh}", f"Answered No: {question.en}{comment_en}"),
                        where=key,
                    )
                )
    else:
        return items
    for issue in validate(plan):
        error = issue.severity is Severity.ERROR
        items.append(
            OpenItem(
                OpenKind.PROBLEM if error else OpenKind.WARNING,
                Text(issue.describe("zh_CN"), issue.describe("en")),
                blocking=error and leaving is SUBMIT,
                where=issue.location,
            )
        )
    return items


class OpenItems(MoveRefused):
    """A move asked to stop at open items (the command line without --yes): they are listed."""

    def __init__(self, items: list[OpenItem]):
        self.items = items
        super().__init__([i.text for i in items])


def pending(items: list[OpenItem]) -> list[OpenItem]:
    """The items a person may go on past (not the blocking ones)."""
    return [i for i in items if not i.blocking]


def move(plan: Plan, cycle: Cycle, target: Phase, by: Actor | str, at: dt.datetime, note: str = "") -> None:
    """Move the plan to ``target`` or raise MoveRefused with the reasons."""
    problems = move_problems(plan, cycle, target)
    if problems:
        raise MoveRefused(problems)
    plan.phase = target
    event = PhaseEvent.of(target, at, by, note) if isinstance(by, Actor) else PhaseEvent(target, at, by, note)
    cycle.events.append(event)


def record_review(plan: Plan, cycle: Cycle, review: Review) -> None:
    if plan.phase is not Phase.REVIEW:
        raise MoveRefused([Text("只有在审查阶段才能记录审查", "a review is recorded only in the review phase")])
    problems = review.problems()
    if problems:
        raise MoveRefused(problems)
    if review.version != plan.version:
        raise MoveRefused(
            [Text("审查的版本不是计划的当前版本", "the review is of another version than the plan's current one")]
        )
    cycle.reviews.append(review)


def sign_off_problems(plan: Plan, cycle: Cycle) -> list[Text]:
    problems = []
    if plan.phase is not Phase.REVIEW:
        problems.append(Text("只能在审查阶段签批", "a plan is signed off in the review phase"))
    last = cycle.reviews[-1] if cycle.reviews else None
    if last is None or last.decision is not Decision.APPROVED or last.version != plan.version:
        problems.append(Text("当前版本需要先经审查批准", "the current version must first be approved in a review"))
    if cycle.signed(plan.version) is not None:
        problems.append(Text("这个版本已经签批", "this version is signed off already"))
    return problems


# --------------------------------------------------------------------------- monitoring


def next_review_date(tier: Tier, after: dt.date, plan_year: int) -> dt.date:
    """The next progress review after ``after``, at the tier's cadence.

    Key accounts: the end of each quarter. Important accounts: once a year, at the plan
    year's end. General accounts: the one collective review of the year, on 1 December.
    """
    if tier is Tier.KEY:
        quarter_ends = [dt.date(after.year, m, d) for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))]
        return next((q for q in quarter_ends if q > after), dt.date(after.year + 1, 3, 31))
    if tier is Tier.IMPORTANT:
        year_end = dt.date(max(plan_year, after.year), 12, 31)
        return year_end if year_end > after else dt.date(after.year + 1, 12, 31)
    collective = dt.date(max(plan_year, after.year), 12, 1)
    return collective if collective > after else dt.date(after.year + 1, 12, 1)


# How long a key decision maker (final approval, decision maker) may go without a contact, by
# the account's tier: the rule beside the tier's review cadence it follows (a key account is
# reviewed each quarter, so its decision makers are seen each quarter). domain/contacts.py flags
# who has gone longer.
STALE_AFTER_DAYS: dict[Tier, int] = {Tier.KEY: 90, Tier.IMPORTANT: 180, Tier.GENERAL: 365}


def half_year_report_dates(year: int) -> tuple[dt.date, dt.date]:
    """The two 6-monthly progress reports on the key accounts of the portfolio."""
    return dt.date(year, 6, 30), dt.date(year, 12, 31)


@dataclass(frozen=True)
class DueItem:
    row: Record
    due: dt.date
    overdue: bool
    milestone: bool


def due_items(plan: Plan, today: dt.date, within_days: int = 30) -> list[DueItem]:
    """Open action items due within ``within_days`` or already overdue, soonest first."""
    horizon = today + dt.timedelta(days=within_days)
    items = []
    for row in plan.rows(ACTIONS):
        due = row.get(Cell.due)
        if not isinstance(due, dt.date) or row.get(Cell.status) in ("done", "dropped"):
            continue
        if due <= horizon:
            items.append(DueItem(row, due, due < today, bool(row.get(Cell.milestone))))
    return sorted(items, key=lambda i: i.due)


def apply_progress_review(plan: Plan, cycle: Cycle, review: ProgressReview) -> None:
    """Record a progress review; stakeholders take the attitudes it found."""
    if plan.phase is not Phase.MONITORING:
        raise MoveRefused(
            [Text("进度审查在实施和监督阶段进行", "progress reviews happen in implementation and monitoring")]
        )
    for key, attitude in review.attitudes.items():
        row = plan.row(STAKEHOLDERS, key)
        if row is None:
            raise MoveRefused([Text(f"没有关键人物 {key}", f"no stakeholder {key!r}")])
        if attitude not in "ABCDE" or len(attitude) != 1:
            raise MoveRefused([Text(f"态度应为 A–E，而不是 {attitude}", f"attitude must be A to E, got {attitude!r}")])
    cycle.progress.append(review)


# --------------------------------------------------------------------------- roll forward


def roll_forward(plan: Plan, cycle: Cycle) -> Plan:
    """Next year's plan, started from this one (this one stays as it is).

    Sections are copied; the forecast moves on a year (the first year drops out, the new
    fifth year starts from the fourth); this year's financial objectives with their latest
    actuals become "last year's plan review"; stakeholders' current attitudes become their
    previous ones; finished action items stay behind, open ones come along (their dates are
    kept: one that fell in this year is flagged until it is given a new one). What must be
    written for the new year starts empty (RESET_PROSE, this year's targets, which start from
    last year's actual), so the new plan is not complete until it is.
    """
    if plan.phase is not Phase.MONITORING:
        raise MoveRefused(
            [
                Text(
                    "只有处于实施和监督阶段的计划才能滚动到下一年",
                    "only a plan in implementation and monitoring can be rolled forward",
                )
            ]
        )
    new = plan.copy()
    new.id, new.year, new.version, new.phase, new.saved_at = None, plan.year + 1, 1, Phase.PREPARATION, None
    new.uuid = None  # next year's plan is a plan of its own

    forecast = [r for r in new.rows(FORECAST) if r.get(Cell.year) != plan.year]
    new.tables[FORECAST] = forecast
    for row in [r for r in forecast if r.get(Cell.year) == plan.year + 4]:
        forecast.append(Record(new.new_row_key(FORECAST), {**row.values, "year": plan.year + 5}))

    actuals: dict[str, float] = {}
    for review in cycle.progress:
        actuals.update(review.actuals)
    last_review = []
    for row in plan.rows(FINANCIAL):
        label = row.get(Cell.label) or row.get(Cell.metric) or ""
        actual = actuals.get(row.key)
        last_review.append(
            Record(
                new.new_row_key(LAST_YEAR),
                {
                    k: v
                    for k, v in {
                        Cell.objective: str(label),
                        Cell.unit: row.get(Cell.unit),
                        Cell.target: row.get(Cell.target),
                        Cell.actual: actual if actual is not None and math.isfinite(actual) else None,
                    }.items()
                    if v not in (None, "")
                },
            )
        )
    new.tables[LAST_YEAR] = last_review

    for row in new.rows(STAKEHOLDERS):
        if row.get(Cell.attitude):
            row.values[Cell.previous_attitude] = row.get(Cell.attitude)

    new.tables[ACTIONS] = [r for r in new.rows(ACTIONS) if r.get(Cell.status) not in ("done", "dropped")]

    # What must be written for the new year starts empty, so the plan is honestly incomplete:
    # the executive summary (written last, on the new year's plan), and this year's targets
    # (last year's actual is where each objective starts from).
    for path in RESET_PROSE:
        new.prose.pop(path, None)
    for row in new.rows(FINANCIAL):
        actual = actuals.get(row.key)
        if actual is not None and math.isfinite(actual):
            row.values[Cell.last_actual] = actual
        row.values.pop(Cell.target, None)
    return new


# The prose a rolled-forward plan starts without: the template marks what speaks of one year's plan only.
RESET_PROSE = tuple(f.path for f in TEMPLATE.prose_fields() if f.yearly)


# --------------------------------------------------------------------------- JSON


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _event_to_json(event: PhaseEvent) -> dict[str, object]:
    found: dict[str, object] = {
        "phase": event.phase.slug,
        "at": event.at.isoformat(),
        "by": event.by,
        "note": event.note,
    }
    if event.role:  # an event without one is written as it always was
        found["role"] = event.role
    return found


def cycle_to_json(cycle: Cycle) -> dict[str, object]:
    """The cycle record as JSON (without sign-offs: the database keeps those on their own)."""
    p = cycle.preparation
    return {
        "events": [_event_to_json(e) for e in cycle.events],
        "preparation": {
            "expectations": p.expectations,
            "guidelines": p.guidelines,
            "development_start": _iso(p.development_start),
            "development_weeks": p.development_weeks,
            "review_date": _iso(p.review_date),
            "reviewed_in_person": p.reviewed_in_person,
        },
        "steps": {k: bool(cycle.steps.get(k)) for k in STEP_KEYS},
        "reviews": [
            {
                "reviewer": r.reviewer,
                "role": r.role,
                "date": r.date.isoformat(),
                "version": r.version,
                "decision": r.decision.value,
                "score": r.score,
                "summary": r.summary,
                "answers": {
                    k: {"satisfied": a.satisfied, "comment": a.comment}
                    for k in QUESTION_KEYS
                    if (a := r.answers.get(k)) is not None
                },
            }
            for r in cycle.reviews
        ],
        "progress": [
            {
                "date": g.date.isoformat(),
                "reviewer": g.reviewer,
                "notes": g.notes,
                "attitudes": dict(sorted(g.attitudes.items())),
                # NaN and infinities are not JSON: an actual that is not a number is no actual.
                "actuals": {k: v for k, v in sorted(g.actuals.items()) if math.isfinite(v)},
            }
            for g in cycle.progress
        ],
        # Only when there are some: a record without comments is written as it always was.
        **({"comments": [comment_to_json(c) for c in cycle.comments]} if cycle.comments else {}),
    }


def comment_to_json(c: ReviewComment) -> dict[str, object]:
    """A review comment as the cycle record (and the command line's JSON) writes it."""
    return {
        "key": c.key,
        "author": c.author,
        "at": c.at.isoformat() if c.at else None,
        "text": c.text,
        "section": c.section,
        "field": c.field,
        "page": c.page,
        "kind": c.kind,
        "version": c.version,
        "status": c.status.value,
        "answer": c.answer,
    }


def cycle_from_json(data: object) -> Cycle:
    """The cycle from cycle_to_json's output (as the database keeps it); ValueError on bad data.

    The shape is checked as strictly as a plan file's; the bounds on sizes and numbers are
    not, so a record the app itself wrote always opens (plan files get them: read_cycle).
    """
    cycle, problems = read_cycle(data, "cycle", bounded=False)
    if problems:
        raise ValueError("; ".join(problems))
    return cycle


# Bounds a plan file's cycle record keeps to (read_cycle with bounded=True).
MIN_WEEKS, MAX_WEEKS = 1, 52  # the development window, as the app lets it be set
MIN_YEAR, MAX_YEAR = 1900, 2200  # of every date and year a plan file gives
MAX_REVIEW_VERSION = 2**31 - 1
MAX_ACTUAL = 1e15
ATTITUDES = ("A", "B", "C", "D", "E")

EVENT_KEYS = ("phase", "at", "by", "note", "role")
PREPARATION_KEYS = (
    "expectations",
    "guidelines",
    "development_start",
    "development_weeks",
    "review_date",
    "reviewed_in_person",
)
REVIEW_KEYS = ("reviewer", "role", "date", "version", "decision", "score", "summary", "answers")
ANSWER_KEYS = ("satisfied", "comment")
PROGRESS_KEYS = ("date", "reviewer", "notes", "attitudes", "actuals")
COMMENT_KEYS = ("key", "author", "at", "text", "section", "field", "page", "kind", "version", "status", "answer")


def read_cycle(data: object, path: str = "cycle", *, bounded: bool = True) -> tuple[Cycle, list[str]]:
    """The cycle record in ``data`` and every problem with it, one line each, JSON path first.

    Unknown members, wrong types, unknown steps or review questions, attitudes other than A–E,
    and timestamps without a time zone are problems. ``bounded`` adds the plan file's bounds:
    text lengths and entry counts (domain/limits.py), scores 1–5, the development window in
    weeks, versions and amounts that fit the database.
    """
    reader = _CycleReader(bounded)
    cycle = reader.cycle(path, data)
    return cycle, reader.problems


class _CycleReader:
    def __init__(self, bounded: bool):
        self.bounded = bounded
        self.problems: list[str] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    # ---- shapes

    def members(
        self, path: str, value: object, known: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, object] | None:
        """The object at ``path`` with its unknown members reported, or None if it is no object
        or lacks a required member (then the entry is reported once, as malformed)."""
        if not isinstance(value, dict):
            self.problem(path, f"expected an object, got {describe(value)}")
            return None
        for key in value:
            if key not in known:
                self.problem(member_path(path, key), "unknown field (not part of the plan format)")
        missing = [k for k in required if value.get(k) is None]
        if missing:
            self.problem(path, f"malformed entry: {', '.join(missing)} missing")
            return None
        return value

    def array(self, path: str, value: object) -> list[object]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, f"expected an array, got {describe(value)}")
            return []
        if self.bounded and len(value) > MAX_ROWS:
            self.problem(path, f"{len(value):,} entries; at most {MAX_ROWS:,} are allowed")
            return []
        return value

    def mapping(self, path: str, value: object) -> dict[str, object]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(path, f"expected an object, got {describe(value)}")
            return {}
        if self.bounded and len(value) > MAX_ROWS:
            self.problem(path, f"{len(value):,} entries; at most {MAX_ROWS:,} are allowed")
            return {}
        return value

    # ---- values

    def text(self, path: str, value: object, limit: int) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem(path, f"expected a string, got {describe(value)}")
            return ""
        problem = (too_long(value, limit) if self.bounded else None) or text_problem(value)
        if problem:
            self.problem(path, problem)
            return ""
        return value

    def flag(self, path: str, value: object) -> bool:
        if not isinstance(value, bool):
            self.problem(path, f"expected true or false, got {describe(value)}")
            return False
        return value

    def whole(self, path: str, value: object, low: int, high: int) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(path, f"expected a whole number, got {describe(value)}")
            return None
        if not self.bounded:
            low, high = MIN_INTEGER, MAX_INTEGER
        if not low <= value <= high:
            self.problem(path, f"expected a whole number from {low:,} to {high:,}, got {describe(value)}")
            return None
        return value

    def date(self, path: str, value: object) -> dt.date | None:
        if isinstance(value, str) and len(value) <= 32:
            try:
                date = dt.date.fromisoformat(value)
            except ValueError:
                pass
            else:
                return date if self.in_range(path, date) else None
        self.problem(path, f"expected a date (YYYY-MM-DD), got {describe(value)}")
        return None

    def in_range(self, path: str, moment: dt.date) -> bool:
        # Dates far out make date arithmetic overflow (a window's end, the next review date).
        if self.bounded and not MIN_YEAR <= moment.year <= MAX_YEAR:
            self.problem(path, f"expected a date in the years {MIN_YEAR} to {MAX_YEAR}, got {moment.isoformat()}")
            return False
        return True

    def moment(self, path: str, value: object) -> dt.datetime | None:
        if isinstance(value, str) and len(value) <= 64:
            try:
                moment = dt.datetime.fromisoformat(value)
            except ValueError:
                pass
            else:
                if moment.utcoffset() is not None:
                    return moment if self.in_range(path, moment) else None
                self.problem(path, f"the time has no time zone (add Z or +08:00, say), got {describe(value)}")
                return None
        self.problem(path, f"expected a date and time (YYYY-MM-DDTHH:MM:SS+00:00), got {describe(value)}")
        return None

    def key(self, path: str, key: str) -> bool:
        if not key.strip() or len(key) > MAX_KEY or text_problem(key):
            self.problem(path, f"expected a row key of at most {MAX_KEY} characters, got {describe(key)}")
            return False
        return True

    # ---- the record

    def cycle(self, path: str, data: object) -> Cycle:
        cycle = Cycle()
        obj = self.members(path, data, ("events", "preparation", "steps", "reviews", "progress", "comments"))
        if obj is None:
            return cycle
        for index, raw in enumerate(self.array(f"{path}.events", obj.get("events"))):
            event = self.event(f"{path}.events[{index}]", raw)
            if event is not None:
                cycle.events.append(event)
        if obj.get("preparation") is not None:
            cycle.preparation = self.preparation(f"{path}.preparation", obj["preparation"])
        cycle.steps = self.steps(f"{path}.steps", obj.get("steps"))
        for index, raw in enumerate(self.array(f"{path}.reviews", obj.get("reviews"))):
            review = self.review(f"{path}.reviews[{index}]", raw)
            if review is not None:
                cycle.reviews.append(review)
        for index, raw in enumerate(self.array(f"{path}.progress", obj.get("progress"))):
            progress = self.progress(f"{path}.progress[{index}]", raw)
            if progress is not None:
                cycle.progress.append(progress)
        for index, raw in enumerate(self.array(f"{path}.comments", obj.get("comments"))):
            comment = self.comment(f"{path}.comments[{index}]", raw)
            if comment is not None:
                cycle.comments.append(comment)
        return cycle

    def comment(self, path: str, raw: object) -> ReviewComment | None:
        obj = self.members(path, raw, COMMENT_KEYS, required=("key", "section", "page", "status"))
        if obj is None:
            return None
        key = obj["key"]
        if not isinstance(key, str) or not self.key(f"{path}.key", key):
            return None
        at = self.moment(f"{path}.at", obj["at"]) if obj.get("at") is not None else None
        status = obj["status"]
        statuses = [s.value for s in CommentStatus]
        if not isinstance(status, str) or status not in statuses:
            self.problem(f"{path}.status", f"expected one of {', '.join(statuses)}, got {describe(status)}")
            return None
        page = self.whole(f"{path}.page", obj["page"], 1, MAX_REVIEW_VERSION)
        version = self.whole(f"{path}.version", obj.get("version", 0), 0, MAX_REVIEW_VERSION)
        texts = {
            name: self.text(f"{path}.{name}", obj.get(name), limit)
            for name, limit in (
                ("author", MAX_NAME),
                ("text", MAX_COMMENT),
                ("section", MAX_KEY),
                ("field", MAX_NAME),
                ("kind", MAX_KEY),
                ("answer", MAX_COMMENT),
            )
        }
        if page is None or version is None:
            return None
        return ReviewComment(
            key,
            texts["author"],
            at,
            texts["text"],
            texts["section"],
            texts["field"],
            page,
            texts["kind"],
            version,
            CommentStatus(status),
            texts["answer"],
        )

    def event(self, path: str, raw: object) -> PhaseEvent | None:
        obj = self.members(path, raw, EVENT_KEYS, required=("phase", "at"))
        if obj is None:
            return None
        phase = obj["phase"]
        slugs = [p.slug for p in Phase]
        if not isinstance(phase, str) or phase not in slugs:
            self.problem(f"{path}.phase", f"expected one of {', '.join(slugs)}, got {describe(phase)}")
        at = self.moment(f"{path}.at", obj["at"])
        by = self.text(f"{path}.by", obj.get("by"), MAX_NAME)
        note = self.text(f"{path}.note", obj.get("note"), MAX_LONG_CELL)
        role = self.text(f"{path}.role", obj.get("role"), MAX_NAME)
        if not isinstance(phase, str) or phase not in slugs or at is None:
            return None
        return PhaseEvent(Phase.from_slug(phase), at, by, note, role)

    def preparation(self, path: str, raw: object) -> Preparation:
        preparation = Preparation()
        obj = self.members(path, raw, PREPARATION_KEYS)
        if obj is None:
            return preparation
        preparation.expectations = self.text(f"{path}.expectations", obj.get("expectations"), MAX_PROSE)
        preparation.guidelines = self.text(f"{path}.guidelines", obj.get("guidelines"), MAX_PROSE)
        if obj.get("development_start") is not None:
            preparation.development_start = self.date(f"{path}.development_start", obj["development_start"])
        if obj.get("development_weeks") is not None:
            weeks = self.whole(f"{path}.development_weeks", obj["development_weeks"], MIN_WEEKS, MAX_WEEKS)
            if weeks is not None:
                preparation.development_weeks = weeks
        if obj.get("review_date") is not None:
            preparation.review_date = self.date(f"{path}.review_date", obj["review_date"])
        if obj.get("reviewed_in_person") is not None:
            preparation.reviewed_in_person = self.flag(f"{path}.reviewed_in_person", obj["reviewed_in_person"])
        return preparation

    def steps(self, path: str, raw: object) -> dict[str, bool]:
        steps: dict[str, bool] = {}
        if raw is None:
            return steps
        obj = self.members(path, raw, STEP_KEYS)
        if obj is None:
            return steps
        for key in STEP_KEYS:
            if key in obj and self.flag(f"{path}.{key}", obj[key]):
                steps[key] = True
        return steps

    def review(self, path: str, raw: object) -> Review | None:
        obj = self.members(path, raw, REVIEW_KEYS, required=("reviewer", "date", "version", "decision", "score"))
        if obj is None:
            return None
        reviewer = self.text(f"{path}.reviewer", obj["reviewer"], MAX_NAME)
        role = self.text(f"{path}.role", obj.get("role"), MAX_NAME)
        date = self.date(f"{path}.date", obj["date"])
        version = self.whole(f"{path}.version", obj["version"], 1, MAX_REVIEW_VERSION)
        decision = obj["decision"]
        decisions = [d.value for d in Decision]
        if not isinstance(decision, str) or decision not in decisions:
            self.problem(f"{path}.decision", f"expected one of {', '.join(decisions)}, got {describe(decision)}")
        score = self.whole(f"{path}.score", obj["score"], 1, 5)
        summary = self.text(f"{path}.summary", obj.get("summary"), MAX_LONG_CELL)
        answers: dict[str, ReviewAnswer] = {}
        answers_path = f"{path}.answers"
        raw_answers = self.mapping(answers_path, obj.get("answers"))
        for key, raw_answer in raw_answers.items():
            where = member_path(answers_path, key)
            if key not in QUESTION_KEYS:
                self.problem(where, "unknown review question (not part of the plan format)")
                continue
            answer = self.members(where, raw_answer, ANSWER_KEYS)
            if answer is None:
                continue
            satisfied = answer.get("satisfied")
            if satisfied is not None and not isinstance(satisfied, bool):
                self.problem(f"{where}.satisfied", f"expected true, false or null, got {describe(satisfied)}")
                satisfied = None
            answers[key] = ReviewAnswer(satisfied, self.text(f"{where}.comment", answer.get("comment"), MAX_LONG_CELL))
        if date is None or version is None or score is None or decision not in decisions:
            return None
        assert isinstance(decision, str)
        # A review in the file lists its answers in question order, as cycle_to_json writes them.
        ordered = {k: answers[k] for k in QUESTION_KEYS if k in answers}
        return Review(reviewer, role, date, version, Decision(decision), score, ordered, summary)

    def progress(self, path: str, raw: object) -> ProgressReview | None:
        obj = self.members(path, raw, PROGRESS_KEYS, required=("date",))
        if obj is None:
            return None
        date = self.date(f"{path}.date", obj["date"])
        reviewer = self.text(f"{path}.reviewer", obj.get("reviewer"), MAX_NAME)
        notes = self.text(f"{path}.notes", obj.get("notes"), MAX_LONG_CELL)
        attitudes: dict[str, str] = {}
        attitudes_path = f"{path}.attitudes"
        for key, attitude in self.mapping(attitudes_path, obj.get("attitudes")).items():
            where = member_path(attitudes_path, key)
            if not self.key(where, key):
                continue
            if not isinstance(attitude, str) or attitude not in ATTITUDES:
                self.problem(where, f"expected an attitude, one of {', '.join(ATTITUDES)}, got {describe(attitude)}")
                continue
            attitudes[key] = attitude
        actuals: dict[str, float] = {}
        actuals_path = f"{path}.actuals"
        for key, actual in self.mapping(actuals_path, obj.get("actuals")).items():
            where = member_path(actuals_path, key)
            if not self.key(where, key):
                continue
            if isinstance(actual, bool) or not isinstance(actual, (int, float)):
                self.problem(where, f"expected a number, got {describe(actual)}")
                continue
            bound = MAX_ACTUAL if self.bounded else sys.float_info.max  # finite either way
            if (isinstance(actual, int) and not MIN_INTEGER <= actual <= MAX_INTEGER) or not abs(actual) <= bound:
                self.problem(where, f"expected a finite number of at most {MAX_ACTUAL:,.0f}, got {describe(actual)}")
                continue
            actuals[key] = float(actual)
        if date is None:
            return None
        return ProgressReview(date, reviewer, notes, attitudes, actuals)
