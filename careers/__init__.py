"""Career paths: occupations, their duties, wage figures and projections, career steps, and the pages that show them."""
