"""Build hook: compile the message catalogs (.po → .mo) into the wheel.

The ``.po`` files under ``src/accountcore/locale`` are the source (in git);
the ``.mo`` files are build output (ignored by git). For a regular wheel this
hook compiles each catalog with babel into a temporary folder and adds it to
the wheel next to its ``.po``. An editable install needs nothing: the library
then compiles the ``.po`` in memory when a language is first used.

A catalog with fuzzy entries is still compiled (fuzzy entries are left out,
as msgfmt does); tests/test_i18n.py is what refuses incomplete catalogs.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

CATALOGS = "src/accountcore/locale"


class CatalogBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile ``locale/<lang>/LC_MESSAGES/*.po`` to ``.mo`` for the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        self._out = Path(tempfile.mkdtemp(prefix="accountcore-mo-"))
        root = Path(self.root, CATALOGS)
        for po in sorted(root.glob("*/LC_MESSAGES/*.po")):
            relative = po.relative_to(root).with_suffix(".mo")
            target = self._out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source:
                catalog = read_po(source)
            with target.open("wb") as compiled:
                write_mo(compiled, catalog, use_fuzzy=False)
            build_data["force_include"][str(target)] = (
                f"accountcore/locale/{relative.as_posix()}"
            )

    def finalize(
        self, version: str, build_data: dict[str, Any], artifact_path: str
    ) -> None:
        out = getattr(self, "_out", None)
        if out is not None:
            shutil.rmtree(out, ignore_errors=True)
