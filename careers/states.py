"""Medical assistants' pay by state: the current state rows, their order, five shading classes and a tile map.

The rows are the current state year's (careers.figures: the newest year with all 51 rows, the 50
states and DC), with the nation's median of the same year as a reference. The map is a tile grid drawn
server-side as inline SVG: one square per state, roughly where the state lies, shaded by its median.
"""

from dataclasses import dataclass

from django.db.models import Subquery

from content.memo import per_content_version

from . import figures
from .areas import STATE_NAMES
from .models import Area, Occupation, WageFigure

# Programs per state, from the education app above this one, which registers it when it starts (careers never
# imports it): a callable returning {postal code: (count of listed programs, the directory's address for them)}.
_program_counts = None


def register_program_counts(counts):
    global _program_counts
    _program_counts = counts


def program_counts():
    """{code: (count, url)} of the directory's programs per state; empty when no education app registered one."""
    return _program_counts() if _program_counts is not None else {}


# Where each state's tile sits: (row, column). 51 tiles, 8 rows, 11 columns, roughly geographic.
TILE_GRID = {
    "AK": (0, 0), "ME": (0, 10),
    "VT": (1, 9), "NH": (1, 10),
    "WA": (2, 0), "ID": (2, 1), "MT": (2, 2), "ND": (2, 3), "MN": (2, 4), "IL": (2, 5), "WI": (2, 6),
    "MI": (2, 7), "NY": (2, 8), "RI": (2, 9), "MA": (2, 10),
    "OR": (3, 0), "NV": (3, 1), "WY": (3, 2), "SD": (3, 3), "IA": (3, 4), "IN": (3, 5), "OH": (3, 6),
    "PA": (3, 7), "NJ": (3, 8), "CT": (3, 9),
    "CA": (4, 0), "UT": (4, 1), "CO": (4, 2), "NE": (4, 3), "MO": (4, 4), "KY": (4, 5), "WV": (4, 6),
    "VA": (4, 7), "MD": (4, 8), "DE": (4, 9),
    "AZ": (5, 1), "NM": (5, 2), "KS": (5, 3), "AR": (5, 4), "TN": (5, 5), "NC": (5, 6), "SC": (5, 7),
    "DC": (5, 8),
    "OK": (6, 3), "LA": (6, 4), "MS": (6, 5), "AL": (6, 6), "GA": (6, 7),
    "HI": (7, 0), "TX": (7, 3), "FL": (7, 8),
}  # fmt: skip

TILE = 44  # the side of a tile in the SVG's coordinates
GAP = 4
COLUMNS, ROWS = 11, 8

# Five classes, lightest (lowest medians) to darkest. Each tile's code is drawn in the class's text
# colour, at least 4.5:1 against its fill (tests/careerpath/test_states.py checks the ratios), and every
# tile has a dark outline, so neighbouring tiles stay apart whatever their shades.
CLASS_COLOURS = [
    ("#f1eef6", "#1a1a1a"),
    ("#bdc9e1", "#1a1a1a"),
    ("#74a9cf", "#1a1a1a"),
    ("#2b8cbe", "#000000"),
    ("#045a8d", "#ffffff"),
]
CLASS_COUNT = len(CLASS_COLOURS)
TILE_OUTLINE = "#333333"

SORT_KEYS = {
    "state": lambda row: row.name,
    "median": lambda row: row.wage.median_annual_wage,
    "mean": lambda row: row.wage.mean_annual_wage,
    "employment": lambda row: row.wage.employment,
}
DEFAULT_SORT = ("state", False)


@dataclass(frozen=True)
class StateRow:
    code: str
    name: str
    wage: WageFigure
    shade: int = 0  # 0 (lowest medians) to 4


@dataclass(frozen=True)
class ShadeClass:
    number: int  # 1 to 5, as the legend counts
    low: int
    high: int
    fill: str
    text: str


@dataclass(frozen=True)
class Tile:
    code: str
    label: str  # the accessible name: "California: median $48,050, May 2024"
    x: int
    y: int
    fill: str
    text: str
    shade: int


