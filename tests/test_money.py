"""Money: exact amounts, rounding at named points, allocations that keep every
minor unit, exchange rates."""

from __future__ import annotations

import copy
import datetime as _dt
import pickle
import re
from decimal import ROUND_HALF_EVEN, Decimal, DecimalException, localcontext
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore import (
    AccountcoreError,
    CurrencyMismatchError,
    DefinitionError,
    ExchangeRate,
    ExchangeRates,
    FixedRates,
    Money,
    UnknownCurrencyError,
)
from accountcore.errors import (
    AmountOutOfBoundsError,
    AmountTypeError,
    DivisionByZeroError,
    InvalidAllocationError,
    InvalidAmountError,
    InvalidLocaleError,
    InvalidPeriodError,
    MissingRateError,
    PrecisionError,
    _short,
)
from accountcore.money import (
    CURRENCIES,
    _make,
    minor_units,
    register_currency,
    to_decimal,
)
from accountcore.testing.money import (
    bounded_decimals,
    currencies,
    money,
    rounded_money,
)

d = _dt.date


def _match(value: object) -> str:
    return re.escape(str(value))


# --- worked examples (issue 2) ----------------------------------------------------


def test_an_even_three_way_split_gives_the_odd_cent_to_the_first_part() -> None:
    pot = Money("100.00", "EUR")

    parts = pot.allocate([1, 1, 1])

    # 10000 cents / 3 = 3333 rest 1 each; 3 x 3333 = 9999, 1 cent left over;
    # all remainders tie, so it goes to the earliest weight: 3334 + 3333 + 3333.
    assert parts == (
        Money("33.34", "EUR"),
        Money("33.33", "EUR"),
        Money("33.33", "EUR"),
    )


def test_yen_split_works_in_whole_yen() -> None:
    pot = Money("1000", "JPY")

    parts = pot.allocate([1, 1, 1])

    # JPY has no minor unit: 1000 / 3 = 333 rest 1; the spare yen goes first.
    assert parts == (Money("334", "JPY"), Money("333", "JPY"), Money("333", "JPY"))
    assert all(p.amount.as_tuple().exponent == 0 for p in parts)


def test_dinar_split_works_in_fils() -> None:
    pot = Money("10.000", "BHD")

    parts = pot.allocate([1, 2])

    # BHD has 3 decimals: 10000 fils x 1/3 = 3333.33 -> 3333, x 2/3 = 6666.67
    # -> 6666; 1 fils left goes to the larger remainder (0.67): 3.333 + 6.667.
    assert parts == (Money("3.333", "BHD"), Money("6.667", "BHD"))


def test_a_negative_amount_splits_like_its_absolute_value() -> None:
    refund = Money("-100.00", "EUR")

    parts = refund.allocate([1, 1, 1])

    # split 100.00 as 33.34 + 33.33 + 33.33, then negate every part
    assert parts == (
        Money("-33.34", "EUR"),
        Money("-33.33", "EUR"),
        Money("-33.33", "EUR"),
    )


def test_half_a_cent_rounds_up_commercially_and_to_even_on_request() -> None:
    amount = Money("0.125", "EUR")

    up, even = amount.rounded(), amount.rounded(ROUND_HALF_EVEN)

    # 0.125 is exactly half-way between 0.12 and 0.13: half-up takes 0.13;
    # half-even takes the even last digit, 0.12.
    assert up == Money("0.13", "EUR")
    assert even == Money("0.12", "EUR")
    assert str(up.amount) == "0.13"


# --- allocation rules --------------------------------------------------------------


def test_ties_in_remainder_go_to_the_earlier_weight() -> None:
    pot = Money("0.02", "EUR")

    parts = pot.allocate([1, 1, 1])

    # 2 cents / 3: every part floors to 0 with remainder 2; the 2 spare cents go
    # to the first two weights.
    assert parts == (Money("0.01", "EUR"), Money("0.01", "EUR"), Money("0.00", "EUR"))


def test_zero_weights_get_nothing() -> None:
    pot = Money("0.01", "EUR")

    parts = pot.allocate([0, 1, 1])

    # the spare cent goes to the first positive weight, never to a zero weight
    assert parts == (Money("0.00", "EUR"), Money("0.01", "EUR"), Money("0.00", "EUR"))


def test_decimal_and_text_weights_split_by_their_exact_ratio() -> None:
    pot = Money("1.00", "EUR")

    parts = pot.allocate([Decimal("0.5"), "0.3", "0.2"])

    # 0.5 : 0.3 : 0.2 scaled to 5 : 3 : 2 -> 50 + 30 + 20 cents exactly
    assert parts == (Money("0.50", "EUR"), Money("0.30", "EUR"), Money("0.20", "EUR"))


def test_the_amount_is_rounded_before_it_is_split() -> None:
    pot = Money("10.005", "EUR")

    parts = pot.allocate([1, 1])

    # 10.005 rounds half-up to 10.01 = 1001 cents: 501 + 500
    assert parts == (Money("5.01", "EUR"), Money("5.00", "EUR"))


def test_weights_may_come_from_any_iterable() -> None:
    pot = Money("100.00", "EUR")

    parts = pot.allocate(w for w in (1, 1, 1))  # type: ignore[arg-type]

    assert parts == Money("100.00", "EUR").allocate([1, 1, 1])


def test_the_largest_amount_splits_exactly_whatever_the_context() -> None:
    pot = Money("99999999999999999999.99", "EUR")  # just below the 10^20 bound

    with localcontext() as context:
        context.prec = 5
        parts = pot.allocate([1, 1, 1, 1])

    # 9999999999999999999999 cents / 4 = 2499999999999999999999 rest 3: the
    # first three parts get a spare cent; 22 digits, far more than 5.
    assert parts[:3] == (Money("25000000000000000000.00", "EUR"),) * 3
    assert parts[3] == Money("24999999999999999999.99", "EUR")


