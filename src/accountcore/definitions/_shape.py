"""The file shape of a definition beside the converter's plain data.

The converter's plain data is the exact form; a definition file is written
for people, so three things are shorter there, each only where the type says
so (the walk follows the attrs classes and the registered kinds of
components, discount rules and factors):

* money may be written ``"9000.00 EUR"`` (the amount, a space, the currency)
  as well as ``{ amount = "9000.00", currency = "EUR" }``;
* a period may be written ``"2026"``, ``"2026-Q1"`` or ``"2026-01"`` as well
  as ``{ start = "2026-01-01", end = "2026-04-01" }``;
* a field left at its default is left out, and an open bound (``None``,
  which TOML cannot write) is a key left out.

:func:`to_file` shortens the plain data so, :func:`from_file` lengthens it
back and lists the shorthand it could not read.
"""

from __future__ import annotations

import datetime as _dt
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from accountcore.commissions.context import Component, component_kinds
from accountcore.definitions.errors import Fault
from accountcore.discounts.prices import PRICE_KINDS, PriceRule
from accountcore.discounts.rules import RULE_KINDS, DiscountRule
from accountcore.errors import _short
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.reliability.protocol import Factor, factor_class, registered_kinds
from accountcore.serialization import unstructure

__all__ = ["from_file", "period_text", "to_file"]

_MONEY = re.compile(r"^\s*(-?[0-9][0-9_]*(?:\.[0-9]+)?)\s+([A-Z]{3})\s*$")
_PERIOD = re.compile(r"^(\d{4})(?:-Q([1-4])|-(\d{2}))?$")
_NOTHING: Any = attrs.NOTHING


def _factor_kinds() -> Mapping[str, type]:
    return {kind: factor_class(kind) for kind in registered_kinds()}


# The protocols that travel tagged: (the tag's key, the registry).
_TAGGED: dict[object, tuple[str, Callable[[], Mapping[str, type]]]] = {
    Component: ("type", component_kinds),
    DiscountRule: ("kind", lambda: RULE_KINDS),
    Factor: ("kind", _factor_kinds),
    PriceRule: ("kind", lambda: PRICE_KINDS),
}


def period_text(period: Period) -> str | None:
    """The short name of ``period`` (``2026``, ``2026-Q1``, ``2026-01``) when
    it is a calendar year, quarter or month, else ``None``.

    >>> period_text(Period.quarter(2026, 1)), period_text(Period.month(2026, 2))
    ('2026-Q1', '2026-02')
    >>> period_text(Period(_dt.date(2026, 1, 5), _dt.date(2026, 2, 1))) is None
    True
    """
    text = str(period)
    return text if _read_period(text) == period else None


def _read_period(text: str) -> Period | None:
    match = _PERIOD.match(text)
    if match is None:
        return None
    year = int(match[1])
    if year < 1:
        return None
    if match[2]:
        return Period.quarter(year, int(match[2]))
    if match[3]:
        month = int(match[3])
        return Period.month(year, month) if 1 <= month <= 12 else None
    return Period.year(year)


def _hints(cls: type) -> dict[str, Any] | None:
    try:
        return typing.get_type_hints(cls)
    except Exception:
        return None


def _optional(tp: Any) -> bool:
    return type(None) in typing.get_args(tp)


