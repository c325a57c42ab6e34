"""The history of a deal: revenue splits and the events a deal records.

Every change to a :class:`~accountcore.pipeline.deal.Deal` appends one of these
frozen values to its ``history``; :data:`DealEvent` is their union. They are
plain data: the deal and the pipeline create them, storage and reports read
them.

>>> import pendulum
>>> from decimal import Decimal
>>> from accountcore.pipeline.stages import ForecastCategory, Outcome
>>> change = StageChange(
...     pendulum.datetime(2026, 3, 2, tz="UTC"), "anna", "needs", "presentation",
...     Outcome.OPEN, Decimal("0.45"), ForecastCategory.BEST_CASE,
... )
>>> change.to_stage, change.probability
('presentation', Decimal('0.45'))
"""

from __future__ import annotations

import datetime as _dt
import enum
import operator
from array import array
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import TypeAlias, TypeVar, overload

import attrs

from accountcore.clients import DealContact
from accountcore.errors import ArgumentTypeError, check_iterable
from accountcore.money import Money
from accountcore.pipeline.errors import HistoryEventError, HistoryIndexError
from accountcore.pipeline.stages import ForecastCategory, Outcome

__all__ = [
    "AmountChange",
    "CloseDateChange",
    "ContactChange",
    "DealContactsChange",
    "DealEvent",
    "DealHistory",
    "ForecastChange",
    "OwnerChange",
    "PipelineChange",
    "ProbabilityChange",
    "ProbabilitySource",
    "Split",
    "SplitChange",
    "StageChange",
]


@attrs.frozen
class Split:
    """One owner's share of a deal's credit (a ``Decimal`` in (0, 1]).

    >>> from decimal import Decimal
    >>> Split("anna", Decimal("0.6"))
    Split(owner='anna', share=Decimal('0.6'))
    """

    owner: str
    share: Decimal


class ProbabilitySource(enum.Enum):
    """Where a probability that is not the stage default came from.

    >>> ProbabilitySource("override")
    <ProbabilitySource.OVERRIDE: 'override'>
    """

    OVERRIDE = "override"
    AUTOMATED = "automated"


# --- history events ------------------------------------------------------------


@attrs.frozen
class StageChange:
    """A move of a deal to a stage (or its creation, when ``from_stage`` is
    ``None``), with the outcome, the stage's default probability and the
    forecast category in force at the change.

    >>> import pendulum
    >>> from decimal import Decimal
    >>> change = StageChange(pendulum.datetime(2026, 3, 2, tz="UTC"), "anna", "needs",
    ...                      "presentation", Outcome.OPEN, Decimal("0.3"), ForecastCategory.PIPELINE)
    >>> change.forced
    False
    """

    at: _dt.datetime
    by: str
    from_stage: str | None
    to_stage: str
    outcome: Outcome
    probability: Decimal
    forecast_category: ForecastCategory
    reason: str | None = None
    forced: bool = False


@attrs.frozen
class AmountChange:
    """The deal's amount changed (``None`` is "no amount yet").

    >>> import pendulum
    >>> AmountChange(pendulum.datetime(2026, 3, 2, tz="UTC"), "anna", None, Money("10", "EUR")).after
    Money('10', 'EUR')
    """

    at: _dt.datetime
    by: str
    before: Money | None
    after: Money | None
    reason: str | None = None


@attrs.frozen
class CloseDateChange:
    """The expected close date changed (slippage reads these).

    >>> import pendulum, datetime
    >>> CloseDateChange(pendulum.datetime(2026, 3, 2, tz="UTC"), "anna",
    ...                 datetime.date(2026, 3, 31), datetime.date(2026, 4, 30)).after
    datetime.date(2026, 4, 30)
    """

    at: _dt.datetime
    by: str
    before: _dt.date | None
    after: _dt.date | None
    reason: str | None = None


