"""The app's own preferences (not the workspace's): each declared once with its default, in an INI file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

DEFAULTS: dict[str, Any] = {
    "theme": "system",  # system, light or dark
    "text_scale": 100,  # percent of the system font size
    "last_page": "home",
    "recent": [],
    "welcomed": False,
    "last_export_dir": "",
}
TEXT_SCALES = (80, 90, 100, 115, 130, 150, 175, 200)
MAX_RECENT = 8


class Preferences:
    def __init__(self, config_dir: Path) -> None:
        config_dir.mkdir(parents=True, exist_ok=True)
        self._store = QSettings(str(config_dir / "tidesk.ini"), QSettings.Format.IniFormat)

    def get(self, key: str) -> Any:
        default = DEFAULTS[key]
        value = self._store.value(key, default)
        if isinstance(default, bool):
            return value in (True, "true", "True", 1, "1")
        if isinstance(default, int):
            try:
                return int(str(value))
            except (TypeError, ValueError):
                return default
        if isinstance(default, list):
            if value is None:
                return []
            if isinstance(value, str):
                return [value]
            return [str(v) for v in value] if isinstance(value, list | tuple) else []
        return value

    def set(self, key: str, value: Any) -> None:
        assert key in DEFAULTS, key
        self._store.setValue(key, value)

    def geometry(self) -> QByteArray | None:
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def state(self) -> QByteArray | None:
        value = self._store.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._store.setValue("window/geometry", geometry)
        self._store.setValue("window/state", state)

    def add_recent(self, path: Path) -> None:
        entries = [str(path)] + [p for p in self.get("recent") if p != str(path)]
        self.set("recent", entries[:MAX_RECENT])

    def sync(self) -> None:
        self._store.sync()
