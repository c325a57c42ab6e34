"""Commission runs on Apache Spark (``accountcore[spark]``).

:func:`calculate_team` takes Spark DataFrames of credits (and quotas,
ledgers, deal records), partitions them by owner and runs
:func:`accountcore.frames.calculate_team` in each task on whole owners: the
same rows, to the cent, as Spark DataFrames with ``DecimalType`` money. See
``docs/spark.md``.

Importing this package needs nothing beyond accountcore; the first call
needs pyspark (``pip install 'accountcore[spark]'``).
"""

from accountcore.spark.engine import TABLES, SparkTeam, calculate_team
from accountcore.spark.errors import (
    CarriedAmountError,
    NotDecimalError,
    SparkUnavailableError,
    WidenedColumnError,
)

__all__ = [
    "TABLES",
    "CarriedAmountError",
    "NotDecimalError",
    "SparkTeam",
    "SparkUnavailableError",
    "WidenedColumnError",
    "calculate_team",
]
