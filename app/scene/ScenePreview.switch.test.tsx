// @vitest-environment jsdom
/**
 * The picture/3D switch in a browser-like DOM: on a software renderer the
 * still picture and a "Show 3D view" button come by default, the button
 * mounts the 3D view (the real lazy scene chunk) and the choice is kept for
 * the tab; with a GPU the 3D view comes without a switch. Only the renderer
 * probe is replaced (jsdom has no WebGL to ask).
 */
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import en from "~/locales/en.json";
import type * as RenderQuality from "./render-quality";

const probe = vi.hoisted(() => ({ renderer: "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)" as string | null }));
vi.mock("./render-quality", async (importOriginal) => {
  const actual = await importOriginal<typeof RenderQuality>();
  return { ...actual, probeWebGL: () => (probe.renderer === null ? { available: false, renderer: null } : { available: true, renderer: probe.renderer }) };
});

const { ScenePreview, SCENE_VIEW_STORAGE_KEY } = await import("./ScenePreview");

const SOFTWARE = "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)";
const GPU = "ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)";
const labels = en.configurator.scene;

beforeAll(() => {
  // R3F's <Canvas> measures its box with a ResizeObserver, which jsdom lacks. With no size reported
  // (jsdom has no layout) the canvas never asks for a WebGL context: the scene's container mounts, nothing draws.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
beforeEach(() => window.sessionStorage.clear());
afterEach(cleanup);

function renderPreview() {
  return render(
    <div style={{ width: 800, height: 400 }}>
      <ScenePreview model="sedan" visualKeys={["paint:red:metallic"]} camera="front" viewLabels={labels} />
    </div>,
  );
}

/** Lets the idle callback (a timer in jsdom) run the probe. */
async function probed() {
  await act(() => new Promise((r) => setTimeout(r, 20)));
  expect(screen.getByTestId("scene-preview").dataset.renderer).not.toBe("unknown");
}

describe("ScenePreview picture/3D switch", () => {
  it("shows the still picture and a 'Show 3D view' button on a software renderer; the button mounts the 3D view", async () => {
    probe.renderer = SOFTWARE;
    renderPreview();
    await probed();
    expect(screen.getByTestId("scene-preview").dataset.renderer).toBe("software");
    expect(screen.getByTestId("product-scene-still")).toBeTruthy();
    expect(screen.queryByTestId("product-scene")).toBeNull();
    const show = screen.getByRole("button", { name: labels.show3d });
    expect(show.getAttribute("title")).toBe(labels.softwareHint);

    fireEvent.click(show);
    expect(window.sessionStorage.getItem(SCENE_VIEW_STORAGE_KEY)).toBe("3d");
    expect(screen.getByTestId("scene-preview").dataset.view).toBe("3d");
    // The lazy three.js chunk loads; then the 3D view's container replaces the picture.
    const scene = await screen.findByTestId("product-scene", undefined, { timeout: 25_000 });
    expect(scene.dataset.state).toBe("loading");
    expect(scene.querySelector("canvas")).toBeTruthy();
    expect(screen.queryByTestId("product-scene-still")).toBeNull();

    // And back to the picture.
    fireEvent.click(screen.getByRole("button", { name: labels.showPicture }));
    expect(screen.getByTestId("product-scene-still")).toBeTruthy();
    expect(screen.queryByTestId("product-scene")).toBeNull();
    expect(window.sessionStorage.getItem(SCENE_VIEW_STORAGE_KEY)).toBe("still");
    expect(screen.getByRole("button", { name: labels.show3d })).toBeTruthy();
  }, 40_000);

  it("remembers the customer's choice of the 3D view for the tab", async () => {
    probe.renderer = SOFTWARE;
    window.sessionStorage.setItem(SCENE_VIEW_STORAGE_KEY, "3d");
    renderPreview();
    await probed();
    expect(screen.getByTestId("scene-preview").dataset.view).toBe("3d");
    expect(screen.queryByRole("button", { name: labels.show3d })).toBeNull();
    expect(screen.getByRole("button", { name: labels.showPicture })).toBeTruthy();
    await screen.findByTestId("product-scene", undefined, { timeout: 25_000 });
  }, 40_000);

  it("mounts the 3D view with no switch on a hardware renderer", async () => {
    probe.renderer = GPU;
    renderPreview();
    await probed();
    expect(screen.getByTestId("scene-preview").dataset).toMatchObject({ renderer: "hardware", view: "3d" });
    expect(screen.queryByTestId("scene-view-toggle")).toBeNull();
    await screen.findByTestId("product-scene", undefined, { timeout: 25_000 });
  }, 40_000);

  it("keeps the still picture, with no switch, without WebGL", async () => {
    probe.renderer = null;
    renderPreview();
    await probed();
    expect(screen.getByTestId("scene-preview").dataset).toMatchObject({ renderer: "none", view: "still" });
    expect(screen.getByTestId("product-scene-still")).toBeTruthy();
    expect(screen.queryByTestId("scene-view-toggle")).toBeNull();
  });
});
