"""Reading and writing definition files: TOML or JSON text to a definition
and back, every fault of a file listed at once."""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any

from accountcore.commissions import CommissionPlan
from accountcore.definitions._shape import from_file, to_file
from accountcore.definitions._toml import toml_text
from accountcore.definitions.errors import DefinitionFileError, Fault
from accountcore.discounts import DiscountScheme
from accountcore.discounts.loyalty import LoyaltyProgram
from accountcore.discounts.rebates import Rebate
from accountcore.errors import InvalidChoiceError, StructureError, _short
from accountcore.pipeline import Pipeline
from accountcore.quotas import Quota
from accountcore.reliability import Scorecard
from accountcore.serialization import structure, unstructure

__all__ = ["KINDS", "dumps", "kind_of", "load", "loads", "save"]

KINDS: dict[str, Any] = {
    "commission_plan": CommissionPlan,
    "pipeline": Pipeline,
    "discount_scheme": DiscountScheme,
    "scorecard": Scorecard,
    "quota_schedule": tuple[Quota, ...],
    "rebate": Rebate,
    "loyalty_program": LoyaltyProgram,
}
"""Each kind of definition file and the type it loads as (a quota schedule
is a tuple of :class:`~accountcore.quotas.Quota`, under the key ``quotas``)."""

FORMATS = ("toml", "json")

_SCHEDULE_KEY = "quotas"
_PARENT = re.compile(r"(\.[^.\[]*|\[\d+\])$")
_AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


class _FloatText(str):
    """The text of a number with a fraction or an exponent, as written: a
    float is never made of it."""

    __slots__ = ()


def kind_of(obj: object) -> str:
    """The kind of definition ``obj`` is (a key of :data:`KINDS`).

    >>> from accountcore import Pipeline
    >>> kind_of(Pipeline.default())
    'pipeline'
    """
    for kind, tp in KINDS.items():
        if isinstance(tp, type) and isinstance(obj, tp):
            return kind
    if isinstance(obj, tuple | list) and all(isinstance(q, Quota) for q in obj):
        return "quota_schedule"
    raise InvalidChoiceError(
        "definition", type(obj).__name__, [*KINDS, "a tuple of Quota"]
    )


# --- reading -----------------------------------------------------------------


def load(source: str | os.PathLike[str], kind: str | None = None) -> Any:
    """The definition in the file at ``source`` (TOML, or JSON when the name
    ends in ``.json``), or in ``source`` itself when it is text (a ``str``
    holding a line break, or starting with ``{``).

    The kind comes from the file's ``kind = "..."`` key or from ``kind``;
    when both are given they must agree. Every fault of the file is listed
    in one :class:`DefinitionFileError`.
    """
    if isinstance(source, str) and ("\n" in source or source.lstrip().startswith("{")):
        return loads(source, kind)
    path = Path(source)
    fmt = "json" if path.suffix.lower() == ".json" else "toml"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DefinitionFileError(
            str(path), kind, [Fault("", f"cannot be read ({error})")]
        ) from None
    return loads(text, kind, format=fmt, source=str(path))


def loads(
    text: str,
    kind: str | None = None,
    *,
    format: str | None = None,
    source: str = "the text",
) -> Any:
    """The definition in ``text`` (TOML; JSON when ``format="json"``, or
    when ``format`` is ``None`` and the text starts with ``{``).

    >>> loads('kind = "quota_schedule"\\n[[quotas]]\\nowner = "ana"\\nperiod = "2026-Q1"\\ntarget = "30000.00 EUR"\\n')
    (Quota(owner='ana', period=Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 4, 1)), target=Money('30000.00', 'EUR'), measure=<Measure.REVENUE: 'revenue'>, reliefs=()),)
    """
    if format is None:
        format = "json" if text.lstrip().startswith("{") else "toml"
    if format not in FORMATS:
        raise InvalidChoiceError("format", format, FORMATS)
    if kind is not None and kind not in KINDS:
        raise InvalidChoiceError("kind", kind, KINDS)
    data = _parse(text, format, source, kind)
    faults: list[Fault] = []
    order: dict[str, int] = {}
    data = _exact(data, "", faults, format, order)
    if not isinstance(data, dict):
        raise DefinitionFileError(
            source, kind, [Fault("", f"expected a table of keys, got {_short(data)}")]
        )
    kind = _kind(data, kind, faults)
    if kind is None:
        raise DefinitionFileError(source, None, faults)
    try:
        return _built(data, kind, faults, source)
    except DefinitionFileError as error:
        ranked = sorted(error.faults, key=lambda f: _rank(f.place, order))
        raise DefinitionFileError(source, kind, ranked) from None


def _rank(place: str, order: dict[str, int]) -> int:
    """Where ``place`` (or the nearest table holding it) is in the file."""
    while place in order or _PARENT.search(place):
        if place in order:
            return order[place]
        place = _PARENT.sub("", place)
    return 0


def _parse(text: str, fmt: str, source: str, kind: str | None) -> Any:
    """The data of ``text``, or a :class:`DefinitionFileError` at the line
    the parser names."""
    try:
        if fmt == "json":
            return json.loads(text, parse_float=_FloatText)
        return tomllib.loads(text, parse_float=_FloatText)
    except json.JSONDecodeError as error:
        fault = Fault("", f"not JSON: {error.msg} (column {error.colno})", error.lineno)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        at = _AT_LINE.search(message)
        line = int(at[1]) if at else None
        if at:
            message = f"{message[: at.start()].rstrip()} (column {at[2]})"
        fault = Fault("", f"not TOML: {message}", line)
    raise DefinitionFileError(source, kind, [fault])


