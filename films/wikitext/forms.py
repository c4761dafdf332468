"""The two forms of the import: the article (pasted or a file), then what staff confirm of it.

Between the two the article travels as a signed, compressed hidden field (django.core.signing):
the confirmation parses it again and matches it against the catalogue as it is then, so nothing
the browser sends back but the ticks and the choices of people is trusted, and a payload that
was altered or is older than PAYLOAD_MAX_AGE is refused.
"""

from django import forms
from django.core import signing
from django.template.defaultfilters import filesizeformat

from films.validators import strip_control_characters
from films.wikitext.facts import NotAFilmArticle
from films.wikitext.readable import read_article

MAX_BYTES = 1024 * 1024  # a long film article is ~100 KB of wikitext
SALT = "films.wikitext.import"
PAYLOAD_MAX_AGE = 6 * 60 * 60
TOO_BIG = "The article is {size}; the limit is {limit}. Paste only the film's article."


def too_big(size):
    return TOO_BIG.format(size=filesizeformat(size), limit=filesizeformat(MAX_BYTES))


def sign(text):
    return signing.dumps(text, salt=SALT, compress=True)


def unsign(payload):
    """The text signed into `payload`, or None when it was altered or is too old."""
    try:
        return signing.loads(payload or "", salt=SALT, max_age=PAYLOAD_MAX_AGE)
    except signing.BadSignature:
        return None


class ArticleForm(forms.Form):
    text = forms.CharField(
        label="Wikitext of the article, or its readable text",
        required=False,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 16, "cols": 100, "spellcheck": "false", "data-max-bytes": MAX_BYTES}
        ),
        help_text="From the article's “Edit source” page, or the readable text (“= Title =”, then "
        "“- Director: …” lines): its infobox, cast list and accolades table are read.",
    )
    file = forms.FileField(
        label="or a .wiki or .txt file",
        required=False,
        help_text=f"UTF-8 text, up to {filesizeformat(MAX_BYTES)}.",
    )

    def __init__(self, *args, refusal="", **kwargs):
        """`refusal`: why the request could not even be read (too large), shown as the form's
        error."""
        super().__init__(*args, **kwargs)
        self.refusal = refusal

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return ""
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(too_big(upload.size))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                "The file is not UTF-8 text (byte %(position)s cannot be read). Save it as UTF-8 "
                "and upload it again, or paste the text instead.",
                params={"position": error.start},
            ) from None

    def clean(self):
        cleaned = super().clean()
        if self.refusal:
            raise forms.ValidationError(self.refusal)
        text = cleaned.get("file") or cleaned.get("text") or ""
        if self.errors:
            return cleaned
        if not text.strip():
            raise forms.ValidationError("Paste the article's wikitext or choose a .wiki file.")
        if len(text.encode()) > MAX_BYTES:
            raise forms.ValidationError(too_big(len(text.encode())))
        self.article_text = strip_control_characters(text.replace("\r\n", "\n"))
        try:
            self.article = read_article(self.article_text)
        except NotAFilmArticle as error:
            raise forms.ValidationError(str(error)) from None
        return cleaned


class ConfirmForm(forms.Form):
    """A tick for each fact staff may write (ticked where the catalogue lacks it, unticked for a
    conflict), and a choice for each person the article names."""

    payload = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, plan, may_change=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan, self.may_change = plan, may_change
        for fact in plan.facts:
            if fact.tickable and not self.always_written(fact):
                self.fields[fact.key] = forms.BooleanField(
                    required=False, initial=fact.ticked, label=f"{fact.label}: {fact.value}"
                )
        for person in plan.people:
            choices = [(str(p.pk), candidate_label(p)) for p in person.candidates]
            choices.append(("new", f"A new person, “{person.name}”"))
            self.fields[person.key] = forms.ChoiceField(
                choices=choices,
                initial=person.default,
                widget=forms.RadioSelect,
                label=person.name,
                error_messages={"required": f"Choose who “{person.name}” is."},
            )

    def always_written(self, fact):
        """A new film's title: the film cannot be made without it."""
        return self.plan.film is None and fact.key == "field-title"

    def clean(self):
        cleaned = super().clean()
        if self.plan.film is not None and not self.may_change:
            raise forms.ValidationError(
                f"{self.plan.film} is already in the catalogue, and you may add films but not "
                "change them: ask someone who may."
            )
        return cleaned

    def accepted(self):
        return {
            fact.key
            for fact in self.plan.facts
            if self.always_written(fact) or self.cleaned_data.get(fact.key)
        }

    def choices(self):
        return {person.key: self.cleaned_data[person.key] for person in self.plan.people}

    def fact_rows(self):
        """[(section, [(fact, its tick or None)])] for the preview."""
        tick = {key: self[key] for key in self.fields if key != "payload"}
        return [
            (section, [(fact, tick.get(fact.key)) for fact in facts])
            for section, facts in self.plan.sections()
        ]

    def person_rows(self):
        return [(person, self[person.key]) for person in self.plan.people]


def candidate_label(person):
    """Who a candidate is, so that staff can tell two people of one name apart."""
    known = person.native_name or ""
    return f"{person.name}{f' ({known})' if known else ''} – /{person.slug}/"
