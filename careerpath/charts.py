"""Server-side bar charts: the geometry of an inline SVG is computed here so templates only draw it."""

import textwrap
from dataclasses import dataclass

# The chart is drawn in a fixed coordinate system and scaled by the browser (viewBox), so text
# stays legible on a 390-pixel phone: a label sits above its bar rather than beside it.
CHART_WIDTH = 400
LABEL_CHARS = 40  # what fits on one label line at the label font size; longer labels wrap
LABEL_LINE_HEIGHT = 20
VALUE_CHAR_WIDTH = 8.6  # a generous average for the value font, so the value never runs off the chart
BAR_HEIGHT = 18
VALUE_GAP = 6
VALUE_END_PADDING = 12  # wide glyphs such as % and $ need more than the average
ROW_GAP = 12
TOP_PADDING = 4


@dataclass(frozen=True)
class ChartItem:
    label: str
    value: float
    value_text: str
    highlighted: bool = False


@dataclass(frozen=True)
class LabelLine:
    text: str
    y: float


@dataclass(frozen=True)
class Bar:
    label_lines: list
    value_text: str
    highlighted: bool
    bar_x: float
    bar_y: float
    bar_width: float
    bar_height: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    width: int
    height: float
    zero_x: float
    bars: list

    @property
    def has_negative(self):
        return self.zero_x > 0


def bar_chart(items, *, title):
    """Horizontal bars for `items` (ChartItem), one per row, scaled to the largest magnitude.

    Negative values extend left of a zero line, so a projected decline is drawn as one.
    """
    items = list(items)
    longest_value = max((len(item.value_text) for item in items), default=0)
    bar_area = CHART_WIDTH - VALUE_GAP - longest_value * VALUE_CHAR_WIDTH - VALUE_END_PADDING
    low = min([0.0, *(float(item.value) for item in items)])
    high = max([0.0, *(float(item.value) for item in items)])
    span = high - low
    scale = bar_area / span if span else 0.0
    zero_x = -low * scale
    bars = []
    top = TOP_PADDING
    for item in items:
        lines = textwrap.wrap(item.label, LABEL_CHARS) or [""]
        label_lines = [LabelLine(text=line, y=top + LABEL_LINE_HEIGHT * (n + 1) - 3) for n, line in enumerate(lines)]
        bar_y = top + LABEL_LINE_HEIGHT * len(lines) + 3
        value = float(item.value)
        end = zero_x + max(0.0, value) * scale
        bars.append(
            Bar(
                label_lines=label_lines,
                value_text=item.value_text,
                highlighted=item.highlighted,
                bar_x=round(zero_x + min(0.0, value) * scale, 1),
                bar_y=bar_y,
                bar_width=round(abs(value) * scale, 1),
                bar_height=BAR_HEIGHT,
                value_x=round(end + VALUE_GAP, 1),
                value_y=bar_y + BAR_HEIGHT - 3,
            )
        )
        top = bar_y + BAR_HEIGHT + ROW_GAP
    description = "; ".join(f"{item.label}: {item.value_text}" for item in items)
    return BarChart(
        title=title,
        description=description,
        width=CHART_WIDTH,
        height=top + TOP_PADDING,
        zero_x=round(zero_x, 1),
        bars=bars,
    )