def _element(tp: Any) -> Any:
    """The item type of a sequence type, or ``None`` if ``tp`` is none."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    if origin in (list, frozenset, set, Sequence, Iterable) and args:
        return args[0]
    return None


def _tagged_class(data: Any, tp: Any) -> type | None:
    tag, registry = _TAGGED[tp]
    kind = data.get(tag) if isinstance(data, dict) else None
    found = registry().get(kind) if isinstance(kind, str) else None
    return found


def _union_member(tp: Any) -> Any:
    """The one member of an ``X | None`` union worth walking into."""
    members = [a for a in typing.get_args(tp) if a is not type(None)]
    return members[0] if len(members) == 1 else None


# --- from the file ----------------------------------------------------------


def from_file(data: Any, tp: Any, place: str, faults: list[Fault]) -> Any:
    """``data`` from a file in the converter's plain data for ``tp``: money
    and period shorthand lengthened, an open bound left out set to ``None``;
    shorthand that does not read adds a fault at ``place`` and stays as it
    is (the converter then reports nothing more of it).

    >>> faults = []
    >>> from_file("9000.00 EUR", Money, "amount", faults)
    {'amount': '9000.00', 'currency': 'EUR'}
    >>> from_file("2026-Q1", Period, "period", faults)
    {'start': '2026-01-01', 'end': '2026-04-01'}
    >>> from_file("9000 euro", Money, "salary.amount", faults), [str(f) for f in faults]
    ('9000 euro', ["salary.amount: expected money such as '9000.00 EUR' (an amount, a space, a currency code) or a table with amount and currency, got '9000 euro'"])
    """
    if tp in _TAGGED:
        cls = _tagged_class(data, tp)
        return data if cls is None else _attrs_from(data, cls, place, faults)
    if tp is Money or (tp == Money | int and isinstance(data, str)):
        return _money_from(data, place, faults)
    if tp is Period:
        return _period_from(data, place, faults)
    if isinstance(tp, type) and attrs.has(tp):
        return _attrs_from(data, tp, place, faults)
    item = _element(tp)
    if item is not None and isinstance(data, list):
        return [from_file(v, item, f"{place}[{i}]", faults) for i, v in enumerate(data)]
    if typing.get_origin(tp) is dict and isinstance(data, dict):
        value_type = typing.get_args(tp)[1]
        return {
            k: from_file(v, value_type, _key(place, k), faults) for k, v in data.items()
        }
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        member = _union_member(tp)
        return data if member is None else from_file(data, member, place, faults)
    return data


def _key(place: str, key: object) -> str:
    return f"{place}.{key}" if place else str(key)


def _attrs_from(data: Any, cls: type, place: str, faults: list[Fault]) -> Any:
    hints = _hints(cls)
    if hints is None or not isinstance(data, dict):
        return data
    out = dict(data)
    for field in attrs.fields(cls):
        tp = hints.get(field.name)
        if field.name in out:
            out[field.name] = from_file(
                out[field.name], tp, _key(place, field.name), faults
            )
        elif field.default is _NOTHING and _optional(tp):
            out[field.name] = None
    return out


def _money_from(data: Any, place: str, faults: list[Fault]) -> Any:
    if not isinstance(data, str):
        return data
    match = _MONEY.match(data)
    if match is None:
        faults.append(
            Fault(
                place,
                "expected money such as '9000.00 EUR' (an amount, a space, a "
                "currency code) or a table with amount and currency, got "
                f"{_shown(data)}",
            )
        )
        return data
    return {"amount": match[1].replace("_", ""), "currency": match[2]}


def _period_from(data: Any, place: str, faults: list[Fault]) -> Any:
    if not isinstance(data, str):
        return data
    period = _read_period(data)
    if period is None:
        faults.append(
            Fault(
                place,
                "expected a period such as '2026' (a year), '2026-Q1' (a quarter) "
                "or '2026-01' (a month), or a table with start and end dates, got "
                f"{_shown(data)}",
            )
        )
        return data
    return unstructure(period)


def _shown(value: object) -> str:
    return _short(value)


# --- to the file ------------------------------------------------------------


def to_file(data: Any, tp: Any) -> Any:
    """The converter's plain ``data`` for ``tp`` in the file's shape: money
    and named periods written short, fields at their default left out, and
    ``None`` (which TOML cannot write) left out.

    >>> to_file({"amount": "9000.00", "currency": "EUR"}, Money)
    '9000.00 EUR'
    >>> to_file({"start": "2026-01-01", "end": "2026-04-01"}, Period)
    '2026-Q1'
    """
    if tp in _TAGGED:
        cls = _tagged_class(data, tp)
        return _plain(data) if cls is None else _attrs_to(data, cls)
    if (tp is Money or tp == Money | int) and _is_money(data):
        return f"{data['amount']} {data['currency']}"
    if tp is Period and isinstance(data, dict):
        text = _period_name(data)
        return data if text is None else text
    if isinstance(tp, type) and attrs.has(tp):
        return _attrs_to(data, tp)
    item = _element(tp)
    if item is not None and isinstance(data, list):
        return [to_file(v, item) for v in data]
    if typing.get_origin(tp) is dict and isinstance(data, dict):
        value_type = typing.get_args(tp)[1]
        return {k: to_file(v, value_type) for k, v in data.items() if v is not None}
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        member = _union_member(tp)
        return _plain(data) if member is None else to_file(data, member)
    return _plain(data)


def _plain(data: Any) -> Any:
    """``data`` with every ``None`` left out of its mappings (no type known)."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def _is_money(data: Any) -> bool:
    if not (isinstance(data, dict) and set(data) == {"amount", "currency"}):
        return False
    amount = data["amount"]
    if (
        not isinstance(amount, str)
        or _MONEY.match(f"{amount} {data['currency']}") is None
    ):
        return False
    try:
        Decimal(amount)
    except InvalidOperation:
        return False
    return True


def _period_name(data: dict[str, Any]) -> str | None:
    try:
        start = _dt.date.fromisoformat(data["start"])
        end = _dt.date.fromisoformat(data["end"])
        return period_text(Period(start, end))
    except Exception:
        return None


def _default_data(field: attrs.Attribute[Any]) -> Any:
    default: Any = field.default
    if default is _NOTHING:
        return _NOTHING
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:
            return _NOTHING
        default = default.factory()
    if field.converter is not None and callable(field.converter):
        try:
            default = field.converter(default)
        except Exception:
            return _NOTHING
    try:
        return unstructure(default)
    except Exception:
        return _NOTHING


def _attrs_to(data: Any, cls: type) -> Any:
    hints = _hints(cls)
    if hints is None or not isinstance(data, dict):
        return _plain(data)
    names = {field.name: field for field in attrs.fields(cls)}
    out: dict[str, Any] = {}
    for key, value in data.items():
        field = names.get(key)
        if field is None:
            if value is not None:
                out[key] = _plain(value)
            continue
        if value is None and (field.default is _NOTHING or field.default is None):
            continue
        if field.default is not _NOTHING and value == _default_data(field):
            continue
        out[key] = to_file(value, hints.get(key))
    return out
