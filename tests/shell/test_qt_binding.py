"""Guards against a Qt binding release that would crash tidesk: checked, not assumed."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal()


def test_delivering_signals_to_python_keeps_reference_counts(qapp: object) -> None:
    """PySide6 6.12.0 lost a reference to True on each delivery, aborting the interpreter at exit."""
    emitter = _Emitter()
    received: list[int] = []
    emitter.changed.connect(lambda: received.append(1))
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        emitter.changed.emit()
    assert len(received) == 200
    assert abs(sys.getrefcount(True) - true_before) < 20
    assert abs(sys.getrefcount(None) - none_before) < 20
