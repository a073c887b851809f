"""The service pathway: numbered stage boxes in rows joined by arrows, split into page-sized drawings."""

from __future__ import annotations

import math
from collections.abc import Sequence

from tidesk.charts.primitives import Box, Circle, Drawing, Item, Measure, Point, Polyline, Text
from tidesk.charts.text import wrap

MM = 72 / 2.54 * 0.1  # a millimetre in points, as ReportLab reckons it
FONT_SIZE = 8.5
LEADING = 10.5
MAX_LINES = 6
ARROW_GAP = 6 * MM
ROW_GAP = 9 * MM
BADGE_RADIUS = 7.5
BADGE_FONT_SIZE = 8
PADDING = 6
CORNER = 5
FOUR_COLUMNS_FROM = 380  # narrower than this, four boxes a row leave too little room for a name


def layout_pathway(names: Sequence[str], width: float, measure: Measure, max_height: float = math.inf) -> list[Drawing]:
    """The stages as numbered boxes in rows of three or four, ``width`` wide; one drawing per group of rows.

    A group holds as many rows as fit in ``max_height``; an arrow leads out of each group and into the next."""
    if not names:
        return []
    columns = 4 if width >= FOUR_COLUMNS_FROM else 3
    box_width = (width - (columns - 1) * ARROW_GAP) / columns
    wrapped = [wrap(name, box_width - 2 * PADDING, measure, FONT_SIZE, max_lines=MAX_LINES) for name in names]
    rows = [range(start, min(start + columns, len(names))) for start in range(0, len(names), columns)]
    heights = [2 * PADDING + 2 * BADGE_RADIUS + 5 + max(len(wrapped[i]) for i in row) * LEADING for row in rows]
    groups = _groups(heights, max_height)
    drawings = []
    for number, group in enumerate(groups):
        inbound, outbound = number > 0, number < len(groups) - 1
        total = sum(heights[r] for r in group) + ROW_GAP * (len(group) - 1 + inbound + outbound)
        first_x = box_width / 2  # every row starts under the first column
        items: list[Item] = []
        top = ROW_GAP if inbound else 0.0
        if inbound:
            items.append(_arrow((first_x, 0.0), (first_x, top)))
        for position, row_number in enumerate(group):
            height = heights[row_number]
            for column, index in enumerate(rows[row_number]):
                x = column * (box_width + ARROW_GAP)
                items += _box(x, top, box_width, height, index + 1, wrapped[index])
                if column:
                    items.append(_arrow((x - ARROW_GAP + 1, top + height / 2), (x - 1, top + height / 2)))
            last_x = (len(rows[row_number]) - 1) * (box_width + ARROW_GAP) + box_width / 2
            bottom = top + height
            if row_number + 1 < len(rows):
                if position + 1 < len(group):
                    # Down from the row's last box, back along the gap, and down into the next row's first box.
                    middle = bottom + ROW_GAP / 2
                    items.append(
                        _arrow((last_x, bottom), (last_x, middle), (first_x, middle), (first_x, bottom + ROW_GAP))
                    )
                else:
                    items.append(_arrow((last_x, bottom), (last_x, bottom + ROW_GAP)))
            top = bottom + ROW_GAP
        stages = [index for row_number in group for index in rows[row_number]]
        description = _describe(names, stages, number, len(groups))
        drawings.append(Drawing(width, total, tuple(items), description))
    return drawings


def _groups(heights: Sequence[float], max_height: float) -> list[list[int]]:
    """Row numbers in groups no taller than ``max_height``; a row taller than that still gets a group of its own."""
    groups: list[list[int]] = [[]]
    used = 0.0
    for number, height in enumerate(heights):
        if groups[-1] and used + ROW_GAP + height > max_height:
            groups.append([])
            used = 0.0
        groups[-1].append(number)
        used += height + ROW_GAP
    return groups


def _arrow(*points: Point) -> Polyline:
    return Polyline(points, "accent", 1.1, arrow=True, arrow_length=6.3, arrow_half_width=4.5)


def _box(x: float, y: float, width: float, height: float, number: int, lines: list[str]) -> list[Item]:
    centre = x + width / 2
    badge_y = y + PADDING + BADGE_RADIUS
    items: list[Item] = [
        Box(x, y, width, height, CORNER, fill="accent_tint", stroke="accent", stroke_width=0.8),
        Circle(centre, badge_y, BADGE_RADIUS, fill="accent"),
        Text(centre, badge_y + 3, str(number), BADGE_FONT_SIZE, bold=True, role="on_accent", anchor="centre"),
    ]
    # Centre the name in the space under the badge, so short names do not float at the top of a tall box.
    space_top = badge_y + BADGE_RADIUS + 4
    free = y + height - PADDING - space_top - len(lines) * LEADING
    baseline = space_top + max(0.0, free / 2) + FONT_SIZE
    for line in lines:
        items.append(Text(centre, baseline, line, FONT_SIZE, anchor="centre"))
        baseline += LEADING
    return items


def _describe(names: Sequence[str], stages: Sequence[int], part: int, parts: int) -> str:
    """What the drawing shows, in words, for a screen reader or as alternative text."""
    listed = "; ".join(f"{index + 1}. {names[index]}" for index in stages)
    if parts == 1:
        count = f"{len(names)} stage{'' if len(names) == 1 else 's'}"
        return f"The pathway in {count}, in order: {listed}."
    return (
        f"Part {part + 1} of {parts} of the pathway, stages {stages[0] + 1} to {stages[-1] + 1} "
        f"of {len(names)}, in order: {listed}."
    )
