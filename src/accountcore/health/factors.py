"""The account-health factors, on the reliability scorecard's protocol.

Each follows :class:`~accountcore.reliability.Factor` (a ``code`` and
``assess(profile, on)``), reads an :class:`~accountcore.health.AccountProfile`
and is registered under a ``health.`` kind, so a health scorecard
serialises like any other. Given a plain
:class:`~accountcore.reliability.ClientProfile`, each is missing data.
Payment behaviour is the reliability factor itself
(:class:`~accountcore.reliability.PaymentBehaviour`, the payment index).

>>> import datetime as dt
>>> from accountcore.reliability import ClientProfile
>>> ContactRecency().assess(ClientProfile("EUR"), dt.date(2026, 6, 1)).is_missing
True
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal

import attrs

from accountcore.complaints import Severity
from accountcore.errors import DefinitionError
from accountcore.health.profile import AccountProfile
from accountcore.i18n import Message, Percent
from accountcore.money import to_decimal
from accountcore.relationship import RhythmPolicy
from accountcore.reliability import (
    ClientProfile,
    FactorResult,
    Finding,
    register_factor,
)

__all__ = [
    "DEFAULT_COMPLAINT_PENALTIES",
    "ContactRecency",
    "OpenComplaints",
    "RenewalProximity",
    "RevenueTrend",
    "Satisfaction",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


def _q(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_EVEN)


def _days(count: int) -> Message:
    return Message.of("common.days", count=count)


def _whole_days(owner: str, name: str, value: int, low: int = 1) -> None:
    if type(value) is not int or value < low:
        raise DefinitionError(
            f"{owner}", [f"{name}={value!r} must be whole days, {low} or more"]
        )


def _missing(code: str, what: str) -> FactorResult:
    return FactorResult.missing(
        code,
        Message.of(f"health.{what}.missing"),
        Message.of(f"health.{what}.missing.hint"),
    )


def _policy(value: object) -> RhythmPolicy:
    return value if isinstance(value, RhythmPolicy) else RhythmPolicy(value)  # type: ignore[arg-type]


# --- contact recency -----------------------------------------------------------


@attrs.frozen
class ContactRecency:
    """Days since the last contact against the client's tier in the rhythm
    policy (:meth:`~accountcore.relationship.RhythmPolicy.default` unless
    given). Within the rhythm: all points. Beyond it, the days over cost
    their share of the limit: key accounts every 14 days, 21 days since the
    last contact is 7 over, ``100 × 7 / 14`` = 50 points lost; twice the
    limit or more loses all. A client never contacted counts from
    ``client_since`` (all points lost if that is unknown too).

    >>> import datetime as dt, pendulum
    >>> from accountcore.relationship import Activity
    >>> call = Activity("A-1", "call", "C-1", "anna", pendulum.datetime(2026, 5, 11, tz="UTC"))
    >>> profile = AccountProfile("EUR", client_id="C-1", tier="key", activities=[call])
    >>> result = ContactRecency().assess(profile, dt.date(2026, 6, 1))
    >>> result.points, result.findings[0].text
    (Decimal('50.00'), 'Last contact on May 11, 2026, 21 days since then; the contact rhythm allows at most 14 days.')
    """

    code: str = "contact"
    policy: RhythmPolicy = attrs.field(factory=RhythmPolicy.default, converter=_policy)

    def assess(self, profile: ClientProfile, on: _dt.date) -> FactorResult:
        """Judge the days since the last contact known on ``on``."""
        if not isinstance(profile, AccountProfile):
            return _missing(self.code, "contact")
        days = profile.contact_days(on)
        if days is None:
            return _missing(self.code, "contact")
        limit = None if profile.tier is None else self.policy.every.get(profile.tier)
        if limit is None:
            return FactorResult.missing(
                self.code,
                Message.of("health.contact.no_rhythm"),
                Message.of("health.contact.no_rhythm.hint"),
            )
        hint = Message.of("health.contact.hint")
        if days:
            since = days[-1]
            message = Message.of(
                "health.contact.last",
                last=since,
                days=_days((on - since).days),
                limit=_days(limit),
            )
        elif profile.client_since is not None:
            since = profile.client_since
            message = Message.of(
                "health.contact.never", since=since, limit=_days(limit)
            )
        else:
            message = Message.of("health.contact.none", limit=_days(limit))
            return FactorResult(
                self.code, (Finding(f"{self.code}.none", _HUNDRED, message, hint),)
            )
        over = (on - since).days - limit
        lost = _ZERO if over <= 0 else min(_HUNDRED, _q(_HUNDRED * over / limit))
        return FactorResult(
            self.code, (Finding(f"{self.code}.recency", lost, message, hint),)
        )


# --- revenue trend -------------------------------------------------------------


@attrs.frozen
class RevenueTrend:
    """Won revenue in the last ``days`` (up to ``on``) against the ``days``
    before. Held or grown: all points. A fall costs twice its share: down
    20 % loses 40 points, down half or more loses all. Revenue only in the
    recent window is new business (all points); none in either window is
    missing data.

    >>> import datetime as dt
    >>> ContactRecency().code, RevenueTrend().days
    ('contact', 180)
    """

    code: str = "revenue"
    days: int = 180

    def __attrs_post_init__(self) -> None:
        _whole_days(f"RevenueTrend {self.code!r}", "days", self.days)

    def assess(self, profile: ClientProfile, on: _dt.date) -> FactorResult:
        """Compare the two windows of won revenue ending on ``on``."""
        if not isinstance(profile, AccountProfile) or profile.deals is None:
            return _missing(self.code, "revenue")
        span = _dt.timedelta(days=self.days)
        recent = profile.won(on - span + _dt.timedelta(days=1), on)
        previous = profile.won(on - 2 * span + _dt.timedelta(days=1), on - span)
        window = _days(self.days)
        if not recent.amount and not previous.amount:
            return FactorResult.missing(
                self.code,
                Message.of("health.revenue.none", days=_days(2 * self.days)),
                Message.of("health.revenue.hint"),
            )
        hint = Message.of("health.revenue.hint")
        if not previous.amount or recent.amount >= previous.amount:
            message = Message.of(
                "health.revenue.held",
                recent=recent.rounded(),
                previous=previous.rounded(),
                days=window,
            )
            return FactorResult(
                self.code, (Finding(f"{self.code}.trend", _ZERO, message, hint),)
            )
        fall = (previous.amount - recent.amount) / previous.amount
        lost = min(_HUNDRED, _q(2 * _HUNDRED * fall))
        message = Message.of(
            "health.revenue.fell",
            change=Percent(fall, 1),
            recent=recent.rounded(),
            previous=previous.rounded(),
            days=window,
        )
        return FactorResult(
            self.code, (Finding(f"{self.code}.trend", lost, message, hint),)
        )


# --- open complaints ----------------------------------------------------------

DEFAULT_COMPLAINT_PENALTIES: Mapping[str, Decimal] = {
    "low": Decimal(10),
    "medium": Decimal(20),
    "high": Decimal(35),
    "critical": Decimal(60),
}
"""Factor points an open complaint costs, by severity."""


def _penalties(value: Mapping[object, object]) -> dict[str, Decimal]:
    out = {}
    for key, points in value.items():
        severity = key.value if isinstance(key, Severity) else str(key)
        out[severity] = to_decimal(points, f"penalties[{severity!r}]")
    return dict(sorted(out.items()))


@attrs.frozen
class OpenComplaints:
    """Each complaint open on the day costs points by its severity
    (:data:`DEFAULT_COMPLAINT_PENALTIES`: low 10, medium 20, high 35,
    critical 60; all of them together at most 100). None open: all points.
    """

    code: str = "complaints"
    penalties: Mapping[str, Decimal] = attrs.field(
        factory=lambda: dict(DEFAULT_COMPLAINT_PENALTIES), converter=_penalties
    )

    def __attrs_post_init__(self) -> None:
        faults = [
            f"severity {severity!r} has no penalty"
            for severity in (s.value for s in Severity)
            if severity not in self.penalties
        ]
        faults.extend(
            f"penalty {points} of {severity!r} must be from 0 to 100"
            for severity, points in self.penalties.items()
            if not 0 <= points <= 100
        )
        if faults:
            raise DefinitionError(f"OpenComplaints {self.code!r}", faults)

    def assess(self, profile: ClientProfile, on: _dt.date) -> FactorResult:
        """Charge each complaint open on ``on``."""
        if not isinstance(profile, AccountProfile):
            return _missing(self.code, "complaints")
        found = profile.open_complaints(on)
        if found is None:
            return _missing(self.code, "complaints")
        hint = Message.of("health.complaints.hint")
        if not found:
            message = Message.of("health.complaints.none")
            return FactorResult(
                self.code, (Finding(f"{self.code}.none", _ZERO, message),)
            )
        findings = []
        left = _HUNDRED
        for complaint in found:
            lost = min(left, self.penalties.get(complaint.severity.value, _ZERO))
            left -= lost
            message = Message.of(
                "health.complaints.open",
                id=complaint.id,
                received=complaint.received_at.date(),
                severity=Message.of(f"complaints.severity.{complaint.severity.value}"),
            )
            findings.append(Finding(f"{self.code}.open", lost, message, hint))
        return FactorResult(self.code, tuple(findings))


# --- renewal proximity --------------------------------------------------------


@attrs.frozen
class RenewalProximity:
    """The next renewal (or expiry) of the client's contract (the profile's
    plain date, or its contracts' own dates: :meth:`AccountProfile.renewal_on`): more than
    ``window`` days away costs nothing; inside the window the points fall
    towards half as the day nears (``50 × (window − days left) / window``:
    30 days left of a 90-day window loses 33.33); a date already past (the
    contract ran out unrenewed) loses all.
    """

    code: str = "renewal"
    window: int = 90

    def __attrs_post_init__(self) -> None:
        _whole_days(f"RenewalProximity {self.code!r}", "window", self.window)

    def assess(self, profile: ClientProfile, on: _dt.date) -> FactorResult:
        """Judge how near the renewal date is on ``on``."""
        renewal = (
            profile.renewal_on(on) if isinstance(profile, AccountProfile) else None
        )
        if renewal is None:
            return _missing(self.code, "renewal")
        left = (renewal - on).days
        hint = Message.of("health.renewal.hint")
        if left < 0:
            message = Message.of("health.renewal.passed", renewal=renewal)
            return FactorResult(
                self.code, (Finding(f"{self.code}.passed", _HUNDRED, message, hint),)
            )
        if left > self.window:
            message = Message.of(
                "health.renewal.far", renewal=renewal, days=_days(left)
            )
            return FactorResult(
                self.code, (Finding(f"{self.code}.far", _ZERO, message),)
            )
        lost = _q(Decimal(50) * (self.window - left) / self.window)
        message = Message.of(
            "health.renewal.near",
            renewal=renewal,
            days=_days(left),
            window=_days(self.window),
        )
        return FactorResult(
            self.code, (Finding(f"{self.code}.near", lost, message, hint),)
        )


# --- satisfaction -------------------------------------------------------------


@attrs.frozen
class Satisfaction:
    """The average of the satisfaction ratings (0–10) of the last ``days``
    up to ``on``, times ten: an average of 7.5 is 75 points. None in that
    time is missing data; coverage grows with the ratings up to
    ``full_ratings``.
    """

    code: str = "satisfaction"
    days: int = 365
    full_ratings: int = 3

    def __attrs_post_init__(self) -> None:
        _whole_days(f"Satisfaction {self.code!r}", "days", self.days)
        _whole_days(f"Satisfaction {self.code!r}", "full_ratings", self.full_ratings)

    def assess(self, profile: ClientProfile, on: _dt.date) -> FactorResult:
        """Average the ratings given in the ``days`` up to ``on``."""
        if not isinstance(profile, AccountProfile) or profile.ratings is None:
            return _missing(self.code, "satisfaction")
        first = on - _dt.timedelta(days=self.days - 1)
        scores = [r.score for r in profile.ratings if first <= r.day <= on]
        if not scores:
            return FactorResult.missing(
                self.code,
                Message.of("health.satisfaction.none", days=_days(self.days)),
                Message.of("health.satisfaction.missing.hint"),
            )
        average = _q(Decimal(sum(scores)) / len(scores))
        coverage = min(_ONE, Decimal(len(scores)) / self.full_ratings)
        message = Message.of(
            "health.satisfaction.average", average=average, count=len(scores)
        )
        finding = Finding(
            f"{self.code}.average",
            _HUNDRED - average * 10,
            message,
            Message.of("health.satisfaction.hint"),
        )
        return FactorResult(self.code, (finding,), _q(coverage))


register_factor("health.contact", ContactRecency)
register_factor("health.revenue", RevenueTrend)
register_factor("health.complaints", OpenComplaints)
register_factor("health.renewal", RenewalProximity)
register_factor("health.satisfaction", Satisfaction)