@pytest.mark.parametrize(
    ("weights", "shown"),
    [
        ([], "at least one weight is needed"),
        ([0, 0], "at least one weight must be positive"),
        ([1, -2], "weight -2 at position 1 is negative"),
        (["1", "-0.5"], "weight '-0.5' at position 1 is negative"),
        ([1, 0.5], "not float (0.5)"),
        ([1, True], "not bool (True)"),
        ([1, "abc"], "got 'abc'"),
        ([1, Decimal("NaN")], "got Decimal('NaN')"),
        ("123", "weights must be a sequence of numbers"),
        ({"a": 1}, "weights must be a sequence of numbers"),
        ([1, "1e-2000"], "weight '1e-2000' is out of bounds"),
        ([1, 10**20], "weight 100000000000000000000 is out of bounds"),
    ],
)
def test_bad_weights_are_refused_naming_them(weights: object, shown: str) -> None:
    pot = Money("1.00", "EUR")

    with pytest.raises(InvalidAllocationError, match=_match(shown)) as raised:
        pot.allocate(weights)  # type: ignore[arg-type]

    assert repr(weights) in str(raised.value)


weights_lists = st.lists(
    st.one_of(
        st.integers(min_value=0, max_value=10**6),
        st.decimals(min_value=0, max_value=10**4, places=3),
        st.decimals(min_value=0, max_value=10**4, places=2).map(str),
    ),
    min_size=1,
    max_size=12,
).filter(lambda ws: any(Decimal(w) > 0 for w in ws))


@settings(max_examples=200)
@given(money(), weights_lists)
def test_allocation_keeps_the_rounded_total_for_any_weights_and_currency(
    amount: Money, weights: list[Decimal | int | str]
) -> None:
    rounded = amount.rounded()

    parts = amount.allocate(weights)

    assert len(parts) == len(weights)
    assert sum(parts, Money.zero(amount.currency)) == rounded
    unit = Fraction(1, 10 ** minor_units(amount.currency))
    total = sum(Fraction(Decimal(w)) for w in weights)
    for part, weight in zip(parts, weights, strict=True):
        exact = Fraction(rounded.amount) * Fraction(Decimal(weight)) / total
        assert abs(Fraction(part.amount) - exact) < unit
        assert part.currency == amount.currency
        assert part.amount.as_tuple().exponent == -minor_units(amount.currency)


# --- arithmetic ----------------------------------------------------------------------


@given(st.data())
def test_addition_is_associative_and_commutative_within_a_currency(
    data: st.DataObject,
) -> None:
    code = data.draw(currencies())
    a, b, c = (data.draw(money(code)) for _ in range(3))

    left, right = (a + b) + c, a + (b + c)

    assert left == right
    assert a + b == b + a


@given(rounded_money())
def test_subtracting_an_amount_from_itself_leaves_zero(amount: Money) -> None:
    assert amount - amount == Money.zero(amount.currency)
    negated = -amount
    assert -negated == amount
    assert abs(-amount) == abs(amount)


def test_sum_of_money_starts_from_zero() -> None:
    lines = [Money("1.10", "USD"), Money("2.20", "USD"), Money("3.30", "USD")]

    total = sum(lines)

    # 1.10 + 2.20 + 3.30 = 6.60
    assert total == Money("6.60", "USD")


def test_multiplying_and_dividing_keep_full_precision() -> None:
    price = Money("19.99", "EUR")

    assert price * Decimal("1.5") == Money("29.985", "EUR")
    assert 3 * price == Money("59.97", "EUR")
    assert price * "2" == Money("39.98", "EUR")  # type: ignore[operator]
    assert Money("10", "EUR") / 4 == Money("2.5", "EUR")
    assert Money("30", "EUR") / Money("120", "EUR") == Decimal("0.25")


def test_money_of_two_currencies_never_mixes() -> None:
    eur, usd = Money("10.00", "EUR"), Money("5.00", "USD")

    for operation in (
        lambda: eur + usd,
        lambda: eur - usd,
        lambda: eur < usd,
        lambda: eur >= usd,
        lambda: eur / usd,
    ):
        with pytest.raises(CurrencyMismatchError, match=r"10\.00 EUR and 5\.00 USD"):
            operation()


@pytest.mark.parametrize(
    "factor", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")]
)
def test_a_non_finite_factor_is_refused(factor: Decimal) -> None:
    with pytest.raises(InvalidAmountError, match=_match(repr(factor))):
        Money("1.00", "EUR") * factor


def test_a_float_factor_is_refused() -> None:
    with pytest.raises(AmountTypeError, match=r"factor .* not float \(1\.5\)"):
        Money("1.00", "EUR") * 1.5  # type: ignore[operator]


def test_money_times_money_has_no_meaning() -> None:
    with pytest.raises(TypeError, match=r"Cannot multiply 1\.00 EUR by 2\.00 EUR"):
        Money("1.00", "EUR") * Money("2.00", "EUR")  # type: ignore[operator]


def test_dividing_by_zero_names_the_amount() -> None:
    with pytest.raises(ZeroDivisionError, match=r"Cannot divide 5\.00 EUR by zero"):
        Money("5.00", "EUR") / 0
    with pytest.raises(ZeroDivisionError, match=r"by zero \(0 EUR\)"):
        Money("5.00", "EUR") / Money("0", "EUR")


def test_comparing_with_a_number_names_it() -> None:
    with pytest.raises(
        TypeError, match=r"Cannot compare 1\.00 EUR with Decimal\('1'\)"
    ):
        _ = Money("1.00", "EUR") < Decimal(1)  # type: ignore[operator]


