"""Values and builders shared by the test files.

The tests read as rules over a few well-known values; those used in several
files live here, so each means the same everywhere.

>>> eur("10.50")
Money('10.50', 'EUR')
>>> Q1.start, JAN.end
(datetime.date(2026, 1, 1), datetime.date(2026, 2, 1))
"""

from __future__ import annotations

import os
from decimal import Decimal

import pendulum
from hypothesis import settings

from accountcore import Money, Period, Pipeline

__all__ = ["JAN", "JAN_5", "Q1", "SALES", "T0", "eur", "stateful_settings"]

#: The first quarter of 2026, and its first month.
Q1 = Period.quarter(2026, 1)
JAN = Period.month(2026, 1)

#: The default pipeline (the account manager's work cycle), shared by all deals.
SALES = Pipeline.default()

#: Where the pipeline's story starts: Monday 2 March 2026, 09:00 in Tallinn.
T0 = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Tallinn")

#: Where the clients' and credits' story starts: Monday 5 January 2026, 09:00
#: in Tallinn (a quarter's first working day).
JAN_5 = pendulum.datetime(2026, 1, 5, 9, tz="Europe/Tallinn")


def eur(amount: str | int | Decimal) -> Money:
    """``amount`` euros."""
    return Money(amount, "EUR")


def stateful_settings(examples: int, steps: int) -> settings:
    """Settings of a stateful test: ``examples`` runs of up to ``steps``
    steps in CI and ``make test``; ``ACCOUNTCORE_STATEFUL_EXAMPLES`` and
    ``ACCOUNTCORE_STATEFUL_STEPS`` set the long profile (CONTRIBUTING.md).

    >>> stateful_settings(5, 10).stateful_step_count >= 1
    True
    """
    return settings(
        max_examples=int(os.environ.get("ACCOUNTCORE_STATEFUL_EXAMPLES", examples)),
        stateful_step_count=int(os.environ.get("ACCOUNTCORE_STATEFUL_STEPS", steps)),
        deadline=None,
    )
