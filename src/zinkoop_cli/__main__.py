"""Entry point for ``python -m zinkoop_cli``."""

from __future__ import annotations

from zinkoop_cli.cli.app import main

if __name__ == "__main__":
    main()
