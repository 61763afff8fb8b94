// The engine's public surface. Everything here is pure TypeScript (no Office, DOM or Node).
export * from "./types";
export * from "./errors";
