"""The shared cache: Django's Redis backend, with one Redis client per connection pool.

Django's backend builds a new `redis.Redis` for every cache call, and redis-py fills some 170
response callbacks into each one: about 0.3 ms of CPU per call, two calls per page served from
the page cache, more than the rest of a cache hit costs. A `redis.Redis` takes a connection
from its pool for each command, so one client per pool is safe to share between threads.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
