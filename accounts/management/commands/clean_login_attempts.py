"""Forget sign-in records (failures, ended lockouts, axes' access logs) older than SIGN_IN_RECORDS_DAYS."""

import logging

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.signin import forget_old


class Command(BaseCommand):
    help = (
        "Delete admin sign-in failures, ended lockouts and django-axes access logs older than "
        "SIGN_IN_RECORDS_DAYS (30). `make serve` runs it at start; run it daily from cron in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.SIGN_IN_RECORDS_DAYS)

    def handle(self, *args, days, **options):
        removed = forget_old(days=days)
        # django-axes logs each reset at INFO ("Reset 0 access logs…"); this command says it once, or not at all.
        axes_log = logging.getLogger("axes.handlers.database")
        level = axes_log.level
        axes_log.setLevel(logging.WARNING)
        try:
            removed += AxesProxyHandler.reset_logs(age_days=days)
            removed += AxesProxyHandler.reset_failure_logs(age_days=days)
        finally:
            axes_log.setLevel(level)
        if options["verbosity"] >= 1:
            self.stdout.write(f"Removed {removed} sign-in record(s) older than {days} days.")
