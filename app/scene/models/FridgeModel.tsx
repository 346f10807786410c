/** The refrigerator as a React component; the interior view opens its doors and drawers. */
import { useFrame, useThree } from "@react-three/fiber";
import { useEffect, useMemo, useRef } from "react";
import { buildFridge } from "../builders/fridge";
import { simplifyMaterials } from "../builders/materials";
import { disposeObject } from "../dispose";
import { timed } from "../timing";
import { type ModelProps } from "./CarModel";

export function FridgeModel({ spec, interiorView, layeredMaterials = true }: ModelProps) {
  const build = useMemo(() => {
    const fridge = timed("build", () => buildFridge(spec));
    if (!layeredMaterials) simplifyMaterials(fridge.group);
    return fridge;
  }, [spec, layeredMaterials]);
  const gl = useThree((s) => s.gl);
  useEffect(() => () => disposeObject(build.group), [build]);
  const open = useRef(interiorView ? 1 : 0);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => invalidate(), [interiorView, build, invalidate]);
  useFrame((_, dt) => {
    const goal = interiorView ? 1 : 0;
    let next = open.current + (goal - open.current) * (1 - Math.exp(-5 * Math.min(dt, 0.1)));
    if (Math.abs(next - goal) < 0.002) next = goal;
    open.current = next;
    if (build.group.userData.openApplied === next) return;
    build.group.userData.openApplied = next;
    gl.shadowMap.needsUpdate = true; // the doors cast shadows
    for (const m of build.movers) {
      if (m.kind === "hinge") {
        m.object.rotation.y = m.amount * next;
      } else {
        const base = (m.object.userData.closedX ??= m.object.position.x) as number;
        m.object.position.x = base + m.amount * next;
      }
    }
    if (next !== goal) invalidate();
  });
  return <primitive object={build.group} />;
}
