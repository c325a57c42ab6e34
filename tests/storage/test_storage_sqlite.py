"""SQLiteStore beyond the contract: processes, crashes, corrupt data, schema."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import attrs
import pytest
from storage_entities import NOTES, Note, make_note

from accountcore.errors import StructureError
from accountcore.serialization import to_json
from accountcore.storage import (
    SCHEMA_VERSION,
    Collection,
    Index,
    Query,
    SQLiteStore,
)
from accountcore.storage.errors import (
    ConcurrencyError,
    CorruptDocumentError,
    DatabaseOpenError,
    SchemaVersionError,
    StoreBusyError,
)

_FORK = multiprocessing.get_context("fork")


def _seed(path: Path, *notes: Note) -> None:
    with SQLiteStore(path) as store, store.unit_of_work() as uow:
        for note in notes:
            uow.repository(NOTES).add(note)
        uow.commit()


def _stored(path: Path) -> list[tuple[str, int, str]]:
    with SQLiteStore(path) as store, store.unit_of_work() as uow:
        notes = uow.repository(NOTES)
        return [
            (note.id, notes.load(note.id).version, to_json(note))
            for note in notes.select(Query())
        ]


# --- two processes --------------------------------------------------------------


def _save_as(path: Path, author: str, barrier: Any, results: Any) -> None:
    """Child: load n-001, wait for the other child to load it, save, commit."""
    with SQLiteStore(path, timeout=10) as store, store.unit_of_work() as uow:
        notes = uow.repository(NOTES)
        seen = notes.load("n-001")
        barrier.wait()
        try:
            notes.save(
                attrs.evolve(seen.entity, author=author),
                expected_version=seen.version,
            )
            uow.commit()
            results.put((author, "won"))
        except ConcurrencyError as error:
            results.put((author, f"ConcurrencyError: {error}"))


def test_two_processes_saving_the_same_version_leave_exactly_one_winner(
    tmp_path: Path,
) -> None:
    path = tmp_path / "race.sqlite3"
    _seed(path, make_note(1))
    barrier, results = _FORK.Barrier(2), _FORK.Queue()
    children = [
        _FORK.Process(target=_save_as, args=(path, author, barrier, results))
        for author in ("ana", "bo")
    ]

    for child in children:
        child.start()
    outcomes = dict(results.get(timeout=30) for _ in children)
    for child in children:
        child.join(timeout=30)

    winners = [author for author, outcome in outcomes.items() if outcome == "won"]
    assert len(winners) == 1, outcomes
    (loser,) = set(outcomes) - set(winners)
    assert "stored version is 2" in outcomes[loser]
    expected = attrs.evolve(make_note(1), author=winners[0])
    assert _stored(path) == [("n-001", 2, to_json(expected))]


def _write_then_hang(path: Path, ready: Any) -> None:
    """Child: write a lot inside a unit of work, then wait to be killed."""
    with SQLiteStore(path) as store, store.unit_of_work() as uow:
        notes = uow.repository(NOTES)
        for n in range(2, 300):
            notes.add(make_note(n))
        notes.save(attrs.evolve(make_note(1), author="ghost"), expected_version=1)
        ready.set()
        signal.pause()


def test_a_process_killed_inside_a_unit_leaves_the_database_as_before(
    tmp_path: Path,
) -> None:
    path = tmp_path / "crash.sqlite3"
    _seed(path, make_note(1))
    before = _stored(path)
    ready = _FORK.Event()
    child = _FORK.Process(target=_write_then_hang, args=(path, ready))

    child.start()
    assert ready.wait(timeout=30)
    os.kill(child.pid or 0, signal.SIGKILL)
    child.join(timeout=30)

    assert child.exitcode == -signal.SIGKILL
    assert _stored(path) == before
    _seed(path, make_note(2))  # the write lock died with the process
    assert [row[0] for row in _stored(path)] == ["n-001", "n-002"]


def test_a_writer_waiting_past_the_timeout_gets_store_busy(tmp_path: Path) -> None:
    with (
        SQLiteStore(tmp_path / "busy.sqlite3", timeout=0.05) as store,
        store.unit_of_work() as first,
        store.unit_of_work() as second,
    ):
        first.repository(NOTES).add(make_note(1))

        with pytest.raises(StoreBusyError, match="n-002") as raised:
            second.repository(NOTES).add(make_note(2))

    assert isinstance(raised.value, ConcurrencyError)


# --- corrupt or foreign documents ---------------------------------------------------


@pytest.mark.parametrize(
    ("document", "detail"),
    [
        ("{not json", "not JSON"),
        ('{"id": "n-001", "title": "a foreign row"}', "unknown fields ['title']"),
        (
            to_json(make_note(1)).replace('"1.50"', "1.5"),
            "got float 1.5 (inexact)",
        ),
        (to_json(make_note(9)), "the document is for id 'n-009'"),
    ],
    ids=["not-json", "foreign", "float-amount", "wrong-id"],
)
def test_a_corrupt_document_names_its_table_and_id(
    tmp_path: Path, document: str, detail: str
) -> None:
    path = tmp_path / "corrupt.sqlite3"
    _seed(path, make_note(1))
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("UPDATE notes SET document = ? WHERE id = ?", (document, "n-001"))
    raw.close()

    with SQLiteStore(path) as store, store.unit_of_work() as uow:
        with pytest.raises(CorruptDocumentError) as raised:
            uow.repository(NOTES).get("n-001")
        with pytest.raises(CorruptDocumentError, match="n-001"):
            uow.repository(NOTES).select(Query())

    assert "in table notes" in str(raised.value)
    assert "'n-001'" in str(raised.value)
    assert detail in str(raised.value)
    assert isinstance(raised.value, StructureError)
    assert (raised.value.table, raised.value.id) == ("notes", "n-001")


def _raw(path: Path, sql: str, *parameters: object) -> None:
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute(sql, parameters)


@pytest.mark.parametrize(
    ("version", "shown"), [("abc", "'abc'"), (1.5, "1.5"), (0, "0"), (None, "None")]
)
def test_a_bad_version_column_is_a_corrupt_row_naming_it(
    tmp_path: Path, version: object, shown: str
) -> None:
    # 'abc' loaded and saving raised ValueError; 1.5 loaded as version 1
    path = tmp_path / "versions.sqlite3"
    _seed(path, make_note(1))
    _raw(path, "PRAGMA ignore_check_constraints = ON")
    if version is None:  # NOT NULL: rebuild the row through a looser table
        _raw(path, "UPDATE notes SET version = 'x' WHERE id = 'n-001'")
        shown = "'x'"
    else:
        _raw(path, "UPDATE notes SET version = ? WHERE id = 'n-001'", version)

    with SQLiteStore(path) as store, store.unit_of_work() as uow:
        notes = uow.repository(NOTES)
        with pytest.raises(CorruptDocumentError) as loaded:
            notes.load("n-001")
        with pytest.raises(CorruptDocumentError) as saved:
            notes.save(make_note(1), expected_version=1)

    for raised in (loaded, saved):
        assert (raised.value.table, raised.value.id) == ("notes", "n-001")
        assert f"version column: expected a whole number ≥ 1, got {shown}" in str(
            raised.value
        )


@pytest.mark.parametrize(
    ("document", "detail"),
    [
        ("42", "expected a JSON object (mapping) for Note, got 42 (a number)"),
        ('"n-001"', "expected a JSON object (mapping) for Note, got 'n-001'"),
        ('[{"id": "n-001"}]', "expected a JSON object (mapping) for Note, got [{"),
    ],
)
def test_a_document_that_is_no_object_is_a_corrupt_row(
    tmp_path: Path, document: str, detail: str
) -> None:
    path = tmp_path / "shape.sqlite3"
    _seed(path, make_note(1))
    _raw(path, "UPDATE notes SET document = ? WHERE id = 'n-001'", document)

    with (
        SQLiteStore(path) as store,
        store.unit_of_work() as uow,
        pytest.raises(CorruptDocumentError) as raised,
    ):
        uow.repository(NOTES).get("n-001")

    assert "Stored document 'n-001' in table notes" in str(raised.value)
    assert detail in str(raised.value)


def test_bad_utf8_in_a_document_is_a_corrupt_row(tmp_path: Path) -> None:
    path = tmp_path / "utf8.sqlite3"
    _seed(path, make_note(1))
    _raw(path, "UPDATE notes SET document = ? WHERE id = 'n-001'", b'{"id":"\xff"}')

    with (
        SQLiteStore(path) as store,
        store.unit_of_work() as uow,
        pytest.raises(CorruptDocumentError, match="not UTF-8"),
    ):
        uow.repository(NOTES).get("n-001")


def test_select_readable_reads_the_good_rows_and_collects_the_bad_ones(
    tmp_path: Path,
) -> None:
    # five notes; n-002 has a bad document, n-004 a bad version
    path = tmp_path / "mixed.sqlite3"
    _seed(path, *(make_note(n) for n in range(5)))
    _raw(path, "UPDATE notes SET document = '[' WHERE id = 'n-002'")
    _raw(path, "UPDATE notes SET version = 'v' WHERE id = 'n-004'")

    with SQLiteStore(path) as store, store.unit_of_work() as uow:
        notes = uow.repository(NOTES)
        with pytest.raises(CorruptDocumentError, match="'n-002' in table notes"):
            notes.select(Query())
        selection = notes.select_readable(Query())
        page = notes.select_readable(Query(limit=2, offset=2))

    # select_readable reads documents only: n-004's version is not read
    assert [n.id for n in selection.entities] == ["n-000", "n-001", "n-003", "n-004"]
    assert [(e.table, e.id) for e in selection.corrupt] == [("notes", "n-002")]
    # the page counts rows, good and bad: rows 2 and 3 are n-002 and n-003
    assert [n.id for n in page.entities] == ["n-003"]
    assert [e.id for e in page.corrupt] == ["n-002"]


@pytest.mark.parametrize(
    ("path", "reason"),
    [("", "an empty path names no file"), (None, "a path is a str or a Path")],
)
def test_a_path_that_names_no_file_is_refused(path: Any, reason: str) -> None:
    with pytest.raises(DatabaseOpenError, match=reason):
        SQLiteStore(path)


def test_a_file_that_is_not_a_database_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database " * 100)

    with pytest.raises(DatabaseOpenError) as raised:
        SQLiteStore(path)

    assert str(path) in str(raised.value)
    assert "file is not a database" in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_a_directory_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError, match="unable to open database file"):
        SQLiteStore(tmp_path / "missing" / "store.sqlite3")


# --- schema ---------------------------------------------------------------------------


def test_a_new_database_is_at_the_current_schema_version(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "new.sqlite3") as store:
        assert store.schema_version() == SCHEMA_VERSION == 2


def test_a_database_from_a_newer_accountcore_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    SQLiteStore(path).close()
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("UPDATE accountcore_schema SET version = 99")
    raw.close()

    with pytest.raises(SchemaVersionError, match="schema version 99") as raised:
        SQLiteStore(path)

    assert (raised.value.found, raised.value.known) == (99, SCHEMA_VERSION)


def test_the_store_opens_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "wal.sqlite3"

    SQLiteStore(path).close()

    with closing(sqlite3.connect(path)) as raw, raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    raw.close()


def test_an_index_added_later_is_filled_from_the_stored_documents(
    tmp_path: Path,
) -> None:
    path = tmp_path / "grown.sqlite3"
    fewer = Collection("notes", Note, lambda note: note.id, NOTES.indexes[:1])
    with SQLiteStore(path) as store, store.unit_of_work() as uow:
        for n in range(6):
            uow.repository(fewer).add(make_note(n))
        uow.commit()

    with SQLiteStore(path) as store, store.unit_of_work() as uow:
        found = uow.repository(NOTES).select(Query(equals={"rank": 2}))

    # rank = 7n mod 5: n=1 → 2 (7), n=6 would be next; of 0..5 only n=1
    assert [note.id for note in found] == ["n-001"]


def test_a_collection_unknown_to_the_database_gets_its_own_table(
    tmp_path: Path,
) -> None:
    tags = Collection("tags", str, str, (Index("first", lambda tag: tag[:1]),))

    with SQLiteStore(tmp_path / "tags.sqlite3") as store, store.unit_of_work() as uow:
        uow.repository(tags).add("alpha")
        uow.repository(tags).add("beta")
        found = uow.repository(tags).select(Query(equals={"first": "b"}))

    assert found == ["beta"]


def test_reading_a_known_collection_does_not_wait_for_a_writer(
    tmp_path: Path,
) -> None:
    path = tmp_path / "readers.sqlite3"
    _seed(path, make_note(1))
    with (
        SQLiteStore(path) as writer_store,
        SQLiteStore(path, timeout=0.05) as reader_store,
        writer_store.unit_of_work() as writer,
    ):
        writer.repository(NOTES).add(make_note(2))
        with reader_store.unit_of_work() as reader:
            seen = [note.id for note in reader.repository(NOTES).select(Query())]

    assert seen == ["n-001"]
