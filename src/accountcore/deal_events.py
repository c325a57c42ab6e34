"""The history of a deal: revenue splits and the events a deal records.

Every change to a :class:`~accountcore.deals.Deal` appends one of these
frozen values to its ``history``; :data:`DealEvent` is their union. They are
plain data: the deal and the pipeline create them, storage and reports read
them.

>>> import pendulum
>>> from decimal import Decimal
>>> from accountcore.stages import ForecastCategory, Outcome
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
from decimal import Decimal
from typing import TypeAlias

import attrs

from accountcore.money import Money
from accountcore.stages import ForecastCategory, Outcome

__all__ = [
    "AmountChange",
    "CloseDateChange",
    "ContactChange",
    "DealEvent",
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
)
"""Any entry of :attr:`Deal.history`."""
