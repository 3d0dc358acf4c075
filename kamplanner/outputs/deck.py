"""The slide deck for the senior managers' review meeting: a plan in, .pptx bytes out (python-pptx).

Ten to fifteen 16:9 slides in the PDF's fonts and colours: the cover, the plan on one slide,
strategic choices, objectives against last year, the opportunity matrix, the five-year forecast
(a native chart), the stakeholder map, key actions and milestones, business risks, what we ask
for and the team; each with speaker notes from the plan's prose. The customer version is made
from ``for_audience(plan, CUSTOMER)`` alone, and a slide with nothing left is left out.

The same plan gives the same bytes: every date in the file is the version's (as the PDF's), the
zip's entries carry that date too, never the clock's.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable

from ..domain.audience import Audience, for_audience
from ..domain.currency_change import for_edition
from ..domain.languages import LANGUAGES
from ..domain.model import Plan
from .deck_slides import Deck, cover, forecast, opportunity_matrix, plan_on_one, risks, stakeholders, strategy
from .deck_tables import actions, asks, objectives, team
from .deck_texts import say
from .slide_kit import line_of

SLIDES: tuple[Callable[[Deck], bool], ...] = (
    plan_on_one,
    strategy,
    objectives,
    opportunity_matrix,
    forecast,
    stakeholders,
    actions,
    risks,
    asks,
    team,
)


# --------------------------------------------------------------------------- the file


def render_deck(plan: Plan, *, lang: str | None = None, audience: Audience = Audience.INTERNAL) -> bytes:
    """The plan as the review meeting's slides (.pptx bytes); equal plans give equal bytes.

    ``lang`` (zh_CN or en) sets the deck's texts, by default the plan's language. A customer
    deck is made from the customer's copy of the plan only (domain/audience.py)."""
    lang = lang or plan.language
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    # (money as the language counts it, as the PDF shows it: an English deck in CNY m, not CNY 10k)
    shown = for_edition(for_audience(plan, audience), lang)
    moment = _moment(shown)
    deck = Deck(shown, lang, audience, moment)
    cover(deck)
    for make in SLIDES:
        make(deck)
    _properties(deck, moment)
    buffer = io.BytesIO()
    deck.prs.save(buffer)
    return _steady(buffer.getvalue(), moment)


def _moment(plan: Plan) -> dt.datetime:
    """When the version was made (a draft: last saved), else 1 January of the plan year: as the
    PDF dates itself, never the clock."""
    made = next((v.at for v in reversed(plan.versions) if v.revision == plan.version), None)
    moment = made or plan.saved_at or dt.datetime(plan.year, 1, 1)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def _properties(deck: Deck, moment: dt.datetime) -> None:
    core = deck.prs.core_properties
    naive = moment.replace(tzinfo=None)
    core.title = line_of(f"{deck.plan.account.name} {deck.plan.year}", 200)
    core.author = core.last_modified_by = line_of(deck.plan.account.manager, 100)
    core.subject = say("kicker", deck.lang)
    core.keywords = ""
    core.comments = ""
    core.created = core.modified = core.last_printed = naive
    core.revision = max(1, deck.plan.version_label.number)


_XLSX_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _steady(data: bytes, moment: dt.datetime) -> bytes:
    """The package with every zip entry dated ``moment`` and the charts' workbooks dated it too
    (python-pptx and XlsxWriter stamp the clock into both)."""
    stamp = moment.timetuple()[:6]
    iso = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def fixed(name: str, blob: bytes) -> bytes:
        if name.endswith(".xlsx"):
            return _steady_zip(blob, stamp, lambda n, b: _XLSX_DATES.sub(rb"\g<1>" + iso + rb"\g<2>", b) if n == "docProps/core.xml" else b)  # fmt: skip
        return blob

    return _steady_zip(data, stamp, fixed)


def _steady_zip(data: bytes, stamp: tuple[int, ...], change: Callable[[str, bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)  # type: ignore[arg-type]
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, change(info.filename, source.read(info.filename)))
    return out.getvalue()
