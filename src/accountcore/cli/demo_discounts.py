"""Demo section: one scheme quotes a key account and a new prospect.

>>> print("\\n".join(discounts_section("en_US")[:3]))
<BLANKLINE>
== Discounts: one scheme, two clients ==
Scheme 'Hardware 2026' (additive; max 30 %; margin floor 15 %; approvals above 10 % manager, above 20 % director, above 30 % not allowed)
"""

from __future__ import annotations

import datetime as _dt

import pendulum
from babel.dates import format_date

from accountcore.clients import Client, ClientKind, ClientTier
from accountcore.discounts import (
    AmountOff,
    ApprovalLevel,
    BuyGetFree,
    ClientFacts,
    Conditions,
    DiscountScheme,
    Per,
    PercentOff,
    Policy,
    PriceQuote,
    QuoteLine,
    VolumeTier,
    VolumeTiers,
)
from accountcore.money import Money

__all__ = ["discounts_section"]

_ON = _dt.date(2026, 11, 2)


def _scheme() -> DiscountScheme:
    eur = "EUR"
    return DiscountScheme(
        "Hardware 2026",
        eur,
        [
            PercentOff(
                "key account",
                8,
                when=Conditions(tiers=[ClientTier.KEY, ClientTier.VIP]),
            ),
            PercentOff("loyalty 5 years", 3, when=Conditions(min_years=5)),
            VolumeTiers(
                "drill volume",
                [VolumeTier(10, 5), VolumeTier(25, 10)],
                when=Conditions(products=["drill"]),
            ),
            BuyGetFree("bits 3 for 2", 2, 1, when=Conditions(products=["bit set"])),
            AmountOff(
                "welcome",
                Money("50.00", eur),
                per=Per.ORDER,
                when=Conditions(new_client=True, min_amount=Money("500.00", eur)),
            ),
        ],
        policy=Policy.ADDITIVE,
        max_discount_percent=30,
        margin_floor_percent=15,
        approvals=[
            ApprovalLevel("manager", 10),
            ApprovalLevel("director", 20),
            ApprovalLevel("not allowed", 30, allowed=False),
        ],
        timezone="Europe/Tallinn",
    )


def _lines(drills: int) -> list[QuoteLine]:
    eur = "EUR"
    return [
        QuoteLine(
            "drill",
            drills,
            Money("89.90", eur),
            category="tools",
            unit_cost=Money("52.00", eur),
        ),
        QuoteLine(
            "bit set",
            7,
            Money("24.50", eur),
            category="tools",
            unit_cost=Money("9.80", eur),
        ),
        QuoteLine("safety glasses", 3, Money("12.00", eur), category="safety"),
    ]


def _render(title: str, quote: PriceQuote, locale: str) -> list[str]:
    out = [f"-- {title}"]
    for line in quote.lines:
        out.append(
            f"  {line.number}. {line.product}: {line.quantity} x "
            f"{line.unit_price.format(locale)} = {line.list_amount.format(locale)}"
        )
        for applied in line.applied:
            pct = f" ({applied.percent} %)" if applied.percent is not None else ""
            out.append(
                f"       - {applied.rule}{pct}: -{applied.amount.format(locale)}"
            )
        for rejected in line.rejected:
            out.append(f"       x {rejected.rule}: {rejected.reason.message}")
        if line.clamped:
            out.append(
                f"       + given back by the limits: {line.clamped.format(locale)}"
            )
        for hint in line.hints:
            out.append(f"       ? {hint.message}")
        out.append(
            f"       net {line.net_unit_price.format(locale)} per unit, "
            f"line total {line.total.format(locale)}"
        )
    for rejected in quote.order_rejected:
        out.append(
            f"  order rule {rejected.rule} not applied: {rejected.reason.message}"
        )
    for hint in quote.hints:
        out.append(f"  ? {hint.message}")
    approval = quote.approval.name if quote.approval else "none"
    out.append(
        f"  subtotal {quote.subtotal.format(locale)}, discount "
        f"{quote.discount.format(locale)}, total {quote.total.format(locale)} "
        f"({quote.effective_percent} % off; approval: {approval})"
    )
    out.extend(f"  ! {warning.message}" for warning in quote.warnings)
    return out


def discounts_section(locale: str) -> list[str]:
    """The discounts part of the demo, amounts shown in ``locale``."""
    scheme = _scheme()
    at = pendulum.datetime(2019, 2, 1, tz="Europe/Tallinn")
    key = Client.existing(
        "C-100",
        "Baltic Build AS",
        kind=ClientKind.CORPORATE,
        owner="anna",
        at=at,
        tier=ClientTier.KEY,
    )
    prospect = Client.prospect(
        "C-200",
        "Nordic Start OÜ",
        kind=ClientKind.CORPORATE,
        owner="anna",
        at=pendulum.datetime(2026, 10, 20, tz="Europe/Tallinn"),
    )
    key_quote = scheme.quote(
        _lines(22),
        client=ClientFacts.of(key, first_won_on=_dt.date(2019, 3, 14)),
        on=_ON,
    )
    new_quote = scheme.quote(_lines(6), client=prospect, on=_ON)
    levels = ", ".join(
        f"above {level.above_percent} % {level.name}" for level in scheme.approvals
    )
    day = format_date(_ON, format="long", locale=locale)
    lines = ["", "== Discounts: one scheme, two clients =="]
    lines.append(
        f"Scheme {scheme.name!r} ({scheme.policy.value}; max {scheme.max_discount_percent} %; "
        f"margin floor {scheme.margin_floor_percent} %; approvals {levels})"
    )
    lines.extend(
        _render(f"{key.name}, key account since 2019, on {day}", key_quote, locale)
    )
    lines.extend(
        _render(f"{prospect.name}, a new prospect, on {day}", new_quote, locale)
    )
    return lines
