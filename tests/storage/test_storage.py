"""The storage contract on both stores, and the rules of the ports."""

from __future__ import annotations

import ast
import datetime
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from storage_entities import NOTE_SAMPLE, NOTES, make_note

from accountcore.errors import DefinitionError, NaiveDatetimeError
from accountcore.serialization import from_json, to_json
from accountcore.storage import (
    Collection,
    Index,
    MemoryStore,
    Query,
    Range,
    SQLiteStore,
    Store,
)
from accountcore.storage.compensation import ledger_key, quota_key, statement_key
from accountcore.storage.errors import (
    ConcurrencyError,
    InvalidIdError,
    InvalidQueryError,
    StoreBusyError,
    WrongEntityError,
)
from accountcore.storage.repositories import instant_key
from accountcore.testing.contract import (
    ContractFailure,
    Sample,
    StoreContract,
    check_store,
    domain_samples,
    make_ledger,
    make_quota,
    make_statement,
)
from accountcore.testing.storage import queries

SAMPLES = [NOTE_SAMPLE, *domain_samples()]


class TestMemoryStore(StoreContract):
    @pytest.fixture
    def store(self) -> Store:
        return MemoryStore()

    @pytest.fixture(params=SAMPLES, ids=lambda sample: sample.name)
    def sample(self, request: pytest.FixtureRequest) -> Sample[Any]:
        return request.param  # type: ignore[no-any-return]


class TestSQLiteStore(StoreContract):
    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[Store]:
        with SQLiteStore(tmp_path / "contract.sqlite3") as store:
            yield store

    @pytest.fixture(params=SAMPLES, ids=lambda sample: sample.name)
    def sample(self, request: pytest.FixtureRequest) -> Sample[Any]:
        return request.param  # type: ignore[no-any-return]


class TestSQLiteMemoryStore(TestSQLiteStore):
    """``":memory:"`` differs from a file only in where the file is: the
    generic contract on the note collection is enough."""

    @pytest.fixture
    def store(self, tmp_path: Path) -> Iterator[Store]:
        with SQLiteStore(":memory:") as store:
            yield store

    @pytest.fixture(params=[NOTE_SAMPLE], ids=lambda sample: sample.name)
    def sample(self, request: pytest.FixtureRequest) -> Sample[Any]:
        return request.param  # type: ignore[no-any-return]


# --- the ports ------------------------------------------------------------------


def test_a_collection_lists_every_fault_of_its_names() -> None:
    with pytest.raises(DefinitionError, match="3 faults") as raised:
        Collection(
            "deals; drop table x",
            object,
            str,
            (Index("version", str), Index("Owner", str), Index("ok", str)),
        )

    assert "'deals; drop table x'" in str(raised.value)
    assert "'version' is reserved" in str(raised.value)
    assert "'Owner' must be lower-case" in str(raised.value)


@pytest.mark.parametrize(("limit", "offset"), [(-1, 0), (None, -2), (1.5, 0)])
def test_a_query_refuses_negative_or_fractional_paging(limit: Any, offset: Any) -> None:
    bad = limit if offset == 0 else offset

    with pytest.raises(InvalidQueryError, match=repr(bad)):
        Query(limit=limit, offset=offset)


def test_next_page_needs_a_limit() -> None:
    with pytest.raises(InvalidQueryError, match="next_page needs a limit"):
        Query().next_page()


def test_a_query_names_the_unknown_index_of_a_range() -> None:
    store = MemoryStore()

    with store.unit_of_work() as uow, pytest.raises(InvalidQueryError) as raised:
        uow.repository(NOTES).select(Query(range=Range("ownr", "a", "b")))

    assert "ownr" in str(raised.value)
    assert "author, rank, topic" in str(raised.value)


# --- MemoryStore ------------------------------------------------------------------


def test_a_second_memory_writer_gets_busy_after_the_timeout() -> None:
    store = MemoryStore(timeout=0)

    with store.unit_of_work() as first, store.unit_of_work() as second:
        first.repository(NOTES).add(make_note(1))

        with pytest.raises(StoreBusyError, match="n-002") as raised:
            second.repository(NOTES).add(make_note(2))

    assert isinstance(raised.value, ConcurrencyError)


