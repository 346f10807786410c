/** Picks the model component for a product line's `visualModel`; an unknown model shows a neutral plinth. */
import { modelKind } from "../camera-presets";
import { type ModelProps } from "./CarModel";
import { EstateModel } from "./EstateModel";
import { FridgeModel } from "./FridgeModel";
import { SedanModel } from "./SedanModel";

export function ProductModel({ model, ...props }: ModelProps & { model: string }) {
  switch (modelKind(model)) {
    case "sedan":
      return <SedanModel {...props} />;
    case "estate":
      return <EstateModel {...props} />;
    case "fridge":
      return <FridgeModel {...props} />;
    default:
      return (
        <mesh position-y={0.5} castShadow name="unknown-model">
          <boxGeometry args={[1, 1, 1]} />
          <meshStandardMaterial color={props.spec.paint.hex} roughness={0.4} />
        </mesh>
      );
  }
}
