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

import attrs
import cattrs
import pendulum
from cattrs.errors import ClassValidationError, IterableValidationError

from accountcore.errors import (
    AccountcoreError,
    RuleViolation,
    StructureError,
    _short,
)
from accountcore.money import Money, to_decimal
from accountcore.periods import require_aware

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_CHARS",
    "MAX_ERRORS_SHOWN",
    "MAX_INT_DIGITS",
    "MAX_SHOWN",
    "BadValue",
    "converter",
    "describe",
    "from_json",
    "messages",
    "named_zone",
    "shown",
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


MAX_DOCUMENT_CHARS = 16_000_000
"""The longest JSON text :func:`from_json` reads (characters, or bytes when
given bytes); a longer document is refused before it is parsed."""

MAX_DEPTH = 64
"""How deeply arrays and objects may nest in a document; our deepest
document (a statement's message parameters) nests well under 16."""

MAX_INT_DIGITS = 40
"""The most digits a JSON integer may have (versions, counts and ids fit in
19); amounts travel as strings and have their own bounds."""

MAX_SHOWN = 80
"""The longest value an error message shows (longer ones are cut, with
their length said)."""

MAX_ERRORS_SHOWN = 20
"""The most bad fields one :class:`~accountcore.errors.StructureError` lists
(the rest are counted in a last line)."""


def shown(value: object, limit: int = MAX_SHOWN) -> str:
    """``repr(value)`` for an error message, cut to about ``limit`` characters:
    the one shortening of the error family (``accountcore.errors._short``).

    >>> shown("x" * 10_000_000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…xxxxxxxxxxxxxxxxxxxx' (10000000 characters)"
    >>> shown(10**5000)
    'an int of about 5001 digits'
    >>> shown([1, 2])
    '[1, 2]'
    """
    return _short(value, limit)


class BadValue(RuleViolation, ValueError):
    """A leaf failure inside a structure hook; its text is the whole message.

    >>> print(BadValue("expected a str, got 3"))
    expected a str, got 3
    """


converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
"""The converter; register hooks for your own types on it if you extend ours."""


# --- Decimal -------------------------------------------------------------------


def structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, float):
        raise BadValue(f"expected a decimal string, got float {shown(value)} (inexact)")
    return to_decimal(value, "value")


converter.register_unstructure_hook(Decimal, str)
converter.register_structure_hook(Decimal, structure_decimal)


# --- Money ---------------------------------------------------------------------


def unstructure_money(money: Money) -> dict[str, str]:
    return {"amount": str(money.amount), "currency": money.currency}


def structure_money(value: Any, _: type) -> Money:
    if not isinstance(value, dict):
        raise BadValue(
            f"expected a mapping with amount and currency, got {shown(value)}"
        )
    extra = sorted(set(value) - {"amount", "currency"})
    missing = sorted({"amount", "currency"} - set(value))
    if extra or missing:
        raise BadValue(
            f"Money needs exactly amount and currency (missing {missing}, "
            f"extra {shown(extra)})"
        )
    amount = value["amount"]
    if isinstance(amount, float):
        raise BadValue(
            f"expected a decimal string for amount, got float {shown(amount)} (inexact)"
        )
    return Money(amount, value["currency"])


converter.register_unstructure_hook(Money, unstructure_money)
converter.register_structure_hook(Money, structure_money)


# --- dates and datetimes ---------------------------------------------------------


def structure_date(value: Any, _: type) -> _dt.date:
    if not isinstance(value, str):
        raise BadValue(
            f"expected an ISO 8601 date string, got {type(value).__name__} {shown(value)}"
        )
    if len(value) > 32:  # no ISO 8601 date is this long: parse nothing
        raise BadValue(f"invalid date {shown(value)}: too long for an ISO 8601 date")
    try:
        return _dt.date.fromisoformat(value)
    except ValueError as error:
        raise BadValue(f"invalid date {shown(value)}: {error}") from None


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
            f"expected an ISO 8601 datetime string, got "
            f"{type(value).__name__} {shown(value)}"
        )
    if len(value) > 128:  # no ISO 8601 datetime with a zone is this long
        raise BadValue(
            f"invalid datetime {shown(value)}: too long for an ISO 8601 datetime"
        )
    text, zone = value, ""
    if value.endswith("]") and "[" in value:
        text, _sep, zone = value[:-1].partition("[")
    try:
        parsed = _dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise BadValue(f"invalid datetime {shown(value)}: {error}") from None
    require_aware(parsed, "datetime")
    if not zone:
        return pendulum.instance(parsed)
    # Storage structures every datetime of every document: convert straight
    # into the named zone (same result as pendulum.instance + in_timezone,
    # about 30 times faster), looking the zone up once.
    try:
        tzinfo = named_zone(zone)
    except Exception:
        raise BadValue(f"unknown timezone {shown(zone)} in {shown(value)}") from None
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
        raise BadValue(f"expected Money or an int count, got {shown(value)}")
    return value


