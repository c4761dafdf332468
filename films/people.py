"""People as the catalogue keeps them: one person, whatever the spelling of their name."""

from django.db import transaction

from films.models import PersonAlias


@transaction.atomic
def merge_people(*, keep, others):
    """Fold `others` into `keep`: their credits and accolades move, their names become other
    spellings of `keep`, and they are deleted. A credit `keep` already has is not duplicated."""
    for other in others:
        if other.pk == keep.pk:
            continue
        for credit in other.cast_credits.all():
            if keep.cast_credits.filter(film=credit.film, character=credit.character).exists():
                credit.delete()
            else:
                credit.person = keep
                credit.save(update_fields=["person"])
        for credit in other.crew_credits.all():
            if keep.crew_credits.filter(film=credit.film, role=credit.role).exists():
                credit.delete()
            else:
                credit.person = keep
                credit.save(update_fields=["person"])
        other.accolades.update(person=keep)
        other.aliases.update(person=keep)
        if not keep.bio and other.bio:
            keep.bio = other.bio
        if not keep.native_name and other.native_name:
            keep.native_name = other.native_name
        names = {other.name}
        other.delete()
        for name in names:
            if name.lower() != keep.name.lower():
                PersonAlias.objects.get_or_create(name=name, defaults={"person": keep})
    keep.save()
    return keep
