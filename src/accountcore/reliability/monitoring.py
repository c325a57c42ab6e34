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
>>> [alert.message for alert in compare_scores(before, after, card).alerts]
['ReliabilityBand fell from C to D (score 60.00 to 48.00).', 'New warning sign: litigation.', 'New warning sign: tax_arrears.']
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from accountcore.i18n import Message
from accountcore.reliability.errors import ScoreComparisonError
from accountcore.reliability.messages import localise
from accountcore.reliability.scorecard import ReliabilityScore, Scorecard

__all__ = ["Alert", "ScoreChange", "compare_scores"]


@attrs.frozen
class Alert:
    """One sign of deterioration: a code, an English template and its params.

    >>> Alert("monitor.new_warning_sign", "New warning sign: {sign}.", {"sign": "litigation"}).message
    'New warning sign: litigation.'
    """

    code: str
    template: str
    params: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def message(self) -> str:
        """The template filled with its params (English)."""
        return self.template.format_map(self.params)

    @property
    def localised(self) -> Message:
        """The message in the catalog (id under ``reliability.monitor.``)."""
        return localise(self.template, self.params)

    def render(self, locale: str) -> str:
        """The alert in ``locale``'s language.

        >>> Alert("monitor.new_warning_sign", "New warning sign: {sign}.", {"sign": "litigation"}).render("ja_JP")
        '新たな警告サイン：係争中の訴訟。'
        """
        return localise(self.template, self.params).render(locale)


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
    alerts: list[Alert] = []
    labels = [band.label for band in scorecard.bands]
    ranked = sorted(scorecard.bands, key=lambda band: band.low, reverse=True)
    rank = {band.label: position for position, band in enumerate(ranked)}
    if (
        before.band in labels
        and after.band in labels
        and rank[after.band] > rank[before.band]
    ):
        alerts.append(
            Alert(
                "monitor.band_drop",
                "ReliabilityBand fell from {before} to {after} (score {before_value} to "
                "{after_value}).",
                {
                    "before": before.band,
                    "after": after.band,
                    "before_value": str(before.value),
                    "after_value": str(after.value),
                },
            )
        )
    known = set(before.warning_signs)
    alerts.extend(
        Alert(
            "monitor.new_warning_sign",
            "New warning sign: {sign}.",
            {"sign": sign.value},
        )
        for sign in after.warning_signs
        if sign not in known
    )
    then, now = before.factor(payment_factor), after.factor(payment_factor)
    if (
        then is not None
        and now is not None
        and then.points is not None
        and now.points is not None
        and now.points < then.points
    ):
        alerts.append(
            Alert(
                "monitor.payment_worse",
                "Payment behaviour worse: {factor} points {before} to {after}.",
                {
                    "factor": payment_factor,
                    "before": str(then.points),
                    "after": str(now.points),
                },
            )
        )
    return ScoreChange(before, after, tuple(alerts))
