"""Client reliability: profiles, payment index, Altman Z, scorecard, terms, monitoring."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from helpers import eur
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore.errors import (
    AmountTypeError,
    ArgumentTypeError,
    CurrencyMismatchError,
    DefinitionError,
    StructureError,
    UnknownKeyError,
)
from accountcore.money import Money
from accountcore.reliability import (
    AltmanModel,
    AltmanZone,
    BandTerms,
    ClientProfile,
    CreditPolicy,
    CreditTerms,
    FactorResult,
    FactorWeight,
    FinancialStatements,
    FinancialStrength,
    Finding,
    MaterialSecurity,
    PaymentBehaviour,
    PaymentRecord,
    ReliabilityBand,
    ReliabilityScore,
    Scorecard,
    ScoreChange,
    Stability,
    WarningSign,
    WarningSigns,
    altman_z,
    compare_scores,
    days_beyond_terms,
    factor_class,
    factor_kind,
    payment_index,
    register_factor,
)
from accountcore.reliability.errors import InvalidProfileError, ScoreComparisonError
from accountcore.reliability.scorecard import Reason as ScorecardReason
from accountcore.serialization import from_json, structure, to_json, unstructure
from accountcore.testing.reliability import (
    client_profiles,
    financial_statements,
    payment_records,
    warning_signs,
)

ON = dt.date(2026, 6, 30)
CARD = Scorecard.default()


def invoice(
    amount: str, issued: dt.date, days_late: int | None, terms: int = 30
) -> PaymentRecord:
    due = issued + dt.timedelta(days=terms)
    paid = None if days_late is None else due + dt.timedelta(days=days_late)
    return PaymentRecord(eur(amount), issued, due, paid)


SAMPLE = FinancialStatements(
    current_assets=eur(400_000),
    current_liabilities=eur(250_000),
    total_assets=eur(1_000_000),
    total_liabilities=eur(550_000),
    retained_earnings=eur(200_000),
    ebit=eur(80_000),
    book_equity=eur(450_000),
    sales=eur(1_500_000),
    tangible_net_worth=eur(400_000),
)


# --- payment index ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "index"),
    [(-30, "100.00"), (0, "80.00"), (30, "50.00"), (120, "20.00")],
)
def test_payment_index_hits_each_published_anchor(days: int, index: str) -> None:
    result = payment_index(days)

    assert result == Decimal(index)


@pytest.mark.parametrize(
    ("days", "index"),
    [
        (-15, "90.00"),  # halfway 80 → 100
        (10, "70.00"),  # 80 - 10
        (75, "35.00"),  # halfway 50 → 20
        (-90, "100.00"),  # clamped at the top
        (150, "10.00"),  # last slope goes on: 20 - 30/3
        (400, "1.00"),  # clamped at the bottom
    ],
)
def test_payment_index_is_linear_between_anchors_and_clamped_outside(
    days: int, index: str
) -> None:
    result = payment_index(days)

    assert result == Decimal(index)


def test_days_beyond_terms_weigh_three_invoices_by_amount() -> None:
    records = [
        invoice("1000", dt.date(2026, 1, 1), 10),  # 10 days late
        invoice("3000", dt.date(2026, 2, 1), 0),  # on time
        invoice("6000", dt.date(2026, 3, 1), -5),  # 5 days early
    ]

    days, count = days_beyond_terms(records, ON)

    # (1000·10 + 3000·0 + 6000·(-5)) / (1000 + 3000 + 6000) = -20000 / 10000 = -2
    assert (days, count) == (Decimal(-2), 3)
    # on the early segment: 80 + 2·(20/30) = 81.333… → 81.33
    assert payment_index(days) == Decimal("81.33")


def test_open_invoice_past_due_counts_as_late_up_to_the_scoring_date() -> None:
    records = [
        invoice(
            "100", dt.date(2026, 5, 1), None
        ),  # due 31 May, open: 30 days late on 30 June
        invoice("100", dt.date(2026, 6, 20), None),  # not yet due: tells nothing
        invoice("100", dt.date(2026, 7, 5), 0),  # issued after the scoring date
    ]

    days, count = days_beyond_terms(records, ON)

    assert (days, count) == (Decimal(30), 1)


def test_a_payment_after_the_scoring_date_is_not_yet_known() -> None:
    record = invoice("100", dt.date(2026, 5, 1), 40)  # due 31 May, paid 10 July

    assert record.days_beyond_terms(ON) == 30
    assert record.days_beyond_terms(dt.date(2026, 7, 31)) == 40


def test_too_few_payment_records_are_missing_data_scored_neutral() -> None:
    profile = ClientProfile(
        "EUR", payments=[invoice("100", dt.date(2026, 1, 1), 90)] * 2
    )

    score = CARD.score(profile, on=ON)

    payment = score.factor("payment")
    assert payment is not None
    assert (payment.points, payment.coverage) == (None, Decimal(0))
    assert score.reasons[0].code == "payment.missing"
    assert score.reasons[0].points == Decimal("17.50")  # 0.35 · (100 - 50)


# --- Altman Z -----------------------------------------------------------------------


def test_altman_z_double_prime_of_a_sample_balance_sheet() -> None:
    score = altman_z(SAMPLE)

    # X1 = (400 000 - 250 000) / 1 000 000 = 0.15
    # X2 = 200 000 / 1 000 000 = 0.20
    # X3 = 80 000 / 1 000 000 = 0.08
    # X4 = 450 000 / 550 000 = 0.818181…
    # Z'' = 6.56·0.15 + 3.26·0.20 + 6.72·0.08 + 1.05·0.818181…
    #     = 0.984 + 0.652 + 0.5376 + 0.859090… = 3.032690… → safe (> 2.60)
    assert score is not None
    assert score.model is AltmanModel.Z_DOUBLE_PRIME
    assert score.z.quantize(Decimal("0.000001")) == Decimal("3.032691")
    assert score.zone is AltmanZone.SAFE


def test_altman_z_prime_is_used_for_manufacturers() -> None:
    score = altman_z(SAMPLE, manufacturing=True)

    # Z' = 0.717·0.15 + 0.847·0.20 + 3.107·0.08 + 0.420·0.818181… + 0.998·1.5
    #    = 0.10755 + 0.1694 + 0.24856 + 0.343636… + 1.497 = 2.366146… → grey
    assert score is not None
    assert score.model is AltmanModel.Z_PRIME
    assert score.z.quantize(Decimal("0.000001")) == Decimal("2.366146")
    assert score.zone is AltmanZone.GREY


@pytest.mark.parametrize(
    ("model", "z", "zone"),
    [
        (AltmanModel.Z_DOUBLE_PRIME, "2.61", AltmanZone.SAFE),
        (AltmanModel.Z_DOUBLE_PRIME, "2.60", AltmanZone.GREY),
        (AltmanModel.Z_DOUBLE_PRIME, "1.10", AltmanZone.GREY),
        (AltmanModel.Z_DOUBLE_PRIME, "1.0999", AltmanZone.DISTRESS),
        (AltmanModel.Z_PRIME, "2.9001", AltmanZone.SAFE),
        (AltmanModel.Z_PRIME, "2.90", AltmanZone.GREY),
        (AltmanModel.Z_PRIME, "1.23", AltmanZone.GREY),
        (AltmanModel.Z_PRIME, "1.2299", AltmanZone.DISTRESS),
    ],
)
def test_a_z_exactly_on_a_cutoff_is_in_the_grey_zone(
    model: AltmanModel, z: str, zone: AltmanZone
) -> None:
    assert model.zone_of(Decimal(z)) is zone


def test_altman_zone_boundary_reached_through_a_balance_sheet() -> None:
    # Only X4 is non-zero: Z'' = 1.05 · equity / liabilities = 1.10 needs
    # equity / liabilities = 1.10 / 1.05; with liabilities 1050, equity 1100.
    statements = FinancialStatements(
        current_assets=eur(0),
        current_liabilities=eur(0),
        total_assets=eur(5000),
        total_liabilities=eur(1050),
        retained_earnings=eur(0),
        ebit=eur(0),
        book_equity=eur(1100),
    )

    score = altman_z(statements)

    assert score is not None
    assert score.z == Decimal("1.10")
    assert score.zone is AltmanZone.GREY


def test_financial_points_are_continuous_at_the_zone_cutoffs() -> None:
    low, high = Decimal("1.10"), Decimal("2.60")

    points = [
        FinancialStrength.points_for(Decimal(z), low, high)
        for z in ("-1", "0.55", "1.10", "1.85", "2.60", "4.10", "9")
    ]

    assert points == [
        Decimal(p)
        for p in ("0.00", "15.00", "30.00", "50.00", "70.00", "100.00", "100.00")
    ]


def test_incomplete_statements_leave_financial_strength_missing() -> None:
    profile = ClientProfile("EUR", financials=attrs.evolve(SAMPLE, ebit=None))

    score = CARD.score(profile, on=ON)

    assert any(reason.code == "financial.missing" for reason in score.reasons)


# --- the score ------------------------------------------------------------------------


def _good_client(**changes: object) -> ClientProfile:
    payments = [
        invoice("1000", dt.date(2025, 1, 1) + dt.timedelta(days=30 * i), 0)
        for i in range(12)
    ]
    profile = ClientProfile(
        "EUR",
        client_id="c-1",
        founded=dt.date(2008, 4, 1),
        employees=120,
        annual_revenue=eur(3_000_000),
        financials=SAMPLE,
        payments=payments,
        open_receivables=eur(20_000),
        unbilled_orders=eur(5_000),
        warning_signs=[],  # checked: none found
    )
    return attrs.evolve(profile, **changes)


def test_a_prompt_payer_with_safe_financials_scores_band_a_with_full_confidence() -> (
    None
):
    score = CARD.score(_good_client(), on=ON)

    # payment 80 (on time) · 0.35 = 28; financial: Z'' 3.0327 → 70 + 30·0.4327/1.5
    # = 78.65 · 0.25 = 19.6625; security: 25 000 / 400 000 = 0.0625 ≤ 0.10 → 100 · 0.10
    # = 10; stability (100 + 85) / 2 = 92.5 · 0.10 = 9.25; warnings 100 · 0.20 = 20
    # total 28 + 19.6625 + 10 + 9.25 + 20 = 86.9125 → 86.91
    assert score.value == Decimal("86.91")
    assert score.band == "A"
    assert score.confidence == Decimal("1.00")
    assert score.hints == ()
    assert [reason.code for reason in score.reasons] == [
        "payment.days_beyond_terms",
        "financial.safe_zone",
        "stability.size",
    ]
    assert score.reasons[0].points == Decimal("7.00")  # 0.35 · (100 - 80)
    assert score.fingerprint == CARD.fingerprint


def test_insolvency_proceedings_force_band_e_whatever_the_rest() -> None:
    profile = _good_client(warning_signs=[WarningSign.INSOLVENCY_PROCEEDINGS])

    score = CARD.score(profile, on=ON)

    # 86.91 - 0.20 · 100 = 66.91, capped just below band E's top (35)
    assert (score.band, score.knockout, score.value) == ("E", True, Decimal("34.99"))
    assert score.reasons[0].code == "warnings.insolvency_proceedings"
    assert [hint.code for hint in score.hints] == ["warnings.insolvency_proceedings"]


def test_hints_name_what_would_reach_the_next_band() -> None:
    late = [
        invoice("1000", dt.date(2025, 1, 1) + dt.timedelta(days=30 * i), 60)
        for i in range(12)
    ]
    profile = _good_client(payments=late)

    score = CARD.score(profile, on=ON)

    # payment index at 60 days: 50 - 30/3 = 40 → loses 0.35 · 60 = 21 points
    # value 86.9125 - 21 + 7 = 72.9125 → 72.91, band B; A needs 7.09 more
    assert (score.value, score.band) == (Decimal("72.91"), "B")
    assert [hint.code for hint in score.hints] == ["payment.days_beyond_terms"]
    assert score.hints[0].points == Decimal("21.00")


def test_a_profile_with_nothing_known_is_neutral_with_confidence_zero() -> None:
    score = CARD.score(ClientProfile("EUR"), on=ON)

    # every factor is missing, warning signs too (not checked: None): each
    # scores neutral 50, so 50 · (0.35 + 0.25 + 0.10 + 0.10 + 0.20) = 50.00,
    # band C (50–65), confidence 0. Before warning signs could be unknown, the
    # empty default scored as checked and clean: 0.80 · 50 + 0.20 · 100 = 60.00,
    # confidence 0.20
    assert (score.value, score.band, score.confidence) == (
        Decimal("50.00"),
        "C",
        Decimal("0.00"),
    )
    assert [factor.points for factor in score.factors] == [None] * 5
    assert "warnings.missing" in [reason.code for reason in score.reasons]


def test_warning_signs_checked_and_none_found_score_full_points() -> None:
    score = CARD.score(ClientProfile("EUR", warning_signs=[]), on=ON)

    # 0.80 of the weight missing → 50 each = 40; warnings checked, none → 100 ·
    # 0.20 = 20; total 60.00, confidence 0.20 (the weight of what was known)
    assert (score.value, score.band, score.confidence) == (
        Decimal("60.00"),
        "C",
        Decimal("0.20"),
    )


def test_scoring_needs_a_calendar_date() -> None:
    with pytest.raises(ValueError, match=r"on=datetime\.datetime\(2026, 6, 30"):
        CARD.score(ClientProfile("EUR"), on=dt.datetime(2026, 6, 30))  # type: ignore[arg-type]


def test_a_company_founded_after_the_scoring_date_is_refused() -> None:
    profile = ClientProfile("EUR", founded=dt.date(2027, 1, 1))

    with pytest.raises(InvalidProfileError, match="founded=2027-01-01"):
        CARD.score(profile, on=ON)


# --- properties -------------------------------------------------------------------------


@settings(max_examples=150)
@given(client_profiles(on=ON), st.randoms(use_true_random=False))
def test_score_is_deterministic_and_independent_of_record_order(
    profile: ClientProfile, random: object
) -> None:
    shuffled = list(profile.payments)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    signs = profile.warning_signs
    other = attrs.evolve(
        profile,
        payments=shuffled,
        warning_signs=None if signs is None else reversed(signs),
    )

    first, second = CARD.score(profile, on=ON), CARD.score(other, on=ON)

    assert first == second
    assert to_json(first) == to_json(second)
    assert 0 <= first.value <= 100


@settings(max_examples=150)
@given(client_profiles(on=ON), st.sampled_from(list(WarningSign)))
def test_adding_a_warning_sign_never_raises_the_score(
    profile: ClientProfile, sign: WarningSign
) -> None:
    # among checked signs: a first check (from None, scored neutral) is new
    # data and may go either way, like a third invoice
    checked = attrs.evolve(profile, warning_signs=profile.warning_signs or ())
    worse = attrs.evolve(checked, warning_signs=(*checked.warning_signs, sign))

    before, after = CARD.score(checked, on=ON), CARD.score(worse, on=ON)

    assert after.value <= before.value
    ranks = "ABCDE"
    assert ranks.index(after.band) >= ranks.index(before.band)


@settings(max_examples=150)
@given(
    client_profiles(on=ON),
    st.lists(payment_records(on=dt.date(2026, 1, 1)), min_size=3, max_size=20),
    st.data(),
)
def test_better_payment_never_lowers_the_score(
    profile: ClientProfile, records: list[PaymentRecord], data: st.DataObject
) -> None:
    """Paying any invoice earlier (all else equal) never lowers the score.

    Records are issued before 1 January and paid by the scoring date, so the
    set of counted invoices stays the same.
    """
    paid = [
        attrs.evolve(r, paid=r.paid or r.due + dt.timedelta(days=30)) for r in records
    ]
    earlier = [
        attrs.evolve(
            r,
            paid=max(
                r.issued, r.paid - dt.timedelta(days=data.draw(st.integers(0, 60)))
            ),  # type: ignore[operator]
        )
        for r in paid
    ]

    before = CARD.score(attrs.evolve(profile, payments=paid), on=ON)
    after = CARD.score(attrs.evolve(profile, payments=earlier), on=ON)

    assert after.value >= before.value


@settings(max_examples=100)
@given(financial_statements(), warning_signs())
def test_profiles_round_trip_through_json(
    statements: FinancialStatements, signs: tuple[WarningSign, ...]
) -> None:
    profile = _good_client(financials=statements, warning_signs=signs)

    again = from_json(to_json(profile), ClientProfile)

    assert again == profile


# --- invalid profiles -------------------------------------------------------------------


def test_negative_total_assets_are_refused_naming_the_value() -> None:
    with pytest.raises(InvalidProfileError, match=r"financials\.total_assets=-1 EUR"):
        FinancialStatements(total_assets=eur(-1))


def test_current_assets_above_total_assets_are_refused() -> None:
    with pytest.raises(
        InvalidProfileError, match=r"current_assets=900 EUR .* total_assets=800 EUR"
    ):
        FinancialStatements(current_assets=eur(900), total_assets=eur(800))


def test_a_payment_before_its_invoice_date_is_refused() -> None:
    with pytest.raises(
        InvalidProfileError, match=r"paid=2026-02-28 .* issued=2026-03-01"
    ):
        PaymentRecord(
            eur(10), dt.date(2026, 3, 1), dt.date(2026, 3, 31), dt.date(2026, 2, 28)
        )


def test_a_due_date_before_the_invoice_date_is_refused() -> None:
    with pytest.raises(InvalidProfileError, match="due=2026-02-01"):
        PaymentRecord(eur(10), dt.date(2026, 3, 1), dt.date(2026, 2, 1))


def test_a_zero_invoice_is_refused() -> None:
    with pytest.raises(InvalidProfileError, match="amount=0 EUR"):
        PaymentRecord(eur(0), dt.date(2026, 3, 1), dt.date(2026, 3, 1))


def test_mixed_currencies_are_refused_naming_both() -> None:
    record = PaymentRecord(
        Money("10", "USD"), dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    )

    with pytest.raises(
        InvalidProfileError, match=r"payments\[0\]\.amount=10 USD .* USD .* EUR"
    ):
        ClientProfile("EUR", payments=[record])


def test_statements_in_another_currency_are_refused() -> None:
    with pytest.raises(
        InvalidProfileError, match=r"financials\.sales=5 USD .*currency EUR"
    ):
        ClientProfile("EUR", financials=FinancialStatements(sales=Money(5, "USD")))


def test_negative_head_count_and_negative_exposure_are_refused() -> None:
    with pytest.raises(InvalidProfileError, match="employees=-1"):
        ClientProfile("EUR", employees=-1)
    with pytest.raises(InvalidProfileError, match="open_receivables=-5 EUR"):
        ClientProfile("EUR", open_receivables=eur(-5))


def test_a_warning_sign_must_be_a_member_of_the_enum() -> None:
    with pytest.raises(InvalidProfileError, match="'tax'"):
        ClientProfile("EUR", warning_signs=["tax"])  # type: ignore[list-item]


def test_bad_profile_data_fails_to_structure_naming_the_field() -> None:
    data = unstructure(_good_client())
    data["payments"][0]["paid"] = "2020-01-01"

    with pytest.raises(StructureError, match="paid=2020-01-01"):
        structure(data, ClientProfile)


# --- the scorecard definition -------------------------------------------------------------


def test_a_scorecard_lists_every_fault_at_once() -> None:
    with pytest.raises(DefinitionError) as caught:
        Scorecard(
            "broken",
            (FactorWeight(Stability(), "0.6"), FactorWeight(Stability(), "0.6")),
            bands=(
                ReliabilityBand("A", 60, 100),
                ReliabilityBand("B", 20, 50),
                ReliabilityBand("C", 0, 25),
            ),
            neutral=120,
        )

    assert caught.value.faults == (
        "weights sum to 1.2, not 1",
        "factor code 'stability' is used 2 times",
        "bands 'C' and 'B' overlap from 20 to 25",
        "gap between bands 'B' and 'A': values from 50 to 60 are in no band",
        "neutral=120 must be from 0 to 100",
    )


def test_a_factor_class_not_registered_is_a_definition_fault() -> None:
    @attrs.frozen
    class Unregistered:
        code: str = "mine"

        def assess(self, profile: ClientProfile, on: dt.date) -> FactorResult:
            return FactorResult(self.code)

    with pytest.raises(DefinitionError, match="class Unregistered is not registered"):
        Scorecard("x", (FactorWeight(Unregistered(), 1),))


def test_a_float_weight_is_refused_naming_the_value() -> None:
    with pytest.raises(AmountTypeError, match=r"weight .* \(0\.5\)"):
        FactorWeight(Stability(), 0.5)  # type: ignore[arg-type]


def test_warning_penalties_out_of_range_are_definition_faults() -> None:
    penalties = {sign: Decimal(10) for sign in WarningSign}
    penalties[WarningSign.LITIGATION] = Decimal(150)

    with pytest.raises(DefinitionError, match="penalty for litigation is 150"):
        WarningSigns(penalties=penalties)


def test_the_fingerprint_changes_with_the_definition_and_survives_a_round_trip() -> (
    None
):
    reweighted = Scorecard(
        "default",
        (
            attrs.evolve(CARD.factors[0], weight="0.30"),
            attrs.evolve(CARD.factors[1], weight="0.30"),
            *CARD.factors[2:],
        ),
    )

    again = from_json(to_json(CARD), Scorecard)

    assert again == CARD
    assert again.fingerprint == CARD.fingerprint
    assert reweighted.fingerprint != CARD.fingerprint
    assert CARD.fingerprint.startswith("sha256:")


@attrs.frozen
class _Website:
    """A user's own factor: a client without a website loses half the points."""

    code: str = "website"

    def assess(self, profile: ClientProfile, on: dt.date) -> FactorResult:
        return FactorResult(
            self.code, (Finding("website.none", Decimal(50), "No website."),)
        )


