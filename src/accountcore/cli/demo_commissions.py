"""Demo section: a quarter's commissions for two account managers.

>>> lines = commissions_section("en_US")
>>> lines[1]
'== Commissions: a quarter for two account managers =='
"""

from __future__ import annotations

import datetime as _dt

from accountcore.commissions import (
    Accelerator,
    Activity,
    Band,
    BaseSalary,
    Basis,
    ClientHeld,
    CommissionPlan,
    Credit,
    Draw,
    HeldRate,
    NewClientBonus,
    PerClientHeld,
    Tier,
    Tiered,
    calculate_team,
)
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.quotas import Quota, attainment

__all__ = ["commissions_section"]


def _eur(amount: str) -> Money:
    return Money(amount, "EUR")


def commissions_section(locale: str) -> list[str]:
    """Two statements explained line by line, amounts in ``locale``."""
    quarter = Period.quarter(2026, 1)
    plan = CommissionPlan(
        "Account managers 2026",
        "EUR",
        (
            BaseSalary("salary", _eur("9000.00")),
            Tiered(
                "commission",
                (Tier("0", "1", "0.04"), Tier("1", None, "0.07")),
                basis=Basis.ATTAINMENT,
            ),
            Accelerator("kicker", (Band("1.2", None, "1.5"),)),
            NewClientBonus("new clients", _eur("300.00")),
            PerClientHeld("portfolio", (HeldRate(_eur("150.00"), tier="vip"),)),
            Draw("guarantee", "recoverable_guarantee", _eur("2000.00")),
        ),
        tier_weights={"vip": "1.2"},
    )
    day = _dt.date
    credits = [
        Credit(
            "D-101",
            "C-1",
            "anna",
            _eur("48000.00"),
            day(2026, 1, 14),
            "vip",
            is_new_client=True,
        ),
        Credit("D-102", "C-2", "anna", _eur("61000.00"), day(2026, 2, 3), "key"),
        Credit(
            "D-103",
            "C-3",
            "anna",
            _eur("27500.00"),
            day(2026, 3, 19),
            is_new_client=True,
        ),
        Credit("D-201", "C-4", "mart", _eur("22000.00"), day(2026, 2, 11), "key"),
        Credit("D-202", "C-5", "mart", _eur("9000.00"), day(2026, 3, 27)),
    ]
    quotas = [
        Quota("anna", quarter, _eur("100000.00")),
        Quota("mart", quarter, _eur("80000.00")),
    ]
    activities = {
        "anna": Activity(
            clients_held=(ClientHeld("C-1", "vip"), ClientHeld("C-2", "key"))
        ),
        "mart": Activity(clients_held=(ClientHeld("C-6", "vip"),)),
    }
    team = calculate_team(
        plan, credits, period=quarter, quotas=quotas, activities=activities
    )
    lines = ["", "== Commissions: a quarter for two account managers =="]
    lines.append(
        "Plan: salary, 4 % to quota and 7 % above (VIP credit counts 1.2x), x1.5 above "
        "120 %, 300 per new client, 150 per VIP held, a 2,000 recoverable guarantee."
    )
    by_owner = {q.owner: q for q in quotas}
    for owner, statement in team.items():
        credited = statement.credited or _eur("0")
        ratio = attainment(by_owner[owner], credited.rounded()).ratio
        lines.append(
            f"{owner}: credited {credited.rounded().format(locale)} against "
            f"{by_owner[owner].target.format(locale)} ({ratio:.1%})"  # type: ignore[union-attr]
        )
        lines.extend(statement.explain(locale)[1:])
        owed = statement.ledger.draw_balance
        if owed:
            lines.append(
                f"  carried to next quarter: {owed.format(locale)} owed on the guarantee"
            )
    return lines
