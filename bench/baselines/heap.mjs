// The baselines' live heap, for the bench's "bytes from the managed heap after a full collection" (issue 12): started
// with node --expose-gc, a baseline answers GET /heap with the V8 heap in use right after a full collection; without the
// flag the endpoint does not exist (404), so a server run by hand exposes nothing.

/** V8 heap bytes in use after a full, blocking collection (gc() of --expose-gc). */
export function liveHeapBytes() {
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}