def test_users_add_their_own_factor_and_it_serialises() -> None:
    register_factor("test-website", _Website)
    card = Scorecard(
        "custom",
        (
            *(attrs.evolve(e, weight=e.weight - Decimal("0.02")) for e in CARD.factors),
            FactorWeight(_Website(), "0.10"),
        ),
    )

    score = card.score(ClientProfile("EUR"), on=ON)

    assert score.factor("website") is not None
    assert from_json(to_json(card), Scorecard) == card


def test_a_factor_result_out_of_range_is_reported_naming_the_factor() -> None:
    @attrs.frozen
    class Broken:
        code: str = "broken"

        def assess(self, profile: ClientProfile, on: dt.date) -> FactorResult:
            return FactorResult(self.code, (Finding("broken.x", Decimal(140), "x"),))

    register_factor("test-broken", Broken)
    card = Scorecard("b", (FactorWeight(Broken(), 1),))

    with pytest.raises(DefinitionError, match="points=-40"):
        card.score(ClientProfile("EUR"), on=ON)


# --- credit terms ----------------------------------------------------------------------


def test_credit_limit_is_the_smallest_of_need_net_worth_and_revenue_shares() -> None:
    profile = _good_client()
    score = CARD.score(profile, on=ON)
    policy = CreditPolicy.default()

    small = policy.recommend(score, profile, requested=eur(25_000))
    large = policy.recommend(score, profile, requested=eur(1_000_000))

    # band A: 10 % of tangible net worth 400 000 = 40 000; 10 % of revenue 3 000 000 = 300 000
    assert (small.credit_limit, small.limited_by) == (eur("25000.00"), "requested")
    assert (large.credit_limit, large.limited_by) == (eur("40000.00"), "net_worth")
    assert (large.max_payment_days, large.prepayment_share) == (60, Decimal(0))


