"""One cattrs converter for every domain type: the public home of serialization.

Storage adapters, CRMs and notebooks turn accountcore objects into plain data
(``dict``, ``list``, ``str``, ``int``, ``bool``, ``None``) and back through
this one converter. Decimals travel as strings, never floats; dates as ISO
8601; aware datetimes as ISO 8601 with their offset, followed by the IANA
zone name in brackets when there is one (RFC 9557), so a zone survives the
round trip. A :class:`~accountcore.i18n.Message` travels as its id and its
parameters, each a tagged value naming its type, so a statement read back
explains itself in any language as before (see ``docs/storage.md``).

The converter and the shared hooks live in :mod:`accountcore._convert`; each
domain registers the hooks of its own types when its package is imported
(``accountcore/<domain>/_hooks.py``), so this module imports no domain.

>>> from accountcore.money import Money
>>> unstructure(Money("12.50", "EUR"))
{'amount': '12.50', 'currency': 'EUR'}
>>> structure({"amount": "12.50", "currency": "EUR"}, Money)
Money('12.50', 'EUR')
>>> import pendulum
>>> unstructure(pendulum.datetime(2026, 3, 1, 9, 30, tz="Europe/Tallinn"))
'2026-03-01T09:30:00+02:00[Europe/Tallinn]'

Bad data raises :class:`~accountcore.errors.StructureError` listing every bad
field at once:

>>> from accountcore.periods import Period
>>> structure({"start": "2026-13-01", "end": 20260401}, Period)
Traceback (most recent call last):
...
accountcore.errors.StructureError: Cannot structure Period (2 bad fields):
  - $.start: invalid date '2026-13-01': month must be in 1..12
  - $.end: expected an ISO 8601 date string, got int 20260401
"""

from accountcore._convert import converter, from_json, structure, to_json, unstructure
from accountcore.pipeline._hooks import structure_pipeline

__all__ = [
    "converter",
    "from_json",
    "structure",
    "structure_pipeline",
    "to_json",
    "unstructure",
]
