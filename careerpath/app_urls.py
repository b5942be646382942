"""Public pages of the career-paths app: home, about, careers and salaries."""

from django.urls import path
from django.views.generic import TemplateView

from . import views

app_name = "careerpath"

pending = TemplateView.as_view(template_name="pending.html")

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("careers/", pending, name="career-list"),
    path("careers/salaries/", pending, name="salaries"),
    path("careers/salaries.csv", pending, name="salaries-csv"),
    path("careers/<slug:slug>/", pending, name="career-detail"),
]
