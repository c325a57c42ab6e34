"""Watching a client for deterioration: compare two of its scores.

:func:`compare_scores` flags a band drop, each new warning sign, and payment
behaviour getting worse (the payment factor's points fell), in that order.

>>> import datetime as dt
>>> from accountcore.reliability.profile import ClientProfile, WarningSign
>>> from accountcore.reliability.scorecard import Scorecard
>>> card = Scorecard.default()
>>> before = card.score(ClientProfile("EUR", client_id="c-7"), on=dt.date(2026, 1, 1))
>>> after = card.score(
...     ClientProfile("EUR", client_id="c-7", warning_signs=[WarningSign.TAX_ARREARS, WarningSign.LITIGATION]),
...     on=dt.date(2026, 4, 1),
... )
>>> [alert.text for alert in compare_scores(before, after, card).alerts]
['Reliability band fell from C to D (score 50.00 → 48.00).', 'New warning sign: pending litigation.', 'New warning sign: tax arrears.']
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from accountcore.errors import check_type
from accountcore.i18n import N_, Message
from accountcore.reliability.errors import ScoreComparisonError
from accountcore.reliability.messages import Explained, custom, sign_label
from accountcore.reliability.scorecard import ReliabilityScore, Scorecard

__all__ = ["Alert", "ScoreChange", "compare_scores"]


_PREFIX = "reliability."


@attrs.frozen
class Alert(Explained):
    """One sign of deterioration, as its ``message`` (catalog id
    ``reliability.monitor.<what>``, parameters as values); ``code`` is the
    id without ``reliability.`` (``monitor.band_drop``), ``text`` the
    English, :meth:`render` any language.

    >>> alert = Alert(Message.of("reliability.monitor.new_warning_sign", sign=sign_label("litigation")))
    >>> alert.code, alert.text
    ('monitor.new_warning_sign', 'New warning sign: pending litigation.')
    >>> alert.render("ja_JP")
    '新たな警告サイン：係争中の訴訟。'
    """

    message: Message

    @property
    def code(self) -> str:
        """The stable code: the message id without ``reliability.``."""
        return self.message.id.removeprefix(_PREFIX)


@attrs.frozen
class ScoreChange:
    """Two scores of one client, what changed and the alerts it raises.

    ``same_version`` is False when the scores come from different scorecard
    versions (fingerprints differ): the values are then not strictly
    comparable, and a reviewer should know.

    >>> import datetime as dt
    >>> from accountcore.reliability.profile import ClientProfile
    >>> card = Scorecard.default()
    >>> score = card.score(ClientProfile("EUR"), on=dt.date(2026, 1, 1))
    >>> change = compare_scores(score, score, card)
    >>> change.deteriorated, change.value_change, change.same_version
    (False, Decimal('0.00'), True)
    """

    before: ReliabilityScore
    after: ReliabilityScore
    alerts: tuple[Alert, ...]

    @property
    def value_change(self) -> Decimal:
        """``after.value - before.value``."""
        return self.after.value - self.before.value

    @property
    def same_version(self) -> bool:
        """True when both scores come from the same scorecard version."""
        return self.before.fingerprint == self.after.fingerprint

    @property
    def deteriorated(self) -> bool:
        """True when any alert was raised."""
        return bool(self.alerts)


def compare_scores(
    before: ReliabilityScore,
    after: ReliabilityScore,
    scorecard: Scorecard,
    *,
    payment_factor: str = "payment",
) -> ScoreChange:
    """Compare an earlier and a later score of one client.

    ``scorecard`` gives the order of the bands. Scores of two different
    clients (both ``client_id`` set and unequal), or ``after`` dated before
    ``before``, raise :class:`~accountcore.reliability.errors.ScoreComparisonError`.
    Payment behaviour is compared only when both scores measured it (a
    factor with missing data raises no payment alert).

    >>> import datetime as dt
    >>> from accountcore.reliability.profile import ClientProfile
    >>> card = Scorecard.default()
    >>> first = card.score(ClientProfile("EUR", client_id="a"), on=dt.date(2026, 1, 1))
    >>> second = card.score(ClientProfile("EUR", client_id="b"), on=dt.date(2026, 2, 1))
    >>> compare_scores(first, second, card)
    Traceback (most recent call last):
    ...
    accountcore.reliability.errors.ScoreComparisonError: Cannot compare scores (client_id: before 'a', after 'b'): both scores must be of the same client.
    """
    check_type("before", before, ReliabilityScore)
    check_type("after", after, ReliabilityScore)
    check_type("scorecard", scorecard, Scorecard)
    _check_comparable(before, after)
    alerts: list[Alert] = []
    drop = _band_drop(before, after, scorecard)
    if drop is not None:
        alerts.append(drop)
    known = set(before.warning_signs)
    alerts.extend(
        Alert(
            Message.of(
                "reliability.monitor.new_warning_sign", sign=sign_label(sign.value)
            )
        )
        for sign in after.warning_signs
        if sign not in known
    )
    worse = _payment_worse(before, after, payment_factor)
    if worse is not None:
        alerts.append(worse)
    return ScoreChange(before, after, tuple(alerts))


_FACTOR_IDS = {
    "payment": N_("reliability.factor.payment"),
    "financial": N_("reliability.factor.financial"),
    "security": N_("reliability.factor.security"),
    "stability": N_("reliability.factor.stability"),
    "warnings": N_("reliability.factor.warnings"),
}


def _factor_label(code: str) -> Message:
    """A built-in factor's code by its catalog name (``payment`` is
    "Payment behaviour"); a factor of your own by its code, as it is."""
    message_id = _FACTOR_IDS.get(code)
    return Message.of(message_id) if message_id else custom(code)


def _check_comparable(before: ReliabilityScore, after: ReliabilityScore) -> None:
    if (
        before.client_id is not None
        and after.client_id is not None
        and before.client_id != after.client_id
    ):
        raise ScoreComparisonError(
            "client_id",
            before.client_id,
            after.client_id,
            "both scores must be of the same client",
        )
    if after.on < before.on:
        raise ScoreComparisonError(
            "on",
            before.on.isoformat(),
            after.on.isoformat(),
            "the later score must come second",
        )


def _band_drop(
    before: ReliabilityScore, after: ReliabilityScore, scorecard: Scorecard
) -> Alert | None:
    """The alert for a fall to a lower band of ``scorecard``, if any."""
    ranked = sorted(scorecard.bands, key=lambda band: band.low, reverse=True)
    rank = {band.label: position for position, band in enumerate(ranked)}
    then, now = rank.get(before.band), rank.get(after.band)
    if then is None or now is None or now <= then:
        return None
    return Alert(
        Message.of(
            "reliability.monitor.band_drop",
            before=before.band,
            after=after.band,
            before_value=before.value,
            after_value=after.value,
        )
    )


def _payment_worse(
    before: ReliabilityScore, after: ReliabilityScore, payment_factor: str
) -> Alert | None:
    """The alert for fewer payment points, when both scores measured them."""
    then, now = before.factor(payment_factor), after.factor(payment_factor)
    if then is None or now is None or then.points is None or now.points is None:
        return None
    if now.points >= then.points:
        return None
    return Alert(
        Message.of(
            "reliability.monitor.payment_worse",
            factor=_factor_label(payment_factor),
            before=then.points,
            after=now.points,
        )
    )
