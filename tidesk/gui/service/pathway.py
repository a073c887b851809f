"""The service pathway on screen: the same drawing as the report's, as one piece at the widget's width."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tidesk.charts.pathway import layout_pathway
from tidesk.charts.primitives import Drawing, Measure
from tidesk.gui.widgets.chart import ChartView


class PathwayView(ChartView):
    """The journey stages as numbered boxes joined by arrows; call ``set_stages`` whenever they change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self._names: list[str] = []
        self.setAccessibleName("Pathway drawing")
        self.set_layout(self._lay_out)

    def set_stages(self, names: list[str]) -> None:
        self._names = list(names)
        self.relayout()

    def _lay_out(self, width: float, measure: Measure) -> Drawing:
        drawings = layout_pathway(self._names, width, measure)  # no height limit: a screen scrolls
        return drawings[0] if drawings else Drawing(width, 0.0, description="No journey stages recorded yet.")
