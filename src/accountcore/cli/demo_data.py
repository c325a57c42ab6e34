"""The demo's embedded data: one quarter (Q1 2026) at a small Tallinn company.

Two account managers, Anna and Mart, look after seven clients; three of them
start the quarter as prospects. Around the deals: two contracts (one of
them up for renewal next quarter), the contacts made with the key accounts,
a complaint, and the competitor a deal was lost to. Everything is built by
the library's own constructors from fixed values: no clock, no files. The
golden report tests use the same quarter.

>>> quarter = build_quarter()
>>> len(quarter.clients), len(quarter.deals), sorted(quarter.statements)
(7, 8, ['anna', 'mart'])
"""

from __future__ import annotations

import datetime as _dt

import attrs
import pendulum

from accountcore.clients import (
    Client,
    ClientKind,
    ClientTier,
    ContactRole,
    DealContact,
)
from accountcore.commissions import (
    Accelerator,
    Band,
    BaseSalary,
    Basis,
    ClientHeld,
    CommissionPlan,
    CommissionStatement,
    Draw,
    HeldRate,
    NewClientBonus,
    PerClientHeld,
    ServiceRecord,
    Tier,
    Tiered,
    calculate_team,
    credits_from,
)
from accountcore.competitors import CodedReason, Competitor, DealCompetition
from accountcore.complaints import (
    Complaint,
    ComplaintWorkflow,
    Resolution,
    ResolutionKind,
    Severity,
)
from accountcore.discounts import (
    ApprovalLevel,
    BuyGetFree,
    ClientFacts,
    Conditions,
    DiscountScheme,
    PercentOff,
    Policy,
    PriceQuote,
    QuoteLine,
    VolumeTier,
    VolumeTiers,
)
from accountcore.money import Money
from accountcore.periods import FiscalCalendar, Period
from accountcore.pipeline import (
    BillingPeriod,
    Contract,
    Deal,
    Pipeline,
    RenewalTerms,
    renewal_deal,
)
from accountcore.pipeline.errors import TransitionError
from accountcore.quotas import Quota
from accountcore.relationship import Activity, RhythmPolicy
from accountcore.reliability import (
    ClientProfile,
    FinancialStatements,
    PaymentRecord,
    ReliabilityScore,
    Scorecard,
    WarningSign,
)

__all__ = ["COMPANY", "TIMEZONE", "Quarter", "build_quarter"]

COMPANY = "Põhjanael OÜ"
"""The company of the story (a tools and fasteners wholesaler)."""

TIMEZONE = "Europe/Tallinn"
"""Where the company keeps its books."""

_CAL = FiscalCalendar(start_month=1, timezone=TIMEZONE)
_Q1 = Period.quarter(2026, 1)


def _eur(amount: str) -> Money:
    return Money(amount, "EUR")


def _at(month: int, day: int, hour: int = 10) -> _dt.datetime:
    return pendulum.datetime(2026, month, day, hour, tz=TIMEZONE)


@attrs.frozen
class Quarter:
    """Everything the story tells, built once.

    ``refused`` is the pipeline's refusal of one move (the error itself, so
    the story can show its reasons).
    """

    calendar: FiscalCalendar
    period: Period
    at: _dt.datetime
    pipeline: Pipeline
    clients: tuple[Client, ...]
    deals: tuple[Deal, ...]
    scores: tuple[ReliabilityScore, ...]
    refused: TransitionError
    refused_stage: str
    refused_at: _dt.datetime
    scheme: DiscountScheme
    quote: PriceQuote
    quotas: tuple[Quota, ...]
    plan: CommissionPlan
    statements: dict[str, CommissionStatement]
    contracts: tuple[Contract, ...]
    renewal: Deal
    activities: tuple[Activity, ...]
    rhythm: RhythmPolicy
    complaint: Complaint
    competition: tuple[DealCompetition, ...]


