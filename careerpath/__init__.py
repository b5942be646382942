"""The site: settings, the root URLconf, middleware, the page cache, site-wide views and deployment checks.

It owns no models; it assembles the apps below it (README, "Layout") and may import any of them.
"""
