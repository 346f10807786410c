/**
 * What server.js hands every loader and action (getLoadContext). Optional,
 * because `remix vite:dev` runs without our server and passes nothing.
 */
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The x-request-id of this request, for logs. */
    requestId?: string;
    /** The client's IP address (behind a proxy only when TRUST_PROXY is set). */
    clientAddress?: string;
    /** This request's Content-Security-Policy nonce, for the document's inline scripts (security-headers.js). */
    cspNonce?: string;
    /** The Content-Security-Policy server.js set for this request: the page cache swaps its nonce for script hashes. */
    contentSecurityPolicy?: string;
    /** Render the whole document before answering (the page cache stores this answer for others; decision 056). */
    wholeDocument?: boolean;
  }
}

export {};
