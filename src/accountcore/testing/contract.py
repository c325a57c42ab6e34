"""The storage contract: one pytest class any store must pass.

A CRM that stores accountcore entities in its own database proves its
adapter behaves like ours by subclassing :class:`StoreContract` and giving
it a ``store`` fixture::

    import pytest
    from accountcore.testing.contract import StoreContract

    class TestMyCrmStore(StoreContract):
        @pytest.fixture
        def store(self, tmp_path):
            store = MyCrmStore(tmp_path / "crm.db")
            yield store
            store.close()

Every test then runs against that store, once per :class:`Sample` (by
default one per domain collection: clients, deals…). Override the
``sample`` fixture to run the generic tests on other collections.

Without pytest, :func:`check_store` runs the same checks; a failure is a
:class:`ContractFailure` (an ``AssertionError``) saying which check, which
operation on which value, what was expected and what the store gave.

>>> "test_of_two_units_saving_the_same_version_exactly_one_wins" in dir(StoreContract)
True
"""

from __future__ import annotations

import datetime as _dt
import inspect
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import attrs
import pytest

from accountcore._convert import shown
from accountcore.clients import Client, ClientStatus, ClientTier
from accountcore.commissions import CommissionStatement, Ledger
from accountcore.errors import AccountcoreError
from accountcore.periods import FiscalCalendar, Period
from accountcore.pipeline import Deal, Outcome
from accountcore.quotas import Measure
from accountcore.serialization import unstructure
from accountcore.storage.compensation import statement_key
from accountcore.storage.errors import (
    ConcurrencyError,
    DuplicateError,
    InvalidQueryError,
    NotFoundError,
)
from accountcore.storage.protocols import Collection, Index, Query, Range, Store
from accountcore.testing.i18n import typed
from accountcore.testing.samples import (
    Sample,
    client_sample,
    compensation_samples,
    deal_sample,
    domain_samples,
    make_account_plan,
    make_activity,
    make_client,
    make_complaint,
    make_contact,
    make_contract,
    make_deal,
    make_dispute,
    make_expense,
    make_expense_budget,
    make_explained_statement,
    make_ledger,
    make_plan,
    make_quota,
    make_reporting_line,
    make_statement,
    make_typed_statement,
    month,
)

__all__ = [
    "ContractFailure",
    "PROBES",
    "Probe",
    "Sample",
    "StoreContract",
    "check_store",
    "client_sample",
    "deal_sample",
    "domain_samples",
    "compensation_samples",
    "make_client",
    "make_deal",
    "make_explained_statement",
    "make_ledger",
    "make_plan",
    "make_probe",
    "make_quota",
    "make_statement",
    "make_typed_statement",
]

_SIZE = 12
"""Entities per sample in the query tests: enough for three pages of five."""


class ContractFailure(AccountcoreError, AssertionError):
    """A store that breaks the contract: which operation, expected, got.

    >>> print(ContractFailure("select(order_by='count')", [2, 9, 10], [10, 2, 9]))
    Store contract broken: select(order_by='count') should give [2, 9, 10], got [10, 2, 9].
    """

    operation: str
    expected: object
    got: object

    def __init__(self, operation: str, expected: object, got: object) -> None:
        self.operation = operation
        self.expected = expected
        self.got = got
        super().__init__(
            f"Store contract broken: {operation} should give "
            f"{shown(expected, 400)}, got {shown(got, 400)}."
        )


def _expect(operation: str, expected: object, got: object) -> None:
    """Raise :class:`ContractFailure` unless ``got == expected``."""
    if got != expected:
        raise ContractFailure(operation, expected, got)


class _Raised:
    """What :func:`_raises` caught (``value``, as ``pytest.raises`` has it)."""

    value: Any = None


@contextmanager
def _raises(
    kind: type[BaseException], match: str = "", *, operation: str = "the call"
) -> Iterator[_Raised]:
    """Like ``pytest.raises`` (``match`` is a plain substring), but a
    failure is a :class:`ContractFailure`, so it works without pytest."""
    caught = _Raised()
    expected = f"{kind.__name__}" + (f" mentioning {match!r}" if match else "")
    try:
        yield caught
    except kind as error:
        if match not in str(error):
            raise ContractFailure(operation, expected, str(error)) from error
        caught.value = error
        return
    raise ContractFailure(operation, expected, "no error")


def _same(left: object, right: object) -> bool:
    """Equal in every stored field (entities compare by id alone)."""
    return bool(unstructure(left) == unstructure(right))


@attrs.frozen
class Probe:
    """An entity with one index of each kind of value: the contract checks
    that a store keeps each value's type and order."""

    id: str
    count: int
    amount: Decimal
    day: _dt.date
    label: str


