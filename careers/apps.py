"""App configuration for the career-paths domain (occupations, wages, projections, career steps)."""

from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Career paths"
