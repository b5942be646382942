"""Credential pages: the comparison, each certification and the eligibility checker."""

from django.urls import path

from .views import comparison, eligibility

app_name = "certifications"

urlpatterns = [
    path("", comparison.CertificationListView.as_view(), name="certification-list"),
    path("eligibility/", eligibility.EligibilityView.as_view(), name="eligibility"),
    path("<slug:slug>/", comparison.CertificationDetailView.as_view(), name="certification-detail"),
]
