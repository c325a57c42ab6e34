"""``python -m accountcore``: the command line."""

from accountcore.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
