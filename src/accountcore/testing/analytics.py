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

from hypothesis import strategies as st

from accountcore.analytics.orders import Order
from accountcore.money import Money

__all__ = ["client_ids", "monthly_revenue", "orders", "revenue_by_client"]


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
