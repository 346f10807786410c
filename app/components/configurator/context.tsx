/**
 * The running configurator actor and what every part of the page needs with
 * it (the line, the reader's language, the market's money format), handed
 * down through React context instead of through every component's props.
 */
import { useSelector } from "@xstate/react";
import { createContext, useCallback, useContext } from "react";
import type { ActorRefFrom } from "xstate";
import { useTranslation } from "react-i18next";
import { stepName, type Language, type ProductLine } from "~/domain/catalog";
import type { ConfiguratorMachine, ConfiguratorStep } from "~/domain/configurator.machine";
import type { ConfiguratorSnapshot } from "~/domain/configurator.selectors";
import type { AssociationRule } from "~/domain/recommend";
import { formatMoney } from "~/utils/money";

export type ConfiguratorActor = ActorRefFrom<ConfiguratorMachine>;

export interface ConfiguratorEnv {
  actor: ConfiguratorActor;
  line: ProductLine;
  language: Language;
  /** The line's recommendation rules (from order history); none where the page has none to show. */
  rules?: readonly AssociationRule[];
}

const Context = createContext<ConfiguratorEnv | null>(null);

export const ConfiguratorProvider = Context.Provider;

export function useConfigurator(): ConfiguratorEnv {
  const env = useContext(Context);
  if (!env) throw new Error("useConfigurator outside <ConfiguratorProvider>");
  return env;
}

/** A slice of the machine's snapshot; re-renders only when the slice changes. */
export function useConfiguratorSelector<T>(selector: (s: ConfiguratorSnapshot) => T): T {
  return useSelector(useConfigurator().actor, selector);
}

/** Money in the configuration's market, written the reader's way. */
export function useMoney(): (minor: number) => string {
  const { language } = useConfigurator();
  const market = useConfiguratorSelector((s) => s.context.market);
  return useCallback((minor: number) => formatMoney(minor, market, language), [market, language]);
}

/** A price difference with its sign ("+€1,297.10", "−€500.00"). */
export function signedMoney(format: (minor: number) => string, minor: number): string {
  if (minor > 0) return `+${format(minor)}`;
  if (minor < 0) return `\u2212${format(-minor)}`;
  return format(0);
}

/** A step's name: the line's own where it has one (decision in catalog.ts `stepNames`), else the general one. */
export function useStepName(): (step: ConfiguratorStep) => string {
  const { line, language } = useConfigurator();
  const { t } = useTranslation();
  return useCallback((step: ConfiguratorStep) => stepName(line, step, language) ?? t(`configurator.steps.${step}`), [line, language, t]);
}
