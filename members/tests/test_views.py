"""Members' pages and their profiles."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from films.tests.test_posters import broken_png, media_files, truncated_jpeg
from reviews.models import Review


def test_member_page_shows_profile_reviews_and_recent_comments(
    client, make_user, make_review, make_comment
):
    odessa = make_user(username="odessa", display_name="Odessa", bio="Library regular.")
    review = make_review(author=odessa, title="comrades, almost a love story")
    make_review(author=odessa, title="Secret draft", status=Review.Status.DRAFT)
    make_comment(review, author=odessa, body="thank you soooo much")
    make_comment(make_review(is_hidden=True, hidden_reason="x"), author=odessa, body="Gone")

    response = client.get(reverse("members:detail", args=["odessa"]))

    assert response.context["member"] == odessa
    assert [r.title for r in response.context["reviews"]] == ["comrades, almost a love story"]
    assert [c.body for c in response.context["recent_comments"]] == ["thank you soooo much"]
    assert "<h1>Odessa</h1>" in response.text
    assert "Library regular." in response.text
    assert "Secret draft" not in response.text


def test_member_sees_their_drafts_on_their_page(client, make_user, make_review):
    member = make_user()
    make_review(author=member, title="Secret draft", status=Review.Status.DRAFT)
    client.force_login(member)

    response = client.get(member.get_absolute_url())

    assert [r.title for r in response.context["drafts"]] == ["Secret draft"]


def test_unknown_member_is_a_404(client, db):
    assert client.get(reverse("members:detail", args=["nobody"])).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_member_page_query_count_is_constant(
    client, make_user, make_review, make_comment, count, django_assert_num_queries
):
    member = make_user()
    for _ in range(count):
        make_comment(make_review(author=member), author=member)

    # member with their follow and list counts, reviews, their check-ins, screenings attended
    # (none), comments with their reviews, favourites, log counts, ratings, recent activity, lists
    with django_assert_num_queries(10):
        response = client.get(member.get_absolute_url())

    assert len(response.context["reviews"]) == count


def image_upload(size=(600, 400), name="me.png", image_format="PNG"):
    buffer = BytesIO()
    Image.new("RGB", size, "orange").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_member_edits_profile_and_avatar_is_a_square(client, make_user):
    member = make_user(username="julie")
    client.force_login(member)

    response = client.post(
        reverse("members:edit", args=["julie"]),
        {
            "display_name": "Julie",
            "bio": "Always looking for a good film.",
            "avatar": image_upload(),
        },
        follow=True,
    )

    member.refresh_from_db()
    assert (member.display_name, member.bio) == ("Julie", "Always looking for a good film.")
    with Image.open(member.avatar.path) as avatar:
        assert (avatar.format, avatar.size) == ("PNG", (256, 256))
    assert member.avatar.name == "avatars/julie.png"
    assert "Your profile is updated." in response.text


def test_the_header_shows_a_members_picture_once_they_have_one(client, make_user):
    member = make_user(username="julie", display_name="Julie")
    client.force_login(member)
    assert 'aria-hidden="true">J</span>' in client.get("/").text

    edit = reverse("members:edit", args=["julie"])
    client.post(edit, {"display_name": "Julie", "avatar": image_upload()})
    page = client.get("/").text

    member.refresh_from_db()
    assert f'<img class="member-initial" src="{member.avatar.url}" alt=""' in page
    assert 'aria-hidden="true">J</span>' not in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("me.png", b"not an image", content_type="image/png"),
            "Upload a valid image. The file you uploaded was either not an image or a corrupted "
            "image.",
        ),
        (
            image_upload(size=(8000, 6000)),
            "The image is 8000×6000 pixels; 10,000,000 pixels is the most we accept for a PNG, "
            "WebP or GIF (25,000,000 for a JPEG).",
        ),
    ],
    ids=["not-an-image", "too-many-pixels"],
)
def test_profile_avatar_errors(client, make_user, upload, message):
    member = make_user()
    client.force_login(member)

    response = client.post(
        reverse("members:edit", args=[member.username]), {"display_name": "", "avatar": upload}
    )

    assert response.context["form"].errors == {"avatar": [message]}


@pytest.mark.parametrize("damaged", [truncated_jpeg, broken_png], ids=["jpeg", "png"])
def test_a_damaged_avatar_is_a_field_error_naming_the_file(client, make_user, settings, damaged):
    member = make_user()
    client.force_login(member)

    response = client.post(
        reverse("members:edit", args=[member.username]),
        {"display_name": "", "avatar": damaged("holiday.jpg")},
    )

    assert response.context["form"].errors == {
        "avatar": [
            "“holiday.jpg” is damaged or incomplete: it could not be read to the end. "
            "Save it again, or choose another image."
        ]
    }
    assert media_files(settings) == []


def test_a_new_avatar_replaces_the_old_file(
    client, make_user, settings, django_capture_on_commit_callbacks
):
    member = make_user(username="julie")
    client.force_login(member)
    edit = reverse("members:edit", args=["julie"])
    client.post(edit, {"display_name": "", "avatar": image_upload()})

    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, {"display_name": "", "avatar": image_upload(size=(500, 500))})

    member.refresh_from_db()
    assert media_files(settings) == [member.avatar.name]
    assert member.avatar.name.startswith("avatars/julie")


def test_profile_avatar_over_the_size_limit_is_an_error(client, make_user, settings):
    settings.MAX_UPLOAD_BYTES = 100
    member = make_user(bio="Unchanged")
    client.force_login(member)

    response = client.post(
        reverse("members:edit", args=[member.username]),
        {"display_name": "Julie", "bio": "New", "avatar": image_upload(size=(300, 300))},
    )

    assert response.context["form"].errors == {"avatar": ["The file is larger than 100\xa0bytes."]}
    member.refresh_from_db()
    assert (member.display_name, member.bio, member.avatar.name) == ("", "Unchanged", "")


def test_profile_bio_too_long_is_an_error(client, make_user):
    member = make_user()
    client.force_login(member)

    response = client.post(
        reverse("members:edit", args=[member.username]),
        {"display_name": "x" * 81, "bio": "x" * 1001},
    )

    assert response.context["form"].errors == {
        "display_name": ["Ensure this value has at most 80 characters (it has 81)."],
        "bio": ["Ensure this value has at most 1000 characters (it has 1001)."],
    }


def test_member_cannot_edit_someone_elses_profile(client, make_user):
    other = make_user(display_name="Before")
    client.force_login(make_user())

    response = client.post(reverse("members:edit", args=[other.username]), {"display_name": "X"})

    other.refresh_from_db()
    assert response.status_code == 403
    assert other.display_name == "Before"


def test_visitor_editing_a_profile_is_sent_to_sign_in(client, make_user):
    member = make_user()

    response = client.get(reverse("members:edit", args=[member.username]))

    assert response.url.startswith(reverse("account_login") + "?next=")