def test_a_rolled_back_memory_unit_releases_the_write_lock() -> None:
    store = MemoryStore(timeout=0)
    with store.unit_of_work() as first:
        first.repository(NOTES).add(make_note(1))

    with store.unit_of_work() as second:
        version = second.repository(NOTES).add(make_note(1))

    assert version == 1


# --- both stores agree ------------------------------------------------------------

_OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["add", "save", "delete", "commit", "rollback"]),
        st.integers(min_value=0, max_value=5),
        st.integers(min_value=0, max_value=3),
    ),
    max_size=25,
)


def _replay(store: Store, operations: list[tuple[str, int, int]]) -> list[Any]:
    """Apply the operations; return every outcome and the final state."""
    outcomes: list[Any] = []
    with store.unit_of_work() as uow:
        notes = uow.repository(NOTES)
        for name, n, version in operations:
            note = make_note(n)
            try:
                if name == "add":
                    outcomes.append(notes.add(note))
                elif name == "save":
                    outcomes.append(notes.save(note, expected_version=version))
                elif name == "delete":
                    notes.delete(note.id, expected_version=version or None)
                elif name == "commit":
                    uow.commit()
                else:
                    uow.rollback()
            except Exception as error:  # the error's kind is the outcome
                outcomes.append(type(error).__name__)
        uow.commit()
    with store.unit_of_work() as uow:
        notes = uow.repository(NOTES)
        stored = [
            (note.id, notes.load(note.id).version) for note in notes.select(Query())
        ]
    return [outcomes, stored]


@settings(max_examples=25)
@given(_OPERATIONS)
def test_memory_and_sqlite_stores_give_the_same_outcomes(
    operations: list[tuple[str, int, int]],
) -> None:
    with SQLiteStore(":memory:") as sqlite:
        expected = _replay(MemoryStore(), operations)

        actual = _replay(sqlite, operations)

    assert actual == expected


# --- purity -----------------------------------------------------------------------


def test_only_the_storage_package_imports_sqlite3() -> None:
    source = Path(__file__).parents[2] / "src" / "accountcore"
    offenders = []

    for path in sorted(source.rglob("*.py")):
        if "storage" in path.relative_to(source).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] == "sqlite3" for name in names):
                offenders.append(str(path.relative_to(source)))

    assert offenders == []


def test_importing_accountcore_does_not_load_sqlite3() -> None:
    code = "import sys, accountcore; print('sqlite3' in sys.modules)"

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "False"


# --- documents --------------------------------------------------------------------

_ZONES = [
    "UTC",
    "Europe/Tallinn",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Tokyo",
]


@settings(max_examples=200)
@given(
    st.datetimes(
        min_value=datetime.datetime(1990, 1, 1), max_value=datetime.datetime(2060, 1, 1)
    ).map(lambda naive: naive.replace(fold=0)),
    st.sampled_from(_ZONES),
)
def test_a_stored_instant_comes_back_in_its_zone_with_its_fold(
    naive: datetime.datetime, zone: str
) -> None:
    moment = pendulum.instance(naive, tz="UTC").in_timezone(zone)

    back = from_json(to_json(moment), datetime.datetime)

    assert type(back) is type(moment)
    assert back == moment
    assert (back.isoformat(), back.fold) == (moment.isoformat(), moment.fold)
    assert back.tzinfo == moment.tzinfo


# --- threads and keys ----------------------------------------------------------------


def test_two_threads_saving_the_same_note_in_a_memory_store_leave_one_winner() -> None:
    store = MemoryStore()
    with store.unit_of_work() as uow:
        uow.repository(NOTES).add(make_note(1))
        uow.commit()
    barrier, outcomes = threading.Barrier(2), {}

    def save_as(author: str) -> None:
        with store.unit_of_work() as uow:
            seen = uow.repository(NOTES).load("n-001")
            barrier.wait()
            try:
                uow.repository(NOTES).save(
                    attrs.evolve(seen.entity, author=author),
                    expected_version=seen.version,
                )
                uow.commit()
                outcomes[author] = "won"
            except ConcurrencyError:
                outcomes[author] = "lost"

    threads = [threading.Thread(target=save_as, args=(a,)) for a in ("ana", "bo")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes.values()) == ["lost", "won"]
    (winner,) = [author for author, outcome in outcomes.items() if outcome == "won"]
    with store.unit_of_work() as uow:
        stored = uow.repository(NOTES).load("n-001")
    assert (stored.version, stored.entity.author) == (2, winner)