def test_money_compares_and_hashes_by_value() -> None:
    one, one_again = Money("1.00", "EUR"), Money("1", "EUR")

    assert one == one_again
    assert hash(one) == hash(one_again)
    assert len({one, one_again, Money("1", "USD")}) == 2
    assert Money("1", "EUR") != Money("1", "USD")
    assert Money("1", "EUR") != Decimal(1)
    assert sorted([Money("2", "EUR"), Money("-1", "EUR"), Money("1.5", "EUR")]) == [
        Money("-1", "EUR"),
        Money("1.5", "EUR"),
        Money("2", "EUR"),
    ]


def test_money_pickles_and_copies_as_an_equal_value() -> None:
    price = Money("19.99", "EUR")

    copies = [pickle.loads(pickle.dumps(price)), copy.copy(price), copy.deepcopy(price)]

    for other in copies:
        assert other == price
        assert other + price == Money("39.98", "EUR")


def test_money_is_frozen() -> None:
    price = Money("19.99", "EUR")

    with pytest.raises(AttributeError):
        price.amount = Decimal(0)  # type: ignore[misc]


# --- construction ------------------------------------------------------------------


def test_money_accepts_decimal_int_text_and_their_subclasses() -> None:
    class MyDecimal(Decimal):
        pass

    class MyStr(str):
        pass

    made = [
        Money(Decimal("1.50"), "EUR"),
        Money("1.50", "EUR"),
        Money(" 1.50 ", "EUR"),
        Money(MyDecimal("1.50"), "EUR"),
        Money(MyStr("1.50"), MyStr("EUR")),  # type: ignore[arg-type]
    ]

    assert all(m == Money("1.5", "EUR") for m in made)
    assert all(type(m.amount) is Decimal and type(m.currency) is str for m in made)
    assert Money(7, "JPY").amount == Decimal(7)


@pytest.mark.parametrize(
    ("value", "error", "shown"),
    [
        (0.1, AmountTypeError, "not float (0.1); a float cannot hold money exactly"),
        (True, AmountTypeError, "not bool (True)"),
        (None, AmountTypeError, "not NoneType (None)"),
        (Fraction(1, 3), AmountTypeError, "not Fraction (Fraction(1, 3))"),
        (Decimal("NaN"), InvalidAmountError, "got Decimal('NaN')"),
        (Decimal("-Infinity"), InvalidAmountError, "got Decimal('-Infinity')"),
        ("inf", InvalidAmountError, "got 'inf'"),
        ("12,50", InvalidAmountError, "got '12,50'"),
        ("", InvalidAmountError, "got ''"),
    ],
)
def test_an_amount_that_is_not_an_exact_number_is_refused_naming_it(
    value: object, error: type[Exception], shown: str
) -> None:
    with pytest.raises(error, match=_match(shown)):
        Money(value, "EUR")  # type: ignore[arg-type]


@pytest.mark.parametrize("code", ["eur", "EURO", "ZZZ", "", None, 978, ["EUR"]])
def test_an_unknown_currency_is_refused_naming_it(code: object) -> None:
    with pytest.raises(UnknownCurrencyError, match=_match(repr(code))):
        Money("1", code)  # type: ignore[arg-type]


def test_an_unknown_currency_error_suggests_the_upper_case_code() -> None:
    with pytest.raises(UnknownCurrencyError, match="such as 'EUR'"):
        Money("1", "eur")


amount_inputs = st.one_of(
    st.floats(),
    st.booleans(),
    st.none(),
    st.text(max_size=12),
    st.decimals(),
    st.decimals().map(str),
    st.integers(),
    st.fractions(),
    st.complex_numbers(),
    st.from_type(object),
)
currency_inputs = st.one_of(
    currencies(),
    st.text(max_size=4),
    st.from_regex(r"[A-Z]{3}", fullmatch=True),
    st.none(),
    st.integers(),
    st.lists(st.text(max_size=3), max_size=2),
)


@settings(max_examples=200)
@given(amount_inputs, currency_inputs)
def test_any_input_to_money_either_works_or_raises_an_accountcore_error(
    amount: object, currency: object
) -> None:
    try:
        made = Money(amount, currency)  # type: ignore[arg-type]
    except AccountcoreError:
        return

    assert made.amount.is_finite()
    assert made.currency in CURRENCIES
    assert Money(str(made.amount), made.currency) == made
    try:
        made.rounded()
    except PrecisionError as error:
        problem = str(error)
    else:
        problem = str(made.amount)
    assert str(made.amount) in problem


def test_from_minor_is_exact_up_to_the_bounds_whatever_the_context() -> None:
    units = 10**21 + 1

    with localcontext() as context:
        context.prec = 5
        made = Money.from_minor(units, "EUR")

    # 22 digits: far more than the 5-digit context, still exact
    assert made.amount == Decimal("10000000000000000000.01")
    assert made.to_minor() == units
    assert Money.from_minor(-1999, "BHD") == Money("-1.999", "BHD")


@pytest.mark.parametrize(
    ("units", "shown"),
    [
        (10**22, "units 10000000000000000000000 is out of bounds"),  # 10^20 EUR
        (10**40, "units 10000000000000000000000000000000000000000 is out of"),
        (10**10_000, "units an int of about 10001 digits is out of bounds"),
    ],
    ids=["10^22", "10^40", "10^10000"],
)
def test_from_minor_beyond_the_bounds_is_refused_naming_the_units(
    units: int, shown: str
) -> None:
    with pytest.raises(AmountOutOfBoundsError, match=_match(shown)):
        Money.from_minor(units, "EUR")