def test_no_basis_for_credit_means_no_credit() -> None:
    profile = ClientProfile("EUR")
    score = CARD.score(profile, on=ON)

    terms = CreditPolicy.default().recommend(score, profile, requested=eur(1000))

    assert (terms.credit_limit, terms.limited_by) == (eur("0.00"), "no_basis")


def test_the_exposure_check_counts_only_the_part_not_prepaid() -> None:
    profile = _good_client()
    terms = CreditPolicy.default().recommend(
        CARD.score(profile, on=ON), profile, requested=eur(30_000)
    )

    fits = terms.check(eur(5_000), exposure=profile.exposure)
    too_much = terms.check(eur(6_000), exposure=profile.exposure)

    # exposure 25 000 + 5 000 = 30 000 ≤ 30 000; 25 000 + 6 000 = 31 000 > 30 000
    assert (fits.fits, fits.headroom) == (True, eur(5000))
    assert (too_much.fits, too_much.excess) == (False, eur("1000.00"))


def test_a_requested_amount_in_another_currency_is_refused() -> None:
    profile = _good_client()

    with pytest.raises(CurrencyMismatchError, match="5 USD"):
        CreditPolicy.default().recommend(
            CARD.score(profile, on=ON), profile, requested=Money(5, "USD")
        )


# --- monitoring -----------------------------------------------------------------------


