"""No network connection is ever opened while the suite runs, in this process or in any it starts."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest


def test_a_connection_in_the_suite_fails_loudly() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(RuntimeError, match="never may"):
        sock.connect(("127.0.0.1", 9))


def test_a_connection_in_a_child_python_fails_loudly() -> None:
    script = "import socket\ns = socket.socket()\ns.connect(('127.0.0.1', 9))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode != 0 and "never may" in result.stderr
