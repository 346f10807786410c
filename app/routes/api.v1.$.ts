/**
 * Any other path under /api/v1/: a JSON 404 (not the HTML page), whatever the method.
 */
import { api, ApiError } from "~/.server/api/api.server";

const notFound = api(async ({ request }: { request: Request }) => {
  throw new ApiError(404, "not-found", `no endpoint ${new URL(request.url).pathname.slice(0, 200)}`);
});

export const loader = notFound;
export const action = notFound;
