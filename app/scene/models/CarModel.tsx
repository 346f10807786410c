/** The car (sedan or estate platform) as a React component: builds the three.js tree from the spec. */
import { useEffect, useMemo } from "react";
import { buildCar } from "../builders/car";
import { type CarVariant } from "../builders/car-profile";
import { simplifyMaterials } from "../builders/materials";
import { disposeObject } from "../dispose";
import { type VisualSpec } from "../visual-keys";
import { timed } from "../timing";

export interface ModelProps {
  spec: VisualSpec;
  /** The interior camera is active: open up the model (the refrigerator's doors open). */
  interiorView: boolean;
  /** Clearcoat, sheen and iridescence; false on a software renderer, where every layer is shaded on the CPU. */
  layeredMaterials?: boolean;
}

/** The car keeps its roof in every view: the interior camera sits in the driver's seat, under the headliner. */
export function CarModel({ spec, variant, layeredMaterials = true }: ModelProps & { variant: CarVariant }) {
  const build = useMemo(() => {
    const car = timed("build", () => buildCar(spec, variant));
    if (!layeredMaterials) simplifyMaterials(car.group);
    return car;
  }, [spec, variant, layeredMaterials]);
  useEffect(() => () => disposeObject(build.group), [build]);
  return <primitive object={build.group} />;
}
