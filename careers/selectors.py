"""Reads of career-paths content shared by several views."""

from django.db.models import Prefetch, QuerySet

from . import figures
from .figures import NATION, ComparisonRow, Vintage
from .models import CareerStep, EmploymentProjection, Occupation, WageFigure

# The article's table: May 2021 wages and 2021–2031 projections, reachable at ?view=article. It is named
# here, not derived: the current vintage (careers.figures) moves on, the article's figures do not.
ARTICLE_WAGE_YEAR = 2021
ARTICLE_PROJECTION_PERIOD = (2021, 2031)


def article_salary_rows() -> list[ComparisonRow]:
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
    return figures.rows_of(occupations, wages="view_wages", projections="view_projections")


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
