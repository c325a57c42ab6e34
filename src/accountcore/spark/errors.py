"""The errors of :mod:`accountcore.spark`."""

from __future__ import annotations

from accountcore.errors import ExtraUnavailableError, RuleViolation

__all__ = [
    "CarriedAmountError",
    "NotDecimalError",
    "SparkUnavailableError",
    "WidenedColumnError",
]


class SparkUnavailableError(ExtraUnavailableError):
    """:mod:`accountcore.spark` needs its extra (pyspark, and the column
    engine's polars and pyarrow).

    >>> print(SparkUnavailableError("pyspark"))
    accountcore.spark needs 'pyspark', which is not installed: pip install 'accountcore[spark]'.
    """

    def __init__(self, package: str) -> None:
        super().__init__(package, "spark", "accountcore.spark")


class NotDecimalError(RuleViolation, TypeError):
    """A money column of a Spark table that is not a ``DecimalType``: its
    digits would differ from one partition to the next (text) or are not
    exact (floats). accountcore never converts it silently: the user says
    how many places.

    >>> print(NotDecimalError("credits", "amount", "double"))  # doctest: +NORMALIZE_WHITESPACE
    credits column 'amount' is double, not a DecimalType: cast it in Spark
    first, saying the places you mean, e.g. F.col('amount').cast('decimal(38,2)').
    """

    table: str
    column: str
    dtype: str

    def __init__(self, table: str, column: str, dtype: str) -> None:
        self.table = table
        self.column = column
        self.dtype = dtype
        super().__init__(
            f"{table} column {column!r} is {dtype}, not a DecimalType: cast it in "
            f"Spark first, saying the places you mean, e.g. "
            f"F.col({column!r}).cast('decimal(38,2)')."
        )


class WidenedColumnError(RuleViolation, ValueError):
    """A partition's result column holds more decimal places than the run's
    schema (e.g. a credit in a currency with more minor digits than the
    plan's and the credits column's): its values would lose digits in the
    schema's type, so the run stops rather than round them.

    >>> print(WidenedColumnError("summary", "credited", 3, 2))  # doctest: +NORMALIZE_WHITESPACE
    summary column 'credited' needs 3 decimal places in a partition, but the
    run's schema has 2: nothing was rounded; give the credits' amount column
    at least 3 places (e.g. decimal(38,3)) if the digits come from it.
    """

    table: str
    column: str
    places: int
    schema_places: int

    def __init__(
        self, table: str, column: str, places: int, schema_places: int
    ) -> None:
        self.table = table
        self.column = column
        self.places = places
        self.schema_places = schema_places
        super().__init__(
            f"{table} column {column!r} needs {places} decimal places in a "
            f"partition, but the run's schema has {schema_places}: nothing was "
            f"rounded; give the credits' amount column at least {places} places "
            f"(e.g. decimal(38,{places})) if the digits come from it."
        )


class CarriedAmountError(RuleViolation, ValueError):
    """A deal record's amount too large to leave its task: a run carries
    the deal records' money as whole minor units in 64 bits (cheap to move
    and to cache), up to 92,233,720,368,547,758.07 at 2 places; beyond
    that, the run stops rather than lose digits.

    >>> from decimal import Decimal
    >>> print(CarriedAmountError("deal_records", "credited", Decimal("1E+17")))  # doctest: +NORMALIZE_WHITESPACE
    deal_records column 'credited' holds 1E+17, more than a run carries
    between its tasks (whole minor units in 64 bits): nothing was rounded;
    check the credits' amounts.
    """

    table: str
    column: str
    value: object

    def __init__(self, table: str, column: str, value: object) -> None:
        self.table = table
        self.column = column
        self.value = value
        super().__init__(
            f"{table} column {column!r} holds {value}, more than a run carries "
            f"between its tasks (whole minor units in 64 bits): nothing was "
            f"rounded; check the credits' amounts."
        )
