"""Site-wide pages (home, about, health check, robots.txt) and the career pages: roles, salaries and outlook."""

import csv
from dataclasses import dataclass

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views import View
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, TemplateView

from programs.models import EducationPath

from . import charts, figures, selectors, structured_data
from .models import CareerStep, Duty, Occupation, Statement, WageFigure
from .spreadsheet import escape_formula


class HomeView(TemplateView):
    template_name = "careerpath/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vintage = figures.current_vintage()
        occupation = selectors.featured_occupation(vintage)
        duties = list(occupation.duties.all()) if occupation else []
        wage = figures.current_wage_of(occupation)
        projection = figures.current_projection_of(occupation)
        # History, labelled as such: only figures older than the current ones (a newer partial year is on
        # the occupation's history page, not here).
        wages = list(occupation.wages.all()) if occupation and wage else []
        projections = list(occupation.projections.all()) if occupation and projection else []
        earlier_wages = [w for w in wages if w.reference_year < wage.reference_year]
        earlier_projections = [p for p in projections if p.end_year < projection.end_year]
        context.update(
            occupation=occupation,
            clinical_duties=[d for d in duties if d.kind == Duty.Kind.CLINICAL],
            administrative_duties=[d for d in duties if d.kind == Duty.Kind.ADMINISTRATIVE],
            liaison_duties=[d for d in duties if d.kind == Duty.Kind.LIAISON],
            latest_wage=wage,
            earlier_wages=earlier_wages,
            latest_projection=projection,
            earlier_projections=earlier_projections,
            paths=EducationPath.objects.compared().select_related("source"),
            statements=selectors.statements(),
        )
        return context


class AboutView(TemplateView):
    template_name = "careerpath/about.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sources"] = selectors.sources()
        context["statements"] = selectors.statements(topic=Statement.Topic.DISCLAIMER)
        return context


@require_safe
def robots_txt(request):
    """Crawlers may read every public page; the admin is off limits; the sitemap lists the rest."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _featured_occupation_json_ld(request, *, occupation=None, vintage=None):
    occupation = occupation or selectors.featured_occupation_with_wages(vintage or figures.current_vintage())
    if occupation is None:
        return None
    data = structured_data.occupation(
        occupation, wages=list(occupation.wages.all()), url=request.build_absolute_uri(request.path)
    )
    return structured_data.as_json_ld(data)


# --- Career paths -------------------------------------------------------------------------


def _with_article(entry_education):
    """ "Bachelor's degree" as it reads in a sentence: "a bachelor's degree"."""
    text = entry_education.strip().rstrip(".")
    text = text[:1].lower() + text[1:]
    if not text or text.startswith(("no ", "some ")):
        return text
    return f"{'an' if text[0] in 'aeiou' else 'a'} {text}"


@dataclass(frozen=True)
class OccupationFigures:
    """An occupation linked to a career step, with its newest sourced wage and projection (or None).

    A step's pay is shown only as this occupation's figure, named as the closest BLS occupation with its
    typical entry-level education and reference period, so nobody reads it as the pay of the step itself.
    """

    occupation: object
    wage: object
    projection: object

    @property
    def entry_education(self):
        """The occupation's typical entry-level education, with its article: "a bachelor's degree"."""
        return _with_article(self.occupation.entry_education)

    @property
    def pay_can_be_shown(self):
        return bool(self.wage and self.occupation.entry_education)

    @property
    def entry_is_degree(self):
        """Whether most people enter the occupation with a degree, which the page must say beside the pay."""
        words = self.occupation.entry_education.lower()
        return "degree" in words and "nondegree" not in words


@dataclass(frozen=True)
class PayComparison:
    """A specialization's occupation against medical assistants, in the same reference year where both have one.

    The article says specializing "can lead to … higher salaries"; where the national medians shown do
    not bear that out, the page says so.
    """

    figure: OccupationFigures
    reference: object  # medical assistants' WageFigure

    @property
    def shows_higher_pay(self):
        return self.figure.wage.median_annual_wage > self.reference.median_annual_wage

    @property
    def relation(self):
        if self.figure.wage.median_annual_wage == self.reference.median_annual_wage:
            return "the same as"
        return "above" if self.shows_higher_pay else "below"


def _figures_of(step):
    """Each of the step's occupations with its current wage and projection (the one vintage every page shows)."""
    return [
        OccupationFigures(
            occupation=occupation,
            wage=figures.current_wage_of(occupation),
            projection=figures.current_projection_of(occupation),
        )
        for occupation in step.occupations.all()
    ]


