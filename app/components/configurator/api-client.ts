/**
 * The browser's side of the configuration API (docs/api.md): save a
 * configuration to the signed-in customer's account, make a share code.
 * The server re-checks everything with the engine; an error carries the
 * API's machine code (e.g. "unauthorized", "conflicting-choices").
 */
import type { Configuration } from "~/domain/catalog";

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

async function postJson<T>(url: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    credentials: "same-origin",
    body: JSON.stringify(body),
    signal,
  });
  const data = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (!response.ok) {
    throw new ApiRequestError(response.status, data?.error?.code ?? "http-error", data?.error?.message ?? `HTTP ${response.status}`);
  }
  return data as T;
}

function body(configuration: Configuration) {
  return {
    line: configuration.line,
    ...(configuration.catalogVersion ? { version: configuration.catalogVersion } : {}),
    choices: configuration.choices,
    texts: configuration.texts,
  };
}

export async function saveConfiguration(input: { name: string; configuration: Configuration }, signal?: AbortSignal): Promise<{ id: string }> {
  const data = await postJson<{ configuration: { id: string } }>("/api/v1/configurations", { ...body(input.configuration), name: input.name }, signal);
  return { id: data.configuration.id };
}

export async function shareConfiguration(configuration: Configuration, signal?: AbortSignal): Promise<{ code: string; url: string }> {
  return postJson<{ code: string; url: string }>("/api/v1/share", body(configuration), signal);
}
