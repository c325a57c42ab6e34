"""Hand-written unstructure and structure hooks for :class:`Deal` and
:class:`Client`, registered on :data:`accountcore.serialization.converter`.

Why a second path next to the generic one: storage turns every deal into
plain data and back, and the generic cattrs hooks (a dispatch per field, a
tagged-union lookup per event, detailed-validation bookkeeping) cost about
750 Decimal additions to unstructure one deal and 850 to structure it back;
building the dicts and objects by hand costs a fraction of that.

The hand-written path must never change what the converter does:

* **unstructure** builds exactly the dict the generic hook builds (same keys,
  same texts); ``tests/test_entity_codec.py`` checks it against the generic
  hook on random deals and clients.
* **structure** only takes documents in the exact shape we write (every key
  present, no extra key, each value of the exact JSON type). Anything else
  (a missing or extra key, an int where a string belongs, bad text, an
  unknown currency or zone) raises inside the fast builder, and the document
  goes to the generic hook, which either accepts it as before or raises the
  same detailed error listing every bad field. So the fast path can only
  return what the generic path would have returned.

Everything here is private; users see only the converter.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import cattrs
import pendulum

from accountcore._convert import BadValue, shown
from accountcore.clients import (
    Client,
    ClientAction,
    ClientChange,
    ClientKind,
    ClientStatus,
    ClientTier,
    ContactRole,
    DealContact,
)
from accountcore.errors import AccountcoreError
from accountcore.money import Money, _code, _make, to_decimal
from accountcore.pipeline.deal import Deal
from accountcore.pipeline.deal_types import DealType
from accountcore.pipeline.history import (
    AmountChange,
    CloseDateChange,
    ContactChange,
    DealContactsChange,
    DealEvent,
    DealHistory,
    ForecastChange,
    OwnerChange,
    PipelineChange,
    ProbabilityChange,
    ProbabilitySource,
    Split,
    SplitChange,
    StageChange,
    _plain,
    _StageMark,
    pack,
    stage_mark,
)
from accountcore.pipeline.stages import ForecastCategory, Outcome

__all__ = ["install"]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)
Hook = Callable[[Any, Any], Any]

_fromisoformat = _dt.datetime.fromisoformat
_date_fromisoformat = _dt.date.fromisoformat
_DateTime = pendulum.DateTime


class _Unusual(Exception):
    """The document is not in the exact shape we write: the generic hook
    decides what it means (and words the error if it is bad)."""


# --- unstructure -------------------------------------------------------------------


_KINDS: dict[type, str] = {
    AmountChange: "amount_change",
    CloseDateChange: "close_date_change",
    ForecastChange: "forecast_change",
    SplitChange: "split_change",
    OwnerChange: "owner_change",
    ContactChange: "contact_change",
    DealContactsChange: "deal_contacts_change",
}
"""The tag of each event written as ``before`` and ``after``."""


def _iso(value: _dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _value(value: ForecastCategory | None) -> str | None:
    return None if value is None else value.value


class _Writer:
    """Plain-data builders for deals and clients; ``moment`` is the
    converter's datetime hook (aware check, ISO text, ``[zone]``)."""

    def __init__(self, moment: Callable[[_dt.datetime], str]) -> None:
        self.moment = moment

    def _opt_moment(self, value: _dt.datetime | None) -> str | None:
        return None if value is None else self.moment(value)

    @staticmethod
    def _money(value: Money | None) -> dict[str, str] | None:
        if value is None:
            return None
        return {"amount": str(value.amount), "currency": value.currency}

    @staticmethod
    def _splits(splits: tuple[Split, ...]) -> list[dict[str, str]]:
        return [{"owner": s.owner, "share": str(s.share)} for s in splits]

    @staticmethod
    def _contacts(contacts: tuple[DealContact, ...]) -> list[dict[str, str]]:
        return [{"contact_id": c.contact_id, "role": c.role.value} for c in contacts]

    def event(self, event: DealEvent) -> dict[str, Any]:
        """The tagged dict of one history event (``kind`` last, as cattrs)."""
        at = self.moment(event.at)
        if isinstance(event, StageChange):
            return self._stage_change(event, at)
        if isinstance(event, PipelineChange):
            return self._pipeline_change(event, at)
        if isinstance(event, ProbabilityChange):
            return {
                "at": at,
                "by": event.by,
                "source": event.source.value,
                "before": None if event.before is None else str(event.before),
                "after": None if event.after is None else str(event.after),
                "reason": event.reason,
                "kind": "probability_change",
            }
        before: object
        after: object
        if isinstance(event, AmountChange):
            before, after = self._money(event.before), self._money(event.after)
        elif isinstance(event, CloseDateChange):
            before, after = _iso(event.before), _iso(event.after)
        elif isinstance(event, ForecastChange):
            before, after = _value(event.before), _value(event.after)
        elif isinstance(event, SplitChange):
            before, after = self._splits(event.before), self._splits(event.after)
        elif isinstance(event, OwnerChange | ContactChange):
            before, after = event.before, event.after
        elif isinstance(event, DealContactsChange):
            before = self._contacts(event.before)
            after = self._contacts(event.after)
        else:  # pragma: no cover (the union is closed)
            raise _Unusual(type(event))
        return {
            "at": at,
            "by": event.by,
            "before": before,
            "after": after,
            "reason": event.reason,
            "kind": _KINDS[type(event)],
        }

    @staticmethod
    def _stage_change(event: StageChange, at: str) -> dict[str, Any]:
        return {
            "at": at,
            "by": event.by,
            "from_stage": event.from_stage,
            "to_stage": event.to_stage,
            "outcome": event.outcome.value,
            "probability": str(event.probability),
            "forecast_category": event.forecast_category.value,
            "reason": event.reason,
            "forced": event.forced,
            "kind": "stage_change",
        }

    @staticmethod
    def _pipeline_change(event: PipelineChange, at: str) -> dict[str, Any]:
        return {
            "at": at,
            "by": event.by,
            "from_pipeline": event.from_pipeline,
            "from_version": event.from_version,
            "to_pipeline": event.to_pipeline,
            "to_version": event.to_version,
            "from_stage": event.from_stage,
            "to_stage": event.to_stage,
            "outcome": event.outcome.value,
            "probability": str(event.probability),
            "forecast_category": event.forecast_category.value,
            "reason": event.reason,
            "kind": "pipeline_change",
        }

    def history(self, history: DealHistory) -> list[dict[str, Any]]:
        """The events of ``history``, read from its packed form (a plain
        stage change is written without being built)."""
        out = []
        stage: str | None = None
        packed = history._packed
        index, size = 0, len(packed)
        while index < size:
            item = packed[index]
            if item.__class__ is _StageMark:
                mark: _StageMark = item
                out.append(
                    {
                        "at": self.moment(packed[index + 1]),  # type: ignore[arg-type]
                        "by": packed[index + 2],
                        "from_stage": stage,
                        "to_stage": mark.to_stage,
                        "outcome": mark.outcome.value,
                        "probability": str(mark.probability),
                        "forecast_category": mark.forecast_category.value,
                        "reason": None,
                        "forced": False,
                        "kind": "stage_change",
                    }
                )
                stage = mark.to_stage
                index += 3
                continue
            if item.__class__ is StageChange or item.__class__ is PipelineChange:
                stage = item.to_stage
            out.append(self.event(item))  # type: ignore[arg-type]
            index += 1
        return out

    def deal(self, deal: Deal) -> dict[str, Any]:
        """The generic hook's dict for ``deal``, built directly."""
        return {
            "id": deal.id,
            "client_id": deal.client_id,
            "owner": deal.owner,
            "stage": deal.stage,
            "outcome": deal.outcome.value,
            "stage_probability": str(deal.stage_probability),
            "stage_forecast": deal.stage_forecast.value,
            "pipeline_id": deal.pipeline_id,
            "pipeline_version": deal.pipeline_version,
            "created_at": self.moment(deal.created_at),
            "history": self.history(deal.history),
            "amount": self._money(deal.amount),
            "expected_close": (
                None if deal.expected_close is None else deal.expected_close.isoformat()
            ),
            "contacts": self._contacts(deal.contacts),
            "splits": self._splits(deal.splits),
            "closed_at": self._opt_moment(deal.closed_at),
            "probability_override": (
                None
                if deal.probability_override is None
                else str(deal.probability_override)
            ),
            "probability_automated": (
                None
                if deal.probability_automated is None
                else str(deal.probability_automated)
            ),
            "forecast_override": (
                None if deal.forecast_override is None else deal.forecast_override.value
            ),
            "deal_type": deal.deal_type.value,
            "lead_source": deal.lead_source,
        }

    def client(self, client: Client) -> dict[str, Any]:
        """The generic hook's dict for ``client``, built directly."""
        moment = self.moment
        return {
            "id": client.id,
            "name": client.name,
            "kind": client.kind.value,
            "tier": client.tier.value,
            "status": client.status.value,
            "owner": client.owner,
            "created_at": moment(client.created_at),
            "segment": client.segment,
            "industry": client.industry,
            "region": client.region,
            "referred_by": client.referred_by,
            "history": [
                {
                    "at": moment(change.at),
                    "by": change.by,
                    "action": change.action.value,
                    "before": change.before,
                    "after": change.after,
                    "reason": change.reason,
                }
                for change in client.history
            ],
            "lead_source": client.lead_source,
        }