def _pay_comparisons(step, step_figures, *, featured, vintage):
    """For a specialization, each occupation's current wage beside medical assistants' current one (same year)."""
    if step.kind != CareerStep.Kind.SPECIALIZATION or featured is None:
        return []
    reference = next((wage for wage in featured.wages.all() if wage.reference_year == vintage.wage_year), None)
    if reference is None:
        return []
    return [
        PayComparison(figure=figure, reference=reference)
        for figure in step_figures
        if figure.pay_can_be_shown and figure.occupation.pk != featured.pk
    ]


def _requirements_of(step):
    """A short "with experience and further education" for the diagram, from the stored fields."""
    needs = [
        label
        for label, value in (
            ("experience", step.experience),
            ("further education", step.further_education),
            ("licensure", step.licensure),
        )
        if value
    ]
    if not needs:
        return ""
    listed = needs[0] if len(needs) == 1 else f"{', '.join(needs[:-1])} and {needs[-1]}"
    return f"May follow {listed}"


def _diagram_note(step):
    """What the diagram says under a step: what may lead to it (or what it can lead to) and the closest BLS pay."""
    wages = "; ".join(
        f"the closest BLS occupation, {figure.occupation.name.lower()}: ${figure.wage.median_annual_wage:,} "
        f"({figure.wage.reference_period or figure.wage.reference_year}), typical entry-level education "
        f"{figure.entry_education}"
        for figure in step.figures
        if figure.pay_can_be_shown
    )
    outcome = f"Can lead to {step.outcome[:1].lower()}{step.outcome[1:]}" if step.outcome else ""
    caveat = ""
    if any(not comparison.shows_higher_pay for comparison in getattr(step, "pay_comparisons", [])):
        caveat = (
            "the national medians shown do not show higher pay than medical assistants'; "
            "pay varies by employer and place"
        )
    return " · ".join(part for part in (_requirements_of(step) or outcome, wages, caveat) if part)


class CareerListView(TemplateView):
    """Where the career leads: advancement roles and specializations, with a diagram and their figures."""

    template_name = "careerpath/career_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vintage = figures.current_vintage()
        steps = list(selectors.career_steps(vintage))
        featured = selectors.featured_occupation_with_wages(vintage)
        for step in steps:
            step.figures = _figures_of(step)
            step.pay_comparisons = _pay_comparisons(step, step.figures, featured=featured, vintage=vintage)
            step.diagram_note = _diagram_note(step)
        context.update(
            roles=[step for step in steps if step.kind == CareerStep.Kind.ROLE],
            specializations=[step for step in steps if step.kind == CareerStep.Kind.SPECIALIZATION],
            statements=selectors.statements(topic=Statement.Topic.CAREER),
            json_ld=_featured_occupation_json_ld(self.request, occupation=featured),
        )
        return context


class CareerDetailView(DetailView):
    """One advancement role or specialization in full, with the figures of its occupations."""

    template_name = "careerpath/career_detail.html"
    context_object_name = "step"

    def get_queryset(self):
        self.vintage = figures.current_vintage()
        return selectors.career_steps(self.vintage)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        step = self.object
        step_figures = _figures_of(step)
        featured = selectors.featured_occupation_with_wages(self.vintage)
        context.update(
            figures=step_figures,
            pay_comparisons=_pay_comparisons(step, step_figures, featured=featured, vintage=self.vintage),
            other_steps=CareerStep.objects.exclude(pk=step.pk).only("kind", "name", "slug"),
        )
        return context


# --- Salaries and outlook ------------------------------------------------------------------

HOURS_PER_YEAR = 2080
VIEW_ARTICLE = "article"
VIEW_LATEST = "latest"  # the old mixed-years view: now answered with a permanent redirect to the default


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


def parse_sort(value):
    """('wage', True) for '-wage'; (None, False) for anything unknown, which means the default order."""
    value = (value or "").strip()
    descending = value.startswith("-")
    key = value[1:] if descending else value
    if key not in SORT_KEYS:
        return None, False
    return key, descending


def sort_rows(rows, *, key, descending):
    if key is None:
        return list(rows)
    getter = SORT_KEYS[key]
    present = [row for row in rows if getter(row) is not None]
    missing = [row for row in rows if getter(row) is None]
    # A row without the figure goes last whichever way the column is sorted.
    return sorted(present, key=getter, reverse=descending) + missing


