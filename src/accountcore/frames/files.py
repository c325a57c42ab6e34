"""Tables to files and back: Excel, CSV, parquet and JSON.

The writers keep every decimal a decimal: CSV holds the text ``1234.50``
(never a float's repr), parquet a ``decimal128`` column, JSON a string, and
Excel a number that Excel shows exactly (at most 15 significant digits; a
finer amount is written as its text, so no cent is lost). A workbook has a
summary sheet, a lines sheet and the ledgers to carry, with localised
headers, currency number formats, frozen header rows and widths that fit.

:func:`read_table` opens any of these files by its extension as a polars
``DataFrame`` for :func:`~accountcore.frames.read_credits`,
:func:`~accountcore.frames.read_quotas` and
:func:`~accountcore.frames.read_ledgers`. CSV, Excel and JSON are read as
text, so no float ever touches an amount.

Excel needs openpyxl (``pip install 'accountcore[cli]'``), imported when a
workbook is first written or read. These functions do I/O: they are the
only ones in :mod:`accountcore.frames` that do.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel import Locale
from babel.numbers import get_currency_symbol

from accountcore.commissions import CommissionStatement
from accountcore.errors import (
    AccountcoreError,
    ArgumentTypeError,
    InvalidChoiceError,
    UnknownKeyError,
)
from accountcore.frames._carry import object_ledgers
from accountcore.frames._polars import polars
from accountcore.frames._tables import to_polars
from accountcore.frames.engine import TeamResult
from accountcore.frames.errors import FramesUnavailableError, UnreadableFileError
from accountcore.i18n import LANGUAGES, N_, translate
from accountcore.money import CURRENCIES, minor_units
from accountcore.serialization import to_json

__all__ = ["read_table", "write_csv", "write_excel", "write_json", "write_parquet"]

_SHEETS = {
    "summary": N_("frames.sheet.summary"),
    "lines": N_("frames.sheet.lines"),
    "ledgers": N_("frames.sheet.ledgers"),
    "deal_records": N_("frames.sheet.deal_records"),
}
_HEADERS = {
    "owner": N_("frames.column.owner"),
    "credited": N_("frames.column.credited"),
    "target": N_("frames.column.target"),
    "attainment": N_("frames.column.attainment"),
    "total": N_("frames.column.total"),
    "currency": N_("frames.column.currency"),
    "line": N_("frames.column.line"),
    "component": N_("frames.column.component"),
    "kind": N_("frames.column.kind"),
    "amount": N_("frames.column.amount"),
    "basis": N_("frames.column.basis"),
    "unit": N_("frames.column.unit"),
    "rate": N_("frames.column.rate"),
    "message": N_("frames.column.message"),
    "lower": N_("frames.column.lower"),
    "upper": N_("frames.column.upper"),
    "share": N_("frames.column.share"),
    "deals": N_("frames.column.deals"),
    "draw_balance": N_("frames.column.draw_balance"),
    "paid_to_date": N_("frames.column.paid_to_date"),
    "year_start": N_("frames.column.year_start"),
    "year_end": N_("frames.column.year_end"),
    "through": N_("frames.column.through"),
    "credited_to_date": N_("frames.column.credited_to_date"),
    "deal_id": N_("frames.column.deal_id"),
    "earned": N_("frames.column.earned"),
    "period_start": N_("frames.column.period_start"),
    "period_end": N_("frames.column.period_end"),
}
# The decimal columns that are ratios (shown as a percentage or a factor):
# Excel keeps 15 significant digits, so these are rounded to 15; every other
# decimal is written exactly, or as text when it has more digits than that.
_RATIOS = frozenset({"attainment", "rate", "share", "lower", "upper"})
# The decimal columns that are amounts of money in each sheet (the summary's
# component columns are found from the plan).
_MONEY = {
    "summary": frozenset({"credited", "target", "total"}),
    "lines": frozenset({"amount"}),
    "ledgers": frozenset({"draw_balance", "paid_to_date", "credited_to_date"}),
    "deal_records": frozenset({"credited", "earned"}),
}
_EXCEL_DIGITS = 15  # the significant digits Excel keeps and shows
_SUFFIXES = (".csv", ".json", ".parquet", ".xlsx")
_WIDEST = 60  # a column is never wider than this many characters


# --- what is written -------------------------------------------------------------


def _statement_tables(
    statements: Mapping[str, CommissionStatement],
) -> dict[str, Any]:
    """The tables of a :class:`TeamResult` from statements (the object
    path's): summary (without targets: a statement does not keep its
    quota), lines, ledgers and deal records."""
    from accountcore.frames.engine import _object_lines, _Scales

    pl = polars()
    currencies = {s.currency for s in statements.values()}
    currency = min(currencies) if currencies else "EUR"
    digits = minor_units(currency)
    components: dict[str, None] = {}
    for statement in statements.values():
        components.update(dict.fromkeys(line.component for line in statement.lines))
    rows = []
    for owner, statement in sorted(statements.items()):
        rows.append(
            {
                "owner": owner,
                "credited": None
                if statement.credited is None
                else statement.credited.amount,
                "attainment": statement.attainment,
                **{
                    name: sum(
                        (ln.amount.amount for ln in statement.lines_of(name)),
                        Decimal(0),
                    )
                    for name in components
                },
                "total": statement.total.amount,
                "currency": statement.currency,
            }
        )
    money = pl.Decimal(38, max([digits, *_scales(rows, "credited")]))
    schema = {
        "owner": pl.String,
        "credited": money,
        "attainment": pl.Decimal(38, 16),
        **dict.fromkeys(components, pl.Decimal(38, digits)),
        "total": pl.Decimal(38, digits),
        "currency": pl.String,
    }
    scales = _Scales(digits)
    for statement in statements.values():
        for line in statement.lines:
            scales.note_object(line)
    ordered = dict(sorted(statements.items()))
    ledgers, records = object_ledgers(ordered, digits, digits)
    return {
        "summary": pl.DataFrame(_fitted(rows), schema=schema, orient="row"),
        "lines": _object_lines(ordered, scales).sort("owner", "line"),
        "ledgers": ledgers,
        "deal_records": records,
    }


def _scales(rows: list[dict[str, Any]], name: str) -> Iterator[int]:
    for row in rows:
        value = row[name]
        if isinstance(value, Decimal):
            yield min(max(-int(value.as_tuple().exponent), 0), 18)


def _fitted(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Rows as tuples, the attainment to the 16 places of its column."""
    out = []
    for row in rows:
        ratio = row["attainment"]
        if isinstance(ratio, Decimal):
            row["attainment"] = ratio.quantize(Decimal("1e-16"))
        out.append(tuple(row.values()))
    return out


