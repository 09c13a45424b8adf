// What the staff scripts find on window: the generated labels.js (apps/api/src/web/assets.ts) and staff-api.js.
interface Window {
  /** staff-api.js: a JSON call with the session cookie; rejects with the API's error message. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON, read by checked-JS callers that type what they use
  BVS_API: (path: string, init?: RequestInit) => Promise<any>;
  BVS_LABELS: { status: Record<string, string>; events: Record<string, string>; channel: Record<string, string> };
}
