"""The service report: the service's profile, its partner organisations and its pathway of journey stages."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reportlab.graphics.shapes import Circle, Drawing, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from tidesk.core.service import ServiceReportData, StageData
from tidesk.reports.document import (
    ACCENT,
    ACCENT_TINT,
    FRAME_WIDTH,
    INK,
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
from tidesk.reports.fonts import FONT, FONT_BOLD, shaped_line, text_width

BOX_FONT_SIZE = 8.5
BOX_LEADING = 10.5
BOX_MAX_LINES = 6
ARROW_GAP = 6 * mm
ROW_GAP = 9 * mm
BADGE_RADIUS = 7.5
PADDING = 6


def _wrap(text: str, width: float) -> list[str]:
    """Break text into lines no wider than ``width``; a word too long for a line is broken by letters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(shaped_line(candidate, FONT, BOX_FONT_SIZE), FONT, BOX_FONT_SIZE) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for letter in word:
            if current and text_width(current + letter, FONT, BOX_FONT_SIZE) > width:
                lines.append(current)
                current = ""
            current += letter
    if current:
        lines.append(current)
    if len(lines) > BOX_MAX_LINES:
        lines = lines[:BOX_MAX_LINES]
        last = lines[-1]
        while last and text_width(last + "…", FONT, BOX_FONT_SIZE) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


ARROW_LENGTH = 6.3
ARROW_HALF_WIDTH = 4.5


def _connector(drawing: Drawing, points: Sequence[tuple[float, float]], head: str) -> None:
    """A line through ``points`` ending in an arrowhead pointing ``head`` ("right" or "down")."""
    x, y = points[-1]
    if head == "right":
        base = (x - ARROW_LENGTH, y)
        tip = [x, y, x - ARROW_LENGTH, y + ARROW_HALF_WIDTH, x - ARROW_LENGTH, y - ARROW_HALF_WIDTH]
    else:
        base = (x, y + ARROW_LENGTH)
        tip = [x, y, x - ARROW_HALF_WIDTH, y + ARROW_LENGTH, x + ARROW_HALF_WIDTH, y + ARROW_LENGTH]
    line = [coordinate for point in [*points[:-1], base] for coordinate in point]
    drawing.add(PolyLine(line, strokeColor=ACCENT, strokeWidth=1.1, strokeLineJoin=0, strokeLineCap=0))
    drawing.add(Polygon(tip, fillColor=ACCENT, strokeColor=None))


def pathway_drawings(stages: Sequence[StageData], width: float, max_height: float) -> list[Drawing]:
    """The pathway as numbered boxes joined by arrows, in rows; one drawing per page-sized group of rows."""
    columns = 4 if width >= 380 else 3
    box_width = (width - (columns - 1) * ARROW_GAP) / columns
    wrapped = [_wrap(stage.name, box_width - 2 * PADDING) for stage in stages]
    rows = [list(range(start, min(start + columns, len(stages)))) for start in range(0, len(stages), columns)]
    heights = [2 * PADDING + 2 * BADGE_RADIUS + 5 + max(len(wrapped[i]) for i in row) * BOX_LEADING
               for row in rows]
    groups: list[list[int]] = [[]]
    used = 0.0
    for number, height in enumerate(heights):
        if groups[-1] and used + ROW_GAP + height > max_height:
            groups.append([])
            used = 0.0
        groups[-1].append(number)
        used += height + ROW_GAP
    drawings = []
    for group_index, group in enumerate(groups):
        inbound = group_index > 0
        total = sum(heights[r] for r in group) + ROW_GAP * (len(group) - 1) + (ROW_GAP if inbound else 0)
        total += ROW_GAP if group_index < len(groups) - 1 else 0
        drawing = Drawing(width, total)
        top = total - (ROW_GAP if inbound else 0)
        if inbound:
            _connector(drawing, [(box_width / 2, total), (box_width / 2, top)], "down")
        for position, row_number in enumerate(group):
            height = heights[row_number]
            for column, index in enumerate(rows[row_number]):
                _draw_box(drawing, column * (box_width + ARROW_GAP), top - height, box_width, height,
                          index + 1, wrapped[index])
                if column:
                    _connector(drawing, [(column * (box_width + ARROW_GAP) - ARROW_GAP + 1, top - height / 2),
                                         (column * (box_width + ARROW_GAP) - 1, top - height / 2)], "right")
            last_x = (len(rows[row_number]) - 1) * (box_width + ARROW_GAP) + box_width / 2
            bottom = top - height
            if row_number + 1 < len(rows):
                middle = bottom - ROW_GAP / 2
                if position + 1 < len(group):
                    _connector(drawing, [(last_x, bottom), (last_x, middle), (box_width / 2, middle),
                                         (box_width / 2, bottom - ROW_GAP)], "down")
                else:
                    _connector(drawing, [(last_x, bottom), (last_x, bottom - ROW_GAP)], "down")
            top = bottom - ROW_GAP
        drawings.append(drawing)
    return drawings


