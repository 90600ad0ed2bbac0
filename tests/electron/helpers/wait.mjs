// Polling helper for tests that watch asynchronous start-up and shut-down.

/** Resolve once `predicate()` is truthy; reject after `timeoutMs`. */
export async function waitFor(
  predicate,
  { timeoutMs = 10_000, intervalMs = 20, what = 'condition' } = {},
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
