"""The admin's CSV imports and exports: all or nothing, formula-safe, bounded, and confirmed only as previewed.

An editor uploads a file, sees a preview, and confirms. Between the two the file waits in the
database (``DatabasePreviewStorage``), bound to the editor's session; the confirm runs the same
import for real and refuses, in plain words and saving nothing, when the preview is gone, belongs
to someone else, was tampered with, or when the rows it would change were edited since the preview.
"""

import csv
import hashlib
import io
import logging
from uuid import uuid4

import reversion
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import reverse
from import_export import resources, widgets
from import_export.admin import ImportExportModelAdmin
from import_export.forms import ImportForm
from import_export.results import Error
from import_export.tmp_storages import BaseStorage

from .previews import ImportPreview, session_fingerprint
from .spreadsheet import escape_formula, starts_like_formula, unescape_formula

logger = logging.getLogger(__name__)

# Refused before any other work: a bigger file is split into several.
MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000


def _megabytes(size):
    return f"{size / (1024 * 1024):.1f} MB"


class DatabasePreviewStorage(BaseStorage):
    """django-import-export's temporary storage, in the ImportPreview table instead of a cache or /tmp."""

    def save(self, data):
        if not self.name:
            self.name = uuid4().hex
        if isinstance(data, str):
            data = data.encode(self.encoding or "utf-8")
        ImportPreview.objects.update_or_create(name=self.name, defaults={"data": data})

    def read(self):
        preview = ImportPreview.objects.live().filter(name=self.name).first()
        if preview is None:
            raise PreviewGone(self.name)
        data = bytes(preview.data)
        if "b" in self.read_mode:
            return data
        return data.decode(self.encoding or "utf-8-sig")

    def remove(self):
        ImportPreview.objects.filter(name=self.name).delete()


class PreviewGone(Exception):
    """The preview a confirm names has expired or was already used."""


class ByKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key named by a readable key in the CSV; an unknown key is a clear row error.

    The referenced tables are small (paths, accreditors, occupations, sources), so the first row
    loads them all once per import instead of one query per row.
    """

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        key = str(value).strip()
        by_key = self.__dict__.get("_by_key")
        if by_key is None:
            by_key = {str(getattr(obj, self.field)): obj for obj in self.get_queryset(value, row, **kwargs)}
            self._by_key = by_key
        try:
            return by_key[key]
        except KeyError:
            raise ValueError(f"No {self.model._meta.verbose_name} has the {self.field} “{value}”.") from None

    def forget(self):
        self.__dict__.pop("_by_key", None)


def _plain_error(error):
    """What an editor is told about a row or file error: its meaning, never an exception's class or traceback."""
    if isinstance(error, ValidationError):
        return error
    if isinstance(error, IntegrityError):
        return ValueError(
            "The database refused this row: a value that must be unique is already used, "
            "or a required value is missing."
        )
    if isinstance(error, ArithmeticError):
        return ValueError("A number in this row could not be read; use digits only, e.g. 12500.")
    message = str(error) if isinstance(error, ValueError | LookupError) else ""
    if not message or "<class" in message or "Traceback" in message:
        message = "This row could not be read or saved. Check its values against the columns listed above."
    return ValueError(message)


