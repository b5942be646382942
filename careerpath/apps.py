"""App configuration for the career-paths domain (occupations, wages, projections, sources)."""

from django.apps import AppConfig


class CareerPathConfig(AppConfig):
    name = "careerpath"
    verbose_name = "Career paths"
