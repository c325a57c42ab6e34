"""Credits from a table of won deals, as
:func:`~accountcore.commissions.credits_from` gives them from
:class:`~accountcore.pipeline.Deal` objects.

The deals table has one row per won deal:

============== ========== ================================================
column         type       meaning
============== ========== ================================================
deal_id        text       the deal (once in the table)
client_id      text       its client
owner          text       who is credited when the deal has no splits
amount         decimal    the amount at the win
currency       text       its currency (or ``currency=`` for every row)
won_on         date       the day of the win
cancelled_on   date       (optional, null: not cancelled) the cancellation
refunded       decimal    (optional, null: none) a refund, positive, at
                          most the amount
refunded_on    date       (with ``refunded``) the day of the refund
is_new_client  boolean    (optional) else: a client is new on its first
                          won deal in the table, earliest ``won_on`` then
                          ``deal_id``
client_tier    text       (optional) ``"standard"`` when absent
client_kind    text       (optional) ``"corporate"`` when absent
deal_type      text       (optional) ``"new_business"`` when absent
list_amount    decimal    (optional, null: unknown) the sale's list amount,
                          not below 0: every credit of the deal carries it
                          and the discount given
============== ========== ================================================

The splits table has ``deal_id``, ``owner`` and ``share``: positive decimal
weights (a deal's shares need not add up to 1); a deal with no rows in it
is its owner's alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from accountcore.commissions import ClawbackMode
from accountcore.commissions.credits import _check_clawback_days
from accountcore.errors import check_choice, check_type
from accountcore.frames import _read
from accountcore.frames._allocate import PART, largest_remainder
from accountcore.frames._polars import polars
from accountcore.frames.credits import (
    _DEAL_TYPES,
    _KINDS,
    _TIERS,
    _canonical_columns,
)
from accountcore.money import _QUANTUM, CURRENCIES, Money
from accountcore.periods import Period

__all__ = ["credits_from_deals"]

_REQUIRED = ("deal_id", "client_id", "owner", "amount", "currency", "won_on")
_SCALE, _REFUND_SCALE = "\x00scale", "\x00refund_scale"
_V, _R, _K = "\x00value", "\x00refund", "\x00quantum"  # Int128 columns
_UNITS, _BATCH, _WEIGHT = "\x00units", "\x00batch", "\x00weight"
_LIST_SCALE, _L, _D = "\x00list_scale", "\x00list", "\x00discount"  # Int128


def credits_from_deals(
    deals: object,
    *,
    period: Period,
    splits: object | None = None,
    clawback_days: int | None = None,
    clawback: ClawbackMode | str = ClawbackMode.FULL,
    columns: Mapping[str, str] | None = None,
    currency: str | None = None,
) -> Any:
    """The credits ``deals`` (a table, see the module) give in ``period``,
    as the canonical credits frame (:func:`~accountcore.frames.read_credits`).

    The rules of :func:`~accountcore.commissions.credits_from`, on columns:

    - a deal won in the period credits its amount, rounded half up to the
      currency's minor unit, split by its splits (``splits``, a table of
      ``deal_id``, ``owner``, ``share``) to the cent exactly as
      :meth:`Money.allocate <accountcore.money.Money.allocate>` splits it
      (largest remainder, ties to the owner first in alphabetical order, as
      a deal keeps its splits); a deal without splits credits its ``owner``;
    - a deal cancelled in the period fewer than ``clawback_days`` days after
      the win gives negative credits: the whole amount (``"full"``) or
      ``amount × (days − elapsed) ÷ days`` rounded half up (``"linear"``),
      split alike, dated ``cancelled_on``, ``original_on`` the win;
    - a refund in the period gives negative credits of the refunded amount,
      rounded and split alike, dated ``refunded_on``, ``original_on`` the win;
    - a deal with a ``list_amount`` (as ``credits_from(list_amounts=)``)
      gives each of its credits, whatever the split, the list amount and the
      discount given: the list amount less the deal's amount as the table
      writes it (a price above the list amount is no discount), whole. The
      frame's money columns then hold the table's finest places.

    Credits are ordered by date, deal, owner and amount, as ``credits_from``
    orders them. ``columns`` maps a canonical name to the tables' name for
    it (both tables); ``currency`` is every deal's currency when the deals
    table has no currency column. Every bad row of a table is reported at
    once (:class:`~accountcore.frames.BadRowsError`); a money column or a
    share of floats is a :class:`~accountcore.frames.FloatMoneyError`.

    >>> import datetime, polars as pl
    >>> from accountcore.periods import Period
    >>> deals = pl.DataFrame({"deal_id": ["D-1", "D-2"], "client_id": ["C-1", "C-1"],
    ...     "owner": ["ana", "bob"], "amount": ["100.00", "50.00"],
    ...     "won_on": ["2026-01-05", "2026-01-09"], "cancelled_on": [None, "2026-01-20"]})
    >>> splits = pl.DataFrame({"deal_id": ["D-1"] * 3, "owner": ["ana", "bob", "eva"],
    ...     "share": ["1", "1", "1"]})
    >>> credits = credits_from_deals(deals, period=Period.month(2026, 1), splits=splits,
    ...     clawback_days=30, currency="EUR")
    >>> credits.select("deal_id", "owner", "amount", "credited_on", "is_new_client").rows()  # doctest: +NORMALIZE_WHITESPACE
    [('D-1', 'ana', Decimal('33.34'), datetime.date(2026, 1, 5), True),
     ('D-1', 'bob', Decimal('33.33'), datetime.date(2026, 1, 5), True),
     ('D-1', 'eva', Decimal('33.33'), datetime.date(2026, 1, 5), True),
     ('D-2', 'bob', Decimal('50.00'), datetime.date(2026, 1, 9), False),
     ('D-2', 'bob', Decimal('-50.00'), datetime.date(2026, 1, 20), False)]
    """
    check_type("period", period, Period)
    mode = check_choice("clawback", clawback, ClawbackMode)
    _check_clawback_days(clawback_days)
    table, finest = _read_deals(deals, columns, currency)
    weights = _read_splits(splits, columns, table)
    present = table.get_column("currency").unique().to_list()
    if not present and currency in CURRENCIES:
        present = [currency]
    scale = max([0, *(CURRENCIES[code] for code in present)])
    sale = _L in table.columns
    batches = _batches(table, period, clawback_days, mode)
    return _canonical(_split(batches, weights), max(scale, finest) if sale else scale)


# --- reading ----------------------------------------------------------------


def _read_deals(
    deals: object, columns: Mapping[str, str] | None, currency: str | None
) -> tuple[Any, int]:
    """The deals table read and checked: its columns, the amount, refund
    and list amount as Int128 at the table's scale, with each row's
    quantum; and that scale."""
    pl = polars()
    frame, back = _read.prepare(deals, "deals", columns, money=_MONEY)
    if currency is not None and "currency" not in frame.columns:
        frame = frame.with_columns(currency=pl.lit(currency, pl.String))
    _read.require(frame, "deals", _REQUIRED)
    if "refunded" in frame.columns or "refunded_on" in frame.columns:
        _read.require(frame, "deals", ("refunded", "refunded_on"))
    _read.refuse_floats(frame, "deals", _MONEY, back)
    schema = frame.schema
    frame = frame.with_row_index(_read.ROW)
    read, values = _deal_columns(frame.schema)
    scales = {"amount": _SCALE, "refunded": _REFUND_SCALE, "list_amount": _LIST_SCALE}
    for name in _MONEY:
        if name in schema:
            value, why, scale, stages = _read.decimal(name, schema[name])
            for stage in stages:
                frame = frame.with_columns(stage)
            read[name] = (value, why)
            values[scales[name]] = scale
    _cross_checks(read, schema)
    _list_checks(read, schema)
    values.update({name: value for name, (value, _) in read.items()})
    reasons = {name: why for name, (_, why) in read.items()}
    good = _read.collect("deals", frame, reasons, back, values)
    return _as_units(good, schema)


_MONEY = ("amount", "refunded", "list_amount")


def _deal_columns(schema: Any) -> tuple[dict[str, _read.Column], dict[str, Any]]:
    """The readers of the deals' columns other than the amounts."""
    pl = polars()
    read: dict[str, _read.Column] = {
        "deal_id": _read.text("deal_id", schema["deal_id"]),
        "client_id": _read.text("client_id", schema["client_id"]),
        "owner": _read.text("owner", schema["owner"]),
        "currency": _read.currency_code("currency", schema["currency"]),
        "won_on": _read.day("won_on", schema["won_on"]),
    }
    value, why = read["deal_id"]
    twice = pl.when(value.is_first_distinct().not_()).then(
        pl.lit("a deal on an earlier row too; one row per deal")
    )
    read["deal_id"] = (value, pl.coalesce(why, twice))
    optional: dict[str, Callable[[str, Any], _read.Column]] = {
        "cancelled_on": lambda n, t: _read.day(n, t, required=False),
        "refunded_on": lambda n, t: _read.day(n, t, required=False),
        "client_tier": lambda n, t: _read.choice(n, t, _TIERS),
        "client_kind": lambda n, t: _read.choice(n, t, _KINDS),
        "is_new_client": _read.boolean,
        "deal_type": lambda n, t: _read.choice(n, t, _DEAL_TYPES),
    }
    for name, reader in optional.items():
        if name in schema:
            read[name] = reader(name, schema[name])
    return read, {}


