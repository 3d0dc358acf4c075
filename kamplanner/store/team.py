"""A team server: one PostgreSQL database for a sales team, whose permissions PostgreSQL keeps.

A desktop client holds its user's database credentials, so it cannot be trusted to police
itself: each person has their own login, a member of one of three group roles of the database
(account manager, senior manager, viewer), and grants, row-level security policies and a few
triggers decide what their connection may write, whatever program sends the SQL:

- everybody on the team reads every plan;
- an account manager changes only the plans of the accounts they manage (account.manager is
  the name team_member gives their login), not while one is under senior review, and never
  records a review, an expectation or a sign-off;
- a senior manager records expectations, reviews, decisions, phase moves and sign-offs on
  every plan, and edits no plan's content;
- a viewer writes nothing;
- a sign-off, a numbered version and the change log are insert-only for everybody, the table
  owner included (a sign-off's certificate may be recorded once, where there was none);
- each change-log row names the person whose login wrote it.

The login that ran ``init`` owns the tables and is the team's administrator (row-level security
does not apply to a table's owner; the insert-only triggers do).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

from ..domain.actor import Actor, Role
from ..domain.model import new_uuid
from .database import Database, DatabaseError

# The roles a team member can have, and the suffix of the database's group role for each.
MEMBER_ROLES = (Role.ACCOUNT_MANAGER, Role.SENIOR_MANAGER, Role.VIEWER)
LOGIN = re.compile(r"[a-z_][a-z0-9_.-]{0,62}")
MAX_IDENTIFIER = 63  # PostgreSQL's NAMEDATALEN - 1
CHANNEL = "kamplanner_changes"  # what the team's windows LISTEN on


class TeamError(DatabaseError):
    """A team command cannot do what it was asked; the message says why, in one line."""


class BadMember(TeamError, ValueError):
    """The login, name, role or password given for a team member is not one kamplanner takes."""


@dataclass(frozen=True)
class Member:
    login: str
    name: str
    role: Role
    added_at: dt.datetime | None = None

    @property
    def actor(self) -> Actor:
        return Actor(self.name, self.role)


@dataclass(frozen=True)
class Identity:
    """Who this connection is on a team server: its login and, when the login is on the team,
    the member it is (None: the administrator, or a login kamplanner does not know)."""

    login: str
    member: Member | None
    owner: bool  # the login owns the tables: the team's administrator

    @property
    def actor(self) -> Actor:
        if self.member is not None:
            return self.member.actor
        return Actor(self.login, Role.ADMIN if self.owner else Role.VIEWER)


def group_role(database: str, role: Role) -> str:
    """The database's group role for ``role``: one set of groups per team database, so two
    teams on one server do not share permissions."""
    name = f"{database}_{role.value}"
    if len(name.encode()) > MAX_IDENTIFIER:
        raise TeamError(f"the database name {database!r} is too long for its team roles (at most 45 characters)")
    return name


def quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


def is_team(db: Database) -> bool:
    """Whether the database is a team server (``init`` was run on it)."""
    return identity(db) is not None


def identity(db: Database) -> Identity | None:
    """Who the database connection is on a team server; None on a laptop or on a server
    database that is not a team's."""
    if db.is_sqlite:
        return None
    with db.reading() as session:
        connection = session.connection()
        if not _policies_installed(connection):
            return None
        login = connection.execute(text("SELECT current_user")).scalar_one()
        row = connection.execute(
            text("SELECT login, name, role, added_at FROM team_member WHERE login = current_user")
        ).one_or_none()
        owner = connection.execute(
            text("SELECT pg_get_userbyid(relowner) = current_user FROM pg_class WHERE relname = 'plan'")
        ).scalar()
    member = Member(row.login, row.name, Role(row.role), row.added_at) if row is not None else None
    return Identity(login, member, bool(owner))


def _policies_installed(connection: Connection) -> bool:
    return bool(
        connection.execute(
            text("SELECT EXISTS (SELECT 1 FROM pg_policies WHERE tablename = 'plan' AND policyname = 'team_read')")
        ).scalar()
    )


def members(db: Database) -> list[Member]:
    with db.reading() as session:
        rows = session.execute(text("SELECT login, name, role, added_at FROM team_member ORDER BY name"))
        return [Member(r.login, r.name, Role(r.role), r.added_at) for r in rows]


# --------------------------------------------------------------------------- setting up


