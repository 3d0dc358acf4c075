"""The prose fields the slides show or read their speaker notes from, by name.

Looked up in the template by section and key when this module is imported, so a renamed field
fails here at once rather than leaving a slide quietly empty (field paths are written out in
domain/template.py only)."""

from __future__ import annotations

from ..domain.template import TEMPLATE, Prose


def _path(section: str, key: str) -> str:
    for f in TEMPLATE.section(section).all_fields():
        if f.key == key and isinstance(f, Prose):
            return f.path
    raise KeyError(f"the template has no prose field {key!r} in section {section!r}")


SUMMARY_STRATEGY = _path("summary", "strategy")
SUMMARY_OBJECTIVES = _path("summary", "objectives")
SUMMARY_RISKS = _path("summary", "risks")
MARKET_TRENDS = _path("strategy", "market_trends")
CUSTOMER_VALUE = _path("strategy", "customer_value")
PRIORITIES = _path("strategy", "priorities")
COMPETITOR_WEAKNESSES = _path("strategy", "competitor_weaknesses")
RISK_COMPETITORS = _path("risks", "competitors")
RISK_TRENDS = _path("risks", "trends")
RISK_GAPS = _path("risks", "gaps")
MIX = _path("objectives", "mix")
OPERATIONS = _path("objectives", "operations")
TARGET_OPPORTUNITIES = _path("objectives", "target_opportunities")
OUTLINE = _path("action_plan", "outline")
NEEDS = _path("team", "needs")
ASSUMPTIONS = _path("forecast", "assumptions")
RELATIONSHIP_PLAN = _path("appendix", "relationship_plan")
DECISION_PROCESS = _path("appendix", "decision_process")
RESOURCES = _path("appendix", "resources")
