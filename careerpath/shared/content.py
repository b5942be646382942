"""The content apps: the app labels whose rows are the published content.

One list for everything that treats content as a whole: the page cache's invalidation, the fixtures
`load_content` loads (in this order, so sources come before what cites them), backup and restore.
"""

CONTENT_APPS = ("careerpath", "programs", "certifications")
