"""Admin for the career-paths domain: sources, occupations with their figures, career steps."""

import csv

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Value
from django.forms.models import ModelChoiceIterator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from import_export import fields
from import_export.formats.base_formats import CSV
from reversion.admin import VersionAdmin

from content.imports import AllOrNothingResource, ByKeyWidget, EditorImportExportAdmin
from content.models import Source, Statement

from .admin_views import due_for_review
from .figures import current_vintage
from .models import Area, CareerStep, Duty, EmploymentProjection, Occupation, WageFigure

# What each column of the wage CSV holds, for the import page and the downloadable template.
WAGE_COLUMNS = [
    ("occupation", "The occupation's slug, exactly as listed below (e.g. the part after /careers/salaries/history/)."),
    ("reference_year", "The year the figures describe, four digits."),
    ("median_annual_wage", "Required. Whole US dollars, digits only: no $ sign, commas or spaces."),
    ("reference_period", "The period as the source names it. Leave blank to use “May <year>”, the month OEWS "
                         "estimates describe; if filled in, it must name the reference year."),
    ("source", "The key of the source the figures come from, as listed below (add the source first if it is new)."),
    ("area", "US for a national figure, or a state's two-letter postal code (DC for the District of Columbia). "
             "Left blank, it means US."),
    ("mean_annual_wage", "Whole US dollars, or blank if the source does not give it."),
    ("employment", "Number employed, digits only, or blank."),
    ("percentile_10", "10th percentile annual wage in whole dollars, or blank."),
    ("percentile_25", "25th percentile annual wage in whole dollars, or blank."),
    ("percentile_75", "75th percentile annual wage in whole dollars, or blank."),
    ("percentile_90", "90th percentile annual wage in whole dollars, or blank."),
    ("median_hourly_wage", "Only the hourly median the source itself publishes, in dollars and cents; leave blank "
                           "rather than dividing the annual wage."),
]  # fmt: skip
WAGE_COLUMN_NAMES = [name for name, _ in WAGE_COLUMNS]


PROJECTION_FIELDS = [
    "occupation",
    "area",
    "start_year",
    "end_year",
    "percent",
    "handbook_percent",
    "base_employment",
    "projected_employment",
    "employment_change",
    "openings_per_year",
    "label",
    "source",
]


def _sources_page():
    return reverse("about") + "#sources"


def _page_link(url, text):
    if not url:
        return "—"
    return format_html('<a href="{}">{}</a>', url, text)


def _money(value):
    """Whole dollars as pages show them: $44,200; a dash where the source gives none."""
    return "—" if value is None else f"${value:,}"


def _count(value):
    return "—" if value is None else f"{value:,}"


# Which sources an editor is offered first for a figure of each kind, and what the groups are called.
SOURCE_GROUPS = {
    "wage": ["BLS wage estimates (OEWS)", "Other BLS sources", "Other sources"],
    "projection": ["BLS Employment Projections", "Other BLS sources", "Other sources"],
}


def source_group(source, kind):
    """The group a source is offered in for a wage or a projection: the matching BLS program first."""
    text = f"{source.key} {source.title} {source.url}".lower()
    if kind == "wage" and ("oews" in text or "/oes" in text or "occupational employment and wage" in text):
        return SOURCE_GROUPS[kind][0]
    if kind == "projection" and ("bls-ep" in text or "/emp/" in text or "employment projections" in text):
        return SOURCE_GROUPS[kind][0]
    if "bls.gov" in text or "bureau of labor statistics" in source.publisher.lower():
        return SOURCE_GROUPS[kind][1]
    return SOURCE_GROUPS[kind][2]


