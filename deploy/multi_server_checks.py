"""The checks bin/multi-server runs once its two app servers answer behind nginx.

Every request goes through nginx, as a visitor's would: to the site (both app servers), or, where a
check needs to say which server answers, to the same site in front of server A alone or server B
alone. Each check prints one line; the last line counts them; the exit status is the number that
failed. Members are made here, in the shared database, with a verified address and a password.
"""

import http.client
import io
import os
import re
import signal
import socket
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "filmclub.settings")

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from PIL import Image  # noqa: E402

from reviews.models import Comment  # noqa: E402

PORT = int(os.environ["MULTI_SERVER_PORT"])
SITE, APP_A, APP_B, ONLY_A, ONLY_B = PORT, PORT + 1, PORT + 2, PORT + 3, PORT + 4
WORK = Path(os.environ["MULTI_SERVER_WORK"])
APP_A_PID = int(os.environ["MULTI_SERVER_APP_A_PID"])
ORIGIN = "https://127.0.0.1"
REVIEW = "/reviews/odessa-comrades-almost-a-love-story/"
PASSWORD = "a-long-passphrase-for-the-check"
RUN = uuid.uuid4().hex[:8]
SIGNED_IN = re.compile(r"Sign out \(([^)]+)\)")


def say(line=""):
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def signed_in_as(self):
        found = SIGNED_IN.search(self.text)
        return found.group(1) if found else None