PROBES: Collection[Probe] = Collection(
    "contract_probes",
    Probe,
    lambda probe: probe.id,
    (
        Index("count", lambda probe: probe.count),
        Index("amount", lambda probe: probe.amount),
        Index("day", lambda probe: probe.day),
        Index("label", lambda probe: probe.label),
    ),
)
"""The collection of :class:`Probe` (a store's stringified ints, floated
Decimals or dates out of order show up here)."""

_PROBE_VALUES: dict[str, list[Any]] = {
    # as text, 10 < 100 < 2 < 9: a store that stores ints as text misorders them
    "count": [10, 100, 2, 9, -3, 0, 2**62],
    "amount": [
        Decimal("10"),
        Decimal("9.5"),
        Decimal("-2.25"),
        Decimal("100.00"),
        Decimal("0.001"),
        Decimal("-10"),
        Decimal("12345678901234567890.123456789"),
    ],
    "day": [
        _dt.date(2026, 1, 10),
        _dt.date(2025, 12, 31),
        _dt.date(2026, 10, 1),
        _dt.date(999, 1, 1),
        _dt.date(2026, 9, 30),
        _dt.date(9999, 12, 31),
        _dt.date(2026, 1, 9),
    ],
    "label": ["b", "B", "a", "é", "10", "9", ""],
}
"""Values whose order differs as text, as floats and by value."""

_FOREIGN: dict[str, Any] = {
    "count": "10",
    "amount": "10",
    "day": "2026-01-10",
    "label": 10,
}
"""A value of another type for each probe index: it must match nothing."""


def make_probe(n: int) -> Probe:
    """The n-th probe (0 ≤ n < 7): the n-th value of each kind."""
    return Probe(
        f"p-{n}",
        *(_PROBE_VALUES[name][n] for name in ("count", "amount", "day", "label")),
    )


