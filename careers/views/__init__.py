"""The career-paths app's pages: careers.py, salaries.py (pay tables and history), states.py (pay by state)."""