def test_monitoring_flags_band_drop_new_sign_and_worse_payment() -> None:
    before = CARD.score(_good_client(), on=ON)
    late = [
        invoice("1000", dt.date(2025, 1, 1) + dt.timedelta(days=30 * i), 45)
        for i in range(12)
    ]
    after = CARD.score(
        _good_client(payments=late, warning_signs=[WarningSign.TAX_ARREARS]),
        on=dt.date(2026, 9, 30),
    )

    change = compare_scores(before, after, CARD)

    assert [alert.code for alert in change.alerts] == [
        "monitor.band_drop",
        "monitor.new_warning_sign",
        "monitor.payment_worse",
    ]
    assert change.deteriorated
    assert change.same_version
    assert change.alerts[2].text == (
        "Payment behaviour: points fell from 80.00 to 45.00."
    )


def test_an_unchanged_client_raises_no_alert() -> None:
    score = CARD.score(_good_client(), on=ON)

    assert compare_scores(score, score, CARD).alerts == ()


def test_scores_of_two_clients_cannot_be_compared() -> None:
    first = CARD.score(_good_client(), on=ON)
    second = CARD.score(_good_client(client_id="c-2"), on=ON)

    with pytest.raises(ScoreComparisonError, match=r"'c-1'.*'c-2'"):
        compare_scores(first, second, CARD)