@dataclass(frozen=True)
class SalaryLine:
    """A table row as shown: the figures plus the numbers of their source notes."""

    row: object  # figures.ComparisonRow or selectors.SalaryRow
    wage_note: int | None
    projection_note: int | None

    @property
    def occupation(self):
        return self.row.occupation

    @property
    def wage(self):
        return self.row.wage

    @property
    def projection(self):
        return self.row.projection


@dataclass(frozen=True)
class SalaryRequest:
    """What ?view= and ?sort= ask for, read the same way by the page and its CSV."""

    article: bool
    sort_key: str | None
    descending: bool
    rows: list
    vintage: object  # figures.Vintage, or None for the article's table


class SalaryDataMixin:
    """Reads ?view= and ?sort= the same way for the HTML table and the CSV download."""

    def dispatch(self, request, *args, **kwargs):
        if request.GET.get("view") == VIEW_LATEST:
            # The newest-figures view mixed years; the default now shows one current vintage.
            sort = request.GET.get("sort")
            query = f"?{urlencode({'sort': sort})}" if sort else ""
            return HttpResponsePermanentRedirect(request.path + query)
        return super().dispatch(request, *args, **kwargs)

    def salary_request(self):
        params = self.request.GET
        article = params.get("view") == VIEW_ARTICLE
        sort_key, descending = parse_sort(params.get("sort"))
        if article:
            rows, vintage = selectors.article_salary_rows(), None
        else:
            comparison = figures.comparison()
            rows, vintage = comparison.rows, comparison.vintage
        rows = sort_rows(rows, key=sort_key, descending=descending)
        return SalaryRequest(article=article, sort_key=sort_key, descending=descending, rows=rows, vintage=vintage)


def _period(wage):
    return wage.reference_period or str(wage.reference_year)


def _projection_period(projection):
    return f"{projection.start_year}–{projection.end_year}"


def _percent_text(percent):
    text = str(int(percent)) if percent == percent.to_integral() else f"{percent.normalize():f}"
    return f"{text}%"


def _thousands_text(value):
    """811.0 (thousands) → "811,000"."""
    return f"{int(round(value * 1000)):,}"


def _summary_sentences(featured, *, occupations):
    """What the default page says in words, built only from the figures in its table."""
    if featured is None or featured.wage is None:
        return []
    wage, projection, name = featured.wage, featured.projection, featured.occupation.name
    period = _period(wage)
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
            f", with about {_thousands_text(projection.openings_per_year)} openings a year"
            if projection.openings_per_year is not None
            else ""
        )
        sentences.append(
            f"Employment of {name.lower()} is projected to {change} {projection.percent_text.lstrip('-')}{rounded} "
            f"from {projection.start_year} to {projection.end_year}{openings}."
        )
    return sentences


