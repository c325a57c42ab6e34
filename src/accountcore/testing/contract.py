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

>>> "test_of_two_units_saving_the_same_version_exactly_one_wins" in dir(StoreContract)
True
"""

from __future__ import annotations

import datetime as _dt
import inspect
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from accountcore.clients import Client, ClientStatus, ClientTier
from accountcore.commissions import CommissionStatement, Ledger
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
from accountcore.storage.protocols import Query, Range, Store
from accountcore.testing.i18n import typed
from accountcore.testing.samples import (
    Sample,
    client_sample,
    compensation_samples,
    deal_sample,
    domain_samples,
    make_client,
    make_deal,
    make_explained_statement,
    make_ledger,
    make_plan,
    make_quota,
    make_statement,
    make_typed_statement,
    month,
)

__all__ = [
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
    "make_quota",
    "make_statement",
    "make_typed_statement",
]

_SIZE = 12
"""Entities per sample in the query tests: enough for three pages of five."""


def _same(left: object, right: object) -> bool:
    """Equal in every stored field (entities compare by id alone)."""
    return bool(unstructure(left) == unstructure(right))


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

            with pytest.raises(NotFoundError, match="no-such-id") as raised:
                repository.get("no-such-id")

            assert isinstance(raised.value, KeyError)
            assert repository.find("no-such-id") is None

    def test_add_of_a_stored_id_is_a_duplicate(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        (entity,) = self._seed(store, sample, 1)

        with store.unit_of_work() as uow, pytest.raises(DuplicateError) as raised:
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
            with pytest.raises(ConcurrencyError, match="expected version 7") as raised:
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

        with store.unit_of_work() as uow, pytest.raises(NotFoundError) as raised:
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
            with pytest.raises(NotFoundError, match=id):
                uow.repository(sample.collection).delete(id)

    def test_a_stale_delete_is_refused_and_keeps_the_entity(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        (entity,) = self._seed(store, sample, 1)
        id = self._id(sample, entity)

        with store.unit_of_work() as uow:
            with pytest.raises(ConcurrencyError, match="expected version 3"):
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

        with pytest.raises(DuplicateError):
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

            with pytest.raises(ConcurrencyError, match="stored version is 2"):
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
                    assert found == expected, (name, value)
                    assert repository.count(query) == len(expected)

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
                assert pages == whole
                assert sorted(whole) == sorted(self._id(sample, e) for e in entities)
                assert repository.count(Query(limit=1, offset=3)) == _SIZE

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
                assert [self._id(sample, e) for e in found] == [
                    self._id(sample, e) for e in expected
                ], name

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
                assert sorted(self._id(sample, e) for e in found) == expected, name

    def test_a_query_on_an_unknown_index_names_it(
        self, store: Store, sample: Sample[Any]
    ) -> None:
        with store.unit_of_work() as uow:
            repository = uow.repository(sample.collection)

            with pytest.raises(InvalidQueryError, match="no_such_index"):
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
    ``make_store`` (closed afterwards when it has ``close``); return how many
    checks ran. The first failure raises (an ``AssertionError`` or the
    unexpected error itself).

    >>> from accountcore.storage import MemoryStore
    >>> check_store(MemoryStore)
    116
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
            try:
                test(store, sample) if per_sample else test(store)
            finally:
                close = getattr(store, "close", None)
                if callable(close):
                    close()
            ran += 1
    return ran
