"""The service report: what a person finds in the PDF, and that an export is whole or absent."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from tidesk.core import service
from tidesk.core.errors import TideskError
from tidesk.core.settings import set_setting
from tidesk.core.workspace import Workspace
from tidesk.reports import REPORTS, available_reports, export_report

GAELIC = "Màiri Dòmhnallach"
POLISH = "Łucja Wróblewska"
ARABIC = "ليلى حداد"
SERVICE = "Harbour Recovery Service"
OGL = "Open Government Licence v3.0"
DEMO = "Fictional demo service"


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """A folder of its own for reports, so leftovers are easy to see."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "w.tidesk")
    yield workspace
    workspace.close()


@pytest.fixture
def demo_ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "demo.tidesk", demo=True)
    yield workspace
    workspace.close()


def _fill(ws: Workspace) -> None:
    service.edit_profile(
        name=SERVICE,
        organisation="Western Isles Health and Care Partnership",
        setting="island",
        description="A small team across three islands.\n\nClinics in Stornoway; outreach by ferry.",
    ).apply(ws)
    service.add_partner(f"{GAELIC} Pharmacy", "Pharmacy", "Gaelic spoken.").apply(ws)
    service.add_partner(f"{POLISH} Counselling", "Third sector", "Polish-language counselling.").apply(ws)
    service.add_partner(ARABIC, "GP practice", f"Dr {ARABIC} runs the Thursday clinic.").apply(ws)


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _outline_titles(outline: list) -> list[str]:
    titles: list[str] = []
    for entry in outline:
        titles += _outline_titles(entry) if isinstance(entry, list) else [entry.title]
    return titles


def _embedded_fonts(reader: PdfReader) -> set[str]:
    found = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                found.add(str(font["/BaseFont"]).split("+")[-1])
    return found


def test_the_report_is_listed(ws: Workspace) -> None:
    assert [spec.name for spec in available_reports(ws)] == ["service", "familiarisation"]
    assert REPORTS["service"].title == "Service and pathway"


def test_service_report_contents(ws: Workspace, out_dir: Path) -> None:
    _fill(ws)
    calls: list[tuple[int, int]] = []
    out = export_report(ws, "service", out_dir / "service.pdf", progress=lambda d, t: calls.append((d, t)))

    assert out == out_dir / "service.pdf"
    reader = PdfReader(out)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == f"Service and pathway – {SERVICE}"
    assert meta.author == "tidesk"
    assert meta.subject == "Service profile, partner organisations and pathway"
    assert str(meta.get("/Creator", "")).startswith("tidesk ")
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    titles = _outline_titles(reader.outline)
    for expected in ("About the service", "Partner organisations", "Service pathway", "The stages in order"):
        assert expected in titles
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= _embedded_fonts(reader)

    text = _text(reader)
    for expected in (SERVICE, "OFFICIAL-SENSITIVE", OGL, "Crown copyright", GAELIC, POLISH, "Page 2 of"):
        assert expected in text
    assert DEMO not in text
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]
    assert [path.name for path in out_dir.iterdir()] == ["service.pdf"]


def test_marking_on_every_page(ws: Workspace, tmp_path: Path) -> None:
    set_setting("protective_marking", "OFFICIAL").apply(ws)
    reader = PdfReader(export_report(ws, "service", tmp_path / "r.pdf"))
    assert all(page.extract_text().count("OFFICIAL") >= 2 for page in reader.pages)
    assert "OFFICIAL-SENSITIVE" not in _text(reader)


def test_no_marking_when_none_is_set(ws: Workspace, tmp_path: Path) -> None:
    set_setting("protective_marking", "").apply(ws)
    text = _text(PdfReader(export_report(ws, "service", tmp_path / "r.pdf")))
    assert "OFFICIAL" not in text and "Protective marking" not in text


def test_empty_sections_say_so(ws: Workspace, tmp_path: Path) -> None:
    for stage in service.list_stages(ws):
        service.remove_stage(stage.uuid).apply(ws)
    text = _text(PdfReader(export_report(ws, "service", tmp_path / "r.pdf")))
    assert "No partner organisations recorded yet." in text
    assert "No journey stages recorded yet." in text
    assert "Unnamed service" in text


def test_twenty_stage_pathway(ws: Workspace, tmp_path: Path) -> None:
    for number in range(11, 21):
        service.add_stage(
            f"Stage {number}: peer support at the recovery café on the harbour front",
            f"What happens at stage {number}.",
        ).apply(ws)
    reader = PdfReader(export_report(ws, "service", tmp_path / "r.pdf"))
    text = _text(reader)
    assert "What happens at stage 20." in text
    assert "20 stages" in text


def test_demo_notice_on_every_page(demo_ws: Workspace, tmp_path: Path) -> None:
    reader = PdfReader(export_report(demo_ws, "service", tmp_path / "r.pdf"))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert "Fictional demo service – not real people or data" in page.extract_text()


def test_unknown_report_names_the_known_ones(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(TideskError, match="service"):
        export_report(ws, "nonsense", tmp_path / "r.pdf")


def test_missing_folder_is_a_plain_error(ws: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "r.pdf"
    with pytest.raises(TideskError, match="does not exist"):
        export_report(ws, "service", out)
    assert not out.parent.exists()


def test_unwritable_place_is_a_plain_error(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(TideskError, match="folder"):
        export_report(ws, "service", tmp_path)


def test_failure_midway_leaves_nothing(ws: Workspace, out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tidesk.reports import document

    def broken_build(self: document.ReportDocument, story: list, **kwargs: object) -> None:
        Path(self.filename).write_bytes(b"%PDF-1.4 half a report")
        raise RuntimeError("the build broke half way")

    monkeypatch.setattr(document.ReportDocument, "multiBuild", broken_build)
    with pytest.raises(RuntimeError):
        export_report(ws, "service", out_dir / "r.pdf")
    assert list(out_dir.iterdir()) == []


def test_failure_keeps_an_earlier_report(ws: Workspace, out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tidesk.reports import document

    out = export_report(ws, "service", out_dir / "r.pdf")
    before = out.read_bytes()

    def broken_build(self: document.ReportDocument, story: list, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(document.ReportDocument, "multiBuild", broken_build)
    with pytest.raises(TideskError, match="No space left"):
        export_report(ws, "service", out, force=True)
    assert out.read_bytes() == before
    assert [path.name for path in out_dir.iterdir()] == ["r.pdf"]


def test_importing_the_registry_does_not_load_reportlab() -> None:
    script = (
        "import sys, tidesk.reports, tidesk.reports.registry\n"
        "print(any(m.startswith('reportlab') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_dates_are_written_the_british_way() -> None:
    import datetime

    from tidesk.reports.document import long_date

    assert long_date(datetime.date(2026, 11, 22)) == "22 November 2026"
    assert long_date(datetime.date(2027, 1, 5)) == "5 January 2027"


def test_right_to_left_words_are_put_in_display_order() -> None:
    from tidesk.reports.fonts import FONT, needs_shaping, register_fonts, shaped_line, visual_order

    register_fonts()
    assert visual_order(f"{GAELIC} and {POLISH}") == f"{GAELIC} and {POLISH}"
    assert not needs_shaping(f"{GAELIC} {POLISH}")
    # Words swap places; each word's letters stay in reading order for harfbuzz to shape and lay out.
    assert visual_order(f"Dr {ARABIC} (GP)") == "Dr حداد ليلى (GP)"
    shaped = shaped_line(ARABIC, FONT, 10)
    assert needs_shaping(ARABIC) and getattr(shaped, "__shapeData__", None)
