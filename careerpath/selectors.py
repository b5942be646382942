"""Reads of career-paths content shared by several views and the site-wide context."""

from django.db.models import Max, Prefetch

from .models import Duty, EmploymentProjection, Occupation, Source, Statement, WageFigure


def disclaimers():
    return Statement.objects.filter(topic=Statement.Topic.DISCLAIMER).select_related("source")


def figures_as_of():
    """The most recent date on which a source was checked: what the site's figures are 'as of'."""
    return Source.objects.aggregate(latest=Max("seen_on"))["latest"]


def statements(*, topic=None):
    """Statements keyed by their key, for templates to place by name."""
    queryset = Statement.objects.select_related("source")
    if topic:
        queryset = queryset.filter(topic=topic)
    return {statement.key: statement for statement in queryset}


def featured_occupation():
    """The occupation the site is about, with duties, wages (newest first) and projections."""
    return (
        Occupation.objects.featured()
        .prefetch_related(
            Prefetch("duties", queryset=Duty.objects.select_related("source")),
            Prefetch("wages", queryset=WageFigure.objects.select_related("source").latest_first()),
            Prefetch(
                "projections",
                queryset=EmploymentProjection.objects.select_related("source").order_by("-end_year"),
            ),
        )
        .first()
    )


def sources():
    return Source.objects.order_by("publisher", "title")