def test_the_later_score_must_come_second() -> None:
    early = CARD.score(_good_client(), on=dt.date(2026, 1, 1))
    late = CARD.score(_good_client(), on=ON)

    with pytest.raises(ScoreComparisonError, match=r"2026-06-30.*2026-01-01"):
        compare_scores(late, early, CARD)


def test_scores_round_trip_through_json() -> None:
    score = CARD.score(_good_client(warning_signs=[WarningSign.LITIGATION]), on=ON)

    assert from_json(to_json(score), ReliabilityScore) == score


# --- every other error path names its value -----------------------------------------------


@pytest.mark.parametrize(
    ("build", "error", "pattern"),
    [
        (
            lambda: FinancialStatements(
                current_liabilities=eur(9), total_liabilities=eur(5)
            ),
            InvalidProfileError,
            r"current_liabilities=9 EUR .* total_liabilities=5 EUR",
        ),
        (
            lambda: FinancialStatements(sales="100"),
            InvalidProfileError,
            r"financials\.sales='100'",
        ),
        (
            lambda: ClientProfile("EUR", financials="big"),
            InvalidProfileError,
            r"financials='big'",
        ),
        (
            lambda: ClientProfile("EUR", payments=["inv-1"]),
            InvalidProfileError,
            r"payments\[0\]='inv-1'",
        ),
        (
            lambda: ClientProfile("EUR", collateral=eur(-2)),
            InvalidProfileError,
            r"collateral=-2 EUR",
        ),
        (
            lambda: ClientProfile("EUR", annual_revenue=eur(-2)),
            InvalidProfileError,
            r"annual_revenue=-2 EUR",
        ),
        (
            lambda: ClientProfile("EUR", employees="12"),
            InvalidProfileError,
            r"employees=12 .* expected an int",
        ),
        (
            lambda: PaymentRecord("10", dt.date(2026, 1, 1), dt.date(2026, 1, 1)),
            InvalidProfileError,
            r"amount='10'",
        ),
        (
            lambda: PaymentBehaviour(min_records=5, full_records=2),
            DefinitionError,
            r"full_records=2 must be at least min_records=5",
        ),
        (lambda: MaterialSecurity(comfortable="2"), DefinitionError, r"comfortable=2"),
        (
            lambda: WarningSigns(penalties={WarningSign.LITIGATION: Decimal(5)}),
            DefinitionError,
            r"no penalty for tax_arrears",
        ),
        (lambda: Scorecard("x", ()), DefinitionError, r"no factors"),
        (
            lambda: Scorecard("x", (FactorWeight(Stability(), 1),), max_reasons=0),
            DefinitionError,
            r"max_reasons=0",
        ),
        (
            lambda: Scorecard(
                "x",
                (FactorWeight(Stability(), 1),),
                bands=(ReliabilityBand("A", 0, 90),),
            ),
            DefinitionError,
            r"top band 'A' ends at 90",
        ),
        (
            lambda: Scorecard(
                "x",
                (FactorWeight(Stability(), 1),),
                bands=(ReliabilityBand("A", 50, 100), ReliabilityBand("A", 0, 50)),
            ),
            DefinitionError,
            r"band label 'A' is used 2 times",
        ),
        (
            lambda: Scorecard(
                "x",
                (FactorWeight(Stability(), 1),),
                bands=(ReliabilityBand("A", 0, 100), ReliabilityBand("B", 100, 100)),
            ),
            DefinitionError,
            r"band 'B' is empty or reversed: low=100, high=100",
        ),
        (
            lambda: Scorecard(
                "x",
                (
                    FactorWeight(Stability(), "1.5"),
                    FactorWeight(WarningSigns(), "-0.5"),
                ),
            ),
            DefinitionError,
            r"weight -0\.5",
        ),
        (
            lambda: CARD.score("profile", on=ON),
            ArgumentTypeError,
            r"profile must be a ClientProfile, not str \('profile'\)",
        ),
        (
            lambda: CreditPolicy.default().terms_for("F"),
            DefinitionError,
            r"no terms for band 'F'",
        ),
        (
            lambda: CreditPolicy("p", (BandTerms("A", 10, "0", "-0.1", "0"),)),
            DefinitionError,
            r"net_worth_share=-0\.1 is negative",
        ),
        (
            lambda: factor_class("nope"),
            UnknownKeyError,
            r"Unknown factor kind 'nope': expected one of 'financial', .*'payment'",
        ),
        (
            lambda: factor_kind(object()),
            UnknownKeyError,
            r"Unknown factor class 'object': expected one of .*'PaymentBehaviour'",
        ),
        (
            lambda: register_factor("payment", Stability),
            DefinitionError,
            r"kind 'payment' is already registered for PaymentBehaviour, not Stability",
        ),
    ],
)
def test_each_refusal_names_the_value(
    build: object, error: type[Exception], pattern: str
) -> None:
    with pytest.raises(error, match=pattern):
        build()  # type: ignore[operator]


