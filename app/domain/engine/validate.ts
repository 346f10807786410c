/**
 * Full check of a submitted configuration, as the server runs it before
 * accepting anything: every problem, not just the first.
 *
 * Closed world: a value not among the choices is not chosen, with one
 * exception: the values a chosen package includes count as chosen even when
 * they are not listed (the package brings them; pricing shows them as
 * included). So a package without its contents listed is still complete.
 *
 * Rules are evaluated directly on the chosen set (no solver), through the
 * constraints catalog.meaning.ts lowers them to: the same meaning the
 * engine's CNF encodes, and the property tests hold the two against each other.
 *
 * Texts: the whole text must match the feature's pattern (it is anchored here),
 * length counts Unicode code points; an empty text counts as absent.
 */
import type { Configuration, ProductLine, Rule } from "../catalog";
import { localize } from "../catalog";
import { featureConstraint, ruleConstraint, satisfies } from "../catalog.meaning";
import { effectiveChoices, indexLine } from "./line-index";
import type { Problem } from "./types";

export function validate(line: ProductLine, configuration: Configuration): Problem[] {
  if (configuration.line !== line.code)
    return [{ code: "unknown-line", target: configuration.line, message: `configuration is for line "${configuration.line}", not "${line.code}"` }];
  const problems: Problem[] = [];
  const { values, choiceFeatures, textFeatures } = indexLine(line);

  const seen = new Set<string>();
  for (const c of configuration.choices) {
    if (!values.has(c)) problems.push({ code: "unknown-code", target: c, message: `unknown value code "${c}"` });
    else if (seen.has(c)) problems.push({ code: "duplicate-code", target: c, message: `value "${c}" is chosen twice` });
    seen.add(c);
  }

  const chosen = new Set(effectiveChoices(line, configuration.choices));
  for (const f of choiceFeatures) {
    const count = f.values.filter((v) => chosen.has(v.code)).length;
    const { min, max, orNone } = featureConstraint(f);
    const name = localize(f.name, "en");
    if (count === 0 && orNone) continue;
    if (count === 0 && min > 0) problems.push({ code: "missing-required", target: f.code, message: `${name}: choose a value` });
    else if (count < min) problems.push({ code: "too-few", target: f.code, message: `${name}: choose at least ${min} (${count} chosen)` });
    if (count > max) problems.push({ code: "too-many", target: f.code, message: `${name}: choose at most ${max} (${count} chosen)` });
  }

  for (const rule of line.rules ?? []) {
    if (!holds(rule, chosen))
      problems.push({
        code: "rule-violated",
        rule: rule.id,
        message: rule.description ? localize(rule.description, "en") : `rule "${rule.id}" is not satisfied`,
      });
  }

  const texts = configuration.texts ?? {};
  for (const [code, text] of Object.entries(texts)) {
    const f = textFeatures.get(code);
    if (!f) {
      problems.push({ code: "unknown-text", target: code, message: `unknown personalization field "${code}"` });
      continue;
    }
    if (typeof text !== "string") {
      problems.push({ code: "text-invalid", target: code, message: `${localize(f.name, "en")}: not a text` });
      continue;
    }
    if (text === "") continue;
    if (f.enabledBy !== undefined && !chosen.has(f.enabledBy)) {
      problems.push({ code: "text-not-allowed", target: code, message: `${localize(f.name, "en")}: only with "${f.enabledBy}"` });
      continue;
    }
    const length = [...text].length;
    if (length > f.maxLength)
      problems.push({ code: "text-invalid", target: code, message: `${localize(f.name, "en")}: at most ${f.maxLength} characters (${length})` });
    else if (!fullMatch(f.pattern).test(text))
      problems.push({ code: "text-invalid", target: code, message: `${localize(f.name, "en")}: characters not allowed` });
  }
  for (const [code, f] of textFeatures) {
    const enabled = f.enabledBy === undefined || chosen.has(f.enabledBy);
    if (f.required && enabled && !texts[code])
      problems.push({ code: "missing-required", target: code, message: `${localize(f.name, "en")}: enter a text` });
  }
  return problems;
}

const patterns = new Map<string, RegExp>();

function fullMatch(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`, "u");
    patterns.set(pattern, re);
  }
  return re;
}

/** Does the rule hold on a set of chosen codes (closed world)? */
export function holds(rule: Rule, chosen: ReadonlySet<string>): boolean {
  return satisfies(ruleConstraint(rule), chosen);
}
