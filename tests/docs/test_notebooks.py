"""The notebooks of docs/notebooks run end to end and check their own figures.

Each notebook asserts its key figures in a cell (hand-checked numbers in
the markdown beside it), so a wrong result is a cell error, and a cell
error fails the test. The kernel is the interpreter running the tests (the
locked environment), drawing with matplotlib's Agg backend; a notebook that
writes to stderr (a warning) fails too, as warnings are errors in the tests.
"""

import json
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = Path(__file__).parents[2] / "docs" / "notebooks"
NAMES = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT = 120  # seconds a cell may take before the run is stopped
WHERE_AM_I = "import sys; print(sys.executable)"


def test_there_are_the_three_notebooks_of_issue_17() -> None:
    assert NAMES == [
        "key_account_quote.ipynb",
        "pipeline_review.ipynb",
        "quarter_commissions.ipynb",
    ]


@pytest.mark.parametrize("name", NAMES)
def test_a_notebook_is_committed_without_outputs(name: str) -> None:
    notebook = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert code
    assert [c["outputs"] for c in code] == [[]] * len(code)
    assert {c["execution_count"] for c in code} == {None}


def _run(name: str) -> list[dict[str, object]]:
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(WHERE_AM_I))
    client = nbclient.NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


@pytest.mark.parametrize("name", NAMES)
def test_a_notebook_runs_end_to_end_on_this_interpreter(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MPLBACKEND", "Agg")
    cells = _run(name)
    streams = [
        (output["name"], output["text"])
        for cell in cells
        for output in cell.outputs
        if output["output_type"] == "stream"
    ]
    assert ("stdout", sys.executable + "\n") == streams[-1]
    assert [text for stream, text in streams if stream == "stderr"] == []
    shown = [set(output.get("data", {})) for cell in cells for output in cell.outputs]
    if "%matplotlib inline" in cells[0].source:
        # a figure left as a cell's value is drawn, not shown as its repr
        assert any("image/png" in kinds for kinds in shown)
    assert any("text/html" in kinds for kinds in shown)