def _tables_of(result: object, name: str) -> tuple[dict[str, Any], str | None]:
    """The named polars tables of ``result`` and their currency (None for
    a table of one's own)."""
    pl = polars()
    if isinstance(result, TeamResult):
        tables = {
            "summary": result.summary,
            "lines": result.lines,
            "ledgers": result.ledgers,
            "deal_records": result.deal_records,
        }
        polar = {key: to_polars(table, key)[0] for key, table in tables.items()}
        return polar, result.plan.currency
    if isinstance(result, Mapping) and all(
        isinstance(s, CommissionStatement) for s in result.values()
    ):
        tables = _statement_tables(result)
        currency = tables["summary"]["currency"].first() if result else None
        return tables, currency
    if isinstance(result, pl.LazyFrame):
        return {"table": result.collect()}, None
    if isinstance(result, pl.DataFrame) or _is_table(result):
        return {"table": to_polars(result, name)[0]}, None
    raise ArgumentTypeError(
        name,
        result,
        "a frames.TeamResult, a mapping of owners to CommissionStatement, or a table",
    )


def _is_table(value: object) -> bool:
    module = type(value).__module__.split(".")[0]
    return module in {"pandas", "pyarrow"} or hasattr(value, "__arrow_c_stream__")


# --- Excel ------------------------------------------------------------------------


def _openpyxl() -> Any:
    """The openpyxl module (the extra ``cli``), imported when needed."""
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        raise FramesUnavailableError("openpyxl", extra="cli") from None