def test_an_instant_key_sorts_in_time_order_whatever_the_zone() -> None:
    # 09:30 in Tallinn (UTC+2 in winter) is 07:30 UTC, before 08:00 UTC
    tallinn = pendulum.datetime(2026, 3, 2, 9, 30, tz="Europe/Tallinn")
    london = pendulum.datetime(2026, 3, 2, 8, 0, tz="Europe/London")

    keys = [instant_key(tallinn), instant_key(london)]

    assert keys == ["2026-03-02T07:30:00.000000Z", "2026-03-02T08:00:00.000000Z"]
    assert instant_key(None) is None


def test_an_instant_key_refuses_a_naive_datetime() -> None:
    with pytest.raises(NaiveDatetimeError, match="2026-03-02T09:30:00"):
        instant_key(datetime.datetime(2026, 3, 2, 9, 30))


def test_keys_of_quotas_ledgers_and_statements_name_what_makes_them_unique() -> None:
    quota, ledger, statement = make_quota(0), make_ledger(1), make_statement(2)

    keys = (quota_key(quota), ledger_key(ledger), statement_key(statement))

    assert keys == (
        "am-0/revenue/2026-01-01/2026-02-01",
        "am-1/2026-03-01",
        "am-2/2026-03-01/2026-04-01",
    )


_NOTE_VALUES = {
    "author": ["am-0", "am-1", "am-2", "am-9"],
    "topic": [None, "topic-0", "topic-1", "topic-2", "topic-3"],
    "rank": [0, 1, 2, 3, 4, 7],
}


@pytest.fixture(scope="module")
def seeded_stores() -> Iterator[tuple[Store, Store]]:
    memory, sqlite = MemoryStore(), SQLiteStore(":memory:")
    for store in (memory, sqlite):
        with store.unit_of_work() as uow:
            for n in range(20):
                uow.repository(NOTES).add(make_note(n))
            uow.commit()
    yield memory, sqlite
    sqlite.close()


@settings(max_examples=150)
@given(queries(NOTES, _NOTE_VALUES))
def test_any_query_gives_the_same_page_and_count_in_both_stores(
    seeded_stores: tuple[Store, Store], query: Query
) -> None:
    memory, sqlite = seeded_stores

    with memory.unit_of_work() as one, sqlite.unit_of_work() as other:
        expected = one.repository(NOTES).select(query)
        actual = other.repository(NOTES).select(query)
        counts = (
            one.repository(NOTES).count(query),
            other.repository(NOTES).count(query),
        )

    assert [note.id for note in actual] == [note.id for note in expected]
    assert counts[0] == counts[1]


# --- bad arguments: both stores answer alike, with a library error ----------------


def _both_stores(tmp_path: Path) -> list[Store]:
    return [MemoryStore(), SQLiteStore(tmp_path / "alike.sqlite3")]


@pytest.mark.parametrize("id", [["D-1"], ("D-1",), None, 5, b"D-1"])
def test_an_id_that_is_no_str_is_refused_alike_by_both_stores(
    tmp_path: Path, id: Any
) -> None:
    # a list id: MemoryStore raised TypeError (unhashable), SQLite
    # sqlite3.ProgrammingError; None and 5 were "not found"
    for store in _both_stores(tmp_path):
        with store.unit_of_work() as uow:
            for call in (
                uow.deals.get,
                uow.deals.find,
                uow.deals.load,
                uow.deals.delete,
            ):
                with pytest.raises(InvalidIdError) as raised:
                    call(id)
                assert str(raised.value) == (
                    f"Invalid id {id!r} for deals: an id is a str, "
                    f"got {type(id).__name__}."
                )
                assert isinstance(raised.value, TypeError)
        store.close()


