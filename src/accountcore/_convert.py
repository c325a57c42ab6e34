"""The one cattrs converter, and the hooks every domain shares.

This is the bottom of serialization: the converter itself, the hooks for
``Decimal`` (a string, never a float), :class:`~accountcore.money.Money`,
dates and aware datetimes (ISO 8601, with the IANA zone in brackets), quota
targets (Money or a count), and the entry points
(:func:`structure`, :func:`unstructure`, :func:`to_json`, :func:`from_json`)
with their error wording. It imports only the layers below the domains.

Each domain registers its own hooks on :data:`converter` when its package is
imported (``accountcore/<domain>/_hooks.py``): the pipeline its deals,
histories and pipelines, commissions its components, discounts its rules,
reliability its scorecards, i18n its messages. The public home of all this
is :mod:`accountcore.serialization`.

>>> structure({"amount": "12.50", "currency": "EUR"}, Money)
Money('12.50', 'EUR')
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
from decimal import Decimal
from functools import lru_cache
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import cattrs
import pendulum
from cattrs.errors import ClassValidationError, IterableValidationError

from accountcore.errors import (
    AccountcoreError,
    StructureError,
)
from accountcore.money import Money, to_decimal
from accountcore.periods import require_aware

__all__ = [
    "BadValue",
    "converter",
    "describe",
    "from_json",
    "messages",
    "named_zone",
    "structure",
    "structure_date",
    "structure_datetime",
    "structure_decimal",
    "structure_money",
    "to_json",
    "unstructure",
    "unstructure_datetime",
    "unstructure_money",
]

T = TypeVar("T")


class BadValue(ValueError):
    """A leaf failure inside a structure hook; its text is the whole message."""


converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
"""The converter; register hooks for your own types on it if you extend ours."""


# --- Decimal -------------------------------------------------------------------


def structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, float):
        raise BadValue(f"expected a decimal string, got float {value!r} (inexact)")
    return to_decimal(value, "value")


converter.register_unstructure_hook(Decimal, str)
converter.register_structure_hook(Decimal, structure_decimal)


# --- Money ---------------------------------------------------------------------


def unstructure_money(money: Money) -> dict[str, str]:
    return {"amount": str(money.amount), "currency": money.currency}


def structure_money(value: Any, _: type) -> Money:
    if not isinstance(value, dict):
        raise BadValue(f"expected a mapping with amount and currency, got {value!r}")
    extra = sorted(set(value) - {"amount", "currency"})
    missing = sorted({"amount", "currency"} - set(value))
    if extra or missing:
        raise BadValue(
            f"Money needs exactly amount and currency (missing {missing}, extra {extra})"
        )
    amount = value["amount"]
    if isinstance(amount, float):
        raise BadValue(
            f"expected a decimal string for amount, got float {amount!r} (inexact)"
        )
    return Money(amount, value["currency"])


converter.register_unstructure_hook(Money, unstructure_money)
converter.register_structure_hook(Money, structure_money)


# --- dates and datetimes ---------------------------------------------------------


def structure_date(value: Any, _: type) -> _dt.date:
    if not isinstance(value, str):
        raise BadValue(
            f"expected an ISO 8601 date string, got {type(value).__name__} {value!r}"
        )
    try:
        return _dt.date.fromisoformat(value)
    except ValueError as error:
        raise BadValue(f"invalid date {value!r}: {error}") from None


@lru_cache(maxsize=512)
def _is_zone_name(name: str) -> bool:
    """Whether ``name`` is an IANA zone name (``Japan`` and ``UTC`` are too)."""
    try:
        zone = pendulum.timezone(name)
    except Exception:
        return False
    return not isinstance(zone, pendulum.FixedTimezone)


def _zone_name(moment: _dt.datetime) -> str | None:
    zone = moment.tzinfo
    name = getattr(zone, "key", None) or getattr(zone, "name", None)
    if isinstance(name, str) and _is_zone_name(name):
        return name
    return None


_CHECKED_ZONES: dict[int, tuple[_dt.tzinfo, str]] = {}
"""IANA zones already seen, by ``id`` (pendulum's ``__hash__`` is slow), with
their names: a datetime in one of them is aware (a ``ZoneInfo`` always
gives an offset), so it skips the checks."""


def unstructure_datetime(moment: _dt.datetime) -> str:
    zone = moment.tzinfo
    known = _CHECKED_ZONES.get(id(zone))
    if known is not None and known[0] is zone:
        name: str | None = known[1]
    else:
        require_aware(moment, "datetime")
        name = _zone_name(moment)
        if name and isinstance(zone, ZoneInfo) and len(_CHECKED_ZONES) < 1024:
            _CHECKED_ZONES[id(zone)] = (zone, name)
    text = moment.isoformat()
    return f"{text}[{name}]" if name else text


def structure_datetime(value: Any, _: type) -> _dt.datetime:
    if not isinstance(value, str):
        raise BadValue(
            f"expected an ISO 8601 datetime string, got {type(value).__name__} {value!r}"
        )
    text, zone = value, ""
    if value.endswith("]") and "[" in value:
        text, _sep, zone = value[:-1].partition("[")
    try:
        parsed = _dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise BadValue(f"invalid datetime {value!r}: {error}") from None
    require_aware(parsed, "datetime")
    if not zone:
        return pendulum.instance(parsed)
    # Storage structures every datetime of every document: convert straight
    # into the named zone (same result as pendulum.instance + in_timezone,
    # about 30 times faster), looking the zone up once.
    try:
        tzinfo = named_zone(zone)
    except Exception:
        raise BadValue(f"unknown timezone {zone!r} in {value!r}") from None
    local = parsed.astimezone(tzinfo)
    return pendulum.DateTime(
        local.year,
        local.month,
        local.day,
        local.hour,
        local.minute,
        local.second,
        local.microsecond,
        tzinfo=tzinfo,
        fold=local.fold,
    )


@functools.lru_cache(maxsize=512)
def named_zone(name: str) -> _dt.tzinfo:
    return pendulum.timezone(name)


converter.register_unstructure_hook(_dt.date, _dt.date.isoformat)
converter.register_structure_hook(_dt.date, structure_date)
converter.register_unstructure_hook(_dt.datetime, unstructure_datetime)
converter.register_structure_hook(_dt.datetime, structure_datetime)
converter.register_structure_hook(pendulum.DateTime, structure_datetime)
converter.register_structure_hook(
    pendulum.Date,
    lambda v, t: pendulum.Date.fromisoformat(structure_date(v, t).isoformat()),
)


# --- quota targets: Money or a count


def _structure_target(value: Any, _: type) -> Money | int:
    if isinstance(value, dict):
        return structure_money(value, Money)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadValue(f"expected Money or an int count, got {value!r}")
    return value


def _unstructure_target(value: Money | int) -> Any:
    return unstructure_money(value) if isinstance(value, Money) else value


converter.register_structure_hook(Money | int, _structure_target)
converter.register_unstructure_hook(Money | int, _unstructure_target)


# --- entry points ------------------------------------------------------------------


def describe(error: BaseException, _: type | None) -> str:
    if isinstance(error, AccountcoreError | BadValue):
        return str(error).rstrip(".")
    if isinstance(error, KeyError):
        return "required field missing"
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        return f"unknown fields {sorted(error.extra_fields)}"
    if isinstance(error, TypeError | ValueError):
        return f"invalid value ({error})"
    return f"{type(error).__name__}: {error}"


def messages(error: BaseException) -> list[str]:
    """``'$.path: message'`` lines from a cattrs error tree."""
    lines = cattrs.transform_error(error, format_exception=describe)
    out = []
    for line in lines:
        message, _, path = line.rpartition(" @ ")
        out.append(f"{path}: {message}" if message else line)
    return out


def structure(data: Any, cls: type[T]) -> T:
    """Build an instance of ``cls`` from plain data, or raise
    :class:`~accountcore.errors.StructureError` naming every bad field.

    >>> structure("2026-02-03", _dt.date)
    datetime.date(2026, 2, 3)
    >>> structure({"amount": 1.5, "currency": "EUR"}, Money)
    Traceback (most recent call last):
    ...
    accountcore.errors.StructureError: Cannot structure Money (1 bad field):
      - $: expected a decimal string for amount, got float 1.5 (inexact)
    """
    target = getattr(cls, "__name__", repr(cls))
    try:
        return converter.structure(data, cls)
    except (ClassValidationError, IterableValidationError) as error:
        raise StructureError(target, messages(error)) from error
    except cattrs.ForbiddenExtraKeysError as error:
        raise StructureError(
            target, [f"$: unknown fields {sorted(error.extra_fields)}"]
        ) from error
    except (AccountcoreError, BadValue, TypeError, ValueError, KeyError) as error:
        if isinstance(error, StructureError):
            raise
        raise StructureError(target, [f"$: {describe(error, None)}"]) from error


def unstructure(obj: Any) -> Any:
    """Plain data (JSON-ready) for any accountcore object.

    >>> unstructure(Decimal("0.10"))
    '0.10'
    """
    return converter.unstructure(obj)


def to_json(obj: Any) -> str:
    """Deterministic JSON text (sorted keys, no spaces) for ``obj``.

    >>> to_json(Money("1.50", "EUR"))
    '{"amount":"1.50","currency":"EUR"}'
    """
    return json.dumps(
        unstructure(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def from_json(text: str, cls: type[T]) -> T:
    """Parse JSON text made by :func:`to_json` back into ``cls``.

    Floats in the text are refused by the Decimal hook, so a number written
    without quotes cannot slip in inexactly.

    >>> from_json('{"amount":"1.50","currency":"EUR"}', Money)
    Money('1.50', 'EUR')
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        target = getattr(cls, "__name__", repr(cls))
        raise StructureError(target, [f"$: not JSON ({error})"]) from None
    return structure(data, cls)
