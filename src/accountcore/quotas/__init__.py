"""Quotas: what an account manager is asked to achieve, and how they stand.

- :mod:`accountcore.quotas.quota`: :class:`Quota` (a money or count target
  for one owner and one period), ramp schedules for new hires, relief,
  :func:`attainment`, quota schedules and :func:`quota_for`;
- :mod:`accountcore.quotas.review`: :class:`QuotaReview`, from a run of
  period attainments to a standing (good, warning, probation, dismissal
  recommended) with its reasons;
- :mod:`accountcore.quotas.errors`: the errors of a quota's definition.

>>> from accountcore import Money, Period
>>> quota = Quota("anna", Period.quarter(2026, 1), Money("30000", "EUR"), Measure.REVENUE)
>>> attainment(quota, Money("36000", "EUR")).ratio
Decimal('1.2')
"""

from accountcore.quotas.quota import (
    Attainment,
    Measure,
    Quota,
    RampSchedule,
    RampStep,
    Relief,
    attainment,
    distribute,
    quota_for,
)
from accountcore.quotas.review import QuotaReview, QuotaStanding, ReviewPolicy, Standing

__all__ = [
    "Attainment",
    "Measure",
    "Quota",
    "QuotaReview",
    "QuotaStanding",
    "RampSchedule",
    "RampStep",
    "Relief",
    "ReviewPolicy",
    "Standing",
    "attainment",
    "distribute",
    "quota_for",
]
