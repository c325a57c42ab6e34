"""The error family of accountcore.

Every error the library raises is an :class:`AccountcoreError`, split in two
branches:

* :class:`DefinitionError`: something was *configured* wrongly (a pipeline, a
  plan, a scheme, a calendar). It is the integrator's bug and is raised when
  the definition is built, listing every fault at once.
* :class:`RuleViolation`: this *input* breaks a rule (a float amount, two
  currencies mixed, a move the pipeline forbids). It is the user's data.

Leaves are named in the domain's words and also subclass the builtin they are
(``ValueError``, ``TypeError``, ``KeyError``), so ``except ValueError`` keeps
working for callers who do not know accountcore. Each message is built in the
exception's constructor from the values, which are kept as attributes:

>>> from decimal import Decimal
>>> try:
...     raise CurrencyMismatchError("add", "10.00 EUR", "5.00 USD")
... except ValueError as error:
...     print(error)
...     print(error.left, error.right)
Cannot add 10.00 EUR and 5.00 USD: currencies differ (EUR, USD); convert one with Money.convert first.
10.00 EUR 5.00 USD
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = [
    "AccountcoreError",
    "AmountTypeError",
    "CurrencyMismatchError",
    "DefinitionError",
    "InvalidAllocationError",
    "InvalidAmountError",
    "InvalidLocaleError",
    "InvalidPeriodError",
    "MissingRateError",
    "NaiveDatetimeError",
    "PrecisionError",
    "ClientFactsError",
    "QuoteLineError",
    "RuleViolation",
    "SchemeDefinitionError",
    "StructureError",
    "UnknownCurrencyError",
    # i18n
    "MessageParameterError",
    "UnknownMessageError",
    # analytics
    "AnalyticsInputError",
    "NotInAnalysisError",
    # clients and pipeline
    "ClientCollectionError",
    "ClientLifecycleError",
    "DealChangeError",
    "HistoryEventError",
    "PipelineDefinitionError",
    "TransitionError",
    "UnknownRequirementError",
    "UnknownStageError",
    # reliability
    "InvalidProfileError",
    "ScoreComparisonError",
    # quotas and commissions
    "ClawbackError",
    "CreditedToDateError",
    "LedgerMismatchError",
    "LedgerMissingError",
    "MissingQuotaError",
    "PlanDefinitionError",
    "QuotaDefinitionError",
    "QuotaPeriodError",
    "YearToDateCreditsError",
    # storage
    "ConcurrencyError",
    "CorruptDocumentError",
    "DuplicateError",
    "InvalidQueryError",
    "NotFoundError",
    "SchemaVersionError",
    "StoreBusyError",
    # reports
    "ReportInputError",
]


def _rebuild(cls: type[AccountcoreError], message: str, state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    error.message = message
    return error


class AccountcoreError(Exception):
    """Root of every error accountcore raises.

    The message is fixed when the error is built; ``str(error)`` returns it
    (also for the ``KeyError`` leaves, whose builtin ``str`` would quote it).

    >>> issubclass(RuleViolation, AccountcoreError)
    True
    >>> str(AccountcoreError("plain message"))
    'plain message'
    """

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        state = {k: v for k, v in self.__dict__.items() if k != "message"}
        return (_rebuild, (type(self), self.message, state))


class DefinitionError(AccountcoreError, ValueError):
    """A definition (pipeline, plan, scheme, calendar…) is configured wrongly.

    ``faults`` lists every problem found, not just the first.

    >>> error = DefinitionError("Pipeline 'sales'", ["no won stage", "stage 'x' is unreachable"])
    >>> print(error)
    Pipeline 'sales' is invalid (2 faults):
      - no won stage
      - stage 'x' is unreachable
    >>> error.faults
    ('no won stage', "stage 'x' is unreachable")
    """

    subject: str
    faults: tuple[str, ...]

    def __init__(self, subject: str, faults: Iterable[str]) -> None:
        self.subject = subject
        self.faults = tuple(faults)
        count = len(self.faults)
        noun = "fault" if count == 1 else "faults"
        lines = "".join(f"\n  - {fault}" for fault in self.faults)
        super().__init__(f"{subject} is invalid ({count} {noun}):{lines}")


class RuleViolation(AccountcoreError):
    """An input breaks one of the library's rules.

    >>> issubclass(CurrencyMismatchError, RuleViolation)
    True
    """


class AmountTypeError(RuleViolation, TypeError):
    """An amount of a type money cannot be made from (``float``, ``bool``…).

    ``expected`` says what would be valid (by default a Decimal, an int or a
    str).

    >>> print(AmountTypeError("amount", 0.1))
    amount must be a Decimal, an int or a str, not float (0.1); a float cannot hold money exactly: write Decimal('0.1') or '0.1'.
    >>> print(AmountTypeError("units", "12", expected="an int"))
    units must be an int, not str ('12').
    """

    parameter: str
    value: object
    expected: str

    def __init__(
        self,
        parameter: str,
        value: object,
        expected: str = "a Decimal, an int or a str",
    ) -> None:
        self.parameter = parameter
        self.value = value
        self.expected = expected
        kind = type(value).__name__
        hint = ""
        if isinstance(value, float) and "Decimal" in expected:
            hint = (
                f"; a float cannot hold money exactly: write Decimal('{value!r}') "
                f"or '{value!r}'"
            )
        elif isinstance(value, bool):
            hint = "; a bool is not a number here"
        super().__init__(
            f"{parameter} must be {expected}, not {kind} ({value!r}){hint}."
        )


class InvalidAmountError(RuleViolation, ValueError):
    """An amount that is not a finite number (NaN, infinity, bad text).

    >>> print(InvalidAmountError("amount", "12,50"))
    amount must be a finite decimal number, got '12,50'.
    """

    parameter: str
    value: object

    def __init__(self, parameter: str, value: object, detail: str = "") -> None:
        self.parameter = parameter
        self.value = value
        extra = f" ({detail})" if detail else ""
        super().__init__(
            f"{parameter} must be a finite decimal number, got {value!r}{extra}."
        )


class UnknownCurrencyError(RuleViolation, ValueError):
    """A currency code that is not ISO 4217 (nor registered by the user).

    >>> print(UnknownCurrencyError("eur"))
    Unknown currency 'eur': expected an ISO 4217 code such as 'EUR'; register other codes with register_currency().
    """

    code: object

    def __init__(self, code: object) -> None:
        self.code = code
        example = "EUR"
        if isinstance(code, str) and len(code) == 3 and code.isalpha():
            example = code.upper()
        super().__init__(
            f"Unknown currency {code!r}: expected an ISO 4217 code such as "
            f"{example!r}; register other codes with register_currency()."
        )


class CurrencyMismatchError(RuleViolation, ValueError):
    """Two amounts in different currencies were combined without an exchange.

    >>> print(CurrencyMismatchError("compare", "1.00 EUR", "1.00 USD"))
    Cannot compare 1.00 EUR and 1.00 USD: currencies differ (EUR, USD); convert one with Money.convert first.
    """

    operation: str
    left: object
    right: object

    def __init__(self, operation: str, left: object, right: object) -> None:
        self.operation = operation
        self.left = left
        self.right = right
        codes = ", ".join(
            str(getattr(side, "currency", str(side).rsplit(" ", 1)[-1]))
            for side in (left, right)
        )
        super().__init__(
            f"Cannot {operation} {left} and {right}: currencies differ "
            f"({codes}); convert one with Money.convert first."
        )


class InvalidAllocationError(RuleViolation, ValueError):
    """Weights an amount cannot be allocated by.

    >>> print(InvalidAllocationError([0, 0], "at least one weight must be positive"))
    Cannot allocate by weights [0, 0]: at least one weight must be positive.
    """

    weights: object
    reason: str

    def __init__(self, weights: object, reason: str) -> None:
        self.weights = weights
        self.reason = reason
        super().__init__(f"Cannot allocate by weights {weights!r}: {reason}.")


class MissingRateError(RuleViolation, KeyError):
    """No exchange rate is known for a pair on a date.

    >>> import datetime
    >>> print(MissingRateError("EUR", "JPY", datetime.date(2026, 1, 5)))
    No exchange rate EUR->JPY on or before 2026-01-05.
    """

    base: str
    quote: str
    on: object

    def __init__(self, base: str, quote: str, on: object, detail: str = "") -> None:
        self.base = base
        self.quote = quote
        self.on = on
        extra = f" ({detail})" if detail else ""
        super().__init__(f"No exchange rate {base}->{quote} on or before {on}{extra}.")


class NaiveDatetimeError(RuleViolation, ValueError):
    """A datetime without a timezone where an instant is needed.

    >>> import datetime
    >>> print(NaiveDatetimeError("at", datetime.datetime(2026, 1, 5, 9, 30)))
    at must be a timezone-aware datetime, got naive 2026-01-05T09:30:00; attach a timezone, e.g. pendulum.datetime(..., tz='Europe/Tallinn').
    """

    parameter: str
    value: object

    def __init__(self, parameter: str, value: object) -> None:
        self.parameter = parameter
        self.value = value
        shown = value.isoformat() if hasattr(value, "isoformat") else repr(value)
        super().__init__(
            f"{parameter} must be a timezone-aware datetime, got naive {shown}; "
            "attach a timezone, e.g. pendulum.datetime(..., tz='Europe/Tallinn')."
        )


class InvalidPeriodError(RuleViolation, ValueError):
    """A period, a date or a calendar argument that breaks the rules of time.

    >>> print(InvalidPeriodError("quarter", 5, "a quarter is 1 to 4"))
    quarter=5 is invalid: a quarter is 1 to 4.
    """

    parameter: str
    value: object
    reason: str

    def __init__(self, parameter: str, value: object, reason: str) -> None:
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"{parameter}={value!r} is invalid: {reason}.")


class StructureError(RuleViolation, ValueError):
    """Data that does not structure into a domain type; lists every bad field.

    >>> print(StructureError("Money", ["$.amount: invalid value for type Decimal"]))
    Cannot structure Money (1 bad field):
      - $.amount: invalid value for type Decimal
    """

    target: str
    errors: tuple[str, ...]

    def __init__(self, target: str, errors: Iterable[str]) -> None:
        self.target = target
        self.errors = tuple(errors)
        count = len(self.errors)
        noun = "field" if count == 1 else "fields"
        lines = "".join(f"\n  - {err}" for err in self.errors)
        super().__init__(f"Cannot structure {target} ({count} bad {noun}):{lines}")


# --- i18n ---


class InvalidLocaleError(RuleViolation, ValueError):
    """A locale identifier babel does not know.

    >>> print(InvalidLocaleError("xx_XX"))
    Unknown locale 'xx_XX': expected a locale babel knows, such as 'en_US', 'et_EE', 'uk_UA', 'ja_JP', 'ro_RO' or 'lv_LV'.
    """

    locale: object

    def __init__(self, locale: object) -> None:
        self.locale = locale
        super().__init__(
            f"Unknown locale {locale!r}: expected a locale babel knows, such as "
            "'en_US', 'et_EE', 'uk_UA', 'ja_JP', 'ro_RO' or 'lv_LV'."
        )


class UnknownMessageError(RuleViolation, KeyError):
    """A message id that is not in the English catalog.

    >>> print(UnknownMessageError("analytics.nope"))
    No message 'analytics.nope' in the accountcore catalogs; add it to locale/en/LC_MESSAGES/accountcore.po and to every other language (see docs/i18n.md).
    """

    message_id: object

    def __init__(self, message_id: object) -> None:
        self.message_id = message_id
        super().__init__(
            f"No message {message_id!r} in the accountcore catalogs; add it to "
            "locale/en/LC_MESSAGES/accountcore.po and to every other language "
            "(see docs/i18n.md)."
        )


class MessageParameterError(RuleViolation, ValueError):
    """A message given the wrong parameters (missing, unexpected or unusable).

    >>> print(MessageParameterError("common.days", frozenset({"count"}), ["count"], ["days"]))
    Message 'common.days' takes {count}: missing count; unexpected days.
    """

    message_id: str
    expected: tuple[str, ...]
    missing: tuple[str, ...]
    unexpected: tuple[str, ...]
    detail: str

    def __init__(
        self,
        message_id: str,
        expected: Iterable[str],
        missing: Iterable[str] = (),
        unexpected: Iterable[str] = (),
        *,
        detail: str = "",
    ) -> None:
        self.message_id = message_id
        self.expected = tuple(sorted(expected))
        self.missing = tuple(missing)
        self.unexpected = tuple(unexpected)
        self.detail = detail
        takes = ", ".join(f"{{{name}}}" for name in self.expected) or "no parameters"
        faults = []
        if self.missing:
            faults.append(f"missing {', '.join(self.missing)}")
        if self.unexpected:
            faults.append(f"unexpected {', '.join(self.unexpected)}")
        if detail:
            faults.append(detail)
        super().__init__(f"Message {message_id!r} takes {takes}: {'; '.join(faults)}.")


# --- analytics ---


class AnalyticsInputError(RuleViolation, ValueError):
    """A parameter or an input an analysis cannot work with.

    >>> print(AnalyticsInputError("a", "1.2", "a share must be above 0 and at most 1"))
    a='1.2' is invalid: a share must be above 0 and at most 1.
    """

    parameter: str
    value: object
    reason: str

    def __init__(self, parameter: str, value: object, reason: str) -> None:
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"{parameter}={value!r} is invalid: {reason}.")


class NotInAnalysisError(RuleViolation, KeyError):
    """A client (or deal) asked of an analysis that does not contain it.

    >>> print(NotInAnalysisError("acme"))
    'acme' is not in this analysis.
    """

    key: object

    def __init__(self, key: object) -> None:
        self.key = key
        super().__init__(f"{key!r} is not in this analysis.")


# --- clients and pipeline ---


class ClientLifecycleError(RuleViolation, ValueError):
    """A lifecycle change the client's status (or the change's data) forbids.

    >>> print(ClientLifecycleError("C-1", "prospect", "churn", "only an active or dormant client can churn"))
    Client 'C-1' is prospect: cannot churn (only an active or dormant client can churn).
    """

    client_id: str
    status: str
    change: str
    reason: str

    def __init__(self, client_id: str, status: str, change: str, reason: str) -> None:
        self.client_id = client_id
        self.status = status
        self.change = change
        self.reason = reason
        super().__init__(
            f"Client {client_id!r} is {status}: cannot {change} ({reason})."
        )


class ClientCollectionError(RuleViolation, ValueError):
    """A collection of clients that is inconsistent as a whole; lists every fault.

    >>> print(ClientCollectionError(["referral chain loops: A -> B -> A"]))
    The clients are inconsistent (1 fault):
      - referral chain loops: A -> B -> A
    """

    faults: tuple[str, ...]

    def __init__(self, faults: Iterable[str]) -> None:
        self.faults = tuple(faults)
        count = len(self.faults)
        noun = "fault" if count == 1 else "faults"
        lines = "".join(f"\n  - {fault}" for fault in self.faults)
        super().__init__(f"The clients are inconsistent ({count} {noun}):{lines}")


class PipelineDefinitionError(DefinitionError):
    """A pipeline that is configured wrongly; ``faults`` lists every problem.

    >>> print(PipelineDefinitionError("sales", ["no won stage"]))
    Pipeline 'sales' is invalid (1 fault):
      - no won stage
    """

    pipeline_id: str

    def __init__(self, pipeline_id: str, faults: Iterable[str]) -> None:
        self.pipeline_id = pipeline_id
        super().__init__(f"Pipeline {pipeline_id!r}", faults)


class TransitionError(RuleViolation, ValueError):
    """A deal cannot move to a stage; ``unmet`` lists every reason in
    English, ``refusals`` the same reasons as data
    (:class:`~accountcore.pipeline.refusals.Refusal`; a plain string given here is
    kept as a refusal of code ``"custom"``).

    >>> print(TransitionError("D-7", "negotiation", "contract_signed",
    ...                       ["amount is missing", "expected close date is missing"]))
    Deal 'D-7' cannot move from 'negotiation' to 'contract_signed': amount is missing; expected close date is missing.
    """

    deal_id: str
    current: str
    target: object
    unmet: tuple[str, ...]
    refusals: tuple[Any, ...]

    def __init__(
        self, deal_id: str, current: str, target: object, unmet: Iterable[Any]
    ) -> None:
        from accountcore.pipeline import Refusal  # errors is imported first

        self.deal_id = deal_id
        self.current = current
        self.target = target
        self.refusals = tuple(
            item if isinstance(item, Refusal) else Refusal("custom", str(item))
            for item in unmet
        )
        self.unmet = tuple(refusal.text for refusal in self.refusals)
        super().__init__(
            f"Deal {deal_id!r} cannot move from {current!r} to {target!r}: "
            f"{'; '.join(self.unmet)}."
        )

    @property
    def verdict(self) -> Any:
        """The refusal as a :class:`~accountcore.pipeline.Verdict`, to show
        its reasons in the user's language (``error.verdict.render(locale)``).

        >>> from accountcore.pipeline import Refusal
        >>> error = TransitionError("D-7", "needs", "lost", [Refusal.of("contact_missing")])
        >>> error.verdict.render("lv_LV")
        ['nav norādīta kontaktpersona']
        """
        from accountcore.pipeline import Verdict

        return Verdict.of(self.current, self.target, self.refusals)


class DealChangeError(RuleViolation, ValueError):
    """A change to a deal's data that breaks a rule (splits, probability, time…).

    >>> print(DealChangeError("D-7", "splits", {"anna": "0.5"}, "shares sum to 0.5, not 1"))
    Deal 'D-7': cannot change splits to {'anna': '0.5'} (shares sum to 0.5, not 1).
    """

    deal_id: str
    change: str
    value: object
    reason: str

    def __init__(self, deal_id: str, change: str, value: object, reason: str) -> None:
        self.deal_id = deal_id
        self.change = change
        self.value = value
        self.reason = reason
        super().__init__(
            f"Deal {deal_id!r}: cannot change {change} to {value!r} ({reason})."
        )


class HistoryEventError(RuleViolation, TypeError):
    """Something that is not a deal event was put into a deal's history.

    >>> print(HistoryEventError(3, "moved on"))
    history[3] must be a deal event (StageChange, AmountChange, ...), not str ('moved on').
    """

    index: int
    value: object

    def __init__(self, index: int, value: object) -> None:
        self.index = index
        self.value = value
        super().__init__(
            f"history[{index}] must be a deal event (StageChange, AmountChange, "
            f"...), not {type(value).__name__} ({value!r})."
        )


class UnknownRequirementError(RuleViolation, KeyError):
    """A requirement name that is not registered.

    >>> print(UnknownRequirementError("has_budget", ["has_amount", "has_contact"]))
    Unknown requirement 'has_budget': registered are has_amount, has_contact.
    """

    name: object
    known: tuple[str, ...]

    def __init__(self, name: object, known: Iterable[str]) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(
            f"Unknown requirement {name!r}: registered are {', '.join(self.known)}."
        )


class UnknownStageError(RuleViolation, KeyError):
    """A stage key that the pipeline does not have.

    >>> print(UnknownStageError("default", "won", ["lost", "contract_signed"]))
    Pipeline 'default' has no stage 'won': the stages are lost, contract_signed.
    """

    pipeline_id: str
    key: object
    known: tuple[str, ...]

    def __init__(self, pipeline_id: str, key: object, known: Iterable[str]) -> None:
        self.pipeline_id = pipeline_id
        self.key = key
        self.known = tuple(known)
        super().__init__(
            f"Pipeline {pipeline_id!r} has no stage {key!r}: the stages are "
            f"{', '.join(self.known)}."
        )


# --- money ---------------------------------------------------------------------


class PrecisionError(RuleViolation, ArithmeticError):
    """An amount too long to round within the caller's decimal precision.

    Arithmetic and rounding run in the caller's :mod:`decimal` context (28
    significant digits unless widened); a rounded amount that needs more
    digits is refused rather than silently cut.

    >>> from decimal import Decimal
    >>> print(PrecisionError(Decimal("1E+30"), "EUR", 2, 28))
    Cannot round 1E+30 EUR to 2 decimals: the result needs 33 significant digits and the decimal context holds 28; widen it with decimal.localcontext(prec=33).
    """

    amount: object
    currency: str
    places: int
    precision: int

    def __init__(
        self, amount: object, currency: str, places: int, precision: int
    ) -> None:
        self.amount = amount
        self.currency = currency
        self.places = places
        self.precision = precision
        adjusted = getattr(amount, "adjusted", None)
        needed = (adjusted() + 1 + places) if callable(adjusted) else precision + 1
        super().__init__(
            f"Cannot round {amount} {currency} to {places} decimals: the result "
            f"needs {needed} significant digits and the decimal context holds "
            f"{precision}; widen it with decimal.localcontext(prec={needed})."
        )


# --- reliability ---


class InvalidProfileError(RuleViolation, ValueError):
    """A client profile (or one of its parts) holds a value that cannot be true.

    ``parameter`` is the path of the bad value inside the profile.

    >>> print(InvalidProfileError("financials.total_assets", "-5 EUR", "total assets cannot be negative"))
    financials.total_assets=-5 EUR is invalid: total assets cannot be negative.
    """

    parameter: str
    value: object
    reason: str

    def __init__(self, parameter: str, value: object, reason: str) -> None:
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"{parameter}={value} is invalid: {reason}.")


class ScoreComparisonError(RuleViolation, ValueError):
    """Two reliability scores that cannot be compared (other client, wrong order).

    >>> print(ScoreComparisonError("client_id", "c-1", "c-2", "both scores must be of the same client"))
    Cannot compare scores (client_id: before 'c-1', after 'c-2'): both scores must be of the same client.
    """

    parameter: str
    before: object
    after: object
    reason: str

    def __init__(
        self, parameter: str, before: object, after: object, reason: str
    ) -> None:
        self.parameter = parameter
        self.before = before
        self.after = after
        self.reason = reason
        super().__init__(
            f"Cannot compare scores ({parameter}: before {before!r}, after {after!r}): "
            f"{reason}."
        )


# --- quotas and commissions ---------------------------------------------------


class QuotaDefinitionError(DefinitionError):
    """A quota, a ramp, a distribution or a review policy is configured wrongly.

    >>> print(QuotaDefinitionError("Quota distribution", ["weights sum to 0.9, not 1"]))
    Quota distribution is invalid (1 fault):
      - weights sum to 0.9, not 1
    """


class PlanDefinitionError(DefinitionError):
    """A commission plan or one of its components is configured wrongly.

    >>> print(PlanDefinitionError("Tiered 'commission'", ["tier 2 starts at 90000, not at 100000 (overlap)"]))
    Tiered 'commission' is invalid (1 fault):
      - tier 2 starts at 90000, not at 100000 (overlap)
    """


class MissingQuotaError(RuleViolation, ValueError):
    """A plan needs attainment but no quota (or a zero one) was given.

    >>> print(MissingQuotaError("commission", "ana"))
    Component 'commission' needs attainment, but no quota was given for owner 'ana'; pass quota= (or quotas= to calculate_team).
    """

    component: str
    owner: str

    def __init__(self, component: str, owner: str) -> None:
        self.component = component
        self.owner = owner
        super().__init__(
            f"Component {component!r} needs attainment, but no quota was given for "
            f"owner {owner!r}; pass quota= (or quotas= to calculate_team)."
        )


class LedgerMismatchError(RuleViolation, ValueError):
    """A ledger that does not belong with this calculation (other owner, other
    currency, or a period already calculated).

    >>> print(LedgerMismatchError("owner", "bob", "the statement is for 'ana'"))
    Ledger owner='bob' does not fit: the statement is for 'ana'.
    """

    field: str
    value: object
    reason: str

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"Ledger {field}={value!r} does not fit: {reason}.")


class CreditedToDateError(LedgerMismatchError):
    """The credits given for the fiscal year before a year-to-date period do
    not add up to what the ledger carried from that period.

    >>> print(CreditedToDateError("ana", "2026-04-01", "150000.00 EUR", "100000.00 EUR", "50000.00 EUR"))
    Ledger credited_to_date='100000.00 EUR' does not fit: owner 'ana''s credits dated before 2026-04-01 add up to 150000.00 EUR, but the ledger carried 100000.00 EUR from the period before (a difference of 50000.00 EUR); pass every credit since the fiscal year's start, or only this period's credits.
    """

    owner: str
    before: object
    given: object
    recorded: object
    difference: object

    def __init__(
        self,
        owner: str,
        before: object,
        given: object,
        recorded: object,
        difference: object,
    ) -> None:
        self.owner = owner
        self.before = before
        self.given = given
        self.recorded = recorded
        self.difference = difference
        super().__init__(
            "credited_to_date",
            recorded,
            f"owner {owner!r}'s credits dated before {before} add up to {given}, "
            f"but the ledger carried {recorded} from the period before (a "
            f"difference of {difference}); pass every credit since the fiscal "
            "year's start, or only this period's credits",
        )


class LedgerMissingError(RuleViolation, ValueError):
    """A year-to-date statement for a period after the fiscal year's first,
    with no ledger: what was paid earlier in the year is unknown.

    >>> print(LedgerMissingError("ana", "2026-Q2", "2026-01-01", "EUR"))
    No ledger for owner 'ana': the year-to-date statement for 2026-Q2 does not start the fiscal year (2026-01-01), so it must deduct what was paid before. Pass the ledger carried from the period before (its statement's ledger), or Ledger.opening('ana', 'EUR') if nothing was paid before.
    """

    owner: str
    period: object
    year_start: object
    currency: str

    def __init__(
        self, owner: str, period: object, year_start: object, currency: str
    ) -> None:
        self.owner = owner
        self.period = period
        self.year_start = year_start
        self.currency = currency
        super().__init__(
            f"No ledger for owner {owner!r}: the year-to-date statement for {period} "
            f"does not start the fiscal year ({year_start}), so it must deduct what "
            "was paid before. Pass the ledger carried from the period before (its "
            f"statement's ledger), or Ledger.opening({owner!r}, {currency!r}) if "
            "nothing was paid before."
        )


class YearToDateCreditsError(RuleViolation, ValueError):
    """A year-to-date statement was given only its period's credits (the
    earlier ones as the ledger's ``credited_to_date``), but a component needs
    each credit since the fiscal year's start.

    >>> print(YearToDateCreditsError("hunter", "ana", "2026-01-01", "2026-Q2"))
    Component 'hunter' needs each of owner 'ana''s credits since the fiscal year's start (2026-01-01), but only the credits of 2026-Q2 were given (the earlier ones as the ledger's credited_to_date); pass all credits since 2026-01-01 with the same ledger.
    """

    component: str
    owner: str
    since: object
    period: object

    def __init__(
        self, component: str, owner: str, since: object, period: object
    ) -> None:
        self.component = component
        self.owner = owner
        self.since = since
        self.period = period
        super().__init__(
            f"Component {component!r} needs each of owner {owner!r}'s credits since "
            f"the fiscal year's start ({since}), but only the credits of {period} "
            "were given (the earlier ones as the ledger's credited_to_date); pass "
            f"all credits since {since} with the same ledger."
        )


class ClawbackError(RuleViolation, ValueError):
    """A clawback of a deal paid in an earlier statement, but the ledger holds
    no record of what the deal earned, so what to take back is unknown.

    >>> import datetime
    >>> print(ClawbackError("D-7", "ana", datetime.date(2026, 4, 10), datetime.date(2026, 1, 20)))
    Clawback of deal 'D-7' for owner 'ana' on 2026-04-10 reverses a credit of 2026-01-20, paid in an earlier statement, but the ledger holds no record of what the deal earned: pass the ledger carried from the period it was paid in (and every ledger since), or build the plan with clawback="rerate" to price it at this period's rates.
    """

    deal: str
    owner: str
    on: object
    original_on: object

    def __init__(self, deal: str, owner: str, on: object, original_on: object) -> None:
        self.deal = deal
        self.owner = owner
        self.on = on
        self.original_on = original_on
        super().__init__(
            f"Clawback of deal {deal!r} for owner {owner!r} on {on} reverses a "
            f"credit of {original_on}, paid in an earlier statement, but the ledger "
            "holds no record of what the deal earned: pass the ledger carried from "
            "the period it was paid in (and every ledger since), or build the plan "
            'with clawback="rerate" to price it at this period\'s rates.'
        )


class QuotaPeriodError(RuleViolation, ValueError):
    """An owner's quotas do not cover exactly the span a statement needs (its
    period, or the fiscal year to date for a year-to-date plan).

    >>> print(QuotaPeriodError("ana", "2026-01-01..2026-06-30", ("2026-Q2",), "2026-01-01..2026-03-31 is not covered"))
    Quotas of owner 'ana' do not cover 2026-01-01..2026-06-30 exactly: given 2026-Q2, and 2026-01-01..2026-03-31 is not covered. Pass one quota for 2026-01-01..2026-06-30, or quotas whose periods tile it (one per month or quarter, none overlapping).
    """

    owner: str
    needed: object
    given: tuple[object, ...]
    problem: str

    def __init__(
        self, owner: str, needed: object, given: Iterable[object], problem: str
    ) -> None:
        self.owner = owner
        self.needed = needed
        self.given = tuple(given)
        self.problem = problem
        shown = ", ".join(str(period) for period in self.given) or "none"
        super().__init__(
            f"Quotas of owner {owner!r} do not cover {needed} exactly: given "
            f"{shown}, and {problem}. Pass one quota for {needed}, or quotas whose "
            "periods tile it (one per month or quarter, none overlapping)."
        )


# --- discounts ---


class SchemeDefinitionError(DefinitionError):
    """A discount scheme (or one of its rules or conditions) is configured
    wrongly; ``faults`` lists every problem.

    >>> print(SchemeDefinitionError("DiscountScheme 'retail'", ["rule 'x': percent 120 is outside [0, 100]"]))
    DiscountScheme 'retail' is invalid (1 fault):
      - rule 'x': percent 120 is outside [0, 100]
    """


class ClientFactsError(RuleViolation, ValueError):
    """A client fact a discount rule cannot use (an unknown tier…).

    >>> print(ClientFactsError("tier", "gold", "expected one of standard, key, vip"))
    tier='gold' is invalid: expected one of standard, key, vip.
    """

    parameter: str
    value: object
    reason: str

    def __init__(self, parameter: str, value: object, reason: str) -> None:
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"{parameter}={value!r} is invalid: {reason}.")


class QuoteLineError(RuleViolation, ValueError):
    """A line given to ``DiscountScheme.quote`` that cannot be priced.

    >>> print(QuoteLineError(2, "quantity", -3, "a quantity must be positive"))
    Line 2: quantity=-3 is invalid: a quantity must be positive.
    """

    line: int
    parameter: str
    value: object
    reason: str

    def __init__(self, line: int, parameter: str, value: object, reason: str) -> None:
        self.line = line
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"Line {line}: {parameter}={value!r} is invalid: {reason}.")


# --- storage ---


class NotFoundError(RuleViolation, KeyError):
    """No entity with this id is stored in the collection.

    >>> print(NotFoundError("deals", "D-404"))
    No entity with id 'D-404' in deals.
    """

    collection: str
    id: str

    def __init__(self, collection: str, id: str) -> None:
        self.collection = collection
        self.id = id
        super().__init__(f"No entity with id {id!r} in {collection}.")


class DuplicateError(RuleViolation, ValueError):
    """``add`` of an id that is already stored.

    >>> print(DuplicateError("deals", "D-1", 3))
    Cannot add 'D-1' to deals: that id is already stored (version 3); load it and save instead.
    """

    collection: str
    id: str
    version: int

    def __init__(self, collection: str, id: str, version: int) -> None:
        self.collection = collection
        self.id = id
        self.version = version
        super().__init__(
            f"Cannot add {id!r} to {collection}: that id is already stored "
            f"(version {version}); load it and save instead."
        )


class ConcurrencyError(RuleViolation, ValueError):
    """The stored version moved on since the caller loaded the entity.

    ``actual`` is ``None`` when the entity was deleted meanwhile.

    >>> print(ConcurrencyError("deals", "D-1", expected=2, actual=3))
    Cannot write 'D-1' in deals: expected version 2 but the stored version is 3; another unit of work changed it first: load it again and retry.
    """

    collection: str
    id: str
    expected: int | None
    actual: int | None

    def __init__(
        self, collection: str, id: str, *, expected: int | None, actual: int | None
    ) -> None:
        self.collection = collection
        self.id = id
        self.expected = expected
        self.actual = actual
        stored = (
            "it is no longer stored"
            if actual is None
            else f"the stored version is {actual}"
        )
        super().__init__(
            f"Cannot write {id!r} in {collection}: expected version {expected} but "
            f"{stored}; another unit of work changed it first: load it again and retry."
        )


class StoreBusyError(ConcurrencyError):
    """Another unit of work held the write lock for longer than the timeout.

    >>> print(StoreBusyError("deals", "D-1", 5.0))
    Cannot write 'D-1' in deals: another unit of work held the store's write lock for more than 5.0 s; retry the unit of work.
    """

    waited: float

    def __init__(self, collection: str, id: str, waited: float) -> None:
        self.collection = collection
        self.id = id
        self.expected = None
        self.actual = None
        self.waited = waited
        AccountcoreError.__init__(
            self,
            f"Cannot write {id!r} in {collection}: another unit of work held the "
            f"store's write lock for more than {waited} s; retry the unit of work.",
        )


class CorruptDocumentError(StructureError):
    """A stored document does not structure into its entity type.

    Raised instead of returning a half-built object; ``errors`` lists every
    bad field (as :class:`StructureError` does).

    >>> print(CorruptDocumentError("deals", "D-1", "Deal", ["$.amount: required field missing"]))
    Stored document 'D-1' in table deals is corrupt or foreign: it does not structure into Deal (1 bad field):
      - $.amount: required field missing
    """

    table: str
    id: str

    def __init__(self, table: str, id: str, target: str, errors: Iterable[str]) -> None:
        self.table = table
        self.id = id
        self.target = target
        self.errors = tuple(errors)
        count = len(self.errors)
        noun = "field" if count == 1 else "fields"
        lines = "".join(f"\n  - {err}" for err in self.errors)
        AccountcoreError.__init__(
            self,
            f"Stored document {id!r} in table {table} is corrupt or foreign: it does "
            f"not structure into {target} ({count} bad {noun}):{lines}",
        )


class InvalidQueryError(RuleViolation, ValueError):
    """A query names an index the collection does not have, or pages badly.

    >>> print(InvalidQueryError("deals", "order_by", "ownr", "known indexes: owner, stage"))
    Invalid query on deals: order_by='ownr' (known indexes: owner, stage).
    """

    collection: str
    parameter: str
    value: object
    reason: str

    def __init__(
        self, collection: str, parameter: str, value: object, reason: str
    ) -> None:
        self.collection = collection
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(
            f"Invalid query on {collection}: {parameter}={value!r} ({reason})."
        )


class SchemaVersionError(RuleViolation, ValueError):
    """A database written by a newer accountcore than the one reading it.

    >>> print(SchemaVersionError("crm.db", 9, 1))
    Database crm.db has schema version 9, newer than the 1 this accountcore knows; upgrade accountcore to open it.
    """

    database: str
    found: int
    known: int

    def __init__(self, database: str, found: int, known: int) -> None:
        self.database = database
        self.found = found
        self.known = known
        super().__init__(
            f"Database {database} has schema version {found}, newer than the "
            f"{known} this accountcore knows; upgrade accountcore to open it."
        )


# --- reports ---


class ReportInputError(RuleViolation, ValueError):
    """A report asked for with an input or option it cannot use.

    >>> print(ReportInputError("format", "pdf", "expected 'text' or 'markdown'"))
    format='pdf' is invalid for a report: expected 'text' or 'markdown'.
    """

    parameter: str
    value: object
    reason: str

    def __init__(self, parameter: str, value: object, reason: str) -> None:
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"{parameter}={value!r} is invalid for a report: {reason}.")
