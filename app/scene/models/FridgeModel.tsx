/** The refrigerator as a React component; the interior view opens its doors and drawers. */
import { useFrame, useThree } from "@react-three/fiber";
import { useEffect, useMemo, useRef } from "react";
import { buildFridge } from "../builders/fridge";
import { disposeObject } from "../dispose";
import { type ModelProps } from "./CarModel";

export function FridgeModel({ spec, interiorView }: ModelProps) {
  const build = useMemo(() => buildFridge(spec), [spec]);
  useEffect(() => () => disposeObject(build.group), [build]);
  const open = useRef(interiorView ? 1 : 0);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => invalidate(), [interiorView, build, invalidate]);
  useFrame((_, dt) => {
    const goal = interiorView ? 1 : 0;
    let next = open.current + (goal - open.current) * (1 - Math.exp(-5 * Math.min(dt, 0.1)));
    if (Math.abs(next - goal) < 0.002) next = goal;
    open.current = next;
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