class SalaryView(SalaryDataMixin, TemplateView):
    """Wages and projected growth by occupation, one vintage at a time: a sortable table, charts and a CSV link."""

    template_name = "careerpath/salaries.html"

    @staticmethod
    def _query(*, article, sort=None):
        """The query string ("" or "?…") that keeps the chosen view and sort in a link."""
        params = {}
        if article:
            params["view"] = VIEW_ARTICLE
        if sort:
            params["sort"] = sort
        return f"?{urlencode(params)}" if params else ""

    @staticmethod
    def _current_label(vintage, wage_periods):
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

    def _columns(self, article, vintage):
        if article:
            return (
                ("name", "Occupation"),
                ("wage", "Median annual wage"),
                ("hourly", "Hourly equivalent (derived: annual ÷ 2,080)"),
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        salary = self.salary_request()
        article = salary.article
        vintage = salary.vintage or figures.current_vintage()  # the article's view names the current one too

        notes, note_numbers = [], {}

        def note_for(source):
            if source.pk not in note_numbers:
                notes.append(source)
                note_numbers[source.pk] = len(notes)
            return note_numbers[source.pk]

        lines = [
            SalaryLine(
                row=row,
                wage_note=note_for(row.wage.source) if row.wage else None,
                projection_note=note_for(row.projection.source) if row.projection else None,
            )
            for row in salary.rows
        ]
        headers = []
        for key, label in self._columns(article, vintage):
            is_sorted = key == salary.sort_key
            next_sort = f"-{key}" if is_sorted and not salary.descending else key
            headers.append(
                {
                    "key": key,
                    "label": label,
                    "url": self.request.path + self._query(article=article, sort=next_sort),
                    "aria_sort": ("descending" if salary.descending else "ascending") if is_sorted else "",
                }
            )
        wage_periods = sorted({_period(line.wage) for line in lines if line.wage})
        projection_periods = sorted({_projection_period(line.projection) for line in lines if line.projection})
        sort_param = self.request.GET.get("sort") if salary.sort_key else None
        featured = next((line for line in lines if line.occupation.is_featured), None)
        statements = selectors.statements()
        context.update(
            article=article,
            vintage=vintage,
            lines=lines,
            notes=notes,
            headers=headers,
            sort_key=salary.sort_key,
            wage_periods=wage_periods,
            projection_periods=projection_periods,
            without_projection=[line.occupation for line in lines if line.wage and not line.projection],
            summary=[] if article else _summary_sentences(featured, occupations=lines),
            featured=featured,
            current_label=self._current_label(vintage, [] if article else wage_periods),
            article_url=self.request.path + self._query(article=True, sort=sort_param),
            current_url=self.request.path + self._query(article=False, sort=sort_param),
            csv_url=reverse("careerpath:salaries-csv") + self._query(article=article, sort=sort_param),
            hours_per_year=HOURS_PER_YEAR,
            wage_chart=self._wage_chart(lines) if article else None,
            range_chart=None if article else self._range_chart(lines, vintage),
            growth_chart=self._growth_chart(lines),
            statements=statements,
            disclaimer_prices=statements.get("disclaimer_prices"),
            json_ld=_featured_occupation_json_ld(self.request, vintage=vintage),
        )
        return context

    @staticmethod
    def _wage_chart(lines):
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

    @staticmethod
    def _range_chart(lines, vintage):
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
        period = _period(next(line.wage for line in lines if line.wage))
        return charts.range_chart(items, title=f"The spread of annual pay by occupation, {period}")

    @staticmethod
    def _growth_chart(lines):
        items = [
            charts.ChartItem(
                label=line.occupation.name,
                value=line.projection.percent,
                value_text=_percent_text(line.projection.percent),
                highlighted=line.occupation.is_featured,
            )
            for line in lines
            if line.projection
        ]
        return charts.bar_chart(items, title="Projected change in employment by occupation") if items else None


# Cells a spreadsheet would run as formulas get a leading apostrophe: one rule for every CSV we write.
_csv_text = escape_formula


def _blank(value):
    return "" if value is None else value


class SalaryCsvView(SalaryDataMixin, View):
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
        salary = self.salary_request()
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
                    _csv_text(row.occupation.name),
                    _csv_text(row.occupation.soc_code),
                    wage.area if wage else (projection.area if projection else ""),
                    wage.median_annual_wage if wage else "",
                    _csv_text(wage.reference_period) if wage else "",
                    wage.reference_year if wage else "",
                    _blank(wage.employment) if wage else "",
                    _blank(wage.mean_annual_wage) if wage else "",
                    _blank(wage.percentile_10) if wage else "",
                    _blank(wage.percentile_25) if wage else "",
                    _blank(wage.percentile_75) if wage else "",
                    _blank(wage.percentile_90) if wage else "",
                    _blank(wage.median_hourly_wage) if wage else "",
                    f"{wage.hourly_equivalent:.2f}" if wage else "",
                    _csv_text(f"{wage.source.publisher}: {wage.source.title}") if wage else "",
                    wage.source.url if wage else "",
                    f"{projection.percent:f}" if projection else "",
                    projection.start_year if projection else "",
                    projection.end_year if projection else "",
                    _blank(projection.base_employment) if projection else "",
                    _blank(projection.projected_employment) if projection else "",
                    _blank(projection.employment_change) if projection else "",
                    _blank(projection.openings_per_year) if projection else "",
                    _csv_text(projection.label) if projection else "",
                    _csv_text(f"{projection.source.publisher}: {projection.source.title}") if projection else "",
                    projection.source.url if projection else "",
                ]
            )
        return response


class SalaryHistoryView(DetailView):
    """Every stored national vintage of one occupation's wage and projection, oldest first."""

    template_name = "careerpath/salary_history.html"
    context_object_name = "occupation"

    def get_queryset(self):
        return Occupation.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = figures.history(self.object)
        context["hours_per_year"] = HOURS_PER_YEAR
        # The article's own sentence about the site's occupation belongs to its history, labelled as a quotation.
        if self.object.is_featured:
            context["article_statement"] = selectors.statements(topic=Statement.Topic.OUTLOOK).get("outlook_projection")
        return context
