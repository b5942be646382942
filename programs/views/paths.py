"""The education paths side by side: one column per path, one row per question a visitor asks of it."""

from django.db.models import Prefetch
from django.views.generic import TemplateView

from content import selectors as content
from content.models import Statement

from ..models import EducationPath, SelectionFactor, Topic


class PathComparisonView(TemplateView):
    """Certificate or diploma vs associate degree (and any path an editor adds, as a new column)."""

    query_parameters = ()  # read by the page cache (careerpath/page_cache.py)

    template_name = "programs/paths.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paths = list(
            EducationPath.objects.compared()
            .select_related("source")
            .prefetch_related(Prefetch("topics", queryset=Topic.objects.only("pk")))
        )
        topics = list(Topic.objects.select_related("source"))
        topic_rows = []
        for topic in topics:
            covered = [any(t.pk == topic.pk for t in path.topics.all()) for path in paths]
            # Each cell with its path, whose name labels the cell when the table stacks into cards on a phone.
            topic_rows.append({"topic": topic, "covered": covered, "cells": list(zip(paths, covered, strict=True))})
        context.update(
            paths=paths,
            topic_rows=topic_rows,
            topic_sources=list({topic.source_id: topic.source for topic in topics}.values()),
            hands_on=SelectionFactor.objects.select_related("source").filter(slug="hands-on").first(),
            statements=content.statements(topic=Statement.Topic.EDUCATION),
        )
        return context
