"""Hypothesis strategies for deals and pipelines.

>>> from hypothesis import given
>>> @given(deals())
... def test_a_new_deal_is_open(deal):
...     assert deal.outcome.value == "open"
>>> test_a_new_deal_is_open()
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from hypothesis import strategies as st

from accountcore.pipeline import (
    Deal,
    ForecastCategory,
    Outcome,
    Pipeline,
    Stage,
    TransitionPolicy,
)
from accountcore.testing.clients import aware_datetimes, client_ids, names
from accountcore.testing.money import rounded_money

__all__ = ["deal_ids", "deals", "pipelines", "probabilities", "shares"]


def deal_ids() -> st.SearchStrategy[str]:
    """Deal ids such as ``'D-7'``."""
    return st.integers(min_value=1, max_value=10**6).map(lambda n: f"D-{n}")


def probabilities() -> st.SearchStrategy[Decimal]:
    """Decimals in [0, 1] with at most 2 places."""
    return st.integers(min_value=0, max_value=100).map(lambda n: Decimal(n) / 100)


def shares(owners: int) -> st.SearchStrategy[tuple[Decimal, ...]]:
    """``owners`` positive shares (whole percent) summing to exactly 1."""
    return (
        st.lists(
            st.integers(min_value=1, max_value=100 - owners + 1),
            min_size=owners,
            max_size=owners,
        )
        .filter(lambda parts: sum(parts) <= 100)
        .map(lambda parts: (*parts[:-1], 100 - sum(parts[:-1])))
        .filter(lambda parts: parts[-1] > 0)
        .map(lambda parts: tuple(Decimal(p) / 100 for p in parts))
    )


def deals(
    pipeline: Pipeline | None = None, currency: str = "EUR"
) -> st.SearchStrategy[Deal]:
    """New deals in a creation stage of ``pipeline`` (the default pipeline),
    with or without an amount, a close date and a contact."""
    target = pipeline or Pipeline.default()
    return st.builds(
        lambda id, client, owner, at, stage, amount, close, contact: target.new_deal(
            id,
            client_id=client,
            owner=owner,
            at=at,
            by=owner,
            stage=stage,
            amount=amount,
            expected_close=close,
            contact=contact,
        ),
        deal_ids(),
        client_ids(),
        names(),
        aware_datetimes(),
        st.sampled_from(target.creation_stages),
        st.none() | rounded_money(currency),
        st.none() | st.dates(_dt.date(2000, 1, 1), _dt.date(2040, 12, 31)),
        st.none() | names(),
    )


def pipelines() -> st.SearchStrategy[Pipeline]:
    """Valid pipelines: 1–6 open stages with rising probabilities, 1–3 won
    stages and one lost stage, under a random policy."""

    def build(
        open_probabilities: list[Decimal], wons: int, skip: bool, back: bool
    ) -> Pipeline:
        ordered = sorted(open_probabilities)
        stages = [
            Stage(f"open_{i}", f"Open {i}", p, Outcome.OPEN, ForecastCategory.PIPELINE)
            for i, p in enumerate(ordered)
        ]
        stages += [
            Stage(
                f"won_{i}", f"Won {i}", Decimal(1), Outcome.WON, ForecastCategory.CLOSED
            )
            for i in range(wons)
        ]
        stages.append(
            Stage("lost", "Lost", Decimal(0), Outcome.LOST, ForecastCategory.OMITTED)
        )
        policy = TransitionPolicy(skip_forward=skip, move_backward=back)
        return Pipeline("generated", "Generated", tuple(stages), policy=policy)

    return st.builds(
        build,
        st.lists(probabilities(), min_size=1, max_size=6),
        st.integers(min_value=1, max_value=3),
        st.booleans(),
        st.booleans(),
    )
