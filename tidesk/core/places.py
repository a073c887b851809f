"""Where tidesk keeps its data: the default workspace, backups and configuration."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "tidesk"
DATA_DIR_ENV = "TIDESK_DATA_DIR"


@dataclass(frozen=True)
class Places:
    """The folders one run of tidesk uses. ``--data-dir`` (or TIDESK_DATA_DIR) puts them all in one place."""

    data_dir: Path
    config_dir: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> Places:
        chosen = data_dir or os.environ.get(DATA_DIR_ENV)
        if chosen:
            root = Path(chosen).expanduser().resolve()
            return cls(data_dir=root, config_dir=root / "config")
        return cls(
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        )

    @property
    def default_workspace(self) -> Path:
        return self.data_dir / "workspace.tidesk"

    @property
    def demo_workspace(self) -> Path:
        return self.data_dir / "demo.tidesk"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"
