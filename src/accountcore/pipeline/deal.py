"""Deals: plain frozen data that a :class:`~accountcore.pipeline.Pipeline`
moves, with their whole history on them.

A deal is not a state machine: it records its stage (and what the stage
meant when it entered it: outcome, default probability, forecast category),
its amount, close date, probability and forecast overrides, revenue splits,
and a time-ordered ``history`` of every change. Stage moves go through the
pipeline (:meth:`~accountcore.pipeline.Pipeline.advance`); the other changes
are methods here, each pure, each taking ``at=`` and ``by=``.

>>> import pendulum
>>> from accountcore.money import Money
>>> from accountcore.pipeline.machine import Pipeline
>>> t0 = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Tallinn")
>>> deal = Pipeline.default().new_deal("D-1", client_id="C-1", owner="anna", at=t0, by="anna")
>>> deal = deal.with_amount(Money("12000.00", "EUR"), at=t0.add(hours=1), by="anna")
>>> deal.stage, deal.amount, deal.probability
('appointment', Money('12000.00', 'EUR'), Decimal('0.05'))
>>> deal.as_of(t0).amount is None
True
"""

from __future__ import annotations

import datetime as _dt
import warnings
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

import attrs

from accountcore.clients import ContactRole, DealContact
from accountcore.errors import check_items, check_iterable
from accountcore.money import Money, to_decimal
from accountcore.periods import as_date, require_aware
from accountcore.pipeline.deal_types import DealType
from accountcore.pipeline.errors import DealChangeError
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
)
from accountcore.pipeline.stages import ForecastCategory, Outcome

__all__ = [
    "Deal",
]

_ONE = Decimal(1)
_ZERO = Decimal(0)


@lru_cache(maxsize=4096)
def _sole_owner(owner: str) -> tuple[Split, ...]:
    """The default splits (``owner`` at 1), shared between deals: values are
    immutable, so thousands of deals need not each hold a copy."""
    return (Split(owner, _ONE),)


def _deal_contacts(value: object) -> tuple[DealContact, ...]:
    """A deal's contact roles from what may stand for them: a tuple of
    :class:`~accountcore.clients.DealContact`, ``None`` (none), or the
    single contact name of older deals, which becomes that name in the role
    ``other`` (the name stands for the contact person until linked to one).

    >>> _deal_contacts("Mari Maasikas")
    (DealContact(contact_id='Mari Maasikas', role=<ContactRole.OTHER: 'other'>),)
    >>> _deal_contacts(None)
    ()
    """
    if value is None:
        return ()
    if isinstance(value, str):
        return (DealContact(value, ContactRole.OTHER),) if value.strip() else ()
    if isinstance(value, tuple) and all(type(c) is DealContact for c in value):
        return value
    return check_items("contacts", value, DealContact)


def _default_splits(deal: Deal) -> tuple[Split, ...]:
    return _sole_owner(deal.owner)


def closed_at_after(
    before: Outcome, after: Outcome, closed_at: _dt.datetime | None, at: _dt.datetime
) -> _dt.datetime | None:
    """When a deal counts as closed after a move from ``before`` to ``after``.

    Entering won or lost from another outcome sets it to ``at``; staying in
    the same closed outcome keeps it; an open outcome clears it.

    >>> import pendulum
    >>> at = pendulum.datetime(2026, 3, 2, tz="UTC")
    >>> closed_at_after(Outcome.OPEN, Outcome.WON, None, at) == at
    True
    >>> closed_at_after(Outcome.LOST, Outcome.OPEN, at, at) is None
    True
    """
    if after is _OPEN:
        return None
    if after is before:
        return closed_at
    return at


_OPEN = Outcome.OPEN  # read on every move: a global, not an enum lookup


def _as_history(events: Iterable[DealEvent]) -> DealHistory:
    return events if type(events) is DealHistory else DealHistory(events)


