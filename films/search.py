"""The catalogue's search document: one column per film holding every text a search looks in.

A search matches a film by any of its titles (original script, romanisation and other titles) or by
the name, native name or other spelling of anyone credited in its cast or crew. Looking through
those five tables on every search costs the database tens of milliseconds in a large catalogue;
`Film.search_text` holds all of them, case-folded, and is kept up to date here whenever a row it is
made from is saved or deleted (fixture loads included), so a search reads one column of one table.
"""

from collections import defaultdict

from django.apps import apps as global_apps
from django.db.models.signals import post_delete, post_save, pre_save

SEPARATOR = "\n"


def normalise(text):
    """How both the documents and the searched text are compared: case-folded, so "PETER" finds
    "Peter" in any script that has case, on SQLite as on PostgreSQL."""
    return text.casefold()


def search_documents(film_pks, apps=global_apps):
    """{film pk: its search document} for `film_pks`, in five queries whatever their number.

    `apps` is the app registry: the live one, or a migration's historical one.
    """
    model = apps.get_model
    texts = defaultdict(list)
    films = model("films", "Film").objects.filter(pk__in=film_pks)
    for pk, *titles in films.values_list(
        "pk", "title", "original_title", "original_title_romanised"
    ):
        texts[pk].extend(titles)
    titles = model("films", "AlternativeTitle").objects.filter(film__in=film_pks)
    for film, title in titles.values_list("film", "title"):
        texts[film].append(title)
    credited = defaultdict(set)
    for credits in (model("films", "CastCredit"), model("films", "CrewCredit")):
        rows = credits.objects.filter(film__in=film_pks).values_list(
            "film", "person", "person__name", "person__native_name"
        )
        for film, person, name, native_name in rows:
            credited[person].add(film)
            texts[film] += [name, native_name]
    aliases = model("films", "PersonAlias").objects.filter(person__in=credited)
    for person, name in aliases.values_list("person", "name"):
        for film in credited[person]:
            texts[film].append(name)
    return {
        pk: normalise(SEPARATOR.join(dict.fromkeys(text for text in texts[pk] if text)))
        for pk in texts
        if pk in film_pks
    }


def refresh(film_pks, apps=global_apps):
    """Rewrite the search documents of these films (an UPDATE only where one changed)."""
    film_pks = set(film_pks)
    if not film_pks:
        return
    Film = apps.get_model("films", "Film")
    stored = dict(Film.objects.filter(pk__in=film_pks).values_list("pk", "search_text"))
    changed = [
        Film(pk=pk, search_text=document)
        for pk, document in search_documents(film_pks, apps).items()
        if pk in stored and stored[pk] != document
    ]
    Film.objects.bulk_update(changed, ["search_text"], batch_size=500)


def refresh_all(apps=global_apps, batch=2000):
    """Every film's document, in batches (after bulk writes, and in the migration)."""
    pks = list(apps.get_model("films", "Film").objects.values_list("pk", flat=True))
    for start in range(0, len(pks), batch):
        refresh(pks[start : start + batch], apps)


CREDITS = ("CastCredit", "CrewCredit")


def films_of_person(person_pk):
    CastCredit, CrewCredit = (global_apps.get_model("films", name) for name in CREDITS)
    return set(CastCredit.objects.filter(person=person_pk).values_list("film", flat=True)) | set(
        CrewCredit.objects.filter(person=person_pk).values_list("film", flat=True)
    )


TITLE_FIELDS = {"title", "original_title", "original_title_romanised"}


def on_film_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or TITLE_FIELDS & set(update_fields):
        refresh([instance.pk])


# What each part of a search document belongs to: a save may move it to another owner.
OWNER_FIELDS = {
    "films.AlternativeTitle": "film_id",
    "films.CastCredit": "film_id",
    "films.CrewCredit": "film_id",
    "films.PersonAlias": "person_id",
}


def remember_previous_owner(sender, instance, **kwargs):
    """Before a part is saved: the film (or person) it belonged to as stored, so that the one it
    leaves has its document rewritten too (a credit moved to another film, say)."""
    field = OWNER_FIELDS[sender._meta.label]
    previous = None
    if instance.pk is not None:
        previous = sender._default_manager.filter(pk=instance.pk).values_list(field).first()
    instance._search_previous_owner = previous[0] if previous else None


def owners(instance, field):
    """The owner the part has now and, after a save that moved it, the one it had."""
    return {getattr(instance, field), getattr(instance, "_search_previous_owner", None)} - {None}


def on_film_part_changed(sender, instance, **kwargs):
    """An other title or a credit was saved or deleted."""
    refresh(owners(instance, "film_id"))


def on_person_changed(sender, instance, **kwargs):
    refresh(films_of_person(instance.pk))


def on_alias_changed(sender, instance, **kwargs):
    films = set()
    for person in owners(instance, "person_id"):
        films |= films_of_person(person)
    refresh(films)


def connect():
    # The models by name: films.models imports this module (normalise).
    names = ("AlternativeTitle", *CREDITS, "Film", "Person", "PersonAlias")
    AlternativeTitle, CastCredit, CrewCredit, Film, Person, PersonAlias = (
        global_apps.get_model("films", name) for name in names
    )

    post_save.connect(on_film_saved, sender=Film, dispatch_uid="search-film")
    for model in (AlternativeTitle, CastCredit, CrewCredit, PersonAlias):
        pre_save.connect(remember_previous_owner, sender=model, dispatch_uid=f"search-pre-{model}")
    for model in (AlternativeTitle, CastCredit, CrewCredit):
        for signal in (post_save, post_delete):
            signal.connect(on_film_part_changed, sender=model, dispatch_uid=f"search-{model}")
    post_save.connect(on_person_changed, sender=Person, dispatch_uid="search-person")
    for signal in (post_save, post_delete):
        signal.connect(on_alias_changed, sender=PersonAlias, dispatch_uid="search-alias")
