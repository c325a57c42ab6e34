"""Repeat orders feed the quota review: a count given, or counted from the
owner's deals won in the periods reviewed; the explanation says which."""

from __future__ import annotations

import attrs
import pendulum
import pytest

from accountcore.errors import ArgumentTypeError
from accountcore.money import Money
from accountcore.periods import FiscalCalendar, Period
from accountcore.pipeline import Deal
from accountcore.quotas import Attainment, Quota, QuotaReview, Standing, attainment
from accountcore.quotas.errors import QuotaReviewInputError
from tests.helpers import JAN_5, SALES, eur


def won(id: str, deal_type: str, days: int, owner: str = "ana", **kw: object) -> Deal:
    deal = SALES.new_deal(
        id, client_id="C-1", owner=owner, at=JAN_5, by=owner, deal_type=deal_type,
        amount=eur("1000.00"),
    )  # fmt: skip
    if kw.get("splits"):
        deal = deal.with_splits(kw["splits"], at=JAN_5, by=owner)  # type: ignore[arg-type]
    return SALES.advance(
        deal, "contract_signed", at=JAN_5.add(days=days), by=owner, force=True,
        reason="signed",
    )  # fmt: skip


def run(*achieved: str) -> list[Attainment]:
    return [
        attainment(Quota("ana", Period.month(2026, m), Money("100", "EUR")), eur(x))
        for m, x in enumerate(achieved, start=1)
    ]


def test_a_given_count_is_the_last_reason_and_does_not_change_the_standing() -> None:
    plain = QuotaReview().assess(run("80", "70"))
    fed = QuotaReview().assess(run("80", "70"), repeat_orders=4)

    assert fed.standing is plain.standing is Standing.PROBATION
    assert fed.reasons[:-1] == plain.reasons
    assert fed.reasons[-1] == "4 repeat orders in the periods reviewed (as given)"
    assert fed.repeat_orders == 4
    assert plain.repeat_orders is None
    assert fed.render("uk_UA")[-1] == (
        "4 повторні замовлення в переглянутих періодах (передана кількість)"
    )


def test_the_count_is_taken_from_the_owners_repeat_orders_won_in_the_periods() -> None:
    # JAN_5 is 5 January 09:00 in Tallinn (07:00 UTC)
    deals = [
        won("D-1", "repeat_order", 3),  # 8 Jan: counted
        won("D-2", "repeat_order", 30),  # 4 Feb: counted
        won("D-3", "renewal", 10),  # not a repeat order
        won("D-4", "repeat_order", 60),  # 6 Mar: outside January-February
        won("D-5", "repeat_order", 5, owner="bert"),  # another owner's
        won(
            "D-6", "repeat_order", 7, owner="bert", splits={"bert": "0.5", "ana": "0.5"}
        ),
    ]  # D-6 is shared with ana: counted for her too

    verdict = QuotaReview().assess(run("100", "120"), deals=deals, owner="ana")

    # D-1, D-2, D-6 = 3
    assert verdict.repeat_orders == 3
    assert verdict.reasons == (
        "2026-01: 100% of quota, met",
        "2026-02: 120% of quota, met",
        "3 repeat orders won in the periods reviewed (counted from the deals)",
    )
    assert verdict.render("lv_LV")[-1] == (
        "3 atkārtoti pasūtījumi, iegūti pārskatītajos periodos"
        " (saskaitīts pēc darījumiem)"
    )


def test_the_close_day_is_read_in_the_calendars_timezone() -> None:
    # closed 31 January 23:30 UTC: 1 February in Tallinn
    deal = SALES.new_deal("D-1", client_id="C-1", owner="ana", at=JAN_5, by="ana",
                          deal_type="repeat_order")  # fmt: skip
    deal = SALES.advance(
        deal, "contract_signed", at=pendulum.datetime(2026, 1, 31, 23, 30, tz="UTC"),
        by="ana", force=True, reason="signed",
    )  # fmt: skip
    january = run("100")
    tallinn = FiscalCalendar(timezone="Europe/Tallinn")

    in_utc = QuotaReview().assess(january, deals=[deal], owner="ana")
    in_tallinn = QuotaReview().assess(
        january, deals=[deal], owner="ana", calendar=tallinn
    )

    assert (in_utc.repeat_orders, in_tallinn.repeat_orders) == (1, 0)


def test_no_repeat_orders_still_says_so() -> None:
    verdict = QuotaReview().assess(run("100"), deals=[], owner="ana")

    assert verdict.reasons[-1] == (
        "0 repeat orders won in the periods reviewed (counted from the deals)"
    )


def test_a_count_and_deals_together_are_refused() -> None:
    with pytest.raises(QuotaReviewInputError, match=r"deals=.*not both"):
        QuotaReview().assess(run("100"), repeat_orders=1, deals=[], owner="ana")


def test_a_negative_count_is_refused_by_name() -> None:
    with pytest.raises(QuotaReviewInputError, match=r"repeat_orders=-2 .*0 or more"):
        QuotaReview().assess(run("100"), repeat_orders=-2)


@pytest.mark.parametrize("value", ["3", True, 2.0])
def test_a_count_that_is_no_int_is_refused_by_name(value: object) -> None:
    with pytest.raises(ArgumentTypeError, match="repeat_orders"):
        QuotaReview().assess(run("100"), repeat_orders=value)  # type: ignore[arg-type]


def test_deals_without_their_owner_are_refused() -> None:
    with pytest.raises(ArgumentTypeError, match="owner must be the owner"):
        QuotaReview().assess(run("100"), deals=[])


def test_deals_need_the_period_of_every_attainment() -> None:
    unknown = attainment(
        Quota("ana", Period.month(2026, 1), Money("100", "EUR")), eur("50")
    )
    unknown = attrs.evolve(unknown, period=None)
    with pytest.raises(QuotaReviewInputError, match=r"attainments=.*period of every"):
        QuotaReview().assess([unknown], deals=[], owner="ana")
