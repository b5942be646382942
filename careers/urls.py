"""Public pages of the career-paths app: where the career leads, pay and outlook."""

from django.urls import path

from .views import careers, salaries, states

app_name = "careers"

urlpatterns = [
    path("careers/", careers.CareerListView.as_view(), name="career-list"),
    path("careers/salaries/", salaries.SalaryView.as_view(), name="salaries"),
    path("careers/salaries.csv", salaries.SalaryCsvView.as_view(), name="salaries-csv"),
    path("careers/salaries/states/", states.StatePayView.as_view(), name="states"),
    path("careers/salaries/states.csv", states.StatePayCsvView.as_view(), name="states-csv"),
    path(
        "careers/salaries/history/<slug:slug>/",
        salaries.SalaryHistoryView.as_view(),
        name="salary-history",
    ),
    path("careers/<slug:slug>/", careers.CareerDetailView.as_view(), name="career-detail"),
]
