/**
 * Soft studio: a procedural room for reflections (RoomEnvironment through
 * PMREM, no downloaded HDRI), hemisphere fill, one shadow-casting key light,
 * and a floor that shows only the shadow plus a soft contact blob.
 */
import { useThree } from "@react-three/fiber";
import { useEffect, useMemo } from "react";
import * as THREE from "three";
import { RoomEnvironment } from "three/examples/jsm/environments/RoomEnvironment.js";
import { timed } from "./timing";

export const BACKGROUND = "#eceef1";

/** A rounded-rectangle gradient, dark in the middle, clear at the edges (made in code, no canvas needed). */
export function contactShadowTexture(size = 128): THREE.DataTexture {
  const data = new Uint8Array(size * size * 4);
  for (let j = 0; j < size; j++)
    for (let i = 0; i < size; i++) {
      const u = Math.abs((i + 0.5) / size - 0.5) * 2;
      const v = Math.abs((j + 0.5) / size - 0.5) * 2;
      const d = Math.pow(Math.pow(u, 4) + Math.pow(v, 4), 0.25);
      const t = Math.min(1, Math.max(0, (d - 0.45) / 0.55));
      const a = Math.pow(1 - t * t * (3 - 2 * t), 1.8) * 0.62;
      data[(j * size + i) * 4 + 3] = Math.round(a * 255);
    }
  const tex = new THREE.DataTexture(data, size, size, THREE.RGBAFormat);
  tex.magFilter = THREE.LinearFilter;
  tex.minFilter = THREE.LinearFilter;
  tex.needsUpdate = true;
  return tex;
}

/**
 * `shadowMapSize`: the key light's shadow map, in texels per side; 0 = no shadow map (a software renderer), the contact shadow only.
 * `environment`: false until the reflections' environment map may be made (a software renderer makes it after the first frame).
 */
export function StudioEnvironment({ footprint, shadowMapSize = 2048, environment = true }: { footprint: { length: number; width: number }; shadowMapSize?: number; environment?: boolean }) {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    if (!environment) return;
    const pmrem = new THREE.PMREMGenerator(gl);
    const room = new RoomEnvironment();
    const env = timed("environment", () => pmrem.fromScene(room, 0.04).texture);
    scene.environment = env;
    scene.environmentIntensity = 0.9;
    room.traverse((o) => {
      if (o instanceof THREE.Mesh) o.geometry.dispose();
    });
    invalidate(); // frames render on demand: show the reflections
    return () => {
      scene.environment = null;
      env.dispose();
      pmrem.dispose();
    };
  }, [gl, scene, invalidate, environment]);

  const blob = useMemo(() => contactShadowTexture(), []);
  useEffect(() => () => blob.dispose(), [blob]);
  const span = Math.max(footprint.length, footprint.width) * 1.2 + 2;

  return (
    <>
      <color attach="background" args={[BACKGROUND]} />
      <hemisphereLight args={["#ffffff", "#c3c7cd", 0.9]} />
      <directionalLight
        position={[1.5, 10, 2.5]}
        intensity={1.4}
        castShadow={shadowMapSize > 0}
        shadow-mapSize-width={shadowMapSize}
        shadow-mapSize-height={shadowMapSize}
        shadow-bias={-0.0004}
        shadow-normalBias={0.02}
        shadow-camera-left={-span / 2}
        shadow-camera-right={span / 2}
        shadow-camera-top={span / 2}
        shadow-camera-bottom={-span / 2}
        shadow-camera-near={1}
        shadow-camera-far={25}
      />
      <directionalLight position={[-6, 4, -5]} intensity={0.35} />
      {/* Only as large as the shadow camera's square: outside it there is no shadow, only shading cost per pixel. */}
      {shadowMapSize > 0 ? (
        <mesh rotation-x={-Math.PI / 2} position-y={0.001} receiveShadow>
          <planeGeometry args={[span, span]} />
          <shadowMaterial transparent opacity={0.16} />
        </mesh>
      ) : null}
      <mesh rotation-x={-Math.PI / 2} position-y={0.002} renderOrder={-1}>
        <planeGeometry args={[footprint.length * 1.3, footprint.width * 1.45]} />
        <meshBasicMaterial map={blob} transparent depthWrite={false} color="#000000" />
      </mesh>
    </>
  );
}
