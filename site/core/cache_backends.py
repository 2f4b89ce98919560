"""The cache backend used with Redis in production."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache


class RedisCache(DjangoRedisCache):
    """Django's Redis cache, whose connection pool RQ borrows to queue tasks (`USE_REDIS_CACHE` in RQ_QUEUES).

    Left to itself, django_rq builds a new client from the URL for every task queued, which opens a new connection
    to Redis each time: about a thirteenth of a booking's CPU, since every booking queues its confirmation email.
    Sharing the cache's pool keeps one connection per web process.
    """

    @property
    def _client(self):
        # The attribute django_rq reads from a cache named in USE_REDIS_CACHE.
        return self._cache.get_client(write=True)
