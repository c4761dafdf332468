from operator import attrgetter

from django.db import models


class NaturalKeyManager(models.Manager):
    """Finds a row by its natural key, so that fixtures refer to rows by what they are rather than
    by their ids (seeds stay readable and idempotent): `NaturalKeyManager("film__slug", "title")`
    looks up the values of `natural_key()`, in order, through those lookups."""

    def __init__(self, *lookups):
        super().__init__()
        self.lookups = lookups

    def get_by_natural_key(self, *key):
        return self.get(**dict(zip(self.lookups, key, strict=True)))


class NaturalKeySlugManager(NaturalKeyManager):
    """Slugged rows, found by their slug."""

    def __init__(self):
        super().__init__("slug")


class HasNaturalKey:
    """A model mixin: natural_key() is what its NaturalKeyManager's lookups read, in order."""

    # No natural_key.dependencies: a dump already puts first the rows a foreign key points to
    # when their model has a natural key, and those are the rows such a key reads.
    def natural_key(self):
        lookups = type(self)._default_manager.lookups  # "film__slug" reads self.film.slug
        return tuple(attrgetter(lookup.replace("__", "."))(self) for lookup in lookups)


def related(model, name):
    """The model at the other end of `model`'s relation `name` (Screening's "rsvps": RSVP), for
    a queryset that must not import the models module that imports it."""
    return model._meta.get_field(name).related_model