def _money_format(currency: str, locale: str) -> str:
    """An Excel number format for amounts in ``currency``: the currency's
    minor unit of decimals, its symbol placed as ``locale`` places it.
    Excel shows the digits with the reader's own separators."""
    try:
        pattern = Locale.parse(locale).currency_formats["standard"]
        symbol = get_currency_symbol(currency, locale)
    except (ValueError, TypeError, LookupError):  # a locale babel lacks
        pattern, symbol = None, currency
    digits = minor_units(currency)
    number = "#,##0" + ("." + "0" * digits if digits else "")

    def quoted(text: str) -> str:
        text = text.replace("¤", symbol).replace('"', "")
        return f'"{text}"' if text else ""

    if pattern is None:
        return f'{number} "{currency}";-{number} "{currency}"'
    (plus, minus), (plus_end, minus_end) = pattern.prefix, pattern.suffix
    minus_sign = "" if "-" in minus else "-"
    return (
        f"{quoted(plus)}{number}{quoted(plus_end)};"
        f"{minus_sign}{quoted(minus)}{number}{quoted(minus_end)}"
    )


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def _decimal_format(value: Decimal) -> str:
    places = _places(value)
    return "#,##0" + ("." + "0" * places if places else "")


def _excel_value(value: Decimal, ratio: bool) -> Decimal | str:
    """``value`` as Excel keeps it exactly: a number of at most 15
    significant digits; a ratio rounded to 15, any other value with more
    digits written as its text (nothing lost)."""
    if not value.is_finite():
        return str(value)
    digits = len(value.normalize().as_tuple().digits)
    if digits <= _EXCEL_DIGITS:
        return value
    if ratio:
        adjusted = value.adjusted()
        return value.quantize(Decimal(1).scaleb(adjusted - _EXCEL_DIGITS + 1))
    return format(value, "f")


class _Sheet:
    """How one sheet's cells are written: the money columns and the row's
    currency, the formats and the widths."""

    def __init__(self, key: str, frame: Any, currency: str | None, locale: str) -> None:
        pl = polars()
        self.frame = frame
        self.locale = locale
        self.currency = currency
        money = set(_MONEY.get(key, ()))
        if key == "summary":  # the component columns are amounts
            fixed = {"owner", "attainment", "currency"}
            money |= {
                c
                for c, t in frame.schema.items()
                if c not in fixed and isinstance(t, pl.Decimal)
            }
        self.money = money
        self.formats: dict[str, str] = {}
        self.headers = [
            translate(_HEADERS[c], locale) if c in _HEADERS else c
            for c in frame.columns
        ]

    def money_format(self, currency: str) -> str:
        found = self.formats.get(currency)
        if found is None:
            found = self.formats[currency] = _money_format(currency, self.locale)
        return found

    def widths(self) -> list[int]:
        """Each column's width in characters: its header or its longest
        value as shown (digits grouped, a currency symbol beside it, a
        ratio as a percentage)."""
        pl = polars()
        frame = self.frame
        widths = []
        for name, header in zip(frame.columns, self.headers, strict=True):
            column = frame[name]
            if column.dtype == pl.Date:
                longest = 10
            elif isinstance(column.dtype, pl.Decimal):
                longest = self._decimal_width(name, column)
            else:
                longest = int(column.cast(pl.String).str.len_chars().max() or 0)
            widths.append(min(max(len(header), longest) + 2, _WIDEST))
        return widths

    def _decimal_width(self, name: str, column: Any) -> int:
        pl = polars()
        largest = column.abs().max()
        if largest is None:
            return 0
        whole = len(str(int(largest * 100 if name == "attainment" else largest)))
        grouped = whole + (whole - 1) // 3 + 1  # separators and a sign
        if name == "attainment":
            return grouped + 4  # ".00%"
        if name in self.money:
            digits = minor_units(self.currency) if self.currency else 2
            return grouped + digits + 1 + 5  # the decimals and a symbol
        text = column.cast(pl.String).str.strip_chars_end("0")
        places = text.str.len_chars() - text.str.find(".", literal=True) - 1
        return grouped + 1 + int(places.max() or 0)

    def cells(self, ws: Any, cell: Any) -> Iterator[list[Any]]:
        """The rows of cells, formatted."""
        pl = polars()
        frame = self.frame
        columns = frame.columns
        decimal = [isinstance(t, pl.Decimal) for t in frame.dtypes]
        has_currency = "currency" in columns
        unit = columns.index("unit") if "unit" in columns else -1
        for row in frame.iter_rows():
            currency = row[columns.index("currency")] if has_currency else None
            currency = currency or self.currency
            out: list[Any] = []
            for name, value, is_decimal in zip(columns, row, decimal, strict=True):
                if value is None:
                    out.append(None)
                    continue
                if is_decimal:
                    shown = _excel_value(value, name in _RATIOS)
                    c = cell(ws, value=shown)
                    if isinstance(shown, Decimal):
                        if name == "attainment":
                            c.number_format = "0.00%"
                        elif name in self.money and currency is not None:
                            c.number_format = self.money_format(currency)
                        elif name == "basis" and row[unit] in CURRENCIES:
                            c.number_format = self.money_format(row[unit])
                        else:
                            c.number_format = _decimal_format(shown)
                    out.append(c)
                elif isinstance(value, _dt.date):
                    c = cell(ws, value=value)
                    c.number_format = "yyyy-mm-dd"
                    out.append(c)
                else:
                    out.append(value)
            yield out


