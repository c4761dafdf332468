"""The shared cache: Django's Redis backend, with one Redis client per connection pool, and a
Redis that cannot be reached taken as a cache miss, never as an error.

Django's backend builds a new `redis.Redis` for every cache call, and redis-py fills some 170
response callbacks into each one: about 0.3 ms of CPU per call, two calls per page served from
the page cache, more than the rest of a cache hit costs. A `redis.Redis` takes a connection
from its pool for each command, so one client per pool is safe to share between threads.

When Redis is down, a call fails fast (a short connect timeout, no retry) and the server is then
left alone for BREAK_SECONDS (a circuit breaker, per process): reads miss, writes are dropped,
`add` succeeds (so a lock-taking caller proceeds), `incr` finds nothing. Pages are then built from
the database, sessions read and written there (cached_db), and `cache_is_down()` tells the one
caller that must refuse instead (sign-in's rate limit, see members.adapter).
"""

import functools
import logging
import time

from django.core.cache.backends import redis
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

BREAK_SECONDS = 5.0
OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)
# Fail within a quarter of a second when Redis is unreachable, and do not try again at once.
POOL_OPTIONS = {
    "socket_connect_timeout": 0.25,
    "socket_timeout": 1.0,
    "retry": Retry(NoBackoff(), 0),
}

_broken_until = {}  # server location: time.monotonic() until which it is left alone


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **{**POOL_OPTIONS, **options})
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


def cache_is_down(cache):
    """Whether `cache` (a RedisCache) failed within the last BREAK_SECONDS."""
    return time.monotonic() < _broken_until.get(getattr(cache, "_location", None), 0)


def survives_outage(default):
    """A cache method that returns `default` (called with the arguments, if callable) instead of
    raising when Redis cannot be reached, and skips Redis while it is known to be down."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if not cache_is_down(self):
                try:
                    return method(self, *args, **kwargs)
                except OUTAGE as error:
                    self.trip(error)
            return default(*args, **kwargs) if callable(default) else default

        return wrapper

    return decorate


def _missing(*args, **kwargs):
    raise ValueError("The cache is unreachable: no such key.")


def _get_default(key, default=None, version=None):
    return default


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._location = server if isinstance(server, str) else ",".join(server)

    def trip(self, error):
        if not cache_is_down(self):
            logger.error("The cache at %s is unreachable (%s): serving without it.", self, error)
        _broken_until[self._location] = time.monotonic() + BREAK_SECONDS

    def __str__(self):
        return self._location.rpartition("@")[2]  # never the password

    get = survives_outage(_get_default)(redis.RedisCache.get)
    get_many = survives_outage(lambda *args, **kwargs: {})(redis.RedisCache.get_many)
    has_key = survives_outage(False)(redis.RedisCache.has_key)
    set = survives_outage(None)(redis.RedisCache.set)
    set_many = survives_outage(lambda *args, **kwargs: [])(redis.RedisCache.set_many)
    add = survives_outage(True)(redis.RedisCache.add)
    touch = survives_outage(False)(redis.RedisCache.touch)
    delete = survives_outage(False)(redis.RedisCache.delete)
    delete_many = survives_outage(None)(redis.RedisCache.delete_many)
    clear = survives_outage(False)(redis.RedisCache.clear)

    @survives_outage(_missing)
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)
