"""Clients by their orders: RFM scores and churn risk.

Both read plain :class:`Order` records (a client, a date, an amount) as of a
date ``on``; orders after ``on`` are ignored, so a past date gives the
picture as it was then.

>>> import datetime as dt
>>> from accountcore.money import Money
>>> orders = [Order("acme", dt.date(2026, 1, 10), Money(100, "EUR"))]
>>> rfm_scores(orders, on=dt.date(2026, 2, 1))[0].recency_days
22
"""

from __future__ import annotations

import bisect
import datetime as _dt
import enum
import itertools
from collections.abc import Iterable
from decimal import Decimal

import attrs

from accountcore.analytics.errors import AnalyticsInputError
from accountcore.errors import CurrencyMismatchError, check_items
from accountcore.i18n import N_, Message
from accountcore.money import Money, _make, to_decimal
from accountcore.periods import FiscalCalendar, as_date
from accountcore.relationship.activities import Activity, ActivityOutcome

__all__ = [
    "ChurnRisk",
    "ChurnRow",
    "Order",
    "RfmScore",
    "churn_risk",
    "rfm_scores",
]


@attrs.frozen
class Order:
    """One order (or invoice) of a client: the plain input of RFM and churn.

    >>> import datetime as dt
    >>> Order("acme", dt.date(2026, 1, 10), Money("99.90", "EUR")).amount
    Money('99.90', 'EUR')
    """

    client: str
    on: _dt.date
    amount: Money


def _as_of(orders: Iterable[Order], on: _dt.date) -> dict[str, list[Order]]:
    by_client: dict[str, list[Order]] = {}
    for order in orders:
        if order.on <= on:
            by_client.setdefault(order.client, []).append(order)
    return by_client


# --- RFM ----------------------------------------------------------------------


@attrs.frozen
class RfmScore:
    """A client's recency, frequency and monetary value, each scored 1 to
    ``bins`` (higher is better), with the figures behind the scores.

    >>> import datetime as dt
    >>> score = RfmScore("acme", dt.date(2026, 1, 10), 22, 3, Money(300, "EUR"), 5, 4, 3)
    >>> score.code
    '543'
    """

    client: str
    last_order: _dt.date
    recency_days: int
    frequency: int
    monetary: Money
    recency: int
    frequency_score: int
    monetary_score: int

    @property
    def code(self) -> str:
        """The three scores as one code, ``"555"`` being the best client."""
        return f"{self.recency}{self.frequency_score}{self.monetary_score}"


