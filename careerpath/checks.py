"""System checks for deployments: what `manage.py check --deploy` says about running several instances."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def several_instances_share_one_cache(app_configs, **kwargs):
    """Several instances each keeping their own content version would serve stale pages after an edit."""
    from .page_cache import version_is_shared

    instances = getattr(settings, "DEPLOYMENT_INSTANCES", 1)
    if instances > 1 and not version_is_shared():
        return [
            Warning(
                f"DJANGO_INSTANCES is {instances} but there is no shared cache: each instance would keep its "
                "own page cache and content version, so an edit made on one would not reach visitors of "
                "the others.",
                hint="Set REDIS_URL to the same Redis for every instance (see .env.example).",
                id="careerpath.W001",
            )
        ]
    return []
