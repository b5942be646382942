"""Education pages: paths compared, the program directory, comparison and the checklist."""

from django.urls import path

from .views import checklist, compare, directory, paths

app_name = "programs"

urlpatterns = [
    path("", directory.ProgramListView.as_view(), name="program-list"),
    path("paths/", paths.PathComparisonView.as_view(), name="paths"),
    path("compare/", compare.ProgramCompareView.as_view(), name="compare"),
    path("checklist/", checklist.ChecklistView.as_view(), name="checklist"),
    path("<slug:slug>/", directory.ProgramDetailView.as_view(), name="program-detail"),
]