def _clients() -> tuple[Client, ...]:
    corp = ClientKind.CORPORATE
    since = pendulum.datetime
    baltic = Client.existing(
        "C-1",
        "Baltic Build AS",
        kind=corp,
        owner="anna",
        at=since(2019, 2, 1, tz=TIMEZONE),
        tier=ClientTier.KEY,
    )
    riga = Client.existing(
        "C-2",
        "Rīgas Koks SIA",
        kind=corp,
        owner="anna",
        at=since(2021, 5, 10, tz=TIMEZONE),
        tier=ClientTier.VIP,
    )
    kaunas = Client.existing(
        "C-3",
        "Kauno Metalas UAB",
        kind=corp,
        owner="mart",
        at=since(2023, 9, 4, tz=TIMEZONE),
        tier=ClientTier.KEY,
    )
    tartu = Client.existing(
        "C-4",
        "Tartu Kodu OÜ",
        kind=corp,
        owner="mart",
        at=since(2022, 3, 15, tz=TIMEZONE),
    )
    nordic = Client.prospect(
        "C-5",
        "Nordic Start OÜ",
        kind=corp,
        owner="anna",
        at=_at(1, 8),
        referred_by="C-1",
    ).activate(at=_at(3, 12, 15), by="anna")
    parnu = Client.prospect(
        "C-6", "Pärnu Marine OÜ", kind=corp, owner="mart", at=_at(1, 20)
    ).activate(at=_at(3, 27, 14), by="mart")
    vilnius = Client.prospect(
        "C-7", "Vilniaus Statyba UAB", kind=corp, owner="mart", at=_at(2, 2)
    )
    return (baltic, riga, kaunas, tartu, nordic, parnu, vilnius)


_BUYERS = {
    client: (DealContact(f"P-{client[2:]}1", ContactRole.DECISION_MAKER),)
    for client in ("C-1", "C-2", "C-3", "C-4", "C-5", "C-6", "C-7")
}
"""Who decides at each client (the contact persons are not embedded: the
story names no one)."""

_PATHS = {
    "won": ("needs", "presentation", "negotiation", "contract_signed"),
    "negotiation": ("needs", "presentation", "negotiation"),
    "needs": ("needs",),
    "lost": ("needs", "presentation", "lost"),
}


def _deals(sales: Pipeline) -> tuple[tuple[Deal, ...], TransitionError, str]:
    # id, client, owner, amount, opened, path, last move, expected close
    plans = [
        ("D-101", "C-1", "anna", "48000.00", (1, 5), "won", (1, 28), (1, 31)),
        ("D-102", "C-2", "anna", "61000.00", (1, 12), "won", (2, 20), (2, 27)),
        ("D-103", "C-5", "anna", "27500.00", (1, 19), "won", (3, 12), (3, 20)),
        ("D-104", "C-1", "anna", "35000.00", (2, 23), "negotiation", (3, 24), (4, 30)),
        ("D-201", "C-3", "mart", "22000.00", (1, 7), "won", (2, 11), (2, 15)),
        ("D-202", "C-6", "mart", "9000.00", (2, 2), "won", (3, 27), (3, 31)),
        ("D-203", "C-4", "mart", "19990.00", (1, 26), "lost", (3, 5), (3, 15)),
        ("D-204", "C-7", "mart", "15000.00", (2, 9), "needs", (2, 16), (6, 30)),
    ]
    deals = []
    for id, client, owner, amount, opened, path, last, close in plans:
        start, end = _at(*opened), _at(*last)
        deal = sales.new_deal(
            id,
            client_id=client,
            owner=owner,
            at=start,
            by=owner,
            amount=_eur(amount),
            expected_close=_dt.date(2026, *close),
            contacts=() if path == "needs" else _BUYERS[client],
        )
        steps = _PATHS[path]
        gap = (end - start) / len(steps)
        for n, stage in enumerate(steps, start=1):
            when = end if n == len(steps) else start + gap * n
            reason = "price" if stage == "lost" else None  # a LOST_REASONS code
            deal = sales.advance(deal, stage, at=when, by=owner, reason=reason)
        deals.append(deal)
    target = "presentation"
    try:
        sales.advance(deals[-1], target, at=_at(3, 2), by=deals[-1].owner)
    except TransitionError as error:
        refused = error
    else:  # pragma: no cover - the default pipeline requires a contact
        raise AssertionError("the demo's refused move was accepted")
    return tuple(deals), refused, target