def test_the_exposure_check_refuses_a_negative_order_or_another_currency() -> None:
    terms = CreditTerms("A", 60, Decimal(0), eur("1000.00"), "requested")

    with pytest.raises(TypeError, match=r"Money\('-1', 'EUR'\)"):
        terms.check(eur(-1))
    with pytest.raises(CurrencyMismatchError, match="5 USD"):
        terms.check(Money(5, "USD"))


def test_credit_terms_round_trip_through_json() -> None:
    terms = CreditTerms("B", 45, Decimal("0.00"), eur("1500.00"), "revenue")

    assert from_json(to_json(terms), CreditTerms) == terms


def test_a_scorecard_of_an_unknown_factor_kind_fails_to_structure_naming_it() -> None:
    data = unstructure(CARD)
    data["factors"][0]["factor"]["kind"] = "astrology"

    with pytest.raises(
        StructureError, match=r"\$\.factors\[0\]: Unknown factor kind 'astrology'"
    ):
        structure(data, Scorecard)


# --- explanations: typed messages in every language ----------------------------------

LOCALES = ("en_US", "et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV")


def test_a_factor_code_and_band_labels_that_look_like_values_render_unchanged() -> None:
    """A band called "1000" is not the number 1,000, nor "2026-01-01" a date:
    labels and codes are text in every language."""
    card = Scorecard(
        "odd labels",
        (
            FactorWeight(PaymentBehaviour(code="1000"), "0.5"),
            FactorWeight(WarningSigns(), "0.5"),
        ),
        bands=(ReliabilityBand("1000", 50, 100), ReliabilityBand("2026-01-01", 0, 50)),
    )
    prompt = [
        invoice("1000", dt.date(2025, 1, 1) + dt.timedelta(days=30 * i), 0)
        for i in range(12)
    ]
    late = [attrs.evolve(r, paid=r.due + dt.timedelta(days=120)) for r in prompt]
    signs = [WarningSign.TAX_ARREARS, WarningSign.LITIGATION]
    before = card.score(ClientProfile("EUR", payments=prompt, warning_signs=[]), on=ON)
    after = card.score(ClientProfile("EUR", payments=late, warning_signs=signs), on=ON)

    drop, *_, worse = compare_scores(before, after, card, payment_factor="1000").alerts

    # before 0.5·80 + 0.5·100 = 90 → "1000"; after 0.5·20 + 0.5·(100 − 35 − 25) = 30
    assert (before.band, after.band) == ("1000", "2026-01-01")
    for locale in LOCALES:
        assert "1000" in drop.render(locale), locale
        assert "2026-01-01" in drop.render(locale), locale
        assert "1000" in worse.render(locale), locale
    assert worse.render("lv_LV").count("1000") == 1
    assert drop.text == (
        "Reliability band fell from 1000 to 2026-01-01 (score 90.00 → 30.00)."
    )


