"""The account-health scorecard and :class:`AccountHealth`, the score it gives.

Health is scored by the reliability :class:`~accountcore.reliability.Scorecard`
engine (the same factor protocol, weights, neutral scoring of missing data,
reasons, hints and fingerprint), on the factors of
:mod:`accountcore.health.factors` and the reliability payment factor.
:func:`health_scorecard` is the built-in definition; any other
:class:`~accountcore.reliability.Scorecard` of health factors will do.

Bands: ``green`` (healthy) from 70, ``amber`` (needs attention) from 45,
``red`` (at risk) below; each band has a label in six languages.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

import attrs

from accountcore import _html
from accountcore.errors import check_type
from accountcore.health.factors import (
    ContactRecency,
    OpenComplaints,
    RenewalProximity,
    RevenueTrend,
    Satisfaction,
)
from accountcore.health.profile import AccountProfile
from accountcore.i18n import Message, Percent
from accountcore.periods import as_date
from accountcore.reliability import (
    FactorScore,
    FactorWeight,
    Hint,
    PaymentBehaviour,
    Reason,
    ReliabilityBand,
    ReliabilityScore,
    Scorecard,
)
from accountcore.reliability.scorecard import _reason_lines

__all__ = ["HEALTH_BANDS", "AccountHealth", "band_label", "health_scorecard"]

HEALTH_BANDS = (
    ReliabilityBand("green", 70, 100),
    ReliabilityBand("amber", 45, 70),
    ReliabilityBand("red", 0, 45),
)
"""The built-in health bands: green from 70, amber from 45, red below."""


def health_scorecard() -> Scorecard:
    """The built-in health scorecard.

    Weights: contact recency 0.20, revenue trend 0.20, payment behaviour
    0.20, open complaints 0.15, satisfaction 0.15, renewal proximity 0.10.
    Bands :data:`HEALTH_BANDS`; missing data scores neutral (50).

    >>> card = health_scorecard()
    >>> card.name, [entry.factor.code for entry in card.factors]
    ('health', ['contact', 'revenue', 'payment', 'complaints', 'satisfaction', 'renewal'])
    """
    return Scorecard(
        "health",
        (
            FactorWeight(ContactRecency(), "0.20"),
            FactorWeight(RevenueTrend(), "0.20"),
            FactorWeight(PaymentBehaviour(), "0.20"),
            FactorWeight(OpenComplaints(), "0.15"),
            FactorWeight(Satisfaction(), "0.15"),
            FactorWeight(RenewalProximity(), "0.10"),
        ),
        bands=HEALTH_BANDS,
    )


def band_label(band: str) -> Message:
    """The name of health band ``band`` as a message (a band of your own
    scorecard shown as it is).

    >>> band_label("amber").render("et_EE"), band_label("B").render("et_EE")
    ('vajab tähelepanu', 'B')
    """
    if band in {b.label for b in HEALTH_BANDS}:
        return Message.of(f"health.band.{band}")
    return Message.of("reliability.custom", text=band)


@attrs.frozen
class AccountHealth:
    """A client's account health on ``on``: ``value`` 0–100 (two decimals,
    higher is healthier), ``band``, ``confidence`` 0–1 (the weighted share
    of what the factors look at that was known), ``reasons`` (what cost the
    most points), ``hints`` (what would reach the next band), each factor's
    part and the scorecard's name and fingerprint.

    >>> import datetime as dt
    >>> health = AccountHealth.assess(AccountProfile("EUR", client_id="C-1"), on=dt.date(2026, 6, 1))
    >>> health.value, health.band, health.confidence
    (Decimal('50.00'), 'amber', Decimal('0.00'))
    """

    client_id: str | None
    on: _dt.date
    value: Decimal
    band: str
    confidence: Decimal
    reasons: tuple[Reason, ...]
    hints: tuple[Hint, ...]
    factors: tuple[FactorScore, ...]
    scorecard: str
    fingerprint: str

    @classmethod
    def assess(
        cls,
        profile: AccountProfile,
        *,
        on: _dt.date,
        scorecard: Scorecard | None = None,
    ) -> AccountHealth:
        """Score ``profile`` on ``on`` with ``scorecard``
        (:func:`health_scorecard` unless given)."""
        check_type("profile", profile, AccountProfile)
        card = health_scorecard() if scorecard is None else scorecard
        check_type("scorecard", card, Scorecard)
        return cls.of(card.score(profile, on=as_date(on, "on")))

    @classmethod
    def of(cls, score: ReliabilityScore) -> AccountHealth:
        """The health a scorecard's ``score`` gives.

        >>> import datetime as dt
        >>> score = health_scorecard().score(AccountProfile("EUR"), on=dt.date(2026, 6, 1))
        >>> AccountHealth.of(score).band
        'amber'
        """
        check_type("score", score, ReliabilityScore)
        return cls(
            score.client_id,
            score.on,
            score.value,
            score.band,
            score.confidence,
            score.reasons,
            score.hints,
            score.factors,
            score.scorecard,
            score.fingerprint,
        )

    @property
    def band_label(self) -> Message:
        """The band's name as a message (``green`` is "healthy")."""
        return band_label(self.band)

    def explain(self, locale: str) -> list[str]:
        """The health explained in ``locale``: the headline, each reason with
        the points it cost, each hint with the points it could win back.

        >>> import datetime as dt
        >>> health = AccountHealth.assess(AccountProfile("EUR", client_id="C-1"), on=dt.date(2026, 6, 1))
        >>> health.explain("en")[0]
        'Account health: 50.00 out of 100, band: needs attention, confidence 0%.'
        """
        lines = [
            Message.of(
                "health.explain.score",
                value=self.value,
                band=self.band_label,
                confidence=Percent(self.confidence, 0),
            ).render(locale)
        ]
        lines.extend(_reason_lines(self.reasons, self.hints, locale))
        return lines

    def __repr__(self) -> str:
        """Short: the client, the value, the band, the day."""
        who = "" if self.client_id is None else f" {self.client_id!r}"
        return (
            f"<AccountHealth{who} {self.value} {self.band} on "
            f"{self.on.isoformat()}, confidence {self.confidence}>"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """The factors as plain dicts: ``factor``, ``weight``, ``points``
        (``None`` when its data was missing) and ``coverage``.

        >>> import datetime as dt
        >>> AccountHealth.assess(AccountProfile("EUR"), on=dt.date(2026, 6, 1)).to_records()[0]
        {'factor': 'contact', 'weight': Decimal('0.20'), 'points': None, 'coverage': Decimal('0')}
        """
        return [
            {
                "factor": part.code,
                "weight": part.weight,
                "points": part.points,
                "coverage": part.coverage,
            }
            for part in self.factors
        ]

    def to_html(self, locale: str = "en_US") -> str:
        """The health as an HTML block for ``locale``: the explanation and a
        table of the factors, every text escaped.

        >>> import datetime as dt
        >>> "<th" in AccountHealth.assess(AccountProfile("EUR"), on=dt.date(2026, 6, 1)).to_html("ja_JP")
        True
        """
        factors = _html.factors_table(self.factors, locale)
        title = f"{self.client_id or self.scorecard}, {self.on.isoformat()}"
        return _html.block(title, self.explain(locale), factors)

    def _repr_html_(self) -> str:
        return self.to_html("en_US")
