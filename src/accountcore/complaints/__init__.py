"""Complaints and claims: what the client is unhappy about, and how the
company answers within its service targets.

- :mod:`~accountcore.complaints.complaint`: :class:`Complaint`, its
  :class:`Severity`, :class:`ComplaintStatus`, :class:`StatusChange` and
  :class:`Resolution` (refund, replacement, credit note, explanation);
- :mod:`~accountcore.complaints.workflow`: :class:`ComplaintWorkflow`, the
  second definition on the pipeline's state-machine engine
  (:mod:`accountcore.pipeline.engine`), its requirements and
  :class:`ReopenPolicy`;
- :mod:`~accountcore.complaints.service`: :class:`ServiceTargets` per
  severity and the :class:`Breach`\\ es of a complaint on a date;
- :mod:`~accountcore.complaints.figures`: :func:`complaint_figures` per
  client, owner and category;
- :mod:`~accountcore.complaints.messages`: statuses, severities, categories
  and resolutions in six languages;
- :mod:`~accountcore.complaints.errors`: a refused move, a resolution that
  does not fit its kind.

>>> ComplaintWorkflow.default().statuses[0], Severity.CRITICAL.rank
('received', 3)
"""

from accountcore.complaints.complaint import (
    DEFAULT_CATEGORIES,
    Complaint,
    ComplaintStatus,
    Resolution,
    ResolutionKind,
    Severity,
    StatusChange,
)
from accountcore.complaints.figures import ComplaintFigures, complaint_figures
from accountcore.complaints.messages import (
    category_label,
    resolution_label,
    severity_label,
    status_label,
)
from accountcore.complaints.service import (
    Breach,
    BreachKind,
    ServiceTarget,
    ServiceTargets,
)
from accountcore.complaints.workflow import (
    COMPLAINT_REQUIREMENTS,
    ComplaintRequirement,
    ComplaintWorkflow,
    HasOwner,
    HasResolution,
    ReasonGiven,
    ReopenPolicy,
)

__all__ = [
    "COMPLAINT_REQUIREMENTS",
    "DEFAULT_CATEGORIES",
    "Breach",
    "BreachKind",
    "Complaint",
    "ComplaintFigures",
    "ComplaintRequirement",
    "ComplaintStatus",
    "ComplaintWorkflow",
    "HasOwner",
    "HasResolution",
    "ReasonGiven",
    "ReopenPolicy",
    "Resolution",
    "ResolutionKind",
    "ServiceTarget",
    "ServiceTargets",
    "Severity",
    "StatusChange",
    "category_label",
    "complaint_figures",
    "resolution_label",
    "severity_label",
    "status_label",
]
