"""The spreadsheet import on the command line: what it prints, and that nothing else reaches the terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.forms.test_xlsform import fixture
from tests.forms.test_xlsform_cells import EXTENSION
from tests.forms.test_xlsform_hostile import HEADER, MAIN, Repeated, sheet, workbook


def tidesk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("TIDESK_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "tidesk", *map(str, args)], capture_output=True, text=True, env=env, timeout=120
    )


def test_cli_import_then_check(tmp_path: Path) -> None:
    source, out = fixture("supported", tmp_path), tmp_path / "team.yaml"
    made = tidesk("forms", "import-xlsform", source, "-o", out)
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == f"Wrote {out}. Check it with: tidesk forms check {out}"
    checked = tidesk("forms", "check", out)
    assert checked.returncode == 0, checked.stderr
    again = tidesk("forms", "import-xlsform", source, "-o", out)
    assert again.returncode == 1 and again.stderr.startswith("tidesk: ") and "already there" in again.stderr


def test_cli_not_a_spreadsheet(tmp_path: Path) -> None:
    source = tmp_path / "notes.xlsx"
    source.write_text("hello", encoding="utf-8")
    result = tidesk("forms", "import-xlsform", source)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"tidesk: {source}: this is not a spreadsheet tidesk can read (open it in "
        "Excel or LibreOffice and save it again as .xlsx)"
    ]


def test_cli_prints_each_problem_on_its_own_line_and_writes_nothing(tmp_path: Path) -> None:
    source = fixture("several-problems", tmp_path)
    result = tidesk("forms", "import-xlsform", source)
    lines = result.stderr.splitlines()
    assert result.returncode == 1 and result.stdout == "" and len(lines) == 6
    assert all(line.startswith(f"tidesk: {source}:") for line in lines)
    assert lines[0].startswith(f"tidesk: {source}:3: the survey sheet's row 3 is a 'geopoint' question")
    assert [p.name for p in tmp_path.iterdir()] == [source.name]


def test_cli_prints_nothing_but_its_own_lines(tmp_path: Path) -> None:
    # A workbook that made openpyxl warn (no styles, an extension it drops, a formula), converted, and a zip
    # bomb refused: stdout has the one line written, stderr only 'tidesk: ' lines.
    rows = [HEADER, ("text", "a", '<c r="%REF%" t="str"><f>"A"</f><v>A</v></c>'), ("integer", "b", "B")]
    xml = sheet(rows).decode().replace("</sheetData>", f"</sheetData>{EXTENSION}").encode()
    quiet = workbook(tmp_path / "quiet.xlsx", [("survey", xml)])
    made = tidesk("forms", "import-xlsform", quiet)
    assert (made.returncode, made.stderr) == (0, "")
    assert made.stdout.splitlines() == [
        f"Wrote {tmp_path / 'quiet.v1.yaml'}. Check it with: tidesk forms check {tmp_path / 'quiet.v1.yaml'}"
    ]
    head = f'<?xml version="1.0"?><sst xmlns="{MAIN}"><si><t>'.encode()
    bomb = workbook(
        tmp_path / "bomb.xlsx",
        [("survey", sheet([HEADER]))],
        shared=Repeated(head, b"a" * (1 << 20), 64, b"</t></si></sst>"),
    )
    refused = tidesk("forms", "import-xlsform", bomb)
    assert (refused.returncode, refused.stdout) == (1, "")
    assert refused.stderr.splitlines() == [
        f"tidesk: {bomb}: the spreadsheet would be 65 MB once unpacked; tidesk reads forms up to 20 MB"
    ]