def _exact(
    data: Any, place: str, faults: list[Fault], fmt: str, order: dict[str, int]
) -> Any:
    """``data`` with each float refused (a fault at its place; its text kept
    so the rest is still checked) and each TOML date or time as ISO text;
    ``order`` gets each place in the order of the file."""
    order.setdefault(place, len(order))
    if isinstance(data, _FloatText):
        key = re.sub(r"\[\d+\]$", "", place.rpartition(".")[2]) or "value"
        written = f'"{key}": "{data}"' if fmt == "json" else f'{key} = "{data}"'
        faults.append(
            Fault(
                place,
                f"{data} is a binary float, not an exact decimal: quote it, {written}",
            )
        )
        return str(data)
    if isinstance(data, dict):
        return {
            k: _exact(v, f"{place}.{k}" if place else k, faults, fmt, order)
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [
            _exact(v, f"{place}[{i}]", faults, fmt, order) for i, v in enumerate(data)
        ]
    if isinstance(data, _dt.date | _dt.time):
        return data.isoformat()
    return data


def _kind(data: dict[str, Any], wanted: str | None, faults: list[Fault]) -> str | None:
    written = data.pop("kind", None)
    if written is None:
        if wanted is None:
            faults.append(
                Fault(
                    "kind",
                    "the file does not say what it defines: add "
                    f"kind = one of {', '.join(map(repr, KINDS))}",
                )
            )
        return wanted
    if written not in KINDS:
        faults.append(
            Fault(
                "kind",
                f"unknown kind {_short(written)}: expected one of "
                f"{', '.join(map(repr, KINDS))}",
            )
        )
        return wanted
    if wanted is not None and written != wanted:
        faults.append(
            Fault("kind", f"the file defines a {written}, but a {wanted} was asked for")
        )
        return None  # the rest would be checked against the wrong kind
    return str(written)


def _built(data: dict[str, Any], kind: str, faults: list[Fault], source: str) -> Any:
    """The definition of ``kind`` from ``data`` (the ``kind`` key taken out),
    or every fault of it, with those found before, in one error."""
    tp = KINDS[kind]
    body: Any = data
    prefix = ""
    if kind == "quota_schedule":
        extra = sorted(set(data) - {_SCHEDULE_KEY})
        if extra:
            faults.append(Fault("", f"unknown keys {_short(extra)}: expected quotas"))
        body, prefix = data.get(_SCHEDULE_KEY, []), _SCHEDULE_KEY
    placed = {fault.place for fault in faults}
    shape: list[Fault] = []
    body = from_file(body, tp, prefix, shape)
    faults.extend(fault for fault in shape if fault.place not in placed)
    placed |= {fault.place for fault in shape}
    try:
        result = structure(body, tp)
    except StructureError as error:
        for line in error.errors:
            faults.extend(
                fault
                for fault in _faults(line, prefix)
                if fault.place not in placed or not fault.place
            )
    if faults:
        raise DefinitionFileError(source, kind, faults)
    return result


_INVALID = re.compile(r"^(.*) is invalid \(\d+ faults?\):$")


def _faults(line: str, prefix: str) -> list[Fault]:
    """A converter's ``$.a[0].b: message`` line as faults at ``a[0].b``: one
    per fault when the message is a definition's list of faults."""
    path, sep, message = line.partition(": ")
    if not sep or not path.startswith("$"):
        return [Fault(prefix, line)]
    place = path[1:].lstrip(".")
    if prefix:
        place = f"{prefix}{place}" if place.startswith("[") else _join(prefix, place)
    head, *items = message.split("\n  - ")
    named = _INVALID.match(head)
    if not items or named is None:
        return [Fault(place, message)]
    return [Fault(place, f"{named[1]}: {item}") for item in items]


def _join(prefix: str, place: str) -> str:
    return f"{prefix}.{place}" if place else prefix


# --- writing -----------------------------------------------------------------


def _file_data(obj: Any) -> dict[str, Any]:
    kind = kind_of(obj)
    tp = KINDS[kind]
    if kind == "quota_schedule":
        body = {_SCHEDULE_KEY: to_file(unstructure(tuple(obj)), tp)}
    else:
        body = to_file(unstructure(obj), tp)
    return {"kind": kind, **body}


def dumps(obj: Any, format: str = "toml") -> str:
    """``obj`` (a definition of one of :data:`KINDS`) as the text of a
    definition file; :func:`loads` reads it back equal.

    >>> from accountcore import Money, Period, Quota
    >>> print(dumps((Quota("ana", Period.quarter(2026, 1), Money("30000.00", "EUR")),)))
    kind = "quota_schedule"
    <BLANKLINE>
    [[quotas]]
    owner = "ana"
    period = "2026-Q1"
    target = "30000.00 EUR"
    """
    if format not in FORMATS:
        raise InvalidChoiceError("format", format, FORMATS)
    data = _file_data(obj)
    if format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return toml_text(data)


def save(obj: Any, path: str | os.PathLike[str]) -> None:
    """Write ``obj`` to ``path`` as a definition file: JSON when the name
    ends in ``.json``, else TOML."""
    target = Path(path)
    fmt = "json" if target.suffix.lower() == ".json" else "toml"
    target.write_text(dumps(obj, format=fmt), encoding="utf-8")
