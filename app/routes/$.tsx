/**
 * Any path no other route matches. Throwing the 404 from a route (rather
 * than letting the router give up) runs the root loader first, so the 404
 * page has the visitor's language and navigation. The root ErrorBoundary
 * renders it.
 */
export function loader() {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export function action() {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

// A UI route (not a resource route), so the thrown 404 renders as a page.
export default function NotFound() {
  return null;
}
