"""Education pages: paths compared, the program directory, comparison and the checklist."""

from django.urls import path
from django.views.generic import TemplateView

app_name = "programs"

pending = TemplateView.as_view(template_name="pending.html")

urlpatterns = [
    path("", pending, name="program-list"),
    path("paths/", pending, name="paths"),
    path("compare/", pending, name="compare"),
    path("checklist/", pending, name="checklist"),
    path("<slug:slug>/", pending, name="program-detail"),
]
