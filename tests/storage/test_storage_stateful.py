"""Units of work on both stores against a plain dict model (stateful test).

Two units of work, ``a`` and ``b``, open and close at random on one store,
interleaving reads, adds, saves (current, stale, or at the version read
earlier), deletes, commits, rollbacks and aborted units (an exception
inside the ``with`` block). The model is a dict of committed notes and
versions, plus each open unit's pending writes. After every step a fresh
unit of work sees exactly the committed model, and each open unit sees the
model with its own pending writes: nothing half-applied, nothing lost.

The size is ``stateful_settings`` (tests/helpers.py): small in CI, the long
profile through ``ACCOUNTCORE_STATEFUL_EXAMPLES`` / ``_STEPS``.
"""

from __future__ import annotations

from typing import Any

import attrs
from helpers import stateful_settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    rule,
)
from storage_entities import NOTES, Note

from accountcore.money import Money
from accountcore.storage import MemoryStore, Query, SQLiteStore, Store
from accountcore.storage.errors import (
    ConcurrencyError,
    DuplicateError,
    NotFoundError,
    StoreBusyError,
)

IDS = st.sampled_from([f"n-{n}" for n in range(4)])
SLOTS = st.sampled_from(["a", "b"])
VARIANTS = st.integers(min_value=0, max_value=50)
HOW = st.sampled_from(["current", "stale", "seen"])

_Row = tuple[Note, int]


def note(id: str, variant: int) -> Note:
    return Note(
        id=id,
        author=f"am-{variant % 3}",
        topic=None if variant % 4 == 0 else f"topic-{variant % 2}",
        rank=variant % 5,
        amount=Money(f"{variant}.50", "EUR"),
    )


class Aborted(Exception):
    """Raised inside a unit of work to abort it."""


@attrs.define
class Slot:
    """An open unit of work and what the model expects of it."""

    uow: Any
    pending: dict[str, _Row | None] = attrs.field(factory=dict)
    locked: bool = False
    seen: dict[str, int] = attrs.field(factory=dict)