@attrs.frozen
class ProbabilityChange:
    """A manual override or an automated probability was set or cleared.

    >>> import pendulum
    >>> ProbabilityChange(pendulum.datetime(2026, 3, 2, tz="UTC"), "model",
    ...                   ProbabilitySource.AUTOMATED, None, Decimal("0.42")).source.value
    'automated'
    """

    at: _dt.datetime
    by: str
    source: ProbabilitySource
    before: Decimal | None
    after: Decimal | None
    reason: str | None = None


@attrs.frozen
class ForecastChange:
    """The forecast category was overridden (or the override cleared).

    >>> import pendulum
    >>> ForecastChange(pendulum.datetime(2026, 3, 2, tz="UTC"), "anna", None,
    ...                ForecastCategory.COMMIT).after
    <ForecastCategory.COMMIT: 'commit'>
    """

    at: _dt.datetime
    by: str
    before: ForecastCategory | None
    after: ForecastCategory | None
    reason: str | None = None


@attrs.frozen
class SplitChange:
    """The revenue splits changed.

    >>> import pendulum
    >>> SplitChange(pendulum.datetime(2026, 3, 2, tz="UTC"), "lead",
    ...             (Split("anna", Decimal(1)),), (Split("anna", Decimal("0.5")), Split("boris", Decimal("0.5")))).after[1].owner
    'boris'
    """

    at: _dt.datetime
    by: str
    before: tuple[Split, ...]
    after: tuple[Split, ...]
    reason: str | None = None


@attrs.frozen
class OwnerChange:
    """The deal was handed to another owner.

    >>> import pendulum
    >>> OwnerChange(pendulum.datetime(2026, 3, 2, tz="UTC"), "lead", "anna", "boris").after
    'boris'
    """

    at: _dt.datetime
    by: str
    before: str
    after: str
    reason: str | None = None


@attrs.frozen
class ContactChange:
    """The client contact person for the deal changed.

    >>> import pendulum
    >>> ContactChange(pendulum.datetime(2026, 3, 2, tz="UTC"), "anna", None, "Mari").after
    'Mari'
    """

    at: _dt.datetime
    by: str
    before: str | None
    after: str | None
    reason: str | None = None


@attrs.frozen
class DealContactsChange:
    """The deal's contact persons and their roles changed (``before`` and
    ``after`` are :class:`~accountcore.clients.DealContact` tuples). The
    single contact name of older deals is the :class:`ContactChange` their
    histories keep.

    >>> import pendulum
    >>> from accountcore.clients import DealContact
    >>> DealContactsChange(pendulum.datetime(2026, 3, 2, tz="UTC"), "anna", (),
    ...                    (DealContact("P-1", "decision_maker"),)).after[0].role.value
    'decision_maker'
    """

    at: _dt.datetime
    by: str
    before: tuple[DealContact, ...]
    after: tuple[DealContact, ...]
    reason: str | None = None


@attrs.frozen
class PipelineChange:
    """The deal was migrated to another pipeline (or version of it).

    >>> import pendulum
    >>> PipelineChange(pendulum.datetime(2026, 3, 2, tz="UTC"), "ops", "sales", 1, "sales", 2,
    ...                "needs", "discovery", Outcome.OPEN, Decimal("0.2"),
    ...                ForecastCategory.PIPELINE).to_version
    2
    """

    at: _dt.datetime
    by: str
    from_pipeline: str
    from_version: int
    to_pipeline: str
    to_version: int
    from_stage: str
    to_stage: str
    outcome: Outcome
    probability: Decimal
    forecast_category: ForecastCategory
    reason: str | None = None


DealEvent: TypeAlias = (
    StageChange
    | AmountChange
    | CloseDateChange
    | ProbabilityChange
    | ForecastChange
    | SplitChange
    | OwnerChange
    | ContactChange
    | PipelineChange
    | DealContactsChange
)
"""Any entry of :attr:`Deal.history`."""


# --- the history itself --------------------------------------------------------


