// The production server's heap limit, given to every `next start` this project runs (npm start,
// the e2e server, the load, crash and benchmark harness), so what is measured is what is run.
//
// V8 lets the old generation grow to several times what survived its last full collection before
// collecting again: four times when the heap may reach 2 GB or more, which it may by default on
// any machine with 16 GB. A cold board at 200 patients reads and grades 70,000 sets, almost all of
// it garbage within the request, and the heap grew to 260 MB around 50 MB of live data; the
// process never gave it back. A limit of 1 GB brings the factor to about 1.6 (the peak heap
// 150 MB, the same first board in the same time). The kept caches are bounded by count
// (docs/ARCHITECTURE.md): the whole live heap was 103 MB at the end of a 200-patient bench run.
export const SERVER_HEAP_MB = 1024;

/** `env` with the heap limit added to NODE_OPTIONS, unless the operator set one there. */
export function withServerHeap(env) {
  const options = env.NODE_OPTIONS ?? "";
  if (/--max-old-space-size/.test(options)) return env;
  return { ...env, NODE_OPTIONS: `${options} --max-old-space-size=${SERVER_HEAP_MB}`.trim() };
}
