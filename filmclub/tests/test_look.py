"""Issue 20's rough edges: where sign-in and joining lead back to, which field takes the typing,
posters beside reviews, and the faces the serif headings fall back to."""

import re
from pathlib import Path

from django.urls import reverse
from django.utils.html import strip_tags

CSS = (Path(__file__).resolve().parents[1] / "static" / "css" / "site.css").read_text()


def test_sign_in_and_join_lead_back_to_the_page(client, make_film):
    film = make_film(slug="irma-vep")

    response = client.get(film.get_absolute_url())

    assert '<a href="/accounts/login/?next=/films/irma-vep/">Sign in</a>' in response.text
    assert 'href="/accounts/signup/?next=/films/irma-vep/">Join</a>' in response.text


def test_home_and_account_pages_link_to_sign_in_plainly(client, db):
    home = client.get("/")
    login = client.get(reverse("account_login"))

    for response in (home, login):
        assert '<a href="/accounts/login/">Sign in</a>' in response.text
        assert 'href="/accounts/signup/">Join</a>' in response.text


def test_join_the_club_under_a_review_leads_back_to_it(client, make_review):
    review = make_review()

    response = client.get(review.get_absolute_url())

    path = review.get_absolute_url()
    assert f'<a href="/accounts/signup/?next={path}">join the club</a> to comment' in response.text


def test_joining_is_called_join_everywhere(client, db):
    signup = " ".join(client.get(reverse("account_signup")).text.split())
    login = " ".join(client.get(reverse("account_login")).text.split())

    assert "<title>Join the club · filmclub</title>" in signup
    assert "<h1> Join the club </h1>" in signup
    assert '<button type="submit" > Join the club </button>' in signup
    assert 'href="/accounts/signup/">Join</a>' in signup  # the header's
    assert 'Not a member yet? <a href="/accounts/signup/">Join the club</a> first.' in login
    for page in (signup, login):
        assert "sign up" not in strip_tags(page).casefold()
        assert "signup" not in strip_tags(page).casefold()


def autofocused(html):
    tags = re.findall(r"<(?:input|select|textarea)\b[^>]*>", html)
    return [re.search(r'name="([^"]+)"', tag).group(1) for tag in tags if " autofocus" in tag]


def test_sign_in_sign_up_and_review_forms_focus_their_first_field(client, make_user):
    sign_in = client.get(reverse("account_login"))
    sign_up = client.get(reverse("account_signup"))
    client.force_login(make_user())
    review = client.get(reverse("reviews:create"))

    assert autofocused(sign_in.text) == ["login"]
    assert autofocused(sign_up.text) == ["email"]
    assert autofocused(review.text) == ["film"]


def test_review_cards_and_the_review_carry_the_films_poster(client, make_review, make_film):
    review = make_review(film=make_film(title="Irma Vep", slug="irma-vep"))

    listing = client.get(reverse("reviews:list"))
    page = client.get(review.get_absolute_url())

    assert 'class="poster-link review-card-poster" href="/films/irma-vep/"' in listing.text
    assert 'class="poster-link review-film-poster" href="/films/irma-vep/"' in page.text
    assert "poster-placeholder poster-hue-9 poster-motif-5" in page.text


def test_serif_falls_back_to_latin_faces_before_any_cjk_one():
    serif = re.search(r"--serif:([^;]+);", CSS).group(1)
    families = [family.strip().strip('"') for family in serif.split(",")]

    assert families.index("DejaVu Serif") < families.index("CJK Serif")
    assert not [family for family in families if "Noto" in family and "CJK" in family]


def test_cjk_faces_cover_only_cjk_characters():
    faces = re.findall(r"@font-face \{(.*?)\}", CSS, re.S)
    ranges = [re.search(r"unicode-range:([^;]+);", face).group(1) for face in faces]

    assert len(faces) == 4
    for declared in ranges:
        spans = [
            [int(bound, 16) for bound in span.strip().removeprefix("U+").split("-")]
            for span in declared.split(",")
        ]
        covered = {char for char in "甜。’‘“”'A " if any(a <= ord(char) <= b for a, b in spans)}
        assert covered == {"甜", "。"}