def _unstructure_target(value: Money | int) -> Any:
    return unstructure_money(value) if isinstance(value, Money) else value


converter.register_structure_hook(Money | int, _structure_target)
converter.register_unstructure_hook(Money | int, _unstructure_target)


# --- entry points ------------------------------------------------------------------


def _cut(text: str, limit: int = 4 * MAX_SHOWN) -> str:
    """``text`` cut to ``limit`` characters (a message line never grows
    with the data it quotes)."""
    if len(text) <= limit:
        return text
    return f"{text[: limit - 1]}… ({len(text)} characters)"


def _is_attrs(target: object) -> bool:
    return isinstance(target, type) and attrs.has(target)


def describe(error: BaseException, target: type | None) -> str:
    """One bad field's message (``target`` is the type it should have been)."""
    if isinstance(error, AccountcoreError):
        return _cut(str(error).rstrip("."))
    if isinstance(error, KeyError):
        return "required field missing"
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        return f"unknown fields {shown(sorted(error.extra_fields))}"
    if isinstance(error, AttributeError | TypeError) and _is_attrs(target):
        name = getattr(target, "__name__", "")
        return f"expected a JSON object (mapping) for {name}"
    if isinstance(error, TypeError | ValueError):
        return _cut(f"invalid value ({error})")
    return _cut(f"{type(error).__name__}: {error}")


def messages(error: BaseException) -> list[str]:
    """``'$.path: message'`` lines from a cattrs error tree (at most
    :data:`MAX_ERRORS_SHOWN`, then a line counting the rest)."""
    lines = cattrs.transform_error(error, format_exception=describe)
    out = []
    for line in lines:
        message, _, path = line.rpartition(" @ ")
        out.append(f"{_cut(path)}: {message}" if message else _cut(line))
    return _capped(out)


def _capped(lines: list[str]) -> list[str]:
    if len(lines) <= MAX_ERRORS_SHOWN:
        return lines
    rest = len(lines) - MAX_ERRORS_SHOWN + 1
    return [*lines[: MAX_ERRORS_SHOWN - 1], f"… and {rest} more bad fields"]


def _kind(data: Any) -> str:
    """What JSON calls ``data``'s type, for a shape error."""
    if isinstance(data, dict):
        return "an object"
    if isinstance(data, list | tuple):
        return "an array"
    if isinstance(data, str):
        return "a string"
    if isinstance(data, bool):
        return "a boolean"
    if isinstance(data, int | float):
        return "a number"
    return "null" if data is None else f"a {type(data).__name__}"


def structure(data: Any, cls: type[T]) -> T:
    """Build an instance of ``cls`` from plain data, or raise
    :class:`~accountcore.errors.StructureError` naming every bad field.

    Whatever the data, the only error is a ``StructureError``: a value of
    the wrong shape (an array where an object belongs), nesting deeper than
    :data:`MAX_DEPTH` or a value no hook accepts. Each line names the path to
    the field and shows the bad value cut to :data:`MAX_SHOWN` characters.

    >>> structure("2026-02-03", _dt.date)
    datetime.date(2026, 2, 3)
    >>> structure({"amount": 1.5, "currency": "EUR"}, Money)
    Traceback (most recent call last):
    ...
    accountcore.errors.StructureError: Cannot structure Money (1 bad field):
      - $: expected a decimal string for amount, got float 1.5 (inexact)
    >>> from accountcore.periods import Period
    >>> structure(["2026-01-01", "2026-02-01"], Period)
    Traceback (most recent call last):
    ...
    accountcore.errors.StructureError: Cannot structure Period (1 bad field):
      - $: expected a JSON object (mapping) for Period, got ['2026-01-01', '2026-02-01'] (an array)
    """
    target = getattr(cls, "__name__", repr(cls))
    if attrs.has(cls) and not isinstance(data, dict):
        got = f"{shown(data)} ({_kind(data)})"
        raise StructureError(
            target, [f"$: expected a JSON object (mapping) for {target}, got {got}"]
        )
    try:
        return converter.structure(data, cls)
    except (ClassValidationError, IterableValidationError) as error:
        raise StructureError(target, messages(error)) from error
    except cattrs.ForbiddenExtraKeysError as error:
        raise StructureError(
            target, [f"$: unknown fields {shown(sorted(error.extra_fields))}"]
        ) from error
    except StructureError:
        raise
    except RecursionError:
        raise StructureError(
            target, [f"$: nested too deeply (more than {MAX_DEPTH} levels)"]
        ) from None
    except Exception as error:
        # any other failure of a hook on this data: still the data's fault
        raise StructureError(target, [f"$: {describe(error, cls)}"]) from error


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