def write_excel(result: object, path: str | Path, *, locale: str = "en_US") -> Path:
    """Write ``result`` to the Excel workbook ``path`` and return the path.

    ``result`` is a :class:`~accountcore.frames.TeamResult` (sheets:
    summary, lines, ledgers, deal records), a mapping of owners to
    :class:`~accountcore.commissions.CommissionStatement` (the same sheets;
    the summary has no target, which a statement does not keep) or a
    single table (one sheet). Headers and sheet names are in ``locale``'s
    language (a component's column keeps its name); money has its
    currency's number format (the minor unit's decimals, the symbol where
    ``locale`` puts it); the header row is frozen and every column is as
    wide as its content (up to 60 characters).

    Each amount is a number Excel shows exactly; one with more than 15
    significant digits (beyond what Excel keeps) is written as its text.
    A ratio (attainment, rate, share) is rounded to 15 significant digits.

    >>> import tempfile, openpyxl, polars as pl
    >>> from decimal import Decimal
    >>> table = pl.DataFrame({"owner": ["ana"], "amount": [Decimal("1234.50")]})
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     sheet = openpyxl.load_workbook(write_excel(table, f"{folder}/t.xlsx")).active
    ...     print(sheet.freeze_panes, [c.value for c in sheet[1]], sheet["B2"].value)
    A2 ['Account manager', 'Amount'] 1234.5
    """
    tables, currency = _tables_of(result, "result")
    openpyxl = _openpyxl()
    cell = importlib.import_module("openpyxl.cell").WriteOnlyCell
    column_letter = importlib.import_module("openpyxl.utils").get_column_letter

    workbook = openpyxl.Workbook(write_only=True)
    bold = importlib.import_module("openpyxl.styles").Font(bold=True)
    for key, frame in tables.items():
        title = translate(_SHEETS[key], locale) if key in _SHEETS else key
        ws = workbook.create_sheet(_sheet_title(title))
        sheet = _Sheet(key, frame, currency, locale)
        ws.freeze_panes = "A2"
        for index, width in enumerate(sheet.widths(), start=1):
            ws.column_dimensions[column_letter(index)].width = width
        header = []
        for text in sheet.headers:
            c = cell(ws, value=text)
            c.font = bold
            header.append(c)
        ws.append(header)
        for row in sheet.cells(ws, cell):
            ws.append(row)
    target = Path(path)
    workbook.save(target)
    return target


