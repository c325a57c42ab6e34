"""The arguments the analyses share, checked once at each public call: a
wrong type is an :class:`~accountcore.errors.ArgumentTypeError` naming the
argument, never an ``AttributeError`` from inside an analysis."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from accountcore.errors import check_items, check_type
from accountcore.money import Money
from accountcore.periods import FiscalCalendar, Period
from accountcore.pipeline import Deal, Pipeline

_NOT_GIVEN = object()


def deal_args(
    deals: Iterable[Deal],
    *,
    period: object = _NOT_GIVEN,
    calendar: object = None,
    currency: object = _NOT_GIVEN,
    pipeline: object = _NOT_GIVEN,
) -> tuple[Deal, ...]:
    """``deals`` as a tuple, each a :class:`Deal`; ``period`` (a Period),
    ``calendar`` (a FiscalCalendar or None), ``currency`` (a str) and
    ``pipeline`` are checked when given."""
    if period is not _NOT_GIVEN:
        check_type("period", period, Period)
    if calendar is not None:
        check_type("calendar", calendar, FiscalCalendar, "a FiscalCalendar or None")
    if currency is not _NOT_GIVEN:
        check_type("currency", currency, str, "a currency code (a str)")
    if pipeline is not _NOT_GIVEN:
        check_type("pipeline", pipeline, Pipeline)
    return check_items("deals", deals, Deal)


def money_by_client(parameter: str, values: object) -> Mapping[str, Money]:
    """``values``: a mapping of client id to Money."""
    mapping = check_type(parameter, values, Mapping, "a mapping of client id to Money")
    check_items(f"{parameter}' keys", mapping.keys(), str)
    check_items(f"{parameter}' values", mapping.values(), Money)
    return mapping


def series_by_client(parameter: str, values: object) -> Mapping[str, tuple[Money, ...]]:
    """``values``: a mapping of client id to a sequence of Money (a month each)."""
    mapping = check_type(
        parameter, values, Mapping, "a mapping of client id to monthly Money"
    )
    check_items(f"{parameter}' keys", mapping.keys(), str)
    return {
        client: check_items(f"{parameter}[{client!r}]", series, Money)
        for client, series in mapping.items()
    }
