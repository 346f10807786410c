/**
 * How large a request body may be (bytes): read by the request guard, the
 * form readers and the pages that tell people the limit.
 */

/** The largest form body a page accepts (a form of text fields); routes that take files say theirs. */
export const FORM_BODY_BYTES = 64 * 1024;
/** The largest catalog upload (/admin/catalog): the demo catalog is about 0.2 MB, the largest benchmark catalogs a few MB. */
export const UPLOAD_BODY_BYTES = 8 * 1024 * 1024;
/** The largest body any route accepts (an upload and its form around it): the request guard refuses larger ones before a route runs. */
export const LARGEST_BODY_BYTES = UPLOAD_BODY_BYTES + FORM_BODY_BYTES;
