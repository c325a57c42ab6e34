"""The column engine's libraries, imported on first use (private).

:mod:`accountcore.frames` is an optional extra: importing the package needs
nothing beyond accountcore; the first call that needs polars imports it, or
raises :class:`~accountcore.frames.errors.FramesUnavailableError` saying how
to install it.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from accountcore.frames.errors import FramesUnavailableError

__all__ = ["narwhals", "polars"]


def _module(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError:
        raise FramesUnavailableError(name) from None


def polars() -> ModuleType:
    """The polars module (the engine)."""
    return _module("polars")


def narwhals() -> ModuleType:
    """The narwhals module (tables of any kind in and out)."""
    return _module("narwhals")
