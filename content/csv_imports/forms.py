"""The admin's upload form for an import, refusing a file too big or too long before anything else reads it."""

import csv
import io

from django.core.exceptions import ValidationError
from import_export.forms import ImportForm

from .checks import MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, nul_problem, too_many_rows

# Python's csv module refuses a cell over 128 KB as unreadable, which hid what was wrong; the file's own
# limit (2 MB) bounds it instead, and checks.cell_problems names any cell longer than a field can hold.
csv.field_size_limit(max(csv.field_size_limit(), MAX_IMPORT_BYTES))


def _megabytes(size):
    return f"{size / (1024 * 1024):.1f} MB"


class BoundedImportForm(ImportForm):
    """The upload form, with the file's limits in its help text and its refusals in plain words."""

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
        raw = b"".join(upload.chunks())
        upload.seek(0)
        if nul_problem(raw):
            raise ValidationError(nul_problem(raw), code="nul")
        rows = _count_rows(upload)
        if rows is not None and too_many_rows(rows):
            raise ValidationError(
                f"{too_many_rows(rows)} Split it into smaller files and import them one after another.",
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