@dataclass(frozen=True)
class StateMap:
    width: int
    height: int
    tile: int
    tiles: list
    classes: list
    outline: str = TILE_OUTLINE


@dataclass(frozen=True)
class StatePay:
    """The current state rows of the site's occupation, with the nation's median for the same year."""

    occupation: Occupation | None
    year: int | None
    rows: list  # StateRow, by state name
    national: WageFigure | None

    @property
    def period(self):
        return self.rows[0].wage.period_text if self.rows else ""

    @property
    def sources(self):
        """The distinct sources of the state rows, in order of first use (normally one)."""
        seen = {}
        for row in self.rows:
            seen.setdefault(row.wage.source_id, row.wage.source)
        return list(seen.values())

    def sorted_rows(self, key, descending):
        getter = SORT_KEYS[key]
        present = [row for row in self.rows if getter(row) is not None]
        missing = [row for row in self.rows if getter(row) is None]
        # Ties keep the state-name order; a row without the figure goes last either way.
        return sorted(present, key=getter, reverse=descending) + missing


def class_floors(medians):
    """The lowest median of each of five classes of about equal size (quintiles of the sorted medians)."""
    medians = sorted(medians)
    if not medians:
        return []
    return [medians[number * len(medians) // CLASS_COUNT] for number in range(CLASS_COUNT)]


def shade_of(median, floors):
    """The class (0 to 4) a median falls in: the highest whose floor it reaches, so equal medians share one."""
    shade = 0
    for number, floor in enumerate(floors):
        if median >= floor:
            shade = number
    return shade


@per_content_version
def state_pay():
    """The site's occupation's current state rows and its national row of the same year (one query).

    Read once per content version in each process; the result is shared, so callers never change it.

    "Current" is careers.figures' rule for states, the newest year with all 51 rows, as a subquery.
    """
    wages = list(
        WageFigure.objects.filter(
            occupation__is_featured=True, reference_year=Subquery(figures.state_years()[:1])
        ).select_related("source", "occupation")
    )
    if not wages:
        return StatePay(occupation=None, year=None, rows=[], national=None)
    year = wages[0].reference_year
    national = next((wage for wage in wages if wage.area == Area.NATION), None)
    in_states = [wage for wage in wages if wage.area in STATE_NAMES]
    floors = class_floors([wage.median_annual_wage for wage in in_states])
    rows = sorted(
        (
            StateRow(
                code=wage.area,
                name=STATE_NAMES[wage.area],
                wage=wage,
                shade=shade_of(wage.median_annual_wage, floors),
            )
            for wage in in_states
        ),
        key=lambda row: row.name,
    )
    occupation = wages[0].occupation
    return StatePay(occupation=occupation, year=year, rows=rows, national=national)


def tile_map(pay):
    """The tile map of `pay`'s rows: one tile per state with a figure, and the legend's five classes."""
    classes = []
    for number, (fill, text) in enumerate(CLASS_COLOURS):
        medians = [row.wage.median_annual_wage for row in pay.rows if row.shade == number]
        if medians:
            classes.append(ShadeClass(number=number + 1, low=min(medians), high=max(medians), fill=fill, text=text))
    tiles = []
    for row in pay.rows:
        grid_row, column = TILE_GRID[row.code]
        fill, text = CLASS_COLOURS[row.shade]
        tiles.append(
            Tile(
                code=row.code,
                label=f"{row.name}: median ${row.wage.median_annual_wage:,}, {row.wage.period_text}",
                x=column * (TILE + GAP) + GAP,
                y=grid_row * (TILE + GAP) + GAP,
                fill=fill,
                text=text,
                shade=row.shade + 1,
            )
        )
    return StateMap(
        width=COLUMNS * (TILE + GAP) + GAP,
        height=ROWS * (TILE + GAP) + GAP,
        tile=TILE,
        tiles=tiles,
        classes=classes,
    )
