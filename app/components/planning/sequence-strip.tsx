/**
 * The day's sequence as a strip of cars (/planning/sequence, decision 054):
 * a block per car in its paint colour, a mark per station rule it needs,
 * cars in a window holding too many outlined, locked cars with a thick base.
 *
 * A car can be moved by dragging it onto another car's place — with Pointer
 * Events, so mouse, pen and touch behave the same (HTML drag and drop has no
 * touch) — or, focused, with the arrow keys, one place at a time (the table
 * below keeps its ↑/↓ buttons too). A moved car is locked where it is put:
 * `onMove` is the page's "move" (the server writes the draft and the lock).
 */
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { useTranslation } from "react-i18next";

export interface StripCar {
  id: string;
  number: string;
  colour: string | null;
  colourName: string;
  options: readonly string[];
  violated: boolean;
  locked: boolean;
}

interface Drag {
  id: string;
  from: number;
  over: number;
  x: number;
  y: number;
  /** Past a few pixels: a tap or click is not a move. */
  moving: boolean;
}

/** Pixels a pointer travels before a press becomes a drag. */
const DRAG_THRESHOLD = 6;

/** A steady hue per paint code, so one colour is one block colour on every visit. */
export function hueOf(code: string): number {
  let h = 0;
  for (const c of code) h = (h * 31 + c.charCodeAt(0)) % 360;
  return h;
}

export function SequenceStrip({ cars, disabled, onMove }: { cars: readonly StripCar[]; disabled: boolean; onMove: (id: string, to: number) => void }) {
  const { t } = useTranslation();
  const [drag, setDragState] = useState<Drag | null>(null);
  // The handlers read the drag from a ref, not from the render they were made in: a quick flick (or a busy
  // tablet) delivers pointermove and pointerup before React renders the moves, and the drop must use the last one.
  const dragNow = useRef<Drag | null>(null);
  const setDrag = (next: Drag | null) => {
    dragNow.current = next;
    setDragState(next);
  };
  const list = useRef<HTMLOListElement>(null);
  // The car moved by keyboard keeps the focus once the page shows its new place.
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (!focusId || disabled) return;
    list.current?.querySelector<HTMLElement>(`[data-id="${focusId}"]`)?.focus();
  }, [focusId, disabled, cars]);

  const indexAt = (x: number, y: number): number | null => {
    const el = document.elementFromPoint(x, y)?.closest<HTMLElement>("[data-index]");
    return el && list.current?.contains(el) ? Number(el.dataset.index) : null;
  };

  const down = (e: PointerEvent<HTMLLIElement>, i: number) => {
    if (disabled || (e.pointerType === "mouse" && e.button !== 0)) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({ id: cars[i].id, from: i, over: i, x: e.clientX, y: e.clientY, moving: false });
  };
  const move = (e: PointerEvent<HTMLLIElement>) => {
    const drag = dragNow.current;
    if (!drag) return;
    const moving = drag.moving || Math.hypot(e.clientX - drag.x, e.clientY - drag.y) > DRAG_THRESHOLD;
    const over = moving ? (indexAt(e.clientX, e.clientY) ?? drag.over) : drag.over;
    if (moving !== drag.moving || over !== drag.over) setDrag({ ...drag, moving, over });
  };
  const up = () => {
    const drag = dragNow.current;
    if (drag?.moving && drag.over !== drag.from) onMove(drag.id, drag.over);
    setDrag(null);
  };
  const key = (e: KeyboardEvent<HTMLLIElement>, i: number) => {
    if (disabled) return;
    const step = e.key === "ArrowLeft" || e.key === "ArrowUp" ? -1 : e.key === "ArrowRight" || e.key === "ArrowDown" ? 1 : 0;
    if (step === 0 || i + step < 0 || i + step >= cars.length) return;
    e.preventDefault();
    setFocusId(cars[i].id);
    onMove(cars[i].id, i + step);
  };

  return (
    <>
      <p id="sequence-drag-hint" className="sequence-strip__hint">
        {t("sequence.dragHint")}
      </p>
      <ol ref={list} className={`sequence-strip${drag?.moving ? " sequence-strip--dragging" : ""}`} aria-label={t("sequence.strip")} aria-describedby="sequence-drag-hint">
        {cars.map((car, i) => {
          const dropHere = drag?.moving && drag.over === i && drag.over !== drag.from;
          const classes = [
            "sequence-strip__car",
            car.violated ? "sequence-strip__car--violated" : "",
            car.locked ? "sequence-strip__car--locked" : "",
            drag?.moving && drag.from === i ? "sequence-strip__car--dragged" : "",
            // The dragged car lands on this car's place: before it when coming from the right, after it from the left.
            dropHere ? (drag.from < i ? "sequence-strip__car--drop-after" : "sequence-strip__car--drop-before") : "",
          ];
          return (
            <li
              key={car.id}
              className={classes.filter(Boolean).join(" ")}
              style={car.colour ? { background: `hsl(${hueOf(car.colour)} 55% 75%)` } : undefined}
              title={`${i + 1}. ${car.number} — ${car.colourName}`}
              aria-label={t("sequence.carLabel", { position: i + 1, order: car.number, colour: car.colourName || "—", stations: car.options.join(", ") || "—" }) + (car.locked ? ` (${t("sequence.lockedCar")})` : "")}
              data-order={car.number}
              data-id={car.id}
              data-index={i}
              tabIndex={disabled ? -1 : 0}
              aria-disabled={disabled || undefined}
              onPointerDown={(e) => down(e, i)}
              onPointerMove={move}
              onPointerUp={up}
              onPointerCancel={() => setDrag(null)}
              onLostPointerCapture={() => setDrag(null)}
              onKeyDown={(e) => key(e, i)}
            >
              <span className="sequence-strip__pos">{i + 1}</span>
              {car.options.map((o) => (
                <span key={o} className="sequence-strip__mark">
                  {o}
                </span>
              ))}
            </li>
          );
        })}
      </ol>
    </>
  );
}