@pytest.mark.parametrize("units", ["1999", 19.99, True, Decimal(1999)])
def test_from_minor_wants_an_int_and_names_the_value(units: object) -> None:
    with pytest.raises(AmountTypeError, match="units must be an int") as raised:
        Money.from_minor(units, "EUR")  # type: ignore[arg-type]

    assert repr(units) in str(raised.value)


def test_to_minor_rounds_half_up_unless_asked() -> None:
    # 19.995 -> 20.00 half-up (2000 cents), 19.99|5 half-even keeps 1999.5 ->
    # 2000 too (9 is odd, so it rounds to the even 20.00); 19.985 half-even -> 19.98
    assert Money("19.995", "EUR").to_minor() == 2000
    assert Money("19.985", "EUR").to_minor(ROUND_HALF_EVEN) == 1998
    assert Money("-0.5", "JPY").to_minor() == -1


def test_rounding_past_a_narrowed_context_says_how_to_widen_it() -> None:
    amount = Money("123456789012.5", "EUR")

    # 12 digits before the point and 2 after: 14 digits, more than 10
    with (
        localcontext(prec=10),
        pytest.raises(
            PrecisionError,
            match=r"Cannot round 123456789012\.5 EUR to 2 decimals.*prec=14",
        ),
    ):
        amount.rounded()
    with localcontext() as context:
        context.prec = 14
        assert amount.rounded().to_minor() == 12345678901250


# --- currencies ------------------------------------------------------------------------


def test_minor_units_follow_iso_4217_not_cldr() -> None:
    # ISO 4217: IQD 3 (CLDR displays 0), RSD 2 (CLDR 0), JPY 0, CLF 4.
    assert [minor_units(c) for c in ("IQD", "RSD", "JPY", "CLF", "EUR")] == [
        3,
        2,
        0,
        4,
        2,
    ]


def test_register_currency_adds_and_overrides_minor_units() -> None:
    try:
        register_currency("XTS", 1)
        register_currency("IQD", 0)

        assert Money("1.25", "XTS").rounded() == Money("1.3", "XTS")
        assert Money("1234.5", "IQD").rounded() == Money("1235", "IQD")
        assert CURRENCIES["IQD"] == 0
    finally:
        register_currency("IQD", 3)
    assert Money("1234.5", "IQD").rounded() == Money("1234.500", "IQD")


@pytest.mark.parametrize("code", ["xts", "XT", "XTSS", "ÄBC", 123])
def test_register_currency_refuses_a_malformed_code(code: object) -> None:
    with pytest.raises(UnknownCurrencyError, match=_match(repr(code))):
        register_currency(code, 2)  # type: ignore[arg-type]


@pytest.mark.parametrize("places", [-1, 9, True, "2", 2.0])
def test_register_currency_refuses_bad_minor_units(places: object) -> None:
    with pytest.raises(InvalidAmountError, match=_match(f"got {places!r}")):
        register_currency("XTS", places)  # type: ignore[arg-type]


def test_to_decimal_names_the_parameter() -> None:
    with pytest.raises(AmountTypeError, match=r"^rate must be"):
        to_decimal(0.5, "rate")
    with pytest.raises(InvalidAmountError, match=r"^discount must be .* got 'ten'"):
        to_decimal("ten", "discount")


# --- formatting ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("et_EE", "1\xa0234\xa0567,89\xa0€"),
        ("uk_UA", "1\xa0234\xa0567,89\xa0EUR"),
        ("ja_JP", "€1,234,567.89"),
        ("ro_RO", "1.234.567,89\xa0EUR"),
        ("lv_LV", "1\xa0234\xa0567,89\xa0€"),
        ("en_US", "€1,234,567.89"),
    ],
)
def test_format_follows_each_locale(locale: str, expected: str) -> None:
    invoice = Money("1234567.891", "EUR")

    assert invoice.format(locale) == expected


def test_format_shows_cldr_digits_rounded_the_callers_way() -> None:
    # IQD keeps 3 decimals (ISO) but CLDR shows 0: 1234.500 shows as 1,235
    # half-up (babel alone would show the half-even 1,234).
    assert Money("1234.5", "IQD").format("en_US") == "IQD1,235"
    assert (
        Money("1234.5", "IQD").format("en_US", rounding=ROUND_HALF_EVEN) == "IQD1,234"
    )


def test_format_never_shows_minus_zero() -> None:
    assert Money("-0.001", "EUR").format("en_US") == "€0.00"
    assert (-Money.zero("EUR")).format("en_US") == "€0.00"


@pytest.mark.parametrize("locale", ["xx_XX", "", None, 42])
def test_format_refuses_an_unknown_locale_naming_it(locale: object) -> None:
    with pytest.raises(InvalidLocaleError, match=_match(repr(locale))):
        Money("1", "EUR").format(locale)  # type: ignore[arg-type]


# --- exchange rates --------------------------------------------------------------------


def _rates(**options: object) -> FixedRates:
    return FixedRates(
        [
            ExchangeRate("EUR", "USD", d(2026, 1, 1), "1.10"),
            ExchangeRate("EUR", "USD", d(2026, 2, 1), "1.20"),
            ExchangeRate("EUR", "JPY", d(2026, 1, 1), "160"),
        ],
        **options,  # type: ignore[arg-type]
    )


def test_the_rate_in_force_is_the_latest_on_or_before_the_date() -> None:
    rates = _rates()

    assert rates.rate("EUR", "USD", d(2026, 1, 31)) == Decimal("1.10")
    assert rates.rate("EUR", "USD", d(2026, 2, 1)) == Decimal("1.20")
    assert rates.rate("EUR", "USD", d(2030, 1, 1)) == Decimal("1.20")
    assert rates.rate("EUR", "EUR", d(1990, 1, 1)) == 1