class AllOrNothingResource(resources.ModelResource):
    """An import that saves every row or none: one invalid row rolls back the whole file.

    import-export rolls back on exceptions only; rows failing validation would otherwise be
    skipped while the valid ones are saved (e.g. when data changed between preview and confirm).

    A confirmed import is also one revision in each row's history ("Imported from <file>", by the
    editor), so an editor can see what a file changed and revert a row, as after an edit by hand.

    Exports write cells a spreadsheet would run as formulas with a leading apostrophe (the rule of
    the public CSVs); imports remove it again, so an exported file re-imports unchanged.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, ByKeyWidget):
                field.widget.forget()
        self._rows_seen = []

    def get_import_fields(self):
        # Asked for on every row (and twice per row by the preview's diff); the answer never changes.
        if self.__dict__.get("_import_fields") is None:
            self._import_fields = super().get_import_fields()
        return self._import_fields

    # Export -------------------------------------------------------------------------------------

    def export_field(self, field, instance, **kwargs):
        return escape_formula(super().export_field(field, instance, **kwargs))

    # Import -------------------------------------------------------------------------------------

    def key_columns(self):
        return [self.fields[name].column_name for name in self.get_import_id_fields()]

    def file_problems(self, dataset):
        """Why the whole file is refused before any row is looked at, in plain words (empty: none)."""
        if len(dataset) > MAX_IMPORT_ROWS:
            return [
                f"This file has {len(dataset):,} rows; at most {MAX_IMPORT_ROWS:,} can be imported at once. "
                "Split it into smaller files."
            ]
        columns = self.key_columns()
        headers = dataset.headers or []
        if not all(column in headers for column in columns):
            return []  # import-export names the missing key columns itself
        positions = [headers.index(column) for column in columns]
        first_row_with = {}
        problems = []
        for number, row in enumerate(dataset, 1):
            key = tuple(str(row[position] if row[position] is not None else "").strip() for position in positions)
            if key in first_row_with:
                named = ", ".join(f"{column} “{value}”" for column, value in zip(columns, key, strict=True))
                problems.append(
                    f"Rows {first_row_with[key]} and {number} both have {named}: a file may list each "
                    "one once. Remove or correct one of them and upload the file again."
                )
            else:
                first_row_with[key] = number
        return problems

    def formula_warnings(self, dataset):
        """Cells that start like a spreadsheet formula: saved as text, but worth a second look."""
        warnings = []
        for number, row in enumerate(dataset, 1):
            for column, value in zip(dataset.headers or [], row, strict=False):
                if starts_like_formula(value) and not _is_number(value):
                    shown = value.replace("\t", "⇥").replace("\r", "↵")
                    warnings.append(
                        f"Row {number}, column “{column}”: “{shown[:80]}” starts with “{shown[0]}”, so a "
                        "spreadsheet could run it as a formula. It will be saved as plain text, exactly as shown."
                    )
        return warnings

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        """A cell that cannot be read is a plain sentence naming its column and value, never an exception's class.

        It is raised as a ValueError, so import-export lists it with the row's other problems, and every
        row is still checked: an editor sees all of a file's problems at once.
        """
        try:
            return super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)
        except (ValueError, ArithmeticError, TypeError) as error:
            message = str(error) if isinstance(error, ValueError) else ""
            if not message or "<class" in message or "could not be parsed" in message.lower():
                value = str(row.get(field.column_name, "") or "").strip()
                if isinstance(field.widget, widgets.NumberWidget):
                    message = (
                        f"“{value}” in the column “{field.column_name}” is not a number: write digits only, "
                        "without a $ sign, commas or spaces."
                    )
                else:
                    message = f"“{value}” in the column “{field.column_name}” could not be read."
            raise ValueError(message) from None

    def get_or_init_instance(self, instance_loader, row):
        try:
            instance, new = super().get_or_init_instance(instance_loader, row)
        except (ValueError, ArithmeticError, TypeError) as error:
            # A key column that cannot be read: say which, as import_field does for the other columns.
            for name in self.get_import_id_fields():
                try:
                    self.import_field(self.fields[name], self._meta.model(), row)
                except ValueError as plain:
                    raise plain from None
            raise ValueError(_plain_error(error)) from None
        # What each row would change, as it is now: the confirm checks it is still what the preview saw.
        if new:
            self._rows_seen.append("new")
        else:
            self._rows_seen.append(repr([getattr(instance, f.attname) for f in instance._meta.concrete_fields]))
        return instance, new

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Model validation, without a query per row for what this import already knows or the database checks.

        A foreign key found by its key was just read from the database, so it exists. Constraints
        are checked when the row is saved: by check_constraints in the preview (which writes
        nothing), by the database at the confirm, where do_instance_save turns a violation into
        the constraint's own message.
        """
        errors = dict(import_validation_errors or {})
        if self._meta.clean_model_instances:
            known = [
                field.attribute
                for field in self.fields.values()
                if isinstance(field.widget, ByKeyWidget)
                and getattr(instance, f"{field.attribute}_id", None) is not None
            ]
            try:
                instance.full_clean(exclude=[*errors.keys(), *known], validate_unique=False, validate_constraints=False)
            except ValidationError as e:
                errors = e.update_error_dict(errors)
            if validate_unique:
                # The row was looked up by its key columns (and a file naming a key twice is refused),
                # so those cannot clash with another row: only other unique fields need a query.
                keys = [self.fields[name].attribute for name in self.get_import_id_fields()]
                try:
                    instance.validate_unique(exclude=[*errors.keys(), *keys])
                except ValidationError as e:
                    errors = e.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        if not kwargs.get("dry_run"):
            return super().save_instance(instance, is_create, row, **kwargs)
        # The preview checks the model's constraints in Python instead of writing every row and
        # rolling it back, which is most of a large file's preview time.
        self.before_save_instance(instance, row, **kwargs)
        check_constraints(instance, skip_unique=[self.fields[name].attribute for name in self.get_import_id_fields()])
        self.after_save_instance(instance, row, **kwargs)

    def save_m2m(self, instance, row, **kwargs):
        if kwargs.get("dry_run") and instance.pk is None:
            return None  # nothing to attach to in a preview; the confirm saves and checks them
        return super().save_m2m(instance, row, **kwargs)

    def do_instance_save(self, instance, is_create):
        try:
            with transaction.atomic():
                super().do_instance_save(instance, is_create)
        except IntegrityError as error:
            for constraint in instance._meta.constraints:
                if constraint.name in str(error):
                    raise ValidationError(constraint.get_violation_error_message()) from None
            raise

    def rows_fingerprint(self):
        return hashlib.sha256("\n".join(self._rows_seen).encode()).hexdigest()

    def import_data_inner(self, dataset, dry_run, raise_errors, using_transactions, collect_failed_rows, **kwargs):
        # django-import-export wraps every row in a savepoint. A preview writes nothing (save_instance
        # checks constraints in Python) and runs inside import_data's own transaction, rolled back at
        # the end, so those savepoints are only two round trips a row: 10,000 for a 5,000-row file.
        per_row_savepoints = using_transactions and not dry_run
        return super().import_data_inner(
            dataset, dry_run, raise_errors, per_row_savepoints, collect_failed_rows, **kwargs
        )

    def import_data(self, dataset, dry_run=False, **kwargs):
        expected_fingerprint = kwargs.pop("expected_fingerprint", None)
        if dataset.headers:
            dataset.headers = [header.strip() if isinstance(header, str) else header for header in dataset.headers]
        if len(dataset) > MAX_IMPORT_ROWS:
            return self._refused(dataset, self.file_problems(dataset))
        # The apostrophe an export put before a formula-like cell is not part of the value.
        for number in range(len(dataset)):
            row = dataset[number]
            if any(isinstance(value, str) and value.startswith("'") for value in row):
                dataset[number] = tuple(unescape_formula(value) for value in row)
        problems = self.file_problems(dataset)
        if problems:
            return self._refused(dataset, problems)
        warnings = self.formula_warnings(dataset)
        self._rows_seen = []

        with transaction.atomic():
            if dry_run:  # the preview saves nothing, so it records no history either
                result = super().import_data(dataset, dry_run=dry_run, **kwargs)
            else:
                with reversion.create_revision():
                    user = kwargs.get("user")
                    if user is not None and user.is_authenticated:
                        reversion.set_user(user)
                    reversion.set_comment(f"Imported from {kwargs.get('file_name') or 'a CSV file'}")
                    result = super().import_data(dataset, dry_run=dry_run, **kwargs)
            result.formula_warnings = warnings
            result.rows_fingerprint = self.rows_fingerprint()
            result.changed_since_preview = (
                expected_fingerprint is not None and expected_fingerprint != result.rows_fingerprint
            )
            if result.has_errors() or result.has_validation_errors() or result.changed_since_preview:
                transaction.set_rollback(True)
        for error in result.base_errors:
            error.error = _plain_error(error.error)
        for _number, errors in result.row_errors():
            for error in errors:
                error.error = _plain_error(error.error)
        return result

    def _refused(self, dataset, problems):
        result = self.get_result_class()()
        result.diff_headers = self.get_diff_headers()
        result.total_rows = len(dataset)
        for problem in problems:
            result.append_base_error(Error(ValueError(problem)))
        result.formula_warnings = []
        result.rows_fingerprint = ""
        result.changed_since_preview = False
        return result


