/**
 * Only same-site paths may be redirect targets: "//evil.example" and
 * "/\evil.example" are protocol-relative in browsers, so they are refused.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Control characters (a newline in a Location header, a tab browsers strip) are never legitimate.
  if ([...to].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return fallback;
  return to;
}
