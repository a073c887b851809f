"""The PySide6 window over the core: pages, widgets, undo commands and background tasks."""
