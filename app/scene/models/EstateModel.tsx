import { CarModel, type ModelProps } from "./CarModel";

/** Estate on the sedan's platform: longer roof to a steep tailgate, quarter glass, roof rails. */
export function EstateModel(props: ModelProps) {
  return <CarModel {...props} variant="estate" />;
}
