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
============== ================ ===========================================
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from accountcore.frames._polars import polars
from accountcore.frames._tables import to_polars
from accountcore.frames.errors import FloatMoneyError, MissingColumnError

__all__ = ["CREDIT_COLUMNS", "read_credits"]

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
)
"""The columns of the canonical credits frame, in order."""

_REQUIRED = ("deal_id", "client_id", "owner", "amount", "currency", "credited_on")


def read_credits(
    table: object,
    *,
    columns: Mapping[str, str] | None = None,
    currency: str | None = None,
) -> Any:
    """The canonical credits frame of ``table`` (see the module's table).

    ``columns`` maps a canonical name to the table's name for it;
    ``currency`` is the currency of every row when the table has no
    currency column.

    >>> import polars as pl
    >>> from decimal import Decimal
    >>> table = pl.DataFrame({"deal_id": ["D-1"], "client_id": ["C-1"], "owner": ["ana"],
    ...     "amount": [Decimal("100.00")], "credited_on": ["2026-01-05"]})
    >>> read_credits(table, currency="EUR").row(0)[:6]
    ('D-1', 'C-1', 'ana', Decimal('100.00'), 'EUR', datetime.date(2026, 1, 5))
    """
    pl = polars()
    frame, _ = to_polars(table, "credits")
    names = dict(columns or {})
    frame = frame.rename({v: k for k, v in names.items() if v in frame.columns})
    if currency is not None and "currency" not in frame.columns:
        frame = frame.with_columns(currency=pl.lit(currency))
    for name in _REQUIRED:
        if name not in frame.columns:
            raise MissingColumnError("credits", name, frame.columns)
    dtype = frame.schema["amount"]
    if dtype.is_float():
        raise FloatMoneyError("credits", names.get("amount", "amount"), str(dtype))
    defaults = {
        "client_tier": pl.lit("standard"),
        "client_kind": pl.lit("corporate"),
        "is_new_client": pl.lit(False),
        "product": pl.lit(None, pl.String),
        "category": pl.lit(None, pl.String),
        "quantity": pl.lit(1, pl.Int64),
        "original_on": pl.lit(None, pl.Date),
    }
    frame = frame.with_columns(
        **{k: v for k, v in defaults.items() if k not in frame.columns}
    )
    amount = pl.col("amount")
    if not isinstance(dtype, pl.Decimal):
        amount = amount.cast(pl.String).str.to_decimal(scale=2)

    def day(name: str) -> Any:
        if frame.schema[name] == pl.String:
            return pl.col(name).str.to_date("%Y-%m-%d")
        return pl.col(name).cast(pl.Date)

    return frame.select(
        pl.col("deal_id").cast(pl.String),
        pl.col("client_id").cast(pl.String),
        pl.col("owner").cast(pl.String),
        amount.alias("amount"),
        pl.col("currency").cast(pl.String).str.to_uppercase(),
        day("credited_on"),
        pl.col("client_tier").cast(pl.String),
        pl.col("client_kind").cast(pl.String),
        pl.col("is_new_client").cast(pl.Boolean),
        pl.col("product").cast(pl.String),
        pl.col("category").cast(pl.String),
        pl.col("quantity").cast(pl.Int64),
        day("original_on"),
    )
