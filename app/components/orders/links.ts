/** Addresses of the ordering pages for a configuration, from its configurator address (/configure/<line>?c=…). */

/** /configure/<line>/order?c=…: checkout. */
export function checkoutHref(configureHref: string): string {
  return configureHref.replace(/^(\/configure\/[^?#]+)/, "$1/order");
}

/** /orders/<number>/change?c=…: confirm this configuration as the order's new one. */
export function changeOrderHref(number: string, configureHref: string): string {
  const query = configureHref.indexOf("?");
  return `/orders/${encodeURIComponent(number)}/change${query >= 0 ? configureHref.slice(query) : ""}`;
}