@pytest.mark.parametrize("text", ["1000", "2026-01-01"])
def test_the_text_of_a_factor_of_your_own_is_shown_as_it_is_in_every_language(
    text: str,
) -> None:
    finding = Finding("website.none", Decimal(50), text)
    missing = FactorResult.missing("website", text, hint=text).findings[0]

    shown = {finding.render(locale) for locale in LOCALES}
    shown |= {missing.render(locale) for locale in LOCALES}
    shown |= {missing.hint.render(locale) for locale in LOCALES}  # type: ignore[union-attr]

    assert shown == {text}


def test_numbers_and_amounts_in_a_reason_follow_the_locale() -> None:
    profile = _good_client(open_receivables=eur(150_000), unbilled_orders=None)

    score = CARD.score(profile, on=ON)

    # net exposure 150 000 against tangible net worth 400 000: ratio 0.375
    security = next(r for r in score.reasons if r.code == "security.exposure_high")
    assert security.text == (
        "Net exposure €150,000.00 is 38% of tangible net worth (€400,000.00)."
    )
    assert "150\xa0000,00\xa0€" in security.render("lv_LV")


def test_a_finding_refuses_an_explanation_that_is_neither_message_nor_text() -> None:
    with pytest.raises(DefinitionError, match=r"42 must be a Message or a str"):
        Finding("website.none", Decimal(50), 42)  # type: ignore[arg-type]