def _cross_checks(read: dict[str, _read.Column], schema: Any) -> None:
    """Add the checks between columns: a cancellation or refund not
    before the win, a refund with its date, positive and at most the
    amount."""
    pl = polars()
    won = read["won_on"][0]
    for name in ("cancelled_on", "refunded_on"):
        if name in read:
            value, why = read[name]
            early = pl.when(value < won).then(
                pl.format("before the win (won_on {}); expected a later date", won)
            )
            read[name] = (value, pl.coalesce(why, early))
    if "refunded" not in read:
        return
    refund, refund_why = read["refunded"]
    amount = _read.decimal_or_null("amount", schema["amount"])
    number = _read.decimal_or_null("refunded", schema["refunded"])
    given = pl.col("refunded").is_not_null()
    dated = read["refunded_on"][0].is_not_null()
    zero = pl.lit(0, pl.Decimal(38, 0))
    refund_why = (
        pl.when(given.not_() & dated)
        .then(pl.lit("missing (null): refunded_on is given; expected the amount"))
        .when(given.not_())
        .then(pl.lit(None, pl.String))
        .when(number <= zero)
        .then(pl.lit("not positive; a refund is a positive amount"))
        .when(number > amount)
        .then(pl.lit("more than the deal's amount; a refund is at most the amount"))
        .otherwise(refund_why)
    )
    read["refunded"] = (refund, refund_why)
    on, on_why = read["refunded_on"]
    undated = pl.when(given & dated.not_()).then(
        pl.lit("missing (null): refunded is given; expected the refund's date")
    )
    read["refunded_on"] = (on, pl.coalesce(on_why, undated))