# --- structure ---------------------------------------------------------------------
# Each reader takes a value of the exact JSON type we write, or raises.


def _str(value: Any) -> str:
    if type(value) is not str:
        raise _Unusual
    return value


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    if type(value) is not str:
        raise _Unusual
    return value


def _int(value: Any) -> int:
    if type(value) is not int:
        raise _Unusual
    return value


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise _Unusual
    return value


def _decimal(value: Any) -> Decimal:
    """As ``to_decimal`` reads a str (finite and within the bounds of
    docs/money.md); anything else is left to the generic hook, which names
    the field and the fault."""
    if type(value) is not str:
        raise _Unusual
    try:
        return to_decimal(value, "value")
    except AccountcoreError:
        raise _Unusual from None


def _opt_decimal(value: Any) -> Decimal | None:
    return None if value is None else _decimal(value)


def _opt_date(value: Any) -> _dt.date | None:
    if value is None:
        return None
    if type(value) is not str:
        raise _Unusual
    return _date_fromisoformat(value)


def _money(value: Any) -> Money | None:
    """As ``Money(amount, currency)`` builds it, from exactly those two keys."""
    if value is None:
        return None
    if type(value) is not dict or len(value) != 2:
        raise _Unusual
    return _make(_decimal(value["amount"]), _code(value["currency"]))


