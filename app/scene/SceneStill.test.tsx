/**
 * SceneStill with a product line: the silhouette first (the rendered picture
 * comes once loaded in the browser), or the rendered picture from the first
 * paint when asked to (the printed design sheet), in a 16:9 frame.
 */
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PICTURE_VERSION, picturePath } from "./picture-url";
import { SceneStill } from "./SceneStill";

const keys = ["wheel:5-arm:17", "paint:tango-red:metallic"];

describe("SceneStill", () => {
  it("shows the silhouette until the rendered picture has loaded", () => {
    const html = renderToString(<SceneStill line="sedan-a6l" model="sedan" visualKeys={keys} />);
    expect(html).toContain('data-picture="silhouette"');
    expect(html).toContain('data-part="body"');
    expect(html).not.toContain("<image");
    const [, , w, h] = /viewBox="([^"]+)"/.exec(html)![1].split(" ").map(Number);
    expect(w / h).toBeCloseTo(16 / 9, 5);
  });

  it("shows the rendered picture from the first paint without a placeholder, at the configuration's address", () => {
    const html = renderToString(<SceneStill line="sedan-a6l" model="sedan" visualKeys={keys} placeholder={false} view="side" pictureWidth={640} />);
    expect(html).toContain('data-picture="rendered"');
    const href = /<image href="([^"]+)"/.exec(html)![1].replaceAll("&amp;", "&");
    expect(href).toBe(picturePath("sedan-a6l", keys, { view: "side", width: 640, model: "sedan" }));
    expect(href).toBe(`/picture/sedan-a6l.png?k=paint%3Atango-red%3Ametallic&k=wheel%3A5-arm%3A17&view=side&w=640&m=sedan&v=${PICTURE_VERSION}`);
  });

  it("stays the silhouette alone without a line", () => {
    const html = renderToString(<SceneStill model="sedan" visualKeys={keys} />);
    expect(html).not.toContain("<image");
    expect(html).toMatch(/viewBox="[^"]+"/);
  });
});
