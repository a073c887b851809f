"""Loaded by every Python the test suite starts (tests/conftest.py puts this folder on PYTHONPATH): tidesk
opens no network connection, ever, so any attempt fails the run loudly."""

from __future__ import annotations

import os
import socket

NETWORK_FAMILIES = {socket.AF_INET, socket.AF_INET6}


class NetworkUsed(RuntimeError):
    """Raised when code under test tries to reach a network."""


def _refuse(self: socket.socket, *_args: object, **_kwargs: object) -> None:
    if self.family in NETWORK_FAMILIES:
        raise NetworkUsed(f"tidesk tried to open a network connection ({self.family.name}); it never may")


def install() -> None:
    if getattr(socket.socket, "_tidesk_guarded", False):
        return
    socket.socket.connect = _refuse  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = _refuse  # type: ignore[method-assign,assignment]
    socket.socket.sendto = _refuse  # type: ignore[method-assign,assignment]
    socket.socket._tidesk_guarded = True  # type: ignore[attr-defined]


if os.environ.get("TIDESK_NO_NETWORK") == "1":
    install()
