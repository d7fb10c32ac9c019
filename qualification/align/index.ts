export { renderAlign } from "./render-align.ts";
export { runAlign } from "./run-align.ts";
