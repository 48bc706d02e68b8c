"""The core stays pure, and commands import only what they need."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "zinkoop_cli"
HEAVY = ("typer", "rich", "icalendar", "click")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


# Each layer and the layers it must never import (errors.py is shared by all). Render
# turns core values into text, JSON or iCalendar: it reads no files and no ledger, so it
# imports core only, never loading.
LAYERS = ("core", "loading", "render", "app", "cli")
FORBIDDEN: dict[str, set[str]] = {
    "core": {"loading", "render", "app", "cli"},
    "loading": {"render", "app", "cli"},
    "render": {"loading", "app", "cli"},
    "app": {"cli"},
    "cli": set(),
}


def zinkoop_layers(path: Path) -> set[str]:
    """The layers a file imports from, anywhere in it (also inside functions and
    TYPE_CHECKING blocks)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.level:
                raise AssertionError(f"{path}: relative import; write zinkoop_cli.…")
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "zinkoop_cli" and len(parts) > 1 and parts[1] in LAYERS:
                found.add(parts[1])
    return found


def test_every_layer_folder_is_checked() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(LAYERS)


@pytest.mark.parametrize("layer", LAYERS)
def test_imports_run_one_way(layer: str) -> None:
    """core <- loading, render <- app <- cli, checked file by file."""
    files = sorted((PACKAGE / layer).glob("*.py"))
    assert files
    for path in files:
        wrong = zinkoop_layers(path) & FORBIDDEN[layer]
        assert not wrong, f"{path.relative_to(PACKAGE)} imports from {sorted(wrong)}"


def test_the_shared_modules_import_no_layer() -> None:
    for path in PACKAGE.glob("*.py"):
        if path.name in ("__main__.py",):
            continue  # the entry point starts the CLI
        assert not zinkoop_layers(path), path


@pytest.mark.parametrize("folder", ["core", "loading", "app"])
def test_core_loading_and_app_import_no_framework(folder: str) -> None:
    for path in (PACKAGE / folder).glob("*.py"):
        assert not imported_modules(path) & set(HEAVY), path
    assert not imported_modules(PACKAGE / "errors.py") & set(HEAVY)


def test_core_loads_without_framework_at_run_time() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from zinkoop_cli.loading.catalog import Catalog\n"
        "from zinkoop_cli.core.resolve import timeline\n"
        "c = Catalog.load(env={})\n"
        "m = c.calendars['zorg-en-zekerheid/msz-2027']\n"
        "timeline(m, c.parents(m), date(2026, 10, 29))\n"
        f"print(sorted(n for n in sys.modules if n.split('.')[0] in {HEAVY!r}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_deadlines_does_not_import_icalendar() -> None:
    code = (
        "import sys\n"
        "from zinkoop_cli.cli.app import main\n"
        "try:\n"
        "    main(['deadlines', 'msz', '2027', '--today', '2026-10-29'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(str('icalendar' in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stderr.strip() == "False"


def test_warn_without_mail_imports_no_mail_or_tls_modules() -> None:
    # A cron job that only prints must not pay for smtplib, ssl and the email package.
    code = (
        "import sys\n"
        "from zinkoop_cli.cli.app import main\n"
        "try:\n"
        "    main(['warn', 'msz', '2027', '--today', '2026-10-29'])\n"
        "except SystemExit as done:\n"
        "    assert done.code == 1, done.code\n"
        "heavy = ('smtplib', 'ssl', 'email.message', 'email.headerregistry', 'icalendar')\n"
        "sys.stderr.write(repr([name for name in heavy if name in sys.modules]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stderr.strip() == "[]"
