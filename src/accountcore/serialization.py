"""One cattrs converter for every domain type.

Storage adapters, CRMs and notebooks turn accountcore objects into plain data
(``dict``, ``list``, ``str``, ``int``, ``bool``, ``None``) and back through
this one converter. Decimals travel as strings, never floats; dates as ISO
8601; aware datetimes as ISO 8601 with their offset, followed by the IANA
zone name in brackets when there is one (RFC 9557), so a zone survives the
round trip. A :class:`~accountcore.i18n.Message` travels as its id and its
parameters, each a tagged value naming its type, so a statement read back
explains itself in any language as before (see ``docs/storage.md``).

>>> from accountcore.money import Money
>>> unstructure(Money("12.50", "EUR"))
{'amount': '12.50', 'currency': 'EUR'}
>>> structure({"amount": "12.50", "currency": "EUR"}, Money)
Money('12.50', 'EUR')
>>> import pendulum
>>> unstructure(pendulum.datetime(2026, 3, 1, 9, 30, tz="Europe/Tallinn"))
'2026-03-01T09:30:00+02:00[Europe/Tallinn]'

Bad data raises :class:`~accountcore.errors.StructureError` listing every bad
field at once:

>>> from accountcore.periods import Period
>>> structure({"start": "2026-13-01", "end": 20260401}, Period)
Traceback (most recent call last):
...
accountcore.errors.StructureError: Cannot structure Period (2 bad fields):
  - $.start: invalid date '2026-13-01': month must be in 1..12
  - $.end: expected an ISO 8601 date string, got int 20260401
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
    MessageParameterError,
    StructureError,
)
from accountcore.money import Money, to_decimal
from accountcore.periods import require_aware

__all__ = [
    "converter",
    "from_json",
    "structure",
    "structure_pipeline",
    "to_json",
    "unstructure",
]

T = TypeVar("T")


class _BadValue(ValueError):
    """A leaf failure inside a structure hook; its text is the whole message."""


converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
"""The converter; register hooks for your own types on it if you extend ours."""


# --- Decimal -------------------------------------------------------------------


def _structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, float):
        raise _BadValue(f"expected a decimal string, got float {value!r} (inexact)")
    return to_decimal(value, "value")


converter.register_unstructure_hook(Decimal, str)
converter.register_structure_hook(Decimal, _structure_decimal)


# --- Money ---------------------------------------------------------------------


def _unstructure_money(money: Money) -> dict[str, str]:
    return {"amount": str(money.amount), "currency": money.currency}


def _structure_money(value: Any, _: type) -> Money:
    if not isinstance(value, dict):
        raise _BadValue(f"expected a mapping with amount and currency, got {value!r}")
    extra = sorted(set(value) - {"amount", "currency"})
    missing = sorted({"amount", "currency"} - set(value))
    if extra or missing:
        raise _BadValue(
            f"Money needs exactly amount and currency (missing {missing}, extra {extra})"
        )
    amount = value["amount"]
    if isinstance(amount, float):
        raise _BadValue(
            f"expected a decimal string for amount, got float {amount!r} (inexact)"
        )
    return Money(amount, value["currency"])


converter.register_unstructure_hook(Money, _unstructure_money)
converter.register_structure_hook(Money, _structure_money)


# --- dates and datetimes ---------------------------------------------------------


def _structure_date(value: Any, _: type) -> _dt.date:
    if not isinstance(value, str):
        raise _BadValue(
            f"expected an ISO 8601 date string, got {type(value).__name__} {value!r}"
        )
    try:
        return _dt.date.fromisoformat(value)
    except ValueError as error:
        raise _BadValue(f"invalid date {value!r}: {error}") from None


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


def _unstructure_datetime(moment: _dt.datetime) -> str:
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


def _structure_datetime(value: Any, _: type) -> _dt.datetime:
    if not isinstance(value, str):
        raise _BadValue(
            f"expected an ISO 8601 datetime string, got {type(value).__name__} {value!r}"
        )
    text, zone = value, ""
    if value.endswith("]") and "[" in value:
        text, _sep, zone = value[:-1].partition("[")
    try:
        parsed = _dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise _BadValue(f"invalid datetime {value!r}: {error}") from None
    require_aware(parsed, "datetime")
    if not zone:
        return pendulum.instance(parsed)
    # Storage structures every datetime of every document: convert straight
    # into the named zone (same result as pendulum.instance + in_timezone,
    # about 30 times faster), looking the zone up once.
    try:
        tzinfo = _named_zone(zone)
    except Exception:
        raise _BadValue(f"unknown timezone {zone!r} in {value!r}") from None
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
def _named_zone(name: str) -> _dt.tzinfo:
    return pendulum.timezone(name)


converter.register_unstructure_hook(_dt.date, _dt.date.isoformat)
converter.register_structure_hook(_dt.date, _structure_date)
converter.register_unstructure_hook(_dt.datetime, _unstructure_datetime)
converter.register_structure_hook(_dt.datetime, _structure_datetime)
converter.register_structure_hook(pendulum.DateTime, _structure_datetime)
converter.register_structure_hook(
    pendulum.Date,
    lambda v, t: pendulum.Date.fromisoformat(_structure_date(v, t).isoformat()),
)


# --- entry points ------------------------------------------------------------------


def _describe(error: BaseException, _: type | None) -> str:
    if isinstance(error, AccountcoreError | _BadValue):
        return str(error).rstrip(".")
    if isinstance(error, KeyError):
        return "required field missing"
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        return f"unknown fields {sorted(error.extra_fields)}"
    if isinstance(error, TypeError | ValueError):
        return f"invalid value ({error})"
    return f"{type(error).__name__}: {error}"


def _messages(error: BaseException) -> list[str]:
    """``'$.path: message'`` lines from a cattrs error tree."""
    lines = cattrs.transform_error(error, format_exception=_describe)
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
        raise StructureError(target, _messages(error)) from error
    except cattrs.ForbiddenExtraKeysError as error:
        raise StructureError(
            target, [f"$: unknown fields {sorted(error.extra_fields)}"]
        ) from error
    except (AccountcoreError, _BadValue, TypeError, ValueError, KeyError) as error:
        if isinstance(error, StructureError):
            raise
        raise StructureError(target, [f"$: {_describe(error, None)}"]) from error


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


# --- clients and pipeline ----------------------------------------------------------
# A deal's history is a list of events of several kinds: each travels with a
# "kind" tag (``"stage_change"``, ``"amount_change"``…). A pipeline travels
# without its requirement registry (requirements are named, never code);
# structure() rebuilds it with the builtin requirements, structure_pipeline()
# with yours.

import attrs  # noqa: E402
from cattrs.strategies import configure_tagged_union  # noqa: E402

from accountcore.pipeline import (  # noqa: E402  # noqa: E402
    REQUIREMENTS,
    DealEvent,
    DealHistory,
    Pipeline,
    RequirementRegistry,
)


def _event_tag(cls: type) -> str:
    name = cls.__name__
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


configure_tagged_union(DealEvent, converter, tag_generator=_event_tag, tag_name="kind")
# A deal's history travels as the list of its events.
converter.register_unstructure_hook(
    DealHistory, lambda history: [converter.unstructure(e, DealEvent) for e in history]
)
converter.register_structure_hook(
    DealHistory,
    lambda value, _: DealHistory(converter.structure(value, tuple[DealEvent, ...])),
)


def _build_pipeline(value: Any, registry: RequirementRegistry) -> Pipeline:
    if not isinstance(value, dict):
        raise _BadValue(f"expected a mapping for a pipeline, got {value!r}")
    fields: dict[str, Any] = {
        a.name: a.type
        for a in attrs.fields(attrs.resolve_types(Pipeline))
        if a.init and a.name != "registry"
    }
    extra = sorted(set(value) - set(fields))
    bad = [f"$: unknown fields {extra}"] if extra else []
    parts: dict[str, Any] = {}
    for name, kind in fields.items():
        if name not in value:
            continue
        try:
            parts[name] = converter.structure(value[name], kind)
        except (ClassValidationError, IterableValidationError) as error:
            bad.extend(
                f"$.{name}{line[1:]}" if line.startswith("$") else line
                for line in _messages(error)
            )
        except (AccountcoreError, _BadValue, TypeError, ValueError, KeyError) as error:
            bad.append(f"$.{name}: {_describe(error, None)}")
    missing = [n for n in ("id", "name", "stages") if n not in value]
    bad.extend(f"$.{n}: required field missing" for n in missing)
    if bad:
        raise StructureError("Pipeline", bad)
    return Pipeline(**parts, registry=registry)


def _unstructure_pipeline(pipeline: Pipeline) -> dict[str, Any]:
    return {
        a.name: converter.unstructure(getattr(pipeline, a.name), a.type)
        for a in attrs.fields(attrs.resolve_types(Pipeline))
        if a.init and a.name != "registry"
    }


converter.register_unstructure_hook(Pipeline, _unstructure_pipeline)
converter.register_structure_hook(
    Pipeline, lambda value, _: _build_pipeline(value, REQUIREMENTS)
)


def structure_pipeline(data: Any, registry: RequirementRegistry) -> Pipeline:
    """Build a :class:`~accountcore.pipeline.Pipeline` from plain data with
    the requirements of ``registry`` (for pipelines that name your own).

    >>> pipeline = structure_pipeline(unstructure(Pipeline.default()), REQUIREMENTS)
    >>> pipeline == Pipeline.default()
    True
    >>> structure_pipeline({"id": "x", "stages": [], "colour": "red"}, REQUIREMENTS)
    Traceback (most recent call last):
    ...
    accountcore.errors.StructureError: Cannot structure Pipeline (2 bad fields):
      - $: unknown fields ['colour']
      - $.name: required field missing
    """
    try:
        return _build_pipeline(data, registry)
    except _BadValue as error:
        raise StructureError("Pipeline", [f"$: {error}"]) from None


# --- reliability ---
# A scorecard's factors are polymorphic: each travels as {"kind": <registered
# name>, **its fields}. The scorecard's fingerprint and band order are derived,
# so they are not serialised.

from accountcore.reliability import (  # noqa: E402
    FactorWeight,
    ReliabilityBand,
    Scorecard,
    factor_class,
    factor_kind,
)


def _unstructure_factor_weight(entry: FactorWeight) -> dict[str, Any]:
    factor = converter.unstructure(entry.factor, type(entry.factor))
    return {
        "factor": {"kind": factor_kind(entry.factor), **factor},
        "weight": str(entry.weight),
    }


def _structure_factor_weight(value: Any, _: type) -> FactorWeight:
    if not isinstance(value, dict) or set(value) != {"factor", "weight"}:
        raise _BadValue(f"expected a mapping with factor and weight, got {value!r}")
    spec = value["factor"]
    if not isinstance(spec, dict) or "kind" not in spec:
        raise _BadValue(f"expected a factor mapping with a kind, got {spec!r}")
    fields = {k: v for k, v in spec.items() if k != "kind"}
    try:
        cls = factor_class(spec["kind"])
    except KeyError as error:
        raise _BadValue(str(error.args[0])) from None
    return FactorWeight(
        converter.structure(fields, cls), _structure_decimal(value["weight"], Decimal)
    )


def _unstructure_scorecard(card: Scorecard) -> dict[str, Any]:
    return {
        "name": card.name,
        "factors": [_unstructure_factor_weight(entry) for entry in card.factors],
        "bands": converter.unstructure(card.bands, tuple[ReliabilityBand, ...]),
        "neutral": str(card.neutral),
        "max_reasons": card.max_reasons,
    }


converter.register_unstructure_hook(FactorWeight, _unstructure_factor_weight)
converter.register_structure_hook(FactorWeight, _structure_factor_weight)
converter.register_unstructure_hook(Scorecard, _unstructure_scorecard)
# --- quotas and commissions ------------------------------------------------------
# A quota target is Money or a count; a plan's components are tagged with their
# registered kind ({"type": "flat_rate", ...}) so a stored plan needs no code.

from accountcore.commissions.context import (  # noqa: E402
    Component,
    component_kinds,
    kind_of,
)


def _structure_target(value: Any, _: type) -> Money | int:
    if isinstance(value, dict):
        return _structure_money(value, Money)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _BadValue(f"expected Money or an int count, got {value!r}")
    return value


def _unstructure_target(value: Money | int) -> Any:
    return _unstructure_money(value) if isinstance(value, Money) else value


def _structure_component(value: Any, _: type) -> Component:
    if not isinstance(value, dict) or "type" not in value:
        raise _BadValue(f"expected a component mapping with a 'type', got {value!r}")
    kinds = component_kinds()
    kind = value["type"]
    if kind not in kinds:
        raise _BadValue(
            f"unknown component kind {kind!r}; registered: {', '.join(sorted(kinds))}"
        )
    fields = {k: v for k, v in value.items() if k != "type"}
    result: Component = converter.structure(fields, kinds[kind])
    return result


def _unstructure_component(value: Component) -> dict[str, Any]:
    data: dict[str, Any] = converter.unstructure(value, unstructure_as=type(value))
    return {"type": kind_of(value), **data}


converter.register_structure_hook(Money | int, _structure_target)
converter.register_unstructure_hook(Money | int, _unstructure_target)
# Registered for the protocol itself, not by subclass: a component class
# passes issubclass(cls, Component) on Python 3.12+ (a runtime protocol), and
# a subclass hook would then call itself for every concrete component.
converter.register_structure_hook_func(
    lambda cls: cls is Component, _structure_component
)
converter.register_unstructure_hook_func(
    lambda cls: cls is Component, _unstructure_component
)
# --- discounts ---------------------------------------------------------------------

from accountcore.discounts import DiscountRule  # noqa: E402
from accountcore.discounts.rules import RULE_KINDS, rule_kind  # noqa: E402


def _unstructure_rule(rule: DiscountRule) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": rule_kind(rule)}
    data.update(converter.unstructure(rule, unstructure_as=type(rule)))
    return data


def _structure_rule(value: Any, _: type) -> DiscountRule:
    if not isinstance(value, dict) or "kind" not in value:
        raise _BadValue(f"expected a rule mapping with a 'kind', got {value!r}")
    fields = dict(value)
    kind = fields.pop("kind")
    cls = RULE_KINDS.get(kind)
    if cls is None:
        raise _BadValue(
            f"unknown rule kind {kind!r}; known: {', '.join(sorted(RULE_KINDS))}"
        )
    rule: DiscountRule = converter.structure(fields, cls)
    return rule


# For the protocol itself, not by subclass (see the Component hooks).
converter.register_unstructure_hook_func(
    lambda cls: cls is DiscountRule, _unstructure_rule
)
converter.register_structure_hook_func(lambda cls: cls is DiscountRule, _structure_rule)


# --- messages ----------------------------------------------------------------------
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

from accountcore.i18n import Message, Percent  # noqa: E402
from accountcore.periods import Period  # noqa: E402

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
        return {"money": _unstructure_money(value)}  # type: ignore[arg-type]
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
                message, f"{name}={value!r} is a naive datetime; attach a timezone"
            )
        return {"datetime": _unstructure_datetime(value)}
    if isinstance(value, _dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, str):
        return {"str": str(value)}
    raise _unstorable(
        message,
        f"{name}={value!r} ({kind.__name__}) cannot be stored; "
        f"a parameter is a {_PARAM_TYPES}",
    )


def _unstorable(message: Message, detail: str) -> MessageParameterError:
    names = [str(name) for name, _ in message.params]
    return MessageParameterError(message.id, names, detail=detail)


def _unstructure_message(message: Message) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for name, value in message.params:
        if type(name) is not str:
            raise _unstorable(message, f"parameter name {name!r} is not a str")
        params[name] = _unstructure_param(message, name, value)
    return {"id": message.id, "params": params}


def _structure_param(value: Any, where: str) -> object:
    """A tagged value back into its type; ``where`` is its path inside the
    message (``params.rate``, ``params.tier.tuple[0]``), named by errors."""
    if not isinstance(value, dict) or len(value) != 1:
        raise _BadValue(
            f"{where}: expected a tagged value, an object with one key of "
            f"{', '.join(_PARAM_TAGS)}; got {value!r}"
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
            return _structure_decimal(inner, Decimal)
        if tag == "money":
            return _structure_money(inner, Money)
        if tag == "percent":
            return _structure_percent(inner)
        if tag == "date":
            return _structure_date(inner, _dt.date)
        if tag == "datetime":
            return _structure_datetime(inner, _dt.datetime)
        if tag == "period" and isinstance(inner, dict) and set(inner) == _SPAN:
            return Period(
                _structure_date(inner["start"], _dt.date),
                _structure_date(inner["end"], _dt.date),
            )
    except (_BadValue, AccountcoreError) as error:
        raise _BadValue(f"{where}: {_describe(error, None)}") from None
    if tag not in _PARAM_TAGS:
        raise _BadValue(
            f"{where}: unknown tag {tag!r}; expected one of {', '.join(_PARAM_TAGS)}"
        )
    raise _BadValue(f"{where}: {inner!r} is not a valid {tag!r} value")


def _structure_percent(value: Any) -> Percent:
    if not isinstance(value, dict) or not {"ratio"} <= set(value) <= {
        "ratio",
        "digits",
    }:
        raise _BadValue(f"expected a percent {{ratio, digits?}}, got {value!r}")
    digits = value.get("digits")
    if digits is not None and type(digits) is not int:
        raise _BadValue(
            f"expected an int or null for a percent's digits, got {digits!r}"
        )
    return Percent(_structure_decimal(value["ratio"], Decimal), digits)


def _read_message(value: Any, where: str) -> Message:
    """A message from ``{id, params}``, its parameters in name order."""
    at = f"{where}: " if where else ""
    if not isinstance(value, dict):
        raise _BadValue(f"{at}expected a message {{id, params}}, got {value!r}")
    extra = sorted(set(value) - {"id", "params"})
    if extra:
        raise _BadValue(f"{at}unknown fields {extra} (a message has id and params)")
    message_id, params = value.get("id"), value.get("params", {})
    if type(message_id) is not str:
        raise _BadValue(f"{at}expected a str message id, got {message_id!r}")
    if not isinstance(params, dict):
        raise _BadValue(
            f"{at}expected the params of {message_id!r} as an object, got {params!r}"
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
# --- fast deals and clients -------------------------------------------------------
# Storage reads and writes every deal: Deal and Client get hand-written hooks
# (see accountcore.pipeline._codec for why, and how they fall back to the
# generic ones above so that output and error messages stay the same).

from accountcore.pipeline._codec import install as _install_entity_codec  # noqa: E402

_install_entity_codec(converter, _unstructure_datetime, _named_zone)