def test_a_rate_before_the_first_one_is_missing_naming_pair_and_date() -> None:
    with pytest.raises(MissingRateError, match=r"EUR->USD on or before 2025-12-31"):
        _rates().rate("EUR", "USD", d(2025, 12, 31))


def test_inversion_happens_only_when_asked() -> None:
    with pytest.raises(MissingRateError, match=r"USD->EUR on or before 2026-02-15"):
        _rates().rate("USD", "EUR", d(2026, 2, 15))

    inverse = _rates(inverse=True).rate("USD", "EUR", d(2026, 2, 15))

    # 1 / 1.20 in the default 28-digit context
    assert inverse == Decimal(1) / Decimal("1.20")


def test_a_pivot_currency_bridges_two_rates() -> None:
    rates = _rates(inverse=True, pivot="EUR")

    rate = rates.rate("USD", "JPY", d(2026, 2, 15))

    # USD->EUR is 1/1.20, EUR->JPY is 160: 160 / 1.2 = 133.33…
    assert rate == (Decimal(1) / Decimal("1.20")) * 160
    with pytest.raises(
        MissingRateError,
        match=r"USD->GBP on or before 2026-02-15 \(not through EUR either\)",
    ):
        rates.rate("USD", "GBP", d(2026, 2, 15))


def test_conflicting_rates_for_one_day_are_a_definition_error_listing_each() -> None:
    with pytest.raises(DefinitionError) as raised:
        FixedRates(
            [
                ExchangeRate("EUR", "USD", d(2026, 1, 1), "1.10"),
                ExchangeRate("EUR", "USD", d(2026, 1, 1), "1.11"),
                ExchangeRate("EUR", "JPY", d(2026, 1, 1), "160"),
                ExchangeRate("EUR", "JPY", d(2026, 1, 1), "161"),
                "not a rate",  # type: ignore[list-item]
            ]
        )

    assert raised.value.faults == (
        "EUR->JPY on 2026-01-01 has two rates: 160 and 161",
        "EUR->USD on 2026-01-01 has two rates: 1.10 and 1.11",
        "rates[4] is not an ExchangeRate: 'not a rate'",
    )


def test_equal_duplicate_rates_give_the_same_answer_in_any_order() -> None:
    a = ExchangeRate("EUR", "USD", d(2026, 1, 1), "1.1")
    b = ExchangeRate("EUR", "USD", d(2026, 1, 1), "1.10")

    first, second = FixedRates([a, b]), FixedRates([b, a])

    on = d(2026, 1, 2)
    assert (
        str(first.rate("EUR", "USD", on))
        == str(second.rate("EUR", "USD", on))
        == "1.10"
    )


def test_rate_arguments_are_checked() -> None:
    rates = _rates()

    with pytest.raises(UnknownCurrencyError, match="'XXY'"):
        rates.rate("EUR", "XXY", d(2026, 1, 1))
    with pytest.raises(InvalidPeriodError, match=r"on=.*not a datetime"):
        rates.rate("EUR", "USD", _dt.datetime(2026, 1, 1, tzinfo=_dt.UTC))
    with pytest.raises(UnknownCurrencyError, match="'EURO'"):
        FixedRates([], pivot="EURO")


@pytest.mark.parametrize(
    ("rate", "error", "shown"),
    [
        ("0", InvalidAmountError, "got '0' (a rate must be positive)"),
        ("-1.1", InvalidAmountError, "got '-1.1'"),
        (1.1, AmountTypeError, "not float (1.1)"),
        ("NaN", InvalidAmountError, "got 'NaN'"),
    ],
)
def test_a_bad_exchange_rate_is_refused_naming_it(
    rate: object, error: type[Exception], shown: str
) -> None:
    with pytest.raises(error, match=_match(shown)):
        ExchangeRate("EUR", "USD", d(2026, 1, 1), rate)  # type: ignore[arg-type]


def test_conversion_uses_the_rate_in_force_and_stays_unrounded() -> None:
    rates = _rates(inverse=True)

    usd = Money("100", "EUR").convert("USD", rates, d(2026, 3, 1))
    back = Money("2500", "USD").convert("EUR", rates, d(2026, 3, 1)).rounded()

    # 100 x 1.20 = 120.00; 2500 / 1.20 = 2083.333… -> 2083.33
    assert usd == Money("120.00", "USD")
    assert back == Money("2083.33", "EUR")
    assert Money("5", "EUR").convert("EUR", rates, d(2026, 3, 1)) == Money("5", "EUR")


class _FloatRates:
    """A careless ExchangeRates that answers with a float."""

    def rate(self, base: str, quote: str, on: _dt.date) -> Decimal:
        return 1.1  # type: ignore[return-value]


def test_a_float_from_a_custom_rate_source_is_refused() -> None:
    assert isinstance(_FloatRates(), ExchangeRates)

    with pytest.raises(AmountTypeError, match=r"^rate must be .* not float \(1\.1\)"):
        Money("1", "EUR").convert("USD", _FloatRates(), d(2026, 1, 1))


# --- rules that `make mutation` found unguarded ------------------------------------


@pytest.mark.parametrize(
    ("operation", "verb"),
    [
        (lambda a, b: a + b, "add"),
        (lambda a, b: a - b, "subtract"),
        (lambda a, b: a < b, "compare"),
        (lambda a, b: a <= b, "compare"),
        (lambda a, b: a > b, "compare"),
        (lambda a, b: a >= b, "compare"),
        (lambda a, b: a / b, "divide"),
    ],
)
def test_a_currency_mismatch_names_the_operation(operation, verb: str) -> None:
    with pytest.raises(CurrencyMismatchError) as raised:
        operation(Money("10.00", "EUR"), Money("5.00", "USD"))

    assert str(raised.value).startswith(f"Cannot {verb} 10.00 EUR and 5.00 USD")
    assert raised.value.operation == verb


