"""Entries stamped with the versions of the tags they depend on, checked in one round trip.

Every tag (`film:42`, `review:7`, `screenings`) has a version: the value of one write clock at the
last write that bumped it (a missing tag is at 0). An entry is kept with the versions of its tags
as they were when it was stored, and is valid while they are unchanged. On Redis, reading an
entry and checking its tags is one Lua script (one round trip); any other cache (the memory cache
of development and tests) takes two calls.

An entry is only stored if none of its tags was bumped after its building began (the clock read
with the miss): a page built from data a write has since changed is never kept.
"""

import pickle
import re

from redis.commands.core import Script

from core.cache import OUTAGE, RedisCache, cache_is_down

CLOCK = "tags:clock"
TAG_PREFIX = "tag:"
TAG_NAME = re.compile(r"^[\w.:@-]+$")

FETCH = """
local clock = redis.call('GET', KEYS[2]) or '0'
local entry = redis.call('GET', KEYS[1])
if not entry then return {clock} end
local newline = string.find(entry, '\\n', 1, true)
for name, version in string.gmatch(string.sub(entry, 1, newline - 1), '([^ =]+)=(%d+)') do
  if (redis.call('GET', ARGV[1] .. name) or '0') ~= version then return {clock} end
end
return {clock, entry}
"""

STORE = """
local start, header = tonumber(ARGV[1]), {}
for i = 5, #ARGV do
  local version = redis.call('GET', ARGV[3] .. ARGV[i]) or '0'
  if tonumber(version) > start then return 0 end
  header[#header + 1] = ARGV[i] .. '=' .. version
end
redis.call('SET', KEYS[1], table.concat(header, ' ') .. '\\n' .. ARGV[4], 'EX', ARGV[2])
return 1
"""

BUMP = """
local clock = redis.call('INCR', KEYS[1])
for i = 2, #ARGV do redis.call('SET', ARGV[1] .. ARGV[i], clock) end
return clock
"""


class HeaderTags:
    """The tag names of an entry's header (`film:42=17 catalogue=9`), read only if iterated: a
    whole page served from the cache has nobody to tell them to."""

    def __init__(self, header):
        self.header = header

    def __iter__(self):
        return (pair.rpartition(b"=")[0].decode() for pair in self.header.split())


def check_tags(tags):
    for tag in tags:
        if not TAG_NAME.match(tag):
            raise ValueError(f"A cache tag is letters, digits and `_.:@-`, not {tag!r}.")
    return sorted(tags)


class GenericStore:
    """For any Django cache: the entry, then its tags' versions (two calls)."""

    def __init__(self, cache):
        self.cache = cache

    def fetch(self, key):
        """((tags, value) if `key` holds a valid entry else None, the write clock now)."""
        found = self.cache.get_many([key, CLOCK])
        clock, stored = found.get(CLOCK, 0), found.get(key)
        if stored is None:
            return None, clock
        versions, value = stored
        current = self.cache.get_many([TAG_PREFIX + tag for tag in versions])
        if any(current.get(TAG_PREFIX + tag, 0) != v for tag, v in versions.items()):
            return None, clock
        return (set(versions), value), clock

    def store(self, key, value, tags, clock, timeout):
        tags = check_tags(tags)
        current = self.cache.get_many([TAG_PREFIX + tag for tag in tags])
        versions = {tag: current.get(TAG_PREFIX + tag, 0) for tag in tags}
        if any(version > clock for version in versions.values()):
            return False
        self.cache.set(key, (versions, value), timeout)
        return True

    def bump(self, tags):
        try:
            clock = self.cache.incr(CLOCK)
        except ValueError:
            self.cache.add(CLOCK, 0, timeout=None)
            clock = self.cache.incr(CLOCK)
        self.cache.set_many({TAG_PREFIX + tag: clock for tag in check_tags(tags)}, timeout=None)


class RedisStore:
    """For Django's Redis cache: each operation one Lua script, so one round trip."""

    def __init__(self, cache):
        self.cache = cache
        # Tags a write bumped while Redis was down (per process): bumped as soon as it is back.
        self.unsent = UNSENT.setdefault(cache._location, set())
        self.tag_prefix = cache.make_key(TAG_PREFIX)
        self.clock_key = cache.make_key(CLOCK)
        self.scripts = {name: Script(None, source.encode()) for name, source in SCRIPTS.items()}

    def run(self, name, keys, args):
        """The script's answer, or None when Redis cannot be reached (then a miss)."""
        if cache_is_down(self.cache):
            return None
        client = self.cache._cache.get_client(write=True)
        try:
            if self.unsent and name != "bump":
                unsent = sorted(self.unsent)
                self.scripts["bump"](
                    keys=[self.clock_key], args=[self.tag_prefix, *unsent], client=client
                )
                self.unsent.difference_update(unsent)
            return self.scripts[name](keys=keys, args=args, client=client)
        except OUTAGE as error:
            self.cache.trip(error)
            return None

    def fetch(self, key):
        keys = [self.cache.make_and_validate_key(key), self.clock_key]
        found = self.run("fetch", keys, [self.tag_prefix])
        if found is None:
            return None, None
        clock = int(found[0])
        if len(found) == 1:
            return None, clock
        header, _, payload = found[1].partition(b"\n")
        try:
            value = pickle.loads(payload)
        except UNREADABLE:
            # Kept by an earlier release whose classes have since moved or changed: a miss, and
            # the entry is replaced by the next store.
            return None, clock
        return (HeaderTags(header), value), clock

    def store(self, key, value, tags, clock, timeout):
        if clock is None:
            return False
        args = [clock, max(int(timeout), 1), self.tag_prefix, pickle.dumps(value, -1)]
        key = self.cache.make_and_validate_key(key)
        return bool(self.run("store", [key], [*args, *check_tags(tags)]))

    def bump(self, tags):
        tags = check_tags(tags)
        if self.run("bump", [self.clock_key], [self.tag_prefix, *tags]) is None:
            self.unsent.update(tags)


UNSENT = {}
# What unpickling an entry of an earlier release can raise.
UNREADABLE = (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError, ValueError)
SCRIPTS = {"fetch": FETCH, "store": STORE, "bump": BUMP}


def store_for(cache):
    return RedisStore(cache) if isinstance(cache, RedisCache) else GenericStore(cache)
