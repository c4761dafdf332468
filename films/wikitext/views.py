"""The admin page "Import from wikitext" (FilmAdmin.get_urls): paste, preview, confirm.

One address answers the three steps: GET shows the paste form; a POST of the article parses and
matches it and shows the preview (nothing is written); a POST of the preview's signed payload
writes what staff confirmed (films.wikitext.apply) and opens the film's change page. Adding needs
films.add_film, and updating a film already in the catalogue films.change_film too. Each POST is
counted against the "wikitext-import" rate limit: parsing a long article costs the server.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from core.ratelimit import allow, too_many
from films.models import Film
from films.wikitext.apply import apply_plan
from films.wikitext.facts import NotAFilmArticle
from films.wikitext.forms import MAX_BYTES, ArticleForm, ConfirmForm, sign, too_big, unsign
from films.wikitext.match import match
from films.wikitext.readable import read_article

TITLE = "Import a film from wikitext"


def import_wikitext(model_admin, request):
    if not request.user.has_perm("films.add_film"):
        raise PermissionDenied
    if request.method != "POST":
        return paste_page(model_admin, request, ArticleForm())
    if not (hit := allow(request, "wikitext-import")):
        return too_many(request, hit)
    try:
        data, files = request.POST, request.FILES
    except RequestDataTooBig:
        size = int(request.META.get("CONTENT_LENGTH") or MAX_BYTES + 1)
        return paste_page(model_admin, request, refused(too_big(size)))
    if "payload" in data:
        return confirm(model_admin, request, data)
    form = ArticleForm(data, files)
    if not form.is_valid():
        return paste_page(model_admin, request, form)
    plan = match(form.article)
    confirm_form = ConfirmForm(
        initial={"payload": sign(form.article_text)}, plan=plan, may_change=may_change(request)
    )
    return preview_page(model_admin, request, confirm_form)


def refused(message):
    """The paste form, empty, with `message` as its error."""
    form = ArticleForm(data={}, refusal=message)
    form.is_valid()
    return form


def may_change(request):
    return request.user.has_perm("films.change_film")


def confirm(model_admin, request, data):
    text = unsign(data.get("payload"))
    try:
        article = read_article(text) if text is not None else None
    except NotAFilmArticle:
        article = None
    if article is None:
        message = "This preview is too old or was altered: paste the article again."
        return paste_page(model_admin, request, refused(message))
    form = ConfirmForm(data, plan=match(article), may_change=may_change(request))
    if form.is_valid():
        try:
            film = apply_plan(form.plan, accepted=form.accepted(), choices=form.choices())
        except (ValidationError, IntegrityError) as error:
            details = "; ".join(getattr(error, "messages", [str(error)]))
            form.add_error(None, f"Nothing was saved: {details}")
        else:
            verb = "Updated" if form.plan.film else "Added"
            messages.success(request, f"{verb} {film} from its article.")
            return redirect("admin:films_film_change", film.pk)
    return preview_page(model_admin, request, form)


def page(model_admin, request, template, **context):
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "opts": Film._meta,
            "title": TITLE,
            **context,
        },
    )


def paste_page(model_admin, request, form):
    return page(model_admin, request, "admin/films/film/import_wikitext.html", form=form)


def preview_page(model_admin, request, form):
    return page(
        model_admin,
        request,
        "admin/films/film/import_preview.html",
        form=form,
        plan=form.plan,
        may_change=may_change(request),
    )