def _payments(days_late: int) -> list[PaymentRecord]:
    payments = []
    for month in range(12):
        issued = _dt.date(2025, 1, 6) + _dt.timedelta(days=30 * month)
        due = issued + _dt.timedelta(days=30)
        payments.append(
            PaymentRecord(
                _eur("8000"), issued, due, due + _dt.timedelta(days=days_late)
            )
        )
    return payments


def _scores() -> tuple[ReliabilityScore, ...]:
    card = Scorecard.default()
    on = _dt.date(2026, 3, 31)
    nordic = ClientProfile(
        "EUR",
        client_id="C-5",
        founded=_dt.date(2017, 4, 3),
        employees=24,
        annual_revenue=_eur("2100000"),
        financials=FinancialStatements(
            current_assets=_eur("640000"),
            current_liabilities=_eur("410000"),
            total_assets=_eur("1500000"),
            total_liabilities=_eur("820000"),
            retained_earnings=_eur("300000"),
            ebit=_eur("160000"),
            book_equity=_eur("680000"),
            sales=_eur("2100000"),
            tangible_net_worth=_eur("600000"),
        ),
        payments=_payments(2),
        open_receivables=_eur("8000"),
        warning_signs=[],  # checked: none found
    )
    parnu = ClientProfile(
        "EUR",
        client_id="C-6",
        founded=_dt.date(2021, 6, 1),
        employees=9,
        annual_revenue=_eur("700000"),
        payments=_payments(12),
        open_receivables=_eur("9000"),
        warning_signs=[],  # checked: none found
    )
    vilnius = ClientProfile(
        "EUR",
        client_id="C-7",
        founded=_dt.date(2025, 10, 14),
        employees=3,
        unbilled_orders=_eur("15000"),
        warning_signs=[WarningSign.LARGE_FIRST_ORDER, WarningSign.PREPAYMENT_REFUSED],
    )
    return tuple(card.score(profile, on=on) for profile in (nordic, parnu, vilnius))


def _scheme() -> DiscountScheme:
    return DiscountScheme(
        "Tools 2026",
        "EUR",
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
        ],
        policy=Policy.ADDITIVE,
        max_discount_percent=30,
        margin_floor_percent=15,
        approvals=[
            ApprovalLevel("manager", 10),
            ApprovalLevel("director", 20),
            ApprovalLevel("not allowed", 30, allowed=False),
        ],
        timezone=TIMEZONE,
    )


def _quote(scheme: DiscountScheme, key: Client) -> PriceQuote:
    lines = [
        QuoteLine(
            "drill", 22, _eur("89.90"), category="tools", unit_cost=_eur("52.00")
        ),
        QuoteLine(
            "bit set", 6, _eur("24.50"), category="tools", unit_cost=_eur("9.80")
        ),
        QuoteLine("safety glasses", 10, _eur("12.00"), category="safety"),
    ]
    facts = ClientFacts.of(key, first_won_on=_dt.date(2019, 3, 14))
    return scheme.quote(lines, client=facts, on=_dt.date(2026, 3, 3))


