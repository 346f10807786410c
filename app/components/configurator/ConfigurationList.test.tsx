// @vitest-environment jsdom
/** The summary's list of choices (grouped, with codes) and the undo/redo keys. */
import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { groupConfiguration } from "~/domain/configuration-view";
import { ConfigurationList } from "./ConfigurationList";
import { sedan, withI18n } from "./configurator.testing";
import { undoCommand } from "./use-undo-shortcuts";

afterEach(cleanup);

describe("ConfigurationList", () => {
  it("groups the choices by feature in catalog order, package contents marked, the inscription quoted", () => {
    const groups = groupConfiguration(sedan, ["Y1Y1", "PQD", "WB6", "VT7"], { inscription: "ANNA" }, "en");
    expect(groups.map((g) => g.feature)).toEqual(["trim", "paint", "packages", "options", "inscription"]);
    expect(groups.find((g) => g.feature === "options")!.items).toEqual([
      { code: "9VS", name: "Bang & Olufsen Premium 3D Sound System", includedIn: "Bang & Olufsen package", includedInCode: "WB6" },
      { code: "VW1", name: "Acoustic glazing, double-glazed side windows", includedIn: "Bang & Olufsen package", includedInCode: "WB6" },
      { code: "VT7", name: "Illuminated door sills with personal inscription" },
    ]);
    render(withI18n(<ConfigurationList groups={groups} />));
    const paint = document.querySelector('[data-feature="paint"]')!;
    expect(paint.querySelector("dt")!.textContent).toBe("Exterior colour");
    expect(paint.querySelector("dd")!.textContent).toBe("Tango Red, metallic Y1Y1");
    expect(document.querySelector('[data-code="9VS"]')!.textContent).toContain("Included in Bang & Olufsen package");
    expect(document.querySelector('[data-feature="inscription"] dd')!.textContent).toContain("\u201cANNA\u201d");
  });

  it("says when nothing is chosen yet", () => {
    render(withI18n(<ConfigurationList groups={groupConfiguration(sedan, [], {}, "ko")} />, "ko"));
    expect(document.body.textContent).toBe("아직 선택한 항목이 없습니다.");
  });
});

describe("undoCommand", () => {
  const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) =>
    undoCommand({ key: k, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, shiftKey: !!mods.shift, altKey: !!mods.alt });
  it("reads Ctrl/Cmd+Z as undo, Ctrl/Cmd+Shift+Z and Ctrl+Y as redo, and nothing else", () => {
    expect(key("z", { ctrl: true })).toBe("UNDO");
    expect(key("z", { meta: true })).toBe("UNDO");
    expect(key("Z", { ctrl: true, shift: true })).toBe("REDO");
    expect(key("z", { meta: true, shift: true })).toBe("REDO");
    expect(key("y", { ctrl: true })).toBe("REDO");
    expect(key("z")).toBeNull();
    expect(key("z", { ctrl: true, alt: true })).toBeNull();
    expect(key("y", { meta: true })).toBeNull();
    expect(key("x", { ctrl: true })).toBeNull();
  });
});
