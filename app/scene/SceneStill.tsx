/**
 * A still picture of the product as inline SVG: what the server renders, what
 * shows while the 3D view loads, and what stays when WebGL is unavailable.
 *
 * Given the product line, the still is the rendered picture of this
 * configuration (`/picture/<line>.png`, drawn on the server from the 3D
 * view's model, decision 050), in a 16:9 frame: the vector silhouette
 * (`productPicture`, the one the quote PDF printed before) shows only until
 * the first picture has loaded, and when the configuration changes the last
 * picture stays until the next one is there, so nothing flickers. Without a
 * line (or JavaScript) the silhouette is the picture.
 */
import { useEffect, useMemo, useState } from "react";
import { picturePath, type PictureWidth } from "./picture-url";
import { productPicture } from "./product-picture";

export interface SceneStillProps {
  model: string;
  visualKeys: readonly string[];
  className?: string;
  label?: string;
  /** The product line's code: with it, the rendered picture replaces the silhouette once loaded. */
  line?: string;
  view?: "front" | "side" | "rear";
  /** The picture's width in pixels (about twice its width on screen). */
  pictureWidth?: PictureWidth;
  /** False: the rendered picture from the first paint, no silhouette (pages printed or read without scripts). */
  placeholder?: boolean;
}

/** The view box widened or heightened to 16:9 around its centre, so the rendered picture fills it exactly. */
function widescreen([x, y, w, h]: readonly [number, number, number, number]): [number, number, number, number] {
  if (w / h < 16 / 9) {
    const nw = (h * 16) / 9;
    return [x - (nw - w) / 2, y, nw, h];
  }
  const nh = (w * 9) / 16;
  return [x, y - (nh - h) / 2, w, nh];
}

/** The address of the last picture that finished loading (null before the first). */
function useLoadedPicture(src: string | null): string | null {
  const [loaded, setLoaded] = useState<string | null>(null);
  useEffect(() => {
    if (!src) return;
    let live = true;
    const img = new Image();
    img.onload = () => {
      if (live) setLoaded(src);
    };
    img.src = src;
    if (img.complete && img.naturalWidth > 0) setLoaded(src);
    return () => {
      live = false;
    };
  }, [src]);
  return loaded;
}

export function SceneStill({ model, visualKeys, className, label, line, view = "front", pictureWidth = 960, placeholder = true }: SceneStillProps) {
  const picture = useMemo(() => productPicture(model, visualKeys), [model, visualKeys]);
  const src = line ? picturePath(line, visualKeys, { view, width: pictureWidth, model }) : null;
  const ready = useLoadedPicture(placeholder ? src : null);
  const loaded = placeholder ? ready : src;
  const viewBox = line ? widescreen(picture.viewBox) : picture.viewBox;
  return (
    <svg
      viewBox={viewBox.join(" ")}
      className={className}
      role="img"
      aria-label={label}
      aria-hidden={label ? undefined : true}
      data-testid="product-scene-still"
      data-kind={picture.kind}
      data-picture={loaded ? "rendered" : "silhouette"}
      style={{ width: "100%", height: "100%" }}
    >
      <g visibility={loaded ? "hidden" : undefined}>
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
      </g>
      {loaded ? <image href={loaded} x={viewBox[0]} y={viewBox[1]} width={viewBox[2]} height={viewBox[3]} preserveAspectRatio="xMidYMid meet" data-testid="product-picture" /> : null}
    </svg>
  );
}
