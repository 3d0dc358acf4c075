"""Migration 0006: numbered versions. What was reviewed or signed off before keeps the number
it was known by (then the revision), so its PDFs say the same and still verify."""

from __future__ import annotations

import io

from pypdf import PdfReader

from kamplanner.domain.edits import SetProse
from kamplanner.domain.versions import VersionKind, VersionLabel
from kamplanner.services import Portfolio, render_signed, verify_pdf
from kamplanner.store.database import HEAD_REVISION, Database, resolve_url
from tests.conftest import sqlite_only
from tests.store.test_migration_0005 import fill_at


@sqlite_only
def test_an_older_database_numbers_its_reviewed_and_signed_revisions_by_those_revisions(tmp_path):
    db = Database(resolve_url(tmp_path / "0005.db"))
    plans = fill_at(db, "0004")  # then 0005 gives identities, 0006 versions
    db.close()

    db = Database.open(tmp_path / "0005.db")
    try:
        assert db.revision() == HEAD_REVISION == "0008"
        portfolio = Portfolio(db)
        for plan_id, (_plan, cycle) in enumerate(plans, start=1):
            loaded = portfolio.load_plan(plan_id)
            reviewed = sorted({r.version for r in cycle.reviews})
            assert [v.number for v in loaded.versions] == [v.revision for v in loaded.versions] == reviewed
        signed_id = next(i for i in range(1, len(plans) + 1) if portfolio.load_cycle(i).signoffs)
        signoff = portfolio.load_cycle(signed_id).signoffs[-1]
        plan = portfolio.load_plan(signed_id)
        assert signoff.number == signoff.version == plan.version
        assert plan.version_label == VersionLabel(plan.version, False)
        assert plan.versions[-1].kind is VersionKind.SIGNED_OFF
        assert plan.versions[-1].fingerprint == signoff.fingerprint

        pdf = render_signed(signoff, lang="en")
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        assert f"Version {signoff.version} · fingerprint {signoff.fingerprint[:12]}" in text
        assert verify_pdf(portfolio, pdf).matches_version

        # The next version is numbered after the highest known.
        edit = SetProse("team.needs", plan.text("team.needs"), "升级之后")
        portfolio.save_edits(signed_id, plan.version, [edit])
        assert portfolio.save_version(signed_id, "after the upgrade").number == signoff.version + 1
    finally:
        db.close()
