"""The errors of the pipeline: a pipeline defined wrongly, a move refused, a deal's data or history that breaks a rule, an unknown stage or requirement.

Every one is an :class:`~accountcore.errors.AccountcoreError` (see
:mod:`accountcore.errors` for the family and its two branches).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from accountcore.errors import DefinitionError, RuleViolation, _short
from accountcore.pipeline.refusals import Refusal, Verdict

__all__ = [
    "ContractError",
    "DealChangeError",
    "HistoryEventError",
    "HistoryIndexError",
    "PipelineDefinitionError",
    "TransitionError",
    "UnknownRequirementError",
    "UnknownStageError",
]


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
    refusals: tuple[Refusal, ...]

    def __init__(
        self, deal_id: str, current: str, target: object, unmet: Iterable[Any]
    ) -> None:
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
    def verdict(self) -> Verdict:
        """The refusal as a :class:`~accountcore.pipeline.Verdict`, to show
        its reasons in the user's language (``error.verdict.render(locale)``).

        >>> from accountcore.pipeline import Refusal
        >>> error = TransitionError("D-7", "needs", "lost", [Refusal.of("contact_missing")])
        >>> error.verdict.render("lv_LV")
        ['nav norādīta kontaktpersona']
        """
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


class HistoryIndexError(RuleViolation, IndexError):
    """A position past either end of a deal's history (an ``IndexError``, so
    the sequence protocol keeps working).

    >>> print(HistoryIndexError(5, 3))
    history index 5 is out of range: the history holds 3 events (indices -3 to 2).
    """

    index: int
    size: int

    def __init__(self, index: int, size: int) -> None:
        self.index = index
        self.size = size
        valid = f"indices -{size} to {size - 1}" if size else "no index is valid"
        super().__init__(
            f"history index {index} is out of range: the history holds {size} "
            f"events ({valid})."
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


class ContractError(RuleViolation, ValueError):
    """A contract whose data breaks a rule (its dates, value, renewal terms,
    or the deal it is made from).

    >>> print(ContractError("K-1", "notice_days", -30, "a notice period is a positive number of days"))
    Contract 'K-1': notice_days=-30 is invalid (a notice period is a positive number of days).
    """

    contract_id: str
    field: str
    value: object
    reason: str

    def __init__(
        self, contract_id: str, field: str, value: object, reason: str
    ) -> None:
        self.contract_id = contract_id
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(
            f"Contract {_short(contract_id)}: {field}={_short(value)} is invalid "
            f"({reason})."
        )
