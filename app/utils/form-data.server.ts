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
