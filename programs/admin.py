"""Admin for education: paths, topics, selection factors and programs."""

from django.contrib import admin
from import_export import fields
from import_export.formats.base_formats import CSV
from import_export.instance_loaders import CachedInstanceLoader
from reversion.admin import VersionAdmin

from certifications.models import Accreditor
from content.csv_imports.admin import EditorImportExportAdmin
from content.csv_imports.resources import AllOrNothingResource, ByKeyWidget

from .models import EducationPath, Program, SelectionFactor, Topic


@admin.register(Topic)
class TopicAdmin(VersionAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["source"]


@admin.register(EducationPath)
class EducationPathAdmin(VersionAdmin):
    list_display = [
        "name",
        "length_text",
        "min_months",
        "max_months",
        "includes_general_education",
        "order",
    ]
    list_filter = ["includes_general_education"]
    search_fields = ["name", "focus"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["topics"]
    autocomplete_fields = ["source"]


@admin.register(SelectionFactor)
class SelectionFactorAdmin(VersionAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name", "guidance", "question"]
    autocomplete_fields = ["source"]


class ProgramResource(AllOrNothingResource):
    """Programs as CSV rows, one per slug; the path and accreditor are named by their slugs."""

    path = fields.Field(
        attribute="path",
        column_name="path",
        widget=ByKeyWidget(EducationPath, field="slug"),
    )
    accreditor = fields.Field(
        attribute="accreditor",
        column_name="accreditor",
        widget=ByKeyWidget(Accreditor, field="slug"),
    )

    class Meta:
        model = Program
        # The federal data are set by the import commands (import_ipeds, import_scorecard), not by an editor's file.
        exclude = ["id", *Program.FEDERAL_FIELDS]
        import_id_fields = ["slug"]
        # Every program the file names is looked up in one query, not one per row.
        instance_loader_class = CachedInstanceLoader
        # Model validation (choices, ranges, required fields) runs on every row before anything is saved.
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True


@admin.register(Program)
class ProgramAdmin(EditorImportExportAdmin, VersionAdmin):
    resource_classes = [ProgramResource]
    formats = [CSV]
    list_display = [
        "name",
        "institution",
        "city",
        "state",
        "delivery_format",
        "path",
        "accreditor",
        "total_cost",
        "months",
        "is_example",
        "last_verified",
        "completions_year",
    ]
    list_filter = [
        "is_example",
        "no_recent_completions",
        "accreditor_known",
        "award_level",
        "delivery_format",
        "path",
        "accreditor",
        "has_externship",
        "has_placement_help",
        "state",
    ]
    search_fields = ["name", "institution", "city", "state", "=unitid"]
    list_select_related = ["path", "accreditor"]
    # The federal data are the import commands' to change: an editor sees them, and corrects the rest.
    readonly_fields = Program.FEDERAL_FIELDS
    prepopulated_fields = {"slug": ["institution", "name"]}
    date_hierarchy = "last_verified"
    list_per_page = 50
