"""Definitions as files: commission plans, pipelines, discount schemes,
scorecards, quota schedules, rebates and loyalty programs written in TOML
(or JSON), loaded with one call and written back.

A file says what it defines (``kind = "commission_plan"``) and then reads
like the docs: the converter's fields (:mod:`accountcore.serialization`),
money as ``"9000.00 EUR"``, periods as ``"2026-Q1"``, rates as quoted
decimals (``rate = "0.05"``; a TOML float is binary and is refused). Loading
checks everything and lists every fault at once, each with its place
(``components[1].tiers[0].rate``) in one :class:`DefinitionFileError`.
See ``docs/definitions.md``.

>>> plan = loads('''
... kind = "commission_plan"
... name = "AM 2026"
... currency = "EUR"
... [[components]]
... type = "flat_rate"
... name = "commission"
... rate = "0.05"
... ''')
>>> plan.components[0].rate
Decimal('0.05')
>>> loads(dumps(plan)) == plan
True
"""

from accountcore.definitions._files import KINDS, dumps, kind_of, load, loads, save
from accountcore.definitions.errors import DefinitionFileError, Fault

__all__ = [
    "KINDS",
    "DefinitionFileError",
    "Fault",
    "dumps",
    "kind_of",
    "load",
    "loads",
    "save",
]