@attrs.frozen
class _StageMark:
    """What a plain stage change records about its stages (the one it left
    and the one it entered, with what that meant): shared by every deal
    (interned), so a move costs a deal three references."""

    from_stage: str | None
    to_stage: str
    outcome: Outcome
    probability: Decimal
    forecast_category: ForecastCategory


@lru_cache(maxsize=4096)
def _interned(  # noqa: PLR0917
    from_stage: str | None,
    to_stage: str,
    outcome: Outcome,
    probability: Decimal,
    written: str,
    forecast: ForecastCategory,
) -> _StageMark:
    # ``written`` keeps Decimal("0.1") and Decimal("0.10") apart: equal
    # numbers, but a history gives back the very value it was given.
    del written
    return _StageMark(from_stage, to_stage, outcome, probability, forecast)


def stage_mark(
    from_stage: str | None,
    to_stage: str,
    outcome: Outcome,
    probability: Decimal,
    forecast_category: ForecastCategory,
) -> _StageMark:
    """The shared record of a plain stage change from ``from_stage`` (for
    the pipeline, which keeps one per move it allows)."""
    return _interned(
        from_stage,
        to_stage,
        outcome,
        probability,
        str(probability),
        forecast_category,
    )


_EVENT_TYPES = frozenset(
    {
        StageChange,
        AmountChange,
        CloseDateChange,
        ProbabilityChange,
        ForecastChange,
        SplitChange,
        OwnerChange,
        ContactChange,
        PipelineChange,
        DealContactsChange,
    }
)
_E = TypeVar("_E", bound=DealEvent)
Offsets: TypeAlias = "bytes | array[int] | None"


