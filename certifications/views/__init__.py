"""Views of the credential pages: the comparison and detail pages, and the eligibility checker."""