class _GroupedSourceIterator(ModelChoiceIterator):
    """The sources as option groups, the group matching the figure's kind first, newest seen first within each."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups = {name: [] for name in SOURCE_GROUPS[self.field.kind]}
        for source in self.queryset.order_by("-seen_on", "title"):
            groups[source_group(source, self.field.kind)].append(self.choice(source))
        for name, choices in groups.items():
            if choices:
                yield (name, choices)


class SourceChoiceField(forms.ModelChoiceField):
    """A source picker for one kind of figure, each source shown by its full title, publisher and key."""

    iterator = _GroupedSourceIterator

    def __init__(self, *args, kind, **kwargs):
        self.kind = kind
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        publisher = obj.publisher or "publisher not named"
        return f"{obj.title} — {publisher} [{obj.key}]"


class SourcePickerMixin:
    """Offers the sources matching the figure's kind first (a wage: BLS OEWS), with their full titles."""

    source_kind = "wage"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "source":
            kwargs.setdefault("queryset", Source.objects.all())
            return SourceChoiceField(
                kind=self.source_kind,
                label=capfirst(db_field.verbose_name),
                help_text="Sources of this kind are listed first, the most recently seen first.",
                **kwargs,
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class WageFigureForm(forms.ModelForm):
    """The period follows from the year: left blank it is set to “May <year>”, otherwise it must name that year."""

    class Meta:
        model = WageFigure
        fields = WAGE_COLUMN_NAMES
        help_texts = {
            "reference_period": "Leave blank to use “May <year>”, the month OEWS estimates describe. If you fill it "
            "in, it must name the reference year (e.g. May 2025 for 2025).",
        }


class EmploymentProjectionForm(forms.ModelForm):
    """The end year follows from the start year (ten years later) unless given, and is checked against it."""

    class Meta:
        model = EmploymentProjection
        fields = PROJECTION_FIELDS
        help_texts = {"end_year": "Leave blank: a BLS projection ends ten years after it starts (2024 → 2034)."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "end_year" in self.fields:
            self.fields["end_year"].required = False


@admin.register(Source)
class SourceAdmin(VersionAdmin):
    # The first column, the link, never wraps: the date seen is short, a title is not.
    list_display = ["seen_on", "title", "publisher", "published", "provenance", "confidence", "public_page"]
    list_filter = ["provenance", "confidence", "publisher"]
    fields = ["key", "publisher", "title", "url", "published", "seen_on", "provenance", "confidence", "notes"]
    radio_fields = {"provenance": admin.VERTICAL}
    search_fields = ["title", "publisher", "url", "key"]
    prepopulated_fields = {"key": ["title"]}
    date_hierarchy = "seen_on"

    def view_on_site(self, obj):
        return _sources_page()

    @admin.display(description="page")
    def public_page(self, obj):
        return _page_link(_sources_page(), "About: sources")

    def get_urls(self):
        review = path(
            "due-for-review/",
            self.admin_site.admin_view(self.due_for_review_view),
            name="content_due_for_review",
        )
        return [review, *super().get_urls()]

    def due_for_review_view(self, request):
        """Figures and sources older than the review age, oldest first: what the yearly update starts from."""
        if not (
            self.has_view_permission(request)
            and self.admin_site.get_model_admin(WageFigure).has_view_permission(request)
            and self.admin_site.get_model_admin(EmploymentProjection).has_view_permission(request)
        ):
            raise PermissionDenied
        items, cutoff, months = due_for_review()
        context = {
            **self.admin_site.each_context(request),
            "title": "Due for review",
            "opts": self.model._meta,
            "items": items,
            "cutoff": cutoff,
            "months": months,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/careers/due_for_review.html", context)


class DutyInline(admin.TabularInline):
    model = Duty
    extra = 0
    autocomplete_fields = ["source"]


class WageFigureInline(SourcePickerMixin, admin.TabularInline):
    model = WageFigure
    form = WageFigureForm
    extra = 0
    fields = ["area", "reference_year", "reference_period", "median_annual_wage", "source"]
    source_kind = "wage"


class EmploymentProjectionInline(SourcePickerMixin, admin.TabularInline):
    model = EmploymentProjection
    form = EmploymentProjectionForm
    extra = 0
    fields = ["area", "start_year", "end_year", "percent", "source"]
    source_kind = "projection"


@admin.register(Occupation)
class OccupationAdmin(VersionAdmin):
    list_display = ["name", "soc_code", "is_featured", "entry_education", "order"]
    list_filter = ["is_featured"]
    list_editable = ["order"]
    search_fields = ["name", "soc_code", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["entry_education_source"]
    inlines = [DutyInline, WageFigureInline, EmploymentProjectionInline]

    def view_on_site(self, obj):
        return reverse("careers:salary-history", args=[obj.slug])


@admin.register(Duty)
class DutyAdmin(VersionAdmin):
    list_display = ["text", "kind", "occupation", "order"]
    list_filter = ["kind", "occupation"]
    search_fields = ["text"]
    autocomplete_fields = ["source"]


class WageFigureResource(AllOrNothingResource):
    """Wage figures as CSV rows: the occupation by its slug, the source by its key and the area by its code."""

    occupation = fields.Field(
        attribute="occupation",
        column_name="occupation",
        widget=ByKeyWidget(Occupation, field="slug"),
    )
    source = fields.Field(
        attribute="source",
        column_name="source",
        widget=ByKeyWidget(Source, field="key"),
    )

    class Meta:
        model = WageFigure
        fields = WAGE_COLUMN_NAMES
        import_order = WAGE_COLUMN_NAMES
        export_order = WAGE_COLUMN_NAMES
        import_id_fields = ["occupation", "reference_year", "area"]
        # Model validation (required fields, year range, period against year) runs on every row before anything
        # is saved.
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def import_data(self, dataset, dry_run=False, **kwargs):
        # A file without an area column, or a row with a blank area, is national: files made before areas existed
        # still import.
        if dataset.headers:
            dataset.headers = [header.strip() if isinstance(header, str) else header for header in dataset.headers]
            if "area" not in dataset.headers:
                dataset.append_col([Area.NATION] * len(dataset), header="area")
            else:
                position = dataset.headers.index("area")
                for number in range(len(dataset)):
                    row = list(dataset[number])
                    row[position] = str(row[position] or "").strip().upper() or Area.NATION
                    dataset[number] = tuple(row)
        return super().import_data(dataset, dry_run=dry_run, **kwargs)


class CurrentVintageAdminMixin:
    """Annotates the rows with the current wage year and projection period (one query), for their public links."""

    # A foreign key column never wraps in the admin's lists ("nowrap"); an occupation's name is long.
    @admin.display(description="occupation", ordering="occupation__name")
    def occupation_name(self, obj):
        return obj.occupation.name

    @admin.display(description="area", ordering="area")
    def area_code(self, obj):
        return obj.area

    def get_queryset(self, request):
        vintage = current_vintage()
        start, end = vintage.projection_period or (None, None)
        return (
            super()
            .get_queryset(request)
            .annotate(
                current_wage_year=Value(vintage.wage_year, output_field=IntegerField()),
                current_projection_start=Value(start, output_field=IntegerField()),
                current_projection_end=Value(end, output_field=IntegerField()),
            )
        )


def wage_page(wage):
    """Where a wage appears: the salaries page while current, its occupation's history page once older,
    the pay-by-state page for a state row."""
    if wage.area != Area.NATION:
        return reverse("careers:salaries") + "states/", "Pay by state"
    if wage.reference_year == getattr(wage, "current_wage_year", None):
        return reverse("careers:salaries"), "Salaries"
    return reverse("careers:salary-history", args=[wage.occupation.slug]), "History"


def projection_page(projection):
    current = (
        getattr(projection, "current_projection_start", None),
        getattr(projection, "current_projection_end", None),
    )
    if projection.area == Area.NATION and (projection.start_year, projection.end_year) == current:
        return reverse("careers:salaries"), "Salaries"
    return reverse("careers:salary-history", args=[projection.occupation.slug]), "History"


@admin.register(WageFigure)
class WageFigureAdmin(CurrentVintageAdminMixin, SourcePickerMixin, EditorImportExportAdmin, VersionAdmin):
    resource_classes = [WageFigureResource]
    formats = [CSV]
    form = WageFigureForm
    source_kind = "wage"
    import_template_name = "admin/careers/wagefigure/import.html"
    # The first column is the link to the figure, a cell that never wraps: the period is short, a name is not.
    list_display = [
        "period",
        "occupation_name",
        "area_code",
        "median",
        "mean",
        "employment_count",
        "source_name",
        "public_page",
    ]
    list_filter = ["reference_year", "area", "occupation"]
    search_fields = ["occupation__name", "source__title", "reference_period"]
    list_select_related = ["occupation", "source"]
    fieldsets = [
        (None, {"fields": ["occupation", "area", "reference_year", "reference_period", "source"]}),
        (
            "Figures",
            {
                "fields": [
                    "median_annual_wage",
                    "mean_annual_wage",
                    "employment",
                    ("percentile_10", "percentile_25"),
                    ("percentile_75", "percentile_90"),
                    "median_hourly_wage",
                ]
            },
        ),
    ]

    @admin.display(description="period", ordering="reference_year")
    def period(self, obj):
        return obj.period_text

    @admin.display(description="median", ordering="median_annual_wage")
    def median(self, obj):
        return _money(obj.median_annual_wage)

    @admin.display(description="mean", ordering="mean_annual_wage")
    def mean(self, obj):
        return _money(obj.mean_annual_wage)

    @admin.display(description="employed", ordering="employment")
    def employment_count(self, obj):
        return _count(obj.employment)

    @admin.display(description="source", ordering="source__title")
    def source_name(self, obj):
        return obj.source.title

    @admin.display(description="page")
    def public_page(self, obj):
        return _page_link(*wage_page(obj))

    def view_on_site(self, obj):
        return wage_page(obj)[0]

    def get_urls(self):
        template = path(
            "import-template/",
            self.admin_site.admin_view(self.import_template_view),
            name="careers_wagefigure_import_template",
        )
        return [template, *super().get_urls()]

    def import_template_view(self, request):
        """The import's CSV template: the header row an import expects, and nothing else to delete."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="wage-figures-template.csv"'
        csv.writer(response, lineterminator="\r\n").writerow(WAGE_COLUMN_NAMES)
        return response

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        context.update(
            columns=WAGE_COLUMNS,
            template_url=reverse("admin:careers_wagefigure_import_template"),
            occupations=Occupation.objects.order_by("order", "name"),
            wage_sources=[source for source in Source.objects.order_by("-seen_on", "title")
                          if source_group(source, "wage") == SOURCE_GROUPS["wage"][0]],
            areas=Area.choices,
        )  # fmt: skip
        return context


@admin.register(EmploymentProjection)
class EmploymentProjectionAdmin(CurrentVintageAdminMixin, SourcePickerMixin, VersionAdmin):
    form = EmploymentProjectionForm
    source_kind = "projection"
    list_display = [
        "period",
        "occupation_name",
        "area_code",
        "percent_change",
        "openings",
        "label",
        "source_name",
        "public_page",
    ]
    list_filter = ["end_year", "area", "occupation"]
    search_fields = ["occupation__name", "label"]
    list_select_related = ["occupation", "source"]
    fields = PROJECTION_FIELDS

    @admin.display(description="period", ordering="end_year")
    def period(self, obj):
        return obj.period_text

    @admin.display(description="change", ordering="percent")
    def percent_change(self, obj):
        return obj.percent_text

    @admin.display(description="openings/yr", ordering="openings_per_year")
    def openings(self, obj):
        return obj.openings_text or "—"

    @admin.display(description="source", ordering="source__title")
    def source_name(self, obj):
        return obj.source.title

    @admin.display(description="page")
    def public_page(self, obj):
        return _page_link(*projection_page(obj))

    def view_on_site(self, obj):
        return projection_page(obj)[0]


@admin.register(CareerStep)
class CareerStepAdmin(VersionAdmin):
    list_display = ["name", "kind", "order"]
    list_filter = ["kind"]
    list_editable = ["order"]
    search_fields = ["name", "summary", "examples"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["occupations"]
    autocomplete_fields = ["source"]


@admin.register(Statement)
class StatementAdmin(VersionAdmin):
    list_display = ["key", "topic", "text", "order"]
    list_filter = ["topic"]
    search_fields = ["key", "text"]
    autocomplete_fields = ["source"]