def test_localised_is_a_deprecated_name_for_message() -> None:
    reason = CARD.score(ClientProfile("EUR"), on=ON).reasons[0]

    with pytest.warns(DeprecationWarning, match=r"Reason\.message"):
        localised = reason.localised

    assert localised == reason.message


def test_scores_and_their_explanations_round_trip_through_json() -> None:
    profile = _good_client(
        warning_signs=[WarningSign.LITIGATION, WarningSign.INSOLVENCY_PROCEEDINGS]
    )
    score = CARD.score(profile, on=ON)

    again = from_json(to_json(score), ReliabilityScore)

    assert again == score
    for locale in LOCALES:
        assert again.explain(locale) == score.explain(locale)


def test_monitoring_results_round_trip_through_json_and_render_the_same() -> None:
    before = CARD.score(_good_client(), on=ON)
    after = CARD.score(
        _good_client(warning_signs=[WarningSign.TAX_ARREARS]), on=dt.date(2026, 9, 30)
    )
    change = compare_scores(before, after, CARD)

    again = from_json(to_json(change), ScoreChange)

    assert again == change
    assert [a.code for a in again.alerts] == [a.code for a in change.alerts]
    for locale in LOCALES:
        assert [a.render(locale) for a in again.alerts] == [
            a.render(locale) for a in change.alerts
        ]


@attrs.frozen
class _Dated:
    """A factor of your own with fields of many kinds (for the fingerprint)."""

    code: str = "dated"
    since: dt.date = dt.date(2020, 1, 1)
    floor: Money = attrs.field(factory=lambda: Money("10.50", "EUR"))
    sign: WarningSign = WarningSign.LITIGATION
    weights: tuple[Decimal, ...] = (Decimal("0.5"), Decimal("1.0"))
    limits: dict[str, int] = attrs.field(factory=lambda: {"b": 2, "a": 1})
    note: str | None = None

    def assess(self, profile: ClientProfile, on: dt.date) -> FactorResult:
        return FactorResult(self.code)


def test_the_fingerprint_hashes_the_same_json_the_serialiser_writes() -> None:
    """Scores stored before keep matching their scorecard: the core writes
    the canonical JSON itself, byte for byte what to_json writes."""
    import hashlib

    register_factor("test-dated", _Dated)
    custom = Scorecard(
        "custom",
        (
            *(attrs.evolve(e, weight=e.weight - Decimal("0.02")) for e in CARD.factors),
            FactorWeight(_Dated(), "0.10"),
        ),
    )

    for card in (CARD, custom):
        digest = hashlib.sha256(to_json(card).encode("utf-8")).hexdigest()
        assert card.fingerprint == f"sha256:{digest}"


def test_a_score_stored_before_explanations_were_messages_still_loads_in_english() -> (
    None
):
    # stored by the release before this one: reasons and hints carried an
    # English template and string params; each now reads as the text it wrote,
    # the same in every language
    from pathlib import Path

    from accountcore.serialization import from_json

    stored = Path(__file__).parents[1] / "golden" / "stored"
    text = (stored / "reliability-score-before-messages.json").read_text("utf-8")

    score = from_json(text, ReliabilityScore)

    first = score.reasons[0]
    expected = (
        "Only 0 invoices with a known payment outcome; 3 are needed: scored neutral."
    )
    assert (first.code, first.text, first.render("ja_JP")) == (
        "payment.missing",
        expected,
        expected,
    )
    assert (
        score.hints[0].render("et_EE") == "Record payment history (3 invoices or more)."
    )
    assert str(score.value) == "56.25"


def test_a_stored_reason_whose_template_cannot_be_filled_is_refused_naming_it() -> None:
    from accountcore.errors import StructureError
    from accountcore.serialization import structure

    with pytest.raises(StructureError, match=r"\{needed\}"):
        structure(
            {"code": "x", "points": "1", "template": "{needed} more", "params": {}},
            ScorecardReason,
        )


def test_terms_refuse_arguments_of_the_wrong_type_naming_them() -> None:
    terms = CreditTerms("A", 60, Decimal(0), eur("1000.00"), "requested")

    with pytest.raises(ArgumentTypeError, match=r"exposure must be a Money, not int"):
        terms.check(eur(1), exposure=5)
    with pytest.raises(ArgumentTypeError, match=r"score must be a ReliabilityScore"):
        CreditPolicy.default().recommend(None, None, requested=eur(1))  # type: ignore[arg-type]
