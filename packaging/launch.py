"""PyInstaller entry point for the bundled ``tidesk`` executable (see installer.spec).

It does what the ``tidesk`` console script does: one program for both the app and the command line.
"""

import sys

from tidesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
