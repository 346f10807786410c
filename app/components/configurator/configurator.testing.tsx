/**
 * For the configurator's component tests: the real demo catalog, a real
 * configurator actor (the engine is never mocked) and the providers the
 * components expect (i18next, the configurator context).
 */
import { render } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { createActor } from "xstate";
import demoJson from "../../../db/catalog/demo.json";
import { parseCatalog, type Language, type Market, type ProductLine } from "~/domain/catalog";
import { configuratorMachine } from "~/domain/configurator.machine";
import { getI18n } from "~/i18n";
import { ConfiguratorProvider, type ConfiguratorActor } from "./context";

export const demo = parseCatalog(demoJson);
export const sedan: ProductLine = demo.productLines.find((l) => l.code === "sedan-a6l")!;
export const fridge: ProductLine = demo.productLines.find((l) => l.code === "fridge-fs")!;

export function startConfigurator(
  line: ProductLine,
  options: { choices?: string[]; texts?: Record<string, string>; market?: Market } = {},
): ConfiguratorActor {
  const actor = createActor(configuratorMachine, {
    input: { line, catalogVersion: "test", market: options.market ?? "DE", choices: options.choices, texts: options.texts },
  });
  actor.start();
  return actor;
}

export function withI18n(ui: React.ReactNode, language: Language = "en") {
  return <I18nextProvider i18n={getI18n(language)}>{ui}</I18nextProvider>;
}

/** Render inside the providers, with the actor running `line`. */
export function renderWithConfigurator(ui: React.ReactNode, actor: ConfiguratorActor, line: ProductLine, language: Language = "en") {
  return render(withI18n(<ConfiguratorProvider value={{ actor, line, language }}>{ui}</ConfiguratorProvider>, language));
}
