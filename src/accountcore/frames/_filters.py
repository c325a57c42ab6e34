"""Per-owner figures of the credits a filter matches (private).

A component with a credit filter reads, instead of the owner's whole
basis, the figures of the credits its filter matches: their basis, whether
any was credited, their deals, the new clients among them, a SPIF's count.
The column form asks for them by a key (:class:`Request`); the engine
learns the keys in a first run over an empty frame, adds the figures up
here in one group-by per key, and joins them to the owners' frame.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from accountcore.commissions.credits import CreditFilter
from accountcore.frames._polars import polars
from accountcore.periods import Period

__all__ = ["Request", "matches", "placeholder", "requested"]

_ZERO = Decimal(0)

Request = tuple[Any, ...]
"""``(what, filter, ...)``: ``("basis", where)``, ``("credited", where)``,
``("deals", where)``, ``("new_clients", where)``, ``("new_deals", where)``,
``("spiff", where, window, per)``, ``("spiff_deals", where, window)``,
``("count", where, per)`` or ``("count_deals", where, per)``."""


def matches(where: CreditFilter) -> Any:
    """Whether a row's credit passes ``where`` (:meth:`CreditFilter.matches`)."""
    pl = polars()
    test = pl.lit(True)
    for column, values in (
        ("product", where.products),
        ("category", where.categories),
        ("client_tier", where.tiers),
        ("client_kind", where.kinds),
        ("deal_type", where.deal_types),
    ):
        if values:
            test = test & pl.col(column).is_in(list(values)).fill_null(False)
    for excluded in where.exclude:  # a credit any exclusion matches is left out
        test = test & ~matches(excluded)
    return test


def _in(window: Period) -> Any:
    pl = polars()
    day = pl.col("credited_on")
    return (day >= window.start) & (day < window.end)


def _figure(rows: Any, key: Request) -> Any:
    """One requested figure per owner: a frame of owner and ``value``."""
    pl = polars()
    what, where = key[0], key[1]
    mine = rows.filter(matches(where))
    if what == "basis":
        return mine.group_by("owner").agg(value=pl.col("value").sum())
    if what == "credited":
        return mine.group_by("owner").agg(value=pl.lit(True))
    if what == "deals":
        return mine.group_by("owner").agg(
            value=pl.col("deal_id").n_unique().cast(pl.UInt32)
        )
    if what in {"new_clients", "new_deals"}:
        fresh = mine.filter(pl.col("is_new_client"))
        counted = (
            fresh.group_by("owner", "client_id")
            .agg(net=pl.col("amount").sum())
            .filter(pl.col("net") > _ZERO)
            .select("owner", "client_id")
        )
        if what == "new_clients":
            return counted.group_by("owner").agg(value=pl.len().cast(pl.Decimal(38, 0)))
        # the deals of every new-client credit of a counted client
        every = rows.filter(pl.col("is_new_client")).join(
            counted, on=["owner", "client_id"]
        )
        return every.group_by("owner").agg(
            value=pl.col("deal_id").n_unique().cast(pl.UInt32)
        )
    sign = pl.when(pl.col("amount") < _ZERO).then(-1).otherwise(1)
    if what in {"count", "count_deals"}:
        return _count(mine, what, key[2], sign)
    window = key[2]
    mine = mine.filter(_in(window))
    if what == "spiff_deals":
        return mine.group_by("owner").agg(
            value=pl.col("deal_id").n_unique().cast(pl.UInt32)
        )
    if key[3] == "deal":
        net = mine.group_by("owner", "deal_id").agg(net=sign.sum())
        return (
            net.filter(pl.col("net") > 0)
            .group_by("owner")
            .agg(value=pl.len().cast(pl.Decimal(38, 0)))
        )
    return mine.group_by("owner").agg(
        value=(sign * pl.col("quantity")).sum().cast(pl.Decimal(38, 0))
    )


def _count(mine: Any, what: str, per: str, sign: Any) -> Any:
    """A fixed pay's net count per owner (lines, or deals by the sign of
    their net), or the number of deals its line lists."""
    pl = polars()
    if per == "line":
        if what == "count_deals":
            return mine.group_by("owner").agg(
                value=pl.col("deal_id").n_unique().cast(pl.UInt32)
            )
        return mine.group_by("owner").agg(value=sign.sum().cast(pl.Decimal(38, 0)))
    net = mine.group_by("owner", "deal_id").agg(net=sign.sum())
    if what == "count_deals":
        return (
            net.filter(pl.col("net") != 0)
            .group_by("owner")
            .agg(value=pl.len().cast(pl.UInt32))
        )
    counted = pl.col("net").sign().sum().cast(pl.Decimal(38, 0))
    return net.group_by("owner").agg(value=counted)


def requested(frame: Any, rows: Any, names: Mapping[Request, str]) -> Any:
    """``frame`` (one row per owner) with each requested figure as the
    column ``names[key]``, 0 (or false) where the owner has none."""
    for key, name in names.items():
        found = _figure(rows, key).rename({"value": name}).collect()
        frame = frame.drop(name, strict=False).join(found, on="owner", how="left")
        filler = False if key[0] == "credited" else 0
        dtype = frame.schema[name]
        if isinstance(dtype, polars().Decimal):
            filler = polars().lit(_ZERO, dtype)
        frame = frame.with_columns(polars().col(name).fill_null(filler))
    return frame


def placeholder(key: Request, value_scale: int) -> Any:
    """The dtype of a requested figure's column."""
    pl = polars()
    what = key[0]
    if what == "basis":
        return pl.Decimal(38, value_scale)
    if what == "credited":
        return pl.Boolean
    if what in {"new_clients", "spiff", "count"}:
        return pl.Decimal(38, 0)
    return pl.UInt32
