"""Stages of a pipeline: what a stage means for the outcome and the forecast.

These are the small values a :class:`~accountcore.pipeline.Pipeline` is made
of; they live here so that deals (plain data) can name them without knowing
the pipeline.

>>> from decimal import Decimal
>>> Stage("negotiation", "Negotiation", Decimal("0.6"), Outcome.OPEN, ForecastCategory.COMMIT)
Stage(key='negotiation', name='Negotiation', probability=Decimal('0.6'), outcome=<Outcome.OPEN: 'open'>, forecast_category=<ForecastCategory.COMMIT: 'commit'>, requires=())
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

__all__ = ["ForecastCategory", "Outcome", "Stage"]


class Outcome(enum.Enum):
    """What a stage says about the deal: still open, won or lost.

    >>> Outcome("won").closed, Outcome.OPEN.closed
    (True, False)
    """

    OPEN = "open"
    WON = "won"
    LOST = "lost"

    @property
    def closed(self) -> bool:
        """``True`` for won and lost.

        >>> Outcome.LOST.closed
        True
        """
        return self is not Outcome.OPEN


class ForecastCategory(enum.Enum):
    """The forecast bucket a deal's amount counts in.

    Open deals are in ``pipeline``, ``best_case`` or ``commit`` (or
    ``omitted`` when left out of the forecast); won deals are ``closed``;
    lost deals are ``omitted``.

    >>> ForecastCategory("best_case")
    <ForecastCategory.BEST_CASE: 'best_case'>
    """

    PIPELINE = "pipeline"
    BEST_CASE = "best_case"
    COMMIT = "commit"
    CLOSED = "closed"
    OMITTED = "omitted"


@attrs.frozen
class Stage:
    """One stage of a pipeline.

    ``key`` identifies the stage in data (deals store it); ``name`` is for
    people. ``probability`` is the default chance that a deal in this stage
    is won (a ``Decimal`` in [0, 1]; 1 for won stages, 0 for lost ones).
    ``requires`` names the requirements a deal must meet to enter the stage
    (see :mod:`accountcore.pipeline.requirements`). A stage is checked when the
    pipeline it belongs to is built, so building a stage never raises.

    >>> from decimal import Decimal
    >>> lost = Stage("lost", "Lost", Decimal(0), Outcome.LOST, ForecastCategory.OMITTED,
    ...              requires=("lost_reason_given",))
    >>> lost.requires
    ('lost_reason_given',)
    """

    key: str
    name: str
    probability: Decimal
    outcome: Outcome
    forecast_category: ForecastCategory
    requires: tuple[str, ...] = ()
