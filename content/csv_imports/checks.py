"""What an import file and its rows must satisfy before anything is saved, each refusal in plain words.

The whole file is checked first (its length, a key listed twice, cells that look like formulas); each
row's model constraints are checked in Python during a preview, which writes nothing.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models
from django.db.models import F, Q

from .spreadsheet import starts_like_formula

# Refused before any other work: a bigger file is split into several.
MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
# No column of an imported model holds more; a longer cell is a mistake (a pasted document, a shifted row).
MAX_CELL_CHARACTERS = 1000


def too_many_rows(rows):
    """Why a file of this many data rows is refused, or '' when it is short enough."""
    if rows <= MAX_IMPORT_ROWS:
        return ""
    return f"This file has {rows:,} rows; at most {MAX_IMPORT_ROWS:,} can be imported at once."


def nul_problem(raw):
    """Why a file holding a NUL character is refused (naming its line), or '' when it holds none."""
    position = raw.find(b"\x00")
    if position < 0:
        return ""
    line = raw[:position].count(b"\n") + 1
    return (
        f"Line {line} of the file holds a NUL character (an invisible control character, usually from a "
        "damaged file or one saved in another format), so nothing was read. Save the sheet again as "
        "“CSV UTF-8 (comma delimited)” and upload it again."
    )


def column_problems(headers, required, known):
    """Why the header row is refused: the required columns it lacks, and the columns no field reads."""
    missing = [column for column in required if column not in headers]
    if not missing:
        return []
    unknown = [column for column in headers if column and column not in known]
    problem = (
        f"The file's first row lacks the column{'s' if len(missing) > 1 else ''} "
        f"{', '.join(f'“{column}”' for column in missing)}"
    )
    if unknown:
        problem += f" and has {', '.join(f'“{column}”' for column in unknown)}, which the import does not read"
    return [
        f"{problem}. The first row must name the columns listed above (download the CSV template to start "
        "from one), then the data rows follow."
    ]


def cell_problems(dataset):
    """Cells longer than any field holds, each named by row and column."""
    problems = []
    for number, row in enumerate(dataset, 1):
        for column, value in zip(dataset.headers or [], row, strict=False):
            if isinstance(value, str) and len(value) > MAX_CELL_CHARACTERS:
                problems.append(
                    f"Row {number}, column “{column}”: the cell holds {len(value):,} characters; a cell may hold "
                    f"at most {MAX_CELL_CHARACTERS:,}. Check that the row's values are in their own columns."
                )
    return problems


def file_problems(dataset, key_columns, *, required=(), known=()):
    """Why the whole file is refused before any row is looked at, in plain words (empty: none)."""
    if too_many_rows(len(dataset)):
        return [f"{too_many_rows(len(dataset))} Split it into smaller files."]
    headers = dataset.headers or []
    problems = column_problems(headers, required, known) + cell_problems(dataset)
    if problems:
        return problems
    if not all(column in headers for column in key_columns):
        return []  # import-export names the missing key columns itself
    positions = [headers.index(column) for column in key_columns]
    first_row_with = {}
    problems = []
    for number, row in enumerate(dataset, 1):
        key = tuple(str(row[position] if row[position] is not None else "").strip() for position in positions)
        if key in first_row_with:
            named = ", ".join(f"{column} “{value}”" for column, value in zip(key_columns, key, strict=True))
            problems.append(
                f"Rows {first_row_with[key]} and {number} both have {named}: a file may list each "
                "one once. Remove or correct one of them and upload the file again."
            )
        else:
            first_row_with[key] = number
    return problems


def formula_warnings(dataset):
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


def _is_number(value):
    try:
        float(value.replace(",", ""))
    except ValueError:
        return False
    return True


def plain_error(error):
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
