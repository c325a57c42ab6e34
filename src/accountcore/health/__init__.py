"""Account health: an explainable health score per client.

- :mod:`accountcore.health.profile`: :class:`AccountProfile` (a reliability
  client profile that also knows the relationship) and
  :class:`SatisfactionRating`;
- :mod:`accountcore.health.factors`: the health factors (contact recency
  against the rhythm policy, revenue trend, open complaints, renewal
  proximity, satisfaction), on the reliability factor protocol;
- :mod:`accountcore.health.score`: :func:`health_scorecard` and
  :class:`AccountHealth`, with its value, band, reasons, hints and
  confidence.

Health is scored by the reliability scorecard engine; payment behaviour is
the reliability factor (the payment index) itself.

>>> import datetime as dt
>>> health = AccountHealth.assess(AccountProfile("EUR", tier="key", renewal=dt.date(2027, 1, 31)), on=dt.date(2026, 6, 1))
>>> health.band, health.band_label.render("uk_UA")
('amber', 'потребує уваги')
"""

from accountcore.health.factors import (
    DEFAULT_COMPLAINT_PENALTIES,
    ContactRecency,
    OpenComplaints,
    RenewalProximity,
    RevenueTrend,
    Satisfaction,
)
from accountcore.health.profile import AccountProfile, SatisfactionRating
from accountcore.health.score import (
    HEALTH_BANDS,
    AccountHealth,
    band_label,
    health_scorecard,
)

__all__ = [
    "DEFAULT_COMPLAINT_PENALTIES",
    "HEALTH_BANDS",
    "AccountHealth",
    "AccountProfile",
    "ContactRecency",
    "OpenComplaints",
    "RenewalProximity",
    "RevenueTrend",
    "Satisfaction",
    "SatisfactionRating",
    "band_label",
    "health_scorecard",
]
