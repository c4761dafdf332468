"""A discussion's comments as HTML ({% comment_thread comments %} in
reviews/includes/comments.html).

Written in Python rather than as an included template per comment: a long thread's page shows
dozens of comments, and Django's template engine spent most of that page's time resolving each
one's variables (about three times the cost of the same markup put together here). What each
comment shows is the same: the author's name (core's member_name), the "review author" badge,
its time, "(edited)", staff's note on a hidden comment, its text, the reply form for members, and
the member parts (its author's Edit and Delete links, moderators' Hide link) rendered per visitor
by core's shared machinery, so that a kept thread holds their places, not them.

Every value from the database is escaped (`escape`), except the text's HTML, which was made from
the text and escaped when it was saved (Comment.render_body), as the template's `|safe` had it.
"""

from html import escape as html_escape

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from core.pagecache import depends_on
from core.templatetags.names import member_name
from core.templatetags.shared import ANY_AUTHOR, Visitor
from reviews.moderation import hidden_note

OWN_LINKS = "includes/comment_own_links.html"
MODERATION_LINK = "includes/comment_moderation_link.html"
DELETED = "This comment was deleted."
HIDDEN = "This comment was hidden by the moderators."


def escape(value):
    """Django's escape() without its check for lazy strings, for plain values of rows."""
    return html_escape(str(value))


class ThreadWriter:
    """Writes comments for one request's context: whether the reader may reply, where the
    form posts, the CSRF token (or its places in a kept part) and the member parts."""

    def __init__(self, context):
        self.can_comment = context.get("can_comment")
        self.action = escape(context.get("comment_action", ""))
        self.token = context.get("csrf_token")
        self.visitor = Visitor(context)
        self.months = {}  # month number: its name, translated once per thread

    def thread(self, comments):
        return mark_safe("".join([self.comment(comment) for comment in comments]))

    def comment(self, comment):
        depends_on(f"user:{comment.author_id}")
        classes = "comment comment-by-author" if comment.by_review_author else "comment"
        if comment.show_body:
            body = self.article(comment)
        else:
            body = f'<p class="comment-placeholder">{DELETED if comment.is_deleted else HIDDEN}</p>'
        replies = ""
        if comment.children:
            replies = (
                f'\n  <ol class="comment-replies">\n      {self.thread(comment.children)}'
                "\n    </ol>\n"
            )
        return f'<li id="comment-{comment.pk}" class="{classes}">\n  {body}\n{replies}</li>\n'

    def article(self, comment):
        author, pk = comment.author, comment.pk
        badge = (
            '\n        <span class="badge">review author</span>' if comment.by_review_author else ""
        )
        edited = '\n        <span class="note">(edited)</span>' if comment.edited_at else ""
        note = ""
        if comment.is_hidden:
            reason = escape(hidden_note(comment.hidden_reason))
            note = f'\n      <p class="moderation-note">{reason}</p>'
        reply = self.reply_form(comment) if self.can_comment and not comment.is_hidden else ""
        return (
            f'<article aria-label="Comment by {escape(author.name_with_handle)}">\n'
            f'      <header class="comment-header">\n        {member_name(author)}{badge}\n'
            f'        · <a class="comment-time" href="#comment-{pk}">{self.time(comment)}</a>'
            f"{edited}\n      </header>{note}\n"
            f'      <div class="comment-body">{comment.body_html}</div>\n'
            f'      <div class="comment-actions">\n{reply}{self.member_parts(comment)}\n'
            "      </div>\n    </article>"
        )

    def time(self, comment):
        """Its time as `|date:"j F Y, H:i"` shows it, in the current time zone."""
        created = timezone.localtime(comment.created_at)
        month = self.months.get(created.month)
        if month is None:
            month = self.months[created.month] = str(MONTHS[created.month])
        shown = f"{created.day} {month} {created.year}, {created:%H:%M}"
        return f'<time datetime="{created.isoformat()}">{escape(shown)}</time>'

    def csrf(self):
        """As {% csrf_token %} writes it: in a kept part, each one is a place of its own."""
        token = self.token
        if not token or token == "NOTPROVIDED":
            return ""
        return (
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{conditional_escape(token)}">'
        )

    def reply_form(self, comment):
        pk = comment.pk
        return (
            '          <details class="reply">\n            <summary>Reply</summary>\n'
            f'            <form method="post" action="{self.action}" data-fragment="#comments">\n'
            f"              {self.csrf()}\n"
            f'              <input type="hidden" name="parent" value="{pk}">\n'
            f'              <label for="reply-{pk}">Reply to {escape(comment.author.public_name)}'
            "</label>\n"
            f'              <textarea id="reply-{pk}" name="body" rows="3" maxlength="5000"'
            " required></textarea>\n"
            '              <button type="submit">Post reply</button>\n'
            "            </form>\n          </details>\n"
        )

    def member_parts(self, comment):
        """The author's Edit and Delete links and moderators' Hide link, as {% member_part %}
        gives them: for this visitor, or their places in a kept part."""
        own = ("part", OWN_LINKS, {"comment_pk": comment.pk}, comment.author_id, False, None)
        moderation = (
            "part",
            MODERATION_LINK,
            {"comment_pk": comment.pk, "hidden": comment.is_hidden},
            ANY_AUTHOR,
            False,
            "reviews.change_comment",
        )
        return f"        {self.visitor.render(own)}\n        {self.visitor.render(moderation)}"
