/**
 * A still picture of the product as inline SVG: what the server renders, what
 * shows while the 3D view loads, and what stays when WebGL is unavailable.
 * The drawing itself is `productPicture` (the same one the quote PDF prints):
 * drawn from the same profile as the 3D car and tinted with the chosen paint.
 */
import { useMemo } from "react";
import { productPicture } from "./product-picture";

export function SceneStill({ model, visualKeys, className, label }: { model: string; visualKeys: readonly string[]; className?: string; label?: string }) {
  const picture = useMemo(() => productPicture(model, visualKeys), [model, visualKeys]);
  return (
    <svg
      viewBox={picture.viewBox.join(" ")}
      className={className}
      role="img"
      aria-label={label}
      aria-hidden={label ? undefined : true}
      data-testid="product-scene-still"
      data-kind={picture.kind}
      style={{ width: "100%", height: "100%" }}
    >
      {picture.shapes.map((shape, i) => (
        <path
          key={i}
          d={shape.d}
          fill={shape.fill}
          opacity={shape.opacity}
          stroke={shape.stroke?.color}
          strokeWidth={shape.stroke?.width}
          strokeOpacity={shape.stroke?.opacity}
          data-part={shape.part}
        />
      ))}
    </svg>
  );
}
