"""Competitors and why deals are lost: the market around the pipeline.

- :mod:`~accountcore.competitors.reasons`: coded reasons (:class:`ReasonCodes`,
  :data:`LOST_REASONS`, :data:`CHURN_REASONS`) with six-language labels,
  and a :class:`CodedReason` with free text beside its code;
- :mod:`~accountcore.competitors.competitor`: the :class:`Competitor`\\ s on a
  deal with their offers, and :class:`DealCompetition`;
- :mod:`~accountcore.competitors.winloss`: :func:`win_loss`, win rate against
  each competitor and lost value by reason, segment and owner;
- :mod:`~accountcore.competitors.errors`: a deal's competition that breaks a
  rule.

>>> LOST_REASONS.label("competitor").render("uk_UA")
'Конкурент'
"""

from accountcore.competitors.competitor import Competitor, DealCompetition
from accountcore.competitors.reasons import (
    CHURN_REASONS,
    LANGUAGES,
    LOST_REASONS,
    CodedReason,
    CodeLabel,
    ReasonCodes,
)
from accountcore.competitors.winloss import (
    CompetitorRecord,
    LostValue,
    WinLoss,
    win_loss,
)

__all__ = [
    "CHURN_REASONS",
    "LANGUAGES",
    "LOST_REASONS",
    "CodeLabel",
    "CodedReason",
    "Competitor",
    "CompetitorRecord",
    "DealCompetition",
    "LostValue",
    "ReasonCodes",
    "WinLoss",
    "win_loss",
]