def check_constraints(instance, *, skip_unique=()):
    """Raise the violation message of any of the model's constraints the instance breaks.

    Check constraints made of plain comparisons are evaluated here with SQL's rule (a NULL
    comparison passes); any other constraint asks the database, as Django's full_clean does. A
    unique constraint on exactly the import's key columns is skipped: the row was found by them.
    """
    for constraint in instance._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and set(constraint.fields) == set(skip_unique):
            continue
        if isinstance(constraint, models.CheckConstraint):
            try:
                if _holds(constraint.condition, instance) is not False:
                    continue
            except _NotPlain:
                pass
            else:
                raise ValidationError(constraint.get_violation_error_message(), code=constraint.violation_error_code)
        constraint.validate(type(instance), instance)


class _NotPlain(Exception):
    """A constraint condition this module does not evaluate in Python."""


_COMPARISONS = {
    "exact": lambda a, b: a == b,
    "gt": lambda a, b: a > b,
    "gte": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "lte": lambda a, b: a <= b,
}


def _holds(condition, instance):
    """True, False or None (SQL's unknown) for a Q of plain comparisons on the instance's fields."""
    outcomes = []
    for child in condition.children:
        if isinstance(child, Q):
            outcomes.append(_holds(child, instance))
            continue
        lookup, expected = child
        name, _, operator = lookup.partition("__")
        operator = operator or "exact"
        value = _field_value(instance, name)
        if operator == "isnull":
            outcomes.append((value is None) == bool(expected))
            continue
        if operator not in _COMPARISONS:
            raise _NotPlain(lookup)
        if isinstance(expected, F):
            expected = _field_value(instance, expected.name)
        elif hasattr(expected, "resolve_expression"):
            raise _NotPlain(lookup)
        outcomes.append(None if value is None or expected is None else _COMPARISONS[operator](value, expected))
    if condition.connector == Q.AND:
        outcome = False if False in outcomes else (None if None in outcomes else True)
    else:
        outcome = True if True in outcomes else (None if None in outcomes else False)
    if condition.negated and outcome is not None:
        outcome = not outcome
    return outcome


