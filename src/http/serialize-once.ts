/**
 * Response serialization done once per result object. The services keep read results per record
 * (services/per-world-memo.ts) and hand out the same object until the record changes; checking
 * such an object against its zod response schema and stringifying it again on every request
 * would cost more than computing it did. So the serializer remembers, per route and per status,
 * the JSON of each object it has produced, as bytes (WeakMap: dropped with the object).
 *
 * Invariant: a payload object must not be mutated after it was sent (the memoized results are
 * shared and immutable by contract). `wrapOnce` gives routes that wrap a memoized result
 * (`{ items }`) the same wrapper object each time, so the cache applies to them too.
 */
import type { FastifySerializerCompiler } from 'fastify';

export function serializingOnce<S>(compiler: FastifySerializerCompiler<S>): FastifySerializerCompiler<S> {
  return (routeSchema) => {
    const serialize = compiler(routeSchema);
    // Kept as UTF-8 bytes: encoding a large text on every send costs as much as serializing it.
    // Fastify sends a Buffer that a serializer returns as it is.
    const done = new WeakMap<object, Buffer>();
    return (payload: unknown) => {
      if (typeof payload !== 'object' || payload === null) return serialize(payload);
      let bytes = done.get(payload);
      if (bytes === undefined) {
        bytes = Buffer.from(serialize(payload), 'utf8');
        done.set(payload, bytes);
      }
      return bytes as unknown as string;
    };
  };
}

/** The same wrapper object for the same wrapped object (e.g. `{ items }` around a memoized list). */
export function wrapOnce<K extends object, V extends object>(wrap: (inner: K) => V): (inner: K) => V {
  const wrappers = new WeakMap<K, V>();
  return (inner) => {
    let outer = wrappers.get(inner);
    if (!outer) wrappers.set(inner, (outer = wrap(inner)));
    return outer;
  };
}
