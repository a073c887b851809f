"""The service report: the service's profile, its partner organisations and its pathway of journey stages."""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from tidesk.charts.pathway import layout_pathway
from tidesk.core.service import ServiceReportData
from tidesk.reports.document import (
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    PAGE_HEIGHT,
    DocumentInfo,
    Progress,
    heading,
    para,
    table,
    write_pdf,
)
from tidesk.reports.render import measure, to_reportlab


def _profile(data: ServiceReportData) -> list[Flowable]:
    profile = data.profile
    not_yet = "Not recorded yet"
    rows = [
        [para("Service name", "cell_head"), para(profile.name or not_yet, "cell")],
        [para("Organisation", "cell_head"), para(profile.organisation or not_yet, "cell")],
        [para("Setting", "cell_head"), para(data.setting_label or not_yet, "cell")],
    ]
    story: list[Flowable] = [
        heading("About the service"),
        table(rows, [45 * mm, FRAME_WIDTH - 45 * mm], header=False),
        Spacer(1, 5 * mm),
    ]
    story.append(heading("Description", 1))
    blocks = [block.strip() for block in profile.description.split("\n\n") if block.strip()]
    story += [para(block) for block in blocks] or [para("No description of the service recorded yet.", "muted")]
    return story


def _partners(data: ServiceReportData) -> list[Flowable]:
    story: list[Flowable] = [heading("Partner organisations")]
    if not data.partners:
        return [*story, para("No partner organisations recorded yet.", "muted")]
    story.append(
        para(
            f"The service works with {len(data.partners)} partner organisation{'' if len(data.partners) == 1 else 's'}."
        )
    )
    rows = [[para("Name", "cell_head"), para("Kind", "cell_head"), para("Notes", "cell_head")]]
    rows += [[para(p.name, "cell"), para(p.kind, "cell"), para(p.notes or "–", "cell")] for p in data.partners]
    widths = [FRAME_WIDTH * 0.32, FRAME_WIDTH * 0.25, FRAME_WIDTH * 0.43]
    return [*story, table(rows, widths)]


def _pathway(data: ServiceReportData) -> list[Flowable]:
    if not data.stages:
        return [heading("Service pathway"), para("No journey stages recorded yet.", "muted")]
    usable = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - 40 * mm
    layouts = layout_pathway([stage.name for stage in data.stages], FRAME_WIDTH, measure, usable)
    drawings = [to_reportlab(layout) for layout in layouts]
    # Keep the section heading, its introduction and the first part of the drawing on one page.
    story: list[Flowable] = [CondPageBreak(drawings[0].height + 40 * mm), heading("Service pathway")]
    story += [
        para(
            f"The journey through the service, as the team has described it, in {len(data.stages)} "
            f"stage{'' if len(data.stages) == 1 else 's'}."
        ),
        heading("The pathway at a glance", 1),
    ]
    story += drawings
    story.append(heading("The stages in order", 1))
    for number, stage in enumerate(data.stages, start=1):
        story.append(para(stage.name, "list_name", bulletText=f"{number}."))
        story.append(
            para(
                stage.description.strip() or "No description yet.",
                "list_text" if stage.description.strip() else "list_muted",
            )
        )
    return story


def build_service_report(
    data: ServiceReportData, info: DocumentInfo, path: str | os.PathLike[str], progress: Progress | None = None
) -> Path:
    """Write the service and pathway report to ``path`` (complete, or not at all)."""
    story = [*_profile(data), *_partners(data), *_pathway(data)]
    return write_pdf(path, story, info, progress)
