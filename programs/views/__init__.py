"""Views of the education pages, one module per tool: paths, directory (list/detail/compare), checklist."""
