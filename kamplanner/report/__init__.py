"""The only package that imports ReportLab: plan in, PDF bytes out (``render_plan``)."""

from .document import render_plan
from .signoff import SignOff

__all__ = ["SignOff", "render_plan"]
