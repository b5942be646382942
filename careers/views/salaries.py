"""Pay and outlook: the salary table (one vintage at a time, or the article's), its CSV, each occupation's history."""

import csv

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.views import View
from django.views.generic import DetailView, TemplateView

from content import selectors as shared
from content.csv_imports.spreadsheet import escape_formula
from content.http import PrivateUnlessCanonicalMixin, private_unless
from content.limits import FULL_TIME_HOURS_PER_YEAR
from content.models import Statement

from .. import figures, salary_table
from ..forms import VIEW_LATEST
from ..models import Occupation
from .json_ld import featured_occupation_json_ld


class RedirectLatestViewMixin:
    """?view=latest, the old mixed-years view, answers with a permanent redirect to the default (keeping ?sort=)."""

    query_parameters = ("view", "sort")  # read by the page cache (careerpath/page_cache.py)

    def dispatch(self, request, *args, **kwargs):
        if request.GET.get("view") == VIEW_LATEST:
            query = request.GET.copy()
            del query["view"]
            return HttpResponsePermanentRedirect(request.path + (f"?{query.urlencode()}" if query else ""))
        return super().dispatch(request, *args, **kwargs)


class SalaryView(RedirectLatestViewMixin, PrivateUnlessCanonicalMixin, TemplateView):
    """Wages and projected growth by occupation, one vintage at a time: a sortable table, charts and a CSV link."""

    template_name = "careers/salaries.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        salary = salary_table.salary_request(self.request.GET)
        self.query_canonical = salary.canonical
        article = salary.article
        vintage = salary.vintage or figures.current_vintage()  # the article's view names the current one too
        lines, notes = salary_table.lines_with_notes(salary.rows)
        wage_periods = sorted({line.wage.period_text for line in lines if line.wage})
        projection_periods = sorted({line.projection.period_text for line in lines if line.projection})
        featured = figures.featured_row(lines)
        statements = shared.statements()
        context.update(
            article=article,
            vintage=vintage,
            lines=lines,
            notes=notes,
            headers=salary_table.headers(salary, vintage),
            sort_key=salary.sort_key,
            sort_param=salary.sort_param,
            wage_periods=wage_periods,
            projection_periods=projection_periods,
            without_projection=figures.without_projection(lines),
            summary=[] if article else salary_table.summary_sentences(featured, occupations=lines),
            featured=featured,
            current_label=salary_table.current_label(vintage, [] if article else wage_periods),
            hours_per_year=FULL_TIME_HOURS_PER_YEAR,
            wage_chart=salary_table.wage_chart(lines) if article else None,
            range_chart=None if article else salary_table.range_chart(lines, vintage),
            growth_chart=salary_table.growth_chart(lines),
            statements=statements,
            disclaimer_prices=statements.get("disclaimer_prices"),
            json_ld=featured_occupation_json_ld(self.request, vintage=vintage),
        )
        return context


def _blank(value):
    return "" if value is None else value


class SalaryCsvView(RedirectLatestViewMixin, View):
    """The salary table as CSV: one row per occupation of the chosen view, with sources and periods."""

    http_method_names = ["get", "head", "options"]

    HEADER = [
        "occupation",
        "soc_code",
        "area",
        "median_annual_wage_usd",
        "wage_reference_period",
        "wage_reference_year",
        "employment",
        "mean_annual_wage_usd",
        "percentile_10_usd",
        "percentile_25_usd",
        "percentile_75_usd",
        "percentile_90_usd",
        "median_hourly_wage_usd_published",
        "hourly_equivalent_usd_derived",
        "wage_source",
        "wage_source_url",
        "projected_change_percent",
        "projection_start_year",
        "projection_end_year",
        "employment_start_thousands",
        "employment_end_thousands",
        "employment_change_thousands",
        "openings_per_year_thousands",
        "bls_label",
        "projection_source",
        "projection_source_url",
    ]

    def get(self, request, *args, **kwargs):
        salary = salary_table.salary_request(request.GET)
        if salary.article:
            filename = "careerpath-salaries-article-2021.csv"
        else:
            filename = f"careerpath-salaries-{salary.vintage.wage_year or 'current'}.csv"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        writer = csv.writer(response)
        writer.writerow(self.HEADER)
        for row in salary.rows:
            wage, projection = row.wage, row.projection
            writer.writerow(
                [
                    escape_formula(row.occupation.name),
                    escape_formula(row.occupation.soc_code),
                    wage.area if wage else (projection.area if projection else ""),
                    wage.median_annual_wage if wage else "",
                    escape_formula(wage.reference_period) if wage else "",
                    wage.reference_year if wage else "",
                    _blank(wage.employment) if wage else "",
                    _blank(wage.mean_annual_wage) if wage else "",
                    _blank(wage.percentile_10) if wage else "",
                    _blank(wage.percentile_25) if wage else "",
                    _blank(wage.percentile_75) if wage else "",
                    _blank(wage.percentile_90) if wage else "",
                    _blank(wage.median_hourly_wage) if wage else "",
                    f"{wage.hourly_equivalent:.2f}" if wage else "",
                    escape_formula(f"{wage.source.publisher}: {wage.source.title}") if wage else "",
                    wage.source.url if wage else "",
                    f"{projection.percent:f}" if projection else "",
                    projection.start_year if projection else "",
                    projection.end_year if projection else "",
                    _blank(projection.base_employment) if projection else "",
                    _blank(projection.projected_employment) if projection else "",
                    _blank(projection.employment_change) if projection else "",
                    _blank(projection.openings_per_year) if projection else "",
                    escape_formula(projection.label) if projection else "",
                    escape_formula(f"{projection.source.publisher}: {projection.source.title}") if projection else "",
                    projection.source.url if projection else "",
                ]
            )
        return private_unless(response, salary.canonical)


class SalaryHistoryView(DetailView):
    """Every stored national vintage of one occupation's wage and projection, oldest first."""

    query_parameters = ()  # read by the page cache

    template_name = "careers/salary_history.html"
    context_object_name = "occupation"

    def get_queryset(self):
        return Occupation.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = figures.history(self.object)
        context["hours_per_year"] = FULL_TIME_HOURS_PER_YEAR
        # The article's own sentence about the site's occupation belongs to its history, labelled as a quotation.
        if self.object.is_featured:
            context["article_statement"] = shared.statements(topic=Statement.Topic.OUTLOOK).get("outlook_projection")
        return context
