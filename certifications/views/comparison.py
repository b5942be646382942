"""Placeholder until this page is built (see the open issue)."""

from django.views.generic import TemplateView


class CertificationListView(TemplateView):
    template_name = "pending.html"


class CertificationDetailView(TemplateView):
    template_name = "pending.html"
