"""CareerPath: the site package (settings, URLs, WSGI) and the career-paths app."""
