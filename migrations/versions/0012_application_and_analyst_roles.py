"""Three roles: the owner migrates, the application writes data, the analyst reads

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 16:40:00

- The owner is whoever runs the migrations: it owns every table, view and function.
- The application role (default provenance_app) may read every table and view and
  insert, update and delete rows of the data tables (api_tokens included), use their
  sequences and call the functions (PUBLIC's EXECUTE). It may not create, alter or drop
  anything, TRUNCATE, add triggers, write history or alembic_version, or create temp
  tables. The audited tables' triggers still record its writes in history.
- The analyst role (default provenance_analyst) is a member of provenance_readonly and
  nothing else: it reads, and writes nothing.

Names and passwords come from migrations/env.py (alembic -x app_role=..., or
PROVENANCE_APP_ROLE / PROVENANCE_APP_PASSWORD[_FILE] and the ANALYST ones). A role is
created when missing, NOLOGIN unless a password is given; a given password is set (as a
SCRAM-SHA-256 verifier computed here, so the server never sees the password). A role that
is a superuser or may create roles, databases or replicate is refused. Downgrade revokes
this database's grants and drops the roles this migration created unless another database
still uses them.

Migrations never import application code: they must keep working after the models move on.
"""

import base64
import hashlib
import hmac
import secrets
from collections.abc import Sequence

from alembic import context, op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

READONLY_ROLE = "provenance_readonly"
DEFAULTS = {"app_role": "provenance_app", "analyst_role": "provenance_analyst"}
# Roles carrying this comment were created here, and only those are dropped on downgrade.
CREATED_HERE = "Created by the provenance migration 0012."
# Tables the application reads but never writes.
READ_ONLY_FOR_APP = ("history", "alembic_version")


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def scram_verifier(password: str, *, iterations: int = 4096) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for ``password`` (RFC 5802, 7677)."""
    salt = secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode()

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def _settings() -> dict[str, str | None]:
    configured = context.config.attributes.get("provenance_roles") or {}
    settings: dict[str, str | None] = {**DEFAULTS, "app_password": None, "analyst_password": None}
    settings.update({k: v for k, v in configured.items() if v})
    for key in DEFAULTS:
        if not settings[key]:
            raise ValueError(f"{key} must name a role")
    return settings


def _ensure_role(name: str, password: str | None, setting: str) -> str:
    """PL/pgSQL that creates the role ``name`` if missing and checks it is an ordinary role."""
    # op.execute reads ":word" as a bind parameter; the verifier has colons, escaped so.
    verifier = "NULL" if password is None else _literal(scram_verifier(password))
    verifier = verifier.replace(":", "\\:")
    return f"""
DO $$
DECLARE
    role_name text := {_literal(name)};
    verifier text := {verifier};
    may_manage boolean := (SELECT rolcreaterole OR rolsuper FROM pg_roles
                           WHERE rolname = current_user);
    found pg_roles;
BEGIN
    IF role_name = current_user THEN
        RAISE EXCEPTION '{setting}=% is the role running the migrations', role_name
            USING HINT = 'The owner, the application and the analyst must be three roles.';
    END IF;
    SELECT * INTO found FROM pg_roles WHERE rolname = role_name;
    IF found.rolname IS NULL THEN
        IF NOT may_manage THEN
            RAISE EXCEPTION 'role % ({setting}) is missing and % may not create roles',
                role_name, current_user
                USING HINT = format('Ask an administrator to run CREATE ROLE %I NOLOGIN '
                                    '(or LOGIN PASSWORD ...), then migrate again.', role_name);
        END IF;
        EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
        EXECUTE format('COMMENT ON ROLE %I IS %L', role_name, {_literal(CREATED_HERE)});
    ELSIF found.rolsuper OR found.rolcreaterole OR found.rolcreatedb
          OR found.rolreplication OR found.rolbypassrls THEN
        RAISE EXCEPTION '{setting}=% is a privileged role (superuser, CREATEROLE, CREATEDB, '
                        'REPLICATION or BYPASSRLS)', role_name
            USING HINT = 'Name an ordinary role, or a new one for the migration to create.';
    END IF;
    IF verifier IS NOT NULL THEN
        IF NOT may_manage THEN
            RAISE EXCEPTION 'a password is given for % ({setting}) but % may not set it',
                role_name, current_user
                USING HINT = 'Set it as an administrator (ALTER ROLE ... LOGIN PASSWORD) and '
                             'give no password to the migration.';
        END IF;
        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', role_name, verifier);
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), role_name);
END
$$;
"""


def _app_grants(app: str) -> str:
    read_only = ", ".join(_literal(t) for t in READ_ONLY_FOR_APP)
    return f"""
