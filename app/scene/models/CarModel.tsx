/** The car (sedan or estate platform) as a React component: builds the three.js tree from the spec, fades the roof for the interior view. */
import { useEffect, useMemo } from "react";
import { buildCar } from "../builders/car";
import { type CarVariant } from "../builders/car-profile";
import { disposeObject } from "../dispose";
import { type VisualSpec } from "../visual-keys";
import { useFade } from "./useFade";

export interface ModelProps {
  spec: VisualSpec;
  /** The interior camera is active: open up the model (roof fades, doors open). */
  interiorView: boolean;
}

export function CarModel({ spec, variant, interiorView }: ModelProps & { variant: CarVariant }) {
  const build = useMemo(() => buildCar(spec, variant), [spec, variant]);
  useEffect(() => () => disposeObject(build.group), [build]);
  useFade(build.greenhouse, !interiorView);
  return <primitive object={build.group} />;
}
