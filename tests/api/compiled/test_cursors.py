"""Cursors written in SQL (compiled connections, root lists) are services.pages' cursors."""

from __future__ import annotations

import psycopg
import pytest

from provenance.api.compiled.compiler import cursor
from provenance.services.pages import cursor_sql, decode_cursor, encode_cursor

pytestmark = pytest.mark.reads_only  # reads nothing: the session's shared database


def test_a_child_connection_cursor_is_encode_cursor_of_its_id(empty_url: str) -> None:
    ids = [0, 1, 42, 2**31, 2**63 - 1]
    with psycopg.connect(empty_url) as connection:
        for row_id in ids:
            sql = cursor(f"{row_id}::bigint")
            (written,) = connection.execute(f"SELECT {sql}").fetchone() or (None,)
            assert written == encode_cursor((row_id,))
        (empty,) = connection.execute(f"SELECT {cursor('NULL::bigint')}").fetchone() or (1,)
    assert empty is None  # an empty page has no start or end cursor


def test_a_root_list_cursor_decodes_to_its_key(empty_url: str) -> None:
    long_name = "Ecole de journalisme, \u00e9t\u00e9 " * 5  # past 76 base64 characters
    keys = [
        "json_build_array(7)",
        f"json_build_array('NAME_ASC', '{long_name}'::text, 12)",
        "json_build_array('CONFIDENCE_ASC', 0.25::float8, 9)",
        "json_build_array('PUBLISHED_AT_DESC', '2017-11-13'::date, 3)",
    ]
    with psycopg.connect(empty_url) as connection:
        for parts in keys:
            row = connection.execute(f"SELECT {cursor_sql(parts + '::text')}, {parts}").fetchone()
            assert row is not None
            written, expected = row
            assert isinstance(written, str)
            assert "\n" not in written
            assert list(decode_cursor(written, length=len(expected))) == expected
