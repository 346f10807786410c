/**
 * The one way a configuration that arrives from outside the configurator (a
 * link's ?c=, a share code, a saved configuration, a quote, an order being
 * changed, a configuration of an older catalog version) is mapped onto a line:
 * what the line doesn't know is named and left out, and what it knows is kept
 * in its original order as long as some complete configuration still contains
 * everything kept; a choice that would break that is left out with the
 * engine's reason. Earlier choices (trim, engine) so win over later ones,
 * deterministically, and each reason names the rules that bite. Texts are kept
 * when the line has the field and accepts the text with the kept choices.
 *
 * The kept choices are a maximal buildable part of the configuration (no left-
 * out choice can be added back), possibly incomplete; `complete` finishes it.
 */
import type { Configuration } from "../catalog";
import type { CompiledLine } from "./compile";
import { complete } from "./complete";
import { explain } from "./domains";
import type { Problem, Reason } from "./types";
import { validate } from "./validate";

/** A known choice that had to go: the kept choices that rule it out and the rules that do. */
export interface DroppedChoice {
  code: string;
  reason: Reason | null;
}

/** A text left out: the field, and why (the line lacks it, it breaks its pattern, or it needs a value not chosen). */
export interface DroppedText {
  field: string;
  problem: Extract<Problem["code"], "unknown-text" | "text-invalid" | "text-not-allowed">;
}

export interface NormalisedConfiguration {
  /** Choices whose codes the line doesn't have, in their order. */
  unknown: string[];
  /** Known choices that conflict with earlier kept ones, each with its reason. */
  dropped: DroppedChoice[];
  droppedTexts: DroppedText[];
  /** What is kept: known, distinct, buildable together, in the original order. */
  choices: string[];
  texts: Record<string, string>;
}

const TEXT_PROBLEMS: ReadonlySet<string> = new Set(["unknown-text", "text-invalid", "text-not-allowed"]);

export function normaliseConfiguration(
  compiled: CompiledLine,
  config: Pick<Configuration, "choices" | "texts">,
): NormalisedConfiguration {
  const unknown = config.choices.filter((c) => !compiled.valueVar.has(c));
  const known = [...new Set(config.choices.filter((c) => compiled.valueVar.has(c)))];
  const dropped: DroppedChoice[] = [];
  let kept = known;
  // Most configurations are buildable as they are: one check instead of one per choice.
  if (complete(compiled, { choices: known }) === null) {
    kept = [];
    for (const c of known) {
      if (complete(compiled, { choices: [...kept, c] }) !== null) kept.push(c);
      else dropped.push({ code: c, reason: explain(compiled, kept, c) });
    }
  }
  const texts: Record<string, string> = {};
  const droppedTexts: DroppedText[] = [];
  for (const [field, text] of Object.entries(config.texts ?? {})) {
    const problems = validate(compiled.line, { line: compiled.line.code, choices: kept, texts: { [field]: text } });
    const problem = problems.find((p) => p.target === field && TEXT_PROBLEMS.has(p.code));
    if (problem) droppedTexts.push({ field, problem: problem.code as DroppedText["problem"] });
    else texts[field] = text;
  }
  return { unknown, dropped, droppedTexts, choices: kept, texts };
}
