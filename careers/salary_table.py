"""The salary table: its rows in the chosen order, their source notes, columns, summary and charts.

The page and its CSV read the same rows; the view only assembles the context.
"""

from dataclasses import dataclass, replace

from content.http import repeats_a_name
from content.limits import FULL_TIME_HOURS_PER_YEAR

from . import charts, figures, selectors
from .forms import SalaryTableForm
from .models import WageFigure


def _wage(row):
    return row.wage.median_annual_wage if row.wage else None


def _hourly(row):
    if not row.wage:
        return None
    return row.wage.median_hourly_wage if row.wage.median_hourly_wage is not None else row.wage.hourly_equivalent


def _growth(row):
    return row.projection.percent if row.projection else None


def _employment(row):
    return row.wage.employment if row.wage else None


def _openings(row):
    return row.projection.openings_per_year if row.projection else None


# Sort keys a visitor can ask for; each column header links to them.
SORT_KEYS = {
    "name": lambda row: row.occupation.name.lower(),
    "wage": _wage,
    "hourly": _hourly,
    "growth": _growth,
    "employment": _employment,
    "openings": _openings,
}


def sort_rows(rows, *, key, descending):
    if key is None:
        return list(rows)
    getter = SORT_KEYS[key]
    present = [row for row in rows if getter(row) is not None]
    missing = [row for row in rows if getter(row) is None]
    # A row without the figure goes last whichever way the column is sorted.
    return sorted(present, key=getter, reverse=descending) + missing


@dataclass(frozen=True)
class SalaryRequest:
    """What ?view= and ?sort= ask for, read the same way by the page and its CSV."""

    article: bool
    sort_key: str | None
    descending: bool
    rows: list
    vintage: object  # figures.Vintage, or None for the article's table
    canonical: bool = True  # every value one the page's own links use (content.http)

    @property
    def sort_param(self):
        """The sort as a query value, or None for the default order."""
        if self.sort_key is None:
            return None
        return f"-{self.sort_key}" if self.descending else self.sort_key


def salary_request(query):
    """The rows and choices a salary page shows for the query `query` (request.GET)."""
    form = SalaryTableForm(query, sort_keys=SORT_KEYS)
    article = form.article
    sort_key, descending = form.sort_order()
    if article:
        rows, vintage = selectors.article_salary_rows(), None
    else:
        comparison = figures.comparison()
        rows, vintage = comparison.rows, comparison.vintage
    rows = sort_rows(rows, key=sort_key, descending=descending)
    canonical = form.is_valid() and not repeats_a_name(query)
    return SalaryRequest(
        article=article, sort_key=sort_key, descending=descending, rows=rows, vintage=vintage, canonical=canonical
    )


def lines_with_notes(rows):
    """The rows as shown, each figure with the number of its source note, and the notes' sources in order."""
    notes, note_numbers = [], {}

    def note_for(source):
        if source.pk not in note_numbers:
            notes.append(source)
            note_numbers[source.pk] = len(notes)
        return note_numbers[source.pk]

    lines = [
        replace(
            row,
            wage_note=note_for(row.wage.source) if row.wage else None,
            projection_note=note_for(row.projection.source) if row.projection else None,
        )
        for row in rows
    ]
    return lines, notes


def headers(salary, vintage):
    """The header row: each column's label, the ?sort= its link asks for, and its aria-sort."""
    result = []
    for key, label in columns(salary.article, vintage):
        is_sorted = key == salary.sort_key
        result.append(
            {
                "key": key,
                "label": label,
                "sort": f"-{key}" if is_sorted and not salary.descending else key,
                "aria_sort": ("descending" if salary.descending else "ascending") if is_sorted else "",
            }
        )
    return result


def columns(article, vintage):
    if article:
        return (
            ("name", "Occupation"),
            ("wage", "Median annual wage"),
            ("hourly", f"Hourly equivalent (derived: annual ÷ {FULL_TIME_HOURS_PER_YEAR:,})"),
            ("growth", "Projected change in employment"),
        )
    return (
        ("name", "Occupation"),
        ("wage", "Median annual wage"),
        ("hourly", "Median hourly wage"),
        ("employment", "Employment"),
        ("growth", f"Projected change in employment, {vintage.projection_text}"),
        ("openings", "Openings a year (projected)"),
    )


