"""Statements round-trip whole: every line's message (id and typed
parameters) survives JSON and both stores, and is part of equality."""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
import zoneinfo
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import attrs
import pendulum
import pytest
from helpers import JAN, eur
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore.commissions import (
    CommissionPlan,
    CommissionStatement,
    Credit,
    FlatRate,
    LineKind,
    StatementLine,
)
from accountcore.errors import (
    AccountcoreError,
    MessageParameterError,
    StructureError,
)
from accountcore.i18n import Message, Percent
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.serialization import from_json, structure, to_json, unstructure
from accountcore.storage import MemoryStore, SQLiteStore
from accountcore.storage.compensation import statement_key
from accountcore.testing.commissions import statements
from accountcore.testing.i18n import message_values, typed
from accountcore.testing.samples import (
    make_explained_statement,
    make_statement,
    make_typed_statement,
)

LOCALES = ("lv_LV", "ja_JP", "uk_UA", "et_EE", "ro_RO")


def flat_statement() -> CommissionStatement:
    plan = CommissionPlan("flat", "EUR", (FlatRate("commission", "0.05"),))
    credit = Credit("D-1", "C-1", "ana", eur("1234.50"), JAN.start)
    return plan.calculate([credit], period=JAN)


def typed_lines(statement: CommissionStatement) -> list[object]:
    return [typed(line.message) for line in statement.lines]


def json_round_trip(statement: CommissionStatement) -> CommissionStatement:
    return from_json(to_json(statement), CommissionStatement)


# --- the serialized shape -------------------------------------------------------------


def test_a_line_message_travels_as_its_id_and_tagged_parameters() -> None:
    statement = flat_statement()

    data = unstructure(statement)["lines"][0]["message"]

    # 5 % of 1,234.50 = 61.725 -> 61.73; the message keeps the basis as Money
    # and the rate as a Percent, each under a tag naming its type
    assert data == {
        "id": "commissions.line.flat_rate",
        "params": {
            "basis": {"money": {"amount": "1234.50", "currency": "EUR"}},
            "rate": {"percent": {"ratio": "0.05"}},
        },
    }
    assert statement.total == eur("61.73")


def test_each_parameter_type_has_its_own_tag() -> None:
    statement = make_typed_statement()

    tagged = [unstructure(line.message)["params"]["year"] for line in statement.lines]

    assert tagged == [
        {"str": "FY2026"},
        {"int": 2026},
        {"decimal": "2026.50"},
        {"money": {"amount": "1234.50", "currency": "EUR"}},
        {"percent": {"ratio": "0.19300605", "digits": 1}},
        {"date": "2026-03-31"},
        {"datetime": "2026-03-31T18:30:00+03:00[Europe/Riga]"},
        {"tuple": [{"str": "2025"}, {"str": "2026"}]},
        {"message": {"id": "clients.tier.vip", "params": {}}},
        {"period": {"start": "2026-03-01", "end": "2026-04-01"}},
    ]


# --- round trips ------------------------------------------------------------------


def test_a_computed_statement_comes_back_equal_and_explains_itself_alike() -> None:
    statement = make_explained_statement()

    back = json_round_trip(statement)

    assert back == statement
    assert typed_lines(back) == typed_lines(statement)
    for locale in LOCALES:
        assert back.explain(locale) == statement.explain(locale)
    # the Latvian text comes from the messages, not the English descriptions
    assert "pamatalga" in back.explain("lv_LV")[1]


def test_every_parameter_type_comes_back_as_that_type() -> None:
    statement = make_typed_statement()

    back = json_round_trip(statement)

    assert back == statement
    assert typed_lines(back) == typed_lines(statement)
    assert [type(line.message.params[0][1]) for line in back.lines] == [  # type: ignore[union-attr]
        str,
        int,
        Decimal,
        Money,
        Percent,
        _dt.date,
        pendulum.DateTime,
        tuple,
        Message,
        Period,
    ]


