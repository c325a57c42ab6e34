"""Hypothesis strategies for messages and the values of their parameters,
and :func:`typed`, to compare two messages type for type.

A CRM that stores statements (or anything holding a
:class:`~accountcore.i18n.Message`) checks with them that every parameter
comes back as the type it was: a ``Money`` as ``Money``, a ``Percent`` as a
``Percent``, a ``Decimal`` with its digits.

>>> from hypothesis import given, settings
>>> from accountcore.serialization import from_json, to_json
>>> @settings(max_examples=25)
... @given(messages())
... def test_messages_come_back_whole(message):
...     back = from_json(to_json(message), Message)
...     assert typed(back) == typed(message)
...     assert back.render("lv_LV") == message.render("lv_LV")
>>> test_messages_come_back_whole()
"""

from __future__ import annotations

import datetime as _dt
import functools
from decimal import Decimal

import pendulum
from hypothesis import strategies as st

from accountcore.errors import MessageParameterError
from accountcore.i18n import Message, Percent, message_ids, translate
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.testing.money import amounts, money, periods

__all__ = ["ZONES", "message_values", "messages", "typed"]

ZONES = ("UTC", "Europe/Riga", "Europe/Tallinn", "Europe/Kyiv", "Asia/Tokyo")
"""The zones :func:`message_values` dates its datetimes in."""

# an aware epoch (pendulum 3.0's from_timestamp calls the deprecated
# utcfromtimestamp on Python 3.12+, and warnings are errors in the tests)
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
_FIRST = int(pendulum.datetime(1971, 1, 1).timestamp())
_LAST = int(pendulum.datetime(2100, 12, 31).timestamp())


def _percents() -> st.SearchStrategy[Percent]:
    return st.builds(
        Percent,
        st.decimals(min_value=-2, max_value=5, places=8),
        st.none() | st.integers(0, 4),
    )


def _datetimes() -> st.SearchStrategy[_dt.datetime]:
    # an instant shown in a named zone: never a wall time in a DST gap
    return st.builds(
        lambda seconds, micro, zone: (
            pendulum.instance(_EPOCH)
            .add(seconds=seconds, microseconds=micro)
            .in_tz(zone)
        ),
        st.integers(_FIRST, _LAST),
        st.integers(0, 999_999),
        st.sampled_from(ZONES),
    )


@functools.cache
def _names(message_id: str) -> tuple[str, ...]:
    """The placeholders of ``message_id``: translating it with none names
    them (every placeholder must be given)."""
    try:
        translate(message_id, "en_US")
    except MessageParameterError as error:
        return error.expected
    return ()


@functools.cache
def _ids(prefix: str) -> tuple[str, ...]:
    return tuple(i for i in message_ids() if i.startswith(prefix))


def message_values(*, periods_too: bool = False) -> st.SearchStrategy[object]:
    """Values of every type a message parameter may hold: ``str``, ``int``,
    ``Decimal``, ``Money`` (any currency, unrounded), ``Percent`` (with and
    without ``digits``), ``date``, an aware ``datetime`` (pendulum, in one of
    :data:`ZONES`), a nested :class:`Message` and tuples of these; with
    ``periods_too``, a ``Period`` as well (a message can carry one, but
    :func:`~accountcore.i18n.format_value` cannot show it).

    >>> from hypothesis import find
    >>> find(message_values(periods_too=True), lambda v: isinstance(v, Period)).days
    1
    """
    leaves: st.SearchStrategy[object] = st.one_of(
        st.text(max_size=12),
        st.integers(-(10**6), 10**12),
        amounts(),
        money(),
        _percents(),
        st.dates(_dt.date(1971, 1, 1), _dt.date(2100, 12, 31)),
        _datetimes(),
        st.sampled_from(_ids("clients.tier.")).map(Message.of),
    )
    if periods_too:
        leaves = leaves | periods()
    return st.recursive(
        leaves,
        lambda children: (
            st.lists(children, max_size=3).map(tuple)
            | messages(values=children, prefix="commissions.line.")
        ),
        max_leaves=6,
    )


@st.composite
def messages(
    draw: st.DrawFn,
    *,
    values: st.SearchStrategy[object] | None = None,
    prefix: str = "commissions.line.",
) -> Message:
    """Messages of the catalog whose id starts with ``prefix`` (a statement
    line's by default), every placeholder filled with a value from
    ``values`` (:func:`message_values` by default); ``count`` is always an
    ``int``, as a plural message needs. They render in every locale.

    >>> from hypothesis import find
    >>> spiff = find(messages(), lambda message: message.id.endswith("spiff"))
    >>> [name for name, _ in spiff.params]
    ['amount', 'count']
    """
    message_id = draw(st.sampled_from(_ids(prefix)))
    chosen = message_values() if values is None else values
    params: dict[str, object] = {}
    for name in _names(message_id):
        params[name] = draw(st.integers(0, 10**6) if name == "count" else chosen)
    return Message.of(message_id, **params)


def typed(value: object) -> object:
    """``value`` with the type of each part spelled out: two messages have
    equal ``typed`` forms when each parameter has the same type and the same
    digits (``Decimal("0.50")`` is not ``Decimal("0.5")``, an ``int`` is not
    a ``Decimal``). An aware datetime is its instant and its zone.

    >>> typed(Message.of("commissions.line.spiff", count=2, amount=Money("50.00", "EUR")))
    ('Message', 'commissions.line.spiff', (('amount', ('Money', '50.00', 'EUR')), ('count', ('int', 2))))
    """
    if isinstance(value, Message):
        return (
            "Message",
            value.id,
            tuple((name, typed(item)) for name, item in value.params),
        )
    if isinstance(value, tuple):
        return ("tuple", tuple(typed(item) for item in value))
    if isinstance(value, Money):
        return ("Money", str(value.amount), value.currency)
    if isinstance(value, Percent):
        return ("Percent", str(value.ratio), value.digits)
    if isinstance(value, Decimal):
        return ("Decimal", str(value))
    if isinstance(value, Period):
        return ("Period", value.start.isoformat(), value.end.isoformat())
    if isinstance(value, _dt.datetime):
        zone = value.tzinfo
        name = getattr(zone, "key", None) or getattr(zone, "name", None)
        return ("datetime", value.isoformat(), name)
    return (type(value).__name__, value)