def current_label(vintage, wage_periods):
    """ "May 2024 wages, 2024–34 projections": the current vintage in a visitor's words."""
    if not wage_periods and vintage.wage_year:
        period = (
            WageFigure.objects.national()
            .filter(reference_year=vintage.wage_year)
            .exclude(reference_period="")
            .values_list("reference_period", flat=True)
            .first()
        )
        wage_periods = [period or str(vintage.wage_year)]
    parts = [f"{', '.join(wage_periods)} wages"] if wage_periods else []
    if vintage.projection_period:
        start, end = vintage.projection_period
        parts.append(f"{start}–{str(end)[-2:]} projections")
    return ", ".join(parts)


def summary_sentences(featured, *, occupations):
    """What the default page says in words, built only from the figures in its table."""
    if featured is None or featured.wage is None:
        return []
    wage, projection, name = featured.wage, featured.projection, featured.occupation.name
    period = wage.period_text
    sentences = []
    hourly = (
        f" (${wage.median_hourly_wage} an hour, as the Bureau of Labor Statistics publishes it)"
        if wage.median_hourly_wage is not None
        else ""
    )
    sentences.append(f"In {period}, the median annual wage of {name.lower()} was ${wage.median_annual_wage:,}{hourly}.")
    if wage.has_range:
        sentences.append(
            f"One in ten earned less than ${wage.percentile_10:,} and one in ten more than ${wage.percentile_90:,}."
        )
    higher = sorted(
        (row for row in occupations if row.wage and row.wage.median_annual_wage > wage.median_annual_wage),
        key=lambda row: row.wage.median_annual_wage,
    )
    compared = sum(1 for row in occupations if row.wage)
    if compared > 1:
        sentences.append(
            f"Of the {compared} occupations compared here, {len(higher)} had a higher median wage in {period}."
        )
    if projection:
        rounded = (
            f" (the handbook rounds it to {projection.handbook_percent}%)"
            if projection.handbook_percent is not None
            else ""
        )
        change = "grow" if projection.percent >= 0 else "fall"
        openings = (
            f", with about {projection.openings_text} openings a year"
            if projection.openings_per_year is not None
            else ""
        )
        sentences.append(
            f"Employment of {name.lower()} is projected to {change} {projection.percent_text.lstrip('-')}{rounded} "
            f"from {projection.start_year} to {projection.end_year}{openings}."
        )
    return sentences


def wage_chart(lines):
    items = [
        charts.ChartItem(
            label=line.occupation.name,
            value=line.wage.median_annual_wage,
            value_text=f"${line.wage.median_annual_wage:,}",
            highlighted=line.occupation.is_featured,
        )
        for line in lines
        if line.wage
    ]
    return charts.bar_chart(items, title="Median annual wage by occupation") if items else None


def range_chart(lines, vintage):
    items = [
        charts.RangeItem(
            label=line.occupation.name,
            low=line.wage.percentile_10,
            median=line.wage.median_annual_wage,
            high=line.wage.percentile_90,
            lower_quartile=line.wage.percentile_25,
            upper_quartile=line.wage.percentile_75,
            highlighted=line.occupation.is_featured,
        )
        for line in lines
        if line.wage and line.wage.has_range
    ]
    if not items:
        return None
    period = next(line.wage for line in lines if line.wage).period_text
    return charts.range_chart(items, title=f"The spread of annual pay by occupation, {period}")


def growth_chart(lines):
    items = [
        charts.ChartItem(
            label=line.occupation.name,
            value=line.projection.percent,
            value_text=line.projection.percent_text,
            highlighted=line.occupation.is_featured,
        )
        for line in lines
        if line.projection
    ]
    return charts.bar_chart(items, title="Projected change in employment by occupation") if items else None
