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


@pytest.mark.parametrize("folder", ["core", "loading"])
def test_core_and_loading_import_no_framework(folder: str) -> None:
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
