// "Sign in, then back to where you were": the `next` a login link carries is attacker-controlled
// text. Browsers read "/\host", "/<tab>/host" and "//host" as another host, so only a plain path
// inside the app is followed; anything else goes to the start page.

export const START_PAGE = "/";

// C0 and C1 controls and DEL: browsers strip tabs and newlines from URLs, turning "/\t/x" into "//x".
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Any fixed origin: only whether the path stays on it matters. */
const PROBE_ORIGIN = "http://app.invalid";

function isPlainPath(path: string): boolean {
  if (!path.startsWith("/")) return false;
  if (path.startsWith("//") || path.startsWith("/\\")) return false;
  if (path.includes("\\") || CONTROL.test(path)) return false;
  try {
    return new URL(path, PROBE_ORIGIN).origin === PROBE_ORIGIN;
  } catch {
    return false;
  }
}

/** `next` itself when it (and its percent-decoded form) is a path inside the app, else "/". */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || next === "") return START_PAGE;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return START_PAGE;
  }
  return isPlainPath(next) && isPlainPath(decoded) ? next : START_PAGE;
}
