"""Pipeline figures broken down: by lead source, client segment, region,
industry or deal type.

:func:`breakdown` groups the deals by one :class:`Dimension` and gives each
group its count, win rate (by count and by value), won revenue and mean
sales cycle, as :func:`~accountcore.analytics.win_rate` and
:func:`~accountcore.analytics.average_sales_cycle` compute them. A deal's
lead source is its own, else its client's; segment, region and industry
come from the client. Deals whose value is unknown form the group ``None``
(listed last).

>>> import pendulum
>>> from accountcore.money import Money
>>> from accountcore.pipeline import Pipeline
>>> p, t0 = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")
>>> def closed(id, source, to, days):
...     d = p.new_deal(id, client_id="C", owner="a", at=t0, by="a", lead_source=source,
...                    amount=Money(1000, "EUR"), contact="Mari")
...     return p.advance(d, to, at=t0.add(days=days), by="a", reason="price")
>>> deals = [closed("D-1", "fair", "contract_signed", 10), closed("D-2", "fair", "lost", 5),
...          closed("D-3", "web", "contract_signed", 30)]
>>> [(g.key, g.deals, g.win_rate.by_count, g.revenue, g.cycle_days)
...  for g in breakdown(deals, by="lead_source", period=Period.quarter(2026, 1), currency="EUR")]
[('fair', 2, Decimal('0.5'), Money('1000', 'EUR'), Decimal('10')), ('web', 1, Decimal('1'), Money('1000', 'EUR'), Decimal('30'))]
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from accountcore.analytics.metrics import WinRate, average_sales_cycle, win_rate
from accountcore.clients import Client
from accountcore.errors import UnknownKeyError, check_choice, check_items, check_type
from accountcore.i18n import Message
from accountcore.money import Money
from accountcore.periods import FiscalCalendar, Period
from accountcore.pipeline import Deal, deal_type_label

__all__ = ["Dimension", "SegmentFigures", "breakdown"]


class Dimension(enum.Enum):
    """What to break the deals down by.

    >>> Dimension("industry").label.render("et_EE")
    'Tegevusala'
    """

    LEAD_SOURCE = "lead_source"
    SEGMENT = "segment"
    REGION = "region"
    INDUSTRY = "industry"
    DEAL_TYPE = "deal_type"

    @property
    def label(self) -> Message:
        """The dimension's name in words (``analytics.dimension.<value>``).

        >>> Dimension.LEAD_SOURCE.label.render("en")
        'Lead source'
        """
        return Message.of(f"analytics.dimension.{self.value}")


@attrs.frozen
class SegmentFigures:
    """One group's figures: ``key`` is the group's value (a lead source,
    segment, region, industry, or a deal type's value), ``None`` for deals
    where it is unknown.

    >>> rate = WinRate(1, 1, Money(5, "EUR"), Money(5, "EUR"), Decimal("0.5"), Decimal("0.5"))
    >>> SegmentFigures("renewal", 2, rate, Money(5, "EUR"), None).name.render("en")
    'Renewal'
    """

    key: str | None
    deals: int
    win_rate: WinRate
    revenue: Money
    cycle_days: Decimal | None

    @property
    def name(self) -> Message | str | None:
        """How to show the key: a deal type through its catalog label, any
        other key as given."""
        if self.key is not None and self.key in _DEAL_TYPES:
            return deal_type_label(self.key)
        return self.key


_DEAL_TYPES = frozenset(
    {"new_business", "upsell", "cross_sell", "renewal", "repeat_order"}
)


def _key(deal: Deal, dimension: Dimension, clients: Mapping[str, Client]) -> str | None:
    if dimension is Dimension.DEAL_TYPE:
        return deal.deal_type.value
    client = clients.get(deal.client_id)
    if dimension is Dimension.LEAD_SOURCE:
        if deal.lead_source is not None:
            return deal.lead_source
        return None if client is None else client.lead_source
    if client is None and clients:
        raise UnknownKeyError(
            "client",
            deal.client_id,
            clients,
            hint=f"deal {deal.id!r} names it; pass every deal's client in clients",
        )
    return None if client is None else getattr(client, dimension.value)


def breakdown(
    deals: Iterable[Deal],
    *,
    by: Dimension | str,
    period: Period,
    currency: str,
    clients: Iterable[Client] = (),
    calendar: FiscalCalendar | None = None,
) -> tuple[SegmentFigures, ...]:
    """The deals' figures in ``period`` per value of ``by``, sorted by key
    (the unknown group last): how many deals the group holds, its
    :class:`~accountcore.analytics.WinRate` over the deals closed in the
    period, the won revenue and the mean days to a win.

    ``clients`` gives segment, region, industry and the lead source of deals
    without their own; when given, it must hold every deal's client.
    """
    dimension = check_choice("by", by, Dimension)
    check_type("period", period, Period)
    check_type("currency", currency, str, "a currency code (a str)")
    deals = check_items("deals", deals, Deal)
    by_id = {c.id: c for c in check_items("clients", clients, Client)}
    groups: dict[str | None, list[Deal]] = {}
    for deal in deals:
        groups.setdefault(_key(deal, dimension, by_id), []).append(deal)
    out = []
    for key in sorted(groups, key=lambda k: (k is None, k or "")):
        members = groups[key]
        rate = win_rate(members, period=period, currency=currency, calendar=calendar)
        cycle = average_sales_cycle(members, period=period, calendar=calendar)
        out.append(SegmentFigures(key, len(members), rate, rate.won_value, cycle))
    return tuple(out)
