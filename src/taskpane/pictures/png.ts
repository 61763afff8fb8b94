// SVG → PNG in the browser, with no network: the SVG string as a data URL in an <img>, drawn on a
// canvas at twice its size (crisp on high-DPI screens and when Excel scales it). The chart
// builders use system fonts only, so nothing has to be fetched.

export interface Png {
  /** Base64, without the data: prefix. */
  base64: string;
  /** CSS pixel size of the picture (the PNG itself is `scale` times larger). */
  width: number;
  height: number;
}

export type Rasterise = (svg: string) => Promise<Png>;

/** The root element's width and height attributes. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const attr = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(root)?.[1] ?? NaN);
  const width = attr("width");
  const height = attr("height");
  if (!(width > 0 && height > 0)) throw new Error("The picture has no size.");
  return { width, height };
}

export const rasteriseInBrowser: Rasterise = async (svg) => {
  const scale = 2;
  const { width, height } = svgSize(svg);
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("This browser cannot draw pictures (no canvas).");
  ctx.fillStyle = "#FFFFFF";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const url = canvas.toDataURL("image/png");
  return { base64: url.slice(url.indexOf(",") + 1), width, height };
};

/** A download of the PNG (where the host cannot take a picture). */
export function pngBlobUrl(png: Png): string {
  const bin = atob(png.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: "image/png" }));
}
