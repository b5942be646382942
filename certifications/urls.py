"""Credential pages: the comparison, each certification and the eligibility checker."""

from django.urls import path
from django.views.generic import TemplateView

app_name = "certifications"

pending = TemplateView.as_view(template_name="pending.html")

urlpatterns = [
    path("", pending, name="certification-list"),
    path("eligibility/", pending, name="eligibility"),
    path("<slug:slug>/", pending, name="certification-detail"),
]
