"""Admin for the career-paths domain: sources, occupations with their figures, career steps.

One module per responsibility; importing them registers the admins.
"""

from . import figures, occupations, sources  # noqa: F401 (registers the admins)
from .wage_import import WAGE_COLUMN_NAMES, WAGE_COLUMNS, WageFigureResource

__all__ = ["WAGE_COLUMNS", "WAGE_COLUMN_NAMES", "WageFigureResource"]
