"""Placeholder until this page is built (see the open issue)."""

from django.views.generic import TemplateView


class ProgramListView(TemplateView):
    template_name = "pending.html"


class ProgramDetailView(TemplateView):
    template_name = "pending.html"


class ProgramCompareView(TemplateView):
    template_name = "pending.html"