class _NotJson(Exception):
    """Raised by the parser's hooks: the message of one refusal."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a key given twice (JSON leaves it undefined;
    Python would keep the last silently)."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        twice = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise _NotJson(f"the key {shown(twice)} appears twice in one object")
    return result


def _integer(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise _NotJson(
            f"an integer of {digits} digits (at most {MAX_INT_DIGITS}; "
            "write amounts as decimal strings)"
        )
    return int(text)


def _constant(text: str) -> Any:
    raise _NotJson(f"{text} is not a JSON value")


def _too_deep(data: Any) -> bool:
    """Whether arrays and objects nest more than :data:`MAX_DEPTH` levels in
    ``data`` (level by level over the containers only: no recursion)."""
    level = [data] if type(data) in _CONTAINERS else []
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            return True
        inner: list[Any] = []
        for value in level:
            children = value.values() if type(value) is dict else value
            inner.extend(c for c in children if type(c) in _CONTAINERS)
        level = inner
    return False


_CONTAINERS = (dict, list)


def _parse(text: str | bytes) -> Any:
    """The data in JSON ``text``, or :class:`_NotJson` saying why not."""
    if isinstance(text, bytes | bytearray):
        if len(text) > MAX_DOCUMENT_CHARS:
            raise _NotJson(f"{len(text)} bytes (at most {MAX_DOCUMENT_CHARS})")
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as error:
            raise _NotJson(
                f"not UTF-8 (byte {error.object[error.start]:#04x} at "
                f"position {error.start})"
            ) from None
    elif not isinstance(text, str):
        raise _NotJson(f"expected JSON text (str or bytes), got {_kind(text)}")
    if len(text) > MAX_DOCUMENT_CHARS:
        raise _NotJson(f"{len(text)} characters (at most {MAX_DOCUMENT_CHARS})")
    try:
        data = json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_integer,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as error:
        raise _NotJson(
            f"not JSON ({error.msg}: line {error.lineno} column {error.colno})"
        ) from None
    except RecursionError:
        raise _NotJson(f"nested more than {MAX_DEPTH} levels deep") from None
    # n brackets nest at most n deep: most documents skip the walk
    openers = text.count("[") + text.count("{")
    if openers > MAX_DEPTH and _too_deep(data):
        raise _NotJson(f"nested more than {MAX_DEPTH} levels deep")
    return data


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Parse JSON text made by :func:`to_json` back into ``cls``.

    The text is untrusted: it is read only if it is at most
    :data:`MAX_DOCUMENT_CHARS` long, UTF-8 (when bytes), nested at most
    :data:`MAX_DEPTH` deep, with integers of at most :data:`MAX_INT_DIGITS`
    digits, no ``NaN`` or ``Infinity`` and no key twice in one object.
    Floats in the text are refused by the Decimal hook, so a number written
    without quotes cannot slip in inexactly. Anything else is a
    :class:`~accountcore.errors.StructureError`.

    >>> from_json('{"amount":"1.50","currency":"EUR"}', Money)
    Money('1.50', 'EUR')
    >>> from_json('{"amount":"1.50","amount":"9.99","currency":"EUR"}', Money)
    Traceback (most recent call last):
    ...
    accountcore.errors.StructureError: Cannot structure Money (1 bad field):
      - $: the key 'amount' appears twice in one object
    """
    try:
        data = _parse(text)
    except _NotJson as error:
        target = getattr(cls, "__name__", repr(cls))
        raise StructureError(target, [f"$: {error}"]) from None
    return structure(data, cls)
