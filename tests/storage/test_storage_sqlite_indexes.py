"""SQLiteStore's index layout: every repository query reads an index, and a
database made with the first schema is migrated forward."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pendulum
import pytest

from accountcore.clients import ClientStatus, ClientTier
from accountcore.periods import Period
from accountcore.pipeline import Outcome
from accountcore.serialization import to_json
from accountcore.storage import DEALS, SCHEMA_VERSION, Query, SQLiteStore
from accountcore.storage.repositories import Deals, instant_key
from accountcore.testing.contract import make_deal

_DEAL_QUERIES = {
    "by_owner": Query(equals={"owner": "am-1"}),
    "by_client": Query(equals={"client": "C-1"}),
    "by_stage": Query(equals={"stage": "lost"}),
    "by_outcome": Query(equals={"outcome": Outcome.WON.value}),
    "closed_in": Deals.closed_query(Period.month(2026, 3), limit=10),
}

_CLIENT_QUERIES = {
    "by_owner": Query(equals={"owner": "am-1"}),
    "by_tier": Query(equals={"tier": ClientTier.KEY.value}),
    "by_status": Query(equals={"status": ClientStatus.ACTIVE.value}),
}


def _plan(path: Path, table: str, query: Query) -> str:
    """SQLite's plan for the SELECT the store runs for ``query``."""
    from accountcore.storage.sqlite import _where

    where, parameters = _where(query)
    order = "id" if query.order_by is None else f'"{query.order_by}", id'
    sql = f'SELECT id, document FROM "{table}"{where} ORDER BY {order} LIMIT ? OFFSET ?'
    with closing(sqlite3.connect(path)) as connection, connection:
        rows = connection.execute(f"EXPLAIN QUERY PLAN {sql}", (*parameters, -1, 0))
        return " | ".join(row[3] for row in rows)


def _ready(path: Path) -> None:
    with SQLiteStore(path) as store, store.unit_of_work() as uow:
        uow.deals.add(make_deal(1))
        _ = uow.clients.count(Query())
        uow.commit()


@pytest.mark.parametrize("name", sorted(_DEAL_QUERIES))
def test_every_deal_query_searches_an_index_without_sorting(
    tmp_path: Path, name: str
) -> None:
    _ready(tmp_path / "s.db")

    plan = _plan(tmp_path / "s.db", "deals", _DEAL_QUERIES[name])

    assert "SEARCH deals USING INDEX deals__" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize("name", sorted(_CLIENT_QUERIES))
def test_every_client_query_searches_an_index_without_sorting(
    tmp_path: Path, name: str
) -> None:
    _ready(tmp_path / "s.db")

    plan = _plan(tmp_path / "s.db", "clients", _CLIENT_QUERIES[name])

    assert "SEARCH clients USING INDEX clients__" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


def test_the_closing_index_holds_only_closed_deals(tmp_path: Path) -> None:
    _ready(tmp_path / "s.db")

    with closing(sqlite3.connect(tmp_path / "s.db")) as connection, connection:
        (sql,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'deals__closed_at'"
        ).fetchone()

    assert sql.endswith('WHERE "closed_at" IS NOT NULL'), sql


def _first_schema_database(path: Path) -> list[str]:
    """A database as accountcore's schema version 1 wrote it: every index on
    the deals table full, closed_at included. Returns the ids of closed deals."""
    deals = [make_deal(n) for n in range(20)]
    with closing(sqlite3.connect(path, isolation_level=None)) as db, db:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("CREATE TABLE accountcore_schema (version INTEGER NOT NULL)")
        db.execute("INSERT INTO accountcore_schema VALUES (1)")
        db.execute(
            "CREATE TABLE accountcore_collections "
            "(name TEXT PRIMARY KEY NOT NULL, entity TEXT NOT NULL)"
        )
        db.execute("INSERT INTO accountcore_collections VALUES ('deals', 'Deal')")
        db.execute(
            'CREATE TABLE "deals" (id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL, '
            'document TEXT NOT NULL, "owner", "client", "stage", "outcome", "closed_at")'
        )
        for name in DEALS.index_names:
            db.execute(f'CREATE INDEX "deals__{name}" ON "deals" ("{name}", id)')
        for deal in deals:
            db.execute(
                'INSERT INTO "deals" VALUES (?, 1, ?, ?, ?, ?, ?, ?)',
                (deal.id, to_json(deal), *DEALS.index_values(deal).values()),
            )
    db.close()
    return sorted(
        (instant_key(d.closed_at), d.id) for d in deals if d.closed_at is not None
    )


def test_a_first_schema_database_is_migrated_to_the_sparse_closing_index(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    closed = _first_schema_database(path)
    everything = Period(pendulum.date(2000, 1, 1), pendulum.date(2100, 1, 1))

    with SQLiteStore(path) as store, store.unit_of_work() as uow:
        version = store.schema_version()
        found = [d.id for d in uow.deals.closed_in(everything)]
        owned = len(uow.deals.by_owner(make_deal(0).owner))
    plan = _plan(path, "deals", Deals.closed_query(everything))
    with closing(sqlite3.connect(path)) as connection, connection:
        (sql,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'deals__closed_at'"
        ).fetchone()

    assert version == SCHEMA_VERSION == 2
    assert sql.endswith('WHERE "closed_at" IS NOT NULL'), sql
    assert found == [id for _, id in closed]
    assert found
    assert owned >= 1
    assert "USING INDEX deals__closed_at" in plan, plan
