"""One cattrs converter for every domain type.

Storage adapters, CRMs and notebooks turn accountcore objects into plain data
(``dict``, ``list``, ``str``, ``int``, ``bool``, ``None``) and back through
this one converter. Decimals travel as strings, never floats; dates as ISO
8601; aware datetimes as ISO 8601 with their offset, followed by the IANA
zone name in brackets when there is one (RFC 9557), so a zone survives the
round trip.

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

from accountcore.errors import AccountcoreError, StructureError
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

from accountcore.deals import DealEvent, DealHistory  # noqa: E402
from accountcore.pipeline import Pipeline  # noqa: E402
from accountcore.requirements import REQUIREMENTS, RequirementRegistry  # noqa: E402


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


# --- commission statement messages ---
# A statement line's ``message`` is its text in catalog form, derived from
# the line's own values: it is not stored (a line read back has none and
# shows its English ``description``).
from accountcore.i18n import Message  # noqa: E402


def _no_message(message: object) -> None:
    return None


converter.register_unstructure_hook(Message, _no_message)
# --- fast deals and clients -------------------------------------------------------
# Storage reads and writes every deal: Deal and Client get hand-written hooks
# (see accountcore._entity_codec for why, and how they fall back to the
# generic ones above so that output and error messages stay the same).

from accountcore._entity_codec import install as _install_entity_codec  # noqa: E402

_install_entity_codec(converter, _unstructure_datetime, _named_zone)
