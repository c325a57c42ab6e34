"""pyspark, imported on first use (private): importing
:mod:`accountcore.spark` needs nothing beyond accountcore; the first call
raises :class:`~accountcore.spark.errors.SparkUnavailableError` without the
extra."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from accountcore.spark.errors import SparkUnavailableError

__all__ = ["arrow_schema", "functions", "pyarrow", "types"]


def _module(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError:
        raise SparkUnavailableError(name.split(".", maxsplit=1)[0]) from None


def functions() -> ModuleType:
    """``pyspark.sql.functions``."""
    return _module("pyspark.sql.functions")


def types() -> ModuleType:
    """``pyspark.sql.types``."""
    return _module("pyspark.sql.types")


def arrow_schema(schema: object) -> Any:
    """The Arrow schema of a Spark ``StructType``."""
    return _module("pyspark.sql.pandas.types").to_arrow_schema(schema)


def pyarrow() -> ModuleType:
    """pyarrow (the tables between Spark and polars)."""
    return _module("pyarrow")
