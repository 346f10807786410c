/**
 * The customer signs on the tablet with a finger: pointer events, so touch,
 * pen and mouse all draw; `touch-action: none` keeps the page from scrolling
 * under the finger. The drawing is SVG path data in a hidden field `name`;
 * "Clear" starts again and the form's own submit button accepts (enabled
 * only once something was drawn). Nothing depends on hover.
 */
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { hasStroke, lineTo, moveTo, PAD_HEIGHT, PAD_WIDTH, toPadPoint } from "./signature-path";

export interface SignaturePadProps {
  /** The hidden field's name. */
  name: string;
  /** Accessible label of the drawing area. */
  label: string;
  /** The accept button (a submit button of the surrounding form). */
  acceptLabel: string;
  busy?: boolean;
}

export function SignaturePad({ name, label, acceptLabel, busy = false }: SignaturePadProps) {
  const { t } = useTranslation();
  const [path, setPath] = useState("");
  const drawing = useRef<number | null>(null);
  const svg = useRef<SVGSVGElement>(null);

  const point = (e: React.PointerEvent) => toPadPoint(e, svg.current?.getBoundingClientRect() ?? { left: 0, top: 0, width: 0, height: 0 });

  return (
    <div className="signature-pad">
      <svg
        ref={svg}
        className="signature-pad__area"
        viewBox={`0 0 ${PAD_WIDTH} ${PAD_HEIGHT}`}
        role="img"
        aria-label={label}
        data-testid="signature-area"
        data-signed={hasStroke(path)}
        onPointerDown={(e) => {
          e.preventDefault();
          drawing.current = e.pointerId;
          // Keep receiving moves when the finger leaves the pad for a moment.
          svg.current?.setPointerCapture?.(e.pointerId);
          const p = point(e);
          setPath((old) => moveTo(old, p));
        }}
        onPointerMove={(e) => {
          if (drawing.current !== e.pointerId) return;
          const p = point(e);
          setPath((old) => lineTo(old, p));
        }}
        onPointerUp={(e) => {
          if (drawing.current === e.pointerId) drawing.current = null;
        }}
        onPointerCancel={() => {
          drawing.current = null;
        }}
      >
        <line x1="20" x2={PAD_WIDTH - 20} y1={PAD_HEIGHT - 40} y2={PAD_HEIGHT - 40} className="signature-pad__baseline" />
        <path d={path || undefined} className="signature-pad__ink" />
      </svg>
      <input type="hidden" name={name} value={path} />
      <div className="signature-pad__buttons">
        <button type="button" className="button button--secondary dealer-target" onClick={() => setPath("")} disabled={path === ""}>
          {t("signature.clear")}
        </button>
        <button type="submit" className="button dealer-target" disabled={!hasStroke(path) || busy} data-testid="signature-accept">
          {acceptLabel}
        </button>
      </div>
    </div>
  );
}
