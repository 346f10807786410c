/**
 * Read a form body without ever turning bad input into a 500: a JSON body,
 * a broken multipart or a wrong content type becomes an empty form, which the
 * route's schema then reports as missing fields (400).
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    return new FormData();
  }
}

/**
 * The request's body, read up to `maxBytes` and no further: null when it is
 * larger (declared in Content-Length or found while reading), so a huge body
 * is never held in memory.
 */
export async function readBodyUpTo(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
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
 * A public form's body, read up to `maxBytes` and no further: a larger one
 * (declared or streamed) is "too-large" without being held in memory. Past
 * the limit, like readFormData, bad bodies become an empty form.
 */
export async function readBoundedFormData(request: Request, maxBytes: number): Promise<FormData | "too-large"> {
  const body = await readBodyUpTo(request, maxBytes);
  if (body === null) return "too-large";
  const type = request.headers.get("Content-Type");
  return readFormData(new Request(request.url, { method: "POST", headers: type ? { "Content-Type": type } : {}, body }));
}
