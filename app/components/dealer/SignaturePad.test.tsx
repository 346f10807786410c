// @vitest-environment jsdom
/**
 * The signature pad draws with pointer events (touch, pen or mouse alike)
 * into SVG path data the server accepts; "accept" only once a stroke exists,
 * "clear" starts again. The path arithmetic is tested on its own too.
 */
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { withI18n } from "~/components/configurator/configurator.testing";
import { hasStroke, lineTo, moveTo, PAD_HEIGHT, PAD_WIDTH, toPadPoint } from "./signature-path";
import { SignaturePad } from "./SignaturePad";

afterEach(cleanup);

// jsdom has no PointerEvent (browsers do): a MouseEvent with the pointer's id and type stands in, so fireEvent sends real coordinates.
if (typeof window.PointerEvent === "undefined") {
  class PointerEventStandIn extends MouseEvent {
    readonly pointerId: number;
    readonly pointerType: string;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 0;
      this.pointerType = init.pointerType ?? "mouse";
    }
  }
  window.PointerEvent = PointerEventStandIn as unknown as typeof PointerEvent;
}

/** What the server accepts (quotes.server.ts). */
const SERVER_PATTERN = /^[MLQCZmlqcz0-9 ,.-]+$/;

describe("signature path", () => {
  it("scales pointer positions into the pad's integer coordinates, clamped", () => {
    const rect = { left: 100, top: 50, width: 300, height: 100 };
    expect(toPadPoint({ clientX: 250, clientY: 100 }, rect)).toEqual({ x: PAD_WIDTH / 2, y: PAD_HEIGHT / 2 });
    expect(toPadPoint({ clientX: 100.4, clientY: 50.6 }, rect)).toEqual({ x: 1, y: 1 });
    expect(toPadPoint({ clientX: 0, clientY: 999 }, rect)).toEqual({ x: 0, y: PAD_HEIGHT });
  });

  it("builds 'M x y L x y …' strokes and knows when something was drawn", () => {
    let path = moveTo("", { x: 1, y: 2 });
    expect(hasStroke(path)).toBe(false);
    path = lineTo(path, { x: 1, y: 2 });
    expect(path).toBe("M 1 2");
    path = lineTo(lineTo(path, { x: 3, y: 4 }), { x: 5, y: 6 });
    path = lineTo(moveTo(path, { x: 10, y: 10 }), { x: 12, y: 11 });
    expect(path).toBe("M 1 2 L 3 4 L 5 6 M 10 10 L 12 11");
    expect(hasStroke(path)).toBe(true);
    expect(path).toMatch(SERVER_PATTERN);
  });
});

function renderPad() {
  const { container } = render(
    withI18n(
      <form>
        <SignaturePad name="signature" label="Sign here" acceptLabel="Accept" />
      </form>,
    ),
  );
  const area = screen.getByTestId("signature-area");
  const field = container.querySelector<HTMLInputElement>('input[name="signature"]')!;
  return { area, field };
}

describe("<SignaturePad>", () => {
  it("draws with a finger (touch pointer) and accepts only once a stroke exists", () => {
    const { area, field } = renderPad();
    const accept = screen.getByTestId("signature-accept");
    expect(accept).toHaveProperty("disabled", true);
    fireEvent.pointerDown(area, { pointerId: 7, pointerType: "touch", clientX: 10, clientY: 20 });
    expect(accept).toHaveProperty("disabled", true);
    fireEvent.pointerMove(area, { pointerId: 7, pointerType: "touch", clientX: 30, clientY: 25 });
    fireEvent.pointerMove(area, { pointerId: 7, pointerType: "touch", clientX: 50, clientY: 40 });
    fireEvent.pointerUp(area, { pointerId: 7, pointerType: "touch" });
    // Moves after lifting the finger draw nothing.
    fireEvent.pointerMove(area, { pointerId: 7, pointerType: "touch", clientX: 90, clientY: 90 });
    expect(field.value).toBe("M 10 20 L 30 25 L 50 40");
    expect(field.value).toMatch(SERVER_PATTERN);
    expect(accept).toHaveProperty("disabled", false);
    expect(area.getAttribute("data-signed")).toBe("true");
  });

  it("draws with a mouse too, and 'clear' starts again", () => {
    const { area, field } = renderPad();
    fireEvent.pointerDown(area, { pointerId: 1, pointerType: "mouse", clientX: 5, clientY: 5 });
    fireEvent.pointerMove(area, { pointerId: 1, pointerType: "mouse", clientX: 15, clientY: 9 });
    fireEvent.pointerUp(area, { pointerId: 1, pointerType: "mouse" });
    expect(field.value).toBe("M 5 5 L 15 9");
    fireEvent.click(screen.getByRole("button", { name: "Clear" }));
    expect(field.value).toBe("");
    expect(screen.getByTestId("signature-accept")).toHaveProperty("disabled", true);
  });
});