def _field_value(instance, name):
    try:
        field = instance._meta.get_field(name)
    except Exception:
        raise _NotPlain(name) from None
    if not getattr(field, "concrete", False) or "__" in name:
        raise _NotPlain(name)
    return getattr(instance, field.attname)


def _is_number(value):
    try:
        float(value.replace(",", ""))
    except ValueError:
        return False
    return True


class BoundedImportForm(ImportForm):
    """The upload form, refusing a file too big or too long before anything else reads it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["import_file"].help_text = (
            f"A CSV file of at most {_megabytes(MAX_IMPORT_BYTES)} and {MAX_IMPORT_ROWS:,} rows, "
            "with the columns listed above. Nothing is saved until you confirm the preview."
        )

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(
                f"This file is {_megabytes(upload.size)}; the limit is {_megabytes(MAX_IMPORT_BYTES)}. "
                "Split it into smaller files and import them one after another.",
                code="too_big",
            )
        rows = _count_rows(upload)
        if rows is not None and rows > MAX_IMPORT_ROWS:
            raise ValidationError(
                f"This file has {rows:,} rows; at most {MAX_IMPORT_ROWS:,} can be imported at once. "
                "Split it into smaller files and import them one after another.",
                code="too_long",
            )
        return upload


def _count_rows(upload):
    """Data rows (after the header) of an uploaded CSV file, or None when it cannot be read as text."""
    raw = b"".join(upload.chunks())
    upload.seek(0)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    try:
        return max(sum(1 for row in csv.reader(io.StringIO(text, newline="")) if any(row)) - 1, 0)
    except csv.Error:
        return None


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


__all__ = [
    "MAX_IMPORT_BYTES",
    "MAX_IMPORT_ROWS",
    "AllOrNothingResource",
    "BoundedImportForm",
    "ByKeyWidget",
    "DatabasePreviewStorage",
    "EditorImportExportAdmin",
]
