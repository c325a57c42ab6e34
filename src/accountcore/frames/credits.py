"""Credits from a table: the columns of :class:`~accountcore.commissions.Credit`,
read and checked in columns.

The canonical credits frame (what :func:`read_credits` returns and the
engine reads) is a polars ``DataFrame`` with these columns:

============== ================ ===========================================
column         type             default when the table lacks it
============== ================ ===========================================
deal_id        String           (required)
client_id      String           (required)
owner          String           (required)
amount         Decimal(38, s)   (required; s: the table's scale, at least
                                the currency's minor unit)
currency       String           (required, unless ``currency=`` is given)
credited_on    Date             (required)
client_tier    String           ``"standard"``
client_kind    String           ``"corporate"``
is_new_client  Boolean          ``False``
product        String           null
category       String           null
quantity       Int64            ``1``
original_on    Date             null
deal_type      String           ``"new_business"``
list_amount    Decimal(38, s)   null (the sale's list amount, whole)
discount       Decimal(38, s)   null (the discount given on the sale)
============== ================ ===========================================

``list_amount`` and ``discount`` go together (both or neither on a row),
in the row's currency: the list amount not below 0, the discount from 0 to
the list amount, as :class:`~accountcore.commissions.Credit` checks them.

Every row is checked as :class:`~accountcore.commissions.Credit` checks it,
in columns; :func:`read_credits` reports every bad row at once. Text is read
in these forms: a decimal number in ASCII digits with an optional sign,
point and exponent (``-1200.50``, ``1.5e3``; no separators or underscores);
a date as ``YYYY-MM-DD``; a boolean as ``true``/``false``, ``yes``/``no`` or
``1``/``0`` in any case; an int as its digits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from accountcore.clients import ClientKind, ClientTier
from accountcore.commissions import Credit
from accountcore.frames import _read
from accountcore.frames._polars import polars
from accountcore.money import CURRENCIES, Money
from accountcore.pipeline import DealType

__all__ = ["CREDIT_COLUMNS", "read_credits", "scan_credits", "to_credits"]

CREDIT_COLUMNS = (
    "deal_id",
    "client_id",
    "owner",
    "amount",
    "currency",
    "credited_on",
    "client_tier",
    "client_kind",
    "is_new_client",
    "product",
    "category",
    "quantity",
    "original_on",
    "deal_type",
    "list_amount",
    "discount",
)
"""The columns of the canonical credits frame, in order."""

_SALE = ("list_amount", "discount")
"""The optional money columns of the sale a credit comes from."""
_REQUIRED = ("deal_id", "client_id", "owner", "amount", "currency", "credited_on")
_TIERS = tuple(str(t.value) for t in ClientTier)
_KINDS = tuple(str(k.value) for k in ClientKind)
_DEAL_TYPES = tuple(str(t.value) for t in DealType)


def read_credits(
    table: object,
    *,
    columns: Mapping[str, str] | None = None,
    currency: str | None = None,
) -> Any:
    """The canonical credits frame of ``table`` (see the module's table).

    ``table`` is a polars, pandas or pyarrow table (or one narwhals or the
    Arrow PyCapsule interface reads). ``columns`` maps a canonical name to
    the table's name for it; ``currency`` is the currency of every row when
    the table has no currency column. Every row is checked as
    :class:`~accountcore.commissions.Credit` checks it: ids and owner
    non-empty text; the amount a finite decimal number within the bounds of
    docs/money.md ("Bounds"), with no digit finer than 10^-18 (the finest a
    frame keeps); the currency a code :mod:`accountcore.money` knows, spelled
    as it spells it (``EUR``, not ``eur``); dates dates; tier and kind values
    of :class:`~accountcore.clients.ClientTier` and
    :class:`~accountcore.clients.ClientKind`, deal types of
    :class:`~accountcore.pipeline.DealType`; ``is_new_client`` a boolean;
    ``quantity`` an int. A null is refused in every column but ``product``,
    ``category`` and ``original_on`` (leave a column out for its default).
    As with ``Credit``, ``original_on`` may be given on any amount.

    The amount's scale is the finest needed: the largest scale in the
    column, and at least the minor unit of each currency present.

    A missing column is a :class:`~accountcore.frames.MissingColumnError`;
    a money column of floats (or a pandas object column holding floats) a
    :class:`~accountcore.frames.FloatMoneyError`; bad rows, all of them, a
    :class:`~accountcore.frames.BadRowsError` whose ``rows`` frame lists
    each (``row`` numbered from 0 as in the table, ``column``, ``value``,
    ``reason``).

    >>> import polars as pl
    >>> from decimal import Decimal
    >>> table = pl.DataFrame({"deal_id": ["D-1", "D-2"], "client_id": ["C-1", "C-2"],
    ...     "owner": ["ana", "bob"], "amount": ["100", "-12.5"],
    ...     "credited_on": ["2026-01-05", "2026-01-09"]})
    >>> frame = read_credits(table, currency="EUR")
    >>> frame.row(1)[:6], frame.schema["amount"]
    (('D-2', 'C-2', 'bob', Decimal('-12.50'), 'EUR', datetime.date(2026, 1, 9)), Decimal(precision=38, scale=2))
    >>> bad = table.with_columns(amount=pl.Series(["1,5", "12"]), owner=pl.Series(["ana", ""]))
    >>> read_credits(bad, currency="EUR")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    accountcore.frames.errors.BadRowsError: credits has 2 bad rows:
      - row 0, column 'amount', value '1,5': not a decimal number (expected digits such as '-1200.50' or '1.5e3')
      - row 1, column 'owner', value '': empty; expected a non-empty str
    """
    return scan_credits(table, columns=columns, currency=currency).collect()


def scan_credits(
    table: object,
    *,
    columns: Mapping[str, str] | None = None,
    currency: str | None = None,
) -> Any:
    """:func:`read_credits` as a polars ``LazyFrame``: the rows are checked
    in one pass (every bad row raised at once, as there), and the canonical
    columns are a query that what reads them runs, reading only what it
    needs (the column engine reads its credits so).

    >>> import polars as pl
    >>> table = pl.DataFrame({"deal_id": ["D-1"], "client_id": ["C-1"], "owner": ["ana"],
    ...     "amount": ["100.5"], "currency": ["EUR"], "credited_on": ["2026-01-05"]})
    >>> scan_credits(table).select("owner", "amount").collect().row(0)
    ('ana', Decimal('100.50'))
    """
    pl = polars()
    frame, back = _read.prepare(table, "credits", columns, money=("amount", *_SALE))
    if currency is not None and "currency" not in frame.columns:
        frame = frame.with_columns(currency=pl.lit(currency, pl.String))
    _read.require(frame, "credits", _REQUIRED)
    _read.refuse_floats(
        frame, "credits", [n for n in ("amount", *_SALE) if n in frame.columns], back
    )
    schema = frame.schema
    frame = frame.with_row_index(_read.ROW)
    amount, amount_why, scale, stages = _read.decimal("amount", schema["amount"])
    for stage in stages:
        frame = frame.with_columns(stage)
    read: dict[str, _read.Column] = {
        "deal_id": _read.text("deal_id", schema["deal_id"]),
        "client_id": _read.text("client_id", schema["client_id"]),
        "owner": _read.text("owner", schema["owner"]),
        "amount": (amount, amount_why),
        "currency": _read.currency_code("currency", schema["currency"]),
        "credited_on": _read.day("credited_on", schema["credited_on"]),
    }
    optional: dict[str, Callable[[str, Any], _read.Column]] = {
        "client_tier": lambda n, t: _read.choice(n, t, _TIERS),
        "client_kind": lambda n, t: _read.choice(n, t, _KINDS),
        "is_new_client": _read.boolean,
        "product": lambda n, t: _read.text(n, t, required=False),
        "category": lambda n, t: _read.text(n, t, required=False),
        "quantity": _read.integer,
        "original_on": lambda n, t: _read.day(n, t, required=False),
        "deal_type": lambda n, t: _read.choice(n, t, _DEAL_TYPES),
    }
    for name, reader in optional.items():
        if name in schema:
            read[name] = reader(name, schema[name])
    frame, scales = _sale_columns(frame, schema, read)
    values = {name: value for name, (value, _) in read.items()}
    values["\x00scale"] = pl.max_horizontal(scale, *scales)
    good, facts = _read.scan(
        "credits",
        frame,
        {n: why for n, (_, why) in read.items()},
        back,
        values,
        {
            "present": pl.col("currency").unique().implode(),
            "places": pl.col("\x00scale").max(),
        },
    )
    return _canonical(good, schema, currency, facts)


def _sale_columns(
    frame: Any, schema: Any, read: dict[str, _read.Column]
) -> tuple[Any, list[Any]]:
    """Read the sale's ``list_amount`` and ``discount`` where the table has
    them (into ``read``): numbers where given, both or neither, the list
    amount not below 0, the discount from 0 to it. The frame with their
    stages, and their rows' scales."""
    pl = polars()
    given = [name for name in _SALE if name in schema]
    if not given:
        return frame, []
    scales = []
    numbers = {}
    for name in given:
        value, why, scale, stages = _read.decimal(name, schema[name])
        for stage in stages:
            frame = frame.with_columns(stage)
        read[name] = (value, pl.when(pl.col(name).is_not_null()).then(why))
        numbers[name] = _read.decimal_or_null(name, schema[name])
        scales.append(scale)
    listed = numbers.get("list_amount", pl.lit(None, pl.Decimal(38, 18)))
    discount = numbers.get("discount", pl.lit(None, pl.Decimal(38, 18)))
    has = {
        name: pl.col(name).is_not_null() if name in given else pl.lit(False)
        for name in _SALE
    }
    fault = (
        pl.when(has["list_amount"] != has["discount"])
        .then(pl.lit("list_amount and discount go together: give both or neither"))
        .when(listed < 0)
        .then(pl.lit("list_amount below 0; expected the sale's list amount"))
        .when((discount < 0) | (discount > listed))
        .then(pl.lit("discount not from 0 to the list amount"))
    )
    last = given[-1]
    value, why = read[last]
    read[last] = (value, pl.coalesce(why, fault))
    return frame, scales


def _canonical(
    good: Any, schema: Any, currency: str | None, facts: dict[str, Any]
) -> Any:
    """The checked columns in the canonical order and types, the amount at
    the finest scale any row needs (a query: ``good`` is one, ``facts`` its
    currencies present and finest scale)."""
    present = [c for c in facts["present"] if c is not None]
    minor = [CURRENCIES[c] for c in present]
    if not present and currency is not None and currency in CURRENCIES:
        minor = [CURRENCIES[currency]]
    places = facts["places"]
    scale = max([*minor, 0 if places is None else int(places)])
    amount = _read.decimal_at("amount", schema["amount"], scale)
    sale = {
        name: _read.decimal_at(name, schema[name], scale)
        for name in _SALE
        if name in schema
    }
    names = good.collect_schema().names()
    return good.select(_canonical_columns(names, amount, scale, sale))


def _canonical_columns(
    present: Sequence[str],
    amount: Any,
    scale: int,
    sale: Mapping[str, Any] | None = None,
) -> list[Any]:
    """The canonical credit columns, in order and typed, from a frame with
    the columns ``present``: ``amount`` the amount's expression at
    ``scale``, a column it lacks its default."""
    pl = polars()
    defaults = {
        "client_tier": pl.lit("standard"),
        "client_kind": pl.lit("corporate"),
        "is_new_client": pl.lit(False),
        "product": pl.lit(None, pl.String),
        "category": pl.lit(None, pl.String),
        "quantity": pl.lit(1, pl.Int64),
        "original_on": pl.lit(None, pl.Date),
        "deal_type": pl.lit(DealType.NEW_BUSINESS.value),
        "list_amount": pl.lit(None, pl.Decimal(38, scale)),
        "discount": pl.lit(None, pl.Decimal(38, scale)),
    }
    types = {
        "amount": pl.Decimal(38, scale),
        "list_amount": pl.Decimal(38, scale),
        "discount": pl.Decimal(38, scale),
        "credited_on": pl.Date,
        "original_on": pl.Date,
        "is_new_client": pl.Boolean,
        "quantity": pl.Int64,
    }
    out = []
    for name in CREDIT_COLUMNS:
        if name == "amount":
            expr = amount
        elif sale is not None and name in sale and name in present:
            expr = sale[name]
        elif name in present:
            expr = pl.col(name)
        else:
            expr = defaults[name]
        out.append(expr.cast(types.get(name, pl.String)).alias(name))
    return out


def to_credits(frame: Any) -> list[Credit]:
    """The :class:`~accountcore.commissions.Credit` of each row of a
    canonical credits frame (as :func:`read_credits` gives), in order.

    >>> import polars as pl
    >>> from decimal import Decimal
    >>> table = pl.DataFrame({"deal_id": ["D-1"], "client_id": ["C-1"], "owner": ["ana"],
    ...     "amount": [Decimal("100.00")], "currency": ["EUR"], "credited_on": ["2026-01-05"],
    ...     "client_tier": ["vip"]})
    >>> to_credits(read_credits(table))
    [Credit(deal_id='D-1', client_id='C-1', owner='ana', amount=Money('100.00', 'EUR'), credited_on=datetime.date(2026, 1, 5), client_tier=<ClientTier.VIP: 'vip'>, client_kind=<ClientKind.CORPORATE: 'corporate'>, is_new_client=False, product=None, category=None, quantity=1, original_on=None, deal_type=<DealType.NEW_BUSINESS: 'new_business'>, list_amount=None, discount=None)]
    """
    tiers = {str(t.value): t for t in ClientTier}
    kinds = {str(k.value): k for k in ClientKind}
    deal_types = {str(t.value): t for t in DealType}
    columns = [frame.get_column(name).to_list() for name in CREDIT_COLUMNS]
    money: dict[tuple[Decimal, str], Money] = {}
    out = []
    for row in zip(*columns, strict=True):
        deal, client, owner, amount, cur, on, tier, kind, new = row[:9]
        product, category, quantity, original, deal_type, listed, discount = row[9:]
        key = (amount, cur)
        value = money.get(key)
        if value is None:
            value = money[key] = Money(amount, cur)
        out.append(
            Credit(
                deal,
                client,
                owner,
                value,
                on,
                tiers[tier],
                kinds[kind],
                new,
                product,
                category,
                quantity,
                original,
                deal_types[deal_type],
                list_amount=None if listed is None else Money(listed, cur),
                discount=None if discount is None else Money(discount, cur),
            )
        )
    return out
