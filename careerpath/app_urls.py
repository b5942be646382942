"""Public pages of the career-paths app: home, about, careers and salaries."""

from django.urls import path

from . import views, views_states

app_name = "careerpath"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("careers/", views.CareerListView.as_view(), name="career-list"),
    path("careers/salaries/", views.SalaryView.as_view(), name="salaries"),
    path("careers/salaries.csv", views.SalaryCsvView.as_view(), name="salaries-csv"),
    path("careers/salaries/states/", views_states.StatePayView.as_view(), name="states"),
    path("careers/salaries/states.csv", views_states.StatePayCsvView.as_view(), name="states-csv"),
    path(
        "careers/salaries/history/<slug:slug>/",
        views.SalaryHistoryView.as_view(),
        name="salary-history",
    ),
    path("careers/<slug:slug>/", views.CareerDetailView.as_view(), name="career-detail"),
]