def init(db: Database) -> list[str]:
    """Make the database a team server (again: it is safe to run twice, and after an upgrade):
    the schema brought up to date, then the group roles, grants, policies and triggers.
    Returns the group roles' names."""
    if db.is_sqlite:
        raise TeamError("a team server is a PostgreSQL database; a SQLite file is one laptop's")
    db.migrate()
    with db.transaction() as session:
        connection = session.connection()
        database = connection.execute(text("SELECT current_database()")).scalar_one()
        groups = {role: group_role(database, role) for role in MEMBER_ROLES}
        for name in groups.values():
            exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
            if not exists:
                connection.exec_driver_sql(f"CREATE ROLE {quote(connection, name)} NOLOGIN")
        q = {role: quote(connection, name) for role, name in groups.items()}
        everyone = ", ".join(q.values())
        writers = f"{q[Role.ACCOUNT_MANAGER]}, {q[Role.SENIOR_MANAGER]}"
        for statement in _grants(
            quote(connection, database), q[Role.ACCOUNT_MANAGER], q[Role.SENIOR_MANAGER], everyone, writers
        ):
            connection.exec_driver_sql(statement)
        for statement in FUNCTIONS + TRIGGERS:
            connection.exec_driver_sql(statement)
        for statement in _policies(q[Role.ACCOUNT_MANAGER], q[Role.SENIOR_MANAGER], everyone, writers):
            connection.exec_driver_sql(statement)
        connection.execute(
            text("INSERT INTO team_setting (key, value) VALUES ('team_id', :v) ON CONFLICT (key) DO NOTHING"),
            {"v": new_uuid()},
        )
    return list(groups.values())


def team_id(db: Database) -> str:
    """The team server's identity (made once, by ``init``)."""
    with db.reading() as session:
        found = session.execute(text("SELECT value FROM team_setting WHERE key = 'team_id'")).scalar()
    if not found:
        raise TeamError(f"{db.display_name} is not a team server: run 'kamplanner team init URL' first")
    return str(found)


def add_user(db: Database, login: str, name: str, role: Role, password: str) -> Member:
    """A PostgreSQL login for a person, in the group of ``role``, known to the plans as
    ``name``. An existing login is moved to that role and name, its password replaced."""
    if not LOGIN.fullmatch(login):
        raise BadMember(
            f"the login {login!r} is not one kamplanner makes: lower-case letters, digits, '_', '.' or '-',"
            " starting with a letter, at most 63"
        )
    if role not in MEMBER_ROLES:
        raise BadMember(f"a team member is an account manager, a senior manager or a viewer, not {role.label.en}")
    try:
        actor = Actor(name, role)  # the rules every actor's name follows
    except ValueError as exc:
        raise BadMember(f"--name: {exc}") from None
    if not password:
        raise BadMember("the password is empty")
    if "\x00" in password:
        raise BadMember("the password holds a NUL character")
    if not is_team(db):
        raise TeamError(f"{db.display_name} is not a team server yet: run 'kamplanner team init URL' first")
    with db.transaction() as session:
        connection = session.connection()
        database = connection.execute(text("SELECT current_database()")).scalar_one()
        taken = connection.execute(
            text("SELECT login FROM team_member WHERE name = :n AND login <> :l"), {"n": actor.name, "l": login}
        ).scalar()
        if taken:
            raise BadMember(f"{actor.name} is on the team already, as the login {taken}")
        verifier = _verifier(connection, password, login)
        who = quote(connection, login)
        exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login}).first()
        if exists:
            connection.exec_driver_sql(f"ALTER ROLE {who} LOGIN PASSWORD '{verifier}'")
        else:
            connection.exec_driver_sql(f"CREATE ROLE {who} LOGIN PASSWORD '{verifier}'")
        for other in MEMBER_ROLES:
            group = quote(connection, group_role(database, other))
            connection.exec_driver_sql(
                f"{'GRANT' if other is role else 'REVOKE'} {group} {'TO' if other is role else 'FROM'} {who}"
            )
        connection.execute(
            text(
                "INSERT INTO team_member (login, name, role, added_at) VALUES (:l, :n, :r, now())"
                " ON CONFLICT (login) DO UPDATE SET name = excluded.name, role = excluded.role"
            ),
            {"l": login, "n": actor.name, "r": role.value},
        )
        added = connection.execute(text("SELECT added_at FROM team_member WHERE login = :l"), {"l": login}).scalar()
    return Member(login, actor.name, role, added)