@attrs.frozen(eq=False, weakref_slot=False)
class Deal:
    """A deal: plain frozen data, compared by ``id``.

    Deals are entities: two snapshots of the same deal (before and after a
    move) are equal and hash alike, so sets and dicts of deals key on the
    deal, not on its state. Compare ``history`` (or ``attrs.astuple``) to
    tell snapshots apart.

    Build deals with :meth:`Pipeline.new_deal
    <accountcore.pipeline.Pipeline.new_deal>`; move them with
    :meth:`Pipeline.advance <accountcore.pipeline.Pipeline.advance>`.

    ``stage_probability`` and ``stage_forecast`` are the stage's defaults at
    the last stage change; :attr:`probability` and :attr:`forecast_category`
    are what counts now.

    ``deal_type`` (a :class:`~accountcore.pipeline.DealType`, new business
    unless given) and ``lead_source`` (where the deal came from: ``"fair"``,
    ``"referral"``, …) are set when the deal is created and kept as they are.

    >>> import pendulum
    >>> from accountcore.pipeline.machine import Pipeline
    >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
    >>> deal = Pipeline.default().new_deal("D-1", client_id="C-1", owner="anna", at=t0, by="anna")
    >>> from accountcore.clients import DealContact
    >>> later = deal.with_contacts([DealContact("P-7", "decision_maker")], at=t0.add(days=1), by="anna")
    >>> deal == later, deal.contacts, [c.contact_id for c in later.contacts]
    (True, (), ['P-7'])
    >>> deal.splits
    (Split(owner='anna', share=Decimal('1')),)
    """

    id: str
    client_id: str
    owner: str
    stage: str
    outcome: Outcome
    stage_probability: Decimal
    stage_forecast: ForecastCategory
    pipeline_id: str
    pipeline_version: int
    created_at: _dt.datetime
    history: DealHistory = attrs.field(converter=_as_history)
    amount: Money | None = None
    expected_close: _dt.date | None = None
    contacts: tuple[DealContact, ...] = attrs.field(
        default=(), converter=_deal_contacts
    )
    splits: tuple[Split, ...] = attrs.field(
        default=attrs.Factory(_default_splits, takes_self=True)
    )
    closed_at: _dt.datetime | None = None
    probability_override: Decimal | None = None
    probability_automated: Decimal | None = None
    forecast_override: ForecastCategory | None = None
    deal_type: DealType = DealType.NEW_BUSINESS
    lead_source: str | None = None

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Deal):
            return self.id == other.id
        return NotImplemented

    def __hash__(self) -> int:
        return hash((Deal, self.id))

    # --- reading --------------------------------------------------------------

    @property
    def probability(self) -> Decimal:
        """The chance the deal is won: 1 when won, 0 when lost; otherwise the
        manual override if set, else the automated value if set, else the
        stage default.

        >>> import pendulum
        >>> from accountcore.pipeline.machine import Pipeline
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> d = Pipeline.default().new_deal("D-1", client_id="C", owner="a", at=t0, by="a")
        >>> d = d.automate_probability(Decimal("0.12"), at=t0, by="model")
        >>> d.probability
        Decimal('0.12')
        >>> d.override_probability(Decimal("0.3"), at=t0, by="a").probability
        Decimal('0.3')
        """
        outcome = self.outcome
        if outcome is Outcome.WON:
            return _ONE
        if outcome is Outcome.LOST:
            return _ZERO
        if self.probability_override is not None:
            return self.probability_override
        if self.probability_automated is not None:
            return self.probability_automated
        return self.stage_probability

    @property
    def forecast_category(self) -> ForecastCategory:
        """The forecast category: the override while open, else the stage's.

        >>> import pendulum
        >>> from accountcore.pipeline.machine import Pipeline
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> d = Pipeline.default().new_deal("D-1", client_id="C", owner="a", at=t0, by="a")
        >>> d.forecast_category, d.override_forecast(ForecastCategory.BEST_CASE, at=t0, by="a").forecast_category
        (<ForecastCategory.PIPELINE: 'pipeline'>, <ForecastCategory.BEST_CASE: 'best_case'>)
        """
        if self.outcome is Outcome.OPEN and self.forecast_override is not None:
            return self.forecast_override
        return self.stage_forecast

    @property
    def updated_at(self) -> _dt.datetime:
        """The time of the last event (the creation if nothing else).

        >>> import pendulum
        >>> from accountcore.pipeline.machine import Pipeline
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> Pipeline.default().new_deal("D-1", client_id="C", owner="a", at=t0, by="a").updated_at == t0
        True
        """
        last = self.history.last_at
        return self.created_at if last is None else last

    @property
    def stage_changes(self) -> tuple[StageChange, ...]:
        """The stage changes only, oldest first (the creation included).

        >>> import pendulum
        >>> from accountcore.pipeline.machine import Pipeline
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> d = Pipeline.default().new_deal("D-1", client_id="C", owner="a", at=t0, by="a")
        >>> [c.to_stage for c in d.stage_changes]
        ['appointment']
        """
        return tuple(self.history.of_kind(StageChange))

    @property
    def previous_stage(self) -> str | None:
        """The stage the deal was in before its current one (``None`` if none).

        >>> import pendulum
        >>> from accountcore.pipeline.machine import Pipeline
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> Pipeline.default().new_deal("D-1", client_id="C", owner="a", at=t0, by="a").previous_stage is None
        True
        """
        event = self.history.latest(StageChange, PipelineChange)
        return None if event is None else event.from_stage  # type: ignore[union-attr]

    @property
    def close_reason(self) -> str | None:
        """The reason given when the deal entered its closed stage (lost
        reason, cancellation reason); ``None`` while open.

        >>> import pendulum
        >>> from accountcore.pipeline.machine import Pipeline
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> p = Pipeline.default()
        >>> d = p.new_deal("D-1", client_id="C", owner="a", at=t0, by="a")
        >>> p.advance(d, "lost", at=t0, by="a", reason="no budget").close_reason
        'no budget'
        """
        if self.outcome is Outcome.OPEN:
            return None
        event = self.history.latest(StageChange)
        return None if event is None else event.reason

    # --- changes ----------------------------------------------------------------

    def with_amount(
        self,
        amount: Money | None,
        *,
        at: _dt.datetime,
        by: str,
        reason: str | None = None,
    ) -> Deal:
        """Set (or clear) the amount; a different currency is allowed (it is a
        re-quote) and recorded.

        >>> import pendulum
        >>> from accountcore.pipeline.machine import Pipeline
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> d = Pipeline.default().new_deal("D-1", client_id="C", owner="a", at=t0, by="a")
        >>> d.with_amount(Decimal("10"), at=t0, by="a")
        Traceback (most recent call last):
        ...
        accountcore.pipeline.errors.DealChangeError: Deal 'D-1': cannot change amount to Decimal('10') (an amount is Money or None).
        """
        if amount is not None and not isinstance(amount, Money):
            raise DealChangeError(
                self.id, "amount", amount, "an amount is Money or None"
            )
        if amount == self.amount and type(amount) is type(self.amount):
            return self
        event = AmountChange(
            self._when(at, "amount", amount), by, self.amount, amount, reason
        )
        return attrs.evolve(self, amount=amount, history=self.history.appended(event))

    def with_expected_close(
        self,
        on: _dt.date | None,
        *,
        at: _dt.datetime,
        by: str,
        reason: str | None = None,
    ) -> Deal:
        """Set (or clear) the expected close date.

        >>> import pendulum, datetime
        >>> from accountcore.pipeline.machine import Pipeline
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> d = Pipeline.default().new_deal("D-1", client_id="C", owner="a", at=t0, by="a")
        >>> d.with_expected_close(datetime.date(2026, 4, 30), at=t0, by="a").expected_close
        datetime.date(2026, 4, 30)
        """
        day = None if on is None else as_date(on, "on")
        if day == self.expected_close:
            return self
        event = CloseDateChange(
            self._when(at, "expected_close", on), by, self.expected_close, day, reason
        )
        return attrs.evolve(
            self, expected_close=day, history=self.history.appended(event)
        )

    def override_probability(
        self,
        probability: Decimal | str | int | None,
        *,
        at: _dt.datetime,
        by: str,
        reason: str | None = None,
    ) -> Deal:
        """Set (or clear, with ``None``) the manual probability override.
        A stage change clears it.

        >>> import pendulum
        >>> from accountcore.pipeline.machine import Pipeline
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> d = Pipeline.default().new_deal("D-1", client_id="C", owner="a", at=t0, by="a")
        >>> d.override_probability("1.5", at=t0, by="a")
        Traceback (most recent call last):
        ...
        accountcore.pipeline.errors.DealChangeError: Deal 'D-1': cannot change probability override to '1.5' (a probability is between 0 and 1).
        """
        return self._set_probability(
            ProbabilitySource.OVERRIDE, probability, at=at, by=by, reason=reason
        )

    def automate_probability(
        self,
        probability: Decimal | str | int | None,
        *,
        at: _dt.datetime,
        by: str,
        reason: str | None = None,
    ) -> Deal:
        """Set (or clear) the automated probability (from a scoring model);
        kept apart from the manual override, and kept across stage changes.

        >>> import pendulum
        >>> from accountcore.pipeline.machine import Pipeline
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> d = Pipeline.default().new_deal("D-1", client_id="C", owner="a", at=t0, by="a")
        >>> d.automate_probability("0.2", at=t0, by="model").probability_automated
        Decimal('0.2')
        """
        return self._set_probability(
            ProbabilitySource.AUTOMATED, probability, at=at, by=by, reason=reason
        )

    def _set_probability(
        self,
        source: ProbabilitySource,
        probability: Decimal | str | int | None,
        *,
        at: _dt.datetime,
        by: str,
        reason: str | None,
    ) -> Deal:
        """The one body of :meth:`override_probability` and
        :meth:`automate_probability`: the two values are kept apart, each in
        its own field, and each change is recorded with its source."""
        field, label = _PROBABILITY_FIELDS[source]
        value = self._probability(probability, label)
        current = getattr(self, field)
        if value == current:  # also None == None; a Decimal never equals None
            return self
        event = ProbabilityChange(
            self._when(at, label, probability), by, source, current, value, reason
        )
        changes: dict[str, Any] = {
            field: value,
            "history": self.history.appended(event),
        }
        return attrs.evolve(self, **changes)

    def override_forecast(
        self,
        category: ForecastCategory | None,
        *,
        at: _dt.datetime,
        by: str,
        reason: str | None = None,
    ) -> Deal:
        """Override (or clear) the forecast category of an open deal; closed
        deals are always ``closed`` or ``omitted``. A stage change clears it.

        >>> import pendulum
        >>> from accountcore.pipeline.machine import Pipeline
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> d = Pipeline.default().new_deal("D-1", client_id="C", owner="a", at=t0, by="a")
        >>> d.override_forecast(ForecastCategory.CLOSED, at=t0, by="a")
        Traceback (most recent call last):
        ...
        accountcore.pipeline.errors.DealChangeError: Deal 'D-1': cannot change forecast override to <ForecastCategory.CLOSED: 'closed'> (an open deal may be in pipeline, best_case, commit or omitted).
        """
        if category is not None:
            if not isinstance(category, ForecastCategory):
                raise DealChangeError(
                    self.id,
                    "forecast override",
                    category,
                    "expected a ForecastCategory",
                )
            if category is ForecastCategory.CLOSED or self.outcome is not Outcome.OPEN:
                raise DealChangeError(
                    self.id,
                    "forecast override",
                    category,
                    "an open deal may be in pipeline, best_case, commit or omitted"
                    if self.outcome is Outcome.OPEN
                    else f"the deal is {self.outcome.value}",
                )
        if category is self.forecast_override:
            return self
        event = ForecastChange(
            self._when(at, "forecast override", category),
            by,
            self.forecast_override,
            category,
            reason,
        )
        return attrs.evolve(
            self, forecast_override=category, history=self.history.appended(event)
        )

    def with_splits(
        self,
        splits: Mapping[str, Decimal | str | int] | Iterable[Split],
        *,
        at: _dt.datetime,
        by: str,
        reason: str | None = None,
    ) -> Deal:
        """Share the deal's credit between owners; shares are Decimals in
        (0, 1] summing to exactly 1. Kept sorted by owner.

        >>> import pendulum
        >>> from accountcore.pipeline.machine import Pipeline
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> d = Pipeline.default().new_deal("D-1", client_id="C", owner="anna", at=t0, by="a")
        >>> d.with_splits({"boris": "0.4", "anna": "0.6"}, at=t0, by="lead").splits
        (Split(owner='anna', share=Decimal('0.6')), Split(owner='boris', share=Decimal('0.4')))
        >>> d.with_splits({"anna": "0.6", "boris": "0.3"}, at=t0, by="lead")
        Traceback (most recent call last):
        ...
        accountcore.pipeline.errors.DealChangeError: Deal 'D-1': cannot change splits to {'anna': '0.6', 'boris': '0.3'} (shares sum to 0.9, not 1).
        """
        new = self._checked_splits(splits)
        if new == self.splits:
            return self
        event = SplitChange(
            self._when(at, "splits", splits), by, self.splits, new, reason
        )
        return attrs.evolve(self, splits=new, history=self.history.appended(event))

    @property
    def contact(self) -> str | None:
        """Deprecated (read :attr:`contacts`): the first contact's id (for a
        deal stored with a single contact name, that name), ``None`` when
        the deal has no contact. Kept for one release.

        >>> import pendulum, warnings
        >>> from accountcore.pipeline.machine import Pipeline
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> d = Pipeline.default().new_deal("D-1", client_id="C", owner="a", at=t0, by="a", contact="Mari")
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore", DeprecationWarning)
        ...     d.contact
        'Mari'
        """
        warnings.warn(
            "Deal.contact is deprecated: read Deal.contacts (the contact roles)",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.contacts[0].contact_id if self.contacts else None

    def with_contacts(
        self,
        contacts: Iterable[DealContact],
        *,
        at: _dt.datetime,
        by: str,
        reason: str | None = None,
    ) -> Deal:
        """Set the deal's contact persons and their roles (an empty list
        clears them); the change is recorded in the history.

        >>> import pendulum
        >>> from accountcore.pipeline.machine import Pipeline
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> d = Pipeline.default().new_deal("D-1", client_id="C", owner="a", at=t0, by="a")
        >>> d = d.with_contacts([DealContact("P-1", "decision_maker"), DealContact("P-2", "finance")],
        ...                     at=t0, by="a")
        >>> [(c.contact_id, c.role.value) for c in d.contacts], type(d.history[-1]).__name__
        ([('P-1', 'decision_maker'), ('P-2', 'finance')], 'DealContactsChange')
        """
        new = check_items("contacts", contacts, DealContact)
        if len({(c.contact_id, c.role) for c in new}) != len(new):
            raise DealChangeError(
                self.id, "contacts", contacts, "a contact is listed twice in one role"
            )
        if new == self.contacts:
            return self
        event = DealContactsChange(
            self._when(at, "contacts", contacts), by, self.contacts, new, reason
        )
        return attrs.evolve(self, contacts=new, history=self.history.appended(event))

    def with_contact(
        self,
        contact: str | None,
        *,
        at: _dt.datetime,
        by: str,
        reason: str | None = None,
    ) -> Deal:
        """Shorthand kept for one release: the contact named ``contact`` in
        the role ``other`` (``None`` clears the contacts); prefer
        :meth:`with_contacts`.

        >>> import pendulum
        >>> from accountcore.pipeline.machine import Pipeline
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> d = Pipeline.default().new_deal("D-1", client_id="C", owner="a", at=t0, by="a")
        >>> d.with_contact("Mari", at=t0, by="a").contacts[0].contact_id
        'Mari'
        """
        if contact is not None and (
            not isinstance(contact, str) or not contact.strip()
        ):
            raise DealChangeError(
                self.id, "contact", contact, "a contact is a non-blank name"
            )
        return self.with_contacts(_deal_contacts(contact), at=at, by=by, reason=reason)

    def reassign(
        self, owner: str, *, at: _dt.datetime, by: str, reason: str | None = None
    ) -> Deal:
        """Hand the deal to another owner. When the old owner held the whole
        credit (the default split), the credit moves too; explicit splits
        among several owners are left as they are.

        >>> import pendulum
        >>> from accountcore.pipeline.machine import Pipeline
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> d = Pipeline.default().new_deal("D-1", client_id="C", owner="anna", at=t0, by="a")
        >>> d.reassign("boris", at=t0, by="lead").splits
        (Split(owner='boris', share=Decimal('1')),)
        """
        if not isinstance(owner, str) or not owner.strip():
            raise DealChangeError(
                self.id, "owner", owner, "an owner is a non-blank name"
            )
        if owner == self.owner:
            return self
        moment = self._when(at, "owner", owner)
        events: list[DealEvent] = [OwnerChange(moment, by, self.owner, owner, reason)]
        splits = self.splits
        if splits == _sole_owner(self.owner):
            splits = _sole_owner(owner)
            events.append(SplitChange(moment, by, self.splits, splits, reason))
        return attrs.evolve(
            self, owner=owner, splits=splits, history=self.history + events
        )

    # --- time travel ---------------------------------------------------------------

    def as_of(self, moment: _dt.datetime) -> Deal:
        """The deal as it stood at ``moment`` (after every event at or before
        it). Before the deal was created it did not exist: that raises.

        >>> import pendulum
        >>> from accountcore.pipeline.machine import Pipeline
        >>> p = Pipeline.default()
        >>> t0 = pendulum.datetime(2026, 3, 2, tz="UTC")
        >>> d = p.new_deal("D-1", client_id="C", owner="a", at=t0, by="a")
        >>> d2 = p.advance(d, "preparation", at=t0.add(days=2), by="a")
        >>> d2.as_of(t0.add(days=1)).stage, d2.as_of(t0.add(days=2)).stage
        ('appointment', 'preparation')
        >>> d2.as_of(t0.subtract(days=1))
        Traceback (most recent call last):
        ...
        accountcore.pipeline.errors.DealChangeError: Deal 'D-1': cannot change as_of to DateTime(2026, 3, 1, 0, 0, 0, tzinfo=Timezone('UTC')) (the deal was created at 2026-03-02T00:00:00+00:00).
        """
        moment = require_aware(moment, "moment")
        if moment < self.created_at:
            raise DealChangeError(
                self.id,
                "as_of",
                moment,
                f"the deal was created at {self.created_at.isoformat()}",
            )
        last = self.history.last_at
        if last is None or last <= moment:
            return self
        history = tuple(self.history)
        keep = len(history)
        while keep and history[keep - 1].at > moment:
            keep -= 1
        return _replay(self, history[:keep])

    # --- internals -------------------------------------------------------------------

    def _when(self, at: _dt.datetime, change: str, value: object) -> _dt.datetime:
        moment = require_aware(at, "at")
        last = self.updated_at
        if moment < last:
            raise DealChangeError(
                self.id,
                change,
                value,
                f"at={moment.isoformat()} is earlier than the deal's last change "
                f"at {last.isoformat()}",
            )
        return moment

    def _probability(self, value: object, change: str) -> Decimal | None:
        if value is None:
            return None
        try:
            number = to_decimal(value, change)
        except (TypeError, ValueError):
            raise DealChangeError(
                self.id, change, value, "a probability is a Decimal between 0 and 1"
            ) from None
        if not _ZERO <= number <= _ONE:
            raise DealChangeError(
                self.id, change, value, "a probability is between 0 and 1"
            )
        return number

    def _checked_splits(
        self, splits: Mapping[str, Decimal | str | int] | Iterable[Split]
    ) -> tuple[Split, ...]:
        pairs: list[tuple[object, object]]
        if isinstance(splits, Mapping):
            pairs = list(splits.items())
        else:
            pairs = []
            for item in check_iterable("splits", splits):
                if not isinstance(item, Split):
                    raise DealChangeError(
                        self.id, "splits", splits, f"{item!r} is not a Split"
                    )
                pairs.append((item.owner, item.share))
        if not pairs:
            raise DealChangeError(
                self.id, "splits", splits, "at least one owner is needed"
            )
        out: dict[str, Decimal] = {}
        for owner, share in pairs:
            if not isinstance(owner, str) or not owner.strip():
                raise DealChangeError(
                    self.id,
                    "splits",
                    splits,
                    f"owner {owner!r} is not a non-blank name",
                )
            if owner in out:
                raise DealChangeError(
                    self.id, "splits", splits, f"owner {owner!r} twice"
                )
            try:
                value = to_decimal(share, f"share of {owner}")
            except (TypeError, ValueError) as error:
                raise DealChangeError(self.id, "splits", splits, str(error)) from None
            if not _ZERO < value <= _ONE:
                raise DealChangeError(
                    self.id,
                    "splits",
                    splits,
                    f"share {value} of {owner!r} is not in (0, 1]",
                )
            out[owner] = value
        total = sum(out.values(), _ZERO)
        if total != _ONE:
            raise DealChangeError(
                self.id, "splits", splits, f"shares sum to {total}, not 1"
            )
        return tuple(Split(owner, out[owner]) for owner in sorted(out))


def _replay(deal: Deal, history: Iterable[DealEvent]) -> Deal:
    """Rebuild ``deal`` from the first events of its history (forward)."""
    state = _initial_state(deal)
    for event in history:
        _apply(state, event)
    if "pipeline_id" not in state:
        migrations = deal.history.of_kind(PipelineChange)
        first_move = migrations[0] if migrations else None
        state["pipeline_id"] = (
            first_move.from_pipeline if first_move else deal.pipeline_id
        )
        state["pipeline_version"] = (
            first_move.from_version if first_move else deal.pipeline_version
        )
    return Deal(
        id=deal.id,
        client_id=deal.client_id,
        created_at=deal.created_at,
        history=history,
        deal_type=deal.deal_type,
        lead_source=deal.lead_source,
        **state,
    )


def _field_of(event: DealEvent) -> str | None:
    """The deal's field an event changes (``None`` for stage and pipeline
    changes, which change several)."""
    kind = type(event)
    if kind is ProbabilityChange:
        return (
            "probability_override"
            if event.source is ProbabilitySource.OVERRIDE  # type: ignore[union-attr]
            else "probability_automated"
        )
    return _FIELD_OF.get(kind)


def _initial_state(deal: Deal) -> dict[str, Any]:
    """The fields of ``deal`` before its first event: the ``before`` of the
    first event touching each field, else its current value (never
    changed); open, not closed."""
    initial: dict[str, Any] = {}
    for event in deal.history:
        field = _field_of(event)
        if field is not None and field not in initial:
            initial[field] = event.before  # type: ignore[union-attr]
    state = {
        field: initial.get(field, getattr(deal, field))
        for field in (
            *_PLAIN_FIELDS,
            "probability_override",
            "forecast_override",
            "probability_automated",
        )
    }
    state["closed_at"] = None
    state["outcome"] = Outcome.OPEN
    return state


def _apply(state: dict[str, Any], event: DealEvent) -> None:
    """``state`` (a deal's fields) moved on by ``event``."""
    kind = type(event)
    if kind is not StageChange and kind is not PipelineChange:
        state[_field_of(event)] = event.after  # type: ignore[index, union-attr]
        return
    if kind is PipelineChange:
        state["pipeline_id"] = event.to_pipeline  # type: ignore[union-attr]
        state["pipeline_version"] = event.to_version  # type: ignore[union-attr]
        closed = state["closed_at"]
    else:
        closed = closed_at_after(
            state["outcome"],
            event.outcome,  # type: ignore[union-attr]
            state["closed_at"],
            event.at,
        )
        if event.from_stage is not None:  # type: ignore[union-attr]
            state["probability_override"] = None
            state["forecast_override"] = None
    state["stage"] = event.to_stage  # type: ignore[union-attr]
    state["outcome"] = event.outcome  # type: ignore[union-attr]
    state["stage_probability"] = event.probability  # type: ignore[union-attr]
    state["stage_forecast"] = event.forecast_category  # type: ignore[union-attr]
    state["closed_at"] = closed


_FIELD_OF: dict[type, str] = {
    AmountChange: "amount",
    CloseDateChange: "expected_close",
    ForecastChange: "forecast_override",
    SplitChange: "splits",
    OwnerChange: "owner",
    ContactChange: "contacts",
    DealContactsChange: "contacts",
}
_PROBABILITY_FIELDS: dict[ProbabilitySource, tuple[str, str]] = {
    ProbabilitySource.OVERRIDE: ("probability_override", "probability override"),
    ProbabilitySource.AUTOMATED: ("probability_automated", "automated probability"),
}
"""Field and label of each kind of probability a deal keeps apart."""

_PLAIN_FIELDS = ("amount", "expected_close", "splits", "owner", "contacts")