def _draw_box(drawing: Drawing, x: float, y: float, width: float, height: float, number: int,
              lines: list[str]) -> None:
    drawing.add(Rect(x, y, width, height, rx=5, ry=5, fillColor=ACCENT_TINT, strokeColor=ACCENT,
                     strokeWidth=0.8))
    centre = x + width / 2
    badge_y = y + height - PADDING - BADGE_RADIUS
    drawing.add(Circle(centre, badge_y, BADGE_RADIUS, fillColor=ACCENT, strokeColor=None))
    label = str(number)
    drawing.add(String(centre, badge_y - 3, label, fontName=FONT_BOLD, fontSize=8,
                       fillColor=colors.white, textAnchor="middle"))
    # Centre the name in the space under the badge, so short names do not float at the top of a tall box.
    space_top = badge_y - BADGE_RADIUS - 4
    block = len(lines) * BOX_LEADING
    baseline = space_top - max(0.0, (space_top - (y + PADDING) - block) / 2) - BOX_FONT_SIZE
    for line in lines:
        shown = shaped_line(line, FONT, BOX_FONT_SIZE)
        line_width = text_width(shown, FONT, BOX_FONT_SIZE)
        drawing.add(String(centre - line_width / 2, baseline, shown, fontName=FONT, fontSize=BOX_FONT_SIZE,
                           fillColor=INK))
        baseline -= BOX_LEADING


def _profile(data: ServiceReportData) -> list[Flowable]:
    profile = data.profile
    not_yet = "Not recorded yet"
    rows = [
        [para("Service name", "cell_head"), para(profile.name or not_yet, "cell")],
        [para("Organisation", "cell_head"), para(profile.organisation or not_yet, "cell")],
        [para("Setting", "cell_head"), para(data.setting_label or not_yet, "cell")],
    ]
    story: list[Flowable] = [heading("About the service"), table(rows, [45 * mm, FRAME_WIDTH - 45 * mm],
                                                                  header=False), Spacer(1, 5 * mm)]
    story.append(heading("Description", 1))
    blocks = [block.strip() for block in profile.description.split("\n\n") if block.strip()]
    story += [para(block) for block in blocks] or [para("No description of the service recorded yet.", "muted")]
    return story


def _partners(data: ServiceReportData) -> list[Flowable]:
    story: list[Flowable] = [heading("Partner organisations")]
    if not data.partners:
        return [*story, para("No partner organisations recorded yet.", "muted")]
    story.append(para(f"The service works with {len(data.partners)} partner "
                      f"organisation{'' if len(data.partners) == 1 else 's'}."))
    rows = [[para("Name", "cell_head"), para("Kind", "cell_head"), para("Notes", "cell_head")]]
    rows += [[para(p.name, "cell"), para(p.kind, "cell"), para(p.notes or "–", "cell")] for p in data.partners]
    widths = [FRAME_WIDTH * 0.32, FRAME_WIDTH * 0.25, FRAME_WIDTH * 0.43]
    return [*story, table(rows, widths)]


def _pathway(data: ServiceReportData) -> list[Flowable]:
    if not data.stages:
        return [heading("Service pathway"), para("No journey stages recorded yet.", "muted")]
    usable = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - 40 * mm
    drawings = pathway_drawings(data.stages, FRAME_WIDTH, usable)
    # Keep the section heading, its introduction and the first part of the drawing on one page.
    story: list[Flowable] = [CondPageBreak(drawings[0].height + 40 * mm), heading("Service pathway")]
    story += [para(f"The journey through the service, as the team has described it, in {len(data.stages)} "
                   f"stage{'' if len(data.stages) == 1 else 's'}."), heading("The pathway at a glance", 1)]
    story += drawings
    story.append(heading("The stages in order", 1))
    for number, stage in enumerate(data.stages, start=1):
        story.append(para(stage.name, "list_name", bulletText=f"{number}."))
        story.append(para(stage.description.strip() or "No description yet.",
                          "list_text" if stage.description.strip() else "list_muted"))
    return story


def build_service_report(data: ServiceReportData, info: DocumentInfo, path: str | os.PathLike[str],
                         progress: Progress | None = None) -> Path:
    """Write the service and pathway report to ``path`` (complete, or not at all)."""
    story = [*_profile(data), *_partners(data), *_pathway(data)]
    return write_pdf(path, story, info, progress)
