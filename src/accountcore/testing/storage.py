"""Hypothesis strategies for storage queries.

>>> from hypothesis import given
>>> from accountcore.storage import CLIENTS
>>> @given(queries(CLIENTS, {"owner": ["am-0", "am-1"], "tier": ["key"], "status": [None]}))
... def test_a_query_names_only_known_indexes(query):
...     assert CLIENTS.check(query) is query
>>> test_a_query_names_only_known_indexes()
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from hypothesis import strategies as st

from accountcore.storage.protocols import Collection, IndexValue, Query, Range

__all__ = ["queries"]


def queries(
    collection: Collection[Any],
    values: Mapping[str, Sequence[IndexValue]],
    *,
    max_limit: int = 10,
) -> st.SearchStrategy[Query]:
    """Valid queries on ``collection``: equality on some indexes, perhaps a
    range and an order on one, and a page, drawing index values from
    ``values`` (index name → candidate values; include ``None`` to ask for
    unset ones). Each index's values must be all text or all integers."""
    names = sorted(name for name in collection.index_names if values.get(name))

    def equals(name: str) -> st.SearchStrategy[tuple[str, IndexValue]]:
        return st.sampled_from(list(values[name])).map(lambda value: (name, value))

    def ranges(name: str) -> st.SearchStrategy[Range]:
        bounds = [value for value in values[name] if value is not None]
        edge = st.none() | st.sampled_from(bounds) if bounds else st.none()
        return st.builds(Range, st.just(name), edge, edge)

    chosen = (
        st.lists(st.sampled_from(names), unique=True, max_size=2)
        if names
        else st.just([])
    )
    return st.builds(
        lambda pairs, bounds, order, limit, offset: Query(
            equals=dict(pairs), range=bounds, order_by=order, limit=limit, offset=offset
        ),
        chosen.flatmap(lambda picked: st.tuples(*(equals(name) for name in picked))),
        st.none() | (st.sampled_from(names).flatmap(ranges) if names else st.none()),
        st.none() | (st.sampled_from(names) if names else st.none()),
        st.none() | st.integers(min_value=0, max_value=max_limit),
        st.integers(min_value=0, max_value=max_limit),
    )