def _plan() -> CommissionPlan:
    return CommissionPlan(
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


def _contracts(deals: tuple[Deal, ...]) -> tuple[Contract, ...]:
    """Baltic Build's supply contract from its won deal (renews itself, a
    year away) and Rīgas Koks's service contract of last June, which simply
    ends on 31 May: the one renewal to prepare next quarter."""
    won = next(d for d in deals if d.id == "D-101")
    baltic = Contract.from_deal(
        won,
        id="K-11",
        start=_dt.date(2026, 2, 1),
        end=_dt.date(2027, 1, 31),
        value=_eur("4000.00"),
        renewal=RenewalTerms.AUTOMATIC,
    )
    riga = Contract(
        "K-12",
        "C-2",
        "anna",
        _dt.date(2025, 6, 1),
        _dt.date(2026, 5, 31),
        _eur("2000.00"),
        per=BillingPeriod.MONTH,
        renewal=RenewalTerms.NONE,
    )
    return (baltic, riga)


def _activities() -> tuple[Activity, ...]:
    """The contacts on record with the key accounts: Anna met Baltic Build
    on 24 March; Mart last reached Kauno Metalas on 25 February (his call
    of 20 March went unanswered, which is no contact)."""
    return (
        Activity("A-31", "meeting", "C-1", "anna", _at(3, 24), deal_id="D-104"),
        Activity("A-32", "call", "C-3", "mart", _at(2, 25, 11)),
        Activity("A-33", "call", "C-3", "mart", _at(3, 20, 15), outcome="no_reply"),
    )


def _complaint() -> Complaint:
    """Nordic Start's complaint about a wet delivery: received 16 March at
    9:00, acknowledged at 10:00 (1 hour; high severity allows 4), resolved
    by a replacement on 18 March at 15:00 (54 hours; 72 allowed)."""
    flow = ComplaintWorkflow.default()
    complaint = flow.receive(
        "R-7",
        client_id="C-5",
        category="delivery",
        severity=Severity.HIGH,
        description="Two pallets of screws arrived wet.",
        at=_at(3, 16, 9),
        by="anna",
        owner="anna",
    )
    complaint = flow.advance(complaint, "acknowledged", at=_at(3, 16, 10), by="anna")
    complaint = flow.advance(complaint, "investigating", at=_at(3, 16, 14), by="anna")
    replaced = Resolution(ResolutionKind.REPLACEMENT, _eur("640.00"))
    return flow.resolve(complaint, replaced, at=_at(3, 18, 15), by="anna")


def _competition() -> tuple[DealCompetition, ...]:
    """Tartu Kodu's deal went to Nordline AS, whose offer was lower."""
    return (
        DealCompetition(
            "D-203",
            (Competitor("Nordline AS", _eur("17900.00")),),
            lost_reason=CodedReason("price"),
            lost_to="Nordline AS",
        ),
    )


def build_quarter() -> Quarter:
    """The whole quarter, built from the embedded values (pure)."""
    sales = Pipeline.default()
    clients = _clients()
    deals, refused, refused_stage = _deals(sales)
    scheme = _scheme()
    quote = _quote(scheme, clients[0])
    quotas = (
        Quota("anna", _Q1, _eur("100000.00")),
        Quota("mart", _Q1, _eur("80000.00")),
    )
    plan = _plan()
    contracts = _contracts(deals)
    # the deals before the quarter are not embedded: a client is new when it
    # was a prospect activated this quarter
    fresh = {c.id for c in clients if c.history and c.history[0].before == "prospect"}
    credits = tuple(
        attrs.evolve(credit, is_new_client=credit.client_id in fresh)
        for credit in credits_from(deals, period=_Q1, calendar=_CAL, clients=clients)
    )
    held = {
        owner: ServiceRecord(
            clients_held=tuple(
                ClientHeld(c.id, c.tier.value)
                for c in clients
                if c.owner == owner and c.status.value == "active"
            )
        )
        for owner in ("anna", "mart")
    }
    statements = calculate_team(
        plan, credits, period=_Q1, quotas=quotas, activities=held
    )
    return Quarter(
        _CAL,
        _Q1,
        _at(3, 31, 18),
        sales,
        clients,
        deals,
        _scores(),
        refused,
        refused_stage,
        _at(3, 2),
        scheme,
        quote,
        quotas,
        plan,
        statements,
        contracts,
        renewal_deal(
            contracts[1], sales, id="D-105", at=_at(3, 31, 12), by=contracts[1].owner
        ),
        _activities(),
        RhythmPolicy({ClientTier.KEY: 14}),
        _complaint(),
        _competition(),
    )