def _verifier(connection: Connection, password: str, login: str) -> str:
    """The password as the server keeps it (SCRAM), made by libpq on this side: the password
    itself never travels in a statement, so no server log can show it."""
    raw = connection.connection.driver_connection
    pgconn = getattr(raw, "pgconn", None)
    if pgconn is None:
        raise TeamError("adding a team member needs the psycopg driver (postgresql+psycopg://…)")
    made = pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256").decode("ascii")
    if "'" in made:  # a SCRAM verifier is base64 and '$:' only; anything else is not one
        raise TeamError("libpq made an unexpected password verifier")
    return made


# --------------------------------------------------------------------------- the rules, in SQL

# Tables a writer changes, with the columns each group may update (none may change an id, a
# plan's account, year or identity, or the plan a row belongs to).
_ACCOUNT_COLUMNS = "name, tier, industry, region, scope, customer_since, annual_revenue, manager"


def _grants(database: str, am: str, sm: str, everyone: str, writers: str) -> list[str]:
    return [
        f"GRANT CONNECT ON DATABASE {database} TO {everyone}",
        f"GRANT USAGE ON SCHEMA public TO {everyone}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {everyone}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {writers}",
        f"GRANT INSERT, UPDATE ({_ACCOUNT_COLUMNS}) ON account TO {writers}",
        f"GRANT INSERT, DELETE, UPDATE (language, version, phase, currency, completeness, updated_at) ON plan TO {am}",
        f"GRANT UPDATE (phase, updated_at) ON plan TO {sm}",
        f"GRANT INSERT, DELETE, UPDATE (text) ON prose TO {am}",
        f"GRANT INSERT, DELETE, UPDATE (position, data) ON record TO {am}",
        f"GRANT INSERT, UPDATE (data) ON cycle TO {writers}",
        f"GRANT INSERT, UPDATE (certificate_sha256, certificate_subject) ON signoff TO {sm}",
        f"GRANT INSERT ON plan_version, changes TO {writers}",
    ]


