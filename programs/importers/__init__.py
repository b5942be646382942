"""Importers of the federal data files (IPEDS, College Scorecard): streamed CSV reading, progress and summaries."""
