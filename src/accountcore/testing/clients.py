"""Hypothesis strategies for clients.

>>> from hypothesis import given
>>> @given(clients())
... def test_a_client_is_equal_to_itself(client):
...     assert client == client
>>> test_a_client_is_equal_to_itself()
"""

from __future__ import annotations

import datetime as _dt

import pendulum
from hypothesis import strategies as st

from accountcore.clients import Client, ClientKind, ClientStatus, ClientTier

__all__ = ["aware_datetimes", "client_ids", "clients", "names"]


def aware_datetimes(
    min_year: int = 2000, max_year: int = 2040
) -> st.SearchStrategy[_dt.datetime]:
    """Aware pendulum datetimes (UTC or a few named zones), whole seconds,
    from ``min_year`` to ``max_year``."""
    min_value = _dt.datetime(min_year, 1, 1)  # noqa: DTZ001 (Hypothesis bounds are naive)
    max_value = _dt.datetime(max_year, 12, 31)  # noqa: DTZ001
    zones = st.sampled_from(["UTC", "Europe/Tallinn", "Asia/Tokyo", "America/New_York"])
    return st.builds(
        lambda moment, zone: pendulum.instance(
            moment.replace(microsecond=0), tz="UTC"
        ).in_timezone(zone),
        st.datetimes(min_value=min_value, max_value=max_value),
        zones,
    )


def names() -> st.SearchStrategy[str]:
    """Short non-blank names (owners, contacts, clients)."""
    return st.text(
        alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=12
    )


def client_ids() -> st.SearchStrategy[str]:
    """Client ids such as ``'C-42'``."""
    return st.integers(min_value=1, max_value=10**6).map(lambda n: f"C-{n}")


def clients(status: ClientStatus | None = None) -> st.SearchStrategy[Client]:
    """Clients without history, in ``status`` (any status if ``None``)."""
    statuses = st.just(status) if status else st.sampled_from(list(ClientStatus))
    return st.builds(
        lambda id, name, kind, owner, at, state, tier, ref: Client.existing(
            id,
            name,
            kind=kind,
            owner=owner,
            at=at,
            status=state,
            tier=tier,
            referred_by=ref,
        ),
        client_ids(),
        names(),
        st.sampled_from(list(ClientKind)),
        names(),
        aware_datetimes(),
        statuses,
        st.sampled_from(list(ClientTier)),
        st.none() | client_ids(),
    )