class StoreContract:
    """The behaviour every store must show; subclass it as ``Test…`` and
    provide a ``store`` fixture."""

    @pytest.fixture
    def store(self) -> Store:
        """Override: return (or yield) the store under test, empty."""
        pytest.fail("StoreContract needs a `store` fixture returning your store")

    @pytest.fixture(params=domain_samples(), ids=lambda sample: sample.name)
    def sample(self, request: pytest.FixtureRequest) -> Sample[Any]:
        """Each sample the generic tests run on; override to choose others."""
        chosen: Sample[Any] = request.param
        return chosen

    # --- helpers -----------------------------------------------------------

    @staticmethod
    def _seed(store: Store, sample: Sample[Any], count: int) -> list[Any]:
        entities = [sample.make(n) for n in range(count)]
        with store.unit_of_work() as uow:
            repository = uow.repository(sample.collection)
            for entity in entities:
                repository.add(entity)
            uow.commit()
        return entities

    @staticmethod
    def _id(sample: Sample[Any], entity: Any) -> str:
        return sample.collection.id_of(entity)

    # --- get, find, add ------------------------------------------------------

    def test_add_stores_a_new_entity_at_version_1(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        entity = sample.make(0)

        with store.unit_of_work() as uow:
            version = uow.repository(sample.collection).add(entity)
            uow.commit()

        with store.unit_of_work() as uow:
            loaded = uow.repository(sample.collection).load(self._id(sample, entity))
        assert version == 1
        assert loaded.version == 1
        assert _same(loaded.entity, entity)

    def test_get_of_a_missing_id_names_it(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        with store.unit_of_work() as uow:
            repository = uow.repository(sample.collection)

            with _raises(
                NotFoundError, "no-such-id", operation="get('no-such-id')"
            ) as raised:
                repository.get("no-such-id")

            assert isinstance(raised.value, KeyError)
            assert repository.find("no-such-id") is None

    def test_add_of_a_stored_id_is_a_duplicate(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        (entity,) = self._seed(store, sample, 1)

        with (
            store.unit_of_work() as uow,
            _raises(DuplicateError, operation="add of a stored id") as raised,
        ):
            uow.repository(sample.collection).add(sample.change(entity))

        assert self._id(sample, entity) in str(raised.value)
        with store.unit_of_work() as uow:
            assert _same(uow.repository(sample.collection).get(raised.value.id), entity)

    # --- save and delete with versions -------------------------------------

    def test_save_at_the_stored_version_replaces_and_bumps_it(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        (entity,) = self._seed(store, sample, 1)
        changed = sample.change(entity)

        with store.unit_of_work() as uow:
            version = uow.repository(sample.collection).save(
                changed, expected_version=1
            )
            uow.commit()

        with store.unit_of_work() as uow:
            loaded = uow.repository(sample.collection).load(self._id(sample, entity))
        assert version == loaded.version == 2
        assert _same(loaded.entity, changed)

    def test_a_stale_save_is_refused_and_keeps_the_stored_entity(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        (entity,) = self._seed(store, sample, 1)
        id = self._id(sample, entity)

        with store.unit_of_work() as uow:
            repository = uow.repository(sample.collection)
            with _raises(
                ConcurrencyError,
                "expected version 7",
                operation="save at version 7 of 1",
            ) as raised:
                repository.save(sample.change(entity), expected_version=7)
            uow.commit()

        assert (raised.value.id, raised.value.actual) == (id, 1)
        with store.unit_of_work() as uow:
            loaded = uow.repository(sample.collection).load(id)
        assert loaded.version == 1
        assert _same(loaded.entity, entity)

    def test_save_of_a_missing_id_is_not_found(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        entity = sample.make(0)

        with (
            store.unit_of_work() as uow,
            _raises(NotFoundError, operation="save of a missing id") as raised,
        ):
            uow.repository(sample.collection).save(entity, expected_version=1)

        assert raised.value.id == self._id(sample, entity)

    def test_delete_removes_the_entity(self, store: Store, sample: Sample[Any]) -> None:
        (entity,) = self._seed(store, sample, 1)
        id = self._id(sample, entity)

        with store.unit_of_work() as uow:
            uow.repository(sample.collection).delete(id, expected_version=1)
            uow.commit()

        with store.unit_of_work() as uow:
            assert uow.repository(sample.collection).find(id) is None
            with _raises(NotFoundError, id, operation=f"delete({id!r}) after delete"):
                uow.repository(sample.collection).delete(id)

    def test_a_stale_delete_is_refused_and_keeps_the_entity(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        (entity,) = self._seed(store, sample, 1)
        id = self._id(sample, entity)

        with store.unit_of_work() as uow:
            with _raises(
                ConcurrencyError,
                "expected version 3",
                operation="delete at version 3 of 1",
            ):
                uow.repository(sample.collection).delete(id, expected_version=3)
            uow.commit()

        with store.unit_of_work() as uow:
            assert uow.repository(sample.collection).load(id).version == 1

    # --- units of work -------------------------------------------------------

    def test_a_unit_left_without_commit_leaves_nothing(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        (first,) = self._seed(store, sample, 1)

        with store.unit_of_work() as uow:
            repository = uow.repository(sample.collection)
            repository.add(sample.make(1))
            repository.save(sample.change(first), expected_version=1)

        with store.unit_of_work() as uow:
            repository = uow.repository(sample.collection)
            assert repository.find(self._id(sample, sample.make(1))) is None
            assert repository.load(self._id(sample, first)).version == 1

    def test_an_error_inside_a_unit_rolls_back_every_write(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        entities = [sample.make(n) for n in range(3)]

        def add_all_then_one_again() -> None:
            with store.unit_of_work() as uow:
                repository = uow.repository(sample.collection)
                for entity in entities:
                    repository.add(entity)
                repository.add(entities[0])
                uow.commit()  # pragma: no cover - never reached

        with _raises(DuplicateError, operation="add of an id added in the same unit"):
            add_all_then_one_again()

        with store.unit_of_work() as uow:
            assert uow.repository(sample.collection).count(Query()) == 0

    def test_a_unit_reads_its_own_writes_and_others_do_not_before_commit(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        entity = sample.make(0)
        id = self._id(sample, entity)

        with store.unit_of_work() as writer:
            writer.repository(sample.collection).add(entity)
            seen_inside = writer.repository(sample.collection).select(Query())
            with store.unit_of_work() as reader:
                seen_outside = reader.repository(sample.collection).find(id)
            writer.commit()

        assert [self._id(sample, e) for e in seen_inside] == [id]
        assert seen_outside is None

    def test_of_two_units_saving_the_same_version_exactly_one_wins(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        (entity,) = self._seed(store, sample, 1)
        id = self._id(sample, entity)
        winner = sample.change(entity)

        with store.unit_of_work() as first, store.unit_of_work() as second:
            first_seen = first.repository(sample.collection).load(id)
            second_seen = second.repository(sample.collection).load(id)
            first.repository(sample.collection).save(
                winner, expected_version=first_seen.version
            )
            first.commit()

            def save_second() -> None:
                # a store may refuse at save or, at the latest, at commit
                second.repository(sample.collection).save(
                    second_seen.entity, expected_version=second_seen.version
                )
                second.commit()

            with _raises(
                ConcurrencyError,
                "stored version is 2",
                operation="save at version 1 after another unit saved version 2",
            ):
                save_second()

        with store.unit_of_work() as uow:
            stored = uow.repository(sample.collection).load(id)
        assert stored.version == 2
        assert _same(stored.entity, winner)

    def test_writes_after_a_commit_need_their_own_commit(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        with store.unit_of_work() as uow:
            uow.repository(sample.collection).add(sample.make(0))
            uow.commit()
            uow.repository(sample.collection).add(sample.make(1))

        with store.unit_of_work() as uow:
            assert uow.repository(sample.collection).count(Query()) == 1

    # --- queries -------------------------------------------------------------

    def test_queries_match_every_index_value_in_id_order(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        entities = self._seed(store, sample, _SIZE)
        collection = sample.collection

        with store.unit_of_work() as uow:
            repository = uow.repository(collection)
            for name in collection.index_names:
                for value in {collection.index_values(e)[name] for e in entities}:
                    query = Query(equals={name: value})

                    found = [self._id(sample, e) for e in repository.select(query)]

                    expected = sorted(
                        self._id(sample, e)
                        for e in entities
                        if collection.index_values(e)[name] == value
                    )
                    _expect(
                        f"select(Query(equals={{{name!r}: {value!r}}}))",
                        expected,
                        found,
                    )
                    _expect(
                        f"count(Query(equals={{{name!r}: {value!r}}}))",
                        len(expected),
                        repository.count(query),
                    )

    def test_pages_cover_every_entity_once_in_a_stable_order(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        entities = self._seed(store, sample, _SIZE)
        names = [None, *sample.collection.index_names]

        with store.unit_of_work() as uow:
            repository = uow.repository(sample.collection)
            for order_by in names:
                query, pages = Query(order_by=order_by, limit=5), list[str]()
                while page := repository.select(query):
                    pages.extend(self._id(sample, e) for e in page)
                    query = query.next_page()

                whole = [
                    self._id(sample, e)
                    for e in repository.select(Query(order_by=order_by))
                ]
                _expect(f"pages of 5 ordered by {order_by!r}", whole, pages)
                _expect(
                    f"select(Query(order_by={order_by!r}))",
                    sorted(self._id(sample, e) for e in entities),
                    sorted(whole),
                )
                _expect(
                    "count(Query(limit=1, offset=3)) (paging ignored)",
                    _SIZE,
                    repository.count(Query(limit=1, offset=3)),
                )

    def test_ordering_by_an_index_puts_unset_first_then_value_then_id(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        entities = self._seed(store, sample, _SIZE)
        collection = sample.collection

        with store.unit_of_work() as uow:
            repository = uow.repository(collection)
            for name in collection.index_names:
                found = repository.select(Query(order_by=name))

                def key(entity: Any, name: str = name) -> tuple[bool, Any, str]:
                    value = collection.index_values(entity)[name]
                    return (value is not None, value, self._id(sample, entity))

                expected = sorted(entities, key=key)
                _expect(
                    f"select(Query(order_by={name!r}))",
                    [self._id(sample, e) for e in expected],
                    [self._id(sample, e) for e in found],
                )

    def test_a_range_is_half_open_and_skips_unset_values(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        entities = self._seed(store, sample, _SIZE)
        collection = sample.collection

        with store.unit_of_work() as uow:
            repository = uow.repository(collection)
            for name in collection.index_names:
                values = sorted(
                    {
                        v
                        for e in entities
                        if (v := collection.index_values(e)[name]) is not None
                    }
                )
                if len(values) < 2:
                    continue
                start, end = values[0], values[-1]

                def inside(value: Any, start: Any = start, end: Any = end) -> bool:
                    return value is not None and bool(start <= value < end)

                found = repository.select(Query(range=Range(name, start, end)))

                expected = sorted(
                    self._id(sample, e)
                    for e in entities
                    if inside(collection.index_values(e)[name])
                )
                _expect(
                    f"select(Query(range=Range({name!r}, {start!r}, {end!r})))",
                    expected,
                    sorted(self._id(sample, e) for e in found),
                )

    def test_index_values_keep_their_type_and_order(self, store: Store) -> None:
        probes = [make_probe(n) for n in range(7)]
        with store.unit_of_work() as uow:
            for probe in probes:
                uow.repository(PROBES).add(probe)
            uow.commit()

        with store.unit_of_work() as uow:
            repository = uow.repository(PROBES)
            for name, values in _PROBE_VALUES.items():
                ranked = [p.id for _, p in sorted(zip(values, probes, strict=True))]
                found = [p.id for p in repository.select(Query(order_by=name))]
                _expect(f"select(Query(order_by={name!r})) on {values}", ranked, found)
                for value, probe in zip(values, probes, strict=True):
                    found = [
                        p.id for p in repository.select(Query(equals={name: value}))
                    ]
                    _expect(
                        f"select(Query(equals={{{name!r}: {value!r}}}))",
                        [probe.id],
                        found,
                    )
                foreign = _FOREIGN[name]
                found = [p.id for p in repository.select(Query(equals={name: foreign}))]
                _expect(
                    f"select(Query(equals={{{name!r}: {foreign!r}}})) (another type)",
                    [],
                    found,
                )
                low, high = sorted(values)[1], sorted(values)[-1]
                inside = sorted(
                    p.id for v, p in zip(values, probes, strict=True) if low <= v < high
                )
                found = sorted(
                    p.id for p in repository.select(Query(range=Range(name, low, high)))
                )
                _expect(
                    f"select(Query(range=Range({name!r}, {low!r}, {high!r})))",
                    inside,
                    found,
                )

    def test_a_query_on_an_unknown_index_names_it(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        with store.unit_of_work() as uow:
            repository = uow.repository(sample.collection)

            with _raises(
                InvalidQueryError,
                "no_such_index",
                operation="select(Query(order_by='no_such_index'))",
            ):
                repository.select(Query(order_by="no_such_index"))

    # --- the domain queries --------------------------------------------------

    @staticmethod
    def _seed_domain(store: Store) -> tuple[list[Client], list[Deal]]:
        clients = [make_client(n) for n in range(_SIZE)]
        deals = [make_deal(n) for n in range(_SIZE)]
        with store.unit_of_work() as uow:
            for client in clients:
                uow.clients.add(client)
            for deal in deals:
                uow.deals.add(deal)
            uow.commit()
        return clients, deals

    def test_clients_are_found_by_owner_tier_and_status(self, store: Store) -> None:
        clients, _ = self._seed_domain(store)

        with store.unit_of_work() as uow:
            by_owner = [c.id for c in uow.clients.by_owner("am-1")]
            by_tier = [c.id for c in uow.clients.by_tier(ClientTier.VIP)]
            by_status = [c.id for c in uow.clients.by_status(ClientStatus.DORMANT)]
            second_page = [
                c.id for c in uow.clients.by_owner("am-1", limit=2, offset=2)
            ]

        assert by_owner == [c.id for c in clients if c.owner == "am-1"]
        assert by_tier == [c.id for c in clients if c.tier is ClientTier.VIP]
        assert by_status == [c.id for c in clients if c.status is ClientStatus.DORMANT]
        assert second_page == by_owner[2:4]

    def test_deals_are_found_by_owner_client_stage_and_outcome(
        self, store: Store
    ) -> None:
        _, deals = self._seed_domain(store)

        with store.unit_of_work() as uow:
            found = {
                "owner": [d.id for d in uow.deals.by_owner("am-2")],
                "client": [d.id for d in uow.deals.by_client("C-001")],
                "stage": [d.id for d in uow.deals.by_stage("contract_signed")],
                "outcome": [d.id for d in uow.deals.by_outcome(Outcome.LOST)],
            }

        assert found == {
            "owner": [d.id for d in deals if d.owner == "am-2"],
            "client": [d.id for d in deals if d.client_id == "C-001"],
            "stage": [d.id for d in deals if d.stage == "contract_signed"],
            "outcome": [d.id for d in deals if d.outcome is Outcome.LOST],
        }

    def test_deals_closed_in_a_period_are_read_in_its_calendars_timezone(
        self, store: Store
    ) -> None:
        _, deals = self._seed_domain(store)
        tallinn = FiscalCalendar(timezone="Europe/Tallinn")
        february = Period.month(2026, 2)

        with store.unit_of_work() as uow:
            found = uow.deals.closed_in(february, calendar=tallinn)

        expected = sorted(
            (
                d
                for d in deals
                if d.closed_at and tallinn.contains(february, d.closed_at)
            ),
            key=lambda d: (_utc(d.closed_at), d.id),
        )
        assert [d.id for d in found] == [d.id for d in expected]
        assert expected  # the sample closes deals in February

    def test_quotas_are_found_by_owner_period_and_start(self, store: Store) -> None:
        quotas = [make_quota(n) for n in range(_SIZE)]
        with store.unit_of_work() as uow:
            for quota in quotas:
                uow.quotas.add(quota)
            uow.commit()

        with store.unit_of_work() as uow:
            exact = uow.quotas.for_period("am-1", month(4))
            counted = uow.quotas.for_period("am-1", month(4), Measure.DEALS_WON)
            by_owner = uow.quotas.by_owner("am-2")
            spring = uow.quotas.starting_in(Period.quarter(2026, 2))

        assert exact == quotas[4]
        assert counted is None  # quota 4 is a revenue quota
        assert by_owner == [q for q in quotas if q.owner == "am-2"]
        assert spring == quotas[3:6]

    def test_contracts_are_found_by_owner_client_and_day_to_act(
        self, store: Store
    ) -> None:
        contracts = [make_contract(n) for n in range(_SIZE)]
        with store.unit_of_work() as uow:
            for contract in contracts:
                uow.contracts.add(contract)
            uow.commit()

        window = Period.quarter(2026, 4)
        with store.unit_of_work() as uow:
            by_owner = uow.contracts.by_owner("am-1")
            by_client = uow.contracts.by_client("C-2")
            deciding = uow.contracts.deciding_in(window)

        def ordered(found: list[Any]) -> list[Any]:
            return sorted(found, key=lambda k: (k.decide_by, k.id))

        assert by_owner == ordered([k for k in contracts if k.owner == "am-1"])
        assert by_client == ordered([k for k in contracts if k.client_id == "C-2"])
        assert deciding == ordered([k for k in contracts if k.decide_by in window])
        assert deciding  # the sample has renewals to act on in 2026-Q4

    def test_the_latest_ledger_is_the_one_paid_furthest(self, store: Store) -> None:
        ledgers = [make_ledger(n) for n in range(_SIZE)]
        with store.unit_of_work() as uow:
            for ledger in ledgers:
                uow.ledgers.add(ledger)
            uow.ledgers.add(Ledger.opening("am-1", "EUR"))
            uow.commit()

        with store.unit_of_work() as uow:
            history = uow.ledgers.by_owner("am-1")
            latest = uow.ledgers.latest("am-1")
            nobody = uow.ledgers.latest("nobody")

        assert history[0] == Ledger.opening("am-1", "EUR")
        assert [str(ledger.through) for ledger in history[1:]] == sorted(
            str(ledger.through) for ledger in ledgers if ledger.owner == "am-1"
        )
        assert latest == history[-1]
        assert nobody is None

    def test_complaints_are_found_by_client_owner_and_status(
        self, store: Store
    ) -> None:
        complaints = [make_complaint(n) for n in range(_SIZE)]
        with store.unit_of_work() as uow:
            for complaint in complaints:
                uow.complaints.add(complaint)
            uow.commit()

        with store.unit_of_work() as uow:
            of_client = uow.complaints.by_client("client-1")
            of_owner = uow.complaints.by_owner("am-0", limit=2)
            acknowledged = uow.complaints.by_status("acknowledged")
            loaded = uow.complaints.get("complaint-003")

        _expect(
            "complaints.by_client",
            [c for c in complaints if c.client_id == "client-1"],
            of_client,
        )
        _expect(
            "complaints.by_owner",
            [c for c in complaints if c.owner == "am-0"][:2],
            of_owner,
        )
        _expect(
            "complaints.by_status",
            [c for c in complaints if c.status == "acknowledged"],
            acknowledged,
        )
        _expect("complaints.get", complaints[3], loaded)

    def test_statements_are_found_by_owner_and_period(self, store: Store) -> None:
        statements = [make_statement(n) for n in range(_SIZE)]
        with store.unit_of_work() as uow:
            for statement in statements:
                uow.statements.add(statement)
            uow.plans.add(make_plan(1))
            uow.commit()

        with store.unit_of_work() as uow:
            by_owner = uow.statements.by_owner("am-0", limit=2, offset=1)
            summer = uow.statements.starting_in(Period.quarter(2026, 3))
            plan = uow.plans.get("plan-001")

        assert by_owner == [s for s in statements if s.owner == "am-0"][1:3]
        assert summer == statements[6:9]
        assert _same(plan, make_plan(1))

    # --- statements keep their explanations ----------------------------------

    def test_a_stored_statement_comes_back_equal_and_explains_itself_alike(
        self, store: Store
    ) -> None:
        statement = make_explained_statement()

        loaded = _stored_and_read(store, statement)

        assert loaded == statement
        assert [line.message for line in loaded.lines] == [
            line.message for line in statement.lines
        ], "every line's message (id and parameters) must be stored"
        assert _typed_messages(loaded) == _typed_messages(statement)
        for locale in _LOCALES:
            assert loaded.explain(locale) == statement.explain(locale), locale

    def test_every_kind_of_message_parameter_comes_back_as_its_type(
        self, store: Store
    ) -> None:
        statement = make_typed_statement()

        loaded = _stored_and_read(store, statement)

        assert loaded == statement
        assert _typed_messages(loaded) == _typed_messages(statement)
        *shown, _period = zip(loaded.lines, statement.lines, strict=True)
        for back, line in shown:
            assert back.describe("lv_LV") == line.describe("lv_LV"), line.component

    # --- activities and contact persons ------------------------------------------

    def test_activities_are_found_by_client_deal_owner_and_plan(
        self, store: Store
    ) -> None:
        activities = [make_activity(n) for n in range(_SIZE)]
        with store.unit_of_work() as uow:
            for activity in reversed(activities):
                uow.activities.add(activity)
            uow.commit()

        with store.unit_of_work() as uow:
            by_client = uow.activities.by_client("C-001")
            by_deal = uow.activities.by_deal("D-000", limit=2, offset=1)
            by_owner = uow.activities.by_owner("am-2")
            planned = uow.activities.planned("am-0")

        # make_activity(n) is n days after the first: id order is time order
        assert by_client == [a for a in activities if a.client_id == "C-001"]
        assert by_deal == [a for a in activities if a.deal_id == "D-000"][1:3]
        assert by_owner == [a for a in activities if a.owner == "am-2"]
        assert planned == [a for a in activities if a.owner == "am-0" and a.planned]
        assert planned  # the sample plans activities for am-0
        assert by_client[0].at.tzinfo is not None

    def test_contacts_are_found_by_client(self, store: Store) -> None:
        contacts = [make_contact(n) for n in range(_SIZE)]
        with store.unit_of_work() as uow:
            for contact in contacts:
                uow.contacts.add(contact)
            uow.commit()

        with store.unit_of_work() as uow:
            found = uow.contacts.by_client("C-002")
            page = uow.contacts.by_client("C-002", limit=1, offset=1)

        assert found == [c for c in contacts if c.client_id == "C-002"]
        assert [c.roles for c in found] == [
            c.roles for c in contacts if c.client_id == "C-002"
        ]
        assert page == found[1:2]

    # --- representation expenses and their budgets -------------------------------

    def test_expenses_are_found_by_owner_client_and_period(self, store: Store) -> None:
        expenses = [make_expense(n) for n in range(_SIZE)]
        with store.unit_of_work() as uow:
            for expense in reversed(expenses):
                uow.expenses.add(expense)
            uow.commit()

        january_second_week = Period(_dt.date(2026, 1, 8), _dt.date(2026, 1, 15))
        with store.unit_of_work() as uow:
            of_owner = uow.expenses.of_owner("am-1")
            of_owner_in_week = uow.expenses.of_owner("am-1", january_second_week)
            of_client = uow.expenses.of_client("C-002", limit=2)
            in_week = uow.expenses.in_period(january_second_week)

        # make_expense(n) is n days after 5 January: id order is day order
        _expect(
            "expenses.of_owner", [e for e in expenses if e.owner == "am-1"], of_owner
        )
        _expect(
            "expenses.of_owner(period)",
            [e for e in expenses if e.owner == "am-1" and e.on in january_second_week],
            of_owner_in_week,
        )
        _expect(
            "expenses.of_client",
            [e for e in expenses if e.client_id == "C-002"][:2],
            of_client,
        )
        _expect(
            "expenses.in_period",
            [e for e in expenses if e.on in january_second_week],
            in_week,
        )

    def test_an_expense_budget_is_found_by_owner_and_exact_period(
        self, store: Store
    ) -> None:
        budgets = [make_expense_budget(n) for n in range(_SIZE)]
        with store.unit_of_work() as uow:
            for budget in reversed(budgets):
                uow.expense_budgets.add(budget)
            uow.commit()

        with store.unit_of_work() as uow:
            may = uow.expense_budgets.for_period("am-1", Period.month(2026, 5))
            none = uow.expense_budgets.for_period("am-1", Period.quarter(2026, 2))
            of_owner = uow.expense_budgets.of_owner("am-2")

        _expect("expense_budgets.for_period", budgets[4], may)
        _expect("expense_budgets.for_period(other period)", None, none)
        _expect(
            "expense_budgets.of_owner",
            [b for b in budgets if b.owner == "am-2"],
            of_owner,
        )

    # --- account plans ------------------------------------------------------------

    def test_account_plans_are_found_by_client_and_owner(self, store: Store) -> None:
        plans = [make_account_plan(n) for n in range(_SIZE)]
        with store.unit_of_work() as uow:
            for plan in reversed(plans):
                uow.account_plans.add(plan)
            uow.commit()

        with store.unit_of_work() as uow:
            by_client = uow.account_plans.by_client("C-001")
            by_owner = uow.account_plans.by_owner("am-2", limit=2, offset=1)

        # make_account_plan(n) starts a year after n - 1: id order is span order
        assert by_client == [p for p in plans if p.client_id == "C-001"]
        assert by_owner == [p for p in plans if p.owner == "am-2"][1:3]
        assert [p.objectives for p in by_client] == [
            p.objectives for p in plans if p.client_id == "C-001"
        ]

    def test_reporting_lines_are_found_by_member_and_manager(
        self, store: Store
    ) -> None:
        lines = [make_reporting_line(n) for n in range(_SIZE)]
        with store.unit_of_work() as uow:
            for line in reversed(lines):
                uow.reporting_lines.add(line)
            uow.commit()

        with store.unit_of_work() as uow:
            of_member = uow.reporting_lines.of_member("am-1")
            to_manager = uow.reporting_lines.to_manager("mgr-0", limit=2, offset=1)
            hierarchy = uow.reporting_lines.hierarchy()

        # make_reporting_line(n) holds from the n-th month: n order is day order
        assert of_member == [k for k in lines if k.member == "am-1"]
        assert to_manager == [k for k in lines if k.manager == "mgr-0"][1:3]
        assert hierarchy.lines == tuple(
            sorted(lines, key=lambda k: (k.member, k.since))
        )

    def test_disputes_are_found_by_owner_statement_and_state(
        self, store: Store
    ) -> None:
        disputes = [make_dispute(n) for n in range(_SIZE)]
        with store.unit_of_work() as uow:
            for dispute in disputes:
                uow.disputes.add(dispute)
            uow.commit()

        with store.unit_of_work() as uow:
            by_owner = uow.disputes.by_owner("am-1")
            statement = uow.disputes.of_statement("am-2", month(1))
            still_open = uow.disputes.open_of_owner("am-0")

        def ordered(found: list[Any]) -> list[Any]:
            return sorted(found, key=lambda d: (d.raised_on, d.id))

        assert by_owner == ordered([d for d in disputes if d.owner == "am-1"])
        assert statement == ordered(
            [d for d in disputes if d.owner == "am-2" and d.period == month(1)]
        )
        assert statement  # the sample disputes am-2's February statement
        assert still_open == ordered(
            [d for d in disputes if d.owner == "am-0" and d.is_open]
        )
        assert [d.adjustment for d in by_owner] == [
            d.adjustment for d in ordered([d for d in disputes if d.owner == "am-1"])
        ]


_LOCALES = ("lv_LV", "ja_JP", "uk_UA")
"""Non-English locales a stored statement must explain itself in as before."""


def _stored_and_read(
    store: Store, statement: CommissionStatement
) -> CommissionStatement:
    """``statement`` saved in one unit of work and read back in another."""
    with store.unit_of_work() as uow:
        uow.statements.add(statement)
        uow.commit()
    with store.unit_of_work() as uow:
        loaded: CommissionStatement = uow.statements.get(statement_key(statement))
    return loaded


def _typed_messages(statement: CommissionStatement) -> list[object]:
    """Each line's message with the type of every parameter spelled out."""
    return [typed(line.message) for line in statement.lines]


def _utc(moment: _dt.datetime | None) -> _dt.datetime:
    assert moment is not None
    return moment.astimezone(_dt.UTC)


def check_store(
    make_store: Callable[[], Store], samples: Sequence[Sample[Any]] | None = None
) -> int:
    """Run the whole contract without pytest, each test on a fresh store from
    ``make_store`` (closed afterwards); return how many checks ran.

    The first broken rule raises :class:`ContractFailure` (an
    ``AssertionError``, and an ``Exception``) naming the check, the sample,
    the operation, what was expected and what the store gave; an error the
    store raised where none belongs propagates as it is.

    >>> from accountcore.storage import MemoryStore
    >>> check_store(MemoryStore)
    288
    """
    suite = StoreContract()
    chosen = list(domain_samples() if samples is None else samples)
    ran = 0
    for name in sorted(dir(suite)):
        if not name.startswith("test_"):
            continue
        test = getattr(suite, name)
        per_sample = "sample" in inspect.signature(test).parameters
        for sample in chosen if per_sample else [None]:
            store = make_store()
            where = name if sample is None else f"{name}[{sample.name}]"
            try:
                test(store, sample) if per_sample else test(store)
            except ContractFailure as failure:
                raise ContractFailure(
                    f"{where}: {failure.operation}", failure.expected, failure.got
                ) from None
            except AssertionError as failure:  # a plain assert of the suite
                raise ContractFailure(
                    where, "every assertion to hold", str(failure)
                ) from failure
            finally:
                store.close()
            ran += 1
    return ran
