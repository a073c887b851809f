"""The log of unexpected errors: a small rotating file in the data folder, for whoever looks into a fault.

It never holds anything a person typed: an entry is the time, tidesk's version, the kind of error and where
in tidesk's code it happened (file, line, function), never the error's message or any values, since those
can carry a name, a note or an answer.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path
from types import TracebackType

from tidesk import __version__

LOGGER = "tidesk"
MAX_BYTES = 256 * 1024
KEEP = 3  # tidesk.log and three older files: about a megabyte at most


def log_file(data_dir: Path) -> Path:
    return data_dir / "logs" / "tidesk.log"


def configure(data_dir: Path) -> Path | None:
    """Send unexpected errors to the rotating log in ``data_dir``; None if the folder cannot be written."""
    path = log_file(data_dir)
    logger = logging.getLogger(LOGGER)
    for handler in list(logger.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            logger.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.ERROR)
    logger.propagate = False
    return path


def describe(kind: type[BaseException], where: TracebackType | None) -> str:
    """The kind of error and the frames it passed through, without its message or any value."""
    frames = traceback.extract_tb(where) if where is not None else []
    lines = [f"tidesk {__version__}: unexpected {kind.__module__}.{kind.__qualname__}"]
    lines += [f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}" for frame in frames]
    return "\n".join(lines)


def log_unexpected(exc: BaseException) -> None:
    logging.getLogger(LOGGER).error(describe(type(exc), exc.__traceback__))
