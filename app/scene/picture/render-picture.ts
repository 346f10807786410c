/**
 * The picture of a configured product: the 3D view's own model (the builders,
 * from the same visual keys) drawn by the software rasteriser from the 3D
 * view's front (3/4) or side camera. No GPU, no DOM: it runs on the server for
 * the picture route, the quote PDF and emails (decision 050).
 */
import * as THREE from "three";
import { carProfile } from "../builders/car-profile";
import { buildCar } from "../builders/car";
import { buildFridge } from "../builders/fridge";
import { modelFootprint, modelKind, orbitPosition, presetOrbit, type ModelKind } from "../camera-presets";
import { parseVisualKeys } from "../visual-keys";
import { fitBox, rasterise, type Raster } from "./rasterise";
import { shadeStudio } from "./shade";

export const PICTURE_VIEWS = ["front", "side", "rear"] as const;
export type PictureView = (typeof PICTURE_VIEWS)[number];

export interface PictureOptions {
  view: PictureView;
  width: number;
  height: number;
  /** Samples per pixel along each axis; 2 unless told. */
  supersample?: number;
}

function buildModel(kind: ModelKind, keys: readonly string[]): THREE.Object3D {
  const spec = parseVisualKeys(keys);
  if (kind === "sedan" || kind === "estate") return buildCar(spec, kind).group;
  if (kind === "fridge") return buildFridge(spec).group;
  // As the 3D view: a neutral box in the paint colour.
  const box = new THREE.Mesh(new THREE.BoxGeometry(1, 1, 1), new THREE.MeshStandardMaterial({ color: spec.paint.hex, roughness: 0.4 }));
  box.position.y = 0.5;
  return box;
}

/** The box the picture is framed on, per model: the same whatever the options, so an option changes only its own pixels. */
function frameBox(kind: ModelKind): THREE.Box3 {
  if (kind === "sedan" || kind === "estate") {
    const p = carProfile(kind);
    // From the towbar's ball behind the bumper to the nose, wheels to roof rails, mirror to mirror.
    return new THREE.Box3(new THREE.Vector3(p.xRear - 0.16, 0, -1.02), new THREE.Vector3(p.xFront + 0.02, 1.5, 1.02));
  }
  if (kind === "fridge") return new THREE.Box3(new THREE.Vector3(-0.36, 0, -0.5), new THREE.Vector3(0.44, 1.82, 0.5));
  return new THREE.Box3(new THREE.Vector3(-0.6, 0, -0.6), new THREE.Vector3(0.6, 1.05, 0.6));
}

/** A soft contact shadow under the model, as the 3D view's floor blob: a rounded rectangle dark in the middle. */
function contactShadow(kind: ModelKind, model: string): (x: number, z: number) => number {
  const { length, width } = modelFootprint(model);
  const hx = (length * 1.3) / 2;
  const hz = (width * 1.45) / 2;
  const strength = kind === "fridge" ? 0.5 : 0.62;
  return (x, z) => {
    const u = Math.abs(x) / hx;
    const v = Math.abs(z) / hz;
    if (u >= 1 || v >= 1) return 0;
    const d = Math.pow(u ** 4 + v ** 4, 0.25);
    const t = Math.min(1, Math.max(0, (d - 0.45) / 0.55));
    return Math.pow(1 - t * t * (3 - 2 * t), 1.8) * strength;
  };
}

function framing(kind: ModelKind, view: PictureView, width: number, height: number) {
  const orbit = presetOrbit(kind, view);
  const camera = new THREE.PerspectiveCamera(30, width / height, 0.1, 100);
  camera.position.set(...orbitPosition(orbit));
  camera.lookAt(...orbit.target);
  return fitBox(camera, frameBox(kind));
}

/** Straight RGBA pixels of `model` configured with `visualKeys` (unknown keys ignored, as in the 3D view). */
export function renderPicture(model: string, visualKeys: readonly string[], options: PictureOptions): Raster {
  const kind = modelKind(model);
  return rasterise(buildModel(kind, visualKeys), {
    width: options.width,
    height: options.height,
    supersample: options.supersample ?? 2,
    framing: framing(kind, options.view, options.width, options.height),
    shader: shadeStudio,
    floor: contactShadow(kind, kind),
  });
}

/** Where a world point lands in the picture (pixels from the top left): for tests that look at one part's region. */
export function pictureLocation(model: string, view: PictureView, width: number, height: number, point: readonly [number, number, number]): [number, number] {
  const f = framing(modelKind(model), view, width, height);
  const v = new THREE.Vector3(...point).project(f.camera);
  return [((v.x * f.scale + f.offset[0]) * 0.5 + 0.5) * width, (0.5 - (v.y * f.scale + f.offset[1]) * 0.5) * height];
}