def test_money_orders_strictly_and_non_strictly_by_amount() -> None:
    one, same, two = Money("1.00", "EUR"), Money("1", "EUR"), Money("2", "EUR")

    # (a < b, a <= b, a > b, a >= b) for a below, equal to and above b
    assert (one < two, one <= two, one > two, one >= two) == (True, True, False, False)
    assert (one < same, one <= same, one > same, one >= same) == (
        False,
        True,
        False,
        True,
    )
    assert (two < one, two <= one, two > one, two >= one) == (False, False, True, True)


def test_negation_and_absolute_value_keep_the_currency() -> None:
    debt = Money("-5.25", "EUR")

    assert -debt == Money("5.25", "EUR")
    assert -Money("5.25", "EUR") == debt
    assert abs(debt) == Money("5.25", "EUR")
    assert abs(Money("5.25", "EUR")) == Money("5.25", "EUR")
    assert +debt == debt


def test_only_the_int_zero_that_sum_starts_from_adds_to_money() -> None:
    price = Money("1.50", "EUR")

    assert 0 + price == price
    for zero in (Decimal(0), False, 0.0):
        with pytest.raises(TypeError):
            _ = zero + price  # type: ignore[operator]


class _Cents(Money):
    """A subclass, as a caller might write to add methods of its own."""


def test_a_subclass_of_money_adds_and_subtracts_as_money() -> None:
    base = Money("10.00", "EUR")
    other = _Cents("2.50", "EUR")

    assert base + other == Money("12.50", "EUR")
    assert base - other == Money("7.50", "EUR")
    assert type(base + other) is Money


def test_a_bad_divisor_is_refused_naming_it() -> None:
    with pytest.raises(InvalidAmountError, match=r"^divisor must be .* got 'two'"):
        Money("1.00", "EUR") / "two"  # type: ignore[operator]


def test_format_rounds_half_up_unless_asked() -> None:
    # 0.125 is half a cent above 0.12: half up gives 0.13, half even 0.12
    assert Money("0.125", "EUR").format("en_US") == "€0.13"
    assert Money("0.125", "EUR").format("en_US", rounding=ROUND_HALF_EVEN) == "€0.12"


def test_a_negative_weight_is_named_even_after_a_zero_weight() -> None:
    with pytest.raises(
        InvalidAllocationError, match=r"weight -1 at position 2 is negative"
    ):
        Money("1.00", "EUR").allocate([0, 1, -1])


def test_a_bad_text_weight_is_named_as_a_weight_in_one_sentence() -> None:
    with pytest.raises(InvalidAllocationError) as raised:
        Money("1.00", "EUR").allocate([1, "abc"])

    assert str(raised.value) == (
        "Cannot allocate by weights [1, 'abc']: weight must be a finite decimal "
        "number, got 'abc'."
    )


def test_all_zero_decimal_weights_are_refused_like_int_ones() -> None:
    with pytest.raises(
        InvalidAllocationError, match="at least one weight must be positive"
    ):
        Money("1.00", "EUR").allocate(["0", Decimal("0.00")])


def test_weights_may_span_the_whole_bounds() -> None:
    pot = Money("1.00", "EUR")

    # 9 x 10^19 and 10^-60, the ends of the bounds: integers of 80 digits;
    # the small weight is 10^-80 of the total, far below a cent
    assert pot.allocate([Decimal("9e19"), Decimal("1e-60")]) == (
        Money("1.00", "EUR"),
        Money("0.00", "EUR"),
    )
    for weight in (Decimal("1e20"), Decimal("1e-61"), Decimal("1." + "0" * 34)):
        with pytest.raises(InvalidAllocationError, match="is out of bounds"):
            pot.allocate([weight, 1])


def test_decimal_weights_with_more_digits_than_the_context_keep_their_exact_ratio() -> (
    None
):
    # 34 significant digits, more than the default context's 28: rounded, the
    # second weight would equal the first and the tie would give the cent to the
    # first; exactly, the second weight is larger by 10^-33 and takes it.
    parts = Money("0.01", "EUR").allocate(["1", "1.000000000000000000000000000000001"])

    assert parts == (Money("0.00", "EUR"), Money("0.01", "EUR"))


def test_a_registered_currency_allocates_in_its_own_minor_units() -> None:
    try:
        register_currency("XTS", 8)

        parts = Money("1", "XTS").allocate([1, 2])

        # 10^8 units / 3 = 33,333,333 rest 1, the spare unit to the larger remainder
        # (2 × 10^8 mod 3 = 2): 0.33333333 and 0.66666667
        assert parts == (Money("0.33333333", "XTS"), Money("0.66666667", "XTS"))
        assert Money("0.123456785", "XTS").rounded() == Money("0.12345679", "XTS")
    finally:
        register_currency("XTS", 1)


def test_bad_minor_units_are_refused_saying_what_is_valid() -> None:
    with pytest.raises(InvalidAmountError) as raised:
        register_currency("XTS", 9)

    assert str(raised.value) == (
        "minor_units must be a finite decimal number, got 9 (an int from 0 to 8)."
    )


def test_a_bad_exchange_rate_date_or_value_is_named() -> None:
    with pytest.raises(InvalidPeriodError, match=r"^effective='2026-01-01'"):
        ExchangeRate("EUR", "USD", "2026-01-01", "1.10")  # type: ignore[arg-type]
    with pytest.raises(InvalidAmountError, match=r"^rate must be .* got 'abc'"):
        ExchangeRate("EUR", "USD", d(2026, 1, 1), "abc")
    with pytest.raises(InvalidAmountError, match=r"^rate must be .* got '0'"):
        ExchangeRate("EUR", "USD", d(2026, 1, 1), "0")


