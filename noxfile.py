"""The suite against the library's declared ranges, not against the lock.

``make test`` (and CI) run the locked suite: exactly the versions in
``uv.lock``. These sessions answer the other question a library must answer,
"does it work with what our users may have?":

- ``lowest``: every runtime dependency at its declared lower bound
  (uv's ``--resolution lowest-direct``), on each supported Python;
- ``latest``: the newest release of every dependency, on each supported Python;
- ``locked``: the locked suite on each supported Python.

The test tools come from the lock in every session, so a failure speaks of
the library's dependencies, not of a new pytest. Golden files that hold
CLDR-formatted text are compared only where babel's CLDR data is the one
they were made with (tests/conftest.py says how). See CONTRIBUTING.md for
when to run which.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv"
nox.options.sessions = ["lowest", "latest"]
nox.options.reuse_existing_virtualenvs = False

PYTHONS = ["3.11", "3.12", "3.13"]
ROOT = Path(__file__).parent


def _pyenv_interpreters_on_path() -> None:
    """Let uv find every Python that pyenv installed, not only the active one.

    pyenv's shims answer only for the selected version; the interpreters'
    own folders go at the end of PATH, so an active python3 still wins.
    """
    try:
        root = subprocess.run(
            ["pyenv", "root"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return
    folders = sorted(str(p) for p in Path(root, "versions").glob("3.*/bin"))
    os.environ["PATH"] = os.pathsep.join([os.environ["PATH"], *folders])


_pyenv_interpreters_on_path()


def _test_tools(session: nox.Session) -> Path:
    """A requirements file of the test tools at their locked versions.

    Only the ``test`` group (pytest, hypothesis, mypy, ruff) and what it
    needs; none of the library's own runtime dependencies is pinned here, so
    they are resolved by the session's own rule.
    """
    requirements = Path(session.create_tmp()) / "test-tools.txt"
    session.run_install(
        "uv", "export", "--frozen", "--only-group", "test", "--no-hashes",
        "--no-emit-project", "--quiet", "--output-file", str(requirements),
        external=True,
    )  # fmt: skip
    runtime = {"attrs", "cattrs", "pendulum", "babel"}
    lines = requirements.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if line.split("==")[0].strip() not in runtime]
    requirements.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return requirements


def _suite(session: nox.Session) -> None:
    session.run("python", "-c", _VERSIONS)
    session.run("python", "-m", "pytest", "-q", *session.posargs)


_VERSIONS = (
    "import importlib.metadata as m; print(', '.join(f'{n} {m.version(n)}' "
    "for n in ('attrs', 'cattrs', 'pendulum', 'babel')))"
)


@nox.session(python=PYTHONS)
def lowest(session: nox.Session) -> None:
    """Runtime dependencies at their declared lower bounds."""
    tools = _test_tools(session)
    session.install("--resolution", "lowest-direct", "-r", str(tools), "-e", ".")
    _suite(session)


@nox.session(python=PYTHONS)
def latest(session: nox.Session) -> None:
    """The newest release of every runtime dependency."""
    tools = _test_tools(session)
    session.install("--upgrade", "-r", str(tools), "-e", ".")
    _suite(session)


@nox.session(python=PYTHONS)
def locked(session: nox.Session) -> None:
    """Exactly the lock, as ``make test`` and CI install it."""
    session.run_install(
        "uv", "sync", "--locked", "--active", "--quiet", external=True,
        env={"UV_PROJECT_ENVIRONMENT": session.virtualenv.location},
    )  # fmt: skip
    _suite(session)
