"""Frames in, statements out: exact commissions on tables (``accountcore[frames]``).

Analysts' data is a table: a CSV export, a parquet file, a SQL result, a
pandas or polars DataFrame. :mod:`accountcore.frames` reads such a table as
credits (every bad row reported at once, a float money column refused) and
computes a team's commissions on columns with polars, in exact decimals,
giving back tables of the kind it was given. See ``docs/frames.md``.

- :mod:`~accountcore.frames.credits`: :func:`read_credits`, the canonical
  credits frame;
- :mod:`~accountcore.frames.deals`: :func:`credits_from_deals`, credits
  from a table of won deals (splits, clawbacks, refunds);
- :mod:`~accountcore.frames.engine`: :func:`calculate_team` on columns and
  its :class:`TeamResult`;
- :mod:`~accountcore.frames.quotas` and :mod:`~accountcore.frames.ledgers`:
  :func:`read_quotas` and :func:`read_ledgers`, quotas and the ledgers a
  run carries, from tables;
- :mod:`~accountcore.frames.files`: :func:`write_excel`, :func:`write_csv`,
  :func:`write_parquet`, :func:`write_json` and :func:`read_table`, tables
  to files and back, decimals kept (Excel needs ``accountcore[cli]``);
- :mod:`~accountcore.frames.statements`: :func:`statements_frame`, a
  team's statements as one table;
- :mod:`~accountcore.frames.errors`: the errors of tables.

Importing this package needs nothing beyond accountcore; the first call
that reads a table needs the extra (``pip install 'accountcore[frames]'``).
"""

from accountcore.frames.credits import (
    CREDIT_COLUMNS,
    read_credits,
    scan_credits,
    to_credits,
)
from accountcore.frames.deals import credits_from_deals
from accountcore.frames.engine import TeamResult, calculate_team
from accountcore.frames.errors import (
    BadRowsError,
    FloatMoneyError,
    FramesUnavailableError,
    MissingColumnError,
    UnreadableFileError,
)
from accountcore.frames.files import (
    read_table,
    write_csv,
    write_excel,
    write_json,
    write_parquet,
)
from accountcore.frames.ledgers import read_ledgers
from accountcore.frames.quotas import read_quotas, read_targets
from accountcore.frames.statements import statements_frame

__all__ = [
    "CREDIT_COLUMNS",
    "BadRowsError",
    "FloatMoneyError",
    "FramesUnavailableError",
    "MissingColumnError",
    "TeamResult",
    "UnreadableFileError",
    "calculate_team",
    "credits_from_deals",
    "read_credits",
    "read_ledgers",
    "read_quotas",
    "read_table",
    "read_targets",
    "scan_credits",
    "statements_frame",
    "to_credits",
    "write_csv",
    "write_excel",
    "write_json",
    "write_parquet",
]
