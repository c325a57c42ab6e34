"""What account health reads: :class:`AccountProfile` and :class:`SatisfactionRating`.

An :class:`AccountProfile` is a :class:`~accountcore.reliability.ClientProfile`
(so the reliability factors, the payment index among them, read it as they
are) that also knows the relationship: the client's tier and since when it
is a client, its activities, deals, complaints, satisfaction ratings and the
next renewal (or expiry) date of its contract, given as a plain date
(``renewal``) or read from its :class:`~accountcore.pipeline.Contract`
objects (``contracts``, see :meth:`AccountProfile.renewal_on`). Each of these is ``None``
when it is not known: the factor reading it is then missing data, scored
neutral and lowering the confidence; an empty list says it is known and
there is none.

Days are read in UTC: an activity's day, a deal's closing day, the day a
complaint was received and decided.

>>> import datetime as dt
>>> profile = AccountProfile("EUR", client_id="C-1", tier="key", ratings=[SatisfactionRating(dt.date(2026, 5, 4), 8)])
>>> profile.tier, profile.ratings[0].score, profile.activities is None
(<ClientTier.KEY: 'key'>, 8, True)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from accountcore.clients import ClientTier
from accountcore.complaints import Complaint
from accountcore.money import Money
from accountcore.periods import FiscalCalendar, as_date
from accountcore.pipeline import Contract, Deal, Outcome
from accountcore.relationship import Activity
from accountcore.reliability import ClientProfile
from accountcore.reliability.errors import InvalidProfileError

__all__ = ["AccountProfile", "SatisfactionRating"]

UTC = FiscalCalendar()
"""The calendar the health factors read days in."""


@attrs.frozen
class SatisfactionRating:
    """A satisfaction rating the client gave on ``day``: a whole number from
    0 (very unhappy) to 10 (delighted), as a survey or the account manager
    records it, with the contact person who gave it where known.

    >>> import datetime as dt
    >>> SatisfactionRating(dt.date(2026, 5, 4), 9).score
    9
    >>> SatisfactionRating(dt.date(2026, 5, 4), 11)
    Traceback (most recent call last):
    ...
    accountcore.reliability.errors.InvalidProfileError: score=11 is invalid: a rating is a whole number from 0 to 10.
    """

    day: _dt.date
    score: int
    contact_id: str | None = None

    def __attrs_post_init__(self) -> None:
        as_date(self.day, "day")
        if type(self.score) is not int or not 0 <= self.score <= 10:
            raise InvalidProfileError(
                "score", self.score, "a rating is a whole number from 0 to 10"
            )


def _tier(value: object) -> ClientTier | None:
    if value is None or isinstance(value, ClientTier):
        return value
    try:
        return ClientTier(value)
    except ValueError:
        raise InvalidProfileError(
            "tier",
            repr(value),
            "expected a ClientTier or one of "
            + ", ".join(repr(t.value) for t in ClientTier),
        ) from None


def _items(name: str, kind: type, values: object) -> tuple[Any, ...] | None:
    if values is None:
        return None
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise InvalidProfileError(
            name, repr(values), f"expected {kind.__name__}s (a list) or None"
        )
    found = tuple(values)
    for position, item in enumerate(found):
        if not isinstance(item, kind):
            raise InvalidProfileError(
                f"{name}[{position}]", repr(item), f"expected a {kind.__name__}"
            )
    return found


def _activities(values: object) -> tuple[Activity, ...] | None:
    return _items("activities", Activity, values)


def _deals(values: object) -> tuple[Deal, ...] | None:
    return _items("deals", Deal, values)


def _complaints(values: object) -> tuple[Complaint, ...] | None:
    return _items("complaints", Complaint, values)


def _ratings(values: object) -> tuple[SatisfactionRating, ...] | None:
    return _items("ratings", SatisfactionRating, values)


def _contracts(values: object) -> tuple[Contract, ...] | None:
    return _items("contracts", Contract, values)


def _next_decision(contract: Contract, on: _dt.date) -> _dt.date:
    """The contract's day to act on or after ``on`` when it renews itself:
    its :attr:`~accountcore.pipeline.Contract.decide_by`, moved on by whole
    terms of the same length (each renewal a term as long as the first)."""
    decide = contract.decide_by
    if decide >= on or not contract.renewal.renews_itself:
        return decide
    term = (contract.end - contract.start).days + 1
    terms = -(-(on - decide).days // term)  # whole terms, rounded up
    return decide + _dt.timedelta(days=terms * term)


@attrs.frozen
class AccountProfile(ClientProfile):
    """A client profile with the relationship health reads; see the module.

    ``activities``, ``deals`` and ``complaints`` may hold other clients'
    too: only those of ``client_id`` count (all, when it is ``None``). A
    deal's amount in another currency than the profile's is refused.

    >>> from accountcore.money import Money
    >>> AccountProfile("EUR", tier="gold")
    Traceback (most recent call last):
    ...
    accountcore.reliability.errors.InvalidProfileError: tier='gold' is invalid: expected a ClientTier or one of 'standard', 'key', 'vip'.
    """

    tier: ClientTier | None = attrs.field(default=None, converter=_tier)
    client_since: _dt.date | None = None
    activities: tuple[Activity, ...] | None = attrs.field(
        default=None, converter=_activities
    )
    deals: tuple[Deal, ...] | None = attrs.field(default=None, converter=_deals)
    complaints: tuple[Complaint, ...] | None = attrs.field(
        default=None, converter=_complaints
    )
    ratings: tuple[SatisfactionRating, ...] | None = attrs.field(
        default=None, converter=_ratings
    )
    renewal: _dt.date | None = None
    contracts: tuple[Contract, ...] | None = attrs.field(
        default=None, converter=_contracts
    )

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if self.renewal is not None and self.contracts is not None:
            raise InvalidProfileError(
                "renewal",
                self.renewal,
                "give the renewal date or the contracts, not both "
                "(the contracts give their own dates)",
            )
        for name in ("client_since", "renewal"):
            value = getattr(self, name)
            if value is not None:
                as_date(value, name)
        for position, deal in enumerate(self.deals or ()):
            amount = deal.amount
            if amount is not None and amount.currency != self.currency:
                raise InvalidProfileError(
                    f"deals[{position}].amount",
                    amount,
                    f"its currency {amount.currency} differs from the profile's "
                    f"currency {self.currency}",
                )

    def _own(self, client_id: str) -> bool:
        return self.client_id is None or client_id == self.client_id

    def contact_days(self, on: _dt.date) -> tuple[_dt.date, ...] | None:
        """The days of the client's contacts (activities done) up to ``on``,
        oldest first; ``None`` when the activities are not known."""
        if self.activities is None:
            return None
        return tuple(
            sorted(
                day
                for activity in self.activities
                if self._own(activity.client_id)
                and activity.outcome.value == "done"
                and (day := activity.day(UTC)) <= on
            )
        )

    def won(self, first: _dt.date, last: _dt.date) -> Money:
        """The client's won revenue closed from ``first`` to ``last`` (both
        included), in the profile's currency (a deal without an amount
        counts zero)."""
        total = Money.zero(self.currency)
        for deal in self.deals or ():
            if (
                deal.outcome is Outcome.WON
                and deal.closed_at is not None
                and self._own(deal.client_id)
                and first <= UTC.date_of(deal.closed_at) <= last
                and deal.amount is not None
            ):
                total += deal.amount
        return total

    def renewal_on(self, on: _dt.date) -> _dt.date | None:
        """The client's next day to act on a contract, as on ``on``: the
        plain ``renewal`` date when given; else, from the client's
        ``contracts``, the earliest day to act
        (:attr:`~accountcore.pipeline.Contract.decide_by`) on or after
        ``on``, a self-renewing contract's moved on by whole terms; when
        none lies ahead and no contract runs on ``on``, the last day of the
        latest contract that ran out (a date past: not renewed). ``None``
        when neither is known or the client has no contract.

        >>> import datetime as dt
        >>> from accountcore.pipeline import RenewalTerms
        >>> k = Contract("K-1", "C-1", "anna", dt.date(2026, 1, 1), dt.date(2026, 12, 31),
        ...              Money("12000.00", "EUR"), renewal=RenewalTerms.NOTICE, notice_days=61)
        >>> AccountProfile("EUR", client_id="C-1", contracts=[k]).renewal_on(dt.date(2026, 6, 1))
        datetime.date(2026, 10, 31)
        """
        day = as_date(on, "on")
        if self.renewal is not None or self.contracts is None:
            return self.renewal
        own = [k for k in self.contracts if self._own(k.client_id)]
        ahead = [decide for k in own if (decide := _next_decision(k, day)) >= day]
        if ahead:
            return min(ahead)
        if not own or any(k.is_active(day) for k in own):
            return None
        return max(k.end for k in own)

    def open_complaints(self, on: _dt.date) -> tuple[Complaint, ...] | None:
        """The client's complaints open on ``on``: received by then and not
        decided by then (a complaint decided later counts as open), oldest
        first; ``None`` when the complaints are not known."""
        if self.complaints is None:
            return None
        found = []
        for complaint in self.complaints:
            if not self._own(complaint.client_id):
                continue
            if UTC.date_of(complaint.received_at) > on:
                continue
            decided = complaint.decided_at
            if decided is None or UTC.date_of(decided) > on:
                found.append(complaint)
        found.sort(key=lambda c: (c.received_at, c.id))
        return tuple(found)
