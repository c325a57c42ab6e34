"""The hand-written Deal and Client hooks give exactly what the generic cattrs
hooks give: the same plain data, the same objects, the same errors."""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore._convert import messages as _messages
from accountcore.clients import Client
from accountcore.errors import AccountcoreError, StructureError
from accountcore.money import Money
from accountcore.pipeline import Deal, ForecastCategory, migrate
from accountcore.serialization import converter, structure, to_json
from accountcore.testing.clients import clients, names
from accountcore.testing.money import rounded_money
from accountcore.testing.pipeline import deals, probabilities
from accountcore.testing.samples import make_deal

from accountcore.pipeline._codec import GENERIC  # isort: skip
from helpers import SALES as PIPELINE

BAD_VALUES = [1.5, 7, "x", "", None, [], {}, True, "2026-13-01", {"amount": "1"}]


# --- strategies --------------------------------------------------------------------


def _step(deal: Deal, draw: Callable[[Any], Any]) -> Deal:
    """One random change, an hour after the last one."""
    at = deal.updated_at + _dt.timedelta(hours=1)
    who = draw(names())
    kind = draw(st.integers(0, 9))
    if kind == 0:
        amount = draw(st.none() | rounded_money("EUR") | rounded_money("JPY"))
        return deal.with_amount(amount, at=at, by=who, reason=draw(st.none() | names()))
    if kind == 1:
        on = draw(st.none() | st.dates(_dt.date(2020, 1, 1), _dt.date(2035, 1, 1)))
        return deal.with_expected_close(on, at=at, by=who)
    if kind == 2:
        return deal.override_probability(
            draw(st.none() | probabilities()), at=at, by=who
        )
    if kind == 3:
        return deal.automate_probability(
            draw(st.none() | probabilities()), at=at, by=who
        )
    if kind == 4:
        category = draw(st.none() | st.sampled_from(list(ForecastCategory)))
        return deal.override_forecast(category, at=at, by=who)
    if kind == 5:
        return deal.with_splits({deal.owner: "0.25", who + "x": "0.75"}, at=at, by=who)
    if kind == 6:
        return deal.with_contact(draw(st.none() | names()), at=at, by=who)
    if kind == 7:
        return deal.reassign(who + "y", at=at, by=who)
    if kind == 8:
        to = attrs.evolve(PIPELINE, version=deal.pipeline_version + 1)
        return migrate(deal, to, {}, at=at, by=who)
    stage = draw(st.sampled_from([s.key for s in PIPELINE.stages]))
    return PIPELINE.advance(deal, stage, at=at, by=who, force=True, reason="r")


@st.composite
def deals_with_history(draw: Callable[[Any], Any]) -> Deal:
    """New deals followed by up to 6 random changes of every kind."""
    deal: Deal = draw(deals())
    for _ in range(draw(st.integers(0, 6))):
        try:
            deal = _step(deal, draw)
        except AccountcoreError:
            continue  # a change the deal refuses (e.g. moving a closed deal)
    return deal


@st.composite
def clients_with_history(draw: Callable[[Any], Any]) -> Client:
    """Clients with a few owner changes and a segment."""
    client: Client = draw(clients())
    for n in range(draw(st.integers(0, 3))):
        at = client.updated_at + _dt.timedelta(days=1)
        client = client.reassign(f"{client.owner}{n}", at=at, by="lead")
    return attrs.evolve(client, segment=draw(st.none() | names()))


# --- helpers -----------------------------------------------------------------------


def _deep(value: Any) -> Any:
    """Everything that tells two values apart, zones and Decimal digits too
    (datetimes compare by instant and Decimals by value, entities by id)."""
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))
        return (type(value), *(_deep(getattr(value, f.name)) for f in fields))
    if isinstance(value, tuple | list):
        return (type(value), *(_deep(v) for v in value))
    if isinstance(value, _dt.datetime):
        return (type(value), value.isoformat(), repr(value.tzinfo), value.fold)
    if isinstance(value, Decimal | enum.Enum | _dt.date):
        return (type(value), repr(value))
    return (type(value), value)


def _outcome(build: Callable[[], Any]) -> Any:
    """What ``build`` returns (deeply) or the messages it raises."""
    try:
        return ("built", _deep(build()))
    except (ExceptionGroup, AccountcoreError, TypeError, ValueError, KeyError) as error:
        lines = _messages(error) if isinstance(error, ExceptionGroup) else [str(error)]
        return ("raised", type(error), lines)


def _mutated(document: Any, draw: Callable[[Any], Any]) -> Any:
    """A copy of ``document`` with one value replaced, one key dropped or one
    key added, somewhere in it."""
    if isinstance(document, dict) and document:
        key = draw(st.sampled_from(sorted(document)))
        action = draw(st.sampled_from(["replace", "drop", "add", "descend"]))
        copy = dict(document)
        if action == "drop":
            del copy[key]
        elif action == "add":
            copy["colour"] = "red"
        elif action == "descend" and isinstance(copy[key], dict | list):
            copy[key] = _mutated(copy[key], draw)
        else:
            copy[key] = draw(st.sampled_from(BAD_VALUES))
        return copy
    if isinstance(document, list) and document:
        index = draw(st.integers(0, len(document) - 1))
        copy_list = list(document)
        if isinstance(copy_list[index], dict | list) and draw(st.booleans()):
            copy_list[index] = _mutated(copy_list[index], draw)
        else:
            copy_list[index] = draw(st.sampled_from(BAD_VALUES))
        return copy_list
    return draw(st.sampled_from(BAD_VALUES))