def test_an_entity_of_another_type_is_refused_alike_by_both_stores(
    tmp_path: Path,
) -> None:
    for store in _both_stores(tmp_path):
        with store.unit_of_work() as uow:
            with pytest.raises(
                WrongEntityError,
                match=r"Cannot store None \(NoneType\) in deals: it holds Deal",
            ):
                uow.deals.add(None)  # type: ignore[arg-type]
            with pytest.raises(WrongEntityError, match="it holds Note"):
                uow.repository(NOTES).save("n-1", expected_version=1)  # type: ignore[arg-type]
        store.close()


@pytest.mark.parametrize(
    ("equals", "shown", "reason"),
    [
        ([()], "()", "each condition is a pair (index name, value)"),
        ([("owner",)], "('owner',)", "each condition is a pair"),
        ([(1, "x")], "1", "an index name is a str"),
        ({"owner": ["a"]}, "['a']", "an index value is a str, an int, a Decimal"),
        ({"owner": 1.5}, "1.5", "not float"),
        ({"rank": True}, "True", "not bool"),
        ({"rank": 2**63}, str(2**63), "must lie in [-2**63, 2**63)"),
        ("owner", "'owner'", "a mapping or pairs"),
    ],
)
def test_a_malformed_query_names_the_bad_part(
    equals: Any, shown: str, reason: str
) -> None:
    # Query(equals=[()]) raised IndexError
    with pytest.raises(InvalidQueryError) as raised:
        Query(equals=equals)

    assert f"equals={shown}" in str(raised.value)
    assert reason in str(raised.value)


def test_a_malformed_range_or_order_names_the_bad_part() -> None:
    with pytest.raises(InvalidQueryError, match=r"range=\['rank'\]"):
        Range(["rank"])  # type: ignore[arg-type]
    with pytest.raises(InvalidQueryError, match=r"range start=nan"):
        Range("rank", float("nan"))  # type: ignore[arg-type]
    with pytest.raises(InvalidQueryError, match=r"order_by=3"):
        Query(order_by=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidQueryError, match=r"range='rank'"):
        Query(range="rank")  # type: ignore[arg-type]


def test_a_memory_store_has_no_corrupt_rows_to_collect() -> None:
    store = MemoryStore()
    with store.unit_of_work() as uow:
        uow.repository(NOTES).add(make_note(1))
        selection = uow.repository(NOTES).select_readable(Query())

    assert [n.id for n in selection.entities] == ["n-001"]
    assert selection.corrupt == ()


# --- the contract catches a store that loses an index value's type -------------


def test_check_store_catches_ints_stored_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an adapter that writes every index value as text: as text,
    # 10 < 100 < 2 < 9, so ordering by an int index comes out wrong
    from accountcore.storage import sqlite

    monkeypatch.setattr(sqlite, "_column", lambda v: None if v is None else str(v))
    paths = iter(tmp_path / f"s{n}.sqlite3" for n in range(1000))

    try:
        check_store(lambda: SQLiteStore(next(paths)), samples=[NOTE_SAMPLE])
    except Exception as error:  # not pytest's Failed: an Exception
        failure = error
    else:  # pragma: no cover - the contract must fail
        pytest.fail("check_store passed a store that orders ints as text")

    assert isinstance(failure, ContractFailure)
    assert isinstance(failure, AssertionError)
    assert failure.operation.startswith("test_index_values_keep_their_type_and_order")
    assert "order_by='count'" in failure.operation
    # ranked by value: -3 (p-4), 0 (p-5), 2 (p-2), 9 (p-3), 10, 100, 2**62
    assert failure.expected == ["p-4", "p-5", "p-2", "p-3", "p-0", "p-1", "p-6"]
    assert "should give ['p-4', 'p-5', 'p-2', 'p-3', 'p-0', 'p-1', 'p-6'], got" in str(
        failure
    )


def test_a_contract_failure_says_which_operation_expected_and_got() -> None:
    class Forgetful(MemoryStore):
        """Counts nothing."""

        def unit_of_work(self) -> Any:
            uow = super().unit_of_work()
            uow.count = lambda collection, query: 0  # type: ignore[method-assign]
            return uow

    with pytest.raises(ContractFailure) as raised:
        check_store(Forgetful, samples=[NOTE_SAMPLE])

    assert "[notes]: " in raised.value.operation
    assert "should give" in str(raised.value)
    assert ", got " in str(raised.value)
