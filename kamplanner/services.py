"""The use cases: what the GUI and the command line both call. Each is one transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .domain import planfile
from .domain.edits import Edit
from .domain.model import Account, Phase, Plan, PlanSummary
from .domain.template import LANGUAGES
from .domain.validation import SectionCompleteness, section_completeness
from .store import plans as repo
from .store.database import Database
from .store.plans import Conflict, NotFound, StaleVersion

__all__ = ["Conflict", "DemoResult", "NotFound", "Portfolio", "StaleVersion"]


@dataclass(frozen=True)
class DemoResult:
    added_plans: list[int]
    added_accounts: int
    skipped: list[str]


class Portfolio:
    """A portfolio of accounts and plans in one database."""

    def __init__(self, db: Database):
        self.db = db

    # ---- reading

    def list_plans(self) -> list[PlanSummary]:
        with self.db.transaction() as session:
            return repo.summaries(session)

    def list_accounts(self) -> list[Account]:
        with self.db.transaction() as session:
            return repo.list_accounts(session)

    def load_plan(self, plan_id: int) -> Plan:
        with self.db.transaction() as session:
            return repo.load_plan(session, plan_id)

    def completeness(self, plan_id: int) -> list[SectionCompleteness]:
        return section_completeness(self.load_plan(plan_id))

    # ---- writing

    def save_edits(self, plan_id: int, version: int, edits: list[Edit]) -> int:
        """Write edits made on ``version``; returns the new version. Refuses a stale version."""
        with self.db.transaction() as session:
            return repo.apply_edits(session, plan_id, version, edits)

    def add_account(self, account: Account) -> int:
        with self.db.transaction() as session:
            return repo.add_account(session, account)

    def new_plan(self, account_id: int, year: int, language: str = "zh_CN") -> int:
        if language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
        with self.db.transaction() as session:
            account = repo.load_account(session, account_id)
            return repo.add_plan(session, Plan(account=account, year=year, language=language))

    def duplicate_plan(self, plan_id: int, year: int) -> int:
        """A copy of a plan for another year of the same account, starting at version 1."""
        with self.db.transaction() as session:
            plan = repo.load_plan(session, plan_id)
            copy = plan.copy()
            copy.id, copy.year, copy.version, copy.phase = None, year, 1, Phase.PREPARATION
            return repo.add_plan(session, copy)

    def delete_plan(self, plan_id: int) -> str:
        """Delete a plan; returns its plan file so the caller can offer to bring it back."""
        with self.db.transaction() as session:
            text = planfile.dumps(repo.load_plan(session, plan_id))
            repo.delete_plan(session, plan_id)
            return text

    # ---- plan files

    def export_json(self, plan_id: int) -> str:
        return planfile.dumps(self.load_plan(plan_id))

    def import_json(self, text: str | bytes, *, replace: bool = False) -> int:
        """Import a plan file whole or not at all; returns the plan's id.

        Raises PlanFileError (every problem with its path) for a bad file and Conflict when
        the account already has a plan for that year (unless ``replace``).
        """
        plan = planfile.loads(text)
        with self.db.transaction() as session:
            account = repo.find_account(session, plan.account.name)
            existing = repo.plan_id_for(session, account.id, plan.year) if account else None
            if existing is None:
                return repo.add_plan(session, plan)
            if not replace:
                raise Conflict(
                    f"{plan.account.name} has a {plan.year} plan already (id {existing});"
                    " import with replace to overwrite it"
                )
            repo.replace_content(session, existing, plan)
            return existing

    def fingerprint(self, plan_id: int) -> str:
        return planfile.fingerprint(self.load_plan(plan_id))

    # ---- demo

    def add_demo(self, folder: Path | None = None) -> DemoResult:
        """Add the demo portfolio (its plans and its other accounts); skips what is there."""
        from . import paths

        folder = folder or paths.demo()
        plans = [planfile.loads(p.read_bytes()) for p in sorted((folder / "plans").glob("*.json"))]
        accounts_file = folder / "accounts.json"
        accounts = json.loads(accounts_file.read_text("utf-8")) if accounts_file.exists() else []
        added: list[int] = []
        skipped: list[str] = []
        added_accounts = 0
        with self.db.transaction() as session:
            for plan in plans:
                row = repo.find_account(session, plan.account.name)
                if row is not None and repo.plan_id_for(session, row.id, plan.year) is not None:
                    skipped.append(f"{plan.account.name} {plan.year}")
                    continue
                added.append(repo.add_plan(session, plan))
            for raw in accounts:
                account = planfile.account_from_json(raw)
                if repo.find_account(session, account.name) is None:
                    repo.add_account(session, account)
                    added_accounts += 1
        return DemoResult(added, added_accounts, skipped)
