"""How a text cell is written to a CSV file a spreadsheet may open, and read back: one rule for every CSV.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return as a formula (CSV injection). Such a cell is written with a leading apostrophe, which the
spreadsheet shows as text and hides. A value that already starts with apostrophes before one of
those characters gets one more, so reading removes exactly the apostrophe writing added and every
value survives the round trip unchanged.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(value):
    """True when a spreadsheet would run this text as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def escape_formula(value):
    """The cell text to write: the value, with a leading apostrophe if a spreadsheet would run it."""
    value = "" if value is None else value
    if not isinstance(value, str):
        return value
    return f"'{value}" if starts_like_formula(value.lstrip("'")) else value


def unescape_formula(value):
    """The value a cell written by escape_formula stands for: its added apostrophe removed."""
    if isinstance(value, str) and value.startswith("'") and starts_like_formula(value.lstrip("'")):
        return value[1:]
    return value