def _enum_reader(kind: type[E]) -> Callable[[Any], E]:
    members: dict[str, E] = {m.value: m for m in kind}

    def read(value: Any) -> E:
        if type(value) is not str:
            raise _Unusual
        return members[value]

    return read


_outcome = _enum_reader(Outcome)
_forecast = _enum_reader(ForecastCategory)
_source = _enum_reader(ProbabilitySource)
_client_kind = _enum_reader(ClientKind)
_tier = _enum_reader(ClientTier)
_status = _enum_reader(ClientStatus)
_action = _enum_reader(ClientAction)
_deal_type = _enum_reader(DealType)


def _opt_forecast(value: Any) -> ForecastCategory | None:
    return None if value is None else _forecast(value)


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _Unusual
    return value


def _fields(value: Any, keys: frozenset[str]) -> dict[str, Any]:
    """``value`` if it is a dict with exactly ``keys``."""
    if type(value) is not dict or value.keys() != keys:
        raise _Unusual
    return value


def _keys(cls: type) -> frozenset[str]:
    return frozenset(a.name for a in attrs.fields(cls))


_SPLIT_KEYS = frozenset({"owner", "share"})


_CONTACT_KEYS = frozenset({"contact_id", "role"})
_role = _enum_reader(ContactRole)


def _contacts(value: Any) -> tuple[DealContact, ...]:
    out = []
    for item in _list(value):
        fields = _fields(item, _CONTACT_KEYS)
        out.append(DealContact(_str(fields["contact_id"]), _role(fields["role"])))
    return tuple(out)