def _sheet_title(text: str) -> str:
    """A sheet title Excel takes: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in text).strip()
    return cleaned[:31] or "Sheet"


# --- CSV, parquet and JSON ----------------------------------------------------------


def write_csv(table: object, path: str | Path) -> Path:
    """Write ``table`` (polars, pandas or pyarrow) to the CSV file ``path``
    and return the path: decimals as their text with every place of their
    column (``1234.50``, never a float), dates as ``YYYY-MM-DD``, a null as
    an empty field. :func:`read_table` reads it back equal.

    >>> import tempfile, polars as pl
    >>> from decimal import Decimal
    >>> table = pl.DataFrame({"owner": ["ana"], "amount": [Decimal("1234.50")]})
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     print(write_csv(table, f"{folder}/t.csv").read_text(), end="")
    owner,amount
    ana,1234.50
    """
    frame = _one_table(table)
    target = Path(path)
    frame.write_csv(target)
    return target


def write_parquet(table: object, path: str | Path) -> Path:
    """Write ``table`` (polars, pandas or pyarrow) to the parquet file
    ``path`` and return the path: decimals as ``decimal128`` columns.

    >>> import tempfile, polars as pl
    >>> from decimal import Decimal
    >>> table = pl.DataFrame({"amount": [Decimal("1234.50")]})
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     read_table(write_parquet(table, f"{folder}/t.parquet")).row(0)
    (Decimal('1234.50'),)
    """
    frame = _one_table(table)
    target = Path(path)
    frame.write_parquet(target)
    return target


def _one_table(table: object) -> Any:
    pl = polars()
    if isinstance(table, pl.LazyFrame):
        return table.collect()
    return to_polars(table, "table")[0]


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, _dt.date | _dt.datetime):
        return value.isoformat()
    return value


def _records(frame: Any) -> list[dict[str, object]]:
    columns = frame.columns
    return [
        dict(zip(columns, (_json_value(v) for v in row), strict=True))
        for row in frame.iter_rows()
    ]


def write_json(result: object, path: str | Path) -> Path:
    """Write ``result`` to the JSON file ``path`` and return the path.

    A :class:`~accountcore.frames.TeamResult` is written as an object of its
    tables (``summary``, ``lines``, ``ledgers``, ``deal_records``), each a
    list of records; a table as one list of records. Decimals are strings
    (``"1234.50"``), dates ISO 8601. A mapping of owners to
    :class:`~accountcore.commissions.CommissionStatement` is written with
    :func:`accountcore.serialization.to_json` (read back whole with
    ``from_json``). :func:`read_table` reads a table back (``sheet=`` names
    one of a result's).

    >>> import tempfile, polars as pl
    >>> from decimal import Decimal
    >>> table = pl.DataFrame({"owner": ["ana"], "amount": [Decimal("1234.50")]})
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     print(write_json(table, f"{folder}/t.json").read_text())
    [{"owner": "ana", "amount": "1234.50"}]
    """
    target = Path(path)
    if isinstance(result, Mapping) and all(
        isinstance(s, CommissionStatement) for s in result.values()
    ):
        target.write_text(to_json(dict(result)), encoding="utf-8")
        return target
    tables, _ = _tables_of(result, "result")
    data: object = (
        _records(tables["table"])
        if "table" in tables
        else {key: _records(frame) for key, frame in tables.items()}
    )
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return target


# --- reading ------------------------------------------------------------------------


def read_table(path: str | Path, *, sheet: str | None = None) -> Any:
    """The table in the file ``path`` as a polars ``DataFrame``, by the
    file's extension: ``.csv`` (every column as text), ``.parquet`` (its
    types: decimals stay decimals), ``.xlsx`` (the first sheet, or the one
    named ``sheet``; the first row names the columns) or ``.json`` (a list
    of records, or an object of named tables, the first or ``sheet``).

    CSV, Excel and JSON are read as text, for
    :func:`~accountcore.frames.read_credits`,
    :func:`~accountcore.frames.read_quotas` and
    :func:`~accountcore.frames.read_ledgers` to check: an Excel number as
    the (at most 15) significant digits Excel shows, a JSON number as its
    digits, a date as ``YYYY-MM-DD``, a boolean as ``true``/``false``.
    ``sheet`` may be a sheet's title, or a table's name as
    :func:`write_excel` writes it (``summary``, ``lines``, ``ledgers``,
    ``deal_records``, in any of the six languages); a header
    :func:`write_excel` localised is read back as its column's name.

    A file of another kind than its extension says is an
    :class:`~accountcore.frames.errors.UnreadableFileError`; an unknown
    extension an :class:`~accountcore.errors.InvalidChoiceError`; a file
    that cannot be opened the ``OSError`` of the system.

    >>> import tempfile, polars as pl
    >>> from decimal import Decimal
    >>> table = pl.DataFrame({"owner": ["ana"], "amount": [Decimal("1234.50")]})
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     read_table(write_csv(table, f"{folder}/t.csv")).rows()
    [('ana', '1234.50')]
    """
    pl = polars()
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in _SUFFIXES:
        raise InvalidChoiceError("file extension", target.suffix, _SUFFIXES)
    if suffix != ".xlsx" and sheet is not None and suffix != ".json":
        raise ArgumentTypeError("sheet", sheet, "None for a CSV or parquet file")
    kind = {".csv": "CSV", ".parquet": "parquet", ".json": "JSON"}.get(suffix, "Excel")
    try:
        if suffix == ".csv":
            return pl.read_csv(target, infer_schema=False)
        if suffix == ".parquet":
            return pl.read_parquet(target)
        if suffix == ".json":
            return _read_json(target, sheet)
        return _read_excel(target, sheet)
    except OSError:
        raise
    except (ValueError, KeyError, TypeError, pl.exceptions.PolarsError) as error:
        if isinstance(error, AccountcoreError):
            raise
        raise UnreadableFileError(str(target), kind, str(error)) from error
    except _openpyxl_errors() as error:
        raise UnreadableFileError(str(target), kind, str(error)) from error


def _openpyxl_errors() -> tuple[type[Exception], ...]:
    """openpyxl's refusal of a file that is not a workbook (and zipfile's)."""
    import zipfile

    return (zipfile.BadZipFile, _openpyxl().utils.exceptions.InvalidFileException)


def _text(value: object) -> str | None:
    """A cell or JSON value as the text read_credits reads."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        shown = Decimal(f"{value:.{_EXCEL_DIGITS}g}")
        return format(shown.normalize(), "f") if shown else "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, _dt.datetime):
        return (
            value.date().isoformat()
            if value.time() == _dt.time()
            else value.isoformat()
        )
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def _frame_of(header: list[str], rows: list[list[object]]) -> Any:
    pl = polars()
    columns = {
        name: [_text(row[i]) if i < len(row) else None for row in rows]
        for i, name in enumerate(header)
    }
    return pl.DataFrame(columns, schema=dict.fromkeys(header, pl.String))


