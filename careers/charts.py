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


# --- Range chart: the spread of pay, 10th to 90th percentile, with the median marked -------------------

RANGE_LABEL_CHARS = 46
RANGE_TOP_LABEL = 20  # each row: a label line (or two), then the range
RANGE_BOX_HEIGHT = 18
RANGE_ROW_GAP = 14
RANGE_AXIS_HEIGHT = 26
RANGE_SIDE_PADDING = 8


@dataclass(frozen=True)
class RangeItem:
    """One occupation's pay spread: the 10th, 25th (optional), median, 75th (optional) and 90th percentiles."""

    label: str
    low: int  # 10th percentile
    median: int
    high: int  # 90th percentile
    lower_quartile: int | None = None
    upper_quartile: int | None = None
    highlighted: bool = False

    @property
    def text(self):
        quartiles = (
            f", middle half ${self.lower_quartile:,} to ${self.upper_quartile:,}"
            if self.lower_quartile is not None and self.upper_quartile is not None
            else ""
        )
        return (
            f"{self.label}: 10th percentile ${self.low:,}, median ${self.median:,}{quartiles}, "
            f"90th percentile ${self.high:,}"
        )


@dataclass(frozen=True)
class RangeRow:
    label_lines: list
    highlighted: bool
    line_x1: float
    line_x2: float
    line_y: float
    box_x: float | None
    box_width: float | None
    box_y: float
    median_x: float
    median_y1: float
    median_y2: float


@dataclass(frozen=True)
class AxisTick:
    x: float
    text: str


@dataclass(frozen=True)
class RangeChart:
    title: str
    description_lines: list
    width: int
    height: float
    rows: list
    ticks: list
    axis_y: float

    @property
    def description(self):
        return "; ".join(self.description_lines)

    @property
    def axis_end(self):
        return self.ticks[-1].x if self.ticks else 0

    @property
    def tick_y(self):
        return round(self.axis_y + 18, 1)


def _scale_top(value):
    """A round top for the axis: the next multiple of $20,000 (or $50,000 above $200,000)."""
    step = 50_000 if value > 200_000 else 20_000
    return max(step, -(-int(value) // step) * step)


def _tick_step(top_value):
    """Round steps, at most six of them: $20k up to $100k, $50k up to $300k, $100k above."""
    for step in (20_000, 50_000, 100_000):
        if top_value // step <= 6:
            return step
    return -(-top_value // 5 // 100_000) * 100_000


def range_chart(items, *, title):
    """Horizontal ranges on one dollar scale from $0: a thin line from the 10th to the 90th percentile, a box for
    the middle half where known, and a tall mark at the median. Geometry only; the template draws it."""
    items = list(items)
    top_value = _scale_top(max((item.high for item in items), default=1))
    plot_width = CHART_WIDTH - 2 * RANGE_SIDE_PADDING

    def x_of(value):
        return round(RANGE_SIDE_PADDING + value / top_value * plot_width, 1)

    rows, top = [], TOP_PADDING
    for item in items:
        lines = textwrap.wrap(item.label, RANGE_LABEL_CHARS) or [""]
        label_lines = [LabelLine(text=line, y=top + RANGE_TOP_LABEL * (n + 1) - 5) for n, line in enumerate(lines)]
        centre = top + RANGE_TOP_LABEL * len(lines) + RANGE_BOX_HEIGHT / 2
        has_box = item.lower_quartile is not None and item.upper_quartile is not None
        rows.append(
            RangeRow(
                label_lines=label_lines,
                highlighted=item.highlighted,
                line_x1=x_of(item.low),
                line_x2=x_of(item.high),
                line_y=centre,
                box_x=x_of(item.lower_quartile) if has_box else None,
                box_width=round(x_of(item.upper_quartile) - x_of(item.lower_quartile), 1) if has_box else None,
                box_y=centre - RANGE_BOX_HEIGHT / 2,
                median_x=x_of(item.median),
                median_y1=centre - RANGE_BOX_HEIGHT / 2 - 3,
                median_y2=centre + RANGE_BOX_HEIGHT / 2 + 3,
            )
        )
        top = centre + RANGE_BOX_HEIGHT / 2 + RANGE_ROW_GAP
    axis_y = top
    step = _tick_step(top_value)
    ticks = [
        AxisTick(x=x_of(value), text=f"${value // 1000:,}k" if value else "$0")
        for value in range(0, top_value + 1, step)
    ]
    return RangeChart(
        title=title,
        description_lines=[item.text for item in items],
        width=CHART_WIDTH,
        height=axis_y + RANGE_AXIS_HEIGHT,
        rows=rows,
        ticks=ticks,
        axis_y=axis_y,
    )
