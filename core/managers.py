from django.db import models


class NaturalKeySlugManager(models.Manager):
    """Fixtures refer to slugged rows by their slug, so seeds stay readable and idempotent."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)
