"""Run tidesk with ``python -m tidesk``."""

from tidesk.cli import main

raise SystemExit(main())
