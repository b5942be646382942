"""Reads of the shared content: sources and sourced statements, for every app and the site-wide context."""

from dataclasses import dataclass

from django.db.models import Max, Min

from .models import Source, Statement


def disclaimers():
    return Statement.objects.filter(topic=Statement.Topic.DISCLAIMER).select_related("source")


@dataclass(frozen=True)
class SourcesChecked:
    """The first and last dates on which a source was checked: what the footer can truly say."""

    earliest: object
    latest: object

    def __bool__(self):
        return self.latest is not None


def sources_checked():
    """When the sources were checked (one query); a figure's own reference period is shown beside it."""
    dates = Source.objects.aggregate(earliest=Min("seen_on"), latest=Max("seen_on"))
    return SourcesChecked(earliest=dates["earliest"], latest=dates["latest"])


def statements(*, topic=None):
    """Statements keyed by their key, for templates to place by name."""
    queryset = Statement.objects.select_related("source")
    if topic:
        queryset = queryset.filter(topic=topic)
    return {statement.key: statement for statement in queryset}


def sources():
    return Source.objects.order_by("publisher", "title")
