// What the generated labels.js (apps/api/src/web/assets.ts) puts on window for the staff scripts.
interface Window {
  BVS_LABELS: { status: Record<string, string>; events: Record<string, string>; channel: Record<string, string> };
}
