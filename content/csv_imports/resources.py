"""The resource every imported model's resource builds on: all or nothing, formula-safe, confirmed only as previewed.

An editor uploads a file, sees a preview, and confirms. Between the two the file waits in the
database (storage.py), bound to the editor's session; the confirm runs the same import for real and
imports nothing when the rows it would change were edited since the preview (admin.py says so).
"""

import hashlib

import reversion
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from import_export import resources, widgets
from import_export.results import Error

from .checks import check_constraints, file_problems, formula_warnings, plain_error, too_many_rows
from .spreadsheet import escape_formula, unescape_formula


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

    def required_columns(self):
        """The columns a file must have: the key, and every field the model needs a value for."""
        required = list(self.key_columns())
        model_fields = {field.name: field for field in self._meta.model._meta.get_fields()}
        for field in self.get_import_fields():
            model_field = model_fields.get(field.attribute)
            if model_field is None or not getattr(model_field, "concrete", False) or field.column_name in required:
                continue
            if not (model_field.null or model_field.blank or model_field.has_default()):
                required.append(field.column_name)
        return required

    def file_problems(self, dataset):
        """Why the whole file is refused before any row is looked at, in plain words (empty: none)."""
        known = [field.column_name for field in self.get_import_fields()]
        return file_problems(dataset, self.key_columns(), required=self.required_columns(), known=known)

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
            raise ValueError(plain_error(error)) from None
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
        # django-import-export wraps every row in a savepoint, two round trips a row: 10,000 for a 5,000-row
        # file, which on PostgreSQL under load took a confirm past gunicorn's 30-second limit. Neither needs
        # them: a preview writes nothing (save_instance checks constraints in Python), and a confirm saves
        # each row in a savepoint of its own only around the write (do_instance_save), so a refused row
        # leaves the transaction usable to report the others; any row error rolls back the whole file.
        return super().import_data_inner(dataset, dry_run, raise_errors, False, collect_failed_rows, **kwargs)

    def import_data(self, dataset, dry_run=False, **kwargs):
        expected_fingerprint = kwargs.pop("expected_fingerprint", None)
        if dataset.headers:
            dataset.headers = [header.strip() if isinstance(header, str) else header for header in dataset.headers]
        if too_many_rows(len(dataset)):
            return self._refused(dataset, self.file_problems(dataset))
        # The apostrophe an export put before a formula-like cell is not part of the value.
        for number in range(len(dataset)):
            row = dataset[number]
            if any(isinstance(value, str) and value.startswith("'") for value in row):
                dataset[number] = tuple(unescape_formula(value) for value in row)
        problems = self.file_problems(dataset)
        if problems:
            return self._refused(dataset, problems)
        warnings = formula_warnings(dataset)
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
            error.error = plain_error(error.error)
        for _number, errors in result.row_errors():
            for error in errors:
                error.error = plain_error(error.error)
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
