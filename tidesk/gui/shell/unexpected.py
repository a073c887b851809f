"""When something goes wrong that tidesk did not expect: a calm word to the person, and a line in the log."""

from __future__ import annotations

import sys
from types import TracebackType

from tidesk.core.log import log_file, log_unexpected
from tidesk.gui.shell.context import AppContext
from tidesk.gui.widgets.dialogs import warn

CALM = (
    "Something went wrong inside tidesk. Everything you had stored is safe: each change is kept the moment "
    "you make it, and backups are taken as you work.\n\nYou can carry on. If it happens again, the log file "
    "{log} says where in tidesk it happened (it holds none of your words), which helps whoever looks after "
    "tidesk for you."
)


def explain(ctx: AppContext, exc: BaseException) -> None:
    """Log it (where it happened, never what was typed) and say so kindly."""
    log_unexpected(exc)
    warn(ctx.window, "Something went wrong", CALM.format(log=log_file(ctx.places.data_dir)))


def install(ctx: AppContext) -> None:
    """Every exception nothing else caught on the GUI thread comes here instead of a traceback on screen."""
    showing = {"now": False}

    def hook(kind: type[BaseException], exc: BaseException, where: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, where)
            return
        if showing["now"]:  # one dialog at a time, even if painting it fails too
            log_unexpected(exc)
            return
        showing["now"] = True
        try:
            explain(ctx, exc)
        finally:
            showing["now"] = False

    sys.excepthook = hook