class UnitsOfWork(RuleBasedStateMachine):
    """The store under test is made by :meth:`make_store`."""

    def make_store(self) -> Store:
        raise NotImplementedError

    def __init__(self) -> None:
        super().__init__()
        self.store = self.make_store()
        self.committed: dict[str, _Row] = {}
        self.slots: dict[str, Slot] = {}

    def teardown(self) -> None:
        for slot in self.slots.values():
            slot.uow.__exit__(None, None, None)
        close = getattr(self.store, "close", None)
        if close is not None:
            close()

    # --- the model -----------------------------------------------------------

    def view(self, name: str) -> dict[str, _Row]:
        """What unit ``name`` should see: the committed notes and its writes."""
        seen: dict[str, _Row | None] = {**self.committed, **self.slots[name].pending}
        return {id: row for id, row in seen.items() if row is not None}

    def other_holds_the_lock(self, name: str) -> bool:
        return any(s.locked for n, s in self.slots.items() if n != name)

    def expect_write(
        self, name: str, write: Any, expected: type[Exception] | None
    ) -> object:
        """Run ``write``; a unit that another holds the lock from is busy
        (and does not get the lock); else it now holds it, and ``expected``
        (an error or ``None``) is what the write gives."""
        slot = self.slots[name]
        if self.other_holds_the_lock(name):
            expected = StoreBusyError
        try:
            result = write()
        except (ConcurrencyError, NotFoundError, DuplicateError) as error:
            got: type[Exception] | None = type(error)
        else:
            got = None
        assert got is expected, f"{name}: expected {expected}, got {got}"
        if got is StoreBusyError:
            return None
        slot.locked = True
        return None if got is not None else result

    # --- rules ---------------------------------------------------------------

    def unit(self, name: str) -> Slot:
        """The open unit ``name`` (opened now if it was not)."""
        if name not in self.slots:
            self.slots[name] = Slot(self.store.unit_of_work().__enter__())
        return self.slots[name]

    @rule(name=SLOTS, id=IDS, variant=VARIANTS)
    def add(self, name: str, id: str, variant: int) -> None:
        entity = note(id, variant)
        repo = self.unit(name).uow.repository(NOTES)
        expected = DuplicateError if id in self.view(name) else None
        version = self.expect_write(name, lambda: repo.add(entity), expected)
        if version is not None:
            assert version == 1
            self.slots[name].pending[id] = (entity, 1)

    @rule(name=SLOTS, id=IDS, variant=VARIANTS, how=HOW)
    def save(self, name: str, id: str, variant: int, how: str) -> None:
        slot = self.unit(name)
        entity = note(id, variant)
        row = self.view(name).get(id)
        current = None if row is None else row[1]
        if how == "current":
            given = current or 1
        elif how == "stale":
            given = max((current or 1) - 1, 0)
        else:
            given = slot.seen.get(id, 1)
        expected: type[Exception] | None = None
        if current is None:
            expected = NotFoundError
        elif given != current:
            expected = ConcurrencyError
        repo = slot.uow.repository(NOTES)
        version = self.expect_write(
            name, lambda: repo.save(entity, expected_version=given), expected
        )
        if version is not None:
            assert current is not None
            assert version == current + 1
            slot.pending[id] = (entity, version)

    @rule(name=SLOTS, id=IDS, checked=st.booleans())
    def delete(self, name: str, id: str, checked: bool) -> None:
        slot = self.unit(name)
        row = self.view(name).get(id)
        given = slot.seen.get(id) if checked else None
        expected: type[Exception] | None = None
        if row is None:
            expected = NotFoundError
        elif given is not None and given != row[1]:
            expected = ConcurrencyError
        repo = slot.uow.repository(NOTES)
        self.expect_write(
            name, lambda: repo.delete(id, expected_version=given), expected
        )
        if expected is None and not self.other_holds_the_lock(name):
            slot.pending[id] = None

    @rule(name=SLOTS, id=IDS)
    def load(self, name: str, id: str) -> None:
        slot = self.unit(name)
        row = self.view(name).get(id)
        repo = slot.uow.repository(NOTES)
        if row is None:
            assert repo.find(id) is None
            return
        found = repo.load(id)
        assert (found.entity, found.version) == row
        slot.seen[id] = found.version

    @rule(name=SLOTS)
    def commit(self, name: str) -> None:
        slot = self.unit(name)
        slot.uow.commit()
        self.committed = self.view(name)
        slot.pending, slot.locked = {}, False

    @rule(name=SLOTS)
    def rollback(self, name: str) -> None:
        slot = self.unit(name)
        slot.uow.rollback()
        slot.pending, slot.locked = {}, False

    @rule(name=SLOTS, abort=st.booleans())
    def close_unit(self, name: str, abort: bool) -> None:
        """Leave the ``with`` block without committing, or by an exception
        (an aborted unit): its pending writes are dropped, none applied."""
        slot = self.unit(name)
        del self.slots[name]
        if abort:
            error = Aborted("abort")
            slot.uow.__exit__(Aborted, error, error.__traceback__)
        else:
            slot.uow.__exit__(None, None, None)

    # --- invariants ------------------------------------------------------------

    @invariant()
    def a_fresh_unit_sees_exactly_the_committed_notes(self) -> None:
        with self.store.unit_of_work() as uow:
            repo = uow.repository(NOTES)
            stored = repo.select(Query())
            assert stored == [self.committed[id][0] for id in sorted(self.committed)]
            for id, (entity, version) in self.committed.items():
                found = repo.load(id)
                assert (found.entity, found.version) == (entity, version)

    @invariant()
    def each_open_unit_sees_its_own_writes_over_the_committed_ones(self) -> None:
        for name, slot in self.slots.items():
            expected = self.view(name)
            stored = slot.uow.repository(NOTES).select(Query())
            assert stored == [expected[id][0] for id in sorted(expected)]


class MemoryUnits(UnitsOfWork):
    def make_store(self) -> Store:
        return MemoryStore(timeout=0)


class SQLiteUnits(UnitsOfWork):
    def make_store(self) -> Store:
        return SQLiteStore(":memory:", timeout=0)


MemoryUnits.TestCase.settings = stateful_settings(40, 30)
SQLiteUnits.TestCase.settings = stateful_settings(25, 30)
test_units_of_work_on_the_memory_store = MemoryUnits.TestCase
test_units_of_work_on_the_sqlite_store = SQLiteUnits.TestCase
