"""Which figures are "current": the one rule every page uses to pick the wage and projection it shows.

A comparison shows one vintage. The current wage year is the newest reference year in which every
compared occupation has a national wage; the current projection period likewise. A newer period that
only some occupations have (say, May 2025 for medical assistants alone) is not current: it appears only
in that occupation's history, labelled. Where no period covers every compared occupation (nursing
assistants have no 2024–34 projection here), the period most of them share is current, the newest
among equals, and the page says which occupations it lacks.

For states, the current year is the newest in which an occupation has all 51 rows (50 states and DC).
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Value

from .areas import STATE_NAMES
from .models import Area, EmploymentProjection, Occupation, WageFigure

NATION = Area.NATION
STATE_COUNT = len(STATE_NAMES)  # 51: the 50 states and DC


def _newest_best_covered(coverage):
    """The period with the most occupations, the newest among equals; None when there is none.

    `coverage` maps a period (a sortable key, newer is larger) to the number of occupations having it.
    A period every compared occupation has always wins over a newer one only some have.
    """
    if not coverage:
        return None
    return max(coverage, key=lambda period: (coverage[period], period))


def _newest_best_covered_period(coverage):
    """As _newest_best_covered, for (start, end) periods: the newest is the one that ends last, then starts last."""
    if not coverage:
        return None
    return max(coverage, key=lambda period: (coverage[period], period[1], period[0]))


_OCCUPATIONS = Count("occupation", distinct=True)


def _of(queryset, occupation):
    if occupation is None:
        return queryset.filter(occupation__is_featured=True)
    return queryset.filter(occupation=occupation)


def state_years(occupation=None):
    """The years in which the occupation (the site's own by default) has all 51 state rows, newest first.

    A lazy queryset: `state_years()[:1]` serves as a subquery where one query must fetch the current rows.
    """
    queryset = _of(WageFigure.objects.exclude(area=NATION), occupation)
    return (
        queryset.order_by()
        .values("reference_year")
        .annotate(areas=Count("area", distinct=True))
        .filter(areas__gte=STATE_COUNT)
        .order_by("-reference_year")
        .values_list("reference_year", flat=True)
    )


@dataclass(frozen=True)
class Vintage:
    """The current wage year and projection period, as computed once for a request."""

    wage_year: int | None
    projection_period: tuple | None

    @property
    def projection_text(self):
        return f"{self.projection_period[0]}–{self.projection_period[1]}" if self.projection_period else ""

    def is_current_wage(self, wage):
        return wage.reference_year == self.wage_year

    def is_current_projection(self, projection):
        return (projection.start_year, projection.end_year) == self.projection_period

    def current_wage(self, wages):
        """The current one among an occupation's wages (its national history, say), or None."""
        return next((wage for wage in wages if self.is_current_wage(wage)), None)

    def current_projection(self, projections):
        return next((projection for projection in projections if self.is_current_projection(projection)), None)


def current_vintage():
    """The current wage year and projection period, read in one query (both coverages, as a union)."""
    wages = (
        WageFigure.objects.national()
        .order_by()
        .values("reference_year")
        .annotate(kind=Value("wage"), first=F("reference_year"), last=F("reference_year"), occupations=_OCCUPATIONS)
        .values_list("kind", "first", "last", "occupations")
    )
    projections = (
        EmploymentProjection.objects.filter(area=NATION)
        .order_by()
        .values("start_year", "end_year")
        .annotate(kind=Value("projection"), first=F("start_year"), last=F("end_year"), occupations=_OCCUPATIONS)
        .values_list("kind", "first", "last", "occupations")
    )
    wage_coverage, projection_coverage = {}, {}
    for kind, first, last, occupations in wages.union(projections, all=True):
        if kind == "wage":
            wage_coverage[first] = occupations
        else:
            projection_coverage[(first, last)] = occupations
    return Vintage(
        wage_year=_newest_best_covered(wage_coverage),
        projection_period=_newest_best_covered_period(projection_coverage),
    )


def current_national_median(vintage=None):
    """The site's occupation's national wage of the current year, with its source and occupation, or None.

    One query with the vintage, two without. Where the occupation's national history is already read, pick
    it from there instead: `vintage.current_wage(wages)`.
    """
    vintage = vintage or current_vintage()
    if vintage.wage_year is None:
        return None
    return (
        WageFigure.objects.national()
        .filter(occupation__is_featured=True, reference_year=vintage.wage_year)
        .select_related("source", "occupation")
        .first()
    )


def current_wages_queryset(vintage):
    """National wages of the current year, with their sources: for a Prefetch."""
    return WageFigure.objects.national().filter(reference_year=vintage.wage_year).select_related("source")


def current_projections_queryset(vintage):
    """National projections of the current period, with their sources: for a Prefetch."""
    if vintage.projection_period is None:
        return EmploymentProjection.objects.none()
    start, end = vintage.projection_period
    return EmploymentProjection.objects.filter(area=NATION, start_year=start, end_year=end).select_related("source")


def prefetch_current(vintage, *, prefix=""):
    """Prefetches that attach `current_wages` and `current_projections` (lists of at most one) to occupations."""
    return [
        Prefetch(f"{prefix}wages", queryset=current_wages_queryset(vintage), to_attr="current_wages"),
        Prefetch(f"{prefix}projections", queryset=current_projections_queryset(vintage), to_attr="current_projections"),
    ]


def _first_of(occupation, attribute):
    items = getattr(occupation, attribute, None) or []
    return items[0] if items else None


def current_wage_of(occupation):
    """The current wage of an occupation fetched with prefetch_current, or None."""
    return _first_of(occupation, "current_wages")


def current_projection_of(occupation):
    return _first_of(occupation, "current_projections")


@dataclass(frozen=True)
class ComparisonRow:
    """One occupation's national wage and projection, each with its own source and period (either may be None).

    The one row type of every comparison: the salary table (current or the article's), its CSV and its
    charts. The table numbers each figure's source note (salary_table.lines_with_notes); elsewhere None.
    """

    occupation: Occupation
    wage: WageFigure | None
    projection: EmploymentProjection | None
    wage_note: int | None = None
    projection_note: int | None = None


def rows_of(occupations, *, wages="current_wages", projections="current_projections"):
    """A ComparisonRow for each occupation with a wage or a projection in the lists prefetched to those attributes.

    An occupation with neither is left out: it has only history.
    """
    rows = []
    for occupation in occupations:
        wage, projection = _first_of(occupation, wages), _first_of(occupation, projections)
        if wage or projection:
            rows.append(ComparisonRow(occupation=occupation, wage=wage, projection=projection))
    return rows


def without_projection(rows):
    """Occupations shown with a wage but no projection for the period shown."""
    return [row.occupation for row in rows if row.wage and not row.projection]


def featured_row(rows):
    """The row of the site's own occupation, or None."""
    return next((row for row in rows if row.occupation.is_featured), None)


@dataclass(frozen=True)
class Comparison:
    """Every occupation's current national wage and projection: one vintage, whatever the rows hold."""

    vintage: Vintage
    rows: list = field(default_factory=list)  # ComparisonRow


def comparison(vintage=None):
    """Occupations with their current wage and projection (four queries with the vintage, two without)."""
    vintage = vintage or current_vintage()
    occupations = Occupation.objects.prefetch_related(*prefetch_current(vintage))
    return Comparison(vintage=vintage, rows=rows_of(occupations))


@dataclass(frozen=True)
class History:
    """Every stored national vintage of one occupation, oldest first, marking the current one."""

    occupation: Occupation
    vintage: Vintage
    wages: list
    projections: list


def history(occupation, vintage=None):
    """The occupation's national wages and projections, oldest first (two queries, plus the vintage's two)."""
    vintage = vintage or current_vintage()
    wages = list(
        WageFigure.objects.national().filter(occupation=occupation).select_related("source").order_by("reference_year")
    )
    projections = list(
        EmploymentProjection.objects.filter(occupation=occupation, area=NATION)
        .select_related("source")
        .order_by("end_year", "start_year")
    )
    return History(occupation=occupation, vintage=vintage, wages=wages, projections=projections)
