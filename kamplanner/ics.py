"""Review dates as an iCalendar (.ics) file, for the senior manager's calendar."""

from __future__ import annotations

import datetime as dt
import hashlib

from .domain.dashboard import Deadline


def calendar(deadlines: list[Deadline], lang: str, stamp: dt.datetime) -> bytes:
    """An .ics file with one all-day event per date. UIDs are stable, so re-importing updates
    events instead of duplicating them; ``stamp`` is passed in so the output is reproducible."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//kamplanner//review dates//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "kamplanner 审查日程" if lang.startswith("zh") else "kamplanner review dates")
    for deadline in deadlines:
        event = Event()
        identity = f"{deadline.kind}|{deadline.plan_id}|{deadline.date.isoformat()}|{deadline.what.en}"
        event.add("uid", hashlib.sha256(identity.encode()).hexdigest()[:32] + "@kamplanner")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.date)
        event.add("dtend", deadline.date + dt.timedelta(days=1))
        event.add("summary", deadline.what(lang))
        event.add("categories", [str(deadline.kind)])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
