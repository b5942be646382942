"""Site-wide pages (home, about, health check, robots.txt) and the career pages: roles, salaries and outlook."""

import csv
from dataclasses import dataclass

from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views import View
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, TemplateView

from programs.models import EducationPath

from . import charts, figures, selectors, structured_data
from .models import CareerStep, Duty, Statement
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
            paths=EducationPath.objects.select_related("source"),
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


def _featured_occupation_json_ld(request, *, occupation=None):
    occupation = occupation or selectors.featured_occupation_with_wages(figures.current_vintage())
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
VIEW_LATEST = "latest"


def _wage(row):
    return row.wage.median_annual_wage if row.wage else None


def _growth(row):
    return row.projection.percent if row.projection else None


def _year(row):
    return row.wage.reference_year if row.wage else None


# Sort keys a visitor can ask for; each column header links to them.
SORT_KEYS = {
    "name": lambda row: row.occupation.name.lower(),
    "wage": _wage,
    "hourly": _wage,
    "growth": _growth,
    "year": _year,
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

    row: selectors.SalaryRow
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


class SalaryDataMixin:
    """Reads ?view= and ?sort= the same way for the HTML table and the CSV download."""

    def salary_request(self):
        params = self.request.GET
        latest = params.get("view") == VIEW_LATEST
        sort_key, descending = parse_sort(params.get("sort"))
        rows = sort_rows(selectors.salary_rows(latest=latest), key=sort_key, descending=descending)
        return latest, sort_key, descending, rows


def _period(wage):
    return wage.reference_period or str(wage.reference_year)


def _projection_period(projection):
    return f"{projection.start_year}–{projection.end_year}"


def _percent_text(percent):
    text = str(int(percent)) if percent == percent.to_integral() else f"{percent.normalize():f}"
    return f"{text}%"


class SalaryView(SalaryDataMixin, TemplateView):
    """Median wages and projected growth by occupation: a sortable table, two bar charts and a CSV link."""

    template_name = "careerpath/salaries.html"

    @staticmethod
    def _query(*, latest, sort=None):
        """The query string ("" or "?…") that keeps the chosen view and sort in a link."""
        params = {}
        if latest:
            params["view"] = VIEW_LATEST
        if sort:
            params["sort"] = sort
        return f"?{urlencode(params)}" if params else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        latest, sort_key, descending, rows = self.salary_request()

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
            for row in rows
        ]
        headers = []
        for key, label in (
            ("name", "Occupation"),
            ("wage", "Median annual wage"),
            ("hourly", "Hourly equivalent (derived: annual ÷ 2,080)"),
            ("growth", "Projected change in employment"),
            ("year", "Wage reference period"),
        ):
            is_sorted = key == sort_key
            next_sort = f"-{key}" if is_sorted and not descending else key
            headers.append(
                {
                    "key": key,
                    "label": label,
                    "url": self.request.path + self._query(latest=latest, sort=next_sort),
                    "aria_sort": ("descending" if descending else "ascending") if is_sorted else "",
                }
            )
        wage_periods = sorted({_period(line.wage) for line in lines if line.wage})
        projection_periods = sorted({_projection_period(line.projection) for line in lines if line.projection})
        sort_param = self.request.GET.get("sort") if sort_key else None
        context.update(
            latest=latest,
            lines=lines,
            notes=notes,
            headers=headers,
            sort_key=sort_key,
            wage_periods=wage_periods,
            projection_periods=projection_periods,
            article_url=self.request.path + self._query(latest=False, sort=sort_param),
            latest_url=self.request.path + self._query(latest=True, sort=sort_param),
            csv_url=reverse("careerpath:salaries-csv") + self._query(latest=latest, sort=sort_param),
            hours_per_year=HOURS_PER_YEAR,
            wage_chart=self._wage_chart(lines, latest=latest),
            growth_chart=self._growth_chart(lines, latest=latest),
            statements=selectors.statements(topic=Statement.Topic.OUTLOOK),
            disclaimer_prices=selectors.statements(topic=Statement.Topic.DISCLAIMER).get("disclaimer_prices"),
            json_ld=_featured_occupation_json_ld(self.request),
        )
        return context

    @staticmethod
    def _wage_chart(lines, *, latest):
        items = [
            charts.ChartItem(
                label=f"{line.occupation.name} ({_period(line.wage)})" if latest else line.occupation.name,
                value=line.wage.median_annual_wage,
                value_text=f"${line.wage.median_annual_wage:,}",
                highlighted=line.occupation.is_featured,
            )
            for line in lines
            if line.wage
        ]
        return charts.bar_chart(items, title="Median annual wage by occupation") if items else None

    @staticmethod
    def _growth_chart(lines, *, latest):
        items = [
            charts.ChartItem(
                label=(
                    f"{line.occupation.name} ({_projection_period(line.projection)})"
                    if latest
                    else line.occupation.name
                ),
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


class SalaryCsvView(SalaryDataMixin, View):
    """The salary table as CSV: one row per occupation of the chosen view, with sources and years."""

    http_method_names = ["get", "head", "options"]

    HEADER = [
        "occupation",
        "median_annual_wage_usd",
        "wage_reference_period",
        "wage_reference_year",
        "hourly_equivalent_usd_derived",
        "wage_source",
        "wage_source_url",
        "projected_change_percent",
        "projection_start_year",
        "projection_end_year",
        "bls_label",
        "projection_source",
        "projection_source_url",
    ]

    def get(self, request, *args, **kwargs):
        latest, _key, _descending, rows = self.salary_request()
        filename = "careerpath-salaries-latest.csv" if latest else "careerpath-salaries-2021.csv"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        writer = csv.writer(response)
        writer.writerow(self.HEADER)
        for row in rows:
            wage, projection = row.wage, row.projection
            writer.writerow(
                [
                    _csv_text(row.occupation.name),
                    wage.median_annual_wage if wage else "",
                    _csv_text(wage.reference_period) if wage else "",
                    wage.reference_year if wage else "",
                    f"{wage.hourly_equivalent:.2f}" if wage else "",
                    _csv_text(f"{wage.source.publisher}: {wage.source.title}") if wage else "",
                    wage.source.url if wage else "",
                    f"{projection.percent:f}" if projection else "",
                    projection.start_year if projection else "",
                    projection.end_year if projection else "",
                    _csv_text(projection.label) if projection else "",
                    _csv_text(f"{projection.source.publisher}: {projection.source.title}") if projection else "",
                    projection.source.url if projection else "",
                ]
            )
        return response
