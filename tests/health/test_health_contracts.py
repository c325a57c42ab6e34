"""Account health reads contracts: the renewal proximity factor takes the
day to act from the client's Contract objects, as it takes a plain date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from accountcore.health import AccountHealth, AccountProfile, RenewalProximity
from accountcore.money import Money
from accountcore.pipeline import BillingPeriod, Contract, RenewalTerms
from accountcore.reliability.errors import InvalidProfileError

ON = dt.date(2026, 4, 1)


def contract(
    id: str,
    start: dt.date,
    end: dt.date,
    *,
    client_id: str = "C-1",
    renewal: RenewalTerms = RenewalTerms.NONE,
    notice_days: int = 0,
) -> Contract:
    return Contract(
        id,
        client_id,
        "anna",
        start,
        end,
        Money("12000.00", "EUR"),
        per=BillingPeriod.YEAR,
        renewal=renewal,
        notice_days=notice_days,
    )


NOTICE = contract(
    "K-1",
    dt.date(2025, 7, 1),
    dt.date(2026, 6, 30),
    renewal=RenewalTerms.NOTICE,
    notice_days=60,
)


def test_a_notice_contract_is_judged_on_its_notice_date() -> None:
    # 30 June − 60 days = 1 May; 1 April → 1 May is 30 days:
    # 50 × (90 − 30) / 90 = 33.33 lost, 66.67 left
    profile = AccountProfile("EUR", client_id="C-1", contracts=[NOTICE])
    assert profile.renewal_on(ON) == dt.date(2026, 5, 1)
    result = RenewalProximity().assess(profile, ON)
    assert result.points == Decimal("66.67")


def test_the_contract_gives_what_the_same_plain_date_gives() -> None:
    by_contract = AccountProfile("EUR", client_id="C-1", contracts=[NOTICE])
    by_date = AccountProfile("EUR", client_id="C-1", renewal=dt.date(2026, 5, 1))
    factor = RenewalProximity()
    assert factor.assess(by_contract, ON) == factor.assess(by_date, ON)
    health = AccountHealth.assess(by_contract, on=ON)
    assert health.value == AccountHealth.assess(by_date, on=ON).value


def test_the_earliest_day_to_act_of_the_clients_own_contracts_counts() -> None:
    later = contract("K-2", dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    other = contract("K-9", dt.date(2025, 5, 1), dt.date(2026, 4, 10), client_id="C-2")
    profile = AccountProfile("EUR", client_id="C-1", contracts=[later, other, NOTICE])
    # K-1's 1 May comes before K-2's 31 December; C-2's 10 April is not C-1's
    assert profile.renewal_on(ON) == dt.date(2026, 5, 1)


def test_an_automatic_contract_renewed_already_is_judged_on_its_next_term() -> None:
    auto = contract(
        "K-3",
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
        renewal=RenewalTerms.AUTOMATIC,
    )
    profile = AccountProfile("EUR", client_id="C-1", contracts=[auto])
    # a 365-day term; the 31 Dec 2025 passed, so one term on: 31 Dec 2026,
    # 274 days after 1 April, beyond the 90-day window: nothing lost
    assert profile.renewal_on(ON) == dt.date(2026, 12, 31)
    assert RenewalProximity().assess(profile, ON).points == Decimal(100)


def test_a_contract_that_ran_out_unrenewed_loses_all() -> None:
    ended = contract("K-4", dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    profile = AccountProfile("EUR", client_id="C-1", contracts=[ended])
    assert profile.renewal_on(ON) == dt.date(2025, 12, 31)
    assert RenewalProximity().assess(profile, ON).points == Decimal(0)


def test_no_contract_of_the_client_is_missing_data() -> None:
    other = contract("K-9", dt.date(2026, 1, 1), dt.date(2026, 12, 31), client_id="C-2")
    profile = AccountProfile("EUR", client_id="C-1", contracts=[other])
    assert profile.renewal_on(ON) is None
    assert RenewalProximity().assess(profile, ON).is_missing


def test_the_renewal_date_and_the_contracts_together_are_refused() -> None:
    with pytest.raises(InvalidProfileError) as caught:
        AccountProfile("EUR", renewal=dt.date(2026, 5, 1), contracts=[NOTICE])
    assert "2026-05-01" in str(caught.value)
    assert "not both" in str(caught.value)


def test_contracts_must_be_contracts() -> None:
    with pytest.raises(InvalidProfileError) as caught:
        AccountProfile("EUR", contracts=["K-1"])
    assert "contracts[0]" in str(caught.value)
    assert "'K-1'" in str(caught.value)