def _list_checks(read: dict[str, _read.Column], schema: Any) -> None:
    """The list amount: null where the deal knows none, else a number not
    below 0."""
    if "list_amount" not in read:
        return
    pl = polars()
    value, why = read["list_amount"]
    number = _read.decimal_or_null("list_amount", schema["list_amount"])
    given = pl.col("list_amount").is_not_null()
    why = (
        pl.when(given.not_())
        .then(pl.lit(None, pl.String))
        .when(number < pl.lit(0, pl.Decimal(38, 0)))
        .then(pl.lit("below 0; expected the sale's list amount, not below 0"))
        .otherwise(why)
    )
    read["list_amount"] = (value, why)


def _as_units(good: Any, schema: Any) -> tuple[Any, int]:
    """The deals with the amount, refund and list amount as Int128 at
    their common scale, each row's quantum (10^(scale − minor unit)), the
    discount given (the list amount less the amount, not below 0) and
    ``is_new_client`` (given or found); and that scale."""
    pl = polars()
    present = good.get_column("currency").unique().to_list()
    places = [
        good.get_column(name).max()
        for name in (_SCALE, _REFUND_SCALE, _LIST_SCALE)
        if name in good.columns
    ]
    scale = max(
        [
            0,
            *(CURRENCIES[c] for c in present),
            *(int(p) for p in places if p is not None),
        ]
    )
    quantum = {code: 10 ** (scale - CURRENCIES[code]) for code in present}
    out = good.with_columns(
        _read.decimal_at("amount", schema["amount"], scale).to_physical().alias(_V),
        pl.col("currency")
        .replace_strict(quantum, return_dtype=pl.Int128, default=1)
        .alias(_K),
    )
    if "refunded" in schema:
        refund = _read.decimal_at("refunded", schema["refunded"], scale)
        out = out.with_columns(refund.to_physical().alias(_R))
    else:
        out = out.with_columns(pl.lit(None, pl.Int128).alias(_R))
    if "list_amount" in schema:
        listed = _read.decimal_at("list_amount", schema["list_amount"], scale)
        out = out.with_columns(listed.to_physical().alias(_L))
        given = pl.col(_L) - pl.col(_V)
        zero = pl.lit(0, pl.Int128)
        out = out.with_columns(
            pl.when(pl.col(_L).is_null())
            .then(pl.lit(None, pl.Int128))
            .when(given > zero)
            .then(given)
            .otherwise(zero)
            .alias(_D)
        )
    if "is_new_client" not in out.columns:
        first = pl.col("deal_id").sort_by("won_on", "deal_id").first().over("client_id")
        out = out.with_columns((pl.col("deal_id") == first).alias("is_new_client"))
    return out, scale


