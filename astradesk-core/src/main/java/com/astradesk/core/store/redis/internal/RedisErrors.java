package com.astradesk.core.store.redis.internal;

import com.astradesk.core.StoreException;
import com.astradesk.core.StoreUnavailableException;
import com.astradesk.core.store.redis.RedisStores;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/** Turns Jedis errors into {@link StoreException}s naming the store. */
final class RedisErrors {
    private RedisErrors() {}

    static StoreException translate(String what, String endpoint, JedisException e) {
        if (e instanceof JedisConnectionException) {
            return new StoreUnavailableException(
                    RedisStores.NAME, "cannot reach " + endpoint + " during " + what + ": " + e.getMessage(), e);
        }
        return new StoreException(RedisStores.NAME, what + " failed: " + e.getMessage(), e);
    }
}
