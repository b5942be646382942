"""Reads of career-paths content shared by several views."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from . import figures
from .figures import NATION, Vintage
from .models import CareerStep, Duty, EmploymentProjection, Occupation, WageFigure


def featured_occupation(vintage: Vintage) -> Occupation | None:
    """The occupation the site is about, with duties, its current wage and projection, and all its national ones.

    `current_wages`/`current_projections` hold the current vintage (see careers.figures); `wages` and
    `projections` every national row, newest first, for the history the page labels as such.
    """
    return (
        Occupation.objects.featured()
        .prefetch_related(
            Prefetch("duties", queryset=Duty.objects.select_related("source")),
            *figures.prefetch_current(vintage),
            Prefetch("wages", queryset=WageFigure.objects.national().select_related("source").latest_first()),
            Prefetch(
                "projections",
                queryset=EmploymentProjection.objects.filter(area=NATION)
                .select_related("source")
                .order_by("-end_year"),
            ),
        )
        .first()
    )


# The article's table: May 2021 wages and 2021–2031 projections, reachable at ?view=article. It is named
# here, not derived: the current vintage (careers.figures) moves on, the article's figures do not.
ARTICLE_WAGE_YEAR = 2021
ARTICLE_PROJECTION_PERIOD = (2021, 2031)


@dataclass(frozen=True)
class SalaryRow:
    """One occupation's median wage and projection, each with its own source and period (either may be None)."""

    occupation: Occupation
    wage: WageFigure | None
    projection: EmploymentProjection | None


def article_salary_rows() -> list[SalaryRow]:
    """The article's table: each occupation's May 2021 wage and 2021–2031 projection (three queries).

    Occupations without a figure in it are left out.
    """
    wages = WageFigure.objects.national().select_related("source").filter(reference_year=ARTICLE_WAGE_YEAR)
    start, end = ARTICLE_PROJECTION_PERIOD
    projections = EmploymentProjection.objects.filter(area=NATION, start_year=start, end_year=end).select_related(
        "source"
    )
    occupations = Occupation.objects.prefetch_related(
        Prefetch("wages", queryset=wages, to_attr="view_wages"),
        Prefetch("projections", queryset=projections, to_attr="view_projections"),
    )
    rows: list[SalaryRow] = []
    for occupation in occupations:
        wage = occupation.view_wages[0] if occupation.view_wages else None
        projection = occupation.view_projections[0] if occupation.view_projections else None
        if wage or projection:
            rows.append(SalaryRow(occupation=occupation, wage=wage, projection=projection))
    return rows


def _occupations_with_figures(vintage: Vintage) -> QuerySet[Occupation]:
    return Occupation.objects.select_related("entry_education_source").prefetch_related(
        *figures.prefetch_current(vintage)
    )


def career_steps(vintage: Vintage, *, slug: str | None = None) -> QuerySet[CareerStep]:
    """Advancement roles and specializations, with their occupations' current wages and projections.

    A fixed number of queries whatever the number of steps or occupations.
    """
    queryset = CareerStep.objects.select_related("source").prefetch_related(
        Prefetch("occupations", queryset=_occupations_with_figures(vintage))
    )
    if slug is not None:
        queryset = queryset.filter(slug=slug)
    return queryset


def featured_occupation_with_wages(vintage: Vintage) -> Occupation | None:
    """The site's occupation with its national wages up to the current year, newest first (two queries): the
    first is the current one; a newer year only some occupations have is history, not its estimated salary.
    """
    wages = WageFigure.objects.national().select_related("source").latest_first()
    if vintage.wage_year is not None:
        wages = wages.filter(reference_year__lte=vintage.wage_year)
    return Occupation.objects.featured().prefetch_related(Prefetch("wages", queryset=wages)).first()
