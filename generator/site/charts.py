"""Geometry of the inline SVG charts on the dashboard (the markup is in ``site_templates/_charts.html``).

No JavaScript library: each chart is a small SVG with ``role="img"`` and a ``<title>``, and the page
shows the same numbers in a table beside it. Every chart comes in two layouts of the same data: a wide
one and a narrow one for phones (labels above the bars), each drawn so that its text is at least 12 CSS
pixels where the page shows it; a label cut short keeps the full text in its bar's tooltip and the table.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 250
VALUE_GAP = 6
VALUE_WIDTH = 70
ROW_HEIGHT = 28
BAR_HEIGHT = 18
MAX_LABEL_CHARS = 26
# Text size in chart units: the wide chart (640 units) is shown at about 480 px or more, so 16 units are
# 12 px or more; the narrow one (320 units) at 288 px or more, so 14 units are.
FONT_SIZE = 16
NARROW_FONT_SIZE = 14

NARROW_WIDTH = 320
NARROW_ROW_HEIGHT = 40  # a label line above a bar
NARROW_BAR_HEIGHT = 14
NARROW_VALUE_WIDTH = 56
NARROW_LABEL_CHARS = 36


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # full label (the bar's tooltip and the table)
    short: str  # label shown in the chart, shortened to fit
    value: float
    value_text: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Chart:
    id: str
    title: str
    description: str
    width: int
    height: int
    bars: tuple[Bar, ...]
    horizontal: bool
    axis_y: float = 0.0  # baseline of a column chart
    stacked: bool = False  # labels above the bars (the narrow layout)
    font_size: int = FONT_SIZE


def _short(label: str, limit: int = MAX_LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def bar_chart(chart_id: str, title: str, items: list[tuple[str, float, str]]) -> Chart:
    """Horizontal bars: ``items`` are (label, value, value as text), drawn top to bottom."""
    top = max((value for _, value, _ in items), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH - VALUE_GAP
    bars = []
    for index, (label, value, text) in enumerate(items):
        y = index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        width = round(span * value / top, 1) if value > 0 else 0
        bars.append(Bar(label, _short(label), value, text, LABEL_WIDTH, y, max(width, 0), BAR_HEIGHT))
    description = "; ".join(f"{label}: {text}" for label, _, text in items)
    return Chart(chart_id, title, description, WIDTH, max(len(items), 1) * ROW_HEIGHT, tuple(bars), True)


def narrow_bar_chart(chart_id: str, title: str, items: list[tuple[str, float, str]]) -> Chart:
    """The phone layout of :func:`bar_chart`: each label on its own line above its bar."""
    top = max((value for _, value, _ in items), default=0) or 1
    span = NARROW_WIDTH - NARROW_VALUE_WIDTH - VALUE_GAP
    bars = []
    for index, (label, value, text) in enumerate(items):
        y = index * NARROW_ROW_HEIGHT + NARROW_ROW_HEIGHT - NARROW_BAR_HEIGHT - 4
        width = round(span * value / top, 1) if value > 0 else 0
        bars.append(Bar(label, _short(label, NARROW_LABEL_CHARS), value, text, 0, y, max(width, 0),
                        NARROW_BAR_HEIGHT))
    description = "; ".join(f"{label}: {text}" for label, _, text in items)
    return Chart(chart_id, title, description, NARROW_WIDTH, max(len(items), 1) * NARROW_ROW_HEIGHT, tuple(bars),
                 True, stacked=True, font_size=NARROW_FONT_SIZE)


COLUMN_AREA_HEIGHT = 200
COLUMN_LABEL_HEIGHT = 40


def column_chart(chart_id: str, title: str, items: list[tuple[str, float, str]], width: int = WIDTH) -> Chart:
    """Vertical columns left to right (for a time series). Labels that would overlap are left out of
    the chart (every label is in the columns' tooltips and the table); the last column is always named."""
    top = max((value for _, value, _ in items), default=0) or 1
    count = max(len(items), 1)
    slot = (width - 20) / count
    column = max(min(slot * 0.7, 48), 2)
    font = FONT_SIZE if width == WIDTH else NARROW_FONT_SIZE
    label_width = max((len(label) for label, _, _ in items), default=1) * font * 0.6 + 8
    every = max(1, -(-int(label_width) // max(int(slot), 1)))
    bars = []
    for index, (label, value, text) in enumerate(items):
        height = round(COLUMN_AREA_HEIGHT * value / top, 1) if value > 0 else 0
        x = 10 + index * slot + (slot - column) / 2
        shown = (count - 1 - index) % every == 0
        bars.append(Bar(label, label if shown else "", value, text,
                        round(x, 1), round(20 + COLUMN_AREA_HEIGHT - height, 1), round(column, 1), height))
    description = "; ".join(f"{label}: {text}" for label, _, text in items)
    return Chart(chart_id, title, description, width, 20 + COLUMN_AREA_HEIGHT + COLUMN_LABEL_HEIGHT, tuple(bars),
                 False, axis_y=20 + COLUMN_AREA_HEIGHT, font_size=font)