GRANT USAGE ON SCHEMA public TO "{app}";
GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{app}";
DO $$
DECLARE
    relation regclass;
BEGIN
    FOR relation IN
        SELECT c.oid::regclass FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
          AND c.relname NOT IN ({read_only})
    LOOP
        EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %s TO %I', relation, {_literal(app)});
    END LOOP;
    FOR relation IN
        SELECT c.oid::regclass FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S'
          AND c.relname <> 'history_id_seq'
    LOOP
        EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO %I', relation, {_literal(app)});
    END LOOP;
END
$$;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "{app}";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "{app}";
"""


def _revoke_and_drop(name: str) -> str:
    return f"""
DO $$
DECLARE
    role_name text := {_literal(name)};
    role_oid oid := (SELECT oid FROM pg_roles WHERE rolname = {_literal(name)});
BEGIN
    IF role_oid IS NULL THEN
        RETURN;
    END IF;
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM %I',
                   role_name);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM %I',
                   role_name);
    EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %I', role_name);
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', role_name);
    EXECUTE format('REVOKE USAGE ON SCHEMA public FROM %I', role_name);
    EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM %I', current_database(), role_name);
    IF shobj_description(role_oid, 'pg_authid') IS DISTINCT FROM {_literal(CREATED_HERE)} THEN
        RETURN;  -- an administrator made it: theirs to drop
    END IF;
    BEGIN
        EXECUTE format('DROP ROLE %I', role_name);
    EXCEPTION  -- roles are cluster-wide: another database may still grant it something
        WHEN dependent_objects_still_exist THEN
            RAISE NOTICE 'role % is still used by another database: kept', role_name;
        WHEN insufficient_privilege THEN
            RAISE NOTICE 'role % kept: % may not drop roles', role_name, current_user;
    END;
END
$$;
"""


def _analyst_membership(analyst: str) -> str:
    return f"""
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT FROM pg_auth_members m
        WHERE m.roleid = (SELECT oid FROM pg_roles WHERE rolname = {_literal(READONLY_ROLE)})
          AND m.member = (SELECT oid FROM pg_roles WHERE rolname = {_literal(analyst)})
    ) THEN
        EXECUTE format('GRANT %I TO %I', {_literal(READONLY_ROLE)}, {_literal(analyst)});
    END IF;
END
$$;
"""


def _quoted(name: str) -> str:
    if '"' in name or "\x00" in name:
        raise ValueError(f"role name {name!r} may not contain double quotes or NUL")
    return name


def upgrade() -> None:
    settings = _settings()
    app, analyst = _quoted(str(settings["app_role"])), _quoted(str(settings["analyst_role"]))
    if app == analyst:
        raise ValueError(f"the application and the analyst roles must differ (both {app!r})")
    op.execute(_ensure_role(app, settings["app_password"], "PROVENANCE_APP_ROLE"))
    op.execute(_ensure_role(analyst, settings["analyst_password"], "PROVENANCE_ANALYST_ROLE"))
    op.execute(_app_grants(app))
    op.execute(_analyst_membership(analyst))


def downgrade() -> None:
    settings = _settings()
    for key in ("analyst_role", "app_role"):
        op.execute(_revoke_and_drop(_quoted(str(settings[key]))))