def test_a_datetime_in_a_zoneinfo_zone_comes_back_in_that_zone() -> None:
    moment = _dt.datetime(2026, 3, 31, 18, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Tokyo"))
    message = Message.of("commissions.line.true_up", year=moment)

    back = from_json(to_json(message), Message)

    (_, value) = back.params[0]
    assert value == moment
    assert isinstance(value, pendulum.DateTime)
    assert value.tzinfo is not None
    assert value.tzinfo.tzname(value) == "JST"
    assert back.render("ja_JP") == message.render("ja_JP")


def test_parameters_come_back_in_name_order_and_render_the_same() -> None:
    # built by hand in another order; Message.of (and every line) sorts them
    message = Message("commissions.line.spiff", (("count", 2), ("amount", eur("50"))))

    back = from_json(to_json(message), Message)

    assert back == Message.of("commissions.line.spiff", count=2, amount=eur("50"))
    assert back.render("lv_LV") == message.render("lv_LV")


@settings(max_examples=100, deadline=None)
@given(statements())
def test_generated_statements_round_trip_through_json_whole(
    statement: CommissionStatement,
) -> None:
    back = json_round_trip(statement)

    assert back == statement
    assert typed_lines(back) == typed_lines(statement)
    assert back.explain("lv_LV") == statement.explain("lv_LV")
    assert back.explain("ja_JP") == statement.explain("ja_JP")


@settings(max_examples=300, deadline=None)
@given(message_values(periods_too=True))
def test_every_parameter_value_round_trips_type_for_type(value: object) -> None:
    message = Message.of("any.message", value=value)

    back = from_json(to_json(message), Message)

    assert back == message
    assert typed(back) == typed(message)
    assert unstructure(back) == unstructure(message)


@settings(max_examples=25, deadline=None)
@given(statements(), st.sampled_from(["memory", "sqlite"]))
def test_generated_statements_round_trip_through_both_stores(
    statement: CommissionStatement, kind: str
) -> None:
    store = MemoryStore() if kind == "memory" else SQLiteStore(":memory:")
    try:
        with store.unit_of_work() as uow:
            uow.statements.add(statement)
            uow.commit()
        with store.unit_of_work() as uow:
            back = uow.statements.get(statement_key(statement))
    finally:
        if isinstance(store, SQLiteStore):
            store.close()

    assert back == statement
    assert typed_lines(back) == typed_lines(statement)
    assert back.explain("lv_LV") == statement.explain("lv_LV")


# --- equality -----------------------------------------------------------------------


def test_lines_that_would_explain_themselves_differently_are_not_equal() -> None:
    statement = make_statement(0)
    line = statement.lines[0]
    other = attrs.evolve(
        line,
        message=Message.of(
            "commissions.line.flat_rate",
            rate=Percent(Decimal("0.06")),
            basis=eur("2000"),
        ),
    )

    assert other != line
    assert attrs.evolve(statement, lines=(other,)) != statement
    assert attrs.evolve(line, message=None) != line


# --- statements stored before messages were kept ------------------------------------------

# A statement as to_json wrote it before this change: "message": null.
OLD_DOCUMENT = (
    '{"attainment":null,"credited":{"amount":"1234.50","currency":"EUR"},'
    '"currency":"EUR","ledger":{"currency":"EUR","draw_balance":{"amount":"0",'
    '"currency":"EUR"},"owner":"ana","paid_to_date":{"amount":"61.73","currency":'
    '"EUR"},"through":"2026-02-01","year":{"end":"2027-01-01","start":"2026-01-01"}},'
    '"lines":[{"amount":{"amount":"61.73","currency":"EUR"},"basis":"1234.50",'
    '"component":"commission","deals":["D-1"],"description":"5% of credited amount",'
    '"kind":"variable","message":null,"rate":"0.05","unit":"EUR"}],"owner":"ana",'
    '"period":{"end":"2026-02-01","start":"2026-01-01"}}'
)


def test_a_statement_stored_before_messages_were_kept_still_loads() -> None:
    old = from_json(OLD_DOCUMENT, CommissionStatement)

    assert old.lines[0].message is None
    # explained from its English description, amounts in the reader's locale
    assert old.explain("lv_LV")[1].split() == [
        "commission", "5%", "of", "credited", "amount", "[D-1]", "61,73", "€",
    ]  # fmt: skip


def test_a_line_written_without_a_message_field_loads_with_none() -> None:
    data = json.loads(OLD_DOCUMENT)
    del data["lines"][0]["message"]

    old = structure(data, CommissionStatement)

    assert old.lines[0].message is None


def test_an_sqlite_store_reads_statements_it_stored_before(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    statement = flat_statement()
    with SQLiteStore(path) as store, store.unit_of_work() as uow:
        uow.statements.add(statement)
        uow.commit()
    with closing(sqlite3.connect(path)) as db:  # as an older version wrote it
        db.execute("UPDATE statements SET document = ?", (OLD_DOCUMENT,))
        db.commit()

    with SQLiteStore(path) as store, store.unit_of_work() as uow:
        old = uow.statements.get(statement_key(statement))

    assert old.lines[0].message is None
    assert old == from_json(OLD_DOCUMENT, CommissionStatement)


# --- what cannot be written or read ---------------------------------------------------


@pytest.mark.parametrize(
    ("value", "named"),
    [(0.05, "rate=0.05 (float)"), (True, "rate=True (bool)"), (None, "rate=None")],
)
def test_a_parameter_of_another_type_cannot_be_written_and_is_named(
    value: object, named: str
) -> None:
    line = StatementLine(
        "commission",
        LineKind.VARIABLE,
        "5%",
        eur("1.00"),
        message=Message.of("commissions.line.flat_rate", rate=value, basis=eur("20")),
    )

    with pytest.raises(MessageParameterError) as raised:
        to_json(line)

    assert named in str(raised.value)
    assert "'commissions.line.flat_rate'" in str(raised.value)
    assert "a parameter is a str, int, Decimal, Money, Percent" in str(raised.value)


@pytest.mark.parametrize(
    ("value", "named"),
    [
        (
            _dt.datetime(2026, 1, 1, 10),
            "year=datetime.datetime(2026, 1, 1, 10, 0) is a naive",
        ),
        (Decimal("NaN"), "year must be a finite decimal number, got Decimal('NaN')"),
        (Percent(Decimal("Infinity")), "year must be a finite decimal number"),
    ],
)
def test_a_value_of_a_known_type_that_cannot_be_shown_is_not_written(
    value: object, named: str
) -> None:
    with pytest.raises(AccountcoreError) as raised:
        to_json(Message.of("commissions.line.true_up", year=value))

    assert named in str(raised.value)


def test_a_parameter_name_that_is_not_a_str_cannot_be_written() -> None:
    message = Message("commissions.line.spiff", ((3, "x"),))  # type: ignore[arg-type]

    with pytest.raises(MessageParameterError, match="parameter name 3 is not a str"):
        to_json(message)


def _stored_with(rate: object) -> str:
    data = unstructure(make_statement(0))
    data["lines"][0]["message"]["params"]["rate"] = rate
    return json.dumps(data)


@pytest.mark.parametrize(
    ("rate", "named"),
    [
        ({"float": 0.05}, "params.rate: unknown tag 'float'; expected one of date,"),
        ("5%", "params.rate: expected a tagged value, an object with one key of"),
        ({"int": "3"}, "params.rate: '3' is not a valid 'int' value"),
        ({"int": True}, "params.rate: True is not a valid 'int' value"),
        ({"str": 5}, "params.rate: 5 is not a valid 'str' value"),
        ({"decimal": 0.05}, "params.rate: expected a decimal string, got float 0.05"),
        (
            {"percent": {"ratio": "0.05", "digits": "1"}},
            "params.rate: expected an int or null for a percent's digits, got '1'",
        ),
        (
            {"tuple": [{"str": "a"}, {"money": {"amount": 1.5, "currency": "EUR"}}]},
            "params.rate.tuple[1]: expected a decimal string for amount, got float 1.5",
        ),
        (
            {"message": {"id": "x", "params": {"day": {"date": "2026-13-01"}}}},
            "params.rate.message.params.day: invalid date '2026-13-01'",
        ),
        (
            {"period": {"start": "2026-02-01", "end": "2026-01-01"}},
            "params.rate: end=datetime.date(2026, 1, 1) is invalid",
        ),
        ({"period": {"start": "2026-02-01"}}, "params.rate: {'start': '2026-02-01'}"),
        ({"datetime": "2026-01-01T10:00:00"}, "must be a timezone-aware datetime"),
        ({"message": {"id": 5}}, "params.rate.message: expected a str message id"),
    ],
)
def test_a_bad_stored_parameter_is_refused_naming_where_and_what(
    rate: object, named: str
) -> None:
    with pytest.raises(StructureError) as raised:
        from_json(_stored_with(rate), CommissionStatement)

    assert "$.lines[0].message: " in str(raised.value)
    assert named in str(raised.value)


def test_a_message_with_unknown_fields_is_refused_naming_them() -> None:
    data = unstructure(make_statement(0))
    data["lines"][0]["message"]["colour"] = "red"

    with pytest.raises(StructureError, match=r"unknown fields \['colour'\]"):
        structure(data, CommissionStatement)


def test_params_that_are_not_an_object_are_refused_naming_the_message() -> None:
    data = unstructure(make_statement(0))
    data["lines"][0]["message"]["params"] = [["rate", {"int": 5}]]

    with pytest.raises(
        StructureError, match=r"expected the params of 'commissions\.line\.flat_rate'"
    ):
        structure(data, CommissionStatement)
