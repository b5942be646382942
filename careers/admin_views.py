"""The admin's "due for review" list: figures and sources older than the review age, oldest first.

A figure's age is that of its reference period (a wage's "May 2024", a projection's base year); a
source's is its "date seen". Only the newest figure of each occupation and area is listed: an older
one is history, kept as it was published. The age is the setting CAREERPATH_REVIEW_AFTER_MONTHS.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from content.models import Source

from .models import Area, EmploymentProjection, WageFigure

DEFAULT_REVIEW_AFTER_MONTHS = 18
_MONTHS = {
    name: number
    for number, name in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december"],
        1,
    )
}  # fmt: skip


def review_after_months():
    return int(getattr(settings, "CAREERPATH_REVIEW_AFTER_MONTHS", DEFAULT_REVIEW_AFTER_MONTHS))


def months_before(day, months):
    """The same day of the month `months` earlier (the month's last day where it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def months_between(earlier, later):
    """Whole months from one date to a later one."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def wage_reference_date(wage):
    """The first day of the month the period names ("May 2024": 1 May 2024); January where it names none."""
    words = re.findall(r"[a-z]+", (wage.reference_period or "").lower())
    month = next((_MONTHS[word] for word in words if word in _MONTHS), 1)
    return datetime.date(wage.reference_year, month, 1)


def projection_reference_date(projection):
    """A projection describes employment from its base year: dated 1 January of its start year."""
    return datetime.date(projection.start_year, 1, 1)


@dataclass(frozen=True)
class ReviewItem:
    kind: str  # "Wage", "Projection", "Source"
    what: str
    dated_by: str  # "reference period May 2024", "date seen 2025-01-02"
    date: datetime.date
    age_months: int
    url: str


def _newest_per_occupation_and_area(rows):
    """The newest row of each (occupation, area) group, rows being ordered by occupation and area then newest first."""
    return [next(group) for _, group in groupby(rows, key=lambda row: (row.occupation_id, row.area))]


def due_for_review(*, today=None, months=None):
    """Everything older than the review age, oldest first (four queries)."""
    today = today or timezone.localdate()
    months = review_after_months() if months is None else months
    cutoff = months_before(today, months)
    items = []

    wages = WageFigure.objects.select_related("occupation").order_by("occupation_id", "area", "-reference_year")
    newest_wages = _newest_per_occupation_and_area(wages)
    states = {}
    for wage in newest_wages:
        date = wage_reference_date(wage)
        if date > cutoff:
            continue
        if wage.area != Area.NATION:
            # The 51 state rows of one occupation and year are one task: listed once, linked to all of them.
            states.setdefault((wage.occupation, wage.reference_year, wage.period_text, date), []).append(wage)
            continue
        items.append(
            ReviewItem(
                kind="Wage",
                what=f"{wage.occupation}, national: ${wage.median_annual_wage:,} median",
                dated_by=f"reference period {wage.period_text}",
                date=date,
                age_months=months_between(date, today),
                url=reverse("admin:careers_wagefigure_change", args=[wage.pk]),
            )
        )
    for (occupation, year, period, date), rows in states.items():
        query = urlencode({"occupation__id__exact": occupation.pk, "reference_year": year})
        items.append(
            ReviewItem(
                kind="Wage",
                what=f"{occupation}, by state: {len(rows)} state rows",
                dated_by=f"reference period {period}",
                date=date,
                age_months=months_between(date, today),
                url=f"{reverse('admin:careers_wagefigure_changelist')}?{query}",
            )
        )

    projections = EmploymentProjection.objects.select_related("occupation").order_by(
        "occupation_id", "area", "-end_year", "-start_year"
    )
    for projection in _newest_per_occupation_and_area(projections):
        date = projection_reference_date(projection)
        if date > cutoff:
            continue
        where = "national" if projection.area == Area.NATION else projection.get_area_display()
        items.append(
            ReviewItem(
                kind="Projection",
                what=f"{projection.occupation}, {where}: {projection.percent_text}",
                dated_by=f"period {projection.period_text}",
                date=date,
                age_months=months_between(date, today),
                url=reverse("admin:careers_employmentprojection_change", args=[projection.pk]),
            )
        )

    for source in Source.objects.filter(seen_on__lte=cutoff):
        items.append(
            ReviewItem(
                kind="Source",
                what=str(source),
                dated_by=f"date seen {source.seen_on:%Y-%m-%d}",
                date=source.seen_on,
                age_months=months_between(source.seen_on, today),
                url=reverse("admin:content_source_change", args=[source.pk]),
            )
        )
    items.sort(key=lambda item: (item.date, item.kind, item.what))
    return items, cutoff, months