def test_every_item_that_is_not_a_rate_is_named() -> None:
    with pytest.raises(DefinitionError) as raised:
        FixedRates(["one", "two"])  # type: ignore[list-item]

    assert str(raised.value).startswith("FixedRates is invalid")
    assert raised.value.faults == (
        "rates[0] is not an ExchangeRate: 'one'",
        "rates[1] is not an ExchangeRate: 'two'",
    )


def test_a_missing_rate_without_a_pivot_says_nothing_of_one() -> None:
    with pytest.raises(MissingRateError) as raised:
        _rates().rate("USD", "GBP", d(2026, 2, 15))

    assert str(raised.value) == "No exchange rate USD->GBP on or before 2026-02-15."


def test_fixed_rates_show_how_many_rates_they_hold() -> None:
    assert (
        repr(_rates(pivot="EUR")) == "FixedRates(3 rates, inverse=False, pivot='EUR')"
    )


# --- bounds (issue 15) -----------------------------------------------------------------
# Every number entering the library keeps the bounds of docs/money.md: at most 34
# significant digits, below 10^20 in size, no digit finer than 10^-60.

_BOUNDS_TEXT = (
    "numbers must be below 10^20 in size, with at most 34 significant digits and "
    "no digit finer than 10^-60."
)


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        ("1e999999", "it is of the order of 10^999999"),
        (Decimal("1E+20"), "it is of the order of 10^20"),
        ("-100000000000000000000", "it is of the order of 10^20"),
        (10**20, "it is of the order of 10^20"),
        ("1e-61", "its last digit is at 10^-61"),
        ("0E-61", "its last digit is at 10^-61"),
        ("0E+20", "it is of the order of 10^20"),
        ("1." + "0" * 34, "it has 35 significant digits"),
    ],
    ids=repr,
)
def test_an_amount_outside_the_bounds_is_refused_naming_it(
    amount: object, reason: str
) -> None:
    with pytest.raises(AmountOutOfBoundsError) as raised:
        Money(amount, "EUR")  # type: ignore[arg-type]

    assert str(raised.value) == (
        f"amount {amount!r} is out of bounds: {reason}; {_BOUNDS_TEXT}"
    )
    assert isinstance(raised.value, InvalidAmountError | ValueError)
    assert raised.value.value == amount


@pytest.mark.parametrize(
    "amount",
    [
        "99999999999999999999.99",  # just below 10^20
        "-99999999999999999999",
        "1E-60",  # the finest digit
        "0E-60",
        "0." + "1" * 34,  # 34 digits, the last at 10^-34
        "1234567890123456789.012345678901234",  # 34 digits
    ],
)
def test_an_amount_at_the_bounds_is_taken_and_rounds_in_the_default_context(
    amount: str,
) -> None:
    made = Money(amount, "EUR")

    assert made.amount == Decimal(amount)
    # below 10^20 to the cent: 22 digits at most, within the default 28
    with localcontext(prec=34):
        assert made.rounded() == Money(Decimal(amount).quantize(Decimal("0.01")), "EUR")
    assert made.rounded() == Money(Decimal(amount).quantize(Decimal("0.01")), "EUR")


def test_a_huge_amount_is_refused_before_any_arithmetic() -> None:
    # the reproducers of issue 15: the allocation ran 57 s in C code, the
    # product leaked decimal.Overflow; now the amount itself is refused
    with pytest.raises(AmountOutOfBoundsError, match=_match("amount '1e999999'")):
        Money("1e999999", "EUR").allocate([1, 2])
    with pytest.raises(AmountOutOfBoundsError, match=_match("amount '1e999999'")):
        Money("1e999999", "EUR") * 10


@pytest.mark.parametrize(
    ("factor", "shown"),
    [
        (Decimal("1e999999"), "factor Decimal('1E+999999') is out of bounds"),
        (10**100, "factor 1" + "0" * 39 + "…" + "0" * 20 + " (101 characters)"),
        (10**100_000, "factor an int of about 100001 digits is out of bounds"),
        ("1e30", "factor '1e30' is out of bounds: it is of the order of 10^30"),
        (Decimal("1e-61"), "its last digit is at 10^-61"),
    ],
    ids=["1e999999", "10^100", "10^100000", "'1e30'", "1e-61"],
)
def test_money_times_a_huge_factor_is_refused_naming_it(
    factor: object, shown: str
) -> None:
    with pytest.raises(AmountOutOfBoundsError, match=_match(shown)):
        Money("10.00", "EUR") * factor  # type: ignore[operator]


@pytest.mark.parametrize(
    "divisor", [Decimal("1e-999999"), Decimal("1e999999"), "1e-61", 10**40]
)
def test_dividing_by_a_number_outside_the_bounds_is_refused(divisor: object) -> None:
    with pytest.raises(AmountOutOfBoundsError, match=r"divisor .* is out of bounds"):
        Money("10.00", "EUR") / divisor  # type: ignore[operator]


def test_dividing_by_zero_is_the_library_error_and_still_a_zero_division() -> None:
    with pytest.raises(DivisionByZeroError) as raised:
        Money("5.00", "EUR") / Decimal("0E-5")

    assert isinstance(raised.value, AccountcoreError | ZeroDivisionError)
    assert str(raised.value) == "Cannot divide 5.00 EUR by zero (Decimal('0.00000'))."


