"""Outlet relays on the seeds: the BBC and Anadolu Agency relayed by undated/unknown outlets."""

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from provenance.errors import InvalidInputError
from provenance.services.outlet_relays import OutletRelay, outlet_relays
from tests.services.chains_support import in_session

pytestmark = pytest.mark.reads_only  # only reads: the session's shared database


def relays(url: str, **period: date) -> list[OutletRelay]:
    async def work(session: AsyncSession) -> list[OutletRelay]:
        return await outlet_relays(session, **period)

    return in_session(url, work)


def test_all_time_relays_count_quotations_and_median_lag(seeded_url: str) -> None:
    found = {(r.source_outlet, r.relay_outlet): r for r in relays(seeded_url)}
    assert set(found) == {("BBC", None), ("Anadolu Agency", None)}
    bbc = found[("BBC", None)]
    # Nine BBC quotations in seed-000 (dated the next day) and one in seed-002 (undated).
    assert (bbc.quotations, bbc.relays) == (9, 10)
    assert bbc.median_lag_days == 1
    assert bbc.first_relayed_on == date(2017, 11, 14)
    anadolu = found[("Anadolu Agency", None)]
    assert anadolu.median_lag_days is None  # Anadolu's reports are undated


def test_a_period_keeps_only_relays_dated_inside_it(seeded_url: str) -> None:
    inside = relays(seeded_url, from_date=date(2017, 11, 14), to_date=date(2017, 11, 14))
    assert {(r.source_outlet, r.relays) for r in inside} == {("BBC", 9), ("Anadolu Agency", 5)}
    assert relays(seeded_url, from_date=date(2018, 1, 1)) == []


def test_an_inverted_period_is_refused(seeded_url: str) -> None:
    with pytest.raises(InvalidInputError, match="after it ends"):
        relays(seeded_url, from_date=date(2018, 1, 1), to_date=date(2017, 1, 1))


def test_the_view_matches_the_service(
    seeded_url: str, seeded_connection: psycopg.Connection
) -> None:
    rows = seeded_connection.execute(
        "SELECT source_outlet, relays FROM outlet_relays ORDER BY relays DESC"
    ).fetchall()
    assert rows == [(r.source_outlet, r.relays) for r in relays(seeded_url)]
