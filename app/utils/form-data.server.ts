import { FORM_BODY_BYTES } from "./body-limits";

export { FORM_BODY_BYTES, LARGEST_BODY_BYTES, UPLOAD_BODY_BYTES } from "./body-limits";

/**
 * Read a form body without ever turning bad input into a 500: a JSON body,
 * a broken multipart or a wrong content type becomes an empty form, which the
 * route's schema then reports as missing fields (400). A body larger than
 * `maxBytes` (declared, or counted while reading) is a thrown 413, so a huge
 * anonymous post is never held in memory (it once took the server from 384
 * to 630 MB).
 */
export async function readFormData(request: Request, maxBytes = FORM_BODY_BYTES): Promise<FormData> {
  const form = await readBoundedFormData(request, maxBytes);
  if (form === "too-large") throw new Response(`The form is larger than ${Math.round(maxBytes / 1024)} KB.`, { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return form;
}

/** A form body of any size, parsed: only for a body already bounded (readBoundedFormData). */
async function parseForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    return new FormData();
  }
}

/**
 * The request's body, read up to `maxBytes` and no further: null when it is
 * larger (declared in Content-Length or found while reading) or could not be
 * read to its end, so a huge body is never held in memory.
 */
export async function readBodyUpTo(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      // The stream failed: cut off by the request guard's count past the largest body, or the client went away.
      return null;
    }
    const { done, value } = next;
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Stop reading, but don't cancel: on the express bridge that destroys the socket before the 413 goes out.
      // The server discards the rest of the body once the answer is sent.
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * A form's body, read up to `maxBytes` and no further: a larger one
 * (declared or streamed) is "too-large" without being held in memory, for
 * pages that answer it themselves. Within the limit, like readFormData, bad
 * bodies become an empty form.
 */
export async function readBoundedFormData(request: Request, maxBytes: number): Promise<FormData | "too-large"> {
  const body = await readBodyUpTo(request, maxBytes);
  if (body === null) return "too-large";
  const type = request.headers.get("Content-Type");
  return parseForm(new Request(request.url, { method: "POST", headers: type ? { "Content-Type": type } : {}, body }));
}