def test_a_product_chain_that_leaves_the_context_is_the_library_error() -> None:
    amount = Money("9e19", "EUR")
    factor = Decimal("9e19")

    # each product adds about 20 to the exponent; the context ends at 999,999,
    # so the loop runs about 50,100 times before the product is refused
    def multiply_until_refused() -> None:
        nonlocal amount
        for _ in range(60_000):
            amount = amount * factor

    with pytest.raises(AmountOutOfBoundsError, match=r"The product of .* EUR and"):
        multiply_until_refused()
    assert amount.amount.adjusted() > 999_000
    with pytest.raises(AmountOutOfBoundsError, match=r"amount Money\('8\.1"):
        amount.allocate([1, 2])


def test_sums_and_quotients_past_the_context_are_the_library_error() -> None:
    # the end of the context, as only a chain of ~50,000 products reaches it
    # (built directly: accepted input cannot get there)
    edge = _make(Decimal("9E+999999"), "EUR")

    with pytest.raises(AmountOutOfBoundsError, match="The sum of 9E"):
        _ = edge + edge
    with pytest.raises(AmountOutOfBoundsError, match="The difference of -9E"):
        _ = -edge - edge
    with pytest.raises(AmountOutOfBoundsError, match="The quotient of 9E"):
        _ = edge / Decimal("0.1")
    with pytest.raises(AmountOutOfBoundsError, match="The quotient of 9E"):
        _ = edge / Money("1e-60", "EUR")


def test_many_weights_allocate_in_one_pass() -> None:
    weights = list(range(1, 100_001))
    pot = Money("1000000.00", "EUR")

    parts = pot.allocate(weights)

    # 10^8 cents over weights 1..100,000 (total 5,000,050,000): each part is
    # within a cent of its share and the parts add up exactly
    assert len(parts) == 100_000
    assert sum(parts, Money.zero("EUR")) == pot
    assert parts[-1] == Money("20.00", "EUR")  # 10^8 x 10^5 / 5,000,050,000 = 1999.98…


def test_a_10_mb_bad_amount_is_named_by_its_ends_not_copied() -> None:
    text = "9" * 10_000_000 + "x"

    with pytest.raises(InvalidAmountError) as raised:
        Money(text, "EUR")

    message = str(raised.value)
    assert len(message) < 200
    assert "'9999" in message
    assert "999x' (10000001 characters)" in message


def test_an_unknown_code_is_answered_with_real_examples() -> None:
    with pytest.raises(UnknownCurrencyError) as raised:
        Money("10", "XYZ")

    assert str(raised.value) == (
        "Unknown currency 'XYZ': expected an ISO 4217 code such as 'EUR', 'USD' or "
        "'JPY'; register other codes with register_currency()."
    )
    with pytest.raises(UnknownCurrencyError, match="such as 'EUR';"):
        Money("10", "eur")


_TEXTS = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"\A[ +-]?[0-9_]{0,40}(\.[0-9]{0,40})?([eE][+-]?[0-9]{1,7})?\Z"),
    st.sampled_from(["NaN", "-sNaN", "Infinity", "-inf", "0x10", "1e999999", ""]),
)
_NUMBERS = st.one_of(
    _TEXTS,
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.decimals(),
    st.decimals(allow_nan=False, allow_infinity=False).map(lambda d: d.scaleb(40)),
    st.floats(),
    st.booleans(),
    st.none(),
)


@given(_NUMBERS)
def test_any_amount_gives_money_or_a_library_error_naming_it(value: object) -> None:
    try:
        made = Money(value, "EUR")  # type: ignore[arg-type]
    except AccountcoreError as error:
        message = str(error)
    else:
        message = ""
        assert made.amount.is_finite()
        assert made.amount.adjusted() <= 19
    assert not message or _short(value) in message


@given(bounded_decimals(), bounded_decimals(), bounded_decimals())
def test_accepted_numbers_never_make_arithmetic_leak_a_decimal_signal(
    amount: Decimal, factor: Decimal, weight: Decimal
) -> None:
    money = Money(amount, "EUR")
    other = Money(factor, "EUR")
    try:
        results = [
            money + other,
            money - other,
            money * factor,
            money * weight,
            money.rounded(),
            money.to_minor(),
            money.allocate([weight.copy_abs(), factor.copy_abs(), 1]),
        ]
        if factor:
            results += [money / factor, money / other]
    except DecimalException as signal:  # pragma: no cover - the property
        pytest.fail(f"leaked {type(signal).__name__}")
    assert results


@pytest.mark.parametrize("other", [None, "12.50", 5, Decimal("1.5")])
def test_adding_or_subtracting_what_is_not_money_names_it(other: object) -> None:
    from accountcore.errors import AmountTypeError

    money = Money("10.00", "EUR")

    with pytest.raises(
        AmountTypeError, match=r"Cannot add 10\.00 EUR and .*must be a Money"
    ):
        money + other  # type: ignore[operator]
    with pytest.raises(
        AmountTypeError, match=r"Cannot add 10\.00 EUR and .*must be a Money"
    ):
        other + money  # type: ignore[operator]
    with pytest.raises(AmountTypeError, match=r"Cannot subtract 10\.00 EUR and"):
        money - other  # type: ignore[operator]


def test_sum_still_starts_from_zero() -> None:
    # 0 + Money is Money, so sum() of Money needs no start value
    assert sum([Money("1.50", "EUR"), Money("2.25", "EUR")]) == Money("3.75", "EUR")


def test_fixed_rates_of_something_not_iterable_names_it() -> None:
    from accountcore.errors import ArgumentTypeError

    with pytest.raises(ArgumentTypeError, match=r"rates must be an iterable.*None"):
        FixedRates(None)  # type: ignore[arg-type]
