import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadLanguage } from "~/locales/load-language";

// The page's strings first (preloaded by the shell): hydration must render the same text as the server did.
void loadLanguage(document.documentElement.lang).then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  }),
);
