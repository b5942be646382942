"""Admin for the career-paths domain: sources, occupations with their figures, career steps."""

from django.contrib import admin
from import_export import fields
from import_export.formats.base_formats import CSV
from reversion.admin import VersionAdmin

from .imports import AllOrNothingResource, ByKeyWidget, EditorImportExportAdmin
from .models import (
    CareerStep,
    Duty,
    EmploymentProjection,
    Occupation,
    Source,
    Statement,
    WageFigure,
)

admin.site.site_header = "CareerPath administration"
admin.site.site_title = "CareerPath admin"
admin.site.index_title = "Content"


@admin.register(Source)
class SourceAdmin(VersionAdmin):
    list_display = ["title", "publisher", "published", "seen_on", "provenance", "confidence"]
    list_filter = ["provenance", "confidence", "publisher"]
    fields = ["key", "publisher", "title", "url", "published", "seen_on", "provenance", "confidence", "notes"]
    radio_fields = {"provenance": admin.VERTICAL}
    search_fields = ["title", "publisher", "url", "key"]
    prepopulated_fields = {"key": ["title"]}
    date_hierarchy = "seen_on"


class DutyInline(admin.TabularInline):
    model = Duty
    extra = 0
    autocomplete_fields = ["source"]


class WageFigureInline(admin.TabularInline):
    model = WageFigure
    extra = 0
    autocomplete_fields = ["source"]


class EmploymentProjectionInline(admin.TabularInline):
    model = EmploymentProjection
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Occupation)
class OccupationAdmin(VersionAdmin):
    list_display = ["name", "soc_code", "is_featured", "entry_education", "order"]
    list_filter = ["is_featured"]
    list_editable = ["order"]
    search_fields = ["name", "soc_code", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["entry_education_source"]
    inlines = [DutyInline, WageFigureInline, EmploymentProjectionInline]


@admin.register(Duty)
class DutyAdmin(VersionAdmin):
    list_display = ["text", "kind", "occupation", "order"]
    list_filter = ["kind", "occupation"]
    search_fields = ["text"]
    autocomplete_fields = ["source"]


class WageFigureResource(AllOrNothingResource):
    """Wage figures as CSV rows: the occupation by its slug and the source by its key, so files travel."""

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
        fields = ["occupation", "reference_year", "median_annual_wage", "reference_period", "source"]
        import_id_fields = ["occupation", "reference_year"]
        # Model validation (required fields, year range) runs on every row before anything is saved.
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def get_queryset(self):
        # A row of the file is a national figure: state rows of the same year are not matched by it.
        return super().get_queryset().national()

    def filter_export(self, queryset, **kwargs):
        # The file has no area column: it exports national figures only, which its import reads back.
        return super().filter_export(queryset, **kwargs).national()


@admin.register(WageFigure)
class WageFigureAdmin(EditorImportExportAdmin, VersionAdmin):
    resource_classes = [WageFigureResource]
    formats = [CSV]
    list_display = [
        "occupation",
        "median_annual_wage",
        "reference_year",
        "reference_period",
        "source",
    ]
    list_filter = ["reference_year", "occupation"]
    search_fields = ["occupation__name", "source__title"]
    list_select_related = ["occupation", "source"]
    autocomplete_fields = ["source"]


@admin.register(EmploymentProjection)
class EmploymentProjectionAdmin(VersionAdmin):
    list_display = ["occupation", "percent", "start_year", "end_year", "label", "source"]
    list_filter = ["end_year", "occupation"]
    search_fields = ["occupation__name", "label"]
    list_select_related = ["occupation", "source"]
    autocomplete_fields = ["source"]


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
