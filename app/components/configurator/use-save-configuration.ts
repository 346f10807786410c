/**
 * Saving outside the configurator machine (the review page has no running
 * configurator): the same API call, with its own saving / saved / failed state.
 */
import { useCallback, useState } from "react";
import type { Configuration } from "~/domain/catalog";
import { ApiRequestError, saveConfiguration } from "./api-client";

export function useSaveConfiguration(configuration: Configuration) {
  const [saving, setSaving] = useState(false);
  const [savedName, setSavedName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A refusal (4xx) says why; only other failures are worth trying again.
  const [retryable, setRetryable] = useState(true);
  const { line, catalogVersion, choices, texts } = configuration;
  const save = useCallback(
    async (name: string) => {
      setSaving(true);
      setError(null);
      try {
        await saveConfiguration({ name, configuration: { line, catalogVersion, choices, texts } });
        setSavedName(name);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
        setRetryable(!(e instanceof ApiRequestError && e.status >= 400 && e.status < 500));
      } finally {
        setSaving(false);
      }
    },
    [line, catalogVersion, choices, texts],
  );
  return { saving, savedName, error, retryable, save };
}
