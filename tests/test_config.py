"""Settings: one declaration each, parsed by type, secrets from files."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.config import SettingError, Settings, declarations


def test_defaults_without_environment() -> None:
    settings = Settings.from_env({})
    assert settings == Settings()
    assert settings.port == 8000
    assert settings.database_url is None


def test_values_are_parsed_by_their_declared_type() -> None:
    settings = Settings.from_env(
        {
            "PROVENANCE_PORT": "9001",
            "PROVENANCE_GRAPHIQL": "off",
            "PROVENANCE_DATA_DIR": "~/elsewhere",
            "DATABASE_URL": "postgresql://u:p@h/d",
        }
    )
    assert settings.port == 9001
    assert settings.graphiql is False
    assert settings.data_dir == Path.home() / "elsewhere"
    assert settings.database_url == "postgresql://u:p@h/d"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("PROVENANCE_PORT", "eighty", "PROVENANCE_PORT must be a whole number, got 'eighty'"),
        ("PROVENANCE_GRAPHIQL", "maybe", "PROVENANCE_GRAPHIQL must be true or false"),
    ],
)
def test_a_bad_value_names_the_variable(variable: str, value: str, message: str) -> None:
    with pytest.raises(SettingError, match=message):
        Settings.from_env({variable: value})


def test_a_secret_comes_from_its_file(tmp_path: Path) -> None:
    secret = tmp_path / "url"
    secret.write_text("postgresql://app:s3cret@db/provenance\n")
    settings = Settings.from_env({"DATABASE_URL_FILE": str(secret)})
    assert settings.database_url == "postgresql://app:s3cret@db/provenance"
    # The variable itself wins over the file.
    both = Settings.from_env({"DATABASE_URL_FILE": str(secret), "DATABASE_URL": "postgresql:///x"})
    assert both.database_url == "postgresql:///x"


def test_an_unreadable_secret_file_is_a_short_error(tmp_path: Path) -> None:
    with pytest.raises(SettingError, match=r"DATABASE_URL_FILE names .*missing, which cannot"):
        Settings.from_env({"DATABASE_URL_FILE": str(tmp_path / "missing")})


def test_only_secrets_read_a_file(tmp_path: Path) -> None:
    path = tmp_path / "port"
    path.write_text("9000")
    assert Settings.from_env({"PROVENANCE_PORT_FILE": str(path)}).port == 8000


def test_every_setting_has_an_environment_variable_and_help() -> None:
    names = [declared.metadata["env"] for declared in declarations()]
    assert len(names) == len(set(names))
    assert all(declared.metadata["help"] for declared in declarations())


def test_the_database_password_joins_a_url_without_one(tmp_path: Path) -> None:
    secret = tmp_path / "password"
    secret.write_text("p@ss/word\n")
    settings = Settings.from_env(
        {
            "DATABASE_URL": "postgresql://provenance_app@pgbouncer:6432/provenance",
            "PROVENANCE_DATABASE_PASSWORD_FILE": str(secret),
        }
    )
    assert settings.database_url == (
        "postgresql://provenance_app:p%40ss%2Fword@pgbouncer:6432/provenance"
    )
    kept = Settings.from_env(
        {"DATABASE_URL": "postgresql://u:mine@h/d", "PROVENANCE_DATABASE_PASSWORD": "other"}
    )
    assert kept.database_url == "postgresql://u:mine@h/d"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://u:p@127.0.0.1:notaport/db", "DATABASE_URL cannot be read"),
        ("postgresql://u:p@[::1/db", "DATABASE_URL cannot be read"),
        ("mysql://u:p@h/db", r"not a PostgreSQL URL \(mysql://\)"),
        ("notaurl", "not a PostgreSQL URL"),
    ],
)
def test_a_database_url_that_is_not_postgresql_is_refused(url: str, message: str) -> None:
    with pytest.raises(SettingError, match=message) as refused:
        Settings.from_env({"DATABASE_URL": url})
    assert "postgresql://user:password@host:5432/database" in str(refused.value)
    assert "p@" not in str(refused.value)  # the password is not repeated


def test_read_replicas_are_a_comma_separated_list_with_the_shared_password(
    tmp_path: Path,
) -> None:
    urls = tmp_path / "replicas"
    urls.write_text("postgresql://app@replica-1:5432/db, postgresql://app@replica-2/db\n")
    settings = Settings.from_env(
        {"DATABASE_READ_URL_FILE": str(urls), "PROVENANCE_DATABASE_PASSWORD": "s3cret"}
    )
    assert settings.database_read_urls == (
        "postgresql://app:s3cret@replica-1:5432/db",
        "postgresql://app:s3cret@replica-2/db",
    )
    assert Settings.from_env({}).database_read_urls == ()
    with pytest.raises(SettingError, match="DATABASE_READ_URL is not a PostgreSQL URL"):
        Settings.from_env({"DATABASE_READ_URL": "mysql://replica/db"})