# --- unstructure -------------------------------------------------------------------


@settings(max_examples=150)
@given(deals_with_history())
def test_a_deal_unstructures_exactly_as_the_generic_hook_does(deal: Deal) -> None:
    fast = converter.unstructure(deal)

    generic = GENERIC["unstructure Deal"](deal)

    assert fast == generic
    assert list(fast) == list(generic)


@settings(max_examples=100)
@given(clients_with_history())
def test_a_client_unstructures_exactly_as_the_generic_hook_does(client: Client) -> None:
    fast = converter.unstructure(client)

    generic = GENERIC["unstructure Client"](client)

    assert fast == generic


def test_the_json_of_a_sample_deal_is_unchanged() -> None:
    deal = make_deal(1)

    text = to_json(deal)

    # created 2026-01-05 10:00 Tallinn, won 7 days 14 hours later: 01-13 00:00
    assert text.startswith('{"amount":{"amount":"11.25","currency":"EUR"}')
    assert '"closed_at":"2026-01-13T00:00:00+02:00[Europe/Tallinn]"' in text
    assert text.count('"kind":"stage_change"') == 2


# --- structure ---------------------------------------------------------------------


@settings(max_examples=150)
@given(deals_with_history())
def test_a_deal_structures_exactly_as_the_generic_hook_does(deal: Deal) -> None:
    document = converter.unstructure(deal)

    fast = converter.structure(document, Deal)
    generic = GENERIC["structure Deal"](document, Deal)

    assert _deep(fast) == _deep(generic)


@settings(max_examples=100)
@given(clients_with_history())
def test_a_client_structures_exactly_as_the_generic_hook_does(client: Client) -> None:
    document = converter.unstructure(client)

    fast = converter.structure(document, Client)
    generic = GENERIC["structure Client"](document, Client)

    assert _deep(fast) == _deep(generic)


@settings(max_examples=200)
@given(deals_with_history(), st.data())
def test_a_damaged_deal_document_gives_what_the_generic_hook_gives(
    deal: Deal, data: st.DataObject
) -> None:
    document = _mutated(converter.unstructure(deal), data.draw)

    fast = _outcome(lambda: converter.structure(document, Deal))
    generic = _outcome(lambda: GENERIC["structure Deal"](document, Deal))

    assert fast == generic


@settings(max_examples=100)
@given(clients_with_history(), st.data())
def test_a_damaged_client_document_gives_what_the_generic_hook_gives(
    client: Client, data: st.DataObject
) -> None:
    document = _mutated(converter.unstructure(client), data.draw)

    fast = _outcome(lambda: converter.structure(document, Client))
    generic = _outcome(lambda: GENERIC["structure Client"](document, Client))

    assert fast == generic


def test_lenient_values_the_generic_hook_accepts_are_still_accepted() -> None:
    document = converter.unstructure(make_deal(0))
    document["pipeline_version"] = "1"  # cattrs reads int("1")
    document["amount"] = {"amount": 12, "currency": "EUR"}  # an int amount is exact

    deal = structure(document, Deal)

    assert deal.pipeline_version == 1
    assert deal.amount == Money("12", "EUR")


def test_a_bad_deal_document_lists_every_bad_field_as_before() -> None:
    document = converter.unstructure(make_deal(0))
    document["stage_probability"] = 0.5
    document["amount"] = {"amount": "1", "currency": "XXQ"}
    document["history"][0]["at"] = "2026-01-05T09:00:00"

    with pytest.raises(StructureError) as raised:
        structure(document, Deal)

    message = str(raised.value)
    assert "Cannot structure Deal (3 bad fields)" in message
    assert "$.stage_probability: expected a decimal string, got float 0.5" in message
    assert "XXQ" in message
    assert "$.history[0].at:" in message
    assert raised.value.__cause__ is not None
    assert raised.value.__cause__.__context__ is None  # not chained to the fast path


@pytest.mark.parametrize("cls", [Deal, Client])
@pytest.mark.parametrize(
    ("data", "shown"), [("D-1", "'D-1' (a string)"), ([1, 2], "[1, 2] (an array)")]
)
def test_a_deal_or_client_document_that_is_no_object_is_a_structure_error(
    cls: type, data: object, shown: str
) -> None:
    # the fast reader and the generic hook both expect a mapping: neither may
    # meet a string or an array (an AttributeError in the generic hook)
    with pytest.raises(StructureError) as raised:
        structure(data, cls)

    assert str(raised.value) == (
        f"Cannot structure {cls.__name__} (1 bad field):\n"
        f"  - $: expected a JSON object (mapping) for {cls.__name__}, got {shown}"
    )


def test_a_history_event_that_is_no_object_names_its_path() -> None:
    data = converter.unstructure(make_deal(1))
    data["history"][0] = "stage_change"

    with pytest.raises(StructureError, match=r"\$\.history\[0\]"):
        structure(data, Deal)


@pytest.mark.parametrize("field", ["amount", "stage_probability"])
def test_a_stored_deal_with_a_number_out_of_bounds_is_refused_naming_the_field(
    field: str,
) -> None:
    # the hand-written reader leaves it to the generic hook, which names
    # the field and the bound (docs/money.md, "Bounds")
    document = converter.unstructure(make_deal(3))
    if field == "amount":
        document["amount"] = {"amount": "1e999999", "currency": "EUR"}
    else:
        document[field] = "1e999999"

    with pytest.raises(StructureError, match=rf"\$\.{field}.*1e999999.*out of bounds"):
        structure(document, Deal)
