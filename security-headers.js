/**
 * Security headers on every answer (decision 043), set by helmet rather than
 * by hand: a Content-Security-Policy whose scripts must carry this request's
 * nonce (Remix's inline hydration and scroll-restoration scripts get it from
 * the load context: app/entry.server.tsx, app/root.tsx), and
 * Strict-Transport-Security in production.
 *
 * What the pages need, checked in Chromium by the browser journeys (any CSP
 * violation fails a journey): scripts and modules from this origin plus
 * nonce-carrying inline ones; no eval (three.js, react-three-fiber, xstate and
 * zod run without it); images from this origin, data: and blob: (the QR code,
 * the 3D view's still picture); inline style attributes (React `style={…}`);
 * fetch and EventSource to this origin (the live order feed); workers from
 * this origin or blob: (three.js loaders may use them). Nothing may frame a
 * page, and no plugin content loads.
 *
 * `remix vite:dev` does not run through server.js, so development (with Vite's
 * inline HMR scripts) has no CSP to relax.
 */
import { randomBytes } from "node:crypto";
import helmet from "helmet";

/** One year, the usual HSTS lifetime; subdomains are not ours to decide for. */
const HSTS_MAX_AGE = 365 * 24 * 60 * 60;

/** A fresh nonce per request, for the CSP header and the document's scripts (res.locals.cspNonce). */
function cspNonce(_req, res, next) {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
}

/** The middleware for express: `app.use(securityHeaders())`. `production` turns HSTS on. */
export function securityHeaders({ production = process.env.NODE_ENV === "production" } = {}) {
  const common = {
    strictTransportSecurity: production ? { maxAge: HSTS_MAX_AGE, includeSubDomains: false } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    xFrameOptions: { action: "deny" },
  };
  const pages = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        "script-src-attr": ["'none'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
      },
    },
  });
  // A PDF (a quote's) opens in the browser's own viewer, an embedded plugin that `object-src 'none'` can block in
  // Chromium; a PDF runs none of our scripts, so it goes without the CSP and keeps every other header.
  const documents = helmet({ ...common, contentSecurityPolicy: false });
  return [cspNonce, (req, res, next) => (req.path.endsWith(".pdf") ? documents : pages)(req, res, next)];
}
