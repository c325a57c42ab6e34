"""How messages travel as plain data (registered on the converter).

A message (a statement line's explanation, a reason…) travels whole: its id
and its parameters, each a *tagged value* that says its type, so a Money
parameter comes back as Money and a Percent as a Percent::

    {"id": "commissions.line.flat_rate",
     "params": {"basis": {"money": {"amount": "1000.00", "currency": "EUR"}},
                "rate": {"percent": {"ratio": "0.05"}}}}

A tagged value is an object with exactly one key, the tag. Parameters come
back in name order (``Message.of``'s order). A statement stored before
messages travelled has ``"message": null`` on every line: it loads with
message ``None`` and explains itself from its English description.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

from accountcore._convert import (
    BadValue,
    converter,
    describe,
    shown,
    structure_date,
    structure_datetime,
    structure_decimal,
    structure_money,
    unstructure_datetime,
    unstructure_money,
)
from accountcore.errors import AccountcoreError, MessageParameterError
from accountcore.i18n.catalog import Message, Percent
from accountcore.money import Money, to_decimal
from accountcore.periods import Period

# A message (a statement line's explanation, a reason...) travels whole: its
# id and its parameters, each a *tagged value* that says its type, so a
# Money parameter comes back as Money and a Percent as a Percent:
#
#   {"id": "commissions.line.flat_rate",
#    "params": {"basis": {"money": {"amount": "1000.00", "currency": "EUR"}},
#               "rate": {"percent": {"ratio": "0.05"}}}}
#
# A tagged value is an object with exactly one key, the tag (see _PARAM_TAGS).
# Parameters come back in name order (Message.of's order). A statement
# stored before messages travelled has "message": null on every line: it
# loads with message None and explains itself from its English description.


_PARAM_TAGS = (
    "date",
    "datetime",
    "decimal",
    "int",
    "message",
    "money",
    "percent",
    "period",
    "str",
    "tuple",
)
"""The tags of a message parameter's value, one per type it may have."""

_SPAN = frozenset({"start", "end"})

_PARAM_TYPES = (
    "str, int, Decimal, Money, Percent, date, aware datetime, Period, "
    "Message or a tuple of these"
)


def _unstructure_param(message: Message, name: str, value: object) -> dict[str, Any]:
    """``value`` as a tagged value (types checked exactly, as format_value
    does, so a bool is not taken for an int)."""
    kind = type(value)
    if kind is str:
        return {"str": value}
    if kind is int:
        return {"int": value}
    if kind is Decimal:
        return {"decimal": str(to_decimal(value, name))}
    if kind is Money:
        return {"money": unstructure_money(value)}  # type: ignore[arg-type]
    if kind is Percent:
        percent: Percent = value  # type: ignore[assignment]
        shape: dict[str, Any] = {"ratio": str(to_decimal(percent.ratio, name))}
        if percent.digits is not None:
            shape["digits"] = percent.digits
        return {"percent": shape}
    if kind is Message:
        return {"message": _unstructure_message(value)}  # type: ignore[arg-type]
    if kind is tuple:
        items: tuple[object, ...] = value  # type: ignore[assignment]
        return {"tuple": [_unstructure_param(message, name, item) for item in items]}
    if kind is Period:
        period: Period = value  # type: ignore[assignment]
        return {
            "period": {"start": period.start.isoformat(), "end": period.end.isoformat()}
        }
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise _unstorable(
                message, f"{name}={shown(value)} is a naive datetime; attach a timezone"
            )
        return {"datetime": unstructure_datetime(value)}
    if isinstance(value, _dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, str):
        return {"str": str(value)}
    raise _unstorable(
        message,
        f"{name}={shown(value)} ({kind.__name__}) cannot be stored; "
        f"a parameter is a {_PARAM_TYPES}",
    )


def _unstorable(message: Message, detail: str) -> MessageParameterError:
    names = [str(name) for name, _ in message.params]
    return MessageParameterError(message.id, names, detail=detail)


def _unstructure_message(message: Message) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for name, value in message.params:
        if type(name) is not str:
            raise _unstorable(message, f"parameter name {shown(name)} is not a str")
        params[name] = _unstructure_param(message, name, value)
    return {"id": message.id, "params": params}


def _structure_param(value: Any, where: str) -> object:
    """A tagged value back into its type; ``where`` is its path inside the
    message (``params.rate``, ``params.tier.tuple[0]``), named by errors."""
    if not isinstance(value, dict) or len(value) != 1:
        raise BadValue(
            f"{where}: expected a tagged value, an object with one key of "
            f"{', '.join(_PARAM_TAGS)}; got {shown(value)}"
        )
    ((tag, inner),) = value.items()
    if tag == "message":
        return _read_message(inner, f"{where}.message")
    if tag == "tuple" and isinstance(inner, list):
        return tuple(
            _structure_param(item, f"{where}.tuple[{index}]")
            for index, item in enumerate(inner)
        )
    try:
        if tag == "str" and type(inner) is str:
            return inner
        if tag == "int" and type(inner) is int:
            return inner
        if tag == "decimal":
            return structure_decimal(inner, Decimal)
        if tag == "money":
            return structure_money(inner, Money)
        if tag == "percent":
            return _structure_percent(inner)
        if tag == "date":
            return structure_date(inner, _dt.date)
        if tag == "datetime":
            return structure_datetime(inner, _dt.datetime)
        if tag == "period" and isinstance(inner, dict) and set(inner) == _SPAN:
            return Period(
                structure_date(inner["start"], _dt.date),
                structure_date(inner["end"], _dt.date),
            )
    except (BadValue, AccountcoreError) as error:
        raise BadValue(f"{where}: {describe(error, None)}") from None
    if tag not in _PARAM_TAGS:
        raise BadValue(
            f"{where}: unknown tag {shown(tag)}; expected one of {', '.join(_PARAM_TAGS)}"
        )
    raise BadValue(f"{where}: {shown(inner)} is not a valid {shown(tag)} value")


def _structure_percent(value: Any) -> Percent:
    if not isinstance(value, dict) or not {"ratio"} <= set(value) <= {
        "ratio",
        "digits",
    }:
        raise BadValue(f"expected a percent {{ratio, digits?}}, got {shown(value)}")
    digits = value.get("digits")
    if digits is not None and type(digits) is not int:
        raise BadValue(
            f"expected an int or null for a percent's digits, got {shown(digits)}"
        )
    return Percent(structure_decimal(value["ratio"], Decimal), digits)


def _read_message(value: Any, where: str) -> Message:
    """A message from ``{id, params}``, its parameters in name order."""
    at = f"{where}: " if where else ""
    if not isinstance(value, dict):
        raise BadValue(f"{at}expected a message {{id, params}}, got {shown(value)}")
    extra = sorted(set(value) - {"id", "params"})
    if extra:
        raise BadValue(f"{at}unknown fields {extra} (a message has id and params)")
    message_id, params = value.get("id"), value.get("params", {})
    if type(message_id) is not str:
        raise BadValue(f"{at}expected a str message id, got {shown(message_id)}")
    if not isinstance(params, dict):
        raise BadValue(
            f"{at}expected the params of {shown(message_id)} as an object, got {shown(params)}"
        )
    inner = f"{where}.params" if where else "params"
    return Message(
        message_id,
        tuple(
            (name, _structure_param(item, f"{inner}.{name}"))
            for name, item in sorted(params.items())
        ),
    )


def _structure_message(value: Any, _: type) -> Message:
    return _read_message(value, "")


converter.register_unstructure_hook(Message, _unstructure_message)
converter.register_structure_hook(Message, _structure_message)