@dataclass
class Browser:
    """One visitor: keeps its cookies whichever port it talks to (the cookies are for the host,
    127.0.0.1, as a browser's are; they are Secure, and nginx stands for TLS)."""

    cookies: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def request(self, port, method, path, body=None, headers=None):
        headers = dict(headers or {})
        with self.lock:
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            response = Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()
        with self.lock:
            for cookie in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                value = rest.split(";", 1)[0]
                if "max-age=0" in cookie.lower() or "expires=thu, 01 jan 1970" in cookie.lower():
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value
        return response

    def get(self, port, path, **headers):
        return self.request(port, "GET", path, headers=headers)

    def post(self, port, path, data, files=None, **headers):
        """A form, with the CSRF token of the page at `path` (or of `form_path`)."""
        headers = {"Origin": ORIGIN, **headers}
        if files:
            boundary = uuid.uuid4().hex
            body = multipart(data, files, boundary)
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self.request(port, "POST", path, body=body, headers=headers)

    def submit(self, port, form_path, action, data, files=None, **headers):
        """GET the form's page for its CSRF token, then POST the form to `action`."""
        page = self.get(port, form_path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        if not token:
            raise AssertionError(f"no form on {form_path} ({page.status})")
        return self.post(
            port, action, {"csrfmiddlewaretoken": token.group(1), **data}, files, **headers
        )

    def sign_in(self, port, email, password=PASSWORD, **headers):
        return self.submit(
            port,
            "/accounts/login/",
            "/accounts/login/",
            {"login": email, "password": password},
            **headers,
        )


def multipart(data, files, boundary):
    out = io.BytesIO()
    for name, value in data.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(f"{value}\r\n".encode())
    for name, (filename, content, content_type) in files.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue()


def make_member(handle):
    """A member who can sign in: a password and a verified address, as after a confirmed sign-up."""
    email = f"{handle}@example.org"
    user = get_user_model().objects.create_user(
        username=handle, email=email, password=PASSWORD, display_name=handle.title()
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def record(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        say(f"{'ok  ' if ok else 'FAIL'} {name}{f': {detail}' if detail else ''}")

    def run(self, name, check):
        try:
            ok, detail = check()
        except Exception as error:  # a check that crashes fails, and the others still run
            ok, detail = False, f"{type(error).__name__}: {error}"
        self.record(name, ok, detail)


def signed_in_on_both(member):
    browser = Browser()
    signed = browser.sign_in(ONLY_A, member.email)
    if signed.status != 302:
        return False, f"signing in through A answered {signed.status}"
    session = [name for name in browser.cookies if "sessionid" in name]
    on_b = browser.get(ONLY_B, "/").signed_in_as()
    on_a = browser.get(ONLY_A, "/").signed_in_as()
    stranger = Browser().get(ONLY_B, "/").signed_in_as()
    ok = on_a == on_b == member.username and stranger is None
    return ok, (
        f"signed in through A (cookie {', '.join(session)}); B's page says "
        f"“Sign out ({on_b})”; a visitor without the cookie is {stranger or 'not signed in'} on B"
    )


def cached_page_refreshed(member, member_browser):
    visitor = Browser()
    first = visitor.get(ONLY_A, REVIEW)
    second = visitor.get(ONLY_A, REVIEW)
    cache_states = [first.headers.get("X-Page-Cache"), second.headers.get("X-Page-Cache")]
    text = f"Seen from B, run {RUN}: still the best film about Hong Kong."
    posted = member_browser.submit(ONLY_B, REVIEW, f"{REVIEW}comments/", {"body": text})
    if posted.status != 302:
        return False, f"the comment posted through B answered {posted.status}"
    after = visitor.get(ONLY_A, REVIEW)
    shown = text in after.text
    was_cached = second.headers.get("X-Page-Cache", "hit") == "hit"
    return shown and was_cached and second.status == 200, (
        f"A served {REVIEW} ({' then '.join(map(str, cache_states))}); a comment posted through "
        f"B is {'on' if shown else 'NOT on'} A's next copy "
        f"({after.headers.get('X-Page-Cache', 'no cache header')})"
    )


def rate_limit_across_both(target):
    limits = {
        part.rsplit("/", 1)[1]: int(part.split("/", 1)[0])
        for part in settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",")
    }
    per_key, per_ip = limits["key"], limits["ip"]
    refused = "Too many failed login attempts"
    wrong = "not correct"
    answers = []
    # Failed sign-ins for one address, alternating between the servers, each from a different
    # X-Forwarded-For the client made up (nginx replaces it): the next one is refused, even
    # with the right password.
    for attempt in range(per_key):
        port = (ONLY_A, ONLY_B)[attempt % 2]
        page = Browser().sign_in(
            port,
            target.email,
            "wrong-password",
            **{"X-Forwarded-For": f"203.0.113.{attempt + 1}", "X-Forwarded-Proto": "http"},
        )
        answers.append(wrong in page.text and refused not in page.text)
    port = (ONLY_A, ONLY_B)[per_key % 2]
    right = Browser().sign_in(port, target.email)
    key_ok = all(answers) and right.status == 200 and refused in right.text
    # The rest of this client's allowance (every failed or refused attempt counts), each with
    # another address: then every sign-in from this client (127.0.0.1) is refused, whatever
    # address it names.
    for attempt in range(per_key + 1, per_ip):
        port = (ONLY_A, ONLY_B)[attempt % 2]
        page = Browser().sign_in(
            port,
            f"nobody-{RUN}-{attempt}@example.org",
            "wrong-password",
            **{"X-Forwarded-For": f"198.51.100.{attempt + 1}"},
        )
        answers.append(wrong in page.text and refused not in page.text)
    port = (ONLY_A, ONLY_B)[per_ip % 2]
    other = Browser().sign_in(port, f"someone-else-{RUN}@example.org", "any-password")
    ip_ok = all(answers) and refused in other.text
    return key_ok and ip_ok, (
        f"{per_key} failed sign-ins for one address alternating A/B, then the right password is "
        f"{'refused' if refused in right.text else 'ACCEPTED'}; {per_ip} failed attempts from "
        f"this client in all, then a sign-in for another address is "
        f"{'refused' if refused in other.text else 'NOT refused'} (ACCOUNT_RATE_LIMITS "
        f"login_failed {settings.ACCOUNT_RATE_LIMITS['login_failed']!r}; made-up "
        "X-Forwarded-For ignored)"
    )


def media_shared(member, member_browser):
    picture = io.BytesIO()
    Image.new("RGB", (300, 300), (200, 60, 40)).save(picture, "PNG")
    edit = f"/members/{member.username}/edit/"
    saved = member_browser.submit(
        ONLY_B,
        edit,
        edit,
        {"display_name": "Avatar Tester", "bio": "Uploaded through B."},
        files={"avatar": ("me.png", picture.getvalue(), "image/png")},
    )
    if saved.status != 302:
        return False, f"the profile form posted through B answered {saved.status}"
    profile = Browser().get(ONLY_A, f"/members/{member.username}/")
    found = re.search(r'<img class="avatar" src="(/media/[^"]+)"', profile.text)
    if not found:
        return False, "A's profile page shows no avatar"
    url = found.group(1)
    image = Browser().get(ONLY_A, url)
    on_disk = (Path(settings.MEDIA_ROOT) / url.removeprefix("/media/")).read_bytes()
    from_app = Browser().get(APP_B, url, **{"X-Forwarded-Proto": "https"})
    ok = (
        image.status == 200
        and image.body == on_disk
        and image.body.startswith(b"\x89PNG")
        and image.headers.get("Content-Type") == "image/png"
        and image.headers.get("X-Content-Type-Options") == "nosniff"
    )
    return ok, (
        f"avatar uploaded through B, {url} served to a visitor of A by nginx: {image.status} "
        f"{image.headers.get('Content-Type')}, {len(image.body)} bytes as on disk "
        f"(the app server itself answers {from_app.status} for it)"
    )


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    gets: int = 0
    bad_gets: list = field(default_factory=list)
    acknowledged: list = field(default_factory=list)
    unacknowledged: list = field(default_factory=list)
    acknowledged_after_kill: int = 0
    refusals: list = field(default_factory=list)

    def got(self, path, status):
        with self.lock:
            self.gets += 1
            if not 200 <= status < 400:
                self.bad_gets.append((path, status))


def port_refuses(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return True
    return False


def server_stopped_mid_run(readers, writers):
    """Visitors and members load pages and members comment, through nginx, while server A is
    killed (SIGKILL to its master and workers: a crash, not a graceful stop) once a third of the
    comments are in. Readers read until the writers are done (and at least MIN_GETS each)."""
    comments_per_writer, min_gets, max_gets = 4, 20, 200
    kill_at = comments_per_writer * len(writers) // 3
    paths = [
        "/",
        "/films/",
        REVIEW,
        "/screenings/",
        "/films/comrades-almost-a-love-story/",
        "/reviews/",
        "/people/",
        "/venues/",
        "/members/",
    ]
    tally = Tally()
    killed, writing_done = threading.Event(), threading.Event()

    def read(browser, offset):
        for number in range(max_gets):
            if number >= min_gets and writing_done.is_set():
                break
            path = paths[(number + offset) % len(paths)]
            try:
                status = browser.get(SITE, path).status
            except OSError:
                status = 0
            tally.got(path, status)

    def write(browser, handle):
        for number in range(comments_per_writer):
            text = f"Comment {number + 1} by {handle}, run {RUN}, token {uuid.uuid4().hex}."
            try:
                answer = browser.submit(SITE, REVIEW, f"{REVIEW}comments/", {"body": text})
                status = answer.status
            except (OSError, AssertionError):
                status = 0
            with tally.lock:
                if status == 302:
                    tally.acknowledged.append(text)
                else:
                    tally.unacknowledged.append(text)
                    tally.refusals.append(status)
                tally.acknowledged_after_kill += killed.is_set() and status == 302
                if len(tally.acknowledged) >= kill_at and not killed.is_set():
                    killed.set()
                    os.killpg(APP_A_PID, signal.SIGKILL)
            time.sleep(0.2)

    def write_all():
        workers = [threading.Thread(target=write, args=pair[::-1]) for pair in writers]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        writing_done.set()

    threads = [
        threading.Thread(target=read, args=(browser, offset))
        for offset, browser in enumerate(readers)
    ] + [threading.Thread(target=write_all)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started

    stored = set(
        Comment.objects.filter(body__contains=f"run {RUN}, token").values_list("body", flat=True)
    )
    lost = [text for text in tally.acknowledged if text not in stored]
    unacknowledged_stored = sum(text in stored for text in tally.unacknowledged)
    retried = sum(
        1
        for line in (WORK / "log" / "nginx-access.log").read_text().splitlines()
        if f"127.0.0.1:{APP_A}, 127.0.0.1:{APP_B}" in line
    )
    ok = (
        killed.is_set()
        and port_refuses(APP_A)
        and tally.acknowledged_after_kill > 0
        and not tally.bad_gets
        and not lost
    )
    return ok, (
        f"A killed after {kill_at} comments were in, {tally.gets} GETs in all ({seconds:.1f} s): "
        f"{len(tally.bad_gets)} GETs failed{f' {tally.bad_gets[:3]}' if tally.bad_gets else ''}, "
        f"nginx passed "
        f"{retried} request(s) from A to B; {len(tally.acknowledged)} comments acknowledged "
        f"({tally.acknowledged_after_kill} after the kill), "
        f"{len(tally.acknowledged) - len(lost)} of them stored, {len(lost)} lost; "
        f"{len(tally.unacknowledged)} not acknowledged"
        f"{f' (answered {tally.refusals})' if tally.refusals else ''}, "
        f"{unacknowledged_stored} of those stored"
    )


def posts_refused_by_nginx():
    """One client posting flat out: nginx refuses what is over its POST limit (deploy/nginx.conf,
    limit_req) with 429 before it reaches an app server; its GETs are not limited."""
    marker = f"post-burst-{RUN}"
    browser = Browser()
    statuses = [
        browser.post(SITE, f"{REVIEW}comments/?{marker}", {"body": "flat out"}).status
        for _ in range(60)
    ]
    gets = [browser.get(SITE, "/films/").status for _ in range(20)]
    time.sleep(0.5)  # the app servers' access logs, written
    reached = sum(
        marker in line
        for log in (WORK / "log").glob("app-*-access.log")
        for line in log.read_text().splitlines()
    )
    refused = statuses.count(429)
    ok = refused > 30 and reached == len(statuses) - refused and gets == [200] * len(gets)
    return ok, (
        f"60 POSTs at once from one client: {refused} refused with 429 by nginx, "
        f"{reached} reached an app server (answered {sorted(set(statuses) - {429})}); "
        f"then {gets.count(200)} of {len(gets)} GETs answered 200"
    )


def main():
    say(f"== checks through nginx on 127.0.0.1:{SITE} (A alone on :{ONLY_A}, B alone on :{ONLY_B})")
    checks = Checks()
    member = make_member(f"member-{RUN}")
    writers = [(f"writer{n}-{RUN}", make_member(f"writer{n}-{RUN}")) for n in range(6)]
    target = make_member(f"target-{RUN}")

    checks.run(
        "1. a member signed in through A is signed in on B", lambda: signed_in_on_both(member)
    )
    # Everyone who writes below signs in now: check 3 then uses up this client's sign-ins.
    member_browser = Browser()
    member_browser.sign_in(ONLY_A, member.email)
    writer_browsers = []
    for handle, writer in writers:
        browser = Browser()
        browser.sign_in(SITE, writer.email)
        writer_browsers.append((handle, browser))
    checks.run(
        "2. a page cached by A is refreshed after a write through B",
        lambda: cached_page_refreshed(member, member_browser),
    )
    checks.run(
        "3. allauth's per-client rate limit counts across both servers",
        lambda: rate_limit_across_both(target),
    )
    checks.run(
        "4. media uploaded through B is served to a visitor of A",
        lambda: media_shared(member, member_browser),
    )
    readers = [Browser(), Browser(), member_browser, writer_browsers[0][1]]
    checks.run(
        "5. killing server A mid-run loses no GET and no acknowledged write",
        lambda: server_stopped_mid_run(readers, writer_browsers),
    )
    checks.run("6. posts flat out are refused by nginx, GETs are not", posts_refused_by_nginx)
    say(f"{checks.passed} passed, {checks.failed} failed")
    return min(checks.failed, 1)


if __name__ == "__main__":
    sys.exit(main())
