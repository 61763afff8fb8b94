// The product name and version, for everything outside the engine (which owns them: see engine/version.ts).
export { PRODUCT, VERSION } from "./engine/version";
