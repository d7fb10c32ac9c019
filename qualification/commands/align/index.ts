export { renderAlign, type AlignChangeLabels } from "./render-align.ts";
export { runAlign } from "./run-align.ts";