def _read_splits(
    splits: object | None, columns: Mapping[str, str] | None, deals: Any
) -> Any:
    """Every deal's split owners and their integer weights (the shares at
    their common scale); a deal without splits: its owner, weight 1."""
    pl = polars()
    alone = deals.select("deal_id", "owner", pl.lit(1, pl.Int128).alias(_WEIGHT))
    if splits is None:
        return alone
    frame, back = _read.prepare(splits, "splits", columns, money=("share",))
    _read.require(frame, "splits", ("deal_id", "owner", "share"))
    _read.refuse_floats(frame, "splits", ("share",), back)
    schema = frame.schema
    frame = frame.with_row_index(_read.ROW)
    deal, deal_why = _read.text("deal_id", schema["deal_id"])
    owner, owner_why = _read.text("owner", schema["owner"])
    share, share_why, scale, stages = _read.decimal("share", schema["share"])
    for stage in stages:
        frame = frame.with_columns(stage)
    known = deals.get_column("deal_id")
    unknown = pl.when(deal.is_in(known.implode()).not_()).then(
        pl.lit("no such deal in the deals table; a split names a deal of it")
    )
    twice = pl.when(pl.struct(deal, owner).is_first_distinct().not_()).then(
        pl.lit("the deal's owner on an earlier row too; one row per owner")
    )
    number = _read.decimal_or_null("share", schema["share"])
    positive = pl.when(number <= pl.lit(0, pl.Decimal(38, 0))).then(
        pl.lit("not positive; a share is a positive weight")
    )
    reasons = {
        "deal_id": pl.coalesce(deal_why, unknown),
        "owner": pl.coalesce(owner_why, twice),
        "share": pl.coalesce(share_why, positive),
    }
    values = {"deal_id": deal, "owner": owner, "share": share, _SCALE: scale}
    good = _read.collect("splits", frame, reasons, back, values)
    places = good.get_column(_SCALE).max()
    weight = _read.decimal_at("share", schema["share"], int(places or 0))
    given = good.select("deal_id", "owner", weight.to_physical().alias(_WEIGHT))
    return pl.concat(
        [
            alone.filter(
                pl.col("deal_id").is_in(given.get_column("deal_id").implode()).not_()
            ),
            given,
        ]
    )


# --- credits ------------------------------------------------------------------


def _negated(value: Any) -> Any:
    """An Int128 expression negated (polars has no ``neg`` for Int128)."""
    return polars().lit(0, polars().Int128) - value


def _half_up(value: Any) -> Any:
    """Int128 units at the table's scale as minor units, rounded half away
    from zero (the quantum in :data:`_K`)."""
    pl = polars()
    size = value.abs()
    units = size // pl.col(_K) + ((size % pl.col(_K)) * 2 >= pl.col(_K)).cast(pl.Int128)
    return pl.when(value < 0).then(_negated(units)).otherwise(units)


def _batches(
    deals: Any, period: Period, clawback_days: int | None, mode: ClawbackMode
) -> Any:
    """One row per deal and credit to split: the win (batch 0), the
    cancellation's clawback (1), the refund (2), with their signed minor
    units, date and original date."""
    pl = polars()

    def within(day: Any) -> Any:
        return (day >= period.start) & (day < period.end)

    won = pl.col("won_on")
    parts = [
        deals.filter(within(won)).with_columns(
            _half_up(pl.col(_V)).alias(_UNITS),
            won.alias("credited_on"),
            pl.lit(None, pl.Date).alias("original_on"),
            pl.lit(0).alias(_BATCH),
        )
    ]
    if clawback_days is not None and "cancelled_on" in deals.columns:
        cancelled = pl.col("cancelled_on")
        elapsed = (cancelled - won).dt.total_days()
        clawed = deals.filter(
            cancelled.is_not_null() & within(cancelled) & (elapsed < clawback_days)
        ).with_columns(
            cancelled.alias("credited_on"),
            won.alias("original_on"),
            pl.lit(1).alias(_BATCH),
            elapsed.alias("\x00elapsed"),
        )
        parts.append(_clawed_back(clawed, clawback_days, mode))
    if "refunded_on" in deals.columns:
        refunded = pl.col("refunded_on")
        parts.append(
            deals.filter(refunded.is_not_null() & within(refunded)).with_columns(
                _negated(_half_up(pl.col(_R))).alias(_UNITS),
                refunded.alias("credited_on"),
                won.alias("original_on"),
                pl.lit(2).alias(_BATCH),
            )
        )
    keep = [
        "deal_id",
        "client_id",
        "currency",
        "client_tier",
        "client_kind",
        "is_new_client",
        "credited_on",
        "original_on",
        "deal_type",
        _UNITS,
        _K,
        _BATCH,
        _L,
        _D,
    ]
    return pl.concat(
        [part.select([n for n in keep if n in part.columns]) for part in parts],
        how="diagonal",
    )


