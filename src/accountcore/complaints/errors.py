"""The errors of complaints: a move the workflow refuses, a resolution that
does not fit its kind, a workflow or service targets defined wrongly.

Every one is an :class:`~accountcore.errors.AccountcoreError`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from accountcore.errors import RuleViolation, _short
from accountcore.pipeline.refusals import Refusal, Verdict

__all__ = ["ComplaintTransitionError", "InvalidResolutionError"]


class ComplaintTransitionError(RuleViolation, ValueError):
    """A complaint cannot move to a status; ``unmet`` lists every reason in
    English, ``refusals`` the same reasons as data (the pipeline's
    :class:`~accountcore.pipeline.Refusal`), like the pipeline's
    :class:`~accountcore.pipeline.errors.TransitionError`.

    >>> print(ComplaintTransitionError("K-1", "received", "resolved",
    ...                                ["the complaint has no owner"]))
    Complaint 'K-1' cannot move from 'received' to 'resolved': the complaint has no owner.
    """

    complaint_id: str
    current: str
    target: object
    unmet: tuple[str, ...]
    refusals: tuple[Refusal, ...]

    def __init__(
        self, complaint_id: str, current: str, target: object, unmet: Iterable[Any]
    ) -> None:
        self.complaint_id = complaint_id
        self.current = current
        self.target = target
        self.refusals = tuple(
            item if isinstance(item, Refusal) else Refusal("custom", str(item))
            for item in unmet
        )
        self.unmet = tuple(refusal.text for refusal in self.refusals)
        super().__init__(
            f"Complaint {_short(complaint_id)} cannot move from {current!r} to "
            f"{_short(target)}: {'; '.join(self.unmet)}."
        )

    @property
    def verdict(self) -> Verdict:
        """The refusal as a :class:`~accountcore.pipeline.Verdict`, to show
        its reasons in the user's language.

        >>> error = ComplaintTransitionError("K-1", "received", "closed", ["no"])
        >>> error.verdict.unmet
        ('no',)
        """
        return Verdict.of(self.current, self.target, self.refusals)


class InvalidResolutionError(RuleViolation, ValueError):
    """A resolution whose amount does not fit its kind: a refund or a credit
    note needs a positive amount, a replacement may carry its value, an
    explanation carries no money.

    >>> print(InvalidResolutionError("refund", None, "a refund needs a positive amount"))
    Invalid resolution 'refund' with amount None: a refund needs a positive amount.
    """

    kind: str
    amount: object
    reason: str

    def __init__(self, kind: str, amount: object, reason: str) -> None:
        self.kind = kind
        self.amount = amount
        self.reason = reason
        super().__init__(
            f"Invalid resolution {_short(kind)} with amount {_short(amount)}: {reason}."
        )