def rfm_scores(
    orders: Iterable[Order], *, on: _dt.date, bins: int = 5
) -> tuple[RfmScore, ...]:
    """Recency, frequency and monetary scores for every client with an order
    on or before ``on``, sorted by client id.

    Each score is the client's place among all clients, cut into ``bins``
    equal parts: ``ceil(bins × F)`` where F is the share of clients that do
    *no better* than this one (itself included). Tied clients therefore get
    the same score, the higher one, whatever the order of the input; the
    best client always gets ``bins``. Recency counts days since the last
    order (fewer is better), frequency the orders, monetary their sum.

    >>> import datetime as dt
    >>> d = dt.date
    >>> orders = [
    ...     Order("acme", d(2026, 3, 30), Money(500, "EUR")),
    ...     Order("acme", d(2026, 3, 1), Money(500, "EUR")),
    ...     Order("bolt", d(2026, 3, 20), Money(200, "EUR")),
    ...     Order("cora", d(2026, 1, 15), Money(200, "EUR")),
    ...     Order("dune", d(2025, 12, 1), Money(50, "EUR")),
    ... ]
    >>> # recency days: acme 2, bolt 12, cora 76, dune 121 → no better: 4, 3, 2, 1 of 4
    >>> # score = ceil(5 × k / 4): 5, 4, 3, 2 (k = 4, 3, 2, 1)
    >>> # frequency: acme 2, others 1 (three tied: F = 3/4 → ceil(3.75) = 4)
    >>> # monetary: acme 1000 → 5; bolt and cora tied at 200 → F = 3/4 → 4; dune → 2
    >>> [(s.client, s.code) for s in rfm_scores(orders, on=d(2026, 4, 1))]
    [('acme', '555'), ('bolt', '444'), ('cora', '344'), ('dune', '242')]
    """
    orders = check_items("orders", orders, Order)
    day = as_date(on, "on")
    if type(bins) is not int or bins < 2:
        raise AnalyticsInputError("bins", bins, "give a whole number of 2 or more")
    by_client = _as_of(orders, day)
    currency = None
    facts: list[tuple[str, _dt.date, int, int, Money]] = []
    for client in sorted(by_client):
        own = by_client[client]
        last = max(order.on for order in own)
        total = own[0].amount.amount
        for order in own[1:]:
            if order.amount.currency != own[0].amount.currency:
                raise CurrencyMismatchError("add", own[0].amount, order.amount)
            total += order.amount.amount
        money = _make(total, own[0].amount.currency)
        if currency is None:
            currency = money
        elif money.currency != currency.currency:
            raise CurrencyMismatchError("compare", currency, money)
        facts.append((client, last, (day - last).days, len(own), money))
    # "no better than" counts, through sorted keys where larger is better
    recency_keys = sorted(-fact[2] for fact in facts)
    frequency_keys = sorted(fact[3] for fact in facts)
    monetary_keys = sorted(fact[4].amount for fact in facts)
    count = len(facts)

    def score(keys: list[int] | list[Decimal], key: int | Decimal) -> int:
        no_better = bisect.bisect_right(keys, key)
        return -(-bins * no_better // count)

    return tuple(
        RfmScore(
            client,
            last,
            days,
            frequency,
            money,
            score(recency_keys, -days),
            score(frequency_keys, frequency),
            score(monetary_keys, money.amount),
        )
        for client, last, days, frequency, money in facts
    )


# --- churn risk ---------------------------------------------------------------


class ChurnRisk(enum.Enum):
    """How likely a client is to have stopped buying.

    >>> ChurnRisk.HIGH.message.render("et_EE")
    'kõrge risk'
    """

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    UNKNOWN = "unknown"

    @property
    def message(self) -> Message:
        """The level as a message to render in any locale."""
        return Message.of(_CHURN_MESSAGES[self])


_CHURN_MESSAGES = {
    ChurnRisk.HIGH: N_("analytics.churn.level.high"),
    ChurnRisk.MEDIUM: N_("analytics.churn.level.medium"),
    ChurnRisk.LOW: N_("analytics.churn.level.low"),
    ChurnRisk.UNKNOWN: N_("analytics.churn.level.unknown"),
}
_SEVERITY = {risk: rank for rank, risk in enumerate(ChurnRisk)}


@attrs.frozen
class ChurnRow:
    """A client's churn risk and the figures behind it.

    ``usual_interval`` is the median number of days between the client's
    consecutive order dates; ``ratio`` is ``days_since`` over it. Both are
    ``None`` with fewer than two order dates (risk unknown).

    >>> import datetime as dt
    >>> one = churn_risk([Order("acme", dt.date(2026, 1, 5), Money(1, "EUR"))], on=dt.date(2026, 2, 1))
    >>> one[0].days_since, one[0].usual_interval, one[0].risk
    (27, None, <ChurnRisk.UNKNOWN: 'unknown'>)
    """

    client: str
    last_order: _dt.date
    days_since: int
    usual_interval: Decimal | None
    ratio: Decimal | None
    risk: ChurnRisk
    last_contact: _dt.date | None = None


def churn_risk(
    orders: Iterable[Order],
    *,
    on: _dt.date,
    medium: Decimal | str = "1.5",
    high: Decimal | str = "2",
    activities: Iterable[Activity] | None = None,
    calendar: FiscalCalendar | None = None,
) -> tuple[ChurnRow, ...]:
    """Each client's days since its last order against its usual interval.

    A client is at ``high`` risk when the silence has lasted at least
    ``high`` times (2×) its usual interval between orders, ``medium`` from
    1.5×, else low; with fewer than two distinct order dates there is no
    interval and the risk is unknown. The usual interval is the *median* gap
    between consecutive order dates, so one long holiday does not hide a
    pattern. Rows come riskiest first: by level, then ratio (largest
    first), then client id.

    >>> import datetime as dt
    >>> d = dt.date
    >>> orders = [Order("acme", d(2026, m, 1), Money(10, "EUR")) for m in (1, 2, 3)]
    >>> orders += [Order("bolt", d(2026, 3, day), Money(10, "EUR")) for day in (1, 11, 21)]
    >>> rows = churn_risk(orders, on=d(2026, 4, 21))
    >>> # acme: gaps 31, 28 days → median 29.5; 51 days since 1 March → 51 / 29.5 ≈ 1.73 → medium
    >>> # bolt: gaps 10, 10 → 10; 31 days since 21 March → 3.1 → high
    >>> [(r.client, r.days_since, str(r.usual_interval), r.risk.value) for r in rows]
    [('bolt', 31, '10', 'high'), ('acme', 51, '29.5', 'medium')]

    Given ``activities``, silence on both sides counts more: a client not
    reached (no ``done`` activity, its day taken in ``calendar``'s
    timezone, UTC if none) for at least its usual interval, up to ``on``,
    moves one level up (low to medium, medium to high); each row carries
    the day of the last contact. Contact never lowers a risk.

    >>> import pendulum
    >>> from accountcore.relationship import Activity
    >>> visit = Activity("A-1", "visit", "acme", "anna", pendulum.datetime(2026, 4, 1, tz="UTC"))
    >>> # acme reached 1 April: 20 days < 29.5, stays medium; bolt never reached: high stays high
    >>> [(r.client, r.risk.value, r.last_contact) for r in churn_risk(orders, on=d(2026, 4, 21), activities=[visit])]
    [('bolt', 'high', None), ('acme', 'medium', datetime.date(2026, 4, 1))]
    """
    orders = check_items("orders", orders, Order)
    day = as_date(on, "on")
    medium_at = to_decimal(medium, "medium")
    high_at = to_decimal(high, "high")
    if medium_at <= 0:
        raise AnalyticsInputError("medium", medium, "must be above 0")
    if high_at < medium_at:
        raise AnalyticsInputError("high", high, f"must be at least medium={medium_at}")
    rows = []
    for client, own in _as_of(orders, day).items():
        dates = sorted({order.on for order in own})
        last = dates[-1]
        since = (day - last).days
        gaps = sorted((b - a).days for a, b in itertools.pairwise(dates))
        if not gaps:
            rows.append(ChurnRow(client, last, since, None, None, ChurnRisk.UNKNOWN))
            continue
        middle = len(gaps) // 2
        usual = (
            Decimal(gaps[middle])
            if len(gaps) % 2
            else Decimal(gaps[middle - 1] + gaps[middle]) / 2
        )
        ratio = since / usual
        if ratio >= high_at:
            risk = ChurnRisk.HIGH
        elif ratio >= medium_at:
            risk = ChurnRisk.MEDIUM
        else:
            risk = ChurnRisk.LOW
        rows.append(ChurnRow(client, last, since, usual, ratio, risk))
    if activities is not None:
        rows = _with_contacts(rows, activities, day, calendar)
    rows.sort(key=_riskiest_first)
    return tuple(rows)


_UP = {ChurnRisk.LOW: ChurnRisk.MEDIUM, ChurnRisk.MEDIUM: ChurnRisk.HIGH}


def _with_contacts(
    rows: list[ChurnRow],
    activities: Iterable[Activity],
    day: _dt.date,
    calendar: FiscalCalendar | None,
) -> list[ChurnRow]:
    """The rows with their last contact, a level up when the client was not
    reached for at least its usual interval."""
    date_of = (calendar or FiscalCalendar()).date_of
    reached: dict[str, _dt.date] = {}
    for activity in check_items("activities", activities, Activity):
        if activity.outcome is ActivityOutcome.DONE:
            when = date_of(activity.at)
            if when <= day and when > reached.get(activity.client_id, _dt.date.min):
                reached[activity.client_id] = when
    out = []
    for row in rows:
        contact = reached.get(row.client)
        risk = row.risk
        silent = contact is None or (day - contact).days >= (row.usual_interval or 0)
        if row.usual_interval is not None and silent:
            risk = _UP.get(risk, risk)
        out.append(attrs.evolve(row, risk=risk, last_contact=contact))
    return out


def _riskiest_first(row: ChurnRow) -> tuple[int, Decimal, str]:
    return (_SEVERITY[row.risk], -(row.ratio or Decimal(0)), row.client)
