/**
 * /configure/<line>: the configurator. The loader sends the product line of
 * the active catalog version as catalog JSON; the browser compiles it with
 * the same engine and runs the configurator machine, so every click is
 * answered locally. The address carries the configuration (`?c=…&t.<field>=…`)
 * so the server renders the same state a reload or the back button asks for.
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useLayoutEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { noteView } from "~/.server/account/recently-viewed.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { getLine, shippedPairTable } from "~/.server/catalog/catalog.server";
import { readRecommendationModel } from "~/.server/recommendations/recommendations.server";
import { Configurator } from "~/components/configurator/Configurator";
import { parseStored, storageKey } from "~/components/configurator/configurator-model";
import configuratorStyles from "~/components/configurator/configurator.css?url";
import { useRememberView } from "~/components/recently-viewed";
import { localize } from "~/domain/catalog";
import { recomputesOffThread, rememberCompiled, rememberPairTable } from "~/domain/configurator.engine";
import { startingEngine } from "~/domain/configurator.machine";
import { parseConfigureSearch } from "~/domain/forms/configuration";
import { getT } from "~/i18n";
import type { loader as rootLoader } from "~/root";
import { languageOf } from "~/utils/meta";
import { getDb } from "#db/client";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: configuratorStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const loaded = await getLine(params.line ?? "");
  if (!loaded || loaded.version.status !== "published") throw new Response("Not found", { status: 404 });
  // The server renders the first state with the engine too: reuse the compiled line from the catalog cache.
  rememberCompiled(loaded.line, loaded.compiled);
  await noteView(request, { kind: "line", ref: loaded.line.code, line: loaded.line.code });
  // Aggregated rules only (k-anonymous, consenting customers): no order or customer in them.
  const model = await readRecommendationModel(await getDb(), loaded.line.code);
  const search = new URL(request.url).searchParams;
  const initial = parseConfigureSearch(search);
  // Large lines recompute in a Web Worker (`?engine=worker` asks for it on any line: the browser
  // journeys use it). The first answer comes from here, as the page renders it.
  const offThread = recomputesOffThread(loaded.line) || search.get("engine") === "worker";
  const { market } = await getPreferences(request);
  return {
    line: loaded.line,
    // Built on the server once per compiled line (lines with tables), so the browser doesn't.
    pairTable: shippedPairTable(loaded),
    recommendations: model?.rules ?? [],
    version: { id: loaded.version.id, label: loaded.version.label },
    initial,
    engine: offThread ? { market, state: startingEngine({ line: loaded.line, catalogVersion: loaded.version.id, market, ...initial }) } : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const language = languageOf(matches);
  const t = getT(language);
  const name = data ? localize(data.line.name, language) : "";
  return [{ title: `${t("configurator.title", { name })} · ${t("app.name")}` }];
};

/** A layout effect in the browser (none on the server, where it would only warn). */
const useBrowserLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

export default function ConfigureLine() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  // Before anything compiles the line in the browser.
  rememberPairTable(data.line, data.pairTable);
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const [start, setStart] = useState({ generation: 0, ...data.initial });
  const [restored, setRestored] = useState(false);
  useRememberView({ kind: "line", ref: data.line.code, line: data.line.code }, Boolean(root?.user));

  // Opened without a configuration in the address: continue the one this tab was working on.
  // A layout effect: it must read the storage before the configurator's own effect writes the empty start into it.
  useBrowserLayoutEffect(() => {
    if (data.initial.choices.length > 0 || Object.keys(data.initial.texts).length > 0) return;
    let stored = null;
    try {
      stored = parseStored(window.sessionStorage.getItem(storageKey(data.line.code)));
    } catch {
      // Storage disabled: start empty.
    }
    if (stored && stored.version === data.version.id && (stored.choices.length > 0 || Object.keys(stored.texts).length > 0)) {
      setStart((s) => ({ generation: s.generation + 1, choices: stored.choices, texts: stored.texts }));
      setRestored(true);
    }
  }, [data]);

  return (
    <>
      {restored ? (
        <p className="notice" role="status">
          {t("configurator.restored")}
        </p>
      ) : null}
      <Configurator
        // A new line, version or restored start is a new configurator (a new actor).
        key={`${data.line.code}@${data.version.id}#${start.generation}`}
        line={data.line}
        version={data.version.id}
        language={root?.language ?? "en"}
        market={root?.market ?? "US"}
        initial={start}
        signedIn={Boolean(root?.user)}
        rules={data.recommendations}
        offThread={
          // The server's answer fits the address's configuration in its market; a restored one is computed anew.
          data.engine
            ? { engine: start.generation === 0 && data.engine.market === (root?.market ?? "US") ? data.engine.state : null, pairTable: data.pairTable }
            : undefined
        }
      />
    </>
  );
}
