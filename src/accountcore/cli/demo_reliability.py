"""Demo section: score a prospect and an existing client, explain, set terms.

>>> lines = reliability_section("en_US")
>>> lines[0]
'== Reliability: a prospect and an existing client =='
"""

from __future__ import annotations

import datetime as _dt

from babel.dates import format_date

from accountcore.money import Money
from accountcore.reliability import (
    ClientProfile,
    CreditPolicy,
    FinancialStatements,
    PaymentRecord,
    ReliabilityScore,
    Scorecard,
    WarningSign,
    compare_scores,
)

__all__ = ["reliability_section"]

_ON = _dt.date(2026, 6, 30)


def _eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _prospect() -> ClientProfile:
    return ClientProfile(
        "EUR",
        client_id="prospect-17",
        founded=_dt.date(2025, 11, 3),
        employees=4,
        unbilled_orders=_eur("180000"),
        warning_signs=[WarningSign.LARGE_FIRST_ORDER, WarningSign.PREPAYMENT_REFUSED],
    )


def _client(days_late: int, signs: list[WarningSign]) -> ClientProfile:
    payments = []
    for month in range(12):
        issued = _dt.date(2025, 6, 1) + _dt.timedelta(days=30 * month)
        due = issued + _dt.timedelta(days=30)
        payments.append(
            PaymentRecord(
                _eur("12000"), issued, due, due + _dt.timedelta(days=days_late)
            )
        )
    return ClientProfile(
        "EUR",
        client_id="client-3",
        founded=_dt.date(2009, 3, 12),
        employees=85,
        annual_revenue=_eur("6400000"),
        financials=FinancialStatements(
            current_assets=_eur("1900000"),
            current_liabilities=_eur("1200000"),
            total_assets=_eur("4200000"),
            total_liabilities=_eur("2300000"),
            retained_earnings=_eur("900000"),
            ebit=_eur("380000"),
            book_equity=_eur("1900000"),
            sales=_eur("6400000"),
            tangible_net_worth=_eur("1700000"),
        ),
        payments=payments,
        open_receivables=_eur("36000"),
        unbilled_orders=_eur("12000"),
        warning_signs=signs,
    )


def _explain(name: str, score: ReliabilityScore) -> list[str]:
    lines = [
        f"{name}: score {score.value} / 100, band {score.band}, "
        f"confidence {score.confidence}"
    ]
    lines.extend(
        f"  - {reason.code}: -{reason.points} ({reason.message})"
        for reason in score.reasons
    )
    lines.extend(
        f"  hint: {hint.message} (up to +{hint.points})" for hint in score.hints
    )
    return lines


def reliability_section(locale: str) -> list[str]:
    """The reliability part of the demo, in ``locale``."""
    card = Scorecard.default()
    policy = CreditPolicy.default()
    on = format_date(_ON, format="long", locale=locale)
    lines = ["== Reliability: a prospect and an existing client =="]
    lines.append(f"Scored on {on} with scorecard {card.fingerprint[:19]}…")
    prospect = _prospect()
    score = card.score(prospect, on=_ON)
    lines.extend(_explain("Prospect (founded 8 months ago)", score))
    terms = policy.recommend(score, prospect, requested=_eur("180000"))
    lines.append(
        f"  terms: {terms.max_payment_days} days, {terms.prepayment_share:%} prepaid, "
        f"limit {terms.credit_limit.format(locale)} ({terms.limited_by})"
    )
    client = _client(4, [])
    before = card.score(client, on=_ON)
    lines.extend(_explain("Existing client", before))
    terms = policy.recommend(before, client, requested=_eur("250000"))
    check = terms.check(_eur("60000"), exposure=client.exposure)
    lines.append(
        f"  terms: {terms.max_payment_days} days, limit "
        f"{terms.credit_limit.format(locale)}; a new order of "
        f"{check.order.format(locale)} "
        + ("fits." if check.fits else f"exceeds it by {check.excess.format(locale)}.")
    )
    later = _dt.date(2026, 12, 31)
    after = card.score(_client(50, [WarningSign.TAX_ARREARS]), on=later)
    change = compare_scores(before, after, card)
    lines.append(
        f"Six months later ({format_date(later, format='long', locale=locale)}): "
        f"score {after.value}, band {after.band}"
    )
    lines.extend(f"  alert: {alert.message}" for alert in change.alerts)
    return lines
