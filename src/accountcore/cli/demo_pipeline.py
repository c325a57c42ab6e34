"""Demo section: clients and deals moved through the default pipeline.

>>> lines = pipeline_section("en_US")
>>> lines[1]
'== Pipeline: the work cycle as a checked state machine =='
>>> any("refused" in line for line in lines)
True
"""

from __future__ import annotations

import datetime as _dt

import pendulum
from babel.dates import format_date, format_datetime

from accountcore.clients import Client, ClientKind
from accountcore.deals import (
    AmountChange,
    CloseDateChange,
    ContactChange,
    Deal,
    StageChange,
)
from accountcore.errors import TransitionError
from accountcore.money import Money
from accountcore.pipeline import Pipeline

__all__ = ["pipeline_section"]

_TZ = "Europe/Tallinn"


def _when(moment: _dt.datetime, locale: str) -> str:
    return format_datetime(moment, format="short", tzinfo=moment.tzinfo, locale=locale)


def _deals() -> tuple[list[Deal], str]:
    sales = Pipeline.default()
    t0 = pendulum.datetime(2026, 3, 2, 9, tz=_TZ)
    plans = [
        ("D-101", "C-1", "anna", "48000.00", "needs"),
        ("D-102", "C-2", "anna", "12500.00", "negotiation"),
        ("D-103", "C-3", "boris", "7300.00", "completed"),
        ("D-104", "C-4", "boris", "19990.00", "lost"),
    ]
    deals = []
    for n, (id, client, owner, amount, goal) in enumerate(plans):
        start = t0.add(days=n)
        deal = sales.new_deal(id, client_id=client, owner=owner, at=start, by=owner)
        deal = deal.with_amount(Money(amount, "EUR"), at=start, by=owner)
        deal = deal.with_contact("Mari Maasikas", at=start, by=owner)
        deal = deal.with_expected_close(
            _dt.date(2026, 4, 30), at=start.add(hours=1), by=owner
        )
        path = {
            "needs": ["needs"],
            "negotiation": ["needs", "presentation", "negotiation"],
            "completed": [
                "presentation",
                "negotiation",
                "contract_signed",
                "fulfilment",
                "completed",
            ],
            "lost": ["needs", "lost"],
        }[goal]
        for step, stage in enumerate(path, start=1):
            reason = "chose a cheaper rival" if stage == "lost" else None
            deal = sales.advance(
                deal, stage, at=start.add(days=3 * step), by=owner, reason=reason
            )
        deals.append(deal)
    late = deals[1].with_expected_close(
        _dt.date(2026, 5, 29), at=t0.add(days=12), by="anna", reason="legal review"
    )
    deals[1] = late
    refusal = ""
    try:
        sales.advance(deals[2], "negotiation", at=t0.add(days=30), by="boris")
    except TransitionError as error:
        refusal = str(error)
    return deals, refusal


def pipeline_section(locale: str) -> list[str]:
    """Deals in the default pipeline, a refused move, one deal's history."""
    t0 = pendulum.datetime(2026, 3, 1, 9, tz=_TZ)
    client = Client.prospect(
        "C-2", "Acme OÜ", kind=ClientKind.CORPORATE, owner="anna", at=t0
    ).activate(at=t0.add(days=20), by="anna")
    deals, refusal = _deals()
    lines = ["", "== Pipeline: the work cycle as a checked state machine =="]
    lines.append(
        f"Client {client.name} ({client.kind.value}, {client.tier.value}): "
        f"{client.history[0].before} -> {client.status.value} "
        f"on {format_date(client.history[0].at, format='medium', locale=locale)}"
    )
    for deal in deals:
        amount = deal.amount.format(locale) if deal.amount else "-"
        lines.append(
            f"  {deal.id} {deal.owner:<6} {deal.stage:<16} {amount:>14}  "
            f"p={deal.probability}  {deal.forecast_category.value}"
        )
    lines.append(f"A refused move: {refusal}")
    deal = deals[1]
    lines.append(f"History of {deal.id}:")
    for event in deal.history:
        when = _when(event.at, locale)
        if isinstance(event, StageChange):
            what = f"stage {event.from_stage or 'created'} -> {event.to_stage} (p={event.probability})"
        elif isinstance(event, AmountChange):
            what = f"amount {event.after.format(locale) if event.after else '-'}"
        elif isinstance(event, CloseDateChange):
            dates = [
                format_date(day, format="medium", locale=locale) if day else "-"
                for day in (event.before, event.after)
            ]
            why = f" ({event.reason})" if event.reason else ""
            what = f"expected close {dates[0]} -> {dates[1]}{why}"
        elif isinstance(event, ContactChange):
            what = f"contact {event.after}"
        else:
            what = type(event).__name__
        lines.append(f"  {when}  {event.by}: {what}")
    return lines
