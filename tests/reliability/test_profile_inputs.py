"""What a profile says it knows: "not checked" is not "checked, none found",
and a value of the wrong shape is refused by name."""

from __future__ import annotations

import datetime as dt

import pytest

from accountcore import ClientProfile, Money, WarningSign
from accountcore.reliability import PaymentRecord
from accountcore.reliability.errors import InvalidProfileError
from accountcore.reliability.factors import WarningSigns

ON = dt.date(2026, 6, 30)


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def test_warning_signs_not_checked_are_none_and_missing_data() -> None:
    profile = ClientProfile("EUR", warning_signs=None)

    result = WarningSigns().assess(profile, ON)

    assert profile.warning_signs is None
    assert profile == ClientProfile("EUR")
    assert (result.points, result.coverage) == (None, 0)
    assert result.findings[0].code == "warnings.missing"
    assert result.findings[0].hint is not None


def test_warning_signs_checked_with_none_found_are_an_empty_tuple_worth_100() -> None:
    profile = ClientProfile("EUR", warning_signs=[])

    result = WarningSigns().assess(profile, ON)

    assert profile.warning_signs == ()
    assert (result.points, result.coverage, result.findings) == (100, 1, ())


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (5, "warning_signs=5 is invalid"),
        ("tax_arrears", "warning_signs='tax_arrears' is invalid"),
        (WarningSign.LITIGATION, "warning_signs=<WarningSign.LITIGATION"),
        (["tax_arrears"], "warning_signs='tax_arrears' is invalid"),
    ],
)
def test_warning_signs_of_the_wrong_shape_are_refused_by_name(
    value: object, shown: str
) -> None:
    with pytest.raises(InvalidProfileError, match=shown) as caught:
        ClientProfile("EUR", warning_signs=value)  # type: ignore[arg-type]

    assert "WarningSign members" in str(caught.value)


def test_payments_none_is_no_payment_known() -> None:
    assert ClientProfile("EUR", payments=None).payments == ()  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [5, "invoices", {"a": 1}])
def test_payments_of_the_wrong_shape_are_refused_by_name(value: object) -> None:
    with pytest.raises(InvalidProfileError, match=rf"payments={value!r} is invalid"):
        ClientProfile("EUR", payments=value)  # type: ignore[arg-type]


def test_a_payment_before_its_invoice_date_names_the_invoice() -> None:
    with pytest.raises(InvalidProfileError) as caught:
        PaymentRecord(
            eur("500"),
            dt.date(2026, 3, 1),
            dt.date(2026, 3, 31),
            dt.date(2026, 2, 28),
            invoice="INV-7",
        )

    assert str(caught.value) == (
        "paid=2026-02-28 is invalid: the payment of invoice 'INV-7' cannot be "
        "before its invoice date issued=2026-03-01."
    )


def test_a_due_date_before_its_invoice_date_names_the_invoice() -> None:
    with pytest.raises(InvalidProfileError, match="due date of invoice 'INV-8'"):
        PaymentRecord(
            eur("500"), dt.date(2026, 3, 1), dt.date(2026, 2, 1), invoice="INV-8"
        )


def test_an_invoice_id_that_is_not_text_is_refused_by_name() -> None:
    with pytest.raises(InvalidProfileError, match=r"invoice=7 is invalid"):
        PaymentRecord(
            eur("500"),
            dt.date(2026, 3, 1),
            dt.date(2026, 3, 31),
            invoice=7,  # type: ignore[arg-type]
        )


def test_scoring_something_that_is_not_a_profile_is_a_library_type_error() -> None:
    from accountcore import Scorecard
    from accountcore.errors import ArgumentTypeError

    with pytest.raises(ArgumentTypeError, match=r"profile must be a ClientProfile"):
        Scorecard.default().score(None, on=ON)  # type: ignore[arg-type]