def _read_json(target: Path, sheet: str | None) -> Any:
    data = json.loads(target.read_text(encoding="utf-8"), parse_float=Decimal)
    if isinstance(data, dict):
        names = list(data)
        if not names:
            raise UnknownKeyError("sheet", sheet, names)
        name = names[0] if sheet is None else sheet
        if name not in data:
            raise UnknownKeyError("sheet", sheet, names)
        data = data[name]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ArgumentTypeError(str(target), data, "a list of records")
    header: dict[str, None] = {}
    for record in data:
        header.update(dict.fromkeys(record))
    names = list(header)
    return _frame_of(names, [[record.get(n) for n in names] for record in data])


def _canonical(localised: Mapping[str, str]) -> dict[str, str]:
    """Every language's text of the messages in ``localised`` mapped back to
    the canonical name."""
    return {
        translate(message, language): name
        for language in LANGUAGES
        for name, message in localised.items()
    }


def _read_excel(target: Path, sheet: str | None) -> Any:
    openpyxl = _openpyxl()
    workbook = openpyxl.load_workbook(target, read_only=True, data_only=True)
    try:
        titles = list(workbook.sheetnames)
        if sheet is None:
            ws = workbook.worksheets[0]
        else:
            titles_of = {t: t for t in titles}
            for text, name in _canonical(_SHEETS).items():
                if name == sheet and _sheet_title(text) in titles:
                    titles_of[sheet] = _sheet_title(text)
            if sheet not in titles_of:
                raise UnknownKeyError("sheet", sheet, titles)
            ws = workbook[titles_of[sheet]]
        rows = [list(row) for row in ws.iter_rows(values_only=True)]
    finally:
        workbook.close()
    if not rows:
        return polars().DataFrame()
    names = _canonical(_HEADERS)
    header = [names.get(str(h), str(h)) if h is not None else "" for h in rows[0]]
    return _frame_of(header, rows[1:])
