"""Placeholder until this page is built (see the open issue)."""

from django.views.generic import TemplateView


class PathComparisonView(TemplateView):
    template_name = "pending.html"
