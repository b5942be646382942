"""The admin mixin for models editors import and export as CSV: bounded uploads, session-bound previews, plain refusals.

A confirm imports nothing, and says why in plain words, when its preview is gone, belongs to another
sign-in, was tampered with, or when the rows it would change were edited since the preview.
"""

import logging

from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import reverse
from import_export.admin import ImportExportModelAdmin

from .forms import BoundedImportForm
from .previews import ImportPreview, session_fingerprint
from .storage import PreviewGone

logger = logging.getLogger(__name__)


# Why a confirm was refused: what the editor reads, and the status the page is sent with.
REFUSALS = {
    "tampered": (
        400,
        "The confirmation form was incomplete or had been altered, so nothing was imported. "
        "Upload the file again to see a fresh preview.",
    ),
    "gone": (
        410,
        "This preview has expired (a preview is kept for one hour) or was already used, so nothing was "
        "imported. Upload the file again to see a fresh preview.",
    ),
    "other_session": (
        403,
        "This preview was made in another sign-in session, so it cannot be confirmed from here and nothing "
        "was imported. Upload the file again in this window to see a fresh preview.",
    ),
    "changed": (
        409,
        "The data changed since the preview: rows this file would update were edited or added by someone "
        "else in the meantime. Nothing was imported. Upload the file again to see what it would change now.",
    ),
    "invalid": (
        409,
        "Some rows are no longer valid (the data changed since the preview), so nothing was imported. "
        "The problems are listed below; correct the file and upload it again.",
    ),
    "failed": (
        500,
        "The import could not be completed, so nothing was imported. Try again; if it keeps failing, "
        "ask the site's maintainer to look at the server log.",
    ),
}


class EditorImportExportAdmin(ImportExportModelAdmin):
    """Import and export as editors need them: bounded uploads, previews bound to a session, plain refusals."""

    import_form_class = BoundedImportForm
    import_refused_template = "admin/import_export/import_refused.html"

    def add_data_read_fail_error_to_form(self, form, e):
        # The file was stored for a preview before it failed to read; it will never be confirmed.
        stored_as = getattr(form.cleaned_data.get("import_file"), "tmp_storage_name", None)
        if stored_as:
            ImportPreview.objects.filter(name=stored_as).delete()
        form.add_error(
            "import_file",
            "This file could not be read as CSV. In the spreadsheet, save it as “CSV UTF-8 (comma delimited)” "
            "and upload it again.",
        )

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        form = context.get("form")
        upload = form.cleaned_data.get("import_file") if form is not None and hasattr(form, "cleaned_data") else None
        stored_as = getattr(upload, "tmp_storage_name", None)
        if stored_as:
            confirm_form = context.get("confirm_form")
            if confirm_form is None:  # refused: the file will never be confirmed, so it is not kept
                ImportPreview.objects.filter(name=stored_as).delete()
            else:
                ImportPreview.objects.filter(name=stored_as).update(
                    original_name=upload.name[:255],
                    session_hash=session_fingerprint(request),
                    user=request.user,
                    rows_fingerprint=context["result"].rows_fingerprint,
                )
        return response

    def process_import(self, request, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_import_permission(request):
            return super().process_import(request, **kwargs)  # import-export's own 403
        confirm_form = self.create_confirm_form(request)
        if not confirm_form.is_valid() or not self._choices_are_valid(request, confirm_form):
            return self.refuse_import(request, "tampered")
        preview = ImportPreview.objects.filter(name=confirm_form.cleaned_data["import_file_name"]).first()
        if preview is None or preview.is_expired:
            return self.refuse_import(request, "gone")
        if not preview.belongs_to(request):
            return self.refuse_import(request, "other_session")
        if confirm_form.cleaned_data["original_file_name"] != preview.original_name:
            return self.refuse_import(request, "tampered")
        try:
            return super().process_import(
                request, file_name=preview.original_name, expected_fingerprint=preview.rows_fingerprint, **kwargs
            )
        except PreviewGone:
            return self.refuse_import(request, "gone")
        except Exception:
            # The import ran in one transaction, so an error mid-way saved nothing; the log has the details.
            logger.exception("Confirming the import of %s failed", preview.original_name)
            return self.refuse_import(request, "failed")

    def _choices_are_valid(self, request, form):
        formats = self.get_import_formats()
        resources_ = self.get_import_resource_classes(request)
        chosen_format = form.cleaned_data["format"]
        chosen_resource = form.cleaned_data.get("resource") or "0"
        return (
            chosen_format.isdigit()
            and int(chosen_format) < len(formats)
            and chosen_resource.isdigit()
            and int(chosen_resource) < len(resources_)
        )

    def process_result(self, result, request):
        if getattr(result, "changed_since_preview", False) and not (
            result.has_errors() or result.has_validation_errors()
        ):
            return self.refuse_import(request, "changed")
        if result.has_errors() or result.has_validation_errors():
            return self.refuse_import(request, "invalid", result=result)
        return super().process_result(result, request)

    def refuse_import(self, request, reason, *, result=None):
        status, message = REFUSALS[reason]
        ImportPreview.objects.filter(
            name=request.POST.get("import_file_name", ""), session_hash=session_fingerprint(request)
        ).delete()
        context = {
            **self.admin_site.each_context(request),
            "title": "Nothing was imported",
            "opts": self.model._meta,
            "message": message,
            "result": result,
            "import_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_refused_template], context, status=status)
