"""Reads of programs and selection factors shared by the directory, detail, compare and checklist views."""

from django.db.models import Prefetch

from certifications.models import EligibilityRoute

from .models import Accreditor, Program, SelectionFactor


def programs(*, order=("name", "institution", "id")):
    """Programs with their path and accreditor joined, so a row never queries again."""
    return Program.objects.with_related().order_by(*order)


def programs_by_slug(*, slugs):
    """The programs with these slugs, keyed by slug; one query whatever their number."""
    return {program.slug: program for program in Program.objects.with_related().filter(slug__in=list(slugs))}


def selection_factors():
    """The five factors keyed by slug, each with its source."""
    return {factor.slug: factor for factor in SelectionFactor.objects.select_related("source")}


def cma_accreditation_routes():
    """The CMA (AAMA) routes that need an accredited program, with the accreditors each accepts and its source."""
    return list(
        EligibilityRoute.objects.filter(
            certification__slug="cma", training=EligibilityRoute.Training.ACCREDITED_PROGRAM
        )
        .select_related("certification__body", "source")
        .prefetch_related(Prefetch("accreditors", queryset=Accreditor.objects.order_by("pk")))
        .order_by("order", "pk")
    )


def program_outlooks(programs):
    """Which certifications each program's graduates may pursue, keyed by program pk (fixed queries)."""
    # Imported here: the eligibility checker lives in another app and may be absent while it is built.
    try:
        from certifications.eligibility import program_outlooks as outlooks
    except ImportError:
        return {}
    return outlooks(programs)