FUNCTIONS = [
    # Who the connection is, as the plans name people, and in which role.
    """CREATE OR REPLACE FUNCTION team_member_name() RETURNS text LANGUAGE sql STABLE AS
    $$ SELECT name FROM team_member WHERE login = current_user $$""",
    """CREATE OR REPLACE FUNCTION team_member_role() RETURNS text LANGUAGE sql STABLE AS
    $$ SELECT role FROM team_member WHERE login = current_user $$""",
    """CREATE OR REPLACE FUNCTION team_manages_account(a integer) RETURNS boolean LANGUAGE sql STABLE AS
    $$ SELECT EXISTS (SELECT 1 FROM account WHERE id = a AND manager = team_member_name()) $$""",
    """CREATE OR REPLACE FUNCTION team_manages_plan(p integer) RETURNS boolean LANGUAGE sql STABLE AS
    $$ SELECT EXISTS (SELECT 1 FROM plan JOIN account ON account.id = plan.account_id
                      WHERE plan.id = p AND account.manager = team_member_name()) $$""",
    # Content may change while the plan is its manager's and not under senior review.
    """CREATE OR REPLACE FUNCTION team_may_edit_plan(p integer) RETURNS boolean LANGUAGE sql STABLE AS
    $$ SELECT EXISTS (SELECT 1 FROM plan JOIN account ON account.id = plan.account_id
                      WHERE plan.id = p AND account.manager = team_member_name() AND plan.phase <> 3) $$""",
    """CREATE OR REPLACE FUNCTION team_has_signoff(p integer) RETURNS boolean LANGUAGE sql STABLE AS
    $$ SELECT EXISTS (SELECT 1 FROM signoff WHERE plan_id = p) $$""",
    """CREATE OR REPLACE FUNCTION team_refuse(message text) RETURNS void LANGUAGE plpgsql AS
    $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = message; END $$""",
    # An account manager's phase moves: into development and back, and submitting. The rest
    # (sending back, approving) is the reviewer's; nobody starts a plan under review.
    """CREATE OR REPLACE FUNCTION team_guard_plan() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF team_member_role() IS DISTINCT FROM 'account_manager' THEN RETURN NEW; END IF;
        IF TG_OP = 'INSERT' THEN
            IF NEW.phase NOT IN (1, 2) THEN
                PERFORM team_refuse('an account manager starts a plan in preparation or development');
            END IF;
            RETURN NEW;
        END IF;
        IF OLD.phase = 3 THEN
            PERFORM team_refuse('the plan is under senior review: its account manager cannot change it until it is sent back');
        END IF;
        IF NEW.phase <> OLD.phase AND (OLD.phase, NEW.phase) NOT IN ((1, 2), (2, 1), (2, 3)) THEN
            PERFORM team_refuse('only a senior manager sends a plan back or approves it');
        END IF;
        RETURN NEW;
    END $$""",
    # The parts of the cycle record that are the senior manager's to write.
    """CREATE OR REPLACE FUNCTION team_guard_cycle() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        before jsonb := CASE WHEN TG_OP = 'UPDATE' THEN OLD.data::jsonb ELSE '{}'::jsonb END;
        after jsonb := NEW.data::jsonb;
    BEGIN
        IF team_member_role() IS DISTINCT FROM 'account_manager' THEN RETURN NEW; END IF;
        IF COALESCE(after -> 'reviews', '[]') IS DISTINCT FROM COALESCE(before -> 'reviews', '[]') THEN
            PERFORM team_refuse('only a senior manager records a review');
        END IF;
        IF COALESCE(after #> '{preparation,expectations}', '""') IS DISTINCT FROM
           COALESCE(before #> '{preparation,expectations}', '""') THEN
            PERFORM team_refuse('only a senior manager states the expectations');
        END IF;
        IF TG_OP = 'UPDATE' AND (SELECT phase FROM plan WHERE id = NEW.plan_id) = 3
           AND (after - 'comments') IS DISTINCT FROM (before - 'comments') THEN
            PERFORM team_refuse('the plan is under senior review: its account manager cannot change it until it is sent back');
        END IF;
        RETURN NEW;
    END $$""",
    # Insert-only, for everybody: what was signed off, numbered or logged stays as it was.
    """CREATE OR REPLACE FUNCTION team_keep_signoff() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND OLD.certificate_sha256 IS NULL
           AND (NEW.id, NEW.plan_id, NEW.version, NEW.fingerprint, NEW.reviewer, NEW.role, NEW.date, NEW.snapshot,
                NEW.created_at) IS NOT DISTINCT FROM
               (OLD.id, OLD.plan_id, OLD.version, OLD.fingerprint, OLD.reviewer, OLD.role, OLD.date, OLD.snapshot,
                OLD.created_at) THEN
            RETURN NEW;  -- the certificate it was then signed with, recorded once
        END IF;
        PERFORM team_refuse('a sign-off is never changed nor deleted');
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION team_keep_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM plan WHERE id = OLD.plan_id) THEN
            RETURN OLD;  -- its plan was deleted (a plan with a sign-off never is)
        END IF;
        PERFORM team_refuse('a numbered version is never changed nor deleted while its plan lives');
        RETURN NULL;
    END $$""",
    # Every committed change to a plan, its cycle, sign-offs or account, announced to the
    # team's open windows (store/live.py); the writer's application name lets a window tell
    # its own changes from others'.
    f"""CREATE OR REPLACE FUNCTION team_announce() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        r jsonb;
    BEGIN
        IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
        PERFORM pg_notify('{CHANNEL}', json_build_object(
            'table', TG_TABLE_NAME,
            'op', TG_OP,
            'plan', CASE WHEN TG_TABLE_NAME = 'plan' THEN r -> 'id' ELSE r -> 'plan_id' END,
            'account', CASE WHEN TG_TABLE_NAME = 'account' THEN r -> 'id' END,
            'version', CASE WHEN TG_TABLE_NAME = 'plan' THEN r -> 'version' END,
            'login', current_user,
            'app', current_setting('application_name')
        )::text);
        RETURN NULL;
    END $$""",
    """CREATE OR REPLACE FUNCTION team_keep_log() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM team_refuse('the change log is never changed nor deleted');
        RETURN NULL;
    END $$""",
]

