"""Hypothesis strategies for the analytics inputs (revenue, orders).

>>> from hypothesis import given
>>> @given(revenue_by_client())
... def test_revenue_is_in_euro(revenue):
...     assert all(m.currency == "EUR" for m in revenue.values())
>>> test_revenue_is_in_euro()
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import pendulum
from hypothesis import strategies as st

from accountcore.analytics.orders import Order
from accountcore.money import Money
from accountcore.pipeline import Deal, Pipeline

__all__ = [
    "client_ids",
    "monthly_revenue",
    "moved_deals",
    "orders",
    "revenue_by_client",
]


def client_ids() -> st.SearchStrategy[str]:
    """Short client ids (few letters, so ties and collisions happen)."""
    return st.text(alphabet="abcdef", min_size=1, max_size=3)


def _cents(currency: str, min_value: int, max_value: int) -> st.SearchStrategy[Money]:
    return st.integers(min_value=min_value, max_value=max_value).map(
        lambda units: Money(Decimal(units).scaleb(-2), currency)
    )


def revenue_by_client(
    currency: str = "EUR", *, allow_negative: bool = True, max_clients: int = 30
) -> st.SearchStrategy[dict[str, Money]]:
    """Client id → revenue, small amounts so equal revenues (ties) are common."""
    low = -500 if allow_negative else 0
    return st.dictionaries(
        client_ids(), _cents(currency, low, 5_000), max_size=max_clients
    )


def monthly_revenue(
    currency: str = "EUR", *, months: int = 6, max_clients: int = 20
) -> st.SearchStrategy[dict[str, list[Money]]]:
    """Client id → ``months`` monthly revenues (zero months included)."""
    return st.dictionaries(
        client_ids(),
        st.lists(_cents(currency, 0, 20_000), min_size=months, max_size=months),
        max_size=max_clients,
    )


def orders(
    currency: str = "EUR",
    *,
    start: _dt.date = _dt.date(2025, 1, 1),
    days: int = 365,
    max_orders: int = 60,
) -> st.SearchStrategy[list[Order]]:
    """Orders of a few clients on dates within ``days`` from ``start``."""
    return st.lists(
        st.builds(
            Order,
            client_ids(),
            st.integers(min_value=0, max_value=days).map(
                lambda n: start + _dt.timedelta(days=n)
            ),
            _cents(currency, 1, 100_000),
        ),
        max_size=max_orders,
    )


_T0 = pendulum.datetime(2026, 1, 5, 9, tz="UTC")


def moved_deals(
    currency: str = "EUR", *, max_deals: int = 12
) -> st.SearchStrategy[list[Deal]]:
    """Deals of the default pipeline created on 5 January 2026, each moved to
    an open stage, won (contract signed) or lost some days later, with an amount, an
    expected close in the first half of 2026, and sometimes a 60/40 split.
    Ids are unique; owners are ``anna``, ``bert`` and ``cleo``."""
    pipeline = Pipeline.default()
    stages = [s.key for s in pipeline.stages if s.outcome.value == "open"]
    stages += ["contract_signed", "lost"]

    def build(n: int, row: tuple[str, int, int, str, int, bool]) -> Deal:
        owner, cents, close, stage, days, split = row
        deal = pipeline.new_deal(
            f"D-{n}",
            client_id=f"C-{n % 7}",
            owner=owner,
            at=_T0,
            by=owner,
            amount=Money(Decimal(cents).scaleb(-2), currency),
            expected_close=_dt.date(2026, 1, 1) + _dt.timedelta(days=close),
            contact="Mari",
        )
        if split:
            other = "cleo" if owner != "cleo" else "anna"
            deal = deal.with_splits({owner: "0.6", other: "0.4"}, at=_T0, by=owner)
        if stage != deal.stage:
            deal = pipeline.advance(
                deal, stage, at=_T0.add(days=days), by=owner, reason="test"
            )
        return deal

    one = st.tuples(
        st.sampled_from(["anna", "bert", "cleo"]),
        st.integers(min_value=1, max_value=5_000_000),
        st.integers(min_value=0, max_value=180),
        st.sampled_from(stages),
        st.integers(min_value=0, max_value=120),
        st.booleans(),
    )
    return st.lists(one, max_size=max_deals).map(
        lambda rows: [build(n, row) for n, row in enumerate(rows)]
    )
