"""The ladder report's chart, drawn on the server as SVG: no JavaScript, nothing for the CSP to refuse.

One horizontal bar per year, split by rung. The SVG is an image with a text alternative that says what it shows
in words; the numbers themselves are in the data table beside it, which is what screen readers are pointed to.
Segments carry a class per rung (colours in _consultations.scss) and their count as text when there is room, so
the rungs are told apart by more than colour; the legend names them in the same order as the bar.
"""

from dataclasses import dataclass

from core.engagement import EngagementLevel

WIDTH = 640
LABEL_WIDTH = 60
BAR_HEIGHT = 28
GAP = 14
TOP = 8


@dataclass(frozen=True)
class Segment:
    level: str
    label: str
    count: int
    x: float
    width: float

    @property
    def css_class(self):
        return f"app-ladder-chart__rung--{self.level}"

    @property
    def text_x(self):
        return round(self.x + self.width / 2, 1)

    @property
    def shows_count(self):
        return self.width >= 18


@dataclass(frozen=True)
class Bar:
    year: int
    total: int
    y: int
    segments: list

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT / 2 + 5


def ladder_chart(totals):
    """`totals`: the ladder report's "All activities" rows, one per year, newest first."""
    levels = list(EngagementLevel)
    biggest = max((row.total for row in totals), default=0)
    scale = (WIDTH - LABEL_WIDTH - 10) / biggest if biggest else 0
    bars = []
    for position, row in enumerate(totals):
        x = LABEL_WIDTH
        segments = []
        for level, count in zip(levels, row.counts, strict=True):
            width = round(count * scale, 1)
            if count:
                segments.append(Segment(level.value, level.label, count, round(x, 1), width))
            x += width
        bars.append(Bar(row.year, row.total, TOP + position * (BAR_HEIGHT + GAP), segments))
    height = TOP + len(bars) * (BAR_HEIGHT + GAP)
    description = "; ".join(
        f"{row.year}: {row.total} activities, "
        + ", ".join(f"{count} {level.label.lower()}" for level, count in zip(levels, row.counts, strict=True))
        for row in totals
    )
    return {
        "bars": bars,
        "width": WIDTH,
        "height": max(height, 40),
        "bar_height": BAR_HEIGHT,
        "label_x": LABEL_WIDTH - 8,
        "description": description,
        "legend": [(level.value, level.label) for level in levels],
    }