class DealHistory(Sequence[DealEvent]):
    """The time-ordered events of a deal: an immutable sequence that reads
    like a tuple of :data:`DealEvent` (index, slice, iterate, ``len``,
    compare with a tuple) and stores its events packed.

    A plain stage change (no reason, not forced, from the stage the history
    was in) is kept as three references instead of an object: a record of
    its target (stage key, outcome, probability, forecast category) shared
    by every history that moves there, the moment and the author. Any other
    event is kept as it is. Reading gives the very same values back, the
    plain moves as :class:`StageChange` objects built on access; a slice is
    a ``DealHistory`` too. That is what lets 100,000 deals carry their whole
    history cheaply (``docs/pipeline.md``, "Memory"). Indexing and ``len``
    take one step, as a tuple's: a small table of where each event starts
    (none at all while every event is a plain move).

    >>> import pendulum
    >>> from decimal import Decimal
    >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
    >>> first = StageChange(t0, "anna", None, "needs", Outcome.OPEN, Decimal("0.2"),
    ...                     ForecastCategory.PIPELINE)
    >>> priced = AmountChange(t0.add(hours=1), "anna", None, Money("500", "EUR"))
    >>> history = DealHistory((first, priced))
    >>> len(history), history[0] == first, history[-1].after
    (2, True, Money('500', 'EUR'))
    >>> history == (first, priced), history[1:] == (priced,)
    (True, True)
    >>> DealHistory(["moved on"])
    Traceback (most recent call last):
    ...
    accountcore.pipeline.errors.HistoryEventError: history[0] must be a deal event (StageChange, AmountChange, ...), not str ('moved on').
    """

    __slots__ = ("_offsets", "_packed")

    _packed: tuple[object, ...]
    _offsets: Offsets
    """Where each event starts in ``_packed``, so that indexing and ``len``
    take one step: ``None`` while every event is a packed move (event ``i``
    at ``3 * i``, the common case, which costs nothing), else a ``bytes``
    (positions under 256) or an ``array`` of positions."""

    def __init__(self, events: Iterable[DealEvent] = ()) -> None:
        packed: list[object] = []
        starts: list[int] = []
        stage: str | None = None
        for index, event in enumerate(check_iterable("events", events)):
            if type(event) not in _EVENT_TYPES:
                raise HistoryEventError(index, event)
            starts.append(len(packed))
            stage = pack(packed, stage, event)
        self._packed = tuple(packed)
        self._offsets = _offsets_of(starts, len(packed))

    # --- reading ---------------------------------------------------------------

    def __iter__(self) -> Iterator[DealEvent]:
        packed = self._packed
        index, size = 0, len(packed)
        while index < size:
            item = packed[index]
            if type(item) is _StageMark:
                yield _unpacked(item, packed[index + 1], packed[index + 2])
                index += 3
            else:
                yield item  # type: ignore[misc]
                index += 1

    def __len__(self) -> int:
        offsets = self._offsets
        if offsets is None:
            return len(self._packed) // 3
        return len(offsets)

    @overload
    def __getitem__(self, index: int) -> DealEvent: ...

    @overload
    def __getitem__(self, index: slice) -> DealHistory: ...

    def __getitem__(self, index: int | slice) -> DealEvent | DealHistory:
        if isinstance(index, slice):
            return DealHistory([self[i] for i in range(*index.indices(len(self)))])
        try:
            position = operator.index(index)
        except TypeError:
            raise ArgumentTypeError("index", index, "an int or a slice") from None
        size = len(self)
        if position < 0:
            position += size
        if not 0 <= position < size:
            raise HistoryIndexError(operator.index(index), size)
        offsets = self._offsets
        packed = self._packed
        start = 3 * position if offsets is None else offsets[position]
        item = packed[start]
        if type(item) is _StageMark:
            return _unpacked(item, packed[start + 1], packed[start + 2])
        return item  # type: ignore[return-value]

    def __reversed__(self) -> Iterator[DealEvent]:
        for index in range(len(self) - 1, -1, -1):
            yield self[index]

    def __bool__(self) -> bool:
        return bool(self._packed)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DealHistory):
            return self._packed == other._packed
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"DealHistory({tuple(self)!r})"

    def __reduce__(self) -> tuple[type[DealHistory], tuple[tuple[DealEvent, ...]]]:
        return DealHistory, (tuple(self),)

    @property
    def last_at(self) -> _dt.datetime | None:
        """The moment of the last event (``None`` when empty).

        >>> DealHistory().last_at is None
        True
        """
        packed = self._packed
        if not packed:
            return None
        last = packed[-1]
        if type(last) is str:
            return packed[-2]  # type: ignore[return-value]
        return last.at  # type: ignore[attr-defined, no-any-return]

    def latest(self, *kinds: type[_E]) -> _E | None:
        """The last event of one of ``kinds`` (of any kind when none is
        given), or ``None``; only that event is built.

        >>> import pendulum
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> history = DealHistory((
        ...     ContactChange(t0, "anna", None, "Mari"),
        ...     ContactChange(t0, "anna", "Mari", "Jaan"),
        ... ))
        >>> history.latest(ContactChange).after, history.latest(StageChange)
        ('Jaan', None)
        """
        wanted = kinds or _ALL_KINDS
        stages = StageChange in wanted
        packed = self._packed
        index = len(packed)
        while index:
            last = packed[index - 1]
            if last.__class__ is str:  # a packed move ends with its author
                index -= 3
                if stages:
                    return _unpacked(  # type: ignore[return-value]
                        packed[index],  # type: ignore[arg-type]
                        packed[index + 1],
                        last,
                    )
            else:
                index -= 1
                if last.__class__ in wanted:
                    return last  # type: ignore[return-value]
        return None

    def of_kind(self, *kinds: type[_E]) -> list[_E]:
        """The events of ``kinds``, oldest first, as a new list; stage
        changes are built only when asked for.

        >>> import pendulum, datetime
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> history = DealHistory((
        ...     StageChange(t0, "anna", None, "needs", Outcome.OPEN, Decimal("0.2"),
        ...                 ForecastCategory.PIPELINE),
        ...     CloseDateChange(t0, "anna", None, datetime.date(2026, 4, 30)),
        ... ))
        >>> [type(e).__name__ for e in history.of_kind(CloseDateChange)]
        ['CloseDateChange']
        """
        if StageChange in kinds:
            return [event for event in self if type(event) in kinds]  # type: ignore[misc]
        if len(kinds) == 1:
            kind = kinds[0]
            return [item for item in self._packed if item.__class__ is kind]
        return [item for item in self._packed if item.__class__ in kinds]

    def moved_at(self) -> _dt.datetime | None:
        """When the last stage change (or pipeline change) happened: when the
        deal entered the stage it is in (``None`` without one).

        >>> import pendulum
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> DealHistory((
        ...     StageChange(t0, "anna", None, "needs", Outcome.OPEN, Decimal("0.2"),
        ...                 ForecastCategory.PIPELINE),
        ...     ContactChange(t0.add(days=3), "anna", None, "Mari"),
        ... )).moved_at() == t0
        True
        """
        packed = self._packed
        index = len(packed)
        while index:
            last = packed[index - 1]
            if last.__class__ is str:  # a packed move ends with its author
                return packed[index - 2]  # type: ignore[return-value]
            index -= 1
            if last.__class__ is StageChange or last.__class__ is PipelineChange:
                return last.at
        return None

    def stages(self) -> tuple[str, ...]:
        """The stages the stage changes moved to, oldest first (the creation
        included), read without building the changes.

        >>> import pendulum
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> DealHistory((
        ...     StageChange(t0, "anna", None, "needs", Outcome.OPEN, Decimal("0.2"),
        ...                 ForecastCategory.PIPELINE),
        ...     StageChange(t0, "anna", "needs", "lost", Outcome.LOST, Decimal(0),
        ...                 ForecastCategory.OMITTED, "no budget"),
        ... )).stages()
        ('needs', 'lost')
        """
        moves = _MOVES
        return tuple(
            [item.to_stage for item in self._packed if item.__class__ in moves]
        )

    # --- changing (a new history; this one is untouched) ------------------------

    def __add__(self, events: Iterable[DealEvent]) -> DealHistory:
        """This history with ``events`` appended.

        >>> import pendulum
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> (DealHistory() + (ContactChange(t0, "anna", None, "Mari"),))[0].after
        'Mari'
        """
        history = self
        for event in events:
            history = history.appended(event)
        return history

    def appended(self, event: DealEvent) -> DealHistory:
        """This history with one more event.

        >>> import pendulum
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> len(DealHistory().appended(ContactChange(t0, "anna", None, "Mari")))
        1
        """
        if type(event) not in _EVENT_TYPES:
            raise HistoryEventError(len(self), event)
        tail: list[object] = []
        pack(tail, self._current(), event)
        return self._append(*tail)

    def _move(
        self,
        mark: _StageMark,
        at: _dt.datetime,
        by: str,
        reason: str | None,
        forced: bool,
    ) -> DealHistory:
        """The move ``mark`` records appended: packed when plain, else as a
        :class:`StageChange`."""
        if _plain(by, mark.from_stage, reason, forced, self._current()):
            packed = self._packed
            offsets = self._offsets
            if offsets is None:  # the common case: a history of plain moves
                return _history((*packed, mark, at, by), None)
            return _history((*packed, mark, at, by), _extended(offsets, len(packed)))
        change = StageChange(
            at,
            by,
            mark.from_stage,
            mark.to_stage,
            mark.outcome,
            mark.probability,
            mark.forecast_category,
            reason,
            forced,
        )
        return self._append(change)

    @staticmethod
    def _of(packed: tuple[object, ...]) -> DealHistory:
        """A history around ``packed`` (already packed as ``__init__`` packs)."""
        starts: list[int] = []
        index, size = 0, len(packed)
        while index < size:
            starts.append(index)
            index += 3 if packed[index].__class__ is _StageMark else 1
        return _history(packed, _offsets_of(starts, size))

    def _append(self, *items: object) -> DealHistory:
        """One event appended, packed (``items`` as :func:`pack` leaves it)."""
        packed = self._packed
        offsets = self._offsets
        if offsets is None:
            if items[0].__class__ is _StageMark:
                return _history((*packed, *items), None)
            offsets = _every_third(len(packed) // 3)
        return _history((*packed, *items), _extended(offsets, len(packed)))

    def _current(self) -> str | None:
        """The stage the last stage-setting event moved to."""
        packed = self._packed
        if packed and packed[-1].__class__ is str:
            return packed[-3].to_stage  # type: ignore[attr-defined, no-any-return]
        return _stage_at(packed, len(packed))


_new = object.__new__
_ALL_KINDS = tuple(_EVENT_TYPES)
_MOVES = (_StageMark, StageChange)
_BYTE = tuple(bytes((n,)) for n in range(256))


def _history(packed: tuple[object, ...], offsets: Offsets) -> DealHistory:
    """A history around ``packed`` and its ``offsets`` (both already right)."""
    new: DealHistory = _new(DealHistory)
    new._packed = packed
    new._offsets = offsets
    return new


def _unpacked(mark: _StageMark, at: object, by: object) -> StageChange:
    """The :class:`StageChange` a packed move stands for."""
    return StageChange(
        at,  # type: ignore[arg-type]
        by,  # type: ignore[arg-type]
        mark.from_stage,
        mark.to_stage,
        mark.outcome,
        mark.probability,
        mark.forecast_category,
    )


def _offsets_of(starts: list[int], size: int) -> Offsets:
    """The offset table of events starting at ``starts`` in a packed tuple
    of ``size`` items (``None`` when every event is a packed move)."""
    if 3 * len(starts) == size:
        return None
    return _table(starts)


def _table(starts: list[int]) -> bytes | array[int]:
    """``starts`` (ascending) as a table: a byte each while they fit."""
    if not starts or starts[-1] < len(_BYTE):
        return bytes(starts)
    return array("L", starts)


def _every_third(count: int) -> bytes | array[int]:
    """The offsets of ``count`` packed moves, written out."""
    return _table(list(range(0, 3 * count, 3)))


def _extended(offsets: bytes | array[int], start: int) -> bytes | array[int]:
    """``offsets`` with one more event starting at ``start`` (a copy)."""
    if isinstance(offsets, bytes):
        if start < len(_BYTE):
            return offsets + _BYTE[start]
        offsets = array("L", list(offsets))
    return offsets + array("L", (start,))


def pack(packed: list[object], stage: str | None, event: DealEvent) -> str | None:
    """Append ``event`` to ``packed`` as a history packs it (a plain move as
    three references) and return the stage the history is in after it;
    ``stage`` is the stage before it."""
    kind = event.__class__
    if kind is StageChange:
        change: StageChange = event  # type: ignore[assignment]
        if _plain(change.by, change.from_stage, change.reason, change.forced, stage):
            packed.append(
                stage_mark(
                    stage,
                    change.to_stage,
                    change.outcome,
                    change.probability,
                    change.forecast_category,
                )
            )
            packed.append(change.at)
            packed.append(change.by)
        else:
            packed.append(change)
        return change.to_stage
    packed.append(event)
    if kind is PipelineChange:
        return event.to_stage  # type: ignore[union-attr]
    return stage


def _plain(
    by: object,
    from_stage: str | None,
    reason: str | None,
    forced: bool,
    stage: str | None,
) -> bool:
    """Whether a stage change with these fields is packed (a plain move:
    no reason, not forced, from ``stage``, the one the history is in)."""
    return (
        reason is None
        and forced is False
        and from_stage == stage
        and by.__class__ is str
    )


def _stage_at(packed: tuple[object, ...], end: int) -> str | None:
    """The stage the history was in before position ``end`` of ``packed``:
    where the last stage-setting record before it moved to."""
    index = end
    while index:
        last = packed[index - 1]
        if last.__class__ is str:  # a packed move ends with its author
            return packed[index - 3].to_stage  # type: ignore[attr-defined, no-any-return]
        index -= 1
        if last.__class__ is StageChange or last.__class__ is PipelineChange:
            return last.to_stage
    return None
