/**
 * Saving outside the configurator machine (the review page has no running
 * configurator): the same API call, with its own saving / saved / failed state.
 */
import { useCallback, useState } from "react";
import type { Configuration } from "~/domain/catalog";
import { saveConfiguration } from "./api-client";

export function useSaveConfiguration(configuration: Configuration) {
  const [saving, setSaving] = useState(false);
  const [savedName, setSavedName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
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
      } finally {
        setSaving(false);
      }
    },
    [line, catalogVersion, choices, texts],
  );
  return { saving, savedName, error, save };
}