TRIGGERS = [
    statement
    for name, table, when, function in (
        ("team_guard_plan", "plan", "BEFORE INSERT OR UPDATE", "team_guard_plan"),
        ("team_guard_cycle", "cycle", "BEFORE INSERT OR UPDATE", "team_guard_cycle"),
        ("team_keep_signoff", "signoff", "BEFORE UPDATE OR DELETE", "team_keep_signoff"),
        ("team_keep_version", "plan_version", "BEFORE UPDATE OR DELETE", "team_keep_version"),
        ("team_keep_log", "changes", "BEFORE UPDATE OR DELETE", "team_keep_log"),
        ("team_announce", "plan", "AFTER INSERT OR UPDATE OR DELETE", "team_announce"),
        ("team_announce", "cycle", "AFTER INSERT OR UPDATE", "team_announce"),
        ("team_announce", "signoff", "AFTER INSERT OR UPDATE", "team_announce"),
        ("team_announce", "account", "AFTER INSERT OR UPDATE", "team_announce"),
    )
    for statement in (
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()",
    )
] + [
    statement
    for table in ("signoff", "plan_version", "changes")
    for statement in (
        f"DROP TRIGGER IF EXISTS team_no_truncate ON {table}",
        f"CREATE TRIGGER team_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION team_keep_log()",
    )
]


def _policies(am: str, sm: str, everyone: str, writers: str) -> list[str]:
    """Row-level security: who may write which rows. An UPDATE policy that lets every row be
    tried (USING true) and checks the result makes a refused update an error, not zero rows."""
    me = "team_member_name()"
    rules: dict[str, list[tuple[str, str, str, str | None, str | None]]] = {
        # table: (policy, command, to, using, with check)
        "account": [
            ("team_am_insert", "INSERT", am, None, f"manager = {me}"),
            ("team_am_update", "UPDATE", am, "true", f"manager = {me} AND team_manages_account(id)"),
            ("team_sm_insert", "INSERT", sm, None, "true"),
            ("team_sm_update", "UPDATE", sm, "true", "true"),
        ],
        "plan": [
            ("team_am_insert", "INSERT", am, None, "team_manages_account(account_id)"),
            ("team_am_update", "UPDATE", am, "true", "team_manages_account(account_id)"),
            (
                "team_am_delete",
                "DELETE",
                am,
                "team_manages_account(account_id) AND NOT team_has_signoff(id)",
                None,
            ),
            ("team_sm_update", "UPDATE", sm, "true", "true"),
        ],
        "prose": [
            ("team_am_insert", "INSERT", am, None, "team_may_edit_plan(plan_id)"),
            ("team_am_update", "UPDATE", am, "true", "team_may_edit_plan(plan_id)"),
            ("team_am_delete", "DELETE", am, "team_may_edit_plan(plan_id)", None),
        ],
        "record": [
            ("team_am_insert", "INSERT", am, None, "team_may_edit_plan(plan_id)"),
            ("team_am_update", "UPDATE", am, "true", "team_may_edit_plan(plan_id)"),
            ("team_am_delete", "DELETE", am, "team_may_edit_plan(plan_id)", None),
        ],
        "cycle": [
            ("team_am_insert", "INSERT", am, None, "team_manages_plan(plan_id)"),
            ("team_am_update", "UPDATE", am, "true", "team_manages_plan(plan_id)"),
            ("team_sm_insert", "INSERT", sm, None, "true"),
            ("team_sm_update", "UPDATE", sm, "true", "true"),
        ],
        "signoff": [
            ("team_sm_insert", "INSERT", sm, None, "true"),
            ("team_sm_update", "UPDATE", sm, "true", "true"),
        ],
        "plan_version": [
            ("team_am_insert", "INSERT", am, None, "team_manages_plan(plan_id)"),
            ("team_sm_insert", "INSERT", sm, None, "true"),
        ],
        "changes": [
            (
                "team_log",
                "INSERT",
                writers,
                None,
                f"actor = {me} AND role = team_member_role()",
            ),
        ],
    }
    statements = []
    for table, policies in rules.items():
        statements.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        existing = ["team_read", *(p[0] for p in policies)]
        statements += [f"DROP POLICY IF EXISTS {name} ON {table}" for name in existing]
        statements.append(f"CREATE POLICY team_read ON {table} FOR SELECT TO {everyone} USING (true)")
        for name, command, to, using, check in policies:
            clause = f"CREATE POLICY {name} ON {table} FOR {command} TO {to}"
            if using is not None:
                clause += f" USING ({using})"
            if check is not None:
                clause += f" WITH CHECK ({check})"
            statements.append(clause)
    return statements
