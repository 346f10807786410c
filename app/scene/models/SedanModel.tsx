import { CarModel, type ModelProps } from "./CarModel";

/** Executive sedan: three-box body, trunk lid, sloping rear glass. */
export function SedanModel(props: ModelProps) {
  return <CarModel {...props} variant="sedan" />;
}
