"""App configuration for the content core: sources, statements, the content signal and memo, editors' CSV imports."""

from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Sources and statements"

    def ready(self):
        from .signals import relay_model_signals

        relay_model_signals()