def migrate_deal(value: Any) -> Any:
    """A deal document as this version writes it: one stored before deals
    had contact roles (a ``"contact"`` name, or none) gets ``"contacts"``,
    the name in the role ``other``, as :func:`accountcore.pipeline.deal.deal_contacts` reads it; any
    other document is returned as it is.

    >>> migrate_deal({"id": "D-1", "contact": "Mari"})
    {'id': 'D-1', 'contacts': [{'contact_id': 'Mari', 'role': 'other'}]}
    """
    if type(value) is not dict or "contact" not in value or "contacts" in value:
        return value
    migrated = {k: v for k, v in value.items() if k != "contact"}
    name = value["contact"]
    if name is None or (isinstance(name, str) and not name.strip()):
        migrated["contacts"] = []
    elif isinstance(name, str):
        migrated["contacts"] = [{"contact_id": name, "role": ContactRole.OTHER.value}]
    else:
        return value  # not a name: the generic hook names the bad value
    return migrated


def _splits(value: Any) -> tuple[Split, ...]:
    out = []
    for item in _list(value):
        fields = _fields(item, _SPLIT_KEYS)
        out.append(Split(_str(fields["owner"]), _decimal(fields["share"])))
    return tuple(out)


class _Reader:
    """Builds one deal or client from a document in the exact shape we write.

    A reader lives for one document: ``moments`` remembers the datetimes
    already read (a deal's ``created_at`` is its first event's ``at``, its
    ``closed_at`` its last stage change's), so each text is parsed once.
    ``zone`` is the converter's cached zone lookup.
    """

    __slots__ = ("moments", "zone")

    def __init__(self, zone: Callable[[str], _dt.tzinfo]) -> None:
        self.zone = zone
        self.moments: dict[str, _dt.datetime] = {}

    def moment(self, value: Any) -> _dt.datetime:
        """As the converter's datetime hook reads ``value`` (same steps)."""
        known = self.moments.get(value) if type(value) is str else None
        if known is not None:
            return known
        if type(value) is not str:
            raise _Unusual
        text, zone = value, ""
        if value.endswith("]") and "[" in value:
            text, _sep, zone = value[:-1].partition("[")
        parsed = _fromisoformat(text)
        if parsed.tzinfo is None or parsed.utcoffset() is None:
            raise _Unusual
        if zone:
            tzinfo = self.zone(zone)
            local = parsed.astimezone(tzinfo)
            result: _dt.datetime = _DateTime(
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
        else:
            result = pendulum.instance(parsed)
        self.moments[value] = result
        return result

    def _opt_moment(self, value: Any) -> _dt.datetime | None:
        return None if value is None else self.moment(value)

    # one method per event kind; ``d`` has exactly the class's keys and "kind"

    def _stage_change(self, d: dict[str, Any]) -> StageChange:
        return StageChange(
            self.moment(d["at"]),
            _str(d["by"]),
            _opt_str(d["from_stage"]),
            _str(d["to_stage"]),
            _outcome(d["outcome"]),
            _decimal(d["probability"]),
            _forecast(d["forecast_category"]),
            _opt_str(d["reason"]),
            _bool(d["forced"]),
        )

    def _amount_change(self, d: dict[str, Any]) -> AmountChange:
        return AmountChange(
            self.moment(d["at"]),
            _str(d["by"]),
            _money(d["before"]),
            _money(d["after"]),
            _opt_str(d["reason"]),
        )

    def _close(self, d: dict[str, Any]) -> CloseDateChange:
        return CloseDateChange(
            self.moment(d["at"]),
            _str(d["by"]),
            _opt_date(d["before"]),
            _opt_date(d["after"]),
            _opt_str(d["reason"]),
        )

    def _prob(self, d: dict[str, Any]) -> ProbabilityChange:
        return ProbabilityChange(
            self.moment(d["at"]),
            _str(d["by"]),
            _source(d["source"]),
            _opt_decimal(d["before"]),
            _opt_decimal(d["after"]),
            _opt_str(d["reason"]),
        )

    def _forecast(self, d: dict[str, Any]) -> ForecastChange:
        return ForecastChange(
            self.moment(d["at"]),
            _str(d["by"]),
            _opt_forecast(d["before"]),
            _opt_forecast(d["after"]),
            _opt_str(d["reason"]),
        )

    def _split_change(self, d: dict[str, Any]) -> SplitChange:
        return SplitChange(
            self.moment(d["at"]),
            _str(d["by"]),
            _splits(d["before"]),
            _splits(d["after"]),
            _opt_str(d["reason"]),
        )

    def _owner_change(self, d: dict[str, Any]) -> OwnerChange:
        return OwnerChange(
            self.moment(d["at"]),
            _str(d["by"]),
            _str(d["before"]),
            _str(d["after"]),
            _opt_str(d["reason"]),
        )

    def _contact(self, d: dict[str, Any]) -> ContactChange:
        return ContactChange(
            self.moment(d["at"]),
            _str(d["by"]),
            _opt_str(d["before"]),
            _opt_str(d["after"]),
            _opt_str(d["reason"]),
        )

    def _deal_contacts(self, d: dict[str, Any]) -> DealContactsChange:
        return DealContactsChange(
            self.moment(d["at"]),
            _str(d["by"]),
            _contacts(d["before"]),
            _contacts(d["after"]),
            _opt_str(d["reason"]),
        )

    def _pipeline(self, d: dict[str, Any]) -> PipelineChange:
        return PipelineChange(
            self.moment(d["at"]),
            _str(d["by"]),
            _str(d["from_pipeline"]),
            _int(d["from_version"]),
            _str(d["to_pipeline"]),
            _int(d["to_version"]),
            _str(d["from_stage"]),
            _str(d["to_stage"]),
            _outcome(d["outcome"]),
            _decimal(d["probability"]),
            _forecast(d["forecast_category"]),
            _opt_str(d["reason"]),
        )

    def history(self, value: Any) -> DealHistory:
        """A history packed as it is read (as ``DealHistory`` packs)."""
        packed: list[object] = []
        stage: str | None = None
        stage_keys = _EVENTS["stage_change"][0]
        for item in _list(value):
            if (
                type(item) is dict
                and item.get("kind") == "stage_change"
                and item.keys() == stage_keys
                and _plain(
                    item["by"],
                    item["from_stage"],
                    item["reason"],
                    item["forced"],
                    stage,
                )
            ):
                # a plain move: packed without building a StageChange
                to_stage = _str(item["to_stage"])
                packed.append(
                    stage_mark(
                        stage,
                        to_stage,
                        _outcome(item["outcome"]),
                        _decimal(item["probability"]),
                        _forecast(item["forecast_category"]),
                    )
                )
                packed.append(self.moment(item["at"]))
                packed.append(_str(item["by"]))
                stage = to_stage
                continue
            stage = pack(packed, stage, self.event(item))
        return DealHistory._of(tuple(packed))

    def event(self, value: Any) -> DealEvent:
        if type(value) is not dict:
            raise _Unusual
        keys, build = _EVENTS[value["kind"]]
        if value.keys() != keys:
            raise _Unusual
        return build(self, value)

    def deal(self, value: Any) -> Deal:
        d = _fields(value, _DEAL_KEYS)
        return Deal(
            _str(d["id"]),
            _str(d["client_id"]),
            _str(d["owner"]),
            _str(d["stage"]),
            _outcome(d["outcome"]),
            _decimal(d["stage_probability"]),
            _forecast(d["stage_forecast"]),
            _str(d["pipeline_id"]),
            _int(d["pipeline_version"]),
            self.moment(d["created_at"]),
            self.history(d["history"]),
            _money(d["amount"]),
            _opt_date(d["expected_close"]),
            _contacts(d["contacts"]),
            _splits(d["splits"]),
            self._opt_moment(d["closed_at"]),
            _opt_decimal(d["probability_override"]),
            _opt_decimal(d["probability_automated"]),
            _opt_forecast(d["forecast_override"]),
            _deal_type(d["deal_type"]),
            _opt_str(d["lead_source"]),
        )

    def client(self, value: Any) -> Client:
        d = _fields(value, _CLIENT_KEYS)
        history = []
        for item in _list(d["history"]):
            c = _fields(item, _CHANGE_KEYS)
            history.append(
                ClientChange(
                    self.moment(c["at"]),
                    _str(c["by"]),
                    _action(c["action"]),
                    _str(c["before"]),
                    _str(c["after"]),
                    _opt_str(c["reason"]),
                )
            )
        return Client(
            _str(d["id"]),
            _str(d["name"]),
            _client_kind(d["kind"]),
            _tier(d["tier"]),
            _status(d["status"]),
            _str(d["owner"]),
            self.moment(d["created_at"]),
            _opt_str(d["segment"]),
            _opt_str(d["industry"]),
            _opt_str(d["region"]),
            _opt_str(d["referred_by"]),
            tuple(history),
            _opt_str(d["lead_source"]),
        )


_DEAL_KEYS = _keys(Deal)
_CLIENT_KEYS = _keys(Client)
_CHANGE_KEYS = _keys(ClientChange)
_EVENTS: dict[
    str, tuple[frozenset[str], Callable[[_Reader, dict[str, Any]], DealEvent]]
]
_EVENTS = {
    "stage_change": (_keys(StageChange) | {"kind"}, _Reader._stage_change),
    "amount_change": (_keys(AmountChange) | {"kind"}, _Reader._amount_change),
    "close_date_change": (_keys(CloseDateChange) | {"kind"}, _Reader._close),
    "probability_change": (_keys(ProbabilityChange) | {"kind"}, _Reader._prob),
    "forecast_change": (_keys(ForecastChange) | {"kind"}, _Reader._forecast),
    "split_change": (_keys(SplitChange) | {"kind"}, _Reader._split_change),
    "owner_change": (_keys(OwnerChange) | {"kind"}, _Reader._owner_change),
    "contact_change": (_keys(ContactChange) | {"kind"}, _Reader._contact),
    "pipeline_change": (_keys(PipelineChange) | {"kind"}, _Reader._pipeline),
    "deal_contacts_change": (
        _keys(DealContactsChange) | {"kind"},
        _Reader._deal_contacts,
    ),
}
"""Each event tag: the keys its document has, and its builder."""


def _with_fallback(fast: Callable[[Any], T], generic: Hook) -> Hook:
    """A structure hook: ``fast`` on documents of the shape we write, the
    generic hook (and its detailed errors) on anything else."""

    def hook(value: Any, cls: Any) -> T:
        try:
            return fast(value)
        except Exception:
            pass  # outside this block, so its error is not chained to ours
        if not isinstance(value, dict):  # the generic hook needs a mapping
            name = getattr(cls, "__name__", "it")
            raise BadValue(
                f"expected a JSON object (mapping) for {name}, got {shown(value)}"
            )
        result: T = generic(value, cls)
        return result

    return hook


GENERIC: dict[str, Callable[..., Any]] = {}
"""The generic cattrs hooks the fast ones replaced, by name (for the tests
and the benchmark that compare both paths)."""


def install(
    converter: cattrs.Converter,
    moment: Callable[[_dt.datetime], str],
    zone: Callable[[str], _dt.tzinfo],
) -> None:
    """Register the hand-written hooks for Deal and Client on ``converter``,
    keeping its generic hooks as the fallback (and in :data:`GENERIC`).
    ``moment`` is the converter's datetime unstructure hook, ``zone`` its
    cached zone lookup."""
    GENERIC["structure Deal"] = converter.get_structure_hook(Deal)
    GENERIC["structure Client"] = converter.get_structure_hook(Client)
    GENERIC["unstructure Deal"] = converter.get_unstructure_hook(Deal)
    GENERIC["unstructure Client"] = converter.get_unstructure_hook(Client)
    writer = _Writer(moment)
    converter.register_unstructure_hook(Deal, writer.deal)
    converter.register_unstructure_hook(Client, writer.client)
    generic_deal = GENERIC["structure Deal"]
    converter.register_structure_hook(
        Deal,
        _with_fallback(
            lambda v: _Reader(zone).deal(migrate_deal(v)),
            lambda v, cls: generic_deal(migrate_deal(v), cls),
        ),
    )
    converter.register_structure_hook(
        Client,
        _with_fallback(lambda v: _Reader(zone).client(v), GENERIC["structure Client"]),
    )
