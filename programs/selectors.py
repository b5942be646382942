"""Reads of programs and selection factors shared by the directory, detail, compare and checklist views."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from certifications import eligibility
from certifications.models import Accreditor, EligibilityRoute
from content.memo import per_content_version

from .models import Program, SelectionFactor

if TYPE_CHECKING:
    from careers.models import WageFigure
    from certifications.eligibility import Outcome
    from content.models import Source


def programs(*, order: Sequence[str] = ("name", "institution", "id")) -> QuerySet[Program]:
    """Programs with their path and accreditor joined, so a row never queries again."""
    return Program.objects.with_related().order_by(*order)


def program_pages() -> QuerySet[Program]:
    """Programs as their own pages and compare show them: also the sources of their federal data, joined."""
    return programs().select_related("ipeds_source", "scorecard_source")


def programs_by_slug(*, slugs: Iterable[str]) -> dict[str, Program]:
    """The programs with these slugs, keyed by slug; one query whatever their number."""
    # Unordered: the caller orders them by slug (a sort the database would do for nothing).
    return {program.slug: program for program in program_pages().filter(slug__in=list(slugs)).order_by()}


def compare_short_list(*, compared: Sequence[Program], most: int) -> list[Program]:
    """Programs the compare page offers to add: those in the compared programs' states first, then by name.

    Each query walks an index (state, or name) and stops at `most`: no sort of the whole directory.
    """
    fields = ("slug", "name", "institution", "city", "state")
    order = ("name", "institution", "id")
    taken = [p.slug for p in compared]
    shortlist: list[Program] = []
    if compared:
        near = Program.objects.listed().filter(state__in={p.state for p in compared}).exclude(slug__in=taken)
        shortlist = list(near.order_by(*order).only(*fields)[:most])
    if len(shortlist) < most:
        taken += [p.slug for p in shortlist]
        rest = Program.objects.listed().exclude(slug__in=taken).order_by(*order).only(*fields)
        shortlist += list(rest[: most - len(shortlist)])
    return shortlist


@per_content_version
def selection_factors() -> dict[str, SelectionFactor]:
    """The five factors keyed by slug, each with its source (read once per content version; shared)."""
    return {factor.slug: factor for factor in SelectionFactor.objects.select_related("source")}


@per_content_version
def cma_accreditation_routes() -> list[EligibilityRoute]:
    """The CMA (AAMA) routes that need an accredited program, with the accreditors each accepts and its source.

    Read once per content version in each process (the list is shared: never change it).
    """
    return list(
        EligibilityRoute.objects.filter(
            certification__slug="cma", training=EligibilityRoute.Training.ACCREDITED_PROGRAM
        )
        .select_related("certification__body", "source")
        .prefetch_related(Prefetch("accreditors", queryset=Accreditor.objects.order_by("pk")))
        .order_by("order", "pk")
    )


def program_outlooks(programs: Iterable[Program]) -> dict[int, list[Outcome]]:
    """Which certifications each program's graduates may pursue, keyed by program pk (fixed queries)."""
    return eligibility.program_outlooks(programs)


@dataclass(frozen=True)
class FederalData:
    """What the federal data say of one program; every figure None when the data do not give it."""

    program: Program
    completions: int | None
    completions_year: str
    share: int | None
    field_completions: int | None
    earnings: int | None
    earnings_count: int | None
    debt: int | None
    debt_count: int | None
    release: str
    scorecard_source: Source | None
    ipeds_source: Source | None
    # The median debt as months of the national median pay, only where the program's cost is unknown.
    months_of_debt: float | None
    pay: WageFigure | None

    @classmethod
    def of(cls, program: Program, pay: WageFigure | None = None) -> FederalData:
        months = None
        if program.debt_median is not None and program.total_cost is None and pay and pay.median_annual_wage:
            months = round(program.debt_median / (pay.median_annual_wage / 12), 1)
        share = program.medical_assisting_share
        return cls(
            program=program,
            completions=program.completions,
            completions_year=program.completions_academic_year,
            share=None if share is None else round(share * 100),
            field_completions=program.field_completions,
            earnings=program.earnings_1yr_median,
            earnings_count=program.earnings_1yr_count,
            debt=program.debt_median,
            debt_count=program.debt_count,
            release=program.scorecard_release,
            scorecard_source=program.scorecard_source,
            ipeds_source=program.ipeds_source,
            months_of_debt=months,
            pay=pay if months is not None else None,
        )

    @property
    def has_scorecard(self) -> bool:
        return self.earnings is not None or self.debt is not None

    @property
    def present(self) -> bool:
        return self.completions is not None or self.has_scorecard


def listed_programs_by_state() -> dict[str, tuple[int, str]]:
    """{postal code: (programs the directory lists there, the directory's address for them)}; one query."""
    from django.db.models import Count
    from django.urls import reverse
    from django.utils.http import urlencode

    directory = reverse("programs:program-list")
    counts = Program.objects.listed().order_by().values("state").annotate(n=Count("pk")).values_list("state", "n")
    return {state: (n, f"{directory}?{urlencode({'state': state})}") for state, n in counts}