def _clawed_back(clawed: Any, days: int, mode: ClawbackMode) -> Any:
    """The clawbacks' minor units: all of the value (``FULL``), or
    value × (days − elapsed) ÷ days, multiplied first, divided once and
    rounded half up (``LINEAR``, in Python integers: exact at any size, and
    cancellations inside a window are few)."""
    pl = polars()
    if mode is ClawbackMode.FULL:
        return clawed.with_columns(_negated(_half_up(pl.col(_V))).alias(_UNITS))
    units = []
    for value, quantum, elapsed in clawed.select(_V, _K, "\x00elapsed").iter_rows():
        numerator, denominator = abs(value) * (days - elapsed), days * quantum
        part = (2 * numerator + denominator) // (2 * denominator)
        units.append(part if value < 0 else -part)
    return clawed.with_columns(pl.Series(_UNITS, units, dtype=pl.Int128))


def _split(batches: Any, weights: Any) -> Any:
    """Each batch's units split among the deal's owners by their weights:
    the absolute units by the largest remainder, the sign given back."""
    pl = polars()
    weights = weights.with_columns(pl.len().over("deal_id").alias("\x00owners"))
    rows = batches.join(weights, on="deal_id", how="inner").with_columns(
        pl.col(_UNITS).abs().alias("\x00size")
    )
    # a deal of one owner credits it all: only shared deals need splitting
    alone = rows.filter(pl.col("\x00owners") == 1)
    shared = rows.filter(pl.col("\x00owners") > 1)
    split = largest_remainder(
        shared, ["deal_id", _BATCH], ["owner"], "\x00size", _WEIGHT
    )
    if split is None:
        split = _split_by_money(shared)
    split = pl.concat([alone.with_columns(pl.col("\x00size").alias(PART)), split])
    signed = (
        pl.when(pl.col(_UNITS) < 0).then(_negated(pl.col(PART))).otherwise(pl.col(PART))
    )
    return split.with_columns(signed.alias(_UNITS))


def _split_by_money(rows: Any) -> Any:
    """The split by :meth:`Money.allocate` itself, deal by deal, when the
    columns' products could leave Int128 (weights with many digits)."""
    pl = polars()
    rows = rows.sort("deal_id", _BATCH, "owner")
    parts: list[int] = []
    groups = rows.select("deal_id", _BATCH, "currency", "\x00size", _WEIGHT)
    for group in groups.partition_by("deal_id", _BATCH, maintain_order=True):
        size, code = group.row(0)[2:4]
        whole = Money(_QUANTUM[code] * size, code)
        weights = group.get_column(_WEIGHT).to_list()
        parts.extend(part.to_minor() for part in whole.allocate(weights))
    return rows.with_columns(pl.Series(PART, parts, dtype=pl.Int128))


def _canonical(rows: Any, scale: int) -> Any:
    """The credits in the canonical frame's columns, types and order, the
    amount at ``scale`` (the finest minor unit of the deals' currencies)."""
    pl = polars()
    present = rows.get_column("currency").unique().to_list()
    factor = pl.col("currency").replace_strict(
        {code: 10 ** (scale - CURRENCIES[code]) for code in present},
        return_dtype=pl.Int128,
        default=1,
    )
    step = pl.lit(_quantum_of(scale), pl.Decimal(38, scale))
    amount = (pl.col(_UNITS) * factor).cast(pl.Decimal(38, 0)) * step
    names, sale = list(rows.columns), None
    if _L in names:  # Int128 at the table's scale: ``scale`` here
        sale = {
            name: pl.col(units).cast(pl.Decimal(38, 0)) * step
            for name, units in (("list_amount", _L), ("discount", _D))
        }
        names += list(sale)
    out = _canonical_columns(names, amount, scale, sale)
    return rows.select(out).sort("credited_on", "deal_id", "owner", "amount")


def _quantum_of(scale: int) -> Decimal:
    return Decimal(1).scaleb(-scale)
