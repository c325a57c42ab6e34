"""Splitting integer amounts by integer weights in columns (private).

The largest remainder, as :meth:`accountcore.money.Money.allocate` splits a
non-negative number of minor units: every part gets the floor of its exact
share, and the units left over go one each to the parts with the largest
remainders, ties to the earlier part. Used for a deal's credit split among
its owners (:mod:`accountcore.frames.deals`) and for an owner's pay
attributed to its deals (:mod:`accountcore.frames._carry`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from accountcore.frames._polars import polars

__all__ = ["PART", "largest_remainder"]

PART = "part"
"""The column of each row's part (Int128, minor units)."""

_SAFE = 10**36  # products of units and weights stay below Int128's bound


def largest_remainder(
    frame: Any, by: Sequence[str], order: Sequence[str], units: str, weight: str
) -> Any | None:
    """``frame`` sorted by ``by`` then ``order``, with the column
    :data:`PART`: each group's ``units`` (the same non-negative Int128 on
    every row of a group) split by the rows' ``weight`` (non-negative
    Int128, a positive total in every group), ties to the earlier row in
    ``order``. ``None`` when a product of units and weight could leave
    Int128 (the caller then splits with ``Money.allocate``).

    >>> import polars as pl
    >>> rows = pl.DataFrame({"deal": ["D-1"] * 3, "owner": ["a", "b", "c"],
    ...     "units": [100] * 3, "weight": [1, 1, 1]}, schema_overrides={"units": pl.Int128, "weight": pl.Int128})
    >>> largest_remainder(rows, ["deal"], ["owner"], "units", "weight")["part"].to_list()
    [34, 33, 33]
    """
    pl = polars()
    top = frame.select(pl.col(weight).max(), pl.col(units).max()).row(0)
    if top[0] is not None and (top[0] or 0) * max(top[1] or 0, 1) * 2 >= _SAFE:
        return None
    group = list(by)
    work = frame.sort([*group, *order]).with_columns(
        pl.col(weight).sum().over(group).alias("\x00total")
    )
    share = pl.col(units) * pl.col(weight)
    work = work.with_columns(
        (share // pl.col("\x00total")).alias("\x00floor"),
        (share % pl.col("\x00total")).alias("\x00rest"),
    )
    # the units left over go one each to the largest remainders, ties to
    # the earlier row (an ordinal rank keeps the order of equal values)
    work = work.with_columns(
        (pl.col(units) - pl.col("\x00floor").sum().over(group)).alias("\x00left"),
        pl.col("\x00rest")
        .rank("ordinal", descending=True)
        .over(group)
        .alias("\x00rank"),
    )
    part = pl.col("\x00floor") + (pl.col("\x00rank") <= pl.col("\x00left")).cast(
        pl.Int128
    )
    return work.with_columns(part.alias(PART)).drop(
        "\x00total", "\x00floor", "\x00rest", "\x00left", "\x00rank"
    )
